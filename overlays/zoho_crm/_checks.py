"""The client-side checks a declared method names (``x-zoho-method: {checks: ...}``), by name.

Each takes the method's arguments by public name (unset ones ``None``) and returns the generated
request builder's arguments, or raises ``ZohoValidationError`` before any request. The checks
themselves live in ``_plans`` and ``_validation``; this table only says which apply where.
"""

from __future__ import annotations

import inspect
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


def _takes(*functions: Callable[..., Any]) -> frozenset[str]:
    """The keywords some functions name (a check sees only these; the rest get the generic checks)."""
    kinds = (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
    return frozenset(n for f in functions for n, p in inspect.signature(f).parameters.items() if p.kind not in kinds)


_PATH = frozenset({"module", "record_id", "related_list"})
_ONE = _PATH | {"related_id", "external"}

CHECKS: dict[str, tuple[Check, frozenset[str]]] = {
    "list": (lambda p: _plans.list_params(**p), _takes(_plans.list_params) - {"fields_required"}),
    "get": (lambda p: _plans.get_params(**p), _takes(_plans.get_params, _plans.list_params) - {"fields_required"}),
    "search": (lambda p: _plans.search_params(**p), _takes(_plans.search_params)),
    "count": (lambda p: _plans.count_params(**p), _takes(_plans.count_params)),
    "deleted": (_deleted, frozenset({"module", "type", "page", "per_page", "if_modified_since"})),
    "update_one": (lambda p: _plans.update_one_params(**p), _takes(_plans.update_one_params)),
    "delete_one": (lambda p: _plans.delete_one_params(**p), _takes(_plans.delete_one_params)),
    "clone": (lambda p: _plans.clone_params(**p), _takes(_plans.clone_params)),
    "related_list": (_related_list, _PATH | _takes(_plans.list_params) - {"fields_required"}),
    "related_deleted": (_related_deleted, _PATH | {"fields", "page", "per_page", "ids"}),
    "related_get": (_related_get, _ONE | {"fields", "if_modified_since"}),
    "related_update_one": (_related_update_one, _ONE | {"fields"}),
    "related_one": (_related_one, _ONE),
    "related_count": (_related_count, _PATH | {"related_lists", "external"}),
    "api_name": (lambda p: {key: check.api_name(value) for key, value in p.items()}, frozenset({"module", "api_name"})),
}
"""Every named check and the arguments it sees. A declared method without ``checks`` gets the generic
checks only; an argument its check does not know (a parameter the spec gained since) gets them too."""
