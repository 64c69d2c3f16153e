# GENERATED from overlays/zoho_crm/_async/_runtime.py by generator/make_sync.py (unasync): do not edit.
"""The runtime that sends generated operations (``zoho_crm_api._runtime``'s protocol) with an engine.

Only the sending lives here; checks, shapes and paging are ``zoho_crm._runtime``'s, shared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from zoho_crm_api._runtime import BatchOptions, CallOptions, Method, Operation

from .. import _batch, _plans, _writes
from .. import _validation as check
from .._engine import Timeout
from .._runtime import (
    arguments,
    batch_params,
    page_args,
    parsed,
    prepare,
    shaped,
    stream_plan,
    waited,
    waits,
    walk_of,
)
from .._streaming import sync_source
from ..results import BatchResult, Outcome, Page, Record
from ._caller import sync_caller
from ._engine import SyncEngine
from ._pagination import walk
from ._run import run_sync
from ._stream import sync_stream

__all__ = ["SyncRuntime"]


class SyncRuntime:
    """Sends generated operations with the engine (:class:`SyncEngine`)."""

    def __init__(self, engine: SyncEngine, concurrency: int) -> None:
        self._engine = engine
        self._concurrency = concurrency

    def call_raw(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> httpx.Response:
        """One operation, checked and sent: its answer as it came (any status)."""
        args, adjust, safe = prepare(op, params, options, unknown)
        return self._engine.send(op.name, args, idempotent=safe, timeout=options.timeout, read=False, adjust=adjust)

    def call(self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]) -> Any:
        """One operation, checked and sent: its JSON (its bytes when ``op.binary``), or its typed error."""
        args, adjust, safe = prepare(op, params, options, unknown)
        # a file is not JSON: never asked for again as if it were a truncated answer
        answer = self._engine.send(
            op.name, args, idempotent=safe, timeout=options.timeout, read=not op.binary, adjust=adjust
        )
        return parsed(answer, op.binary)

    def paginate(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> Iterator[dict[str, Any]]:
        """Every record of a paginated operation: checked now, before the first page is asked for."""
        args, adjust, _ = prepare(op, params, options, unknown)
        return self._walk(op, args, options.timeout, adjust)

    def batch(
        self, op: Operation, params: dict[str, Any], body: dict[str, Any], items: object, options: BatchOptions,
        unknown: Mapping[str, object],
    ) -> BatchResult:  # fmt: skip
        """A write of any number of items (``x-zoho-batch``): planned and checked first, one outcome per item."""
        (chunks, prepared, total), safe = _writes.plan(op, batch_params(op, params), body, items, unknown)
        answers = _writes.answers(_writes.kind(op), params.get("x_external"))
        call = sync_caller(self._engine, op.name, prepared, idempotent=safe, timeout=options.timeout, answers=answers)
        lanes = _batch.lanes(options.concurrency, self._concurrency)
        return run_sync(chunks, call, concurrency=lanes, total=total, on_progress=options.on_progress)

    def stream_batch(
        self, op: Operation, params: dict[str, Any], body: dict[str, Any], items: object, options: BatchOptions,
        unknown: Mapping[str, object],
    ) -> Iterator[Outcome]:  # fmt: skip
        """The outcomes of a batched write one by one (``<method>_stream``), its arguments checked now."""
        plan = stream_plan(op, params, body, unknown)
        check.call_timeout(options.timeout)
        lanes = _batch.lanes(options.concurrency, self._concurrency)
        return sync_stream(self._engine, op.name, sync_source(items), plan, concurrency=lanes, timeout=options.timeout)

    def declared(self, method: Method, params: dict[str, Any], timeout: Timeout, unknown: Mapping[str, object]) -> Any:
        """A declared method (``x-zoho-method``): checked, sent, its answer shaped."""
        args = arguments(method, params, unknown)
        response = self._engine.send(method.op.name, args, idempotent=method.op.retry == "safe", timeout=timeout)
        return shaped(method, params, response)

    def wait(
        self, method: Method, params: dict[str, Any], every: tuple[float, float], timeout: Timeout,
        unknown: Mapping[str, object],
    ) -> Any:  # fmt: skip
        """A declared status read (``wait``), again every ``interval`` seconds until its item says the job ended."""
        args = arguments(method, params, unknown)
        interval, max_wait = waits(method, every)
        give_up = self._engine.clock() + max_wait
        while True:
            response = self._engine.send(
                method.op.name, args, idempotent=method.op.retry == "safe", timeout=timeout, until=give_up
            )
            item = waited(method, params, response, self._engine.clock() + interval > give_up)
            if item is not None:
                return item
            self._engine._sleep(interval)

    def listing(
        self, method: Method, params: dict[str, Any], timeout: Timeout, unknown: Mapping[str, object]
    ) -> Iterator[dict[str, Any]]:
        """Every record of a declared listing: checked now, then page after page."""
        return self._walk(method.op, arguments(method, params, unknown), timeout)

    def _walk(self, op: Operation, args: dict[str, Any], timeout: Timeout, adjust: Any = None) -> Iterator[Record]:
        """Every record of ``op``'s listing, its arguments checked (``Walk`` says which page comes next)."""
        listing = walk_of(op, args)
        check.call_timeout(timeout)

        def fetch(paging: dict[str, Any]) -> Page:
            response = self._engine.send(
                op.name, page_args(op, args, paging), idempotent=True, timeout=timeout, adjust=adjust
            )
            return _plans.page_from(response)

        return walk(fetch, listing)
