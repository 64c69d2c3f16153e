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


def _related_one(p: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return _plans.related_one_params(
        p["module"], p["record_id"], p["related_list"], p["related_record_id"], p.get("external"), **extra
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


def _takes(*functions: Callable[..., Any]) -> frozenset[str]:
    """The keywords some functions name (a check sees only these; the rest get the generic checks)."""
    kinds = (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
    return frozenset(n for f in functions for n, p in inspect.signature(f).parameters.items() if p.kind not in kinds)


_PATH = frozenset({"module", "record_id", "related_list"})
_ONE = _PATH | {"related_record_id", "external"}

CHECKS: dict[str, tuple[Check, frozenset[str]]] = {
    "update_one": (lambda p: _plans.update_one_params(**p), _takes(_plans.update_one_params)),
    "clone": (lambda p: _plans.clone_params(**p), _takes(_plans.clone_params)),
    "related_update_one": (_related_update_one, _ONE | {"fields"}),
    "related_count": (_related_count, _PATH | {"related_lists", "external"}),
}
"""Every named check and the arguments it sees. A declared method without ``checks`` gets the generic
checks only; an argument its check does not know (a parameter the spec gained since) gets them too."""
