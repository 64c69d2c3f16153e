"""What generated resources need from a runtime: the overlays (``zoho_crm``) implement it.

Generated code never imports ``zoho_crm``: each resource holds a :class:`SyncRuntime` or
:class:`AsyncRuntime` and calls it with the operation's declared behaviour (:class:`Operation`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import httpx

API_VERSION = "v8"
"""The Zoho CRM API version of the spec these resources were generated from."""


@dataclasses.dataclass(frozen=True)
class Operation:
    """One spec operation and what its vendor extensions declare about it."""

    name: str
    """``<tag>.<operationId>``: the generated endpoint module that builds its request."""
    retry: str
    """``x-zoho-retry``: ``safe`` (repeat freely), ``keyed`` (safe once every item names itself) or ``unsafe``."""
    pagination: tuple[str, ...] = ()
    """``x-zoho-pagination``: the paging parameters it takes (``page``, ``page_token``)."""
    datetimes: frozenset[str] = frozenset()
    """Parameters that take a date-time (``x-zoho-format: date-time``)."""
    csv: frozenset[str] = frozenset()
    """Parameters sent as a comma-separated list (``x-zoho-format: csv``)."""
    batch: Mapping[str, Any] | None = None
    """``x-zoho-batch``: chunk size and body key of a bulk write (``None``: a single call)."""


@dataclasses.dataclass(frozen=True)
class CallOptions:
    """The escape hatches every method takes: what the spec does not know yet, and a per-call timeout."""

    extra_headers: Mapping[str, str] | None = None
    extra_query: Mapping[str, Any] | None = None
    extra_body: Mapping[str, Any] | None = None
    timeout: float | httpx.Timeout | None = None


class SyncRuntime(Protocol):
    """Sends operations synchronously (``zoho_crm._runtime.SyncRuntime``)."""

    def call(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> Any: ...

    def call_raw(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> httpx.Response: ...

    def paginate(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> Iterator[dict[str, Any]]: ...


class AsyncRuntime(Protocol):
    """Sends operations asynchronously (``zoho_crm._runtime.AsyncRuntime``)."""

    async def call(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> Any: ...

    async def call_raw(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> httpx.Response: ...

    def paginate(
        self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
    ) -> AsyncIterator[dict[str, Any]]: ...
