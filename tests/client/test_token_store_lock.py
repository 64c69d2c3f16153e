"""A store's ``lock()`` around load-check-refresh-save: custom stores, async waits, cancellation."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

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
