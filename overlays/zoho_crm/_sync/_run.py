# GENERATED from overlays/zoho_crm/_async/_run.py by generator/make_sync.py (unasync): do not edit.
"""A batch's loop: every chunk called on lanes, at most ``concurrency`` at once, one outcome per item."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from .._batch import Finish, ProgressCallback, Run, SyncCall, check_progress
from .._lanes import SyncLanes
from ..results import BatchResult, Outcome

__all__ = ["run_sync"]


def run_sync(
    chunks: list[tuple[int, Sequence[Any]]],
    call: SyncCall,
    *,
    concurrency: int,
    total: int,
    on_progress: ProgressCallback | None,
) -> BatchResult:
    """Run ``call`` for every chunk, at most ``concurrency`` at once: one outcome per item, in input order.

    A call gives up its slot as soon as its answer is in, and reads the answer once the next call
    took the slot (:meth:`~zoho_crm._lanes.SyncLanes.hand_on`); an answer it cannot read is asked
    for once more, through the engine's own retries. Whatever stops the batch, no further chunk is
    sent and the calls in flight end:

    - a refused token or a closed client (:class:`~zoho_crm._batch.Halt`): the result is returned,
      the chunks not sent failed with that error;
    - ``on_progress`` raising, or a bug: :class:`~zoho_crm.errors.BatchError` is raised from that
      exception, with the result (the chunks not sent failed with code ``NOT_SENT``) as ``.result``;
    - an interrupt (Ctrl-C) or a cancellation: raised once the calls in flight end (async calls are
      cancelled). ``on_progress`` is called one call at a time (by the batch's threads, for sync).
    """
    check_progress(on_progress)
    if not chunks:
        return BatchResult((), 0)
    lanes = SyncLanes(min(concurrency, len(chunks)))
    run = Run()
    parts: list[Sequence[Outcome]] = []
    progress = threading.Lock()
    done = started = 0

    def exchange(start: int, items: Sequence[Any], first: bool) -> Finish:
        try:
            return call(start, items, first, lanes.on_sent)
        except Exception as exc:
            return run.settle(exc, start, items)

    def chunk(start: int, items: Sequence[Any]) -> None:
        """One chunk, its slot taken: exchanged, the slot handed on, then read."""
        nonlocal done
        try:
            finish = exchange(start, items, True)
        finally:
            lanes.release()
        lanes.hand_on(started < len(chunks))
        part = run.read(finish, start, items, final=run.stopped)
        if part is None:  # unreadable: once more, through the engine's own retries
            with lanes.slot():
                if not run.stopped:
                    finish = exchange(start, items, False)
                part = run.read_final(finish, start, items)
        parts.append(part)
        with progress:
            done += len(part)
            if on_progress is not None and not run.stopped:
                try:
                    on_progress(done, total)
                except Exception as exc:
                    run.fail(exc)

    try:
        for start, items in chunks:  # work per chunk once it has a slot: a few alive at once, not one per chunk
            lanes.acquire()
            if run.stopped:  # checked before the slot goes to a chunk that would be sent
                lanes.release()
                break
            started += 1
            lanes.start(chunk, start, items)
        lanes.join()
    except BaseException:
        lanes.cancel()
        raise
    finally:
        run.stopped = True
        lanes.close()  # the calls in flight end
    return run.result(chunks, parts)
