"""What an operation handler gets (the parsed request) and gives back (a reply)."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Iterable
from typing import Any

from ._clock import format_time, parse_time
from ._config import SandboxConfig
from ._contract import Operation
from ._errors import ItemsRefusal, ZohoError
from ._external import Externals
from ._modules import ModuleDef
from ._state import SandboxState
from ._store import Store, StoredRecord

__all__ = ["Context", "Reply", "Work"]


@dataclasses.dataclass
class Reply:
    """A response: status, body and extra headers.

    The body is JSON (``None`` for none), or ``bytes`` for a download, its ``Content-Type`` among the headers.
    """

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
    """The JSON body; for an operation taking ``multipart/form-data``, its fields (``FormPart`` by name)."""
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
        """Refuse the call (412) if any record changed after ``If-Unmodified-Since``.

        The answer holds one ``ALREADY_MODIFIED`` item per record that changed, in input order, its
        ``details`` the record's id and audit fields (crm-oas: the 412 of updateRecords and updateRecord).
        ``records`` is only iterated when the header is set (a generator costs nothing otherwise).
        """
        limit = self.params.get("If-Unmodified-Since")
        if limit is None:
            return
        moment = parse_time(limit)
        if moment is None:
            return
        changed = {record.id: record for record in records if int(record.modified_at) > moment}
        if changed:
            raise ItemsRefusal(412, "ALREADY_MODIFIED", [_already_modified(r) for r in changed.values()])

    def modified_since(self) -> float | None:
        """The ``If-Modified-Since`` instant, if given."""
        text = self.params.get("If-Modified-Since")
        return parse_time(text) if text else None


def _already_modified(record: StoredRecord) -> dict[str, Any]:
    """The 412 item of a record changed after ``If-Unmodified-Since``."""
    created, modified = record.fields.get("Created_By", {}), record.fields.get("Modified_By", {})
    details = {
        "Modified_Time": format_time(record.modified_at),
        "Created_Time": format_time(record.created_at),
        "id": record.id,
        "Modified_By": {"name": modified.get("name"), "id": modified.get("id")},
        "Created_By": {"name": created.get("name"), "id": created.get("id")},
    }
    message = "record updated time has already passed if-unmodified-since time"
    return {"code": "ALREADY_MODIFIED", "details": details, "message": message, "status": "error"}
