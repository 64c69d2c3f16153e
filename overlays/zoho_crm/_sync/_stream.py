# GENERATED from overlays/zoho_crm/_async/_stream.py by generator/make_sync.py (unasync): do not edit.
"""A streaming write's loop: records read 100 at a time, sent on lanes, outcomes yielded in input order.

The rules (what is checked when, what a halt or a bug does) are ``zoho_crm._streaming``'s module doc;
its lanes are :class:`~zoho_crm._lanes.SyncLanes` (tasks for async, threads for sync).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .. import _batch
from .._engine import STOP, Timeout
from .._lanes import SyncLanes
from .._streaming import LOOKAHEAD, Chunk, PartlyRead, StreamState, WritePlan, read_chunks
from ..results import BatchResult, Outcome
from ._caller import sync_caller
from ._engine import SyncEngine
from ._run import end_lanes

__all__ = ["sync_stream"]


def _not_yielded(left: list[tuple[Chunk, Any]], begun: set[int], run: _batch.Run) -> BatchResult:
    """The outcomes of the chunks read and not yielded when an interrupt stopped the stream (their calls ended).

    A call cut off by the interrupt may have been sent (``INTERRUPTED``) if its exchange had begun.
    """
    parts: list[Sequence[Outcome]] = []
    for (start, items, _), task in left:
        try:
            finish = task.result()  # done: the lanes have ended
        except BaseException:
            parts.append(_batch.interrupted_in_flight(start, items) if start in begun else run.unsent(start, items))
        else:
            parts.append(run.read_final(finish, start, items))
    return _batch.assemble(parts, len(begun))


def sync_stream(
    engine: SyncEngine,
    op: str,
    records: Iterable[Any],
    plan: WritePlan,
    *,
    concurrency: int,
    timeout: Timeout,
) -> Iterator[Outcome]:
    """One outcome per record, in input order, with at most ``concurrency`` calls in flight."""
    state = StreamState(plan)
    run = state.run
    call = sync_caller(engine, op, state.bodies, idempotent=state.safety, timeout=timeout, answers=plan.answers)
    lanes = SyncLanes(concurrency)

    begun: set[int] = set()  # the chunks whose exchange began: cut off by an interrupt, they may have been sent

    def exchange(chunk: Chunk, first: bool, previous: _batch.Finish | None) -> _batch.Finish:
        STOP.set(run.interrupt)
        start, items, problem = chunk
        with lanes.slot():
            if run.stopped:
                return state.unsent(start, items, previous)
            begun.add(start)
            try:
                try:
                    return state.prepare(start, items, problem) or call(start, items, first, None)
                except Exception as exc:
                    return run.settle(exc, start, items)
            except BaseException:  # an interrupt, a cancellation: no other lane sends (the reader raises it)
                run.stopped = True
                raise

    window: deque[tuple[Chunk, Any]] = deque()
    reading: tuple[Chunk, Any] | None = None  # the chunk whose answer is awaited, out of the window
    stopped_by: BaseException | None = None
    late: BaseException | None = None
    chunks = read_chunks(records, plan)
    source_error: Exception | None = None
    try:
        while True:
            while source_error is None and len(window) < LOOKAHEAD * concurrency:
                try:
                    chunk = chunks.__next__()
                except StopIteration:
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
            chunk, task = reading = window.popleft()
            start, items, _ = chunk
            finish = lanes.result(task)
            part = run.read(finish, start, items, final=run.stopped)
            if part is None:  # unreadable: once more, through the engine's own retries
                reading = (chunk, lanes.start(exchange, chunk, False, finish))
                again = lanes.result(reading[1])
                part = run.read_final(again, start, items)
            reading = None
            state.release(start)
            del finish, task
            for outcome in part:
                yield outcome
            if run.raised is not None and source_error is None:
                source_error = state.stopped_error()
    except BaseException as exc:  # an interrupt, a cancellation, the stream closed: no call sends again
        run.interrupt.set()
        lanes.cancel_on(exc)
        if isinstance(exc, GeneratorExit):  # closed by its reader: nobody is left to tell
            raise
        stopped_by = exc
    finally:
        run.stopped = True  # chunks not started are not sent; the calls in flight end
        late = end_lanes(lanes, run)
        chunks.close()
    stopped_by = stopped_by or late
    if stopped_by is not None:  # raised with the outcomes not yet yielded
        left = [reading, *window] if reading is not None else list(window)
        raise _batch.keep_outcomes(stopped_by, _not_yielded(left, begun, run))
    if source_error is not None:
        raise source_error
