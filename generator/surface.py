"""The typed client surface: one resource class per spec tag, rendered from ``templates/surface/``.

Run by ``generate.py`` after openapi-python-client, on its staged output: each operation's
parameters are read from the generated request builder (``_get_kwargs``: names and types), and
its docs and behaviour from the spec (summary, description, ``x-zoho-*`` extensions). The result,
``zoho_crm_api/resources/`` and ``zoho_crm_api/_runtime.py``, imports nothing from ``zoho_crm``.

Vendor extensions read here (all optional; defaults in brackets):

- ``x-zoho-resource`` on a tag: the attribute of ``ZohoCRM`` it becomes [the tag name].
- ``x-zoho-retry`` on an operation: ``safe``, ``keyed`` or ``unsafe`` [``safe`` for GET, PUT and
  DELETE; ``unsafe`` for POST and PATCH].
- ``x-zoho-pagination`` on an operation: the paging parameters (``[page, page_token]``), or ``[limit]``
  for COQL (each page a ``limit <offset>, 2000`` clause appended to the body's ``select_query``); adds
  an ``iter_<operation>`` method walking every page.
- ``x-zoho-batch`` on an operation: ``{size: 100, key: data}`` for a bulk write.
- ``x-zoho-method`` on an operation: its user-facing call(s), ``{name, returns, iter, stream, wait,
  body, echo, answers, rename, limit, key, fixed, positional, summary}`` (see docs/regenerating.md); a bare name
  means ``returns: batch``. ``returns: items`` / ``item`` unwrap the answer's ``key`` list (or its one
  item); the properties of the request body are keywords (sent in the body); ``fixed`` sends parameters
  (or body properties) with set values (not arguments); ``positional`` makes required keywords, or
  properties the body requires, positional; ``summary`` replaces the operation's in the docstring.
  Anything else is an error. With
  ``x-zoho-batch``, the call takes any number of records (or ids) that the runtime chunks, one outcome
  per item (keywords: the operation's parameters, its body's options, ``concurrency``, ``on_progress``).
- ``deprecated: true`` on an operation: its methods are marked as PEP 702 deprecates (type checkers
  flag each call; calling one warns ``DeprecationWarning``); on a parameter: its doc says so and
  giving it warns. ``x-zoho-deprecated`` beside it: what to use instead, added to the message.
- ``x-zoho-keyword`` on a parameter: its keyword, when another parameter would take the same one (which
  stops generation otherwise: a parameter added later must not take a keyword users already call).
- ``x-zoho-format`` on a parameter: ``date-time`` (takes a ``datetime``), ``csv`` (takes a list) or
  ``record-id`` (a numeric id, or any external value when the call names ``X-EXTERNAL``).
- The client checks every argument against its parameter's schema before sending (``type``,
  ``pattern``, ``minimum``, ``maximum``, ``minLength``, ``maxLength``), and a ``csv`` parameter's items
  against ``x-zoho-items: {max, pattern, format}``. On an operation, ``x-zoho-excludes: {name: [names]}``
  refuses a parameter together with those, and ``x-zoho-one-of: [names]`` requires one of them; both may
  name body properties instead, checked with the body (``Operation.body``: every property's schema, nested).
"""

from __future__ import annotations

import collections
import datetime
import enum
import importlib
import inspect
import keyword
import sys
import types
import typing
from pathlib import Path
from typing import Any

import jinja2
from openapi_python_client.strings import PythonIdentifier

TEMPLATES = Path(__file__).resolve().parent / "templates" / "surface"
HTTP_METHODS = ("get", "put", "post", "patch", "delete")
SAFE_BY_DEFAULT = {"get": "safe", "put": "safe", "delete": "safe", "post": "unsafe", "patch": "unsafe"}
RETRY_KINDS = ("safe", "keyed", "unsafe")


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


FIELD_PREFIX = "field_"
"""``field_prefix`` of ``config.yaml`` (a test checks that they agree)."""
SURFACE_NAMES = frozenset({"self", "extra_headers", "extra_query", "extra_body", "timeout", "unknown"})
"""Names every generated method uses itself: a parameter spelt so gets another keyword (``timeout_``)."""
BATCH_NAMES = frozenset({"concurrency", "on_progress"})
"""The further names of a batched write (and its items' argument, ``records`` or ``ids``)."""
CLIENT_NAMES = frozenset({"close", "aclose", "stats", "tokens", "base_url", "with_options"})
"""Attributes ``ZohoCRM`` and ``AsyncZohoCRM`` have besides their resources (a test keeps this in step)."""


class SpecError(ValueError):
    """The spec asks for what the surface cannot be: ``generate.py`` prints it and stops, ``generated/`` untouched."""


def identifier(name: str, prefix: str = FIELD_PREFIX) -> str:
    """The Python name openapi-python-client gives ``name``, from its own code.

    A parameter (``X-EXTERNAL`` -> ``x_external``, ``filter`` -> ``filter_``), an operation's module
    (``getTags`` -> ``get_tags``) or, with ``prefix="tag"``, a tag's package (``Tag Settings`` -> ``tag_settings``).
    """
    return str(PythonIdentifier(name, prefix=prefix))


def _plain(name: str) -> str:
    """A builder argument's name without the ``x_`` of a custom header or the ``_`` guarding a builtin."""
    return name.removeprefix("x_").rstrip("_")


def public_name(name: str) -> str:
    """The name users type: :func:`_plain`, unless that is a keyword (``from_``)."""
    return name if keyword.iskeyword(_plain(name)) else _plain(name)


def _keywords(entries: list[dict[str, Any]], taken: frozenset[str] | set[str]) -> None:
    """Give each argument of one method a keyword of its own (in place).

    Its public name when free, else its generated name (``x_trace_id`` beside a ``trace_id``), else its
    public name with ``_`` added (``timeout_``). Arguments whose public name is their generated one choose
    first; ``key`` keeps the public name (how a declared method gives it to the runtime).
    """
    wanted = collections.Counter(e["public"] for e in entries if not e.get("explicit"))
    clash = sorted(e["name"] for e in entries if wanted[e["public"]] > 1 and not e.get("explicit"))
    if clash:  # which one keeps it must not change when a parameter is added: the spec says
        raise SpecError(f"arguments {clash} would take the same keyword: give one x-zoho-keyword")
    used = set(taken)
    for entry in sorted(entries, key=lambda e: (not e.get("explicit"), e["public"] != e["name"])):
        entry.setdefault("key", entry["public"])
        derived = entry["public"] == public_name(entry["name"])  # not one x-zoho-method renames
        tried = (entry["public"], entry["name"]) if derived else (entry["public"],)
        free = [n for n in tried if n not in used and not keyword.iskeyword(n)]
        chosen = free[0] if free else entry["public"] + "_"
        while chosen in used:
            chosen += "_"
        entry["public"] = chosen
        used.add(chosen)


def _builder_names(op_id: str, declared: list[dict[str, Any]], accepted: list[str]) -> dict[str, dict[str, Any]]:
    """Each request-builder argument's spec parameter, by the builder's name.

    openapi-python-client renames clashing names (``url_query``, ``id_path``...): those are found too. A
    parameter or argument left unmatched is an error.
    """
    found: dict[str, dict[str, Any]] = {}
    for param in declared:
        base = identifier(param["name"])
        raw = str(PythonIdentifier(param["name"], prefix=FIELD_PREFIX, skip_snake_case=True))
        tried = (f"{base}_{param['in']}", base, raw)  # openapi-python-client suffixes every name that clashes
        name = next((n for n in tried if n in accepted and n not in found), None)
        if name is None:
            where = f"{param['name']!r} ({param['in']})"
            raise SpecError(f"{op_id}: parameter {where} has no argument in its request builder")
        found[name] = param
    unmatched = [name for name in accepted if name != "body" and name not in found]
    if unmatched:
        raise SpecError(f"{op_id}: request builder arguments {unmatched} match no parameter of the spec")
    return found


def class_name(attr: str) -> str:
    return "".join(part.capitalize() for part in attr.split("_")) + "Resource"


def _type(annotation: Any, fmt: str | None) -> tuple[str, bool]:
    """The public annotation of a builder parameter and whether it is optional (it takes ``Unset``)."""
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    kinds = [a for a in args if getattr(a, "__name__", "") not in ("Unset", "NoneType")]  # nullable: optional
    optional = len(kinds) < len(args)
    if len(kinds) > 1:  # oneOf: any of its kinds
        return " | ".join(dict.fromkeys(_type(k, fmt)[0] for k in kinds)) + (" | None" if optional else ""), optional
    (kind,) = kinds
    if fmt == "date-time":
        text = "dt.datetime | str"
    elif fmt == "csv":
        text = "str | Sequence[str]"
    elif kind in (datetime.date, datetime.datetime):  # format: date or date-time
        text = f"dt.{kind.__name__} | str"
    elif isinstance(kind, type) and issubclass(kind, enum.Enum):
        text = "Literal[" + ", ".join(repr(m.value) for m in kind) + "]"
        if {m.value for m in kind} == {"true", "false", "both"}:  # a tri-state: True/False too
            text = "bool | " + text
    elif isinstance(kind, type) and hasattr(kind, "from_dict"):
        text = "Mapping[str, Any]"
    elif kind in (str, int, bool, float):
        text = kind.__name__
    elif typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        if isinstance(item, type) and issubclass(item, enum.Enum):
            text = "Sequence[Literal[" + ", ".join(repr(m.value) for m in item) + "]]"
        elif item in (datetime.date, datetime.datetime):
            text = f"Sequence[dt.{item.__name__} | str]"
        else:
            text = f"Sequence[{item.__name__ if item in (str, int, bool, float) else 'Any'}]"
    else:
        text = "Any"
    return (text + " | None" if optional else text), optional


EXTENSIONS = {
    "operation": {"x-zoho-retry", "x-zoho-pagination", "x-zoho-batch", "x-zoho-method", "x-zoho-one-of",
                  "x-zoho-excludes", "x-zoho-deprecated"},
    "parameter": {"x-zoho-format", "x-zoho-items", "x-zoho-deprecated", "x-zoho-keyword"},
    "tag": {"x-zoho-resource"},
}  # fmt: skip
"""The ``x-zoho-*`` keys each place of the spec may hold: any other (a typo) stops generation."""


def _known_extensions(where: str, node: dict[str, Any], place: str) -> None:
    unknown = sorted(k for k in node if str(k).startswith("x-zoho-") and k not in EXTENSIONS[place])
    if unknown:
        raise SpecError(f"{where}: {place} does not know {unknown} (it takes {sorted(EXTENSIONS[place])})")


RULE_KEYS = ("type", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems")
FORMATS = (None, "date-time", "csv", "record-id")


def _constraints(schema: dict[str, Any]) -> dict[str, Any]:
    """The constraints of a schema the runtime checks (none for an enum: the generated enum checks it)."""
    return {} if "enum" in schema else {key: schema[key] for key in RULE_KEYS if key in schema}


def media(content: dict[str, Any]) -> dict[str, Any]:
    """A ``content`` map by bare media type (``application/json; charset=utf-8`` -> ``application/json``)."""
    return {str(key).split(";")[0].strip().lower(): value for key, value in content.items()}


def _json(kind: str) -> bool:
    return kind == "application/json" or kind.endswith("+json")


def _body_schema(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """An operation's JSON request body schema, resolved (``{}`` without one)."""
    content = media(_resolve(spec, node.get("requestBody", {})).get("content", {}))
    schema: dict[str, Any] = _resolve(spec, content.get("application/json", {}).get("schema", {}))
    return schema


def _rule(spec: dict[str, Any], op_id: str, param: dict[str, Any]) -> dict[str, Any]:
    """What the client checks of a parameter's value: its schema's constraints and its ``x-zoho-*`` declarations."""
    schema = _resolve(spec, param.get("schema", {}))
    rule = _constraints(schema)
    items = _resolve(spec, schema.get("items", {}))
    if schema.get("type") == "array":  # each item checked too (an enum's items: by the generated enum)
        rule["each"] = {**_constraints(items), **_dates(items)}
    fmt = param.get("x-zoho-format")
    if fmt is not None and _dates(schema):
        raise SpecError(f"{op_id}: {param['name']} has format {schema['format']}: x-zoho-format is for string values")
    rule.update(_dates(schema))  # the builder takes a date or datetime
    if param["in"] == "header":
        rule["header"] = True
    note = deprecation(op_id, param)
    if note is not None:
        rule["deprecated"] = note
    if fmt not in FORMATS:
        raise SpecError(f"{op_id}: x-zoho-format of {param['name']} is one of {FORMATS[1:]}, not {fmt!r}")
    if fmt == "record-id":
        rule["format"] = fmt
    items = param.get("x-zoho-items")
    if items is not None:
        if fmt != "csv" or not isinstance(items, dict) or set(items) - {"max", "pattern", "format"}:
            raise SpecError(f"{op_id}: x-zoho-items of {param['name']} is {{max, pattern, format}} on a csv parameter")
        rule["items"] = items
    return rule


def deprecation(op_id: str, node: dict[str, Any]) -> str | None:
    """The note of a deprecated operation or parameter (``""`` without ``x-zoho-deprecated``), else ``None``."""
    flag, note = node.get("deprecated", False), node.get("x-zoho-deprecated")
    what = f"{op_id}: {node['name']}" if "in" in node else op_id
    if not isinstance(flag, bool) or not (note is None or (flag and isinstance(note, str) and note.strip())):
        raise SpecError(f"{what}: deprecated is true or false, and x-zoho-deprecated a note beside a true one")
    if flag and node.get("required"):  # every call would warn, and no caller could stop it
        raise SpecError(f"{what} is required: deprecate the operation, not the parameter")
    return " ".join(str(note or "").split()) if flag else None


def _deprecated_doc(note: str) -> str:
    """``Deprecated: <note>.``, one full stop whatever the note ends with."""
    return f"Deprecated{': ' + note.rstrip('.') if note else ''}."


def _dates(schema: dict[str, Any]) -> dict[str, str]:
    """``{"format": ...}`` for a schema of ``format: date`` or ``date-time`` (else nothing)."""
    return {"format": schema["format"]} if schema.get("format") in ("date", "date-time") else {}


def _choices(annotation: Any) -> list[str] | None:
    """The values of a builder parameter that takes a generated enum (else ``None``)."""
    for kind in typing.get_args(annotation) or (annotation,):
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return [m.value for m in kind]
    return None


_SCALARS = {"string": "str", "boolean": "bool", "integer": "int", "number": "float"}


def _value_type(spec: dict[str, Any], schema: Any, obj: str) -> str:
    """A schema's annotation: a scalar, ``obj`` for an object, a union of ``oneOf`` scalars, else ``Any``."""
    schema = _resolve(spec, schema)
    branches = [_value_type(spec, branch, obj) for branch in schema.get("oneOf", [])]
    if branches:
        return " | ".join(dict.fromkeys(branches)) if "Any" not in branches else "Any"
    choices = schema.get("enum")
    if choices and all(type(choice) in (str, int) for choice in choices):  # as the runtime checks them
        return f"Literal[{', '.join(map(repr, choices))}]"
    return obj if schema.get("type") == "object" else _SCALARS.get(schema.get("type"), "Any")


def _schema_type(spec: dict[str, Any], schema: Any) -> str:
    """The public annotation of a body option (an optional keyword)."""
    schema = _resolve(spec, schema)
    if schema.get("type") == "array":
        return f"Sequence[{_value_type(spec, schema.get('items', {}), 'dict[str, Any]')}] | None"
    return _value_type(spec, schema, "Mapping[str, Any]") + " | None"


RETURNS = ("batch", "page", "record", "count", "counts", "outcome", "items", "item")
METHOD_KEYS = frozenset(
    {"name", "returns", "iter", "stream", "wait", "body", "echo", "answers", "rename", "limit", "key", "fixed",
     "positional", "summary"}
)  # fmt: skip
"""What ``x-zoho-method`` may say: another key is a generation error (a typo must not pass silently)."""
RESULTS: dict[str, dict[str, str]] = {
    "returns": {
        "batch": "BatchT",
        "page": "PageT",
        "record": "dict[str, Any] | None",
        "count": "int",
        "counts": "dict[str, int]",
        "outcome": "SuccessT",
        "items": "builtins.list[dict[str, Any]]",  # a resource may have a method named list
        "item": "dict[str, Any]",
        "stream": "Iterator[OutcomeT]",
        "iter": "Iterator[dict[str, Any]]",
        "wait": "dict[str, Any]",
    },
    "summaries": {"iter": "Every record of: ", "stream": "Streamed: ", "wait": "Read until it ends: "},
    "notes": {
        "batch": ", batched: every item checked before the first request; ``concurrency`` calls at a time; "
        "``on_progress(done, total)`` after each call; repeated after a lost answer only as ``x-zoho-retry`` allows).",
        "stream": ", batched as the plain call, its outcomes handed over one by one, in input order; "
        "``concurrency`` calls at a time; repeated after a lost answer only as ``x-zoho-retry`` allows).",
        "iter": ", page after page, each record once, one page in memory; Zoho's page tokens where it gives them).",
        "iter_limit": ", page after page, each record once, one page in memory: the query ends without a ``limit``; "
        "each page appends ``limit <offset>, 2000``, to COQL's 100,000 records).",
        "page": ": one page, empty when nothing matched).",
        "record": ": ``None`` when there is none, or it has not changed).",
        "count": ").",
        "counts": ").",
        "outcome": ": its outcome; a failure raises its typed error).",
        "items": ": the answer's ``{key}`` list, empty when there is none).",
        "items_failed": ": the answer's ``{key}`` list, empty when there is none; also a {failed} answer's when every "
        "input failed and it holds their items, not Zoho's error envelope).",
        "item": ": the one item of the answer's ``{key}`` list).",
        "wait": ": read again every ``interval`` seconds until {until}, for at most ``max_wait`` seconds).",
    },
}
"""What the template writes for each kind of declared method: its return annotation and doc."""


def _option_doc(spec: dict[str, Any], prop: str, schema: Any) -> str:
    """A body option's description, from its schema (or its name)."""
    text = _resolve(spec, schema).get("description") or schema.get("description") or prop.replace("_", " ")
    return " ".join(str(text).split())


def _body_arg(spec: dict[str, Any], node: dict[str, Any], declared: Any) -> dict[str, Any] | None:
    """The body as one positional argument of a declared method (``record``, ``related_lists``...).

    ``body: name`` takes the body itself; ``{name, wrap: data}`` takes one item of the body's ``data`` list;
    ``{name, type: names, wrap, each}`` takes a list of names, each set at ``each`` in an item of ``wrap``.
    """
    if declared is None:
        return None
    if isinstance(declared, str):
        declared = {"name": declared}
    op_id = node["operationId"]
    if not isinstance(declared, dict) or set(declared) - {"name", "type", "wrap", "each"} or "name" not in declared:
        raise SpecError(f"{op_id}: x-zoho-method body is a name or {{name, type, wrap, each}}, not {declared!r}")
    kind = declared.get("type", "object")
    body = _resolve(spec, node.get("requestBody", {}))
    listed = _resolve(spec, _body_schema(spec, node).get("properties", {}).get(declared.get("wrap"), {}))
    if "wrap" in declared and listed.get("type") != "array":
        raise SpecError(f"{op_id}: x-zoho-method body wrap names {declared['wrap']!r}, not an array of the body")
    doc = body.get("description") or "The request body's item."
    if "wrap" in declared and kind == "object":
        doc = listed.get("description") or _resolve(spec, listed.get("items", {})).get("description") or doc
    each = None
    if kind == "names":  # {wrap: [{...each path...: name}, ...]}: the names checked as the schema says
        leaf = _resolve(spec, listed.get("items", {}))
        for step in str(declared.get("each", "")).split("."):
            leaf = _resolve(spec, leaf.get("properties", {}).get(step))
        if listed.get("type") != "array" or not isinstance(leaf, dict):
            raise SpecError(f"{node['operationId']}: x-zoho-method body type names needs wrap (a list) and each")
        each = {"path": declared["each"], "min": listed.get("minItems", 0), "max": listed.get("maxItems"),
                **_constraints(leaf)}  # fmt: skip
    required = bool(body.get("required"))
    text = "Sequence[str]" if kind == "names" else "dict[str, Any]"
    return {"public": declared["name"], "type": text if required else text + " | None", "required": required,
            "doc": " ".join(str(doc).split()), "kind": kind, "wrap": declared.get("wrap"), "each": each}  # fmt: skip


def _option_rule(spec: dict[str, Any], schema: Any, within: tuple[int, ...] = ()) -> dict[str, Any]:
    """What the runtime checks of a body option: its type, constraints and enum, and those of what it holds.

    An array's items (``each``), an object's ``required`` and ``properties`` (``closed`` when it allows no
    others), and the forms of a ``oneOf`` (``one_of``: one must fit). A schema holding itself is checked once.
    """
    schema = _resolve(spec, schema)
    if id(schema) in within:
        return {}
    within = (*within, id(schema))
    rule: dict[str, Any] = {key: schema[key] for key in (*RULE_KEYS, "enum", "required") if key in schema}
    if schema.get("oneOf"):
        rule["one_of"] = [_option_rule(spec, form, within) for form in schema["oneOf"]]
    if schema.get("type") == "array":
        rule["each"] = _option_rule(spec, schema.get("items", {}), within)
    if schema.get("type") == "object":
        properties = {key: _option_rule(spec, sub, within) for key, sub in schema.get("properties", {}).items()}
        if properties:
            rule["properties"] = properties
        if schema.get("additionalProperties") is False:
            rule["closed"] = True
    return rule


def _body_rule(spec: dict[str, Any], node: dict[str, Any], one_of: list[str], excludes: dict[str, Any]) -> Any:
    """An operation's JSON object body as the runtime checks it (``Operation.body``; ``None`` without one).

    The records of ``data`` are checked as objects only (their fields are the org's); ``one_of`` and
    ``excludes`` are the body properties ``x-zoho-one-of`` and ``x-zoho-excludes`` name.
    """
    schema = _body_schema(spec, node)
    if schema.get("type") != "object":
        return None
    rule = _option_rule(spec, schema)
    if "data" in rule.get("properties", {}):
        rule["properties"]["data"]["each"] = {"type": "object"}  # the records: objects of the org's fields
    if one_of:
        rule["one_of_keys"] = one_of
    if excludes:
        rule["excludes"] = excludes
    return rule


def _body_options(spec: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """The properties of an operation's JSON object body as keywords (``data``, the records, left out)."""
    schema = _body_schema(spec, node)
    required = set(schema.get("required", []))
    options = []
    for prop, sub in schema.get("properties", {}).items():
        if prop == "data":
            continue
        kind, resolved = _schema_type(spec, sub), _resolve(spec, sub)
        enum_values = resolved.get("enum")
        doc = _option_doc(spec, prop, sub)
        if resolved.get("deprecated") or sub.get("deprecated"):
            doc = f"{_deprecated_doc('')} {doc}"
        if prop in required:
            kind = kind.removesuffix(" | None")
        options.append({"public": prop, "name": prop, "key": prop, "type": kind, "doc": doc,
                        "required": prop in required, "choices": enum_values,
                        "in_body": True, "rule": _option_rule(spec, sub)})  # fmt: skip
    return options


def _fixed_and_positional(
    op_id: str,
    declared: dict[str, Any],
    positional: list[dict[str, Any]],
    keywords: list[dict[str, Any]],
    options: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """A declared method's positional parameters, keywords and body options.

    ``fixed`` keywords (or body options) are dropped: the runtime sends their values. ``positional``
    names move after the path parameters: each must be a required keyword, or a property the body
    requires (it becomes a positional argument sent in the body).
    """
    fixed = declared.get("fixed", {})
    moved = declared.get("positional", [])
    if not isinstance(fixed, dict) or not isinstance(moved, list):
        raise SpecError(f"{op_id}: x-zoho-method fixed is a mapping and positional a list")
    by_name = {p["key"]: p for p in [*options, *keywords]}
    for name, value in fixed.items():
        param = by_name.get(name)
        if param is None:
            raise SpecError(f"{op_id}: x-zoho-method fixed names {name!r}, not a keyword of the operation")
        if param["choices"] is not None and value not in param["choices"]:
            raise SpecError(f"{op_id}: x-zoho-method fixed {name}: {value!r} is not one of {param['choices']}")
    for name in moved:
        if name not in by_name or not by_name[name]["required"] or name in fixed:
            raise SpecError(f"{op_id}: x-zoho-method positional names {name!r}: no required keyword or body property")
    dropped = {*fixed, *moved}
    kept = [p for p in keywords if p["key"] not in dropped]
    kept_options = [p for p in options if p["key"] not in dropped]
    moved_params = [  # a body property loses its "| None": the runtime refuses None (``Method.required``)
        {**by_name[name], "type": by_name[name]["type"].removesuffix(" | None")} if by_name[name].get("in_body")
        else by_name[name] for name in moved
    ]  # fmt: skip
    return [*positional, *moved_params], kept, kept_options


def _user_methods(
    spec: dict[str, Any], node: dict[str, Any], positional: list[dict[str, Any]], keywords: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The declared user-facing methods of an operation (``x-zoho-method``): one, and its iterator if paged."""
    declared = node.get("x-zoho-method")
    if declared is None:
        return []
    op_id = node["operationId"]
    if isinstance(declared, str):
        declared = {"name": declared, "returns": "batch"}
    wait = _wait(spec, node, declared)
    names = [declared["name"], *(declared[k] for k in ("iter", "stream") if declared.get(k)), *wait[:1]]
    for name in names:
        if not isinstance(name, str) or not name.isidentifier() or keyword.iskeyword(name):
            raise SpecError(f"{op_id}: x-zoho-method names a Python name, not {name!r}")
    unknown = sorted(set(declared) - METHOD_KEYS)
    if unknown:
        raise SpecError(f"{op_id}: x-zoho-method does not know {unknown} (it takes {sorted(METHOD_KEYS)})")
    returns = declared.get("returns")
    if returns not in RETURNS:
        raise SpecError(f"{op_id}: x-zoho-method returns one of {RETURNS}, not {returns!r}")
    batch = node.get("x-zoho-batch")
    if (returns == "batch") != (batch is not None):
        raise SpecError(f"{op_id}: x-zoho-batch and x-zoho-method returns: batch go together")
    if returns == "batch" and declared.get("fixed"):  # the batch runtime sends what the call gives, only
        raise SpecError(f"{op_id}: x-zoho-method fixed is for single calls; a batch sends only what it is given")
    list_key = declared.get("key")
    if (returns in ("items", "item")) != isinstance(list_key, str):
        raise SpecError(f"{op_id}: x-zoho-method returns: items/item name the answer's list (key), and only they")
    body_arg = _body_arg(spec, node, declared.get("body"))
    options: list[dict[str, Any]] = []
    if returns != "batch" and (body_arg is None or body_arg["kind"] == "object"):
        # the body's own keywords: beside a declared body argument (an object), or alone without one
        options = _body_options(spec, node)
    positional, keywords, options = _fixed_and_positional(op_id, declared, positional, keywords, options)
    rename = declared.get("rename", {})
    positional = [{**p, "public": rename.get(p["key"], p["public"])} for p in positional]
    if body_arg is not None and body_arg["public"] in SURFACE_NAMES | BATCH_NAMES:
        raise SpecError(f"{op_id}: x-zoho-method body names {body_arg['public']!r}, a name the method uses itself")
    common = {
        "positional": positional,
        "echo": declared.get("echo"),
        "answers": declared.get("answers"),
        "limit": declared.get("limit"),
        "body_arg": body_arg,
        "key": list_key,
        "fixed": {p: v for p, v in declared.get("fixed", {}).items()},
        "required": tuple(p["key"] for p in positional if p.get("in_body")),
        "summary": str(declared.get("summary") or node.get("summary", op_id)).strip().rstrip("."),
    }
    if returns == "batch":
        key = batch.get("key", "data")
        items = ("records", "Iterable[dict[str, Any]]") if key == "data" else (key, "Iterable[str]")
        options = _body_options(spec, node) if key == "data" else []
        kept = [p for p in keywords if p["name"] not in ("body", key)]
        batched = {**common, "name": declared["name"], "returns": "batch", "item_name": items[0],
                   "item_type": items[1], "keywords": kept, "options": options}  # fmt: skip
        _own_keywords(op_id, batched, SURFACE_NAMES | BATCH_NAMES | {items[0]})
        streamed = [{**batched, "name": declared["stream"], "returns": "stream"}] if declared.get("stream") else []
        return [batched, *streamed]
    kept = [p for p in keywords if p["name"] != "body"]
    found = [{**common, "name": declared["name"], "returns": returns, "keywords": kept, "options": options}]
    if returns == "items":
        found[0]["failed"] = _failed_items(spec, node, list_key)
    _own_keywords(op_id, found[0], SURFACE_NAMES | ({body_arg["public"]} if body_arg else set()))
    if declared.get("iter"):
        paging = [p for p in found[0]["keywords"] if p["key"] not in node.get("x-zoho-pagination", ())]
        found.append({**found[0], "name": declared["iter"], "returns": "iter", "keywords": paging, "options": []})
    if wait:
        field, values, _ = wait[1]
        until_doc = f"``{field}`` is " + " or ".join(f"``{v}``" for v in values)
        found.append({**found[0], "name": wait[0], "returns": "wait", "until": wait[1], "until_doc": until_doc})
    return found


def _wait(spec: dict[str, Any], node: dict[str, Any], declared: dict[str, Any]) -> tuple[Any, ...]:
    """``x-zoho-method``'s ``wait: {name, until: {field: [values]}}``: the method's name and what ends it.

    Only on a method returning one ``item`` (a job's status); each value must be one the field's enum
    has. The enum goes with them: an answer outside it is not a status to wait on.
    """
    wait = declared.get("wait")
    if wait is None:
        return ()
    op_id = node["operationId"]
    until = wait.get("until") if isinstance(wait, dict) else None
    if (
        declared.get("returns") != "item"
        or set(wait) != {"name", "until"}
        or not isinstance(until, dict)
        or len(until) != 1
        or not all(isinstance(vs, list) and vs and all(isinstance(v, str) for v in vs) for vs in until.values())
    ):
        raise SpecError(f"{op_id}: x-zoho-method wait is {{name, until: {{field: [values]}}}} on returns: item")
    ((field, values),) = until.items()
    listed = [
        _resolve(spec, media(a.get("content", {})).get("application/json", {}).get("schema", {}))
        for a in _success_answers(spec, node)
    ]
    items = [_resolve(spec, s.get("properties", {}).get(declared["key"], {}).get("items", {})) for s in listed]
    kinds = [_resolve(spec, i.get("properties", {}).get(field)) for i in items if i]
    if not kinds or None in kinds:
        raise SpecError(f"{op_id}: x-zoho-method wait until names {field!r}, not a property of the answer's items")
    known = next((tuple(kind["enum"]) for kind in kinds if "enum" in kind), ())
    if known and not set(values) <= set(known):
        raise SpecError(f"{op_id}: x-zoho-method wait until {field}: {values} are not all in {list(known)}")
    return (wait["name"], (field, tuple(values), known))


def _failed_items(spec: dict[str, Any], node: dict[str, Any], key: str) -> tuple[int, ...]:
    """The 4xx statuses whose declared answer may be the ``key`` list (every input failed, one item each).

    A response whose JSON schema, or one of its ``oneOf``/``anyOf`` branches, has ``key`` as an array
    (``DeleteBadRequestBody``: the error envelope or ``ActionResults``): an ``items`` method returns those
    items as it returns a 2xx's, and raises the typed error for the envelope.
    """
    found: list[int] = []
    for code, response in node.get("responses", {}).items():
        if not str(code).startswith("4"):
            continue
        content = media(_resolve(spec, response).get("content", {}))
        schema = _resolve(spec, content.get("application/json", {}).get("schema", {}))
        branches = [schema, *(_resolve(spec, b) for b in [*schema.get("oneOf", []), *schema.get("anyOf", [])])]
        if any(_resolve(spec, b.get("properties", {}).get(key, {})).get("type") == "array" for b in branches):
            found.append(int(code))
    return tuple(found)


def _success_answers(spec: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """An operation's 2xx responses, resolved."""
    return [_resolve(spec, r) for code, r in node.get("responses", {}).items() if str(code).startswith("2")]


def _own_keywords(op_id: str, method: dict[str, Any], taken: frozenset[str] | set[str]) -> None:
    """A declared method's arguments as copies with keywords of their own (see :func:`_keywords`).

    Its parameters and body options reach the runtime by ``key``: two alike could not be told apart.
    """
    for part in ("positional", "keywords", "options"):
        method[part] = [{**p} for p in method[part]]
    entries = [*method["positional"], *method["keywords"], *method["options"]]
    keys = [p["key"] for p in entries]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        what = "twice (a parameter and a body property)"
        raise SpecError(f"{op_id}: x-zoho-method {method['name']} would take {twice} {what}")
    _keywords(entries, taken)


def _batch_options(node: dict[str, Any], user: list[dict[str, Any]]) -> str | None:
    """A batched write's body keywords and their rules (``Operation.options``), from its batch method."""
    batched = next((u for u in user if u["returns"] == "batch"), None)
    if batched is None or node["x-zoho-batch"].get("key", "data") != "data":
        return None
    return repr({o["key"]: o["rule"] for o in batched["options"]})


def _body_repr(spec: dict[str, Any], node: dict[str, Any], one_of: list[str], excludes: dict[str, Any]) -> str | None:
    """``Operation.body`` as written in the resource (a batched write's chunks are checked by the runtime itself)."""
    rule = None if node.get("x-zoho-batch") else _body_rule(spec, node, one_of, excludes)
    if rule is None and (one_of or excludes):
        what = "x-zoho-one-of or x-zoho-excludes name body properties"
        raise SpecError(f"{node['operationId']}: {what} of a batched write (its items are checked one by one)")
    return None if rule is None else repr(rule)


def _operation(spec: dict[str, Any], path: str, method: str, node: dict[str, Any], package: str) -> dict[str, Any]:
    op_id = node.get("operationId")
    if not isinstance(op_id, str) or not op_id.strip():
        raise SpecError(f"{method.upper()} {path}: an operation needs an operationId (its method's name)")
    name = identifier(op_id)  # the generated module's name, and the method's (``getTags`` -> ``get_tags``)
    if node.get("x-zoho-batch") is not None and "{module}" not in path:
        raise SpecError(f"{op_id}: x-zoho-batch writes to a module's records: its path needs {{module}}")
    sent = list(media(_resolve(spec, node.get("requestBody", {})).get("content", {})))
    if len(sent) > 1 or any(not _json(kind) and kind != "multipart/form-data" for kind in sent):
        raise SpecError(f"{op_id}: its request body is {sent}; the client sends one: JSON or multipart/form-data")
    try:
        build = importlib.import_module(f"zoho_crm_api.api.{package}.{name}")._get_kwargs
    except (ImportError, SyntaxError, NameError) as exc:  # openapi-python-client's module: e.g. a parameter "body"
        raise SpecError(
            f"{op_id}: its generated request builder does not import ({type(exc).__name__}: {exc})"
        ) from None
    hints = typing.get_type_hints(build)
    accepted = list(inspect.signature(build).parameters)
    by_place = {}  # an operation's own parameter overrides the path's (same name and place)
    _known_extensions(op_id, node, "operation")
    for raw in [*spec["paths"][path].get("parameters", []), *node.get("parameters", [])]:
        param = _resolve(spec, raw)
        _known_extensions(f"{op_id}: {param['name']}", param, "parameter")
        if param["name"] == "body" and param["in"] != "path":  # the builder's name for the request body
            raise SpecError(f"{op_id}: a {param['in']} parameter named 'body' is not supported (the request body's)")
        by_place[(param["in"], param["name"])] = param
    spec_params = _builder_names(op_id, list(by_place.values()), accepted)
    wire = {param["name"]: arg for arg, param in spec_params.items()}
    body = _resolve(spec, node.get("requestBody", {}))
    rules = {arg: _rule(spec, op_id, p) for arg, p in spec_params.items()}
    params, positional, keywords = [], [], []
    for arg, parameter in inspect.signature(build).parameters.items():
        declared = spec_params.get(arg, {})
        fmt = declared.get("x-zoho-format")
        text, optional = _type(hints[arg], fmt)
        doc = declared.get("description") or (body.get("description") if arg == "body" else None)
        doc = (doc or arg.replace("_", " ")).strip()
        if "deprecated" in rules.get(arg, {}):
            doc = f"{_deprecated_doc(rules[arg]['deprecated'])} {doc}"
        chosen = declared.get("x-zoho-keyword")
        if chosen is not None and (not str(chosen).isidentifier() or keyword.iskeyword(chosen)):
            raise SpecError(f"{op_id}: x-zoho-keyword of {declared['name']} is a Python name, not {chosen!r}")
        entry = {
            "name": arg,
            "public": chosen or public_name(arg),
            "explicit": chosen is not None,
            "type": text,
            "required": not optional,
            "doc": doc,
            "fmt": fmt,
            "choices": _choices(hints[arg]),
        }
        params.append(entry)
        (positional if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD else keywords).append(entry)
    shared = collections.Counter(public_name(p["name"]) for p in params)
    for p in params:  # how the runtime is given it by a declared method (``x_trace_id`` beside a ``trace_id``)
        p["key"] = public_name(p["name"]) if shared[public_name(p["name"])] == 1 else p["name"]
    try:
        _keywords(params, SURFACE_NAMES)
    except SpecError as exc:
        raise SpecError(f"{op_id}: {exc}") from None
    retry = node.get("x-zoho-retry", SAFE_BY_DEFAULT[method])
    if retry not in RETRY_KINDS:
        raise SpecError(f"{op_id}: x-zoho-retry must be one of {RETRY_KINDS}, not {retry!r}")
    pagination = tuple(node.get("x-zoho-pagination", ()))
    if not set(pagination) <= {"page", "page_token", "limit"} or ("limit" in pagination and len(pagination) > 1):
        raise SpecError(f"{op_id}: x-zoho-pagination is [page], [page_token], [page, page_token] or [limit]")
    query = _body_schema(spec, node).get("properties", {}).get("select_query", {}) if "limit" in pagination else {}
    if "limit" in pagination and _resolve(spec, query).get("type") != "string":
        raise SpecError(f"{op_id}: x-zoho-pagination [limit] appends COQL's limit clause to a string select_query")
    for arg, param in spec_params.items():  # what no escape hatch may set: a name spelt otherwise on the wire
        if param["name"] not in (arg, _plain(arg)):
            rules[arg]["sent"] = param["name"]
    one_of, excludes = node.get("x-zoho-one-of", ()), node.get("x-zoho-excludes", {})
    in_body = set(_body_schema(spec, node).get("properties", {})) - set(wire)
    for given in [*one_of, *excludes, *(n for others in excludes.values() for n in others)]:
        if given not in wire and given not in in_body:
            raise SpecError(
                f"{op_id}: x-zoho-one-of or x-zoho-excludes names {given!r}, not a parameter or body property of it"
            )
    body_one_of = [n for n in one_of if n in in_body]
    body_excludes = {n: list(others) for n, others in excludes.items() if n in in_body}
    if (body_one_of and len(body_one_of) < len(one_of)) or any(
        (n in in_body) != (o in in_body) for n, others in excludes.items() for o in others
    ):
        raise SpecError(f"{op_id}: x-zoho-one-of and x-zoho-excludes name parameters or body properties, not both")
    for given, others in excludes.items():
        if given not in in_body:
            rules[wire[given]]["excludes"] = tuple(wire[n] for n in others)
    one_of = tuple(wire[n] for n in one_of if n not in in_body)
    no_content = any(str(code) in ("204", "304") for code in node.get("responses", {}))
    answered = _success_answers(spec, node)
    answers = {kind for response in answered for kind in media(response.get("content", {}))}
    binary = bool(answers) and not any(map(_json, answers))
    if node.get("x-zoho-method") and (binary or "multipart/form-data" in sent):
        raise SpecError(f"{op_id}: x-zoho-method reads and sends JSON; call this operation by its own method")
    path_names = tuple(p["name"] for p in positional)
    note = deprecation(op_id, node)
    deprecated_doc = None if note is None else _deprecated_doc(note)
    user = _user_methods(spec, node, positional, keywords)
    return {
        "user": user,
        "reach": max((u["limit"] for u in user if u.get("limit")), default=None),
        "id": op_id,
        "method": name,
        "const": "_" + name.upper(),
        "module": f"{package}.{name}",
        "path": path,
        "http_method": method.upper(),
        "summary": node.get("summary", op_id).strip().rstrip("."),
        "description": "\n\n".join(filter(None, [deprecated_doc, node.get("description", "").strip()])),
        "params": params,
        "positional": positional,
        "keywords": keywords,
        "retry": retry,
        "pagination": pagination,
        "pagination_repr": repr(pagination),
        "datetimes_repr": repr(tuple(p["name"] for p in params if p["fmt"] == "date-time")),
        "csv_repr": repr(tuple(p["name"] for p in params if p["fmt"] == "csv")),
        "batch": node.get("x-zoho-batch"),
        "batch_repr": repr(node.get("x-zoho-batch")),
        "options_repr": _batch_options(node, user),
        "body_repr": _body_repr(spec, node, body_one_of, body_excludes),
        "path_repr": repr(path_names),
        "rules_repr": repr({name: rule for name, rule in rules.items() if rule}),
        "one_of_repr": repr(one_of),
        # the keywords the runtime's errors cannot derive from the name (``zoho_crm._runtime._public``)
        "keywords_repr": repr({p["name"]: p["public"] for p in params if p["public"] != _plain(p["name"])}),
        "binary": binary,
        "deprecated": note,
        "deprecated_doc": deprecated_doc,
        "returns": ("bytes" if binary else "dict[str, Any]") + (" | None" if no_content else ""),
    }


def resources(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every tag with its operations, in spec order."""
    tags = {t["name"]: t for t in spec.get("tags", [])}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for path, item in spec["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                node = item[method]
                tag = (node.get("tags") or ["default"])[0]
                grouped.setdefault(tag, []).append(_operation(spec, path, method, node, identifier(tag, "tag")))
    found: list[dict[str, Any]] = []
    for tag, ops in grouped.items():
        info = tags.get(tag, {})
        _known_extensions(f"tag {tag!r}", info, "tag")
        attr = _attribute(tag, info, {r["attr"]: r["tag"] for r in found})
        _method_names(tag, ops)
        description = info.get("description", f"Operations tagged {tag}.").strip()
        found.append({"tag": tag, "attr": attr, "cls": class_name(attr), "description": description, "ops": ops})
    return found


def _attribute(tag: str, info: dict[str, Any], taken: dict[str, str]) -> str:
    """The client attribute of a tag's resource (``x-zoho-resource``, else the tag).

    No other resource (``taken``: attribute -> tag), nor the client itself, may have it.
    """
    attr = identifier(info.get("x-zoho-resource", tag), "tag")
    other = next((t for a, t in taken.items() if class_name(a) == class_name(attr)), None)  # v2_api, v_2_api
    if attr in CLIENT_NAMES or other is not None:
        why = f"tag {other!r} has it too" if other is not None else "the client has that attribute"
        raise SpecError(f"tag {tag!r} would be the resource crm.{attr}, but {why}: name it with x-zoho-resource")
    return attr


def _method_names(tag: str, ops: list[dict[str, Any]]) -> None:
    """Refuse two methods of one resource with the same name (an operation's, its ``iter_``, a declared one)."""
    seen = {"with_raw_response": "the raw view"}
    for op in ops:
        paged = ["iter_" + op["method"]] if op["pagination"] else []
        # and the module's constants: _<OPERATION> and _<METHOD>_METHOD (an operation "list_method")
        names = [op["method"], *paged, *(u["name"] for u in op["user"]), op["const"]]
        names += [f"_{u['name'].upper()}_METHOD" for u in op["user"] if u["returns"] not in ("batch", "stream")]
        for name in names:
            if name in seen:
                raise SpecError(
                    f"tag {tag!r}: {op['id']} and {seen[name]} would both be the method {name}: "
                    "rename one (its operationId, or x-zoho-method's name)"
                )
            seen[name] = op["id"]


def literal_segments(spec: dict[str, Any]) -> list[str]:
    """The fixed segments of every path (``search``, ``actions``...).

    A path value spelt like one would reach another operation, so the runtime refuses it.
    """
    return sorted({seg for path in spec["paths"] for seg in path.strip("/").split("/") if seg and "{" not in seg})


def _signature_return(returns: str, mode: str) -> str:
    """The return annotation of a declared method: iterators are async ones in the async resource."""
    text = RESULTS["returns"][returns]
    return "Async" + text if mode == "async" and returns in ("iter", "stream") else text


def _deprecated(resource: dict[str, Any], op: dict[str, Any], name: str) -> str:
    """The ``@deprecated(...)`` line of a method of a deprecated operation (else nothing)."""
    if op["deprecated"] is None:
        return ""
    note = f": {op['deprecated']}" if op["deprecated"] else ""
    message = f"crm.{resource['attr']}.{name} ({op['id']}) is deprecated in the Zoho CRM API{note}"
    return f"@_deprecated({message!r})\n    "


def _doc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()


def render(spec: dict[str, Any], package_dir: Path, api_version: str) -> None:
    """Write ``_runtime.py`` and ``resources/`` into the staged ``zoho_crm_api`` package."""
    sys.path.insert(0, str(package_dir.parent))
    for loaded in [m for m in sys.modules if m == "zoho_crm_api" or m.startswith("zoho_crm_api.")]:
        del sys.modules[loaded]
    try:
        found = resources(spec)
    finally:
        sys.path.remove(str(package_dir.parent))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - Python source, not HTML
    )
    env.filters["doc"] = _doc
    env.filters["py"] = repr
    env.globals.update(RESULTS)
    env.globals["signature_return"] = _signature_return
    env.globals["deprecated"] = _deprecated
    env.globals["summaries"] = collections.defaultdict(str, RESULTS["summaries"])
    out = package_dir / "resources"
    out.mkdir(exist_ok=True)
    _write(package_dir / "_runtime.py", env.get_template("_runtime.py.jinja").render(
        api_version=api_version, segments=literal_segments(spec)))  # fmt: skip
    _write(out / "__init__.py", env.get_template("__init__.py.jinja").render(resources=found))
    for resource in found:
        _write(out / f"{resource['attr']}.py", env.get_template("resource.py.jinja").render(resource=resource))


def _write(path: Path, text: str) -> None:
    """Write a rendered module once Python compiles it: a spec the templates cannot serve fails here, not on import."""
    try:
        compile(text, str(path), "exec")
    except SyntaxError as exc:
        line = text.splitlines()[exc.lineno - 1].strip() if exc.lineno else ""
        raise SpecError(f"{path.name}, line {exc.lineno}: {exc.msg}: {line}") from None
    path.write_text(text, encoding="utf-8")
