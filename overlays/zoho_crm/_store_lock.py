"""Holding a token store's ``lock()`` (when it has one) around a refresh, from sync or async code.

A lock that cannot be had is logged and done without; one that expires by itself is renewed while held,
so a slow token endpoint never lets a second replica in (docs/authentication.md, the Redis store).

Async code never waits for the store on its event loop: the lock's wait and release, and the store's
``load``/``save`` (:func:`off_loop`), run in worker threads, so a store that stops answering holds up
only the callers that need a token, and their timeouts and cancellations still end them on time.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import contextvars
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from ._logging import logger
from .tokens import TokenStore

__all__ = ["PENDING", "astore_lock", "held_lock", "in_thread", "off_loop", "store_lock"]

T = TypeVar("T")


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


def in_thread(call: Callable[[], T], after: concurrent.futures.Future[Any] | None = None,
              name: str = "zoho-crm-token-store", *, at_exit: bool = True) -> concurrent.futures.Future[T]:  # fmt: skip
    """``call()`` in a daemon thread of its own, once ``after`` (if any) has ended: it runs to its end.

    Its future is running from the start, so a waiter that is cancelled (``asyncio.wrap_future``) stops
    waiting without cancelling it: a save is never dropped, a lock taken is always given back. (A thread
    of its own rather than ``asyncio.to_thread``: the loop's shutdown neither cancels it nor waits for it.)
    With ``at_exit``, it is one of the :data:`PENDING` calls a program that exits gives ``_oauth.EXIT_WAIT``
    seconds to end.
    """
    future: concurrent.futures.Future[T] = concurrent.futures.Future()
    future.set_running_or_notify_cancel()
    if at_exit:
        PENDING.add(future)

    def run() -> None:
        try:
            if after is not None:
                concurrent.futures.wait([after])
            future.set_result(call())
        except BaseException as exc:  # handed to the waiter
            future.set_exception(exc)
        finally:
            PENDING.discard(future)

    try:
        threading.Thread(target=run, name=name, daemon=True).start()
    except RuntimeError:  # no new thread at interpreter shutdown (Python 3.12+): run in this one
        run()
    return future


PENDING: set[concurrent.futures.Future[Any]] = set()
"""Store calls, lock waits and releases still running in their threads (a read outside the lock is not waited for)."""


class _Held:
    """The store calls made while an async caller holds the store's lock: one after another, release last."""

    def __init__(self, first: concurrent.futures.Future[Any] | None) -> None:
        self.last = first

    def then(self, call: Callable[[], T], name: str = "zoho-crm-token-store") -> concurrent.futures.Future[T]:
        future = in_thread(call, self.last, name)
        self.last = future
        return future


_HELD: contextvars.ContextVar[_Held | None] = contextvars.ContextVar("zoho_crm_store_held", default=None)


def held_lock() -> bool:
    """Whether the running task is inside :func:`astore_lock` (for a store that may wait)."""
    return _HELD.get() is not None


async def off_loop(call: Callable[[], T]) -> T:
    """``call()`` (a store's load or save) in a worker thread, never on the event loop.

    Under :func:`astore_lock`, after the lock's wait and the calls before it, and before the lock's
    release. A caller cancelled meanwhile stops waiting at once; the call runs to its end.
    """
    import asyncio

    held = _HELD.get()
    return await asyncio.wrap_future(in_thread(call) if held is None else held.then(call))


_WATCH = 0.5
"""Seconds between a held lock's looks at its caller's event loop (see :class:`_Hold`)."""


class _Hold:
    """A lock an async caller had: given back once, after the store calls made under it.

    By its caller; or, when the caller's event loop was closed without it (``loop.close()`` with the
    refresh pending, not through ``asyncio.run``), by a watcher thread: a Redis lock would otherwise
    be renewed, and a file lock held, until the process ends.
    """

    def __init__(self, lock: AbstractContextManager[object], entered: _Keeper | bool, loop: Any, held: _Held) -> None:
        self.lock, self.entered, self.done, self._once = lock, entered, threading.Event(), threading.Lock()
        threading.Thread(target=self._watch, args=(loop, held), name="zoho-crm-token-lock-watch", daemon=True).start()

    def give_back(self) -> None:
        """Give the lock back (once)."""
        if self._once.acquire(blocking=False):
            _exit(self.lock, self.entered)
            self.done.set()

    def _watch(self, loop: Any, held: _Held) -> None:
        while not self.done.wait(_WATCH):
            if loop.is_closed():  # nobody left to give it back: once the store calls under way end
                concurrent.futures.wait([held.last] if held.last else [])
                self.give_back()


def _enter_lock(store: TokenStore, loop: Any, held: _Held) -> _Hold | None:
    """Make and enter the store's lock (``None`` when it cannot be had), in a worker thread.

    A lock had once ``loop`` is closed (while it waited) is given back by its :class:`_Hold`'s watcher.
    """
    lock = _lock_of(store, True)
    entered = lock is not None and _enter(store, lock)
    return _Hold(lock, entered, loop, held) if entered and lock is not None else None


def _release(waiting: concurrent.futures.Future[_Hold | None]) -> None:
    """Give back the lock ``waiting`` had (if it had one); run once the store calls made under it ended."""
    if waiting.exception() is None and (hold := waiting.result()) is not None:
        hold.give_back()


@contextlib.asynccontextmanager
async def astore_lock(store: TokenStore, wanted: bool = True) -> AsyncIterator[None]:
    """Async :func:`store_lock`, that never waits on the event loop.

    The lock's wait, the store calls made while it is held (:func:`off_loop`) and its release run in
    worker threads, one after another. A caller cancelled (its task, the loop shutting down) stops
    waiting at once; the store calls under way end, and then the lock is given back.
    """
    import asyncio

    waiting, loop, held = None, asyncio.get_running_loop(), _Held(None)
    if wanted and callable(getattr(store, "lock", None)):
        held.last = waiting = in_thread(lambda: _enter_lock(store, loop, held), name="zoho-crm-token-lock-wait")
        try:
            await asyncio.wrap_future(waiting)
        except BaseException:  # cancelled while waiting (a task, the loop shutting down), or closed, never resumed
            in_thread(lambda: _release(waiting), waiting, "zoho-crm-token-lock-release")
            raise
    outer = _HELD.get()
    _HELD.set(held)
    cancelled = False
    try:
        yield
    except BaseException as exc:
        cancelled = not isinstance(exc, Exception)  # CancelledError, GeneratorExit: the caller waits no more
        raise
    finally:
        _HELD.set(outer)
        if waiting is not None:
            released = held.then(lambda: _release(waiting), "zoho-crm-token-lock-release")
            if not cancelled:
                await asyncio.wrap_future(released)
