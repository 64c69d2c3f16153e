"""The spec as the property tests read it: operations, schemas, strategies and request validation.

Everything here is derived from the shipped spec (``zoho_crm_api/openapi.json``, identical to
``spec/zoho-crm.yaml``): a schema or an operation added to the spec is picked up without editing
the tests.

- :func:`json_schema` turns an OpenAPI 3.0 schema into plain JSON Schema for
  hypothesis-jsonschema: ``$ref`` inlined, ``nullable`` turned into a ``null`` type (and a
  ``None`` enum member), OpenAPI-only keywords dropped.
- :func:`oas_validator` validates against the *original* OpenAPI schema (openapi-schema-validator,
  with the OAS 3.0 format checker), an independent check of that conversion.
- :func:`normalise` maps an instance to a comparable value, schema-directed: only ``format:
  date-time`` strings are normalised (see its docstring for the allowed spellings).
- :func:`validate_request` checks a captured ``httpx.Request`` against the operation it is meant
  to be: method, path, query, headers and body.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from tests import _openapi

SPEC: dict[str, Any] = json.loads((files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8"))
COMPONENTS: dict[str, Any] = SPEC["components"]["schemas"]
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")

# Keywords of the OpenAPI Schema Object that JSON Schema does not have (or that only annotate).
_OAS_ONLY = frozenset(
    {"nullable", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated"}
)


def _server_base_path() -> str:
    """``/crm/v8``: the path of the first server URL with its variables at their defaults."""
    server = SPEC["servers"][0]
    url = server["url"]
    for name, var in server.get("variables", {}).items():
        url = url.replace("{" + name + "}", str(var["default"]))
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


BASE_PATH = _server_base_path()


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A node of the shipped spec with its ``$ref`` chain followed."""
    return _openapi.resolve(SPEC, node)


def ref_name(node: dict[str, Any]) -> str | None:
    """``InsertRecordsRequest`` for ``{"$ref": "#/components/schemas/InsertRecordsRequest"}``."""
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[1] if isinstance(ref, str) and ref.startswith("#/components/schemas/") else None


# --------------------------------------------------------------------------------------------
# Operations


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, its parameters resolved."""

    op_id: str
    method: str
    path: str
    tag: str
    params: tuple[dict[str, Any], ...]
    body_schema: str | None
    """Component schema name of its JSON request body (``None``: none, or a form)."""
    body_required: bool
    responses: dict[str, str | None] = field(hash=False)
    """Status code → component schema name of its JSON body (``None``: no body)."""
    raw: dict[str, Any] = field(hash=False, repr=False)
    """The operation object as the spec has it."""
    form: bool = False
    """Its request body is ``multipart/form-data`` (a file upload), not JSON."""

    def params_in(self, location: str) -> list[dict[str, Any]]:
        return [p for p in self.params if p["in"] == location]

    @property
    def segments(self) -> list[str]:
        return self.path.strip("/").split("/")


def _operations() -> dict[str, Operation]:
    ops: dict[str, Operation] = {}
    for path, item in SPEC["paths"].items():
        shared = [resolve(p) for p in item.get("parameters", [])]
        for method, op in item.items():
            if method not in METHODS:
                continue
            own = [resolve(p) for p in op.get("parameters", [])]
            by_key = {(p["in"], p["name"]): p for p in [*shared, *own]}
            body_schema, body_required, form = None, False, False
            if "requestBody" in op:
                body = resolve(op["requestBody"])
                form = "multipart/form-data" in body["content"]
                if not form:
                    body_schema = ref_name(body["content"]["application/json"]["schema"])
                body_required = bool(body.get("required", False))
            responses: dict[str, str | None] = {}
            for status, response in op["responses"].items():
                content = resolve(response).get("content", {})
                schema = content.get("application/json", {}).get("schema")
                responses[status] = ref_name(schema) if schema else None
            ops[op["operationId"]] = Operation(
                op_id=op["operationId"],
                method=method.upper(),
                path=path,
                tag=op["tags"][0],
                params=tuple(by_key.values()),
                body_schema=body_schema,
                body_required=body_required,
                responses=responses,
                raw=op,
                form=form,
            )
    return ops


OPERATIONS: dict[str, Operation] = _operations()
OPERATION_IDS: frozenset[str] = frozenset(OPERATIONS)
REQUEST_BODY_SCHEMAS: list[str] = sorted({op.body_schema for op in OPERATIONS.values() if op.body_schema})
"""Every component schema used as a request body, from the spec's operations."""
RESPONSE_SCHEMAS: list[str] = sorted(
    {name for op in OPERATIONS.values() for name in op.responses.values() if name is not None}
)
"""Every component schema of a JSON response body, from the spec's operations."""


def _refs(node: Any, seen: frozenset[str] = frozenset()) -> set[str]:
    """Names of the component schemas ``node`` uses, transitively."""
    found: set[str] = set()
    if isinstance(node, dict):
        name = ref_name(node)
        if name is not None and name not in seen:
            return {name} | _refs(COMPONENTS[name], seen | {name})
        for value in node.values():
            found |= _refs(value, seen)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value, seen)
    return found


_RECORDS = {"Record", "RecordWithId", "DeletedRecord"}
RECORD_SCHEMAS: list[str] = sorted(
    name
    for name in {*REQUEST_BODY_SCHEMAS, *RESPONSE_SCHEMAS}
    if _refs({"$ref": f"#/components/schemas/{name}"}) & _RECORDS
)
"""Request and response schemas that carry records (open objects: every org has its own custom fields)."""


def response_uses(schema_name: str) -> list[tuple[str, int]]:
    """(operationId, status) pairs whose JSON answer has ``schema_name``."""
    return sorted(
        (op.op_id, int(status))
        for op in OPERATIONS.values()
        for status, name in op.responses.items()
        if name == schema_name
    )


# --------------------------------------------------------------------------------------------
# Schemas: conversion, validation, strategies


def _convert(node: Any, seen: tuple[str, ...]) -> Any:
    if not isinstance(node, dict):
        return node
    name = ref_name(node)
    if name is not None:
        if name in seen:
            raise ValueError(f"recursive schema {' -> '.join((*seen, name))}: not supported")
        return _convert(COMPONENTS[name], (*seen, name))
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _OAS_ONLY or key.startswith("x-"):
            continue
        if key in ("properties", "patternProperties"):
            out[key] = {k: _convert(v, seen) for k, v in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            out[key] = _convert(value, seen)
        elif key in ("allOf", "anyOf", "oneOf"):
            out[key] = [_convert(v, seen) for v in value]
        else:
            out[key] = value
    if node.get("nullable") is True:
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        if "type" in out:
            out["type"] = [out["type"], "null"]
        elif "enum" not in out:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@functools.cache
def _json_schema_text(name: str) -> str:
    return json.dumps(_convert({"$ref": f"#/components/schemas/{name}"}, ()))


def _oracle_field_names() -> list[str]:
    """Python names the pydantic reading gives aliased fields (``field_approval_state`` for ``$approval_state``).

    Pydantic cannot keep an extra key of that name beside the field, so the differential oracle would
    mangle it: such keys are not drawn. They are not Zoho API names either (those start with a capital).
    """
    import zoho_crm_models

    names = set()
    for model in vars(zoho_crm_models).values():
        for field_name, info in getattr(model, "model_fields", {}).items():
            if info.alias and info.alias != field_name:
                names.add(field_name)
    return sorted(names)


def json_schema(name: str) -> dict[str, Any]:
    """The component schema ``name`` as standalone JSON Schema (a fresh copy).

    Open objects do not draw keys that spell the pydantic oracle's Python field names (see
    :func:`_oracle_field_names`); every other unknown key may appear.
    """
    schema = json.loads(_json_schema_text(name))
    reserved = _oracle_field_names()
    for node in open_object_paths(schema):
        node.setdefault("propertyNames", {"not": {"enum": reserved}})
    return schema


def convert(node: dict[str, Any]) -> dict[str, Any]:
    """Any OpenAPI schema node (a parameter's, say) as standalone JSON Schema."""
    return _convert(node, ())


@functools.cache
def _validator_for(schema_text: str) -> OAS30Validator:
    schema = {**json.loads(schema_text), "components": SPEC["components"]}
    return OAS30Validator(schema, format_checker=oas30_format_checker)


def oas_validator(schema: str | dict[str, Any]) -> OAS30Validator:
    """A validator for the component ``schema`` (by name) or an OpenAPI schema node, on the spec's own text."""
    node = {"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema
    return _validator_for(json.dumps(node, sort_keys=True))


def schema_errors(schema: str | dict[str, Any], instance: Any) -> list[str]:
    """Every violation of the OpenAPI schema by ``instance``, as readable strings (empty: valid)."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in oas_validator(schema).iter_errors(instance)
    ]


@functools.cache
def strategy(name: str) -> st.SearchStrategy[Any]:
    """Instances of the component schema ``name``, drawn by hypothesis-jsonschema from the spec."""
    return from_schema(json_schema(name))


def strategy_for(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Instances of a JSON Schema (already converted)."""
    return from_schema(schema)


def open_object_paths(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every object (sub)schema of a converted schema that accepts unknown keys."""
    if not isinstance(schema, dict):
        return
    if schema.get("type") in ("object", ["object", "null"]) and schema.get("additionalProperties", True) is not False:
        yield schema
    for key in ("properties", "patternProperties"):
        for sub in schema.get(key, {}).values():
            yield from open_object_paths(sub)
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from open_object_paths(schema[key])
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            yield from open_object_paths(sub)


def only_unknown_keys(schema: dict[str, Any]) -> dict[str, Any]:
    """A narrowing of ``schema`` in which every open object carries unknown keys.

    Each open object keeps its required keys, loses its optional declared ones and must have at
    least one key the schema does not declare. Every instance of the result is an instance of
    ``schema``, so custom fields (every org has its own) are guaranteed to be present, not just
    likely.
    """
    schema = json.loads(json.dumps(schema))
    for node in open_object_paths(schema):
        required = node.get("required", [])
        optional = sorted(set(node.get("properties", {})) - set(required))
        if optional:
            node["propertyNames"] = {"not": {"enum": optional}}
        node["minProperties"] = len(required) + 1
        node["maxProperties"] = len(required) + 4
    return schema


# --------------------------------------------------------------------------------------------
# Semantic comparison


_RFC3339 = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.([0-9]+))?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _parse_datetime(value: str) -> tuple[str, str, str, str] | str:
    match = _RFC3339.fullmatch(value)
    if match is None:
        return value
    date, time, fraction, offset = match.groups()
    offset = "+00:00" if offset in ("Z", "z", "-00:00") else offset
    return date, time, (fraction or "").rstrip("0"), offset


def _branch(options: list[dict[str, Any]], value: Any) -> dict[str, Any]:
    from jsonschema import Draft4Validator, FormatChecker

    for option in options:
        if Draft4Validator(option, format_checker=FormatChecker()).is_valid(value):
            return option
    return {}


def normalise(schema: dict[str, Any], value: Any) -> Any:
    """``value`` with every ``format: date-time`` string (per ``schema``) replaced by (wall time, offset).

    Allowed normalisations, and why:

    - ``Z``, ``+00:00`` and ``-00:00`` are the same offset (RFC 3339 §4.3, §5.6);
    - fractional seconds compare by value (``.5`` is ``.500000``; ``.000000`` is no fraction), to
      every digit RFC 3339 allows (a truncation to microseconds is a change, not a spelling);
    - ``T`` and ``t`` (and ``Z`` and ``z``) are the same letter (RFC 3339 §5.6, NOTE).

    Nothing else: the wall-clock time and the offset must both survive (``10:00+01:00`` is *not*
    ``09:00Z`` here: a client must not rewrite the offset Zoho or the caller used), and strings
    the schema does not call date-time (custom fields, ids) must be identical.
    """
    if isinstance(value, str) and schema.get("format") == "date-time":
        return ("date-time", _parse_datetime(value))
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return normalise(_branch(schema[key], value), value)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", {})
        extra = extra if isinstance(extra, dict) else {}
        return {k: normalise(props.get(k, extra), v) for k, v in value.items()}
    if isinstance(value, list):
        items = schema.get("items", {})
        return [normalise(items if isinstance(items, dict) else {}, v) for v in value]
    return value


def has_unknown_keys(schema: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` carries a key its (converted) schema does not declare, at any depth."""
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return has_unknown_keys(_branch(schema[key], value), value)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        if set(value) - set(props):
            return True
        extra = schema.get("additionalProperties", {})
        extra = extra if isinstance(extra, dict) else {}
        return any(has_unknown_keys(props.get(k, extra), v) for k, v in value.items())
    if isinstance(value, list):
        items = schema.get("items", {})
        return any(has_unknown_keys(items if isinstance(items, dict) else {}, v) for v in value)
    return False


# --------------------------------------------------------------------------------------------
# Requests on the wire


class RequestMismatch(AssertionError):
    """A captured request that the spec does not allow."""


def route(method: str, url_path: str) -> list[tuple[Operation, dict[str, str]]]:
    """Operations whose method and path template match, most literal segments first (OpenAPI's rule).

    ``url_path`` is the raw (percent-encoded) path after the server's base path.
    """
    raw = url_path.strip("/").split("/") if url_path.strip("/") else []
    found: list[tuple[int, Operation, dict[str, str]]] = []
    for op in OPERATIONS.values():
        segments = op.segments
        if op.method != method.upper() or len(segments) != len(raw):
            continue
        values: dict[str, str] = {}
        literal = 0
        for template, got in zip(segments, raw, strict=True):
            value = unquote(got)
            if template.startswith("{") and template.endswith("}"):
                values[template[1:-1]] = value
            elif template == value:
                literal += 1
            else:
                break
        else:
            found.append((literal, op, values))
    found.sort(key=lambda item: -item[0])
    return [(op, values) for _, op, values in found]


def _coerce(schema: dict[str, Any], text: str) -> Any:
    kind = resolve(schema).get("type")
    if kind == "integer" and re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    if kind == "number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "boolean" and text in ("true", "false"):
        return text == "true"
    return text


VALIDATED: dict[str, set[str]] = {}
"""Operations whose captured requests passed :func:`validate_request` this session, by who sent them."""


def form_fields(request: httpx.Request) -> dict[str, bytes]:
    """The fields of a ``multipart/form-data`` request, by name (``{}`` when it is not one)."""
    import email.parser
    import email.policy

    ctype = request.headers.get("Content-Type", "")
    if ctype.split(";")[0].strip() != "multipart/form-data":
        return {}
    head = f"Content-Type: {ctype}\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.read())
    if not message.is_multipart():
        return {}
    return {
        str(part.get_param("name", header="content-disposition")): part.get_payload(decode=True) or b""
        for part in message.iter_parts()
    }


def form_problems(op: Operation, request: httpx.Request) -> list[str]:
    """What breaks the spec in a form upload: not a form, or a required field missing."""
    ctype = request.headers.get("Content-Type", "")
    if ctype.split(";")[0].strip() != "multipart/form-data" or "boundary=" not in ctype:
        return [f"body sent as {ctype!r}, the spec documents multipart/form-data"]
    body = resolve(op.raw["requestBody"])["content"]["multipart/form-data"]
    required = resolve(body["schema"]).get("required", [])
    fields = form_fields(request)
    return [f"form field {name} is required" for name in required if name not in fields]


def validate_request(request: httpx.Request, expected: str | None = None, sender: str | None = None) -> str:
    """The operationId of ``request``; raises :class:`RequestMismatch` where the spec does not allow it.

    ``expected``: the operation the caller meant; the request must route to it (and only it, once
    OpenAPI's literal-segment precedence is applied).
    """
    problems: list[str] = []
    path = request.url.raw_path.decode("ascii").split("?", 1)[0]
    if not path.startswith(BASE_PATH + "/"):
        raise RequestMismatch(f"{request.method} {path}: not under the server base path {BASE_PATH}")
    candidates = route(request.method, path[len(BASE_PATH) :])
    if not candidates:
        raise RequestMismatch(f"{request.method} {path}: no operation of the spec has this method and path")
    op, path_values = candidates[0]
    if expected is not None and op.op_id != expected:
        others = [c[0].op_id for c in candidates]
        raise RequestMismatch(
            f"{request.method} {path} was meant as {expected} but routes to {op.op_id} (candidates: {others})"
        )

    for param in op.params_in("path"):
        value = path_values[param["name"]]
        problems += [f"path {param['name']}={value!r}: {e}" for e in schema_errors(param["schema"], value)]

    # Query: each key once, only declared keys, required present, each value valid.
    pairs = parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True)
    declared = {p["name"]: p for p in op.params_in("query")}
    seen: dict[str, int] = {}
    for key, text in pairs:
        seen[key] = seen.get(key, 0) + 1
        if key not in declared:
            problems.append(f"query {key}={text!r}: not a parameter of {op.op_id}")
            continue
        value = _coerce(declared[key]["schema"], text)
        problems += [f"query {key}={text!r}: {e}" for e in schema_errors(declared[key]["schema"], value)]
    problems += [f"query {k} sent {n} times" for k, n in seen.items() if n > 1]
    problems += [f"query {k} is required" for k, p in declared.items() if p.get("required") and k not in seen]

    for param in op.params_in("header"):
        value = request.headers.get(param["name"])
        if value is None:
            if param.get("required"):
                problems.append(f"header {param['name']} is required")
            continue
        problems += [f"header {param['name']}={value!r}: {e}" for e in schema_errors(param["schema"], value)]

    # Security: every operation needs the OAuth token, in Zoho's own header format.
    auth = request.headers.get("Authorization", "")
    if not re.fullmatch(r"Zoho-oauthtoken \S+", auth):
        problems.append(f"Authorization header {auth[:20]!r}...: not 'Zoho-oauthtoken <token>'")

    content = request.content
    if op.form:  # a file upload: a multipart form holding the fields its schema requires
        problems += form_problems(op, request)
    elif op.body_schema is None:
        if content:
            problems.append(f"{op.op_id} takes no body, got {len(content)} bytes")
    elif not content:
        if op.body_required:
            problems.append(f"{op.op_id} requires a body")
    else:
        ctype = request.headers.get("Content-Type", "")
        if ctype.split(";")[0].strip() != "application/json":
            problems.append(f"body sent as {ctype!r}, the spec documents application/json")
        try:
            body = json.loads(content)
        except ValueError as exc:
            problems.append(f"body is not JSON: {exc}")
        else:
            problems += [f"body {e}" for e in schema_errors(op.body_schema, body)]
    if problems:
        raise RequestMismatch(f"{request.method} {request.url} ({op.op_id}):\n  " + "\n  ".join(problems))
    if sender is not None:
        VALIDATED.setdefault(sender, set()).add(op.op_id)
    return op.op_id
