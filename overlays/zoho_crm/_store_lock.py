"""Holding a token store's ``lock()`` (when it has one) around a refresh, from sync or async code.

A lock that cannot be had is logged and done without; one that expires by itself is renewed while held,
so a slow token endpoint never lets a second replica in (docs/authentication.md, the Redis store).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager
from typing import Any

from ._logging import logger
from .tokens import TokenStore

__all__ = ["astore_lock", "store_lock"]


def _lock_of(store: TokenStore, wanted: bool) -> AbstractContextManager[object] | None:
    lock = getattr(store, "lock", None)
    return lock() if wanted and callable(lock) else None


class _Keeper:
    """Renews a lock that expires by itself every third of its ``timeout``, until stopped."""

    def __init__(self, lock: object, ttl: float) -> None:
        self.lock, self.every = lock, ttl / 3
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._renew, name="zoho-crm-token-lock", daemon=True)
        self.thread.start()

    def _renew(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                self.lock.reacquire()  # type: ignore[attr-defined]
            except Exception as exc:  # lost (expired while frozen) or the store is down: nothing to keep
                logger.warning("zoho_crm: could not renew the token store's lock (%s: %s)", type(exc).__name__, exc)
                return


def _enter_in_thread(
    store: TokenStore, lock: AbstractContextManager[object], loop: Any
) -> concurrent.futures.Future[_Keeper | bool]:
    """:func:`_enter` in a thread of its own: its future completes even after every task is cancelled.

    (``asyncio.to_thread``'s task is cancelled with the loop's shutdown, and then says nothing of a lock
    its thread took afterwards: the lock would stay held.) A lock had once ``loop`` is closed has nobody
    left to use it: it is given back at once.
    """
    future: concurrent.futures.Future[_Keeper | bool] = concurrent.futures.Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                entered = _enter(store, lock)
                if entered and loop.is_closed():  # stopped and closed while it waited (not through asyncio.run)
                    _exit(lock, entered)
                    entered = False
                future.set_result(entered)
            except BaseException as exc:  # handed to the waiter
                future.set_exception(exc)

    threading.Thread(target=run, name="zoho-crm-token-lock-wait", daemon=True).start()
    return future


def _enter(store: TokenStore, lock: AbstractContextManager[object]) -> _Keeper | bool:
    """Enter ``lock`` (``False``, logged, when it cannot be had); one that expires by itself gets a :class:`_Keeper`."""
    try:
        lock.__enter__()
    except Exception as exc:
        logger.warning(
            "zoho_crm: could not lock the token store %r (%s: %s); refreshing without it",
            store,
            type(exc).__name__,
            exc,
        )
        return False
    ttl = getattr(lock, "timeout", None)
    renewable = callable(getattr(lock, "reacquire", None)) and isinstance(ttl, int | float) and ttl > 0
    return _Keeper(lock, float(ttl)) if renewable else True  # type: ignore[arg-type]


def _exit(lock: AbstractContextManager[object], entered: _Keeper | bool) -> None:
    if isinstance(entered, _Keeper):
        entered.stopped.set()
        entered.thread.join()
    try:
        lock.__exit__(None, None, None)
    except Exception as exc:  # e.g. a Redis lock that expired meanwhile: the refresh is done anyway
        logger.warning("zoho_crm: could not release the token store's lock (%s: %s)", type(exc).__name__, exc)


@contextlib.contextmanager
def store_lock(store: TokenStore, wanted: bool = True) -> Iterator[None]:
    """Hold ``store.lock()`` if the store has one (and ``wanted``)."""
    lock = _lock_of(store, wanted)
    entered = lock is not None and _enter(store, lock)
    try:
        yield
    finally:
        if entered and lock is not None:
            _exit(lock, entered)


@contextlib.asynccontextmanager
async def astore_lock(store: TokenStore, wanted: bool = True) -> AsyncIterator[None]:
    """Async :func:`store_lock`: the (blocking) wait happens in a worker thread."""
    import asyncio

    lock = _lock_of(store, wanted)
    if lock is None:
        yield
        return
    waiting = _enter_in_thread(store, lock, asyncio.get_running_loop())
    try:
        entered = await asyncio.shield(asyncio.wrap_future(waiting))
    except BaseException:  # cancelled while waiting (a task, the loop shutting down), or closed, never resumed

        def release(done: concurrent.futures.Future[_Keeper | bool]) -> None:  # in the thread, once it has the lock
            if done.exception() is None and done.result():
                _exit(lock, done.result())

        waiting.add_done_callback(release)
        raise
    try:
        yield
    finally:
        if entered:
            _exit(lock, entered)
