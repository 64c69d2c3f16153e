"""A store's ``lock()`` around load-check-refresh-save: custom stores, async waits, cancellation."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import AsyncZohoCRM, FileTokenStore, MemoryTokenStore, ZohoCRM
from zoho_crm.testing import Sandbox
from zoho_crm.tokens import LockingTokenStore


class CountingLockStore(MemoryTokenStore):
    """A custom store offering ``lock()``: records who held it when each save happened."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self.held = 0
        self.saves_outside_lock = 0

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        with self._lock:
            self.held += 1
            yield

    def save(self, token: object) -> None:
        self.saves_outside_lock += not self._lock.locked()
        super().save(token)  # type: ignore[arg-type]


def test_a_custom_store_lock_is_held_around_each_refresh(sb: Sandbox) -> None:
    store = CountingLockStore()
    assert isinstance(store, LockingTokenStore)
    with ZohoCRM(sb.credentials, transport=sb.transport(), token_store=store, **client_kwargs(sb)) as crm:
        crm.records.count("Leads")
        sb.expire_tokens()
        crm.records.count("Leads")
    assert sb.counters.token_refreshes == 2
    assert store.held == 2
    assert store.saves_outside_lock == 0


@pytest.mark.anyio
async def test_async_waits_for_another_process_holding_the_file_lock(sb: Sandbox, tmp_path: Path) -> None:
    other = FileTokenStore(tmp_path / "t.json")  # another process's view of the same file
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(),
                            token_store=FileTokenStore(tmp_path / "t.json"), **client_kwargs(sb)) as crm:  # fmt: skip
        with other.lock():
            waiting = asyncio.ensure_future(crm.records.count("Leads"))
            for _ in range(200):  # the loop stays free while the refresh waits for the lock
                await asyncio.sleep(0)
            assert not waiting.done()
            assert sb.counters.token_refreshes == 0
        assert await asyncio.wait_for(waiting, 30) == 0
    assert sb.counters.token_refreshes == 1


@pytest.mark.anyio
async def test_a_task_cancelled_while_waiting_for_the_lock_does_not_keep_it(sb: Sandbox, tmp_path: Path) -> None:
    other = FileTokenStore(tmp_path / "t.json")
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(),
                            token_store=FileTokenStore(tmp_path / "t.json"), **client_kwargs(sb)) as crm:  # fmt: skip
        with other.lock():
            waiting = asyncio.ensure_future(crm.records.count("Leads"))
            for _ in range(50):
                await asyncio.sleep(0)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
        # the worker thread gets the lock after we let go, and hands it back: the next call refreshes normally
        assert await asyncio.wait_for(crm.records.count("Leads"), 30) == 0
    acquired = await asyncio.to_thread(other._file_lock.acquire, 5)
    acquired.lock.release()
    assert sb.counters.token_refreshes == 1


SHARERS = 6


class HeldRefresh:
    """Holds the first token request until every sharer could have sent its own (or a second has passed)."""

    def __init__(self) -> None:
        self.asked, self.all_asked, self._lock = 0, threading.Event(), threading.Lock()

    def hold(self, request: httpx.Request) -> None:
        if not request.url.path.endswith("/oauth/v2/token"):
            return
        with self._lock:
            self.asked += 1
            first = self.asked == 1
            if self.asked == SHARERS:
                self.all_asked.set()
        if first:  # a client that waits for the first refresh never asks: the wait ends at its timeout
            self.all_asked.wait(1.0)


class Holding(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, held: HeldRefresh) -> None:
        self.inner, self.held = inner, held

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.held.hold(request)
        return self.inner.handle_request(request)


class AsyncHolding(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, held: HeldRefresh) -> None:
        self.inner, self.held = inner, held

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await asyncio.to_thread(self.held.hold, request)  # the loop stays free for the other clients
        return await self.inner.handle_async_request(request)


def test_clients_sharing_a_memory_store_make_one_refresh_between_them(sb: Sandbox) -> None:
    store, held = MemoryTokenStore(), HeldRefresh()
    clients = [ZohoCRM(sb.credentials, transport=Holding(sb.transport(), held), token_store=store,
                       **client_kwargs(sb)) for _ in range(SHARERS)]  # fmt: skip
    start = threading.Barrier(SHARERS)

    def call(crm: ZohoCRM) -> int:
        start.wait()
        return crm.records.count("Leads")

    with ThreadPoolExecutor(SHARERS) as pool:
        assert list(pool.map(call, clients)) == [0] * SHARERS
        assert sb.counters.token_refreshes == 1  # one token at start-up, not one per client
        sb.expire_tokens()
        held.asked = 0
        assert list(pool.map(call, clients)) == [0] * SHARERS
    assert sb.counters.token_refreshes == 2  # and one per expiry
    for crm in clients:
        crm.close()


@pytest.mark.anyio
async def test_async_clients_sharing_a_memory_store_with_a_sync_one_make_one_refresh(sb: Sandbox) -> None:
    store, held = MemoryTokenStore(), HeldRefresh()
    clients = [AsyncZohoCRM(sb.credentials, transport=AsyncHolding(sb.async_transport(), held), token_store=store,
                            **client_kwargs(sb)) for _ in range(SHARERS - 1)]  # fmt: skip
    with ZohoCRM(sb.credentials, transport=Holding(sb.transport(), held), token_store=store,
                 **client_kwargs(sb)) as other:  # fmt: skip
        in_thread = asyncio.to_thread(other.records.count, "Leads")  # another thread's client, say
        counts = await asyncio.wait_for(
            asyncio.gather(in_thread, *(crm.records.count("Leads") for crm in clients)), 60
        )  # a client waiting for the lock on the loop would hold up the refresh it waits for
    assert counts == [0] * SHARERS
    assert sb.counters.token_refreshes == 1
    for crm in clients:
        await crm.aclose()
