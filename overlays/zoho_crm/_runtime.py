"""What the runtime generated resources call (``zoho_crm_api._runtime``) does besides sending: checks, shapes, pages.

Implemented once for every operation the spec declares. The runtimes that send (``AsyncRuntime`` in
``_async/_runtime.py``; ``SyncRuntime`` generated from it in ``_sync/``) call these.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import inspect
import math
import re
import sys
import typing
import warnings
from collections.abc import Collection, Mapping
from typing import Any

import httpx

from zoho_crm_api._runtime import LITERAL_SEGMENTS, CallOptions, Method, Operation

from . import _idempotency, _plans, _writes
from . import _validation as check
from ._batch import record_id_of
from ._engine import api_error, operation, read_json
from ._json import loads
from ._pagination import MAX_LISTED, Walk, by_number
from ._streaming import WritePlan
from .errors import InvalidResponseError, WaitTimeoutError, ZohoValidationError

__all__ = ["arguments", "page_args", "parsed", "prepare", "shaped", "stream_plan", "waited", "waits", "walk_of"]

DEFAULT_PER_PAGE = 200
SELECT_PAGE = 2000
"""Records a page of a COQL walk asks for (``limit <offset>, 2000``): COQL's largest page."""
_LIMIT_CLAUSE = re.compile(r"\blimit\s+\d+\s*(?:,\s*\d+\s*|offset\s+\d+\s*)?\Z", re.IGNORECASE)


@functools.cache
def _kinds(name: str) -> dict[str, tuple[type, bool]]:
    """The parameters of an operation's request builder that take a generated enum or model (``True``: a list)."""
    build, _ = operation(name)
    found: dict[str, tuple[type, bool]] = {}
    for param, hint in typing.get_type_hints(build).items():
        for kind in typing.get_args(hint) or (hint,):
            many = typing.get_origin(kind) is list
            kind = typing.get_args(kind)[0] if many else kind
            if isinstance(kind, type) and (issubclass(kind, enum.Enum) or hasattr(kind, "from_dict")):
                found[param] = (kind, many)
    return found


def _public(name: str, op: Operation | None = None) -> str:
    """The keyword of a request-builder argument (``x_external`` -> ``external``; the spec's own where declared)."""
    return (op.keywords.get(name) if op else None) or name.removeprefix("x_").rstrip("_")


def _path_value(where: str, value: Any) -> str:
    """A path parameter: a non-blank string (or integer id) that cannot reach another operation."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ZohoValidationError(f"{where} must be a string, got {type(value).__name__}")
    text = str(value)
    if not text.strip() or text in (".", "..") or check.has_control(text):
        raise ZohoValidationError(f"{where} must be a non-blank name without control characters, got {text!r}")
    if text in LITERAL_SEGMENTS:
        raise ZohoValidationError(f"{where}: {text!r} spells an API path segment and would reach another operation")
    return text


def _value(op: Operation, name: str, value: Any, external: bool) -> Any:
    """One argument as the generated builder takes it, or a ``ZohoValidationError`` naming it and the operation."""
    where = f"{op.name.rsplit('.', 1)[-1]}: {_public(name, op)}"
    rule = op.rules.get(name, {})
    if name in op.datetimes:
        return check.header_datetime(value, where)
    if name in op.csv:
        return _csv(where, value, rule, external)
    kind, many = _kinds(op.name).get(name, (None, False))
    if kind is not None and issubclass(kind, enum.Enum):
        if many:
            return [_member(f"{where}[{i}]", kind, item) for i, item in enumerate(_array(where, value, rule))]
        value = _member(where, kind, value)
    elif kind is not None or name == "body":  # the body, or an object parameter: the builder calls its to_dict()
        if not isinstance(value, Mapping):
            raise ZohoValidationError(f"{where} must be a mapping (the JSON object sent)")
        return _plans.Body(dict(value))
    else:
        value = _checked(where, value, rule, external)
    if name in op.path and not isinstance(value, enum.Enum):  # the builder writes str(value) into the path
        return value.isoformat() if isinstance(value, dt.date) else _path_value(where, value)
    return value


_PACKAGES = ("zoho_crm", "zoho_crm_api")


@functools.cache
def _deprecations(op: Operation) -> tuple[tuple[str, str], ...]:
    """An operation's deprecated parameters and the messages giving one warns with (most have none)."""
    short = op.name.rsplit(".", 1)[-1]
    return tuple(
        (
            name,
            f"{short}: {_public(name, op)} is deprecated" + (f": {rule['deprecated']}" if rule["deprecated"] else ""),
        )
        for name, rule in op.rules.items()
        if "deprecated" in rule
    )


def _warn_deprecated(op: Operation, params: Mapping[str, Any], fixed: Collection[str] = ()) -> None:
    """A ``DeprecationWarning`` for each deprecated parameter a call gives (not one a declared method sets).

    It points at the first caller outside the client, whatever the depth of the call. An async call
    handed straight to ``asyncio.gather`` or a task has no caller of its own on the stack: its warning
    names asyncio's frame, which Python's default filters hide (pytest shows it).
    """
    for name, message in _deprecations(op):
        if params.get(name) is not None and name not in fixed:
            frame, level = sys._getframe(1), 2
            while frame.f_back is not None and frame.f_globals.get("__name__", "").split(".")[0] in _PACKAGES:
                frame, level = frame.f_back, level + 1
            warnings.warn(message, DeprecationWarning, stacklevel=level)


def _member(where: str, kind: type[enum.Enum], value: Any) -> enum.Enum:
    """A value of a generated enum, given as its value (or a tri-state's ``True``/``False``)."""
    if isinstance(value, bool):
        value = str(value).lower()
    member = getattr(value, "value", value)
    if type(member) in (str, int):  # only these: the enum's own error would repr a hostile value
        with contextlib.suppress(ValueError):
            return kind(member)
    allowed = ", ".join(repr(m.value) for m in kind)
    raise ZohoValidationError(f"{where}: {check.shown(value)} is not one of {allowed}")


def _array(where: str, value: Any, rule: Mapping[str, Any], what: str = "items") -> list[Any]:
    """A list (or tuple) with as many items as ``rule`` allows (``minItems``, ``maxItems``)."""
    if not isinstance(value, (list, tuple)):
        raise ZohoValidationError(f"{where} must be a list of {what}, got {check.shown(value)}")
    low, high = rule.get("minItems", 0), rule.get("maxItems")
    if not low <= len(value) <= (len(value) if high is None else high):
        raise ZohoValidationError(f"{where} takes {low} to {high or 'any number of'} {what}, got {len(value)}")
    return list(value)


def option(where: str, value: Any, rule: Mapping[str, Any]) -> Any:
    """A body option's value against its schema's rule (``Method.options``, ``Operation.options``)."""
    kind, each = rule.get("type", ""), rule.get("each", {}).get("type")
    if not check.is_json(value, kind):  # of its own type: no number taken for text
        raise ZohoValidationError(f"{where} must be {kind}{f' of {each}s' if each else ''}, got {check.shown(value)}")
    return _checked(where, value, rule, False)


def _checked(where: str, value: Any, rule: Mapping[str, Any], external: bool) -> Any:
    """``value`` against its parameter's declared schema (``Operation.rules``), or a body option's."""
    if "one_of" in rule:
        return _one_of(where, value, rule["one_of"], external)
    if rule.get("type") == "object" and not rule.keys() <= {"type"}:
        return _object(where, value, rule)
    if rule.get("format") == "record-id":
        return check.record_id(value, external=external, what=where)
    if rule.get("format") in ("date", "date-time"):
        return check.iso_date(where, value, rule["format"])
    if rule.get("type") == "array":
        each = rule.get("each", {})
        return [_checked(f"{where}[{i}]", item, each, external) for i, item in enumerate(_array(where, value, rule))]
    if rule.get("type") == "string" and type(value) is int:  # an id or a view id given as a number
        value = str(value)
    if not check.is_json(value, rule.get("type", "")):
        raise ZohoValidationError(f"{where} must be {rule.get('type', 'JSON')}, got {type(value).__name__}")
    if "enum" in rule and not any(type(value) is type(choice) and value == choice for choice in rule["enum"]):
        allowed = ", ".join(repr(choice) for choice in rule["enum"])
        raise ZohoValidationError(f"{where}: {check.shown(value)} is not one of {allowed}")
    if type(value) is float and not math.isfinite(value):
        raise ZohoValidationError(f"{where} must be a finite number, got {value!r}")
    if ("minimum" in rule and value < rule["minimum"]) or ("maximum" in rule and value > rule["maximum"]):
        bounds = f"from {rule.get('minimum', '-inf')} to {rule.get('maximum', 'inf')}"
        raise ZohoValidationError(f"{where} must be {bounds}, got {value!r}")
    if isinstance(value, str):
        check.utf8(where, value)
        if not rule.get("minLength", 0) <= len(value) <= rule.get("maxLength", len(value)):
            lengths = f"{rule.get('minLength', 0)} to {rule.get('maxLength', 'any number of')} characters"
            raise ZohoValidationError(f"{where} must have {lengths}, got {len(value)}")
        if "pattern" in rule and not _pattern(rule["pattern"]).search(value):
            shown = value if len(value) <= 60 else value[:57] + "..."
            raise ZohoValidationError(f"{where}: {shown!r} does not match {rule['pattern']}")
        if rule.get("header") and (not value.isascii() or check.has_control(value)):
            raise ZohoValidationError(f"{where} must be printable ASCII text (it is sent as an HTTP header)")
    return value


def _one_of(where: str, value: Any, forms: list[Mapping[str, Any]], external: bool) -> Any:
    """``value`` as the first of its schema's ``oneOf`` forms it fits (an id: a numeric string or an integer)."""
    refused = []
    for form in forms:
        try:
            return option(where, value, form) if form.get("type") else _checked(where, value, form, external)
        except ZohoValidationError as exc:
            refused.append(str(exc).removeprefix(f"{where}").lstrip(": "))
    raise ZohoValidationError(f"{where} fits none of its forms: {'; or '.join(refused)}")


def _object(where: str, value: Any, rule: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON object against its schema's rule: required keys, no others when ``closed``, each property's rule.

    A body's rule also holds ``one_of_keys`` (at least one given) and ``excludes`` (never together).
    """
    if not isinstance(value, Mapping):
        raise ZohoValidationError(f"{where} must be object, got {check.shown(value)}")
    given = {key for key, item in value.items() if item is not None}
    missing = [key for key in rule.get("required", ()) if key not in value]  # a null may be what the schema allows
    if missing:
        raise ZohoValidationError(f"{where} needs {', '.join(map(repr, missing))}")
    properties: Mapping[str, Mapping[str, Any]] = rule.get("properties", {})
    others = [key for key in value if key not in properties] if rule.get("closed") else []
    if others:
        raise ZohoValidationError(f"{where}: {check.shown(others[0])} is none of its keys ({', '.join(properties)})")
    if rule.get("one_of_keys") and not given & set(rule["one_of_keys"]):
        raise ZohoValidationError(f"{where} needs one of: {', '.join(rule['one_of_keys'])}")
    for key, clashing in rule.get("excludes", {}).items():
        if key in given and given & set(clashing):
            raise ZohoValidationError(
                f"{where}: {key} cannot be combined with {', '.join(sorted(given & set(clashing)))}"
            )
    checked = dict(value)
    for key in given & properties.keys():
        checked[key] = option(f"{where}[{key!r}]", value[key], properties[key])
    return checked


@functools.cache
def _pattern(text: str) -> re.Pattern[str]:
    """A pattern as JSON Schema (ECMA-262) reads it: ``$`` is the very end (Python's lets a last newline pass)."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", text))


def _csv(where: str, value: Any, rule: Mapping[str, Any], external: bool) -> str:
    """A comma-separated parameter from a string or a list, each item checked (``x-zoho-items``)."""
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        items = [str(v) for v in value]
    else:
        raise ZohoValidationError(f"{where} must be a string or a list of strings")
    declared = rule.get("items", {})
    _array(where, items, {"minItems": 1, "maxItems": declared.get("max")})
    for i, item in enumerate(items):
        if "," in item:
            raise ZohoValidationError(f"{where}[{i}]: {item!r} contains a comma, which Zoho uses to separate items")
        _checked(f"{where}[{i}]", item, declared, external)
    return ",".join(items)


@functools.cache
def _required(name: str) -> tuple[str, ...]:
    """The arguments an operation's request builder cannot do without."""
    build, _ = operation(name)
    empty = inspect.Parameter.empty
    return tuple(key for key, param in inspect.signature(build).parameters.items() if param.default is empty)


def _related(op: Operation, given: Mapping[str, Any]) -> None:
    """Required arguments, and the declared relations between them: ``x-zoho-one-of`` and ``x-zoho-excludes``."""
    name = op.name.rsplit(".", 1)[-1]
    missing = [_public(key, op) for key in _required(op.name) if given.get(key) is None and key != "body"]
    if missing:
        raise ZohoValidationError(f"{name} needs {', '.join(missing)}")
    if op.one_of and not any(given.get(key) is not None for key in op.one_of):
        raise ZohoValidationError(f"{name} needs one of: {', '.join(_public(key, op) for key in op.one_of)}")
    page, per_page, tokens = given.get("page"), given.get("per_page"), "page_token" in op.pagination
    per_page = DEFAULT_PER_PAGE if per_page is None else per_page
    if type(page) is int and type(per_page) is int and not by_number(tokens, page, per_page, op.reach):
        raise ZohoValidationError(
            f"{name}: page {page} of {per_page} goes past record {op.reach or _plans.DISCRETE_LIMIT}, as far as "
            "Zoho lists by page number" + ("; iter walks on with page tokens" if tokens else "")
        )
    for key, value in given.items():
        clash = [other for other in op.rules.get(key, {}).get("excludes", ()) if given.get(other) is not None]
        if value is not None and clash:
            others = ", ".join(_public(other, op) for other in clash)
            raise ZohoValidationError(f"{name}: {_public(key, op)} cannot be combined with {others}")


def prepare(
    op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object],
    fixed: Collection[str] = (),
) -> tuple[dict[str, Any], Any, bool]:  # fmt: skip
    """Checked builder arguments, the adjustment adding the escape hatches, and whether the call may be repeated.

    Nothing is sent before this. ``fixed``: the arguments a declared method sets itself (no warning for them).
    """
    name = op.name.rsplit(".", 1)[-1]
    check.no_unknown(name, unknown)
    _related(op, params)
    _warn_deprecated(op, params, fixed)
    external = params.get("x_external") is not None
    args = {key: _value(op, key, value, external) for key, value in params.items() if value is not None}
    if op.batch is None and op.body is not None and "body" in args:  # a batch's: checked whole below
        args["body"] = _plans.Body(_object(f"{name}: body", args["body"].payload, op.body))
    headers, query, extra = _extra(op, name, options)
    if extra and "body" not in params:
        raise ZohoValidationError(f"{name} sends no body: extra_body does not apply")
    if extra:
        payload = args.setdefault("body", _plans.Body({})).payload  # an optional body left out: extra_body is all of it
        clash = sorted(key for key in extra if key in payload)
        if clash:
            raise ZohoValidationError(f"{name}: extra_body would replace body[{clash[0]!r}]; give it in body only")
        payload.update(extra)
        params = {**params, "body": payload}  # retry safety is judged on the body as sent
    if "body" not in args and "body" in _required(op.name):
        raise ZohoValidationError(f"{name} needs body")
    if op.batch is not None and "body" in args:
        _writes.check_body(op, args["body"].payload, params.get("x_external"))

    def adjust(kwargs: dict[str, Any]) -> None:
        if headers:
            kwargs["headers"] = {**kwargs.get("headers", {}), **headers}
        if query:
            kwargs["params"] = {**kwargs.get("params", {}), **query}

    return args, adjust if headers or query else None, idempotent(op, params)


_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # an HTTP header name (RFC 9110 token)
_CLIENT_HEADERS = frozenset({
    "authorization", "proxy-authorization", "host", "content-length", "content-type", "content-encoding",
    "transfer-encoding", "connection", "keep-alive", "te", "upgrade", "expect", "accept-encoding",
})  # fmt: skip
"""Headers the client, its auth flow or the transport set: no escape hatch gives them (any case, ``_`` or ``-``)."""


def _scalar(value: object) -> bool:
    """A query value httpx writes as one parameter: text, a finite number or a bool."""
    return isinstance(value, (str, int, bool)) or (isinstance(value, float) and math.isfinite(value))


def _extra(
    op: Operation, name: str, options: CallOptions
) -> tuple[Mapping[str, str] | None, Mapping[str, Any] | None, Mapping[str, Any] | None]:
    """The escape hatches, checked: for what the spec does not know, never to replace what it does.

    A parameter, header or body key the operation declares is refused (give it by its keyword), as are
    the headers the client and the transport set (``Authorization``, framing), so that no escape hatch
    can change what a checked argument, the retry rule or the token says.
    """
    headers, query, extra = options.extra_headers, options.extra_query, options.extra_body
    for what, given in (("extra_headers", headers), ("extra_query", query), ("extra_body", extra)):
        if given is not None and not (isinstance(given, Mapping) and all(isinstance(k, str) for k in given)):
            raise ZohoValidationError(f"{name}: {what} must be a mapping with string keys")
    declared = _declared(op) if headers or query else frozenset()
    for key, value in (headers or {}).items():
        if not _TOKEN.fullmatch(key):
            raise ZohoValidationError(f"{name}: extra_headers key {key!r} is not a header name")
        lower = key.lower()
        if lower.replace("_", "-") in _CLIENT_HEADERS or {lower, _public(lower.replace("-", "_"))} & declared:
            raise ZohoValidationError(f"{name}: extra_headers[{key!r}] is set by the client or a keyword")
        if not isinstance(value, str) or not value.isascii() or check.has_control(value):
            raise ZohoValidationError(f"{name}: extra_headers[{key!r}] must be printable ASCII text")
    for key, value in (query or {}).items():
        if key in declared or key.lower() in declared:
            raise ZohoValidationError(f"{name}: extra_query[{key!r}] is a declared parameter; give it by its keyword")
        if not (_scalar(value) or (isinstance(value, (list, tuple)) and value and all(map(_scalar, value)))):
            raise ZohoValidationError(
                f"{name}: extra_query[{key!r}] must be text, a number, a bool or a non-empty list of them"
            )
        for text in (key, *(v for v in (value if isinstance(value, (list, tuple)) else [value]) if isinstance(v, str))):
            check.utf8(f"{name}: extra_query[{key!r}]", text)
    return headers, query, extra


@functools.cache
def _declared(op: Operation) -> frozenset[str]:
    """What an operation's keywords, and no escape hatch, may set.

    Its parameters by public name, and by the name they are sent as where it differs (lowercase:
    ``per-group``, ``sortby``, ``x-external``).
    """
    names = map(_public, inspect.signature(operation(op.name)[0]).parameters)
    sent = (str(rule["sent"]).lower() for rule in op.rules.values() if "sent" in rule)
    return frozenset([*names, *op.pagination, *sent])


def batch_params(op: Operation, params: dict[str, Any]) -> dict[str, Any]:
    """A batched write's parameters with its query parameters checked (``wf_trigger``...) as any call's are.

    Its path and headers are ``_writes.plan``'s to check.
    """
    external = params.get("x_external") is not None
    _warn_deprecated(op, params)
    return {
        key: value if key in op.path or key in _writes.HEADERS or value is None else _value(op, key, value, external)
        for key, value in params.items()
    }


def idempotent(op: Operation, params: dict[str, Any]) -> bool:
    """Whether a call may be repeated after a lost answer (``x-zoho-retry``).

    ``keyed``: only when every record of the body names itself (an id, an external value, or a value
    for the duplicate check; see ``zoho_crm._idempotency``), as for the hand-written upsert.
    """
    if op.retry != "keyed":
        return op.retry == "safe"
    body = params.get("body")
    if not isinstance(body, Mapping) or not isinstance(params.get("module"), str):
        return False
    data = body.get("data")
    if not isinstance(data, list):
        return False
    dcf = body.get("duplicate_check_fields")
    if dcf is not None and not isinstance(dcf, (list, tuple)):
        return False  # not a list Zoho reads: which fields it checks cannot be told
    fields = [f for f in dcf if isinstance(f, str)] if dcf is not None else None
    keys = _idempotency.key_fields(params["module"], fields, params.get("x_external"))
    return _idempotency.all_named(data, keys)


def parsed(response: httpx.Response, binary: bool = False) -> Any:
    """The JSON of a successful answer (``None`` for 204/304 or no body), or its typed error.

    With ``binary`` (``Operation.binary``), a successful answer's bytes instead of its JSON.
    """
    status = response.status_code
    if status in (204, 304):
        return None
    if not 200 <= status < 300:
        raise api_error(response)
    if binary:
        return response.content
    if not response.content:
        return None
    return read_json(response)


def arguments(method: Method, params: dict[str, Any], unknown: Mapping[str, object]) -> dict[str, Any]:
    """A declared method's builder arguments: its body built as declared, everything checked as the spec says."""
    check.no_unknown(method.where, unknown)
    for needed in method.required:
        if params.get(needed) is None:
            raise ZohoValidationError(f"{method.where}: {needed} is required")
    rest = {**params, **method.fixed}
    takes = operation(method.op.name)[1] - {"body"}
    given = rest.pop(method.body, None) if method.body else None
    if given is None and method.body and "body" in _required(method.op.name):
        raise ZohoValidationError(f"{method.where} needs {method.body}")
    if method.each is not None:
        given = _names(method, given)
    elif given is not None and not isinstance(given, Mapping):
        what = f"one item of the body's {method.wrap}" if method.wrap else "the JSON object sent"
        raise ZohoValidationError(f"{method.where}: {method.body} must be a mapping ({what})")
    named: dict[str, Any] = {}
    body: dict[str, Any] = {}
    fixed: set[str] = set()
    if isinstance(given, list):
        body = {str(method.wrap): given}
    elif given is not None:
        body = {method.wrap: [dict(given)]} if method.wrap else dict(given)
    for key, value in rest.items():
        name = next((n for n in (key, f"x_{key}", f"{key}_") if n in takes), None)
        if name is not None:
            named[name] = value
            if key in method.fixed:
                fixed.add(name)
        elif value is not None:  # one of the body's own keywords
            body[key] = option(f"{method.where}: {key}", value, method.options.get(key, {}))
    if body or (method.body and not method.wrap):
        named["body"] = body
    return prepare(method.op, named, CallOptions(), {}, fixed)[0]


def _names(method: Method, given: Any) -> list[dict[str, Any]]:
    """A list of names as the items of the body's ``wrap`` list, each set at its declared ``each`` path."""
    each = dict(method.each or {})
    path, low, high = str(each.pop("path")), each.pop("min"), each.pop("max")
    where = f"{method.where}: {method.body}"
    items = []
    for i, name in enumerate(_array(where, given, {"minItems": low, "maxItems": high}, "names")):
        item: Any = _checked(f"{where}[{i}]", name, {"type": "string", **each}, False)
        for step in reversed(path.split(".")):
            item = {step: item}
        items.append(item)
    return items


def _items(response: httpx.Response, key: str, failed: Collection[int] = ()) -> list[dict[str, Any]]:
    """The answer's ``key`` list of objects (empty on 204); a typed error for an error answer or another shape.

    An error status in ``failed`` (declared: its answer may be the items) gives its items when it holds
    one failed item per input (Zoho's 400 when every id of a bulk call failed); its error envelope, or
    anything else, gives the typed error.
    """
    status = response.status_code
    if status == 204:
        return []
    if status in failed:
        try:
            payload = loads(response.content)
        except ValueError:
            raise api_error(response) from None  # the status's typed error, the start of the body in its message
        items = payload.get(key) if isinstance(payload, dict) else None
        if not isinstance(items, list) or not items or not all(type(item) is dict for item in items):
            raise api_error(response)  # Zoho's error envelope: the call was refused as a whole
        if any(item.get("status") != "error" for item in items):
            what = f"HTTP {status} answer's {key}[] says an item succeeded"
            raise InvalidResponseError(what, status_code=status, url=str(response.request.url))
        return items
    if not 200 <= status < 300:  # 207, 202: the items say what happened to each
        raise api_error(response)
    payload = read_json(response)
    items = payload.get(key) if isinstance(payload, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InvalidResponseError(f"answer has no {key}[] list", status_code=200, url=str(response.request.url))
    return items


def shaped(method: Method, params: dict[str, Any], response: httpx.Response) -> Any:
    """A declared method's result from its answer (``returns``): a page, a record, a count, an outcome, a list."""
    if method.returns == "page":
        return _plans.page_from(response)
    named = params.get(method.answers) if method.answers and params.get("external") is None else None
    if method.returns == "record":
        records = _plans.page_from(response).records
        said = record_id_of(records[0].get("id")) if records else None
        if records and named is not None and (len(records) > 1 or said != record_id_of(named)):
            raise InvalidResponseError(
                f"{method.where}: asked for record {named}, answered {len(records)} record(s), the first {said}",
                status_code=response.status_code,
            )
        return records[0] if records else None
    if method.returns == "count":
        return _plans.record_count(response)
    if method.returns == "counts":
        return _plans.related_counts(response, params.get(method.body) if method.body else None)
    if method.returns == "items":
        return _items(response, str(method.key), method.failed)
    if method.returns in ("item", "wait"):  # a wait: the item read until the job ends
        items = _items(response, str(method.key))
        if not items:
            raise InvalidResponseError(f"answer has no {method.key}[] item", status_code=response.status_code)
        return items[0]
    return _plans.single_outcome(response, params.get(method.echo) if method.echo else None, record_id_of(named))


def walk_of(op: Operation, args: dict[str, Any]) -> Walk:
    """Where a walk of ``op`` starts, its page size set in ``args`` (Zoho's default, 200, when not given).

    A walk by ``limit`` (COQL) pages with a limit clause of its own: a query ending with one is refused.
    """
    if "limit" in op.pagination:
        short = op.name.rsplit(".", 1)[-1]
        query = getattr(args.get("body"), "payload", {}).get("select_query")
        if not isinstance(query, str):
            raise ZohoValidationError(f"{short}: select_query must be a string")
        if _LIMIT_CLAUSE.search(query):
            raise ZohoValidationError(
                f"{short}: the query ends with a limit clause, and the walk pages with its "
                f"own ({SELECT_PAGE} records a call): drop it (itertools.islice stops a walk early)"
            )
        return Walk(("limit",), SELECT_PAGE)
    if "per_page" in _declared(op):
        args.setdefault("per_page", DEFAULT_PER_PAGE)
    per_page = args.get("per_page", DEFAULT_PER_PAGE)
    return Walk(op.pagination, per_page if isinstance(per_page, int) else DEFAULT_PER_PAGE, op.reach)


def waits(method: Method, every: tuple[float, float]) -> tuple[float, float]:
    """A wait's ``interval`` and ``max_wait``: seconds from 0 to ``MAX_SECONDS`` (else ``ZohoValidationError``)."""
    for name, value in zip(("interval", "max_wait"), every, strict=True):
        if not check.seconds(value, zero=True):
            raise ZohoValidationError(
                f"{method.where}: {name} must be seconds from 0 to {check.MAX_SECONDS:,}, got {check.shown(value)}"
            )
    return every


def waited(method: Method, params: dict[str, Any], response: httpx.Response, late: bool) -> dict[str, Any] | None:
    """A wait's status item when its ``until`` field says done (``None`` to read again; ``late``: none left)."""
    item: dict[str, Any] = shaped(method, params, response)
    field, done, known = method.until or ("", (), ())
    value = item.get(field)
    if value is None or (known and value not in known):
        said = f"{field} {check.shown(value)}, not one of {', '.join(known)}" if known else f"no {field}"
        raise InvalidResponseError(f"{method.where}: the answer has {said}", status_code=response.status_code)
    if value in done:
        return item
    if late:
        raise WaitTimeoutError(
            f"{method.where}: {field} still {check.shown(value)}, not {' or '.join(done)}, after max_wait",
            details=item,
        )
    return None


def page_args(op: Operation, args: dict[str, Any], paging: dict[str, Any]) -> dict[str, Any]:
    """The arguments of one page of a walk: its paging parameters, or (``limit``) its query's limit clause."""
    if "limit" not in op.pagination:
        return {**args, **paging}
    body = args["body"].payload
    offset = paging.get("offset", 0)  # the records read so far: a short page skips none
    size = min(SELECT_PAGE, MAX_LISTED - offset)  # COQL reaches MAX_LISTED records (the walk stops there)
    query = f"{body['select_query'].rstrip()} limit {offset}, {size}"
    return {**args, "body": _plans.Body({**body, "select_query": query})}


def stream_plan(
    op: Operation, params: dict[str, Any], body: dict[str, Any], unknown: Mapping[str, object]
) -> WritePlan:
    """How a stream of ``op`` writes its records, its arguments checked now (unknown options refused)."""
    check.no_unknown(op.name.rsplit(".", 1)[-1], unknown)
    params = batch_params(op, params)  # its other parameters checked (and sent) as a batch's
    extra = _writes.body_options(op, body)
    path, headers = _writes.call_parts(op, params)
    return WritePlan(_writes.kind(op), path, headers, external=params.get("x_external"), extra=extra)
