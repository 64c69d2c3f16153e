"""Validating one incoming record: required fields, lookups, formats, duplicates; and result items."""

from __future__ import annotations

import re
from typing import Any

from ._clock import format_time
from ._context import Context
from ._modules import ANY_MODULE, ModuleDef
from ._store import SYSTEM_FIELDS, StoredRecord

__all__ = ["ItemError", "clean_record", "empty_value", "item_schema_error", "success", "write_status"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TEXT = 32000
_IGNORED = frozenset({*SYSTEM_FIELDS, "Full_Name"})


class ItemError(Exception):
    """One item of a bulk call failed; becomes an error entry of ``data[]``."""

    def __init__(self, code: str, details: dict[str, Any], message: str) -> None:
        super().__init__(code)
        self.code = code
        self.details = details
        self.message = message

    def result(self) -> dict[str, Any]:
        """The ``data[]`` entry."""
        return {"code": self.code, "details": self.details, "message": self.message, "status": "error"}


def _at(index: int, field: str, key: str = "data") -> dict[str, Any]:
    return {"api_name": field, "json_path": f"$.{key}[{index}].{field}"}


def item_schema_error(ctx: Context, item: Any, index: int) -> ItemError | None:
    """The per-item error for an item outside the item schema (``INVALID_DATA``), if any."""
    assert ctx.op.body is not None
    errors = ctx.op.body.item_errors(item)
    if not errors:
        return None
    error = errors[0]
    path = [str(part) for part in error.absolute_path]
    if not path:
        return ItemError(
            "INVALID_DATA", {"json_path": f"$.data[{index}]", "expected_data_type": "jsonobject"}, "invalid data"
        )
    details = _at(index, path[0])
    if error.validator == "type":
        details["expected_data_type"] = str(error.validator_value)
    return ItemError("INVALID_DATA", details, f"invalid data: {error.message}")


def empty_value(value: Any) -> bool:
    """Whether a value counts as absent: ``None``, a blank string, ``[]`` or ``{}``."""
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def _resolve_lookup(
    ctx: Context, module: ModuleDef, field: str, value: Any, item: dict[str, Any], index: int
) -> dict[str, Any] | None:
    if value is None:
        return None
    target: Any = module.lookups[field]
    if target == ANY_MODULE:
        named = value.get("module") if isinstance(value, dict) else None
        target = named.get("api_name") if isinstance(named, dict) else item.get("$se_module")
        if not isinstance(target, str) or target not in ctx.store.modules or target == module.api_name:
            raise ItemError(
                "INVALID_DATA", {**_at(index, field), "reason": "module of the lookup"}, "invalid module of the lookup"
            )
    external = ctx.externals.lookup_field(module.api_name, field, target)
    record: StoredRecord | None = None
    given: Any = value
    if isinstance(value, dict):
        if external is not None and not empty_value(value.get(external)):
            given = value[external]
            found = ctx.store.find(target, external, given)
            record = found[0] if found else None
        elif isinstance(value.get("id"), str | int):
            given = str(value["id"])
            record = ctx.store.get(target, given)
        elif external is not None:
            raise ItemError("MANDATORY_NOT_FOUND", _at(index, f"{field}.{external}"), "required field not found")
    elif isinstance(value, str | int):
        given = str(value)
        if external is not None:
            found = ctx.store.find(target, external, given)
            record = found[0] if found else None
        else:
            record = ctx.store.get(target, given)
    if record is None:  # details name the external field and value, or a numeric id: never other text in id
        which: dict[str, Any] = {}
        if external is not None and not isinstance(given, dict):
            which = {external: given}
        elif isinstance(given, str | int) and str(given).isdigit():
            which = {"id": str(given)}
        raise ItemError("INVALID_DATA", {**_at(index, field), **which}, f"the {field} given seems to be invalid")
    shown: dict[str, Any] = {"name": ctx.store.modules[target].display_name(record.fields), "id": record.id}
    if module.lookups[field] == ANY_MODULE:
        shown["module"] = {"api_name": target, "id": ctx.store.modules[target].id}
    return shown


_SKIP, _OWNER, _LOOKUP, _VALUE = range(4)


class _FieldKinds(dict[str, tuple[int, int, bool]]):
    """How each field name of one module is written: (kind, text limit, is an email field), memoised.

    Kept per request (in ``Context.memo``): a module's definition may change between requests.
    """

    def __init__(self, module: ModuleDef) -> None:
        super().__init__()
        self.module = module
        self.unique = tuple(dict.fromkeys([*module.unique, *module.external]))
        """Fields whose values must not repeat across records."""
        self.plain: set[str] = set()
        """Fields seen so far that are written as given: no lookup, no email, no text limit below ``MAX_TEXT``."""

    def __missing__(self, field: str) -> tuple[int, int, bool]:
        module = self.module
        if field in _IGNORED or field.startswith("$") or field == "_delete":
            kind = (_SKIP, 0, False)
        elif field == "Owner":
            kind = (_OWNER, 0, False)
        elif field in module.lookups:
            kind = (_LOOKUP, 0, False)
        else:
            kind = (_VALUE, module.max_lengths.get(field, MAX_TEXT), field in module.email_fields)
            if kind == (_VALUE, MAX_TEXT, False):
                self.plain.add(field)
        self[field] = kind
        return kind


def _value_error(field: str, value: Any, limit: int, email: bool, index: int) -> ItemError | None:
    """Why a plain value cannot be written (too long, not an email), if it cannot."""
    if isinstance(value, str):
        if len(value) > limit:
            return ItemError("INVALID_DATA", {**_at(index, field), "maximum_length": limit}, "value too long")
        if email and value and not _EMAIL.match(value):
            return ItemError("INVALID_DATA", {**_at(index, field), "expected_data_type": "email"}, "invalid email")
    return None


def _owner_error(ctx: Context, field: str, value: Any, index: int) -> ItemError | None:
    """Why an ``Owner`` value is refused (not the org's user), if it is."""
    if isinstance(value, dict) and str(value.get("id")) == ctx.store.user["id"]:
        return None
    return ItemError("INVALID_DATA", {**_at(index, field), "reason": "unknown user"}, "invalid owner")


def _changes_if_valid(
    ctx: Context, module: ModuleDef, kinds: _FieldKinds, item: dict[str, Any], index: int
) -> dict[str, Any] | None:
    """:func:`_changes` for an item whose values are all valid, else ``None`` (the common case, made cheap).

    Only the fields that are not plain values are looked at one by one; plain values need only
    their length checked. Any failure gives ``None``: :func:`_changes` then names the first one.
    """
    for value in item.values():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return None
    changes = dict(item)
    for field in item.keys() - kinds.plain:
        kind, limit, email = kinds[field]
        value = item[field]
        if kind == _VALUE:
            if _value_error(field, value, limit, email, index) is not None:
                return None
        elif kind == _SKIP:
            del changes[field]
        elif kind == _LOOKUP:
            try:
                changes[field] = _resolve_lookup(ctx, module, field, value, item, index)
            except ItemError:
                return None
        elif _owner_error(ctx, field, value, index) is None:
            changes[field] = ctx.store.user
        else:
            return None
    return changes


def _changes(ctx: Context, module: ModuleDef, kinds: _FieldKinds, item: dict[str, Any], index: int) -> dict[str, Any]:
    """The values an item writes, field by field in its order; :class:`ItemError` on the first invalid one."""
    changes: dict[str, Any] = {}
    for field, value in item.items():
        kind, limit, email = kinds[field]
        if kind == _VALUE:
            error = _value_error(field, value, limit, email, index)
            if error is not None:
                raise error
            changes[field] = value
        elif kind == _LOOKUP:
            changes[field] = _resolve_lookup(ctx, module, field, value, item, index)
        elif kind == _OWNER:
            error = _owner_error(ctx, field, value, index)
            if error is not None:
                raise error
            changes[field] = ctx.store.user
    return changes


def clean_record(
    ctx: Context, module: ModuleDef, item: dict[str, Any], index: int, *, existing: StoredRecord | None
) -> dict[str, Any]:
    """The changes an incoming record makes (system fields dropped, lookups resolved).

    The changes share ``item``'s values, which must be the caller's own (a parsed request body).

    Checks in Zoho's order: mandatory fields, then values, then duplicates; :class:`ItemError` on
    the first failure.
    """
    for field in module.required:
        if (existing is None and empty_value(item.get(field))) or (field in item and empty_value(item[field])):
            raise ItemError("MANDATORY_NOT_FOUND", _at(index, field), "required field not found")
    kinds = ctx.memo.get(module.api_name)
    if kinds is None or kinds.module is not module:
        kinds = ctx.memo[module.api_name] = _FieldKinds(module)
    changes = _changes_if_valid(ctx, module, kinds, item, index)
    if changes is None:
        changes = _changes(ctx, module, kinds, item, index)
    append = item.get("$append_values")
    if isinstance(append, dict) and existing is not None:
        for field, flag in append.items():
            old, new = existing.fields.get(field), changes.get(field)
            if flag is True and isinstance(old, list) and isinstance(new, list):
                changes[field] = old + [value for value in new if value not in old]
    for field in kinds.unique:
        value = changes.get(field)
        if empty_value(value):
            continue
        clash = [r for r in ctx.store.find(module.api_name, field, value) if existing is None or r.id != existing.id]
        if clash:
            owner = clash[0].fields.get("Owner") or ctx.store.user
            raise ItemError(
                "DUPLICATE_DATA",
                {
                    **_at(index, field),
                    "duplicate_record": {
                        "id": clash[0].id,
                        "module": {"api_name": module.api_name, "id": module.id},
                        "Owner": {"name": owner.get("name"), "id": owner.get("id")},
                    },
                    "more_records": len(clash) > 1,  # crm-oas DuplicateDataError: required
                },
                "duplicate data",
            )
    return changes


def success(message: str, record: StoredRecord, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A ``SUCCESS`` entry of ``data[]`` for a written record."""
    created, modified = record.fields.get("Created_By", {}), record.fields.get("Modified_By", {})
    details = {
        "Modified_Time": format_time(record.modified_at),
        "Modified_By": {"name": modified.get("name"), "id": modified.get("id")},
        "Created_Time": format_time(record.created_at),
        "id": record.id,
        "Created_By": {"name": created.get("name"), "id": created.get("id")},
    }
    return {"code": "SUCCESS", "details": details, "message": message, "status": "success", **(extra or {})}


def write_status(results: list[dict[str, Any]], all_ok: int) -> int:
    """``all_ok`` when every item succeeded, 207 when mixed, 400 (with the items) when none did."""
    ok = sum(1 for result in results if result["status"] == "success")
    if ok == len(results):
        return all_ok
    return 207 if ok else 400
