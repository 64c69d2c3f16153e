"""Streaming writes: any number of records from an iterator, in constant memory, outcomes as they come.

A batch call (``records.upsert``) checks and encodes every record before its first request and returns
one result holding every outcome. A stream (``records.upsert_stream``) reads its records 100 at a time:

- each chunk is checked when it is read and encoded by the lane that sends it, just before sending;
- outcomes are yielded per record, in input order, as soon as the chunk's answer (and every earlier
  chunk's) is in; the chunk's body and answer are then released (a ``Success`` keeps its answer's
  bytes for ``details`` only while you keep the ``Success``);
- at most ``2 x concurrency`` chunks are read ahead of the outcomes yielded, so memory does not grow
  with the number of records.

The outcome rules are the batch's (:mod:`zoho_crm._batch`): one outcome per record read, ``uncertain``
failures for writes that may have been applied, upserts repeated only when safe (``_idempotency``). A
record that cannot be sent (not a dict, no valid ``id`` for an update, a value JSON cannot hold) fails
its chunk, nothing of it sent, and the stream goes on. A refused token halts the stream: every record
read after that fails with the token error (not uncertain) until the source ends or you stop iterating.
A bug (or an interrupt) stops it: the chunks in flight end, their outcomes are yielded, and a
:class:`~zoho_crm.errors.BatchError` (the interrupt) is raised. An exception from your iterator is
raised the same way, after the outcomes of the records read before it.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Iterable, Iterator, Sequence
from typing import Any

from . import _batch, _idempotency, _plans, _writes
from . import _validation as check
from ._async._caller import async_caller
from ._async._engine import AsyncEngine
from ._engine import Timeout
from ._json import UnencodableItem
from ._sync._caller import sync_caller
from ._sync._engine import SyncEngine
from .errors import BatchError, ZohoValidationError
from .results import Outcome

LOOKAHEAD = 2
"""Chunks read ahead of the outcomes yielded, per lane: a slow call holds up the others' outcomes, not their sends."""

Chunk = tuple[int, list[Any], ZohoValidationError | None]
"""``(start index, records, why the chunk cannot be sent or None)``."""


class WritePlan:
    """How a stream's records become calls: checks per record, encoding per chunk, retry safety per chunk."""

    def __init__(
        self, op: str, kind: str, module: str, *, external: str | None, if_unmodified_since: _plans.DateTime,
        extra: dict[str, Any],
    ) -> None:  # fmt: skip
        module = check.api_name(module)
        headers = _plans.conditional(external, if_unmodified_since)
        _writes.check_options(op, extra)  # options checked here, once
        self.arguments = _plans.chunk_arguments({"module": module}, extra, headers)
        self.kind = kind
        self.needs_id = kind == "update" and external is None
        self.keys = _idempotency.key_fields(module, extra.get("duplicate_check_fields"), external)

    def problem(self, start: int, items: Sequence[Any]) -> ZohoValidationError | None:
        """Why a chunk cannot be sent as read (``None`` when its records may go)."""
        for offset, item in enumerate(items):
            where = f"records[{start + offset}]"
            if not isinstance(item, dict):
                return ZohoValidationError(f"{where} must be a dict, got {type(item).__name__}")
            if self.needs_id:
                if "id" not in item:
                    return ZohoValidationError(f"{where} has no 'id' (pass external=... to use an external field)")
                try:
                    check.record_id(item["id"], what=f"{where}.id")
                except ZohoValidationError as exc:
                    return exc
        return None

    def safe(self, start: int, items: Sequence[Any]) -> bool:
        """Whether the chunk's call may be repeated after a lost answer (see ``_idempotency``)."""
        if self.kind != "upsert":
            return self.kind != "insert"
        return _idempotency.all_named(items, self.keys)

    def encode(self, start: int, items: Sequence[Any]) -> dict[str, Any] | ZohoValidationError:
        """The chunk's call arguments, its body encoded now; the error when a record cannot be written as JSON."""
        try:
            return self.arguments(items)
        except UnencodableItem as bad:
            return ZohoValidationError(f"records[{start + bad.position}]{bad.where}: {bad.reason}")


def source(records: object) -> Iterable[Any] | AsyncIterable[Any]:
    """The records argument, refused at once when it is no iterable of records (a dict, a string)."""
    if isinstance(records, (dict, str, bytes)) or not isinstance(records, (Iterable, AsyncIterable)):
        raise ZohoValidationError("records must be an iterable (a list, a generator) of dicts")
    return records


def sync_source(records: object) -> Iterable[Any]:
    """:func:`source` for a sync stream (an async iterable is refused)."""
    checked = source(records)
    if not isinstance(checked, Iterable):
        raise ZohoValidationError("records must be a sync iterable here (async iterables: AsyncZohoCRM)")
    return checked


def read_chunks(records: Iterable[Any], plan: WritePlan) -> Iterator[Chunk]:
    """The records, 100 at a time, each chunk checked as it is read."""
    iterator = iter(records)
    start = 0
    while items := list(itertools.islice(iterator, _batch.BATCH_SIZE)):
        yield start, items, plan.problem(start, items)
        start += len(items)


async def aread_chunks(records: Iterable[Any] | AsyncIterable[Any], plan: WritePlan) -> AsyncGenerator[Chunk, None]:
    """:func:`read_chunks` of a sync or an async iterable."""
    if not isinstance(records, AsyncIterable):
        for chunk in read_chunks(records, plan):
            yield chunk
        return
    start, items = 0, []
    async for item in records:
        items.append(item)
        if len(items) == _batch.BATCH_SIZE:
            yield start, items, plan.problem(start, items)
            start, items = start + len(items), []
    if items:
        yield start, items, plan.problem(start, items)


class _Lanes:
    """What the sync and async streams share: the run's state, and each chunk's exchange arguments."""

    def __init__(self, plan: WritePlan) -> None:
        self.plan = plan
        self.run = _batch.Run()
        self.bodies: dict[int, dict[str, Any]] = {}
        self.safety: dict[int, bool] = {}

    def prepare(self, start: int, items: list[Any], problem: ZohoValidationError | None) -> _batch.Finish | None:
        """Encode the chunk for its call (``None``), or the outcomes of a chunk that cannot be sent."""
        if problem is None:
            encoded = self.plan.encode(start, items)
            if not isinstance(encoded, ZohoValidationError):
                self.bodies[start] = encoded
                self.safety[start] = self.plan.safe(start, items)
                return None
            problem = encoded
        failures = _batch.whole_call_failed(start, items, problem, uncertain=False)
        return lambda final: failures

    def unsent(self, start: int, items: list[Any], previous: _batch.Finish | None) -> _batch.Finish:
        """A chunk reached after the stream stopped: its earlier answer if it had one, else never sent."""
        if previous is not None:
            return previous
        part = self.run.unsent(start, items)
        return lambda final: part

    def release(self, start: int) -> None:
        """Forget a chunk's body and safety once its outcomes are read."""
        self.bodies.pop(start, None)
        self.safety.pop(start, None)

    def stopped_error(self) -> BatchError | None:
        """The error to raise once the outcomes are out, when a bug stopped the stream."""
        raised = self.run.raised
        if raised is None:
            return None
        error = BatchError(f"the stream stopped ({type(raised).__name__}: {raised})", [])
        error.__cause__ = raised
        return error


def sync_stream(
    engine: SyncEngine, op: str, records: Iterable[Any], plan: WritePlan, *, concurrency: int, timeout: Timeout
) -> Iterator[Outcome]:
    """One outcome per record, in input order, with ``concurrency`` calls in flight on threads (see module doc)."""
    from concurrent.futures import Future, ThreadPoolExecutor

    lanes = _Lanes(plan)
    run = lanes.run
    call = sync_caller(engine, op, lanes.bodies, idempotent=lanes.safety, timeout=timeout)

    def exchange(chunk: Chunk, first: bool, previous: _batch.Finish | None) -> _batch.Finish:
        start, items, problem = chunk
        if run.stopped:
            return lanes.unsent(start, items, previous)
        try:
            return lanes.prepare(start, items, problem) or call(start, items, first, None)
        except Exception as exc:
            return run.settle(exc, start, items)

    window: deque[tuple[Chunk, Future[_batch.Finish]]] = deque()
    chunks = read_chunks(records, plan)
    source_error: Exception | None = None
    pool = ThreadPoolExecutor(concurrency, thread_name_prefix="zoho-crm-stream")
    try:
        while True:
            while source_error is None and len(window) < LOOKAHEAD * concurrency:
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except Exception as exc:  # the caller's iterator: raised once the chunks in flight are out
                    source_error = exc
                    run.stopped = True
                    break
                window.append((chunk, pool.submit(exchange, chunk, True, None)))
            if not window:
                break
            chunk, future = window.popleft()
            start, items, _ = chunk
            finish = future.result()
            part = run.read(finish, start, items, final=run.stopped)
            if part is None:  # unreadable: once more, through the engine's own retries
                part = run.read_final(pool.submit(exchange, chunk, False, finish).result(), start, items)
            lanes.release(start)
            del finish, future
            yield from part
            if run.raised is not None and source_error is None:
                source_error = lanes.stopped_error()
    finally:
        run.stopped = True  # chunks not started are not sent; the calls in flight end
        pool.shutdown(wait=True, cancel_futures=True)
    if source_error is not None:
        raise source_error


async def async_stream(
    engine: AsyncEngine,
    op: str,
    records: Iterable[Any] | AsyncIterable[Any],
    plan: WritePlan,
    *,
    concurrency: int,
    timeout: Timeout,
) -> AsyncIterator[Outcome]:
    """:func:`sync_stream` as tasks, at most ``concurrency`` in flight; ``records`` may be an async iterable."""
    import asyncio

    lanes = _Lanes(plan)
    run = lanes.run
    call = async_caller(engine, op, lanes.bodies, idempotent=lanes.safety, timeout=timeout)
    gate = asyncio.Semaphore(concurrency)

    def sent() -> None:
        return None

    async def exchange(chunk: Chunk, first: bool, previous: _batch.Finish | None) -> _batch.Finish:
        start, items, problem = chunk
        async with gate:
            if run.stopped:
                return lanes.unsent(start, items, previous)
            try:
                return lanes.prepare(start, items, problem) or await call(start, items, first, sent)
            except Exception as exc:
                return run.settle(exc, start, items)

    window: deque[tuple[Chunk, asyncio.Future[_batch.Finish]]] = deque()
    chunks = aread_chunks(records, plan)
    source_error: Exception | None = None
    try:
        while True:
            while source_error is None and len(window) < LOOKAHEAD * concurrency:
                try:
                    chunk = await anext(chunks)
                except StopAsyncIteration:
                    break
                except Exception as exc:
                    source_error = exc
                    run.stopped = True
                    break
                window.append((chunk, asyncio.ensure_future(exchange(chunk, True, None))))
            if not window:
                break
            chunk, task = window.popleft()
            start, items, _ = chunk
            finish = await task
            part = run.read(finish, start, items, final=run.stopped)
            if part is None:
                part = run.read_final(await exchange(chunk, False, finish), start, items)
            lanes.release(start)
            del finish, task
            for outcome in part:
                yield outcome
            if run.raised is not None and source_error is None:
                source_error = lanes.stopped_error()
    except BaseException as exc:
        run.stopped = True
        pending = [task for _, task in window]
        if isinstance(exc, asyncio.CancelledError):
            for task in pending:
                task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)  # the calls in flight end
        raise
    finally:
        await chunks.aclose()
    if source_error is not None:
        raise source_error


def sync_writes(
    engine: SyncEngine, op: str, kind: str, module: str, records: object, *, external: str | None,
    extra: dict[str, Any], concurrency: int, timeout: Timeout, if_unmodified_since: _plans.DateTime = None,
) -> Iterator[Outcome]:  # fmt: skip
    """A sync stream of ``kind`` writes (insert, update, upsert); its arguments are checked now, its records as read."""
    plan = WritePlan(op, kind, module, external=external, if_unmodified_since=if_unmodified_since, extra=extra)
    return sync_stream(engine, op, sync_source(records), plan, concurrency=concurrency, timeout=timeout)


def async_writes(
    engine: AsyncEngine, op: str, kind: str, module: str, records: object, *, external: str | None,
    extra: dict[str, Any], concurrency: int, timeout: Timeout, if_unmodified_since: _plans.DateTime = None,
) -> AsyncIterator[Outcome]:  # fmt: skip
    """An async stream of ``kind`` writes (see :func:`sync_writes`); ``records`` may be an async iterable."""
    plan = WritePlan(op, kind, module, external=external, if_unmodified_since=if_unmodified_since, extra=extra)
    return async_stream(engine, op, source(records), plan, concurrency=concurrency, timeout=timeout)
