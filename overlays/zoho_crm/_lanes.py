"""Lanes: where a batch's or a stream's calls run, at most ``concurrency`` in a call at once.

The batch and stream loops are written once (``_async/_run.py``, ``_async/_stream.py``) against these
two classes: :class:`AsyncLanes` runs work as tasks on the event loop, :class:`SyncLanes` on threads.
A slot (``acquire``/``release``, or ``slot()``) is held for the length of a call; reading its answer
happens after the slot went to the next call.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

T = TypeVar("T")

HANDOFF_TURNS = 10
"""Loop turns an async task waits, at most, for the next call's request to go out before reading its own
answer: from taking the slot, a request takes about 5 turns to be written over httpx (pool, locks, writes)."""


class AsyncLanes:
    """Tasks on the running event loop."""

    def __init__(self, concurrency: int) -> None:
        import asyncio  # only async users pay for it

        self._asyncio = asyncio
        self._gate = asyncio.Semaphore(max(1, concurrency))
        self._tasks: set[asyncio.Future[Any]] = set()
        self.sent = 0

    def on_sent(self) -> None:
        """A request went out in full (see ``AsyncEngine.send``)."""
        self.sent += 1

    def slot(self) -> AbstractAsyncContextManager[object]:
        """A slot, held for the length of a call."""
        return self._gate

    async def acquire(self) -> None:
        """Wait for a free slot and take it."""
        await self._gate.acquire()

    def release(self) -> None:
        """Give a slot back."""
        self._gate.release()

    async def hand_on(self, waiting: bool) -> None:
        """Let the task that took the slot send its request before this one reads its answer.

        ``waiting``: whether a call is waiting for the slot at all. An in-process transport reports no
        request sent: then after :data:`HANDOFF_TURNS` turns of the loop.
        """
        if not waiting:
            return
        mark = self.sent
        for _ in range(HANDOFF_TURNS):
            await self._asyncio.sleep(0)
            if self.sent != mark:
                return

    def start(self, work: Callable[..., Awaitable[T]], *args: Any) -> asyncio.Future[T]:
        """``work(*args)`` as a task, started now."""
        task = self._asyncio.ensure_future(work(*args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def result(self, task: Awaitable[T]) -> T:
        """A task's result, once it is done."""
        return await task

    async def join(self) -> None:
        """Wait for every task started; the first one's exception is raised."""
        await self._asyncio.gather(*self._tasks)

    def cancel(self) -> None:
        """Cancel the calls in flight."""
        for task in self._tasks:
            task.cancel()

    def cancel_on(self, exc: BaseException) -> None:
        """Cancel the calls in flight when ``exc`` is a cancellation (any other stop lets them end)."""
        if isinstance(exc, self._asyncio.CancelledError):
            self.cancel()

    async def aclose(self) -> None:
        """Wait for the calls in flight to end."""
        await self._asyncio.gather(*self._tasks, return_exceptions=True)


class SyncLanes:
    """Threads: ``concurrency`` in a call at once, as many again reading answers."""

    on_sent = None
    """Threads need no hand-off: the next call's thread runs as soon as the slot is free."""

    def __init__(self, concurrency: int) -> None:
        from concurrent.futures import ThreadPoolExecutor  # sync batches only: not paid on import

        concurrency = max(1, concurrency)
        self._gate = threading.BoundedSemaphore(concurrency)
        self._pool = ThreadPoolExecutor(2 * concurrency, thread_name_prefix="zoho-crm")
        self._lock = threading.Lock()
        self._running: set[Future[Any]] = set()  # not the done ones: a stream starts millions
        self._error: BaseException | None = None

    def slot(self) -> AbstractContextManager[object]:
        """A slot, held for the length of a call."""
        return self._gate

    def acquire(self) -> None:
        """Wait for a free slot and take it."""
        self._gate.acquire()

    def release(self) -> None:
        """Give a slot back."""
        self._gate.release()

    def hand_on(self, waiting: bool) -> None:
        """Nothing to wait for (see :meth:`AsyncLanes.hand_on`)."""

    def start(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """``work(*args)`` on a free thread."""
        future = self._pool.submit(work, *args)
        with self._lock:
            self._running.add(future)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future[Any]) -> None:
        with self._lock:
            self._running.discard(future)
            if self._error is None and not future.cancelled():
                self._error = future.exception()

    def result(self, future: Future[T]) -> T:
        """A call's result, once it is done."""
        return future.result()

    def join(self) -> None:
        """Wait for all work started; the first exception raised by one is raised."""
        from concurrent.futures import wait

        with self._lock:
            running = list(self._running)
        wait(running)
        if self._error is not None:
            raise self._error

    def cancel(self) -> None:
        """Threads cannot be cancelled: the calls in flight end (work not started never starts)."""

    def cancel_on(self, exc: BaseException) -> None:
        """As :meth:`cancel`."""

    def close(self) -> None:
        """Wait for the calls in flight to end."""
        self._pool.shutdown(wait=True, cancel_futures=True)
