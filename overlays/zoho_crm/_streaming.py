"""Streaming writes: any number of records from an iterator, in constant memory, outcomes as they come.

What a stream checks, holds and yields, and how a halt, a bug, an interrupt or the source's own error
ends it, is docs/batching.md ("Streaming"); the outcome rules are the batch's (:mod:`zoho_crm._batch`).
Each chunk of 100 is checked when read and encoded by the lane that sends it, just before sending.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncGenerator, AsyncIterable, Generator, Iterable, Sequence
from typing import Any

from . import _batch, _idempotency, _plans, _writes
from . import _validation as check
from ._json import UnencodableItem
from .errors import BatchError, ZohoValidationError

LOOKAHEAD = 2
"""Chunks read ahead of the outcomes yielded, per lane: a slow call holds up the others' outcomes, not their sends."""

Chunk = tuple[int, list[Any], ZohoValidationError | None]
"""``(start index, records, why the chunk cannot be sent or None)``."""


class WritePlan:
    """How a stream's records become calls: checks per record, encoding per chunk, retry safety per chunk."""

    def __init__(
        self, kind: str, path: dict[str, Any], headers: dict[str, Any], *, external: str | None,
        extra: dict[str, Any],
    ) -> None:  # fmt: skip
        """``path``, ``headers`` (and other parameters), ``extra``: checked by ``_runtime.stream_plan``."""
        self.arguments = _plans.chunk_arguments(path, extra, headers)
        self.kind = kind
        self.answers = _writes.answers(kind, external)
        self.needs_id = kind == "update" and external is None
        self.keys = _idempotency.key_fields(path["module"], extra.get("duplicate_check_fields"), external)

    def problem(self, start: int, items: Sequence[Any]) -> ZohoValidationError | None:
        """Why a chunk cannot be sent as read (``None`` when its records may go)."""
        try:
            _plans.require_ids(items, "records", start, self.needs_id)
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


def async_source(records: object) -> Iterable[Any] | AsyncIterable[Any]:
    """The records argument of an async stream, refused at once when it is no iterable of records (a dict, a string)."""
    if isinstance(records, (dict, str, bytes)) or not isinstance(records, (Iterable, AsyncIterable)):
        raise ZohoValidationError("records must be an iterable (a list, a generator) of dicts")
    return records


def sync_source(records: object) -> Iterable[Any]:
    """:func:`async_source` for a sync stream (an async iterable is refused)."""
    checked = async_source(records)
    if not isinstance(checked, Iterable):
        raise ZohoValidationError("records must be a sync iterable here (async iterables: AsyncZohoCRM)")
    return checked


class PartlyRead(Exception):
    """The records' iterator raised ``error`` after the records of ``chunk`` were read: they are not sent."""

    def __init__(self, error: Exception, chunk: Chunk) -> None:
        super().__init__(check.described(error))  # not str(): it may raise (the caller's exception)
        self.error, self.chunk = error, chunk


def read_chunks(records: Iterable[Any], plan: WritePlan) -> Generator[Chunk, None, None]:
    """The records, 100 at a time, each chunk checked as it is read (:class:`PartlyRead` if the iterator raises)."""
    iterator = iter(records)
    start = 0
    while True:
        items: list[Any] = []
        try:
            items.extend(itertools.islice(iterator, _batch.BATCH_SIZE))  # what was read is kept if it raises
        except Exception as exc:
            if not items:
                raise
            raise PartlyRead(exc, (start, items, None)) from None
        if not items:
            return
        yield start, items, plan.problem(start, items)
        start += len(items)


async def aread_chunks(records: Iterable[Any] | AsyncIterable[Any], plan: WritePlan) -> AsyncGenerator[Chunk, None]:
    """:func:`read_chunks` of a sync or an async iterable."""
    if not isinstance(records, AsyncIterable):
        for chunk in read_chunks(records, plan):
            yield chunk
        return
    start, items = 0, []
    try:
        async for item in records:
            items.append(item)
            if len(items) == _batch.BATCH_SIZE:
                chunk = start, items, plan.problem(start, items)
                start, items = start + len(items), []
                yield chunk
    except Exception as exc:
        if not items:
            raise
        raise PartlyRead(exc, (start, items, None)) from None
    if items:
        yield start, items, plan.problem(start, items)


class StreamState:
    """A stream's run state, and each chunk's exchange arguments (bodies, retry safety) until it is read."""

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
        error = BatchError(f"the stream stopped ({check.described(raised)})", [])
        error.__cause__ = raised
        return error
