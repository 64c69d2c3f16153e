"""Batched writes of any operation declaring ``x-zoho-batch``: planned once here, for sync and async alike.

The generated method (``crm.records.insert``, ``crm.related.delink``...) hands over the operation,
its parameters, its body options and the items; :func:`plan` checks everything, chunks the items
and builds every call's arguments before the first request. ``x-zoho-batch`` declares the body key
(``data``: records, else the query parameter holding ids) and ``identified_by: id`` (every record
names itself by ``id``, or by its external field); ``x-zoho-retry`` decides whether a call may be
repeated (``keyed``: only the chunks whose records all name themselves, see ``_idempotency``).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from zoho_crm_api._runtime import Operation

from . import _batch, _idempotency, _plans, _runtime  # _runtime: a cycle, read at call time
from . import _validation as check
from ._engine import operation
from .errors import ZohoValidationError

HEADERS = ("x_external", "if_unmodified_since")
"""The parameters a batched write sends as headers."""


@functools.cache
def _body_model(name: str) -> Any:
    """The generated request model of an operation's body (its builder's ``body`` annotation)."""
    return typing.get_type_hints(operation(name)[0])["body"]


def _path(op: Operation, params: dict[str, Any], external: str | None) -> dict[str, Any]:
    """The path arguments, checked: a module, a record (id or external value), a related list."""
    module = params["module"]
    if "related_list" in op.path:
        name = _plans.path_name(params["related_list"], "related list")
        return {**_plans.record_path(module, params["record_id"], external), "related_list": name}
    if "record_id" in op.path:
        return _plans.record_path(module, params["record_id"], external)
    return {"module": _plans.path_name(module)}


def call_parts(op: Operation, params: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A bulk write's path arguments, and its headers and other parameters (the same for every chunk), checked."""
    external = params.get("x_external")
    others = {k: v for k, v in params.items() if k not in op.path and k not in HEADERS and v is not None}
    return _path(op, params, external), _plans.conditional(external, params.get("if_unmodified_since"), **others)


def body_options(op: Operation, body: Mapping[str, Any]) -> dict[str, Any]:
    """A batched write's body options besides its items (``trigger``...), checked, also against the request model."""
    rest = {key: value for key, value in body.items() if value is not None and key != "data"}
    extra: dict[str, Any] = {}
    if (trigger := rest.pop("trigger", None)) is not None:
        if not isinstance(trigger, (list, tuple)):
            raise ZohoValidationError("trigger must be a list, e.g. ['workflow'] (use [] to run none)")
        extra["trigger"] = list(trigger)
    if (skip := rest.pop("skip_feature_execution", None)) is not None:
        if not isinstance(skip, (list, tuple)) or not all(isinstance(item, dict) for item in skip):
            raise ZohoValidationError("skip_feature_execution must be a list of {'name': ...} dicts")
        extra["skip_feature_execution"] = list(skip)
    if (fields := rest.pop("duplicate_check_fields", None)) is not None:
        if not isinstance(fields, (list, tuple)):
            raise ZohoValidationError("duplicate_check_fields must be a list of field API names, e.g. ['Email']")
        extra["duplicate_check_fields"] = [check.api_name(value, "field") for value in fields]
    extra.update(rest)
    name = op.name.rsplit(".", 1)[-1]
    for key, value in extra.items():
        extra[key] = _runtime.option(f"{name}: {key}", value, op.options.get(key, {}))
    model = _body_model(op.name)
    try:
        model.from_dict({"data": [], **extra})
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise ZohoValidationError(f"request body does not fit {model.__name__}: {exc}") from None
    return extra


def _records(op: Operation, items: object, external: str | None, where: str, most: int | None = None) -> list[Any]:
    """A bulk write's records, checked: dicts (1 to ``most``), naming themselves where the operation needs it."""
    records = check.records(items, what=where)
    if most is not None and not 1 <= len(records) <= most:
        got = f"got {len(records)} (its batched call takes any number)"
        raise ZohoValidationError(f"{where} takes 1 to {most} records, {got}")
    if (op.batch or {}).get("identified_by") == "id" and external is None:  # else the external field may name it
        _plans.require_ids(records, where)
    return records


def check_body(op: Operation, body: dict[str, Any], external: str | None) -> None:
    """A bulk write's body given whole (``insert_records(body=...)``), checked as its batched call checks a chunk."""
    declared = op.batch or {}
    if declared.get("key", "data") != "data":
        return  # ids in the query: checked as a declared parameter
    where = f"{op.name.rsplit('.', 1)[-1]}: body['data']"
    _records(op, body.get("data"), external, where, int(declared.get("size", _batch.BATCH_SIZE)))
    body_options(op, body)


def kind(op: Operation) -> str:
    """``insert``, ``update``, ``upsert`` or ``delete``: what a batched write is, from its declarations."""
    declared = op.batch or {}
    if declared.get("key", "data") != "data":
        return "delete"
    return {"unsafe": "insert", "keyed": "upsert"}.get(op.retry, "update")


def answers(kind_of: str, external: str | None) -> _batch.Answers:
    """Which record id each success must answer (``_batch.Answers``).

    With ``X-EXTERNAL``, only a record carrying its ``id`` is held to it: the header may name a lookup's
    field or the parent's, and the others are named by an external field.
    """
    if kind_of == "insert":
        return "new"
    if kind_of == "upsert":
        return "any"
    return "sent" if external is None else "ids"


def plan(
    op: Operation, params: dict[str, Any], body: dict[str, Any], items: object, unknown: Mapping[str, object]
) -> tuple[_batch.Prepared, _batch.Idempotent]:
    """Chunks, each call's arguments, and whether each call may be repeated; nothing is sent before this."""
    declared = op.batch or {}
    check.no_unknown(op.name.rsplit(".", 1)[-1], unknown)
    external = params.get("x_external")
    path, headers = call_parts(op, params)
    key, size = declared.get("key", "data"), int(declared.get("size", _batch.BATCH_SIZE))
    if key != "data":
        ids = check.record_ids(items, external=external is not None)
        fixed = {**path, **headers}
        return _batch.plan(ids, lambda part: {**fixed, "ids": ",".join(part)}, size), op.retry != "unsafe"
    records = _records(op, items, external, "records")
    extra = body_options(op, body)
    build = _plans.chunk_arguments(path, extra, headers)
    if op.retry != "keyed":
        return _batch.plan(records, build, size), op.retry == "safe"
    keys = _idempotency.key_fields(path["module"], extra.get("duplicate_check_fields"), external)
    named: list[bool] = []

    def build_and_judge(part: Sequence[Any]) -> dict[str, Any]:
        arguments = build(part)
        named.append(_idempotency.all_named(part, keys))  # just encoded: its records are in the CPU's cache
        return arguments

    prepared = _batch.plan(records, build_and_judge, size)
    safe = {start: ok for (start, _), ok in zip(prepared[0], named, strict=True)}
    return prepared, True if all(named) else safe
