"""What an operation handler gets (the parsed request) and gives back (a reply)."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Iterable
from typing import Any

from ._clock import parse_time
from ._config import SandboxConfig
from ._contract import Operation
from ._errors import ZohoError
from ._external import Externals
from ._modules import ModuleDef
from ._state import SandboxState
from ._store import Store, StoredRecord

__all__ = ["Context", "Reply", "Work"]


@dataclasses.dataclass
class Reply:
    """A response: status, JSON body (``None`` for none) and extra headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)


Work = Generator[None, None, Reply]
"""A bulk handler's work: it yields before each item and returns the reply (the app runs it in slices)."""


@dataclasses.dataclass
class Context:
    """One API request, validated against its operation."""

    state: SandboxState
    op: Operation
    params: dict[str, Any]
    query: dict[str, str]
    headers: dict[str, str]
    body: Any
    module: ModuleDef
    externals: Externals
    now: float
    memo: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Per-request memos of the handlers (how each field of a module is written)."""

    @property
    def store(self) -> Store:
        """The org's records."""
        return self.state.store

    @property
    def config(self) -> SandboxConfig:
        """The sandbox settings."""
        return self.state.config

    def module_def(self, name: str) -> ModuleDef:
        """Another module's definition."""
        return self.store.modules[name]

    def ids(self, module: str) -> list[str]:
        """The ``ids`` query parameter of a bulk delete or delink of ``module``'s records.

        A malformed id (full-width digits included) answers 400 ``UNABLE_TO_PARSE_DATA_TYPE``, unless
        ``X-EXTERNAL`` names ``module``'s records by an external field.
        """
        raws: list[str] = self.params["ids"].split(",")
        if self.externals.field_for(module) is None and not all(r.isascii() and r.isdigit() for r in raws):
            raise ZohoError(
                400, "UNABLE_TO_PARSE_DATA_TYPE", {"param_name": "ids"}, "the ids are not formatted correctly"
            )
        return raws

    def resolve(self, module: str, raw: str) -> StoredRecord | None:
        """The live record a path id or ``ids`` item names (an external value with ``X-EXTERNAL``)."""
        field = self.externals.field_for(module)
        if field is not None:
            found = self.store.find(module, field, raw)
            return found[0] if found else None
        return self.store.get(module, raw)

    def missing(self, module: str, raw: str) -> dict[str, Any]:
        """``details`` naming what a call could not find: its ``id``, or its external field and value.

        Never a non-numeric ``id``: Zoho's SDKs parse ``details.id`` as an integer.
        """
        field = self.externals.field_for(module)
        if field is not None:
            return {field: raw}
        return {"id": raw} if raw.isdigit() else {}

    def unmodified_since(self, records: Iterable[StoredRecord]) -> None:
        """Raise 412 ``ALREADY_MODIFIED`` if any record changed after ``If-Unmodified-Since``.

        ``records`` is only iterated when the header is set (a generator costs nothing otherwise).
        """
        limit = self.params.get("If-Unmodified-Since")
        if limit is None:
            return
        moment = parse_time(limit)
        for record in records:
            if moment is not None and int(record.modified_at) > moment:
                raise ZohoError(412, "ALREADY_MODIFIED", {"id": record.id})

    def modified_since(self) -> float | None:
        """The ``If-Modified-Since`` instant, if given."""
        text = self.params.get("If-Modified-Since")
        return parse_time(text) if text else None
