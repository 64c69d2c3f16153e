"""Lanes: where a batch's or a stream's calls run, at most ``concurrency`` at once; inboxes: their answers.

The batch and stream loops are written once (``_async/_run.py``, ``_async/_stream.py``) against these
classes: :class:`AsyncLanes` runs work as tasks, a semaphore holding all but ``concurrency`` of them
back; :class:`SyncLanes` on a pool of ``concurrency`` threads. An inbox hands answers from the lanes to
the loop that reads them (:meth:`AsyncLanes.inbox`: an ``asyncio.Queue``, a ``queue.SimpleQueue``).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio
    import queue
    from concurrent.futures import Future

T = TypeVar("T")

WAKE = 0.1
"""Seconds between the wake-ups of a sync batch's wait for an answer (see :func:`_waking_queue`)."""

HANDOFF_TURNS = 10
"""Loop turns an async batch waits, at most, for the next call's request to go out before reading an
answer: from taking a chunk, a request takes about 5 turns to be written over httpx (pool, locks, writes)."""


class AsyncLanes:
    """Tasks on the running event loop."""

    def __init__(self, concurrency: int) -> None:
        import asyncio  # only async users pay for it

        self._asyncio = asyncio
        self._gate = asyncio.Semaphore(max(1, concurrency))
        self._tasks: set[asyncio.Future[Any]] = set()
        self.calls = self.sent = 0

    def on_call(self) -> None:
        """A call is about to be made."""
        self.calls += 1

    def on_sent(self) -> None:
        """A request went out in full (see ``AsyncEngine.send``)."""
        self.sent += 1

    async def hand_on(self) -> None:
        """Let a call's request go out before an answer is read (the call then waits on the network).

        Returns at once when every call made has sent its request; an in-process transport reports
        none sent: then after :data:`HANDOFF_TURNS` turns of the loop.
        """
        if self.sent >= self.calls:
            return
        mark = self.sent
        for _ in range(HANDOFF_TURNS):
            await self._asyncio.sleep(0)
            if self.sent != mark:
                return

    def slot(self) -> AbstractAsyncContextManager[object]:
        """A slot, held for the length of a call."""
        return self._gate

    def start(self, work: Callable[..., Awaitable[T]], *args: Any) -> asyncio.Future[T]:
        """``work(*args)`` as a task, started now."""
        task = self._asyncio.ensure_future(work(*args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def result(self, task: asyncio.Future[T]) -> T:
        """A task's result, once it is done.

        Shielded: cancelling the reader does not cancel this one task first (its slot would go to the
        next chunk, which would be sent); :meth:`cancel_on` then cancels every task at once.
        """
        return await self._asyncio.shield(task)

    def cancel_on(self, exc: BaseException) -> None:
        """Cancel the calls in flight on an interrupt or a cancellation (a stream closed early lets them end)."""
        if not isinstance(exc, GeneratorExit):
            for task in self._tasks:
                task.cancel()

    async def aclose(self) -> None:
        """Wait for the calls in flight to end."""
        await self._asyncio.gather(*self._tasks, return_exceptions=True)

    def inbox(self) -> asyncio.Queue[Any]:
        """A queue handing answers from the tasks to the loop that reads them."""
        return self._asyncio.Queue()


class SyncLanes:
    """A pool of ``concurrency`` threads: a thread is a slot."""

    on_sent = None
    """Threads need no hand-off: a thread sends its next request while another reads an answer."""

    def __init__(self, concurrency: int) -> None:
        from concurrent.futures import ThreadPoolExecutor  # sync batches and streams only: not paid on import

        self._name = f"zoho-crm-{id(self):x}"
        self._pool = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix=self._name)

    def on_call(self) -> None:
        """Nothing to count (see :meth:`AsyncLanes.hand_on`)."""

    def hand_on(self) -> None:
        """Nothing to wait for (see :meth:`AsyncLanes.hand_on`)."""

    def slot(self) -> AbstractContextManager[object]:
        """Nothing to hold: the work already runs on one of the pool's threads."""
        return contextlib.nullcontext()

    def start(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """``work(*args)`` on the next free thread."""
        return self._pool.submit(work, *args)

    def result(self, future: Future[T]) -> T:
        """A call's result, once it is done."""
        return future.result()

    def cancel_on(self, exc: BaseException) -> None:
        """Threads cannot be cancelled: the calls in flight end (work not started never starts)."""

    def inbox(self) -> queue.SimpleQueue[Any]:
        """A queue handing answers from the threads to the one that reads them (:func:`_waking_queue`)."""
        return _waking_queue()()

    def close(self) -> None:
        """Wait for the calls in flight to end.

        Also on a thread the pool does not know: one an interrupt cut off while the pool started it (one
        not running yet finds no work left: the pool has dropped what was not taken).
        """
        import threading

        self._pool.shutdown(wait=True, cancel_futures=True)
        for thread in threading.enumerate():
            if thread.name.startswith(f"{self._name}_") and thread.is_alive():
                thread.join()


@functools.cache
def _waking_queue() -> type[queue.SimpleQueue[Any]]:
    """``queue.SimpleQueue`` whose blocking ``get()`` wakes every :data:`WAKE` seconds.

    A Ctrl-C that lands just before the wait begins is handled at the next wake-up: the wait itself
    misses a signal that came first, and the batch went on until its next answer (an interrupt is
    handled only between the waits).
    """
    import queue

    class WakingQueue(queue.SimpleQueue[Any]):
        def get(self, block: bool = True, timeout: float | None = None) -> Any:
            while block and timeout is None:
                try:
                    return super().get(timeout=WAKE)
                except queue.Empty:
                    continue
            return super().get(block, timeout)

    return WakingQueue
