"""A batch's loop: every chunk exchanged on lanes, at most ``concurrency`` at once, one outcome per item."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import Any

from .._batch import (
    AsyncCall,
    Finish,
    ProgressCallback,
    Run,
    check_progress,
    first_index,
    interrupted_in_flight,
)
from .._engine import STOP
from .._lanes import AsyncLanes
from ..results import BatchResult, Outcome

__all__ = ["end_lanes", "run_async"]

Answer = tuple[int, Sequence[Any], Finish]


def _taken(answer: Answer | BaseException) -> Answer:
    if isinstance(answer, BaseException):  # an interrupt in a lane: raised by the batch
        raise answer
    return answer


async def end_lanes(lanes: AsyncLanes, run: Run) -> BaseException | None:
    """Wait for the calls in flight to end.

    An interrupt meanwhile stops them sending again: they are waited for once more, and it is returned
    (a second one is raised).
    """
    try:
        await lanes.aclose()
    except BaseException as exc:
        run.interrupt.set()
        lanes.cancel_on(exc)
        await lanes.aclose()
        return exc
    return None


async def run_async(
    chunks: list[tuple[int, Sequence[Any]]],
    call: AsyncCall,
    *,
    concurrency: int,
    total: int,
    on_progress: ProgressCallback | None,
) -> BatchResult:
    """Run ``call`` for every chunk, at most ``concurrency`` at once: one outcome per item, in input order.

    The lanes only exchange requests, each taking the next chunk as soon as its answer is in (its
    request goes out before this answer is read); the batch reads the answers into outcomes as they
    come, and gives a chunk whose answer it cannot read back to the lanes (once more, through the
    engine's own retries). Whatever stops the batch (a :class:`~zoho_crm._batch.Halt`, a bug or a raising
    ``on_progress``, an interrupt: docs/batching.md), no further chunk is sent and the calls in flight end.

    ``on_progress`` is called by the batch's own thread or task, one call at a time.
    """
    check_progress(on_progress)
    if not chunks:
        return BatchResult((), 0)
    todo: deque[tuple[int, Sequence[Any], Finish | None]] = deque((start, items, None) for start, items in chunks)
    workers = max(1, min(concurrency, len(chunks)))
    lanes = AsyncLanes(workers)
    answers = lanes.inbox()  # of Answer | BaseException
    run = Run()
    flying: dict[int, Sequence[Any]] = {}  # the chunks whose call has begun and not answered yet

    async def lane() -> None:
        STOP.set(run.interrupt)
        async with lanes.slot():
            while not run.stopped:
                try:
                    start, items, previous = todo.popleft()  # previous: the answer of a chunk to ask again
                except IndexError:
                    return
                lanes.on_call()
                flying[start] = items
                try:
                    try:
                        finish = await call(start, items, previous is None, lanes.on_sent)
                    except Exception as exc:
                        finish = run.settle(exc, start, items)
                except BaseException as exc:  # an interrupt, a cancellation: the other lanes stop, the batch raises it
                    run.stopped = True
                    answers.put_nowait(exc)
                    raise
                answers.put_nowait((start, items, finish))
                del flying[start]

    parts: list[Sequence[Outcome]] = []
    done = 0
    stopped_by: BaseException | None = None
    reading: Answer | None = None
    try:
        for _ in range(workers):
            lanes.start(lane)
        while len(parts) < len(chunks) and not run.stopped:
            reading = _taken(await answers.get())  # read below even if an interrupt comes before it is kept
            start, items, finish = reading
            await lanes.hand_on()
            part = run.read(finish, start, items, final=run.stopped)
            if part is None:  # unreadable: once more, on a lane
                todo.append((start, items, finish))
                reading = None
                lanes.start(lane)
                continue
            parts.append(part)
            reading = None
            done += len(part)
            if on_progress is not None:
                try:
                    on_progress(done, total)
                except Exception as exc:
                    run.fail(exc)
    except BaseException as exc:  # an interrupt, a cancellation: raised below, the outcomes so far with it
        stopped_by = exc
        run.interrupt.set()
        lanes.cancel_on(exc)
    finally:
        run.stopped = True
        late = await end_lanes(lanes, run)  # the calls in flight end
    stopped_by = stopped_by or late
    kept = {first_index(part) for part in parts if part}
    kept |= {start for start, _, previous in todo if previous is not None}  # read below, from todo
    unread = [answers.get_nowait() for _ in range(answers.qsize())]  # exact: every lane has ended
    for answer in [reading, *unread]:  # the answers of the calls in flight when the batch stopped
        if isinstance(answer, BaseException):  # a lane's interrupt the loop had not taken yet
            stopped_by = stopped_by or answer
        elif answer is not None and answer[0] not in kept:
            start, items, finish = answer
            parts.append(run.read_final(finish, start, items))
            flying.pop(start, None)
    for start, items, previous in todo:  # to be asked again, never sent again: its first answer is all there is
        if previous is not None:
            parts.append(run.read_final(previous, start, items))
    parts.extend(interrupted_in_flight(start, items) for start, items in flying.items())
    return run.result(chunks, parts, stopped_by)
