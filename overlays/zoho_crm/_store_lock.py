"""Holding a token store's ``lock()`` (when it has one) around a refresh, from sync or async code.

A lock that cannot be had (the store is down, or the wait timed out) is logged and done without:
the refresh still happens, single flight only within this client.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager

from ._logging import logger
from .tokens import TokenStore

__all__ = ["astore_lock", "store_lock"]


def _lock_of(store: TokenStore, wanted: bool) -> AbstractContextManager[object] | None:
    lock = getattr(store, "lock", None)
    return lock() if wanted and callable(lock) else None


def _enter(store: TokenStore, lock: AbstractContextManager[object]) -> bool:
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
    return True


def _exit(lock: AbstractContextManager[object]) -> None:
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
            _exit(lock)


@contextlib.asynccontextmanager
async def astore_lock(store: TokenStore, wanted: bool = True) -> AsyncIterator[None]:
    """Async :func:`store_lock`: the (blocking) wait happens in a worker thread."""
    import asyncio

    lock = _lock_of(store, wanted)
    if lock is None:
        yield
        return
    entering = asyncio.ensure_future(asyncio.to_thread(_enter, store, lock))
    try:
        entered = await asyncio.shield(entering)
    except asyncio.CancelledError:  # cancelled while waiting: release the lock once the thread has it

        def release(done: asyncio.Future[bool]) -> None:
            if not done.cancelled() and done.exception() is None and done.result():
                _exit(lock)

        entering.add_done_callback(release)
        raise
    try:
        yield
    finally:
        if entered:
            _exit(lock)
