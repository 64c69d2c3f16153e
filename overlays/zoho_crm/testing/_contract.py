"""The spec as the sandbox enforces it: routes, parameter and body checks, response validation.

Validators are compiled once per schema. Bodies with a ``data`` array are checked as an envelope plus
one check per item, so a response can be validated fully or by sample.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker

from ._errors import ContractViolation, ZohoError
from ._fastcheck import VALID, compile_check

__all__ = ["Contract", "Operation", "ParamSpec", "SchemaCheck", "load_contract"]

_MAX_LIST = {"fields": 50, "ids": 100}
DEFAULTS: dict[str, Any] = {
    "page": 1,
    "per_page": 200,
    "sort_by": "id",
    "sort_order": "desc",
    "type": "all",
    "wf_trigger": True,
    "include_child": False,
    "converted": "false",
    "approved": "true",
}
"""Zoho's documented defaults (the spec states them in descriptions only)."""
ROUTE_PARAM = re.compile(r"\{([^}]+)\}")


class SchemaCheck:
    """One compiled schema: a fast pre-check where it is sound, the full validator otherwise."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self._validator = OAS30Validator(schema, format_checker=oas30_format_checker)
        self._fast = compile_check(schema)

    def errors(self, instance: Any) -> list[Any]:
        """Every violation (empty when valid)."""
        if self._fast is not None and self._fast(instance) == VALID:
            return []
        if self._validator.is_valid(instance):
            return []
        return sorted(self._validator.iter_errors(instance), key=lambda error: list(error.absolute_path))


@cache
def _split_checks(schema_json: str, key: str) -> tuple[SchemaCheck, SchemaCheck | None]:
    schema = json.loads(schema_json)
    prop = schema.get("properties", {}).get(key) if schema.get("type") == "object" else None
    if not isinstance(prop, dict) or prop.get("type") != "array" or "items" not in prop:
        return SchemaCheck(schema), None
    envelope = copy.deepcopy(schema)
    del envelope["properties"][key]["items"]
    return SchemaCheck(envelope), SchemaCheck(prop["items"])


class BodyCheck:
    """A body schema checked as an envelope plus per-item checks of its array ``key`` (if it has one)."""

    def __init__(self, schema: dict[str, Any], key: str = "data") -> None:
        self.schema = schema
        self.key = key
        self.envelope, self.item = _split_checks(json.dumps(schema, sort_keys=True), key)

    def envelope_errors(self, body: Any) -> list[Any]:
        """Violations outside the items (all of them if the schema has no item array)."""
        return self.envelope.errors(body)

    def item_errors(self, item: Any) -> list[Any]:
        """Violations of one item."""
        return self.item.errors(item) if self.item is not None else []

    def all_errors(self, body: Any, mode: str = "full") -> list[str]:
        """Messages for every violation; ``mode="sample"`` checks only the first and last items."""
        found = [_describe(error) for error in self.envelope_errors(body)]
        if found or self.item is None or not isinstance(body, dict):
            return found
        items = body.get(self.key)
        if not isinstance(items, list):
            return found
        indexes: Iterable[int] = range(len(items))
        if mode == "sample" and len(items) > 2:
            indexes = (0, len(items) - 1)
        for index in indexes:
            found.extend(f"{self.key}[{index}]{_describe(error)}" for error in self.item_errors(items[index]))
        return found


def _describe(error: Any) -> str:
    where = "".join(f"[{part!r}]" for part in error.absolute_path)
    return f"{where}: {error.message}"


@dataclasses.dataclass
class ParamSpec:
    """A parameter of an operation with its compiled schema."""

    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    check: SchemaCheck
    max_items: int | None = None
    """A comma-separated list's most items (``x-zoho-items: {max}``): past it, ``LIMIT_EXCEEDED``."""

    @property
    def default(self) -> Any:
        """The schema's default, else Zoho's documented one, if any."""
        return self.schema.get("default", DEFAULTS.get(self.name) if self.location == "query" else None)


@dataclasses.dataclass
class ResponseSpec:
    """What one status of an operation may carry."""

    status: int
    body: BodyCheck | None
    codes: frozenset[str]
    """Error codes the body's ``code`` may take (empty if not an error body)."""
    media: tuple[str, ...] = ()
    """Media types other than JSON it may answer (a download's ``application/octet-stream``): a ``bytes`` body."""


def _other_media(node: dict[str, Any]) -> tuple[str, ...]:
    """The media types of a response's ``content`` that are not JSON (lower-case, without parameters)."""
    found = []
    for kind in node.get("content", {}):
        bare = str(kind).split(";")[0].strip().lower()
        if bare != "application/json" and not bare.endswith("+json"):
            found.append(bare)
    return tuple(found)


def media_matches(declared: tuple[str, ...], content_type: str) -> bool:
    """Whether ``content_type`` is one of ``declared`` (``image/*`` and ``*/*`` match their kinds)."""
    bare = content_type.split(";")[0].strip().lower()
    return any(
        bare == kind or kind == "*/*" or (kind.endswith("/*") and bare.startswith(kind[:-1])) for kind in declared
    )


def _json_media(node: dict[str, Any]) -> dict[str, Any]:
    """The JSON entry of a body's or response's ``content``, else ``{}``: the sandbox checks JSON only.

    ``application/json`` with parameters (``; charset=utf-8``) or without, or a ``+json`` type.
    """
    for kind, entry in node.get("content", {}).items():
        bare = str(kind).split(";")[0].strip().lower()
        if bare == "application/json" or bare.endswith("+json"):
            return entry or {}
    return {}


class Operation:
    """One operation of the spec, with its checks."""

    def __init__(self, template: str, method: str, spec: dict[str, Any], path_params: list[dict[str, Any]]) -> None:
        self.template = template
        self.segments = template.strip("/").split("/")
        self.method = method
        self.operation_id: str = spec["operationId"]
        params = {(p["name"], p["in"]): p for p in [*path_params, *spec.get("parameters", [])]}
        self.params = [
            ParamSpec(
                p["name"],
                p["in"],
                bool(p.get("required")),
                p["schema"],
                SchemaCheck(p["schema"]),
                (p.get("x-zoho-items") or {}).get("max"),
            )
            for p in params.values()
        ]
        body = spec.get("requestBody")
        self.body_required = bool(body and body.get("required"))
        self.body: BodyCheck | None = None  # a JSON body's check (another media type, multipart: none)
        if body and "schema" in _json_media(body):
            self.body = BodyCheck(_json_media(body)["schema"])
        form = (body or {}).get("content", {}).get("multipart/form-data")
        self.form: tuple[str, ...] | None = None
        """A ``multipart/form-data`` body's required fields (``None``: the operation takes no form)."""
        if form is not None:
            self.form = tuple((form.get("schema") or {}).get("required", ()))
        self.responses: dict[int, ResponseSpec] = {}
        for status, response in spec["responses"].items():
            if not str(status).isdigit():  # default, 2XX: no status of its own to check
                continue
            schema = _json_media(response).get("schema")
            self.responses[int(status)] = ResponseSpec(
                int(status),
                BodyCheck(schema, _array_key(schema)) if schema else None,
                frozenset(_codes(schema)) if schema else frozenset(),
                _other_media(response),
            )

    def path_index(self, name: str) -> int:
        """Where path parameter ``name`` sits in the path: Zoho's ``resource_path_index`` (literal segments count)."""
        return self.segments.index("{" + name + "}")

    def pick(self, status: int, *codes: str) -> str:
        """The first of ``codes`` this operation may answer with ``status`` (else the last one)."""
        allowed = self.responses[status].codes if status in self.responses else frozenset()
        for code in codes:
            if code in allowed:
                return code
        return codes[-1]

    # requests ------------------------------------------------------------------------------------

    def parse_params(
        self,
        path: dict[str, str],
        query: dict[str, str],
        headers: dict[str, str],
        repeated: dict[str, list[str]] | None = None,
    ) -> dict[str, Any]:
        """Typed parameter values (defaults filled in); :class:`ZohoError` for what the spec forbids.

        An array in the query is its key repeated (OpenAPI's default, ``style: form``, ``explode: true``).
        """
        out: dict[str, Any] = {}
        for param in self.params:
            if param.location == "path":
                raw: str | None = path.get(param.name)
            elif param.location == "query":
                raw = query.get(param.name)
            else:
                raw = headers.get(param.name.lower())
            if raw is None or (raw == "" and param.location != "path" and param.required):
                if param.required:  # the code the operation documents (the status of a mass update: MANDATORY_...)
                    code = self.pick(400, "REQUIRED_PARAM_MISSING", "MANDATORY_NOT_FOUND", "REQUIRED_PARAM_MISSING")
                    raise ZohoError(400, code, {"param_name": param.name})
                if param.default is not None:
                    out[param.name] = param.default
                continue
            if param.schema.get("type") == "array" and param.location == "query":
                items = param.schema.get("items", {})
                values = [
                    self._scalar(param, one, items.get("type")) for one in (repeated or {}).get(param.name, [raw])
                ]
                out[param.name] = self._checked(param, raw, values)
            else:
                out[param.name] = self._checked(param, raw, self._scalar(param, raw, param.schema.get("type")))
        return out

    def _checked(self, param: ParamSpec, raw: str, value: Any) -> Any:
        errors = param.check.errors(value)
        if errors:
            raise self._param_error(param, raw, errors[0].message, keyword=errors[0].validator)
        return value

    def _scalar(self, param: ParamSpec, raw: str, kind: str | None) -> Any:
        """One value as its schema's type reads it (an integer, a number, a boolean, else the text)."""
        value: Any = raw
        if kind == "number":
            if not re.fullmatch(r"-?\d{1,18}(\.\d{1,18})?([eE][-+]?\d{1,3})?", raw.strip()):
                raise self._param_error(param, raw, "expected a number", expected="number")
            value = float(raw)
        elif kind == "integer":
            if not re.fullmatch(r"-?\d{1,18}", raw.strip()):
                raise self._param_error(param, raw, "expected an integer", expected="integer")
            value = int(raw)
        elif kind == "boolean":
            if raw.lower() not in ("true", "false"):
                raise self._param_error(param, raw, "expected a boolean", expected="boolean")
            value = raw.lower() == "true"
        return value

    def _param_error(
        self,
        param: ParamSpec,
        raw: str,
        reason: str,
        *,
        expected: str | None = None,
        keyword: Any = None,
    ) -> ZohoError:
        details: dict[str, Any] = {}
        if param.location == "path":
            details["resource_path_index"] = self.path_index(param.name)
            if param.name == "module":
                return ZohoError(400, "INVALID_MODULE", details)
            return ZohoError(400, "INVALID_DATA", details, f"invalid {param.name}: {reason}")
        details["param_name"] = param.name
        limit = param.max_items or _MAX_LIST.get(param.name)
        if limit is not None and len(raw.split(",")) > limit:
            return ZohoError(400, "LIMIT_EXCEEDED", {**details, "limit": limit}, f"at most {limit} {param.name}")
        if expected:
            details["expected_data_type"] = expected
        if keyword == "enum":
            details["supported_values"] = list(param.schema["enum"])
        if keyword == "maximum":
            details["maximum"] = param.schema["maximum"]
        if param.name == "type":
            return ZohoError(400, self.pick(400, "PATTERN_NOT_MATCHED", "INVALID_DATA"), details)
        if param.name == "ids" and keyword == "pattern":
            return ZohoError(400, self.pick(400, "UNABLE_TO_PARSE_DATA_TYPE", "INVALID_DATA"), details)
        return ZohoError(400, "INVALID_DATA", details, f"invalid value for {param.name}: {reason}")

    def body_envelope_error(self, body: Any) -> ZohoError | None:
        """The whole-request error for a body outside its envelope schema, if any."""
        assert self.body is not None
        errors = self.body.envelope_errors(body)
        if not errors:
            return None
        error = errors[0]
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
        json_path = f"${path}"
        if error.validator == "required":
            missing = re.findall(r"'([^']+)' is a required property", error.message)
            name = missing[0] if missing else "data"
            return ZohoError(400, "REQUIRED_PARAM_MISSING", {"param_name": name, "json_path": f"{json_path}.{name}"})
        if error.validator == "maxItems":
            code = self.pick(400, "LIMIT_EXCEEDED", "INVALID_DATA")
            return ZohoError(400, code, {"json_path": json_path, "limit": error.validator_value}, "too many items")
        details: dict[str, Any] = {"json_path": json_path}
        if error.validator == "enum":
            details["supported_values"] = list(error.validator_value)
        if error.validator == "type":
            details["expected_data_type"] = {"array": "jsonarray", "object": "jsonobject"}.get(
                str(error.validator_value), str(error.validator_value)
            )
        return ZohoError(400, "INVALID_DATA", details, f"invalid body: {error.message}")

    # responses -----------------------------------------------------------------------------------

    def response_violations(self, status: int, body: Any, mode: str, content_type: str | None = None) -> list[str]:
        """What is wrong with answering ``status`` with ``body`` (``None``: none; ``bytes``: in ``content_type``)."""
        response = self.responses.get(status)
        if response is None:
            return [f"status {status} is not declared for {self.operation_id}"]
        return check_body(response, body, mode, content_type)


def check_body(response: ResponseSpec, body: Any, mode: str, content_type: str | None = None) -> list[str]:
    """Violations of one declared response (a ``bytes`` body: one of its other media types)."""
    if isinstance(body, (bytes, bytearray)):
        if not response.media:
            return [f"status {response.status} answers {'JSON' if response.body else 'no body'}, not bytes"]
        if content_type is not None and not media_matches(response.media, content_type):
            return [f"status {response.status} answers {', '.join(response.media)}, not {content_type}"]
        return []
    if body is not None and response.body is None and response.media:
        return [f"status {response.status} answers {', '.join(response.media)} (bytes), not JSON"]
    if response.body is None:
        return [] if body is None else [f"status {response.status} must have no body"]
    if body is None:
        return [f"status {response.status} needs a JSON body"]
    if mode == "off":
        return []
    return response.body.all_errors(body, mode)


def _array_key(schema: dict[str, Any]) -> str:
    props = schema.get("properties", {})
    for key in ("data", "get_related_records_count"):
        if key in props:
            return key
    return "data"


def _codes(schema: dict[str, Any]) -> list[str]:
    """The ``code`` enum of an error envelope (through ``oneOf`` branches)."""
    found: list[str] = []
    for branch in [schema, *schema.get("oneOf", [])]:
        code = branch.get("properties", {}).get("code", {})
        found.extend(code.get("enum", []))
    return found


def _inline(node: Any, spec: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            if ref in seen:
                raise ValueError(f"recursive $ref {ref}")
            target: Any = spec
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            return _inline(target, spec, (*seen, ref))
        return {key: _inline(value, spec, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, spec, seen) for item in node]
    return node


class Contract:
    """Routes and operations of the spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = _inline(spec, spec)
        server = self.spec["servers"][0]
        url = ROUTE_PARAM.sub(lambda m: str(server["variables"][m.group(1)]["default"]), server["url"])
        self.base_path = "/" + url.split("://", 1)[1].split("/", 1)[1].rstrip("/")
        self.version = server["variables"]["version"]["default"]
        self.operations: dict[str, Operation] = {}
        self._routes: list[tuple[list[str | None], dict[str, Operation]]] = []
        for template, item in self.spec["paths"].items():
            path_params = item.get("parameters", [])
            ops: dict[str, Operation] = {}
            for method, op_spec in item.items():
                if method in ("get", "put", "post", "delete", "patch"):
                    op = Operation(template, method.upper(), op_spec, path_params)
                    ops[op.method] = op
                    self.operations[op.operation_id] = op
            segments: list[str | None] = [
                None if ROUTE_PARAM.fullmatch(segment) else segment for segment in template.strip("/").split("/")
            ]
            self._routes.append((segments, ops))
        # Literal segments win over parameters, leftmost first (OpenAPI's rule for concrete paths).
        self._routes.sort(key=lambda route: [segment is None for segment in route[0]])
        components = self.spec["components"]["responses"]
        self.not_found = ResponseSpec(
            404, BodyCheck(components["NotFound"]["content"]["application/json"]["schema"]), frozenset()
        )
        self.method_not_allowed = ResponseSpec(
            400, BodyCheck(components["MethodNotAllowed"]["content"]["application/json"]["schema"]), frozenset()
        )
        self.too_large = ResponseSpec(
            413, BodyCheck(components["PayloadTooLarge"]["content"]["application/json"]["schema"]), frozenset()
        )

    def route(self, segments: list[str]) -> tuple[dict[str, Operation], dict[str, str]] | None:
        """Operations of the most specific template matching the path segments, with the path params."""
        for template, ops in self._routes:
            if len(template) != len(segments):
                continue
            if all(t is None or t == s for t, s in zip(template, segments, strict=True)):
                names = ROUTE_PARAM.findall(next(iter(ops.values())).template)
                values = [s for t, s in zip(template, segments, strict=True) if t is None]
                return ops, dict(zip(names, values, strict=True))
        return None

    def check_generic(self, status: int, body: Any) -> list[str]:
        """Violations of a 404, 400 (method) or 413 answered before any operation was known."""
        response = {404: self.not_found, 413: self.too_large}.get(status, self.method_not_allowed)
        return check_body(response, body, "full")


def raise_violations(where: str, violations: list[str]) -> None:
    """Raise :class:`ContractViolation` listing ``violations`` (if any)."""
    if violations:
        raise ContractViolation(f"{where}: response breaks the spec: " + "; ".join(violations[:5]))


@cache
def load_contract() -> Contract:
    """The contract of the shipped spec (``zoho_crm_api/openapi.json``), loaded once."""
    text = (files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8")
    return Contract(json.loads(text))
