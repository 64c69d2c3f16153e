"""The client-side checks a declared method names (``x-zoho-method: {checks: ...}``), by name.

Each takes the method's arguments by public name (unset ones ``None``) and returns the generated
request builder's arguments, or raises ``ZohoValidationError`` before any request. The checks
themselves live in ``_plans`` and ``_validation``; this table only says which apply where.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import _plans
from . import _validation as check

Check = Callable[[dict[str, Any]], dict[str, Any]]


def _related_list(p: dict[str, Any]) -> dict[str, Any]:
    module, record_id, related_list = p.pop("module"), p.pop("record_id"), p.pop("related_list")
    params = _plans.list_params(module, **p)
    params.update(_plans.related_path(module, record_id, related_list, p.get("external")))
    return params


def _related_deleted(p: dict[str, Any]) -> dict[str, Any]:
    params = _plans.related_path(p["module"], p["record_id"], p["related_list"], None)
    params.update(
        _plans.compact(
            fields=check.fields(p["fields"], required=True),
            page=check.page(p.get("page")),
            per_page=check.per_page(p.get("per_page")),
            ids=_plans.ids_of(p.get("ids")),
        )
    )
    return params


def _related_one(p: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return _plans.related_one_params(
        p["module"], p["record_id"], p["related_list"], p["related_id"], p.get("external"), **extra
    )


def _related_get(p: dict[str, Any]) -> dict[str, Any]:
    return _related_one(
        p,
        fields=check.fields(p.get("fields")),
        if_modified_since=check.header_datetime(p.get("if_modified_since"), "if_modified_since"),
    )


def _related_update_one(p: dict[str, Any]) -> dict[str, Any]:
    params = _related_one(p)
    params["body"] = _plans.body(_plans.body_model("related_update_one"), {"data": check.records([p["fields"] or {}])})
    return params


def _related_count(p: dict[str, Any]) -> dict[str, Any]:
    external = p.get("external")
    return {
        **_plans.record_path(p["module"], p["record_id"], external),
        **_plans.conditional(external),
        "body": _plans.count_body(p["related_lists"]),
    }


def _deleted(p: dict[str, Any]) -> dict[str, Any]:
    params = _plans.deleted_params(p["module"], p.get("type"), p.get("page"), p.get("per_page"))
    since = check.header_datetime(p.get("if_modified_since"), "if_modified_since")
    return {**params, **_plans.compact(if_modified_since=since)}


CHECKS: dict[str, Check] = {
    "list": lambda p: _plans.list_params(**p),
    "get": lambda p: _plans.get_params(**p),
    "search": lambda p: _plans.search_params(**p),
    "count": lambda p: _plans.count_params(**p),
    "deleted": _deleted,
    "update_one": lambda p: _plans.update_one_params(**p),
    "delete_one": lambda p: _plans.delete_one_params(**p),
    "clone": lambda p: _plans.clone_params(**p),
    "related_list": _related_list,
    "related_deleted": _related_deleted,
    "related_get": _related_get,
    "related_update_one": _related_update_one,
    "related_one": _related_one,
    "related_count": _related_count,
}
"""Every named check. A declared method without ``checks`` gets the runtime's generic checks only."""
