"""Batching: calls of at most 100 items, bounded concurrency, one outcome per input item in input order.

Nothing is dropped: a call that fails as a whole marks each of its items failed with that error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import httpx

from ._engine import AsyncEngine, SyncEngine, Timeout, api_error, read_json
from ._json import UnencodableItem
from .errors import APIConnectionError, InvalidResponseError, ZohoError, ZohoValidationError
from .results import AnswerItems, BatchResult, Failure, Outcome, Success, details_of

BATCH_SIZE = 100
ProgressCallback = Callable[[int, int], None]
"""Called as ``callback(done_items, total_items)`` after each call completes."""
Finish = Callable[[], list[Outcome] | None]
"""A call's answer, still to be read into its outcomes (after its concurrency slot went to the next call);
``None`` when it could not be read and the call is to be made again (see :func:`sync_caller`)."""

AsyncCall = Callable[[int, Sequence[Any], bool, Callable[[], None]], Awaitable[Finish]]
"""An async batch's exchange of one chunk: ``call(start, items, first, on_sent)`` (see :func:`async_caller`)."""
HANDOFF_TURNS = 10
"""Loop turns an async batch task waits, at most, for the next chunk's request to go out before reading its
own answer: from taking the slot, a request takes about 5 turns to be written over httpx (pool, locks, writes)."""

_ITEM_STATUSES = frozenset({200, 201, 202, 207})


def chunk(items: Sequence[Any], size: int = BATCH_SIZE) -> list[tuple[int, Sequence[Any]]]:
    """``(start index, items)`` slices of at most ``size``."""
    return [(start, items[start : start + size]) for start in range(0, len(items), size)]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _name(value: object) -> str | None:
    return value if isinstance(value, str) else None


def item_outcome(index: int, given: Any, item: object, status_code: int, answer: AnswerItems | None = None) -> Outcome:
    """The outcome of one ``data[]`` entry of Zoho's answer (a success's ``details`` read from ``answer`` if given)."""
    if not isinstance(item, dict):
        return Failure(index, given, "INVALID_RESPONSE", "result item is not an object", {}, status_code)
    if item.get("status") == "success":
        details = details_of(item)
        return Success(
            index,
            given,
            _name(details.get("id")),
            _text(item.get("message")),
            answer or details,
            _name(item.get("action")),
            _name(item.get("duplicate_field")),
        )
    return Failure(
        index, given, _text(item.get("code")) or "UNKNOWN", _text(item.get("message")), details_of(item), status_code
    )


def whole_call_failed(start: int, items: Sequence[Any], error: ZohoError, *, uncertain: bool) -> list[Outcome]:
    """Every item of a call that failed as a whole, marked with that call's error."""
    code = error.code or type(error).__name__
    return [
        Failure(start + i, item, code, error.message, dict(error.details), error.status_code, uncertain, error)
        for i, item in enumerate(items)
    ]


def outcomes(
    response: httpx.Response, start: int, items: Sequence[Any], *, idempotent: bool, ask_again: bool = False
) -> list[Outcome] | None:
    """Per-item outcomes from an answer, whatever its shape (``None`` if unreadable and ``ask_again``)."""
    status = response.status_code
    if status in _ITEM_STATUSES or status == 400:
        try:
            body = read_json(response)
        except InvalidResponseError as exc:
            if ask_again:
                return None
            # A write answered but unreadable: applied or not, we cannot tell for an insert.
            return whole_call_failed(start, items, exc, uncertain=not idempotent and status != 400)
        data = body.get("data") if isinstance(body, dict) else None
        if isinstance(data, list):
            if len(data) != len(items):
                mismatch = InvalidResponseError(
                    f"Zoho answered {len(data)} results for {len(items)} items",
                    status_code=status,
                    method=response.request.method,
                    url=str(response.request.url),
                )
                return whole_call_failed(start, items, mismatch, uncertain=not idempotent)
            answer = AnswerItems(response.content, start)
            return [item_outcome(start + i, items[i], data[i], status, answer) for i in range(len(items))]
        if status != 400:
            missing = InvalidResponseError("answer has no data[] results", status_code=status)
            return whole_call_failed(start, items, missing, uncertain=not idempotent)
    error = api_error(response)
    uncertain = not idempotent and status >= 500
    return whole_call_failed(start, items, error, uncertain=uncertain)


def connection_failed(start: int, items: Sequence[Any], exc: APIConnectionError, *, idempotent: bool) -> list[Outcome]:
    """Every item of a call whose exchange failed after retries."""
    return whole_call_failed(start, items, exc, uncertain=not idempotent and not exc.never_sent)


def assemble(parts: list[list[Outcome]], calls: int) -> BatchResult:
    """Merge per-call outcomes (each part one chunk's, in order) into one result in input order."""
    ordered = sorted((part for part in parts if part), key=lambda part: part[0].index)
    return BatchResult(tuple(outcome for part in ordered for outcome in part), calls)


def run_sync(
    chunks: list[tuple[int, Sequence[Any]]],
    call: Callable[[int, Sequence[Any], bool], Finish],
    *,
    concurrency: int,
    total: int,
    on_progress: ProgressCallback | None,
) -> BatchResult:
    """Run ``call`` for every chunk on ``concurrency`` threads.

    The threads only exchange requests, each taking the next chunk as soon as its answer is in;
    this thread reads the answers into outcomes, and gives a chunk whose answer it cannot read back
    to the threads. If this thread is interrupted (or a call raises), the threads stop once their
    current exchange is done: no further chunk is sent.
    """
    import queue  # sync batches only: not paid on import
    from concurrent.futures import ThreadPoolExecutor

    if not chunks:
        return BatchResult((), 0)
    todo: queue.SimpleQueue[tuple[int, Sequence[Any], bool]] = queue.SimpleQueue()
    for start, items in chunks:
        todo.put((start, items, True))
    answers: queue.SimpleQueue[tuple[int, Sequence[Any], Finish] | BaseException] = queue.SimpleQueue()
    stop = False

    def lane() -> None:
        while not stop:
            try:
                start, items, first = todo.get_nowait()
            except queue.Empty:
                return
            try:
                answers.put((start, items, call(start, items, first)))
            except BaseException as exc:  # handed to the batch's thread, which raises it
                answers.put(exc)
                return

    lanes = max(1, min(concurrency, len(chunks)))
    parts: list[list[Outcome]] = []
    done = 0
    with ThreadPoolExecutor(lanes, thread_name_prefix="zoho-crm") as pool:
        for _ in range(lanes):
            pool.submit(lane)
        try:
            while len(parts) < len(chunks):
                answer = answers.get()
                if isinstance(answer, BaseException):
                    raise answer
                start, items, finish = answer
                part = finish()
                if part is None:  # unreadable: once more, through the engine's own retries
                    todo.put((start, items, False))
                    pool.submit(lane)
                    continue
                parts.append(part)
                done += len(part)
                if on_progress is not None:
                    on_progress(done, total)
        finally:
            stop = True  # the pool's exit waits for the exchanges in flight
    return assemble(parts, len(chunks))


async def run_async(
    chunks: list[tuple[int, Sequence[Any]]],
    call: AsyncCall,
    *,
    concurrency: int,
    total: int,
    on_progress: ProgressCallback | None,
) -> BatchResult:
    """Run ``call`` for every chunk as tasks, at most ``concurrency`` at once.

    A task gives up its slot as soon as its answer is in, and reads the answer once a request has
    gone out since (normally that of the task that took the slot), or after :data:`HANDOFF_TURNS`
    turns of the loop when none has (an in-process transport reports none). If a call raises, no
    further chunk is sent: the exchanges in flight end, then the error is raised (cancelling the
    batch cancels them too).
    """
    if not chunks:
        return BatchResult((), 0)
    import asyncio  # only async users pay for it

    gate = asyncio.Semaphore(max(1, concurrency))
    done = started = sent = 0
    stop = False

    def on_sent() -> None:
        nonlocal sent
        sent += 1

    async def hand_on() -> None:
        """Let the task that took the slot send its request before this one reads its answer."""
        if started == len(chunks):  # no task is waiting for the slot
            return
        mark = sent
        for _ in range(HANDOFF_TURNS):
            await asyncio.sleep(0)
            if sent != mark:
                return

    async def guarded(start: int, items: Sequence[Any]) -> list[Outcome]:
        nonlocal done, started, stop
        async with gate:
            if stop:
                return []
            started += 1
            try:
                finish = await call(start, items, True, on_sent)
            except BaseException:
                stop = True  # before the slot goes to a task that would send its chunk
                raise
        await hand_on()
        part = finish()
        if part is None:  # unreadable: once more, through the engine's own retries
            async with gate:
                finish = await call(start, items, False, on_sent)
            part = finish()
            assert part is not None  # read by the engine this time
        done += len(part)
        if on_progress is not None:
            on_progress(done, total)
        return part

    tasks = [asyncio.ensure_future(guarded(start, items)) for start, items in chunks]
    try:
        parts = await asyncio.gather(*tasks)
    except Exception:
        await asyncio.gather(*tasks, return_exceptions=True)  # the exchanges in flight end
        raise
    return assemble(list(parts), len(chunks))


Prepared = tuple[list[tuple[int, Sequence[Any]]], dict[int, dict[str, Any]], int]
"""A planned batch: ``(chunks, generated-call arguments by chunk start, total items)``."""


def plan(items: Sequence[Any], arguments: Callable[[Sequence[Any]], dict[str, Any]]) -> Prepared:
    """Chunk ``items`` and build every call's arguments, bodies encoded, so bad input fails before any request."""
    chunks = chunk(items)
    prepared: dict[int, dict[str, Any]] = {}
    for start, part in chunks:
        try:
            prepared[start] = arguments(part)
        except UnencodableItem as bad:
            raise ZohoValidationError(f"records[{start + bad.position}]{bad.where}: {bad.reason}") from None
    return chunks, prepared, len(items)


def _finish(
    start: int, part: Sequence[Any], answer: httpx.Response | APIConnectionError, idempotent: bool, first: bool
) -> Finish:
    if isinstance(answer, APIConnectionError):
        return lambda: connection_failed(start, part, answer, idempotent=idempotent)
    return lambda: outcomes(answer, start, part, idempotent=idempotent, ask_again=first and idempotent)


def sync_caller(
    engine: SyncEngine, op: str, prepared: dict[int, dict[str, Any]], *, idempotent: bool, timeout: Timeout
) -> Callable[[int, Sequence[Any], bool], Finish]:
    """The per-chunk exchange of a sync batch: never raises; its :data:`Finish` gives one outcome per item.

    A ``first`` exchange leaves its answer unread (the batch reads it once the slot is free again);
    a repeated one reads it in the engine, which asks again for an unreadable answer to a safe call.
    """

    def call(start: int, part: Sequence[Any], first: bool) -> Finish:
        try:
            answer: httpx.Response | APIConnectionError = engine.send(
                op, prepared[start], idempotent=idempotent, timeout=timeout, read=not first
            )
        except APIConnectionError as exc:
            answer = exc
        return _finish(start, part, answer, idempotent, first)

    return call


def async_caller(
    engine: AsyncEngine, op: str, prepared: dict[int, dict[str, Any]], *, idempotent: bool, timeout: Timeout
) -> AsyncCall:
    """The per-chunk exchange of an async batch (see :func:`sync_caller`); ``on_sent``: its request went out."""

    async def call(start: int, part: Sequence[Any], first: bool, on_sent: Callable[[], None]) -> Finish:
        try:
            answer: httpx.Response | APIConnectionError = await engine.send(
                op, prepared[start], idempotent=idempotent, timeout=timeout, read=not first, on_sent=on_sent
            )
        except APIConnectionError as exc:
            answer = exc
        return _finish(start, part, answer, idempotent, first)

    return call
