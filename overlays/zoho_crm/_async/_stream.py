"""A streaming write's loop: records read 100 at a time, sent on lanes, outcomes yielded in input order.

The rules (what is checked when, what a halt or a bug does) are ``zoho_crm._streaming``'s module doc;
its lanes are :class:`~zoho_crm._lanes.AsyncLanes` (tasks for async, threads for sync).
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import Any

from .. import _batch
from .._engine import STOP, Timeout
from .._lanes import AsyncLanes
from .._streaming import LOOKAHEAD, Chunk, PartlyRead, StreamState, WritePlan, aread_chunks
from ..results import Outcome
from ._caller import async_caller
from ._engine import AsyncEngine
from ._run import end_lanes

__all__ = ["async_stream"]


async def async_stream(
    engine: AsyncEngine,
    op: str,
    records: Iterable[Any] | AsyncIterable[Any],
    plan: WritePlan,
    *,
    concurrency: int,
    timeout: Timeout,
) -> AsyncIterator[Outcome]:
    """One outcome per record, in input order, with at most ``concurrency`` calls in flight."""
    state = StreamState(plan)
    run = state.run
    call = async_caller(engine, op, state.bodies, idempotent=state.safety, timeout=timeout, answers=plan.answers)
    lanes = AsyncLanes(concurrency)

    async def exchange(chunk: Chunk, first: bool, previous: _batch.Finish | None) -> _batch.Finish:
        STOP.set(run.interrupt)
        start, items, problem = chunk
        async with lanes.slot():
            if run.stopped:
                return state.unsent(start, items, previous)
            try:
                try:
                    return state.prepare(start, items, problem) or await call(start, items, first, None)
                except Exception as exc:
                    return run.settle(exc, start, items)
            except BaseException:  # an interrupt, a cancellation: no other lane sends (the reader raises it)
                run.stopped = True
                raise

    window: deque[tuple[Chunk, Any]] = deque()
    late: BaseException | None = None
    chunks = aread_chunks(records, plan)
    source_error: Exception | None = None
    try:
        while True:
            while source_error is None and len(window) < LOOKAHEAD * concurrency:
                try:
                    chunk = await chunks.__anext__()
                except StopAsyncIteration:
                    break
                except Exception as exc:  # the caller's iterator: raised once the chunks in flight are out
                    source_error = exc
                    run.stopped = True
                    if isinstance(exc, PartlyRead):  # the records read before it: never sent
                        source_error = exc.error
                        window.append((exc.chunk, lanes.start(exchange, exc.chunk, True, None)))
                    break
                window.append((chunk, lanes.start(exchange, chunk, True, None)))
            if not window:
                break
            chunk, task = window.popleft()
            start, items, _ = chunk
            finish = await lanes.result(task)
            part = run.read(finish, start, items, final=run.stopped)
            if part is None:  # unreadable: once more, through the engine's own retries
                again = await lanes.result(lanes.start(exchange, chunk, False, finish))
                part = run.read_final(again, start, items)
            state.release(start)
            del finish, task
            for outcome in part:
                yield outcome
            if run.raised is not None and source_error is None:
                source_error = state.stopped_error()
    except BaseException as exc:  # an interrupt, a cancellation, the stream closed: no call sends again
        run.interrupt.set()
        lanes.cancel_on(exc)
        raise
    finally:
        run.stopped = True  # chunks not started are not sent; the calls in flight end
        late = await end_lanes(lanes, run)
        await chunks.aclose()
    if late is not None:  # an interrupt while the calls in flight ended
        raise late
    if source_error is not None:
        raise source_error
