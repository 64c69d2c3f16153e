"""Lanes: where a stream's calls run, at most ``concurrency`` at once.

The stream loop is written once (``_async/_stream.py``) against these two classes: :class:`AsyncLanes`
runs each chunk's call as a task, a semaphore holding all but ``concurrency`` of them back;
:class:`SyncLanes` on a pool of ``concurrency`` threads. (The batch runners, ``_batch.run_sync`` and
``run_async``, stay apart: written once on lanes, the sync batch's threads read their own answers and it
measured 1.15-1.17x raw httpx at concurrency 25 against 1.11x; see ``bench/README.md``.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

T = TypeVar("T")


class AsyncLanes:
    """Tasks on the running event loop."""

    def __init__(self, concurrency: int) -> None:
        import asyncio  # only async users pay for it

        self._asyncio = asyncio
        self._gate = asyncio.Semaphore(max(1, concurrency))
        self._tasks: set[asyncio.Future[Any]] = set()

    def slot(self) -> AbstractAsyncContextManager[object]:
        """A slot, held for the length of a call."""
        return self._gate

    def start(self, work: Callable[..., Awaitable[T]], *args: Any) -> asyncio.Future[T]:
        """``work(*args)`` as a task, started now."""
        task = self._asyncio.ensure_future(work(*args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def result(self, task: Awaitable[T]) -> T:
        """A task's result, once it is done."""
        return await task

    def cancel_on(self, exc: BaseException) -> None:
        """Cancel the calls in flight when ``exc`` is a cancellation (any other stop lets them end)."""
        if isinstance(exc, self._asyncio.CancelledError):
            for task in self._tasks:
                task.cancel()

    async def aclose(self) -> None:
        """Wait for the calls in flight to end."""
        await self._asyncio.gather(*self._tasks, return_exceptions=True)


class SyncLanes:
    """A pool of ``concurrency`` threads: a thread is a slot."""

    def __init__(self, concurrency: int) -> None:
        from concurrent.futures import ThreadPoolExecutor  # sync streams only: not paid on import

        self._pool = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="zoho-crm-stream")

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

    def close(self) -> None:
        """Wait for the calls in flight to end."""
        self._pool.shutdown(wait=True, cancel_futures=True)
