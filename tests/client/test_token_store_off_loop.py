"""An async client never waits for its token store on the event loop: a store that stops answering (a Redis
that hangs, a file on a stalled NFS mount) holds up only the calls that need the token, never the loop's
other tasks, and the caller's own timeout or cancellation ends its call on time.

The store here is a :class:`FileTokenStore` whose ``load`` or ``save`` waits for an event the test sets
(a watchdog ends the wait after ``WATCHDOG`` seconds, so the old code fails instead of hanging). The
heartbeat is a task counting its turns on the loop while the store is stuck.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import AsyncZohoCRM, FileTokenStore, RetryPolicy, Token, ZohoCRM
from zoho_crm.errors import APITimeoutError
from zoho_crm.testing import Sandbox

WATCHDOG = 20.0
"""Seconds a stuck store call waits at most (a safety bound: the test sets ``go`` long before)."""
BEATS = 100
"""Turns of the loop the heartbeat must take while the store is stuck."""


class StuckFileStore(FileTokenStore):
    """A token file on a disk that stalls: the first ``load`` or ``save`` (``stuck_in``) waits for ``go``."""

    def __init__(self, path: Path, stuck_in: str) -> None:
        super().__init__(path, lock_timeout=30)
        self.stuck_in = stuck_in
        self.stuck, self.go = threading.Event(), threading.Event()
        self.events: list[str] = []

    def _stall(self, call: str) -> None:
        if call == self.stuck_in and not self.stuck.is_set():
            self.stuck.set()
            self.go.wait(WATCHDOG)
            self.go.set()  # the watchdog's end counts as the store answering

    def load(self) -> Token | None:
        self._stall("load")
        return super().load()

    def save(self, token: Token) -> None:
        self._stall("save")
        super().save(token)
        self.events.append("saved")

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        with super().lock():
            self.events.append("locked")
            yield
            self.events.append("unlocking")

    @property
    def stalled(self) -> bool:
        """Stuck in its load or save right now."""
        return self.stuck.is_set() and not self.go.is_set()


def events_once_unlocked(store: StuckFileStore) -> list[str]:
    """What ``store`` did until another process could lock its file (waiting up to 30 s for that)."""
    with FileTokenStore(store.path, lock_timeout=30).lock():
        return list(store.events)


async def heartbeat(store: StuckFileStore, beats: list[int]) -> None:
    """Count the loop's turns taken while ``store`` is stuck."""
    while True:
        await asyncio.sleep(0)
        beats[0] += store.stalled


async def call_with_timeout(crm: AsyncZohoCRM, store: StuckFileStore) -> str:
    """``records.count`` within a 0.5 s timeout: what became of it, seen from the store."""
    try:
        await asyncio.wait_for(crm.records.count("Leads"), 0.5)
    except asyncio.TimeoutError:
        return "timed out while the store was stuck" if store.stalled else "timed out after the store answered"
    return "answered"


@pytest.mark.anyio
@pytest.mark.parametrize("stuck_in", ["load", "save"])
async def test_a_stuck_store_never_stalls_the_loop_and_the_callers_timeout_fires(
    sb: Sandbox, tmp_path: Path, stuck_in: str
) -> None:
    store = StuckFileStore(tmp_path / "token.json", stuck_in)
    beats = [0]
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), token_store=store,
                            **client_kwargs(sb)) as crm:  # fmt: skip
        beating = asyncio.ensure_future(heartbeat(store, beats))
        try:
            outcome = await call_with_timeout(crm, store)
            for _ in range(10 * BEATS):  # the heartbeat's turns while the store is still stuck
                await asyncio.sleep(0)
            assert store.stalled, "the watchdog ended the store's stall: the loop was blocked on it"
            assert outcome == "timed out while the store was stuck"
            assert beats[0] >= BEATS, beats
            store.go.set()
            assert await asyncio.wait_for(crm.records.count("Leads"), 30) == 0  # the client carries on
        finally:
            beating.cancel()
    assert sb.counters.token_refreshes == 1  # the stuck refresh was joined, not repeated


@pytest.mark.anyio
@pytest.mark.parametrize("stuck_in", ["load", "save"])
async def test_a_stuck_store_lets_the_clients_own_timeout_end_the_call(
    sb: Sandbox, tmp_path: Path, stuck_in: str
) -> None:
    store = StuckFileStore(tmp_path / "token.json", stuck_in)
    # 2 s, well under the watchdog's 20: a shorter timeout could fire under load before the store stalls
    kwargs = {**client_kwargs(sb), "timeout": 2.0, "retry": RetryPolicy(max_attempts=1)}
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), token_store=store, **kwargs) as crm:
        with pytest.raises(APITimeoutError) as raised:
            await crm.records.count("Leads")
        assert store.stalled, "the watchdog ended the store's stall: the loop was blocked on it"
        assert raised.value.never_sent
        store.go.set()
        assert await asyncio.wait_for(crm.records.count("Leads"), 30) == 0
    assert sb.counters.token_refreshes == 1


@pytest.mark.anyio
async def test_a_save_stuck_under_the_lock_is_finished_before_the_lock_is_given_back(
    sb: Sandbox, tmp_path: Path
) -> None:
    """The caller gave up (its timeout) while the refreshed token was being saved: saved, then unlocked."""
    store = StuckFileStore(tmp_path / "token.json", "save")
    other = FileTokenStore(tmp_path / "token.json", lock_timeout=0.01)  # another process on the same file
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), token_store=store,
                            **client_kwargs(sb)) as crm:  # fmt: skip
        assert await call_with_timeout(crm, store) == "timed out while the store was stuck"
        assert store.events == ["locked"]
        from filelock import Timeout

        with pytest.raises(Timeout):  # the refresh still holds the lock
            await asyncio.to_thread(other._file_lock.acquire, 0)
        store.go.set()
        assert await asyncio.wait_for(crm.records.count("Leads"), 30) == 0
        assert await asyncio.to_thread(events_once_unlocked, store) == ["locked", "saved", "unlocking"]
    with ZohoCRM(sb.credentials, transport=sb.transport(), token_store=FileTokenStore(tmp_path / "token.json"),
                 **client_kwargs(sb)) as peer:  # fmt: skip
        assert peer.records.count("Leads") == 0  # the saved token: no refresh of its own
    assert sb.counters.token_refreshes == 1


def test_a_loop_ending_while_a_save_is_stuck_loses_neither_the_token_nor_the_lock(sb: Sandbox, tmp_path: Path) -> None:
    """``asyncio.run`` ends (its tasks cancelled) while the refresh's save waits on the disk: the save ends,
    then the lock is given back; a peer then uses the saved token."""
    store = StuckFileStore(tmp_path / "token.json", "save")

    async def main() -> None:
        crm = AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), token_store=store, **client_kwargs(sb))
        given_up = asyncio.ensure_future(crm.records.count("Leads"))  # a call the program gives up on
        assert await asyncio.to_thread(store.stuck.wait, 30)
        assert store.stalled
        assert not given_up.done()

    asyncio.run(main())  # returns while the save is stuck: the loop never waited for it
    assert store.stalled
    store.go.set()
    assert events_once_unlocked(store) == ["locked", "saved", "unlocking"]
    peer_store = FileTokenStore(tmp_path / "token.json")
    assert peer_store.load() is not None
    with ZohoCRM(sb.credentials, transport=sb.transport(), token_store=peer_store, **client_kwargs(sb)) as peer:
        assert peer.records.count("Leads") == 0
    assert sb.counters.token_refreshes == 1


def test_a_loop_closed_without_asyncio_run_while_a_save_is_stuck_gives_the_lock_back(
    sb: Sandbox, tmp_path: Path
) -> None:
    """``loop.close()`` with the refresh pending (no ``asyncio.run`` to cancel it) while its save waits on the
    disk: the refresh never resumes, so a watcher gives the lock back once the save ends."""
    store = StuckFileStore(tmp_path / "token.json", "save")
    crm = AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), token_store=store, **client_kwargs(sb))
    loop = asyncio.new_event_loop()
    with pytest.raises(asyncio.TimeoutError):
        loop.run_until_complete(asyncio.wait_for(crm.records.count("Leads"), 0.5))
    assert store.stalled
    loop.close()
    store.go.set()
    assert events_once_unlocked(store) == ["locked", "saved", "unlocking"]  # before: held until the process ends
    assert FileTokenStore(tmp_path / "token.json").load() is not None
