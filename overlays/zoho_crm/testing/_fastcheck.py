"""A fast pre-check for the JSON-schema keywords the spec uses.

:func:`compile_check` turns a schema into a function answering :data:`VALID`, :data:`INVALID` or
:data:`UNKNOWN`. Only :data:`VALID` is trusted on its own: anything else goes to the full
``OAS30Validator``, which decides and explains. ``VALID`` is sound: it is answered only where the
keyword semantics are exactly those of openapi-schema-validator for OpenAPI 3.0 (types, ``nullable``,
``enum`` of strings, ``pattern``, lengths, bounds, ``items``, ``properties``, ``required``,
``additionalProperties``, ``oneOf``, ``format`` through the same format checker). A schema with any
other keyword gets no pre-check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from openapi_schema_validator import oas30_format_checker

__all__ = ["INVALID", "UNKNOWN", "VALID", "Check", "compile_check"]

VALID, INVALID, UNKNOWN = 1, 0, -1
Check = Callable[[Any], int]

_ANNOTATIONS = frozenset({"description", "example", "examples", "title", "default", "deprecated", "externalDocs"})
_SUPPORTED = frozenset(
    {
        "type",
        "nullable",
        "enum",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "items",
        "properties",
        "required",
        "additionalProperties",
        "oneOf",
        "format",
    }
)


def _all(results: list[int]) -> int:
    if INVALID in results:
        return INVALID
    return UNKNOWN if UNKNOWN in results else VALID


def _type_of(kind: str) -> Check:
    def string(x: Any) -> int:
        return VALID if isinstance(x, str) else INVALID

    def integer(x: Any) -> int:
        if isinstance(x, bool):
            return INVALID
        if isinstance(x, int):
            return VALID
        return UNKNOWN if isinstance(x, float) else INVALID

    def number(x: Any) -> int:
        if isinstance(x, bool):
            return INVALID
        if isinstance(x, int | float):
            return VALID
        return INVALID if isinstance(x, str | dict | list) else UNKNOWN

    def boolean(x: Any) -> int:
        return VALID if isinstance(x, bool) else INVALID

    def obj(x: Any) -> int:
        return VALID if isinstance(x, dict) else INVALID

    def array(x: Any) -> int:
        return VALID if isinstance(x, list) else INVALID

    checks: dict[str, Check] = {
        "string": string,
        "integer": integer,
        "number": number,
        "boolean": boolean,
        "object": obj,
        "array": array,
    }
    return checks[kind]


def _length_check(kind: type[str] | type[list[Any]], low: int | None, high: int | None) -> Check | None:
    """``minLength``/``maxLength`` (``kind`` str) or ``minItems``/``maxItems`` (``kind`` list), if either is set."""
    if low is None and high is None:
        return None
    return lambda x: (
        VALID
        if not isinstance(x, kind) or ((low is None or len(x) >= low) and (high is None or len(x) <= high))
        else INVALID
    )


def compile_check(schema: Any) -> Check | None:
    """The pre-check of ``schema``, or ``None`` if it uses a keyword the pre-check does not model."""
    if not isinstance(schema, dict):
        return None
    keys = {key for key in schema if key not in _ANNOTATIONS and not key.startswith("x-")}
    if keys - _SUPPORTED:
        return None
    kind = schema.get("type")
    if kind is not None and kind not in ("string", "integer", "number", "boolean", "object", "array"):
        return None
    nullable = schema.get("nullable") is True
    checks: list[Check] = []

    if kind is not None:
        checks.append(_type_of(kind))
    if "enum" in schema:
        members = schema["enum"]
        if not all(isinstance(m, str) for m in members):
            return None
        allowed = frozenset(members)
        checks.append(lambda x: (VALID if x in allowed else INVALID) if isinstance(x, str) else UNKNOWN)
    if "pattern" in schema:
        regex = re.compile(schema["pattern"])

        def pattern(x: Any) -> int:
            if not isinstance(x, str):
                return VALID
            if "\n" in x or "\r" in x:
                return UNKNOWN  # where Python's and ECMA's ``$`` may disagree
            return VALID if regex.search(x) else INVALID

        checks.append(pattern)
    length = _length_check(str, schema.get("minLength"), schema.get("maxLength"))
    if length is not None:
        checks.append(length)
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    if minimum is not None or maximum is not None:

        def bounds(x: Any) -> int:
            if isinstance(x, bool) or not isinstance(x, int | float):
                return VALID if isinstance(x, str | dict | list | bool) or x is None else UNKNOWN
            ok = (minimum is None or x >= minimum) and (maximum is None or x <= maximum)
            return VALID if ok else INVALID

        checks.append(bounds)
    size = _length_check(list, schema.get("minItems"), schema.get("maxItems"))
    if size is not None:
        checks.append(size)
    if "items" in schema:
        item = compile_check(schema["items"])
        if item is None:
            return None
        checks.append(lambda x: _all([item(v) for v in x]) if isinstance(x, list) else VALID)
    if "required" in schema:
        required = tuple(schema["required"])
        checks.append(lambda x: VALID if not isinstance(x, dict) or all(k in x for k in required) else INVALID)
    properties: dict[str, Check] = {}
    for name, sub in schema.get("properties", {}).items():
        compiled = compile_check(sub)
        if compiled is None:
            return None
        properties[name] = compiled
    extra = schema.get("additionalProperties", True)
    extra_check: Check | None = None
    if isinstance(extra, dict):
        extra_check = compile_check(extra)
        if extra_check is None:
            return None
    elif extra is not True and extra is not False:
        return None
    if properties or extra is not True:
        named = tuple(properties.items())

        def members(x: Any) -> int:
            if not isinstance(x, dict):
                return VALID
            verdict = VALID
            for name, check in named:
                if name in x:
                    result = check(x[name])
                    if result == INVALID:
                        return INVALID
                    if result == UNKNOWN:
                        verdict = UNKNOWN
            if extra is not True:
                for key, value in x.items():
                    if key in properties:
                        continue
                    if extra_check is None:
                        return INVALID
                    result = extra_check(value)
                    if result == INVALID:
                        return INVALID
                    if result == UNKNOWN:
                        verdict = UNKNOWN
            return verdict

        checks.append(members)
    if "format" in schema:
        fmt = schema["format"]
        known: dict[Any, bool] = {}

        def conforms(x: Any) -> int:
            if x is None:
                return VALID
            key = (type(x), x) if isinstance(x, str | int | float) else None
            if key is not None and key in known:
                return VALID if known[key] else INVALID
            ok = oas30_format_checker.conforms(x, fmt)
            if key is not None:
                if len(known) > 4096:
                    known.clear()
                known[key] = ok
            return VALID if ok else INVALID

        checks.append(conforms)
    if "oneOf" in schema:
        branches = [compile_check(branch) for branch in schema["oneOf"]]
        if any(branch is None for branch in branches):
            return None
        ready = [branch for branch in branches if branch is not None]

        def one_of(x: Any) -> int:
            results = [branch(x) for branch in ready]
            if UNKNOWN in results:
                return UNKNOWN
            return VALID if results.count(VALID) == 1 else INVALID

        checks.append(one_of)

    parts = tuple(checks)
    with_enum_or_one_of = "enum" in schema or "oneOf" in schema

    def check(x: Any) -> int:
        if x is None:
            if kind is not None and not nullable:
                return INVALID
            return UNKNOWN if with_enum_or_one_of else VALID
        verdict = VALID
        for part in parts:
            result = part(x)
            if result == INVALID:
                return INVALID
            if result == UNKNOWN:
                verdict = UNKNOWN
        return verdict

    return check
