"""What changed inside the spec's operations: request bodies, responses and parameter schemas.

A small walker over the two loaded specs, one operation at a time, following ``$ref``s with the
generator's ``_resolve`` (a ref already on the walk's stack is not entered again, so recursive schemas
end). Each difference is a ``Finding`` with a readable place (``upsert_records request body:
data[].Email``) and a severity from the one rule OpenAPI diff tools (oasdiff, openapi-diff) apply:

- **request side** (parameters, request bodies): the server must still accept all a client sent
  before. A new required property, parameter or body, a removed property or enum value, a narrowed
  type, format, pattern or limit (``maximum`` lowered, ``minLength`` raised...), a changed default:
  breaking. An optional addition: added. A widening: changed.
- **response side**: the client must still understand all the server sends. A removed property or
  success status, a property no longer required, a changed type, a widened limit, a new ``oneOf``
  variant: breaking. A new property or status code: added.
- **a new enum value in a response is breaking** (oasdiff only warns): the wheel's low-level
  ``zoho_crm_api.api`` functions parse answers into the generated models, whose enums raise
  ``ValueError`` on a value they do not know (``RecordErrorCode(d.pop("code"))``), and a user's
  exhaustive ``match`` on a documented enum misses it too. ``ZohoCRM`` itself hands back dicts, so
  the bump this asks for is the cautious one.
- ``deprecated`` set or cleared (on an operation, a parameter or a schema): changed, named so.
- what the client checks before sending is request side too: a parameter's ``x-zoho-format`` (``csv``
  and ``date-time`` take more than text, ``record-id`` less) and ``x-zoho-items`` (``max`` lowered,
  a ``pattern`` or ``format`` added or changed: breaking), an operation's ``x-zoho-excludes`` (a new
  pair refused together: breaking) and ``x-zoho-one-of`` (added, or a name no longer enough: breaking).
- Documentation (``description``, ``summary``, ``example(s)``, ``title``) is ignored.

A change inside a shared component (``#/components/schemas/Record``, a ``responses`` or ``parameters``
entry) is reported **once, at the component**, with the operations (and sides) that use it, and the
worst severity over those uses; a ``$ref`` swapped for another schema (or for an inline one) is
reported at the operation, followed by the structural differences between the two.

Why not ``deepdiff``: it diffs trees well but knows nothing of ``$ref``, ``required`` or which side a
schema is on, and those three decide every verdict here; mapping its paths back would be longer than
this walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from surface import _resolve  # the generator's $ref resolution (this script runs from generator/)

SEVERITY = {"changed": 0, "added": 1, "breaking": 2}
COMPONENT_LABELS = {
    "schemas": "schema",
    "parameters": "parameter",
    "responses": "response",
    "requestBodies": "request body",
}
UPPER = ("maximum", "maxLength", "maxItems", "maxProperties")
LOWER = ("minimum", "minLength", "minItems", "minProperties")
WIDER_TYPES = {("integer", "number")}  # a request type that accepts all the old one did
RELATIONS = ("x-zoho-excludes", "x-zoho-one-of")  # an operation's: judged by relations(), not listed as changes
WIDER_FORMATS = ("csv", "date-time")  # x-zoho-format: also takes a list, a date or datetime; record-id takes less
MISSING = object()


@dataclass(frozen=True)
class Finding:
    """One difference: where (a component label, or ``None`` for the operation itself) and what."""

    origin: str | None
    where: str
    message: str
    severity: str
    side: str


def component(ref: str | None) -> str | None:
    """``#/components/schemas/Record`` -> ``schema Record``; ``None`` for anything else."""
    parts = (ref or "").split("/")
    if len(parts) == 4 and parts[:2] == ["#", "components"] and parts[2] in COMPONENT_LABELS:
        return f"{COMPONENT_LABELS[parts[2]]} {parts[3]}"
    return None


def _ref(node: Any) -> str | None:
    return node.get("$ref") if isinstance(node, dict) else None


def _join(path: str, name: str) -> str:
    """A schema path one level down; a location (``request body:``) ends with a colon."""
    if not path:
        return name
    return f"{path} {name}" if path.endswith(":") else f"{path}.{name}"


def _item(path: str) -> str:
    return f"{path} []" if path.endswith(":") else f"{path}[]"


def _values(values: list[str]) -> str:
    return "value" if len(values) == 1 else "values"


def _bound(value: Any) -> str:
    return "none" if value is None else str(value)


class Walk:
    """One side (``request`` or ``response``) of one operation, old spec against new."""

    def __init__(self, old_spec: dict[str, Any], new_spec: dict[str, Any], side: str) -> None:
        self.old_spec, self.new_spec, self.side = old_spec, new_spec, side
        self.findings: list[Finding] = []
        self.stack: set[tuple[str | None, str | None]] = set()
        self.entered: set[str] = set()

    def emit(self, origin: str | None, where: str, message: str, request: str, response: str) -> None:
        """Record a difference with its severity on this walk's side."""
        severity = request if self.side == "request" else response
        self.findings.append(Finding(origin, where.rstrip(":"), message, severity, self.side))

    def enter(self, old: Any, new: Any, origin: str | None, where: str) -> Iterator[tuple[Any, Any, str | None, str]]:
        """Resolve both nodes; a shared component both refer to becomes the new origin.

        Yields nothing when the pair is already being walked (a recursive schema).
        """
        old_ref, new_ref = _ref(old), _ref(new)
        key = (old_ref, new_ref) if old_ref or new_ref else None
        if key in self.stack:
            return
        if old_ref and old_ref == new_ref and component(old_ref):
            origin, where = component(old_ref), ""
            self.entered.add(old_ref)
        elif old_ref != new_ref:
            before = (old_ref or "inline").rsplit("/", 1)[-1]
            after = (new_ref or "inline").rsplit("/", 1)[-1]
            self.emit(origin, where, f"$ref {before} -> {after}", "changed", "changed")
        if key:
            self.stack.add(key)
        try:
            yield _resolve(self.old_spec, old), _resolve(self.new_spec, new), origin, where
        finally:
            if key:
                self.stack.discard(key)

    def schema(self, old: Any, new: Any, origin: str | None, where: str) -> None:
        """Compare two schemas (``$ref`` or inline) at ``where``."""
        for old_node, new_node, at, path in self.enter(old, new, origin, where):
            if isinstance(old_node, dict) and isinstance(new_node, dict):
                self._facets(old_node, new_node, at, path)

    def deprecation(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        """A parameter, property or schema now deprecated, or no longer: a change users should hear of."""
        if bool(old.get("deprecated")) != bool(new.get("deprecated")):
            message = "deprecated" if new.get("deprecated") else "no longer deprecated"
            self.emit(at, path, message, "changed", "changed")

    def extensions(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        """A parameter's ``x-zoho-format`` and ``x-zoho-items``: what the client takes before sending."""
        before, after = old.get("x-zoho-format"), new.get("x-zoho-format")
        if before != after:
            narrower = before in WIDER_FORMATS or after == "record-id"
            message = f"x-zoho-format {_bound(before)} -> {_bound(after)}"
            self.emit(at, path, message, "breaking" if narrower else "changed", "changed")
        items, now = old.get("x-zoho-items") or {}, new.get("x-zoho-items") or {}
        for key in ("max", "pattern", "format"):
            before, after = items.get(key), now.get(key)
            if before == after:
                continue
            # a check dropped widens; a pattern or format added or changed, or a lower max, narrows
            narrower = after is not None and (key != "max" or before is None or after < before)
            message = f"x-zoho-items {key} {_bound(before)} -> {_bound(after)}"
            self.emit(at, path, message, "breaking" if narrower else "changed", "changed")
        others = {key for key in (*old, *new) if key.startswith("x-")} - {"x-zoho-format", "x-zoho-items"}
        for key in sorted(others):
            if old.get(key) != new.get(key):
                self.emit(at, path, f"{key}: {old.get(key)} -> {new.get(key)}", "changed", "changed")

    def _facets(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        self.deprecation(old, new, at, path)
        if not self._types(old, new, at, path):
            return  # a new type: what lies under the old one is no longer comparable
        self._nullable(old, new, at, path)
        self._enum(old, new, at, path)
        self._limits(old, new, at, path)
        self._pattern_and_default(old, new, at, path)
        self._properties(old, new, at, path)
        self._additional(old, new, at, path)
        if "items" in old or "items" in new:
            self.schema(old.get("items", {}), new.get("items", {}), at, _item(path))
        for keyword in ("oneOf", "anyOf", "allOf"):
            self._variants(keyword, old.get(keyword, []), new.get(keyword, []), at, path)

    def _types(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> bool:
        """Compare ``type`` and ``format``; ``False`` when the type changed for real."""
        ok = True
        for key in ("type", "format"):
            before, after = old.get(key), new.get(key)
            if before == after:
                continue
            message = f"{key} {before or 'any'} -> {after or 'any'}"
            if before is None or (after, before) in WIDER_TYPES:  # narrower requests, more precise responses
                self.emit(at, path, message, "breaking", "changed")
            elif after is None or (before, after) in WIDER_TYPES:  # wider requests, vaguer responses
                self.emit(at, path, message, "changed", "breaking")
            else:
                self.emit(at, path, message, "breaking", "breaking")
                ok = ok and key != "type"
        return ok

    def _nullable(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        before, after = bool(old.get("nullable")), bool(new.get("nullable"))
        if before and not after:
            self.emit(at, path, "no longer nullable", "breaking", "changed")
        elif after and not before:
            self.emit(at, path, "now nullable", "changed", "breaking")

    def _enum(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        before, after = old.get("enum"), new.get("enum")
        if before is None and after is not None:
            self.emit(at, path, f"enum added: {sorted(map(str, after))}", "breaking", "changed")
        elif after is None and before is not None:
            self.emit(at, path, "enum removed (any value)", "changed", "breaking")
        elif before is not None and after is not None:
            removed = sorted(set(map(str, before)) - set(map(str, after)))
            added = sorted(set(map(str, after)) - set(map(str, before)))
            if removed:
                self.emit(at, path, f"enum {_values(removed)} removed: {', '.join(removed)}", "breaking", "changed")
            if added:
                self.emit(at, path, f"enum {_values(added)} added: {', '.join(added)}", "added", "breaking")

    def _limits(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        """A narrower limit breaks requests, a wider one responses (``None``: no limit)."""
        for keys, higher_is_narrower in ((UPPER, False), (LOWER, True)):
            for key in keys:
                before, after = old.get(key), new.get(key)
                if before == after:
                    continue
                narrower = before is None if after is None or before is None else (after > before) == higher_is_narrower
                message = f"{key} {_bound(before)} -> {_bound(after)}"
                self.emit(at, path, message, *(("breaking", "changed") if narrower else ("changed", "breaking")))
        for key in ("exclusiveMaximum", "exclusiveMinimum", "uniqueItems"):
            before, after = bool(old.get(key)), bool(new.get(key))
            if before != after:
                message = f"{key} {str(before).lower()} -> {str(after).lower()}"
                self.emit(at, path, message, *(("breaking", "changed") if after else ("changed", "breaking")))

    def _pattern_and_default(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        before, after = old.get("pattern"), new.get("pattern")
        if before != after:
            message = f"pattern {before or 'none'} -> {after or 'none'}"
            request = "changed" if after is None else "breaking"
            response = "changed" if before is None else "breaking"
            self.emit(at, path, message, request, response)
        before, after = old.get("default", MISSING), new.get("default", MISSING)
        if before != after:
            message = f"default {'none' if before is MISSING else before} -> {'none' if after is MISSING else after}"
            # a client that leaves the value out now gets another behaviour
            self.emit(at, path, message, "changed" if before is MISSING else "breaking", "changed")

    def _properties(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        before, after = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in sorted(set(before) - set(after)):
            self.emit(at, path, f"property removed: {name}", "breaking", "breaking")
        for name in sorted(set(after) - set(before)):
            if name in new_required:
                self.emit(at, path, f"required property added: {name}", "breaking", "added")
            else:
                self.emit(at, path, f"property added: {name}", "added", "added")
        for name in sorted(set(before) & set(after)):
            if name in new_required and name not in old_required:
                self.emit(at, path, f"property now required: {name}", "breaking", "changed")
            elif name in old_required and name not in new_required:
                self.emit(at, path, f"property now optional: {name}", "changed", "breaking")
            self.schema(before[name], after[name], at, _join(path, name))

    def _additional(self, old: dict[str, Any], new: dict[str, Any], at: str | None, path: str) -> None:
        before, after = old.get("additionalProperties", True), new.get("additionalProperties", True)
        if isinstance(before, dict) and isinstance(after, dict):
            self.schema(before, after, at, _join(path, "*"))
        elif bool(before) != bool(after):
            message = f"additional properties {'no longer' if before else 'now'} allowed"
            self.emit(at, path, message, *(("breaking", "changed") if before else ("changed", "breaking")))

    def _variants(self, keyword: str, old: list[Any], new: list[Any], at: str | None, path: str) -> None:
        """``oneOf``/``anyOf``/``allOf`` members matched by ``$ref`` name, inline ones by position."""

        def keyed(items: list[Any]) -> dict[str, Any]:
            return {(_ref(item) or f"#{i}").rsplit("/", 1)[-1]: item for i, item in enumerate(items)}

        before, after = keyed(old), keyed(new)
        # allOf adds constraints (narrower requests); oneOf/anyOf add choices (wider responses)
        narrowing = keyword == "allOf"
        for name in sorted(set(before) - set(after)):
            request, response = ("changed", "breaking") if narrowing else ("breaking", "changed")
            self.emit(at, path, f"{keyword} member removed: {name}", request, response)
        for name in sorted(set(after) - set(before)):
            request, response = ("breaking", "added") if narrowing else ("added", "breaking")
            self.emit(at, path, f"{keyword} member added: {name}", request, response)
        for name in sorted(set(before) & set(after)):
            self.schema(
                before[name], after[name], at, _join(path, f"<{keyword} {name}>") if name.startswith("#") else path
            )

    def content(self, old: dict[str, Any], new: dict[str, Any], at: str | None, where: str) -> None:
        """The media types of a body and their schemas."""
        before, after = old.get("content", {}), new.get("content", {})
        for media in sorted(set(before) - set(after)):
            self.emit(at, where, f"media type removed: {media}", "breaking", "breaking")
        for media in sorted(set(after) - set(before)):
            self.emit(at, where, f"media type added: {media}", "added", "changed")
        common = sorted(set(before) & set(after))
        for media in common:
            label = f"{where.rstrip(':')} ({media}):" if len(common) > 1 else where
            old_schema, new_schema = before[media].get("schema", {}), after[media].get("schema", {})
            self.schema(old_schema, new_schema, at, label)

    def headers(self, old: dict[str, Any], new: dict[str, Any], at: str | None, where: str) -> None:
        """A response's headers: one a client reads may not go away."""
        before, after = old.get("headers", {}), new.get("headers", {})
        for name in sorted(set(before) - set(after), key=str.lower):
            self.emit(at, where, f"header removed: {name}", "breaking", "breaking")
        for name in sorted(set(after) - set(before), key=str.lower):
            self.emit(at, where, f"header added: {name}", "added", "added")
        for name in sorted(set(before) & set(after), key=str.lower):
            for old_header, new_header, inner, label in self.enter(before[name], after[name], at, where):
                old_schema, new_schema = old_header.get("schema", {}), new_header.get("schema", {})
                self.schema(old_schema, new_schema, inner, _join(label, f"header {name}:") if inner == at else label)


def _parameters(spec: dict[str, Any], path_item: dict[str, Any], op: dict[str, Any]) -> dict[str, Any]:
    """Raw parameter nodes (``$ref``s kept) by ``in:name``; an operation's own override the path's."""
    found = {}
    for raw in [*path_item.get("parameters", []), *op.get("parameters", [])]:
        param = _resolve(spec, raw)
        found[f"{param['in']}:{param['name']}"] = raw
    return found


def _pairs(excludes: dict[str, list[str]]) -> set[tuple[str, ...]]:
    """``x-zoho-excludes`` as the pairs it refuses together, each sorted."""
    return {tuple(sorted((name, other))) for name, others in excludes.items() for other in others}


def relations(walk: Walk, old: dict[str, Any], new: dict[str, Any]) -> None:
    """An operation's ``x-zoho-excludes`` and ``x-zoho-one-of``: a call refused now that was not is breaking."""
    before, after = _pairs(old.get("x-zoho-excludes") or {}), _pairs(new.get("x-zoho-excludes") or {})
    for pair in sorted(after - before):
        walk.emit(None, "", f"x-zoho-excludes: now refused together: {', '.join(pair)}", "breaking", "")
    for pair in sorted(before - after):
        walk.emit(None, "", f"x-zoho-excludes: now allowed together: {', '.join(pair)}", "changed", "")
    was, now = old.get("x-zoho-one-of") or [], new.get("x-zoho-one-of") or []
    if was and not now:
        walk.emit(None, "", f"x-zoho-one-of removed: {', '.join(was)}", "changed", "")
    elif now and not was:
        walk.emit(None, "", f"x-zoho-one-of added: {', '.join(now)} (one of them now needed)", "breaking", "")
    else:
        dropped, added = [n for n in was if n not in now], [n for n in now if n not in was]
        if dropped:
            walk.emit(None, "", f"x-zoho-one-of: no longer enough alone: {', '.join(dropped)}", "breaking", "")
        if added:
            walk.emit(None, "", f"x-zoho-one-of: now enough alone: {', '.join(added)}", "changed", "")


def diff_operation(
    old_spec: dict[str, Any],
    new_spec: dict[str, Any],
    old: tuple[dict[str, Any], dict[str, Any]],
    new: tuple[dict[str, Any], dict[str, Any]],
) -> tuple[list[Finding], set[str]]:
    """The differences of one operation, given as (path item, operation) old and new; and the components entered.

    Parameters added, removed or made required are ``api_report.operations``' part; this is what is inside them.
    """
    (old_item, old_op), (new_item, new_op) = old, new
    request = Walk(old_spec, new_spec, "request")
    old_params = _parameters(old_spec, old_item, old_op)
    new_params = _parameters(new_spec, new_item, new_op)
    for name in sorted(set(old_params) & set(new_params)):
        pair = request.enter(old_params[name], new_params[name], None, f"parameter {name}:")
        for old_param, new_param, at, where in pair:
            request.deprecation(old_param, new_param, at, where)
            request.extensions(old_param, new_param, at, where)
            request.schema(old_param.get("schema", {}), new_param.get("schema", {}), at, where)
    relations(request, old_op, new_op)
    old_body, new_body = old_op.get("requestBody"), new_op.get("requestBody")
    if old_body is None and new_body is not None:
        required = bool(_resolve(new_spec, new_body).get("required"))
        kind = "required" if required else "optional"
        request.emit(None, "", f"{kind} request body added", "breaking" if required else "added", "")
    elif new_body is None and old_body is not None:
        request.emit(None, "", "request body removed", "breaking", "")
    elif old_body is not None and new_body is not None:
        for before, after, at, where in request.enter(old_body, new_body, None, "request body:"):
            if after.get("required") and not before.get("required"):
                request.emit(at, where, "now required", "breaking", "")
            elif before.get("required") and not after.get("required"):
                request.emit(at, where, "now optional", "changed", "")
            request.content(before, after, at, where)
    response = Walk(old_spec, new_spec, "response")
    old_responses, new_responses = old_op.get("responses", {}), new_op.get("responses", {})
    for status in sorted(set(old_responses) - set(new_responses), key=str):
        success = str(status).startswith("2") or str(status) == "default"
        response.emit(None, "", f"response removed: {status}", "", "breaking" if success else "changed")
    for status in sorted(set(new_responses) - set(old_responses), key=str):
        response.emit(None, "", f"response added: {status}", "", "added")
    for status in sorted(set(old_responses) & set(new_responses), key=str):
        for before, after, at, where in response.enter(
            old_responses[status], new_responses[status], None, f"response {status}:"
        ):
            response.content(before, after, at, where)
            response.headers(before, after, at, where)
    return [*request.findings, *response.findings], request.entered | response.entered


def diff_component_schema(old_spec: dict[str, Any], new_spec: dict[str, Any], name: str) -> list[Finding]:
    """A component schema no operation reaches: judged on both sides, the worst verdict kept."""
    ref = {"$ref": f"#/components/schemas/{name}"}
    findings = []
    for side in ("request", "response"):
        walk = Walk(old_spec, new_spec, side)
        walk.schema(ref, ref, None, "")
        findings.extend(walk.findings)
    return findings
