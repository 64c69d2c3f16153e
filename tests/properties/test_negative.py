"""Negative: bodies the spec forbids are refused by the client's checks or answered 4xx, never a crash or a 5xx.

For every request-body schema of the spec (the parametrization is the spec's list), a valid body is
drawn from the schema and one of its constraints is negated at one place (hypothesis-jsonschema
draws from the negated sub-schema: another type, a value outside the enum, a string outside the
pattern, a missing required key, too few or too many items...); the result is checked to be
forbidden by the spec. Then:

- through the overlay call of its operation, as a caller would pass those values: the call raises
  ``ZohoValidationError`` before sending anything, or every request it sends is valid per the spec,
  or the sandbox answers it with a documented 4xx body (or a per-item error on the faulty item);
  any other exception is a crash;
- sent as is to the sandbox (a bare HTTP client): a documented 4xx answer whose body is valid per
  the spec for that status, or a per-item error on the faulty item. Never a 5xx.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st

from tests.properties import _org, _spec
from tests.properties._profiles import properties
from zoho_crm.errors import APIError, ZohoError, ZohoValidationError
from zoho_crm_api.resources import RESOURCES

Path = tuple[Any, ...]


# ---------------------------------------------------------------------------------------------
# Negated constraints


def _nodes(schema: dict[str, Any], value: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, Any], Any]]:
    """(path, sub-schema, value) of every node of a valid instance."""
    for key in ("oneOf", "anyOf"):
        if key in schema:
            from tests.properties._spec import _branch

            yield from _nodes(_branch(schema[key], value), value, path)
            return
    yield path, schema, value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", {})
        for k, v in value.items():
            sub = props.get(k, extra if isinstance(extra, dict) else {})
            yield from _nodes(sub, v, (*path, k))
    elif isinstance(value, list):
        items = schema.get("items", {})
        for i, v in enumerate(value):
            yield from _nodes(items if isinstance(items, dict) else {}, v, (*path, i))


def _negations(schema: dict[str, Any], value: Any) -> list[tuple[str, st.SearchStrategy[Any]]]:
    """(constraint, strategy of a replacement breaking it) for one node."""
    out: list[tuple[str, st.SearchStrategy[Any]]] = []
    kind = schema.get("type")
    if kind is not None:
        out.append(("type", _spec.strategy_for({"not": {"type": kind}})))
    if "enum" in schema:
        out.append(("enum", _spec.strategy_for({"type": "string", "not": {"enum": schema["enum"]}})))
    if "pattern" in schema:
        out.append(("pattern", _spec.strategy_for({"type": "string", "not": {"pattern": schema["pattern"]}})))
    if schema.get("minLength", 0) > 0:
        out.append(("minLength", st.just("")))
    if "minimum" in schema:
        out.append(("minimum", st.just(schema["minimum"] - 1)))
    if isinstance(value, list) and schema.get("minItems", 0) > 0:
        out.append(("minItems", st.just([])))
    if isinstance(value, list) and "maxItems" in schema and value:
        too_many = schema["maxItems"] + 1
        out.append(("maxItems", st.just([value[i % len(value)] for i in range(too_many)])))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            out.append((f"required {key}", st.just({k: v for k, v in value.items() if k != key})))
        if schema.get("additionalProperties") is False:
            out.append(("additionalProperties", st.just({**value, "Not_In_The_Spec": 1})))
    return out


def _replace(instance: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(instance)
    target = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return out


@st.composite
def forbidden(draw: st.DrawFn, name: str) -> tuple[Any, Path, str]:
    """A body the spec forbids: (body, path of the negated node, constraint negated)."""
    schema = _spec.json_schema(name)
    valid = draw(_spec.strategy(name), label="valid body")
    choices = [(path, c, s) for path, sub, value in _nodes(schema, valid) for c, s in _negations(sub, value)]
    path, constraint, strategy = draw(st.sampled_from(choices), label="negated")
    body = _replace(valid, path, draw(strategy, label="replacement"))
    assume(_spec.schema_errors(name, body))
    return body, path, constraint


# ---------------------------------------------------------------------------------------------
# Where each body goes


def _targets(org: _org.Org) -> dict[str, dict[str, str]]:
    lead = org.sb.seed("Leads", [{"Last_Name": "Burns", "Email": "burns@example.com"}])[0]
    campaign = org.sb.seed("Campaigns", [{"Campaign_Name": "Spring"}])[0]
    org.sb.relate("Campaigns", campaign, "Leads", lead, Member_Status="Active")
    return {
        "insert_records": {"module": "Leads"},
        "update_records": {"module": "Leads"},
        "upsert_records": {"module": "Leads"},
        "update_record": {"module": "Leads", "record_id": lead},
        "mass_update_records": {"module": "Leads"},
        "clone_record": {"module": "Leads", "record_id": lead},
        "update_related_records": {"module": "Campaigns", "record_id": campaign, "related_list": "Leads"},
        "update_related_record": {
            "module": "Campaigns", "record_id": campaign, "related_list": "Leads", "related_record_id": lead,
        },
        "get_related_records_count": {"module": "Leads", "record_id": lead},
        "execute_coql_query": {},
    }  # fmt: skip


_OPTIONS = {
    "insert_records": ("trigger", "lar_id", "apply_feature_execution", "skip_feature_execution"),
    "update_records": ("trigger", "skip_feature_execution"),
    "upsert_records": ("duplicate_check_fields", "trigger", "skip_feature_execution"),
    "update_record": ("trigger",),
    "mass_update_records": ("ids", "cvid", "territory", "over_write"),
}


def _records(body: Any) -> Any:
    return body.get("data") if isinstance(body, dict) else body


def _one(body: Any) -> Any:
    data = _records(body)
    return data[0] if isinstance(data, list) and data else data


def _names(body: Any) -> Any:
    items = body.get("get_related_records_count") if isinstance(body, dict) else body
    if not isinstance(items, list):
        return items
    return [
        (q.get("related_list") or {}).get("api_name")
        if isinstance(q, dict) and isinstance(q.get("related_list") or {}, dict)
        else q
        for q in items
    ]


def overlay_call(crm: Any, op_id: str, p: dict[str, str], body: Any) -> Any:
    """The overlay call of ``op_id``, given the forbidden body's values as a caller would pass them."""
    options = {k: body[k] for k in _OPTIONS.get(op_id, ()) if isinstance(body, dict) and k in body}
    m = p.get("module", "")
    calls = {
        "insert_records": lambda: crm.records.insert(m, _records(body), **options),
        "update_records": lambda: crm.records.update(m, _records(body), **options),
        "upsert_records": lambda: crm.records.upsert(m, _records(body), **options),
        "update_record": lambda: crm.records.update_one(m, p["record_id"], _one(body), **options),
        "clone_record": lambda: crm.records.clone(m, p["record_id"], _one(body)),
        "mass_update_records": lambda: crm.records.mass_update(m, _one(body), **options),
        "update_related_records": lambda: crm.related.update(m, p["record_id"], p["related_list"], _records(body)),
        "update_related_record": lambda: crm.related.update_one(
            m, p["record_id"], p["related_list"], p["related_record_id"], _one(body)
        ),
        "get_related_records_count": lambda: crm.related.count(m, p["record_id"], _names(body)),
        "execute_coql_query": lambda: crm.coql.query(body.get("select_query") if isinstance(body, dict) else body),
    }
    return calls[op_id]()


def generated_call(crm: Any, op_id: str, p: dict[str, str], body: Any) -> Any:
    """The generated method of ``op_id`` (found on whichever resource has it), given ``body`` whole."""
    resource = next(r for r in (getattr(crm, name) for name in RESOURCES) if hasattr(r, op_id))
    return getattr(resource, op_id)(**p, body=body)


def _url(op: _spec.Operation, p: dict[str, str]) -> str:
    return op.path.format(**p)


def _item_index(op: _spec.Operation, path: Path) -> int | None:
    """The index of the item the negated node is in, if it is inside the body's item array."""
    return path[1] if len(path) >= 2 and isinstance(path[1], int) else None


def check_answer(op: _spec.Operation, status: int | None, answer: Any, path: Path, request_valid: bool) -> None:
    """A forbidden body's answer: a documented 4xx with a valid body, or a per-item error on the faulty item."""
    assert status is not None, "the sandbox dropped the connection"
    assert status < 500, f"answered {status} to a forbidden body: {answer!r}"
    schema = op.responses.get(str(status), "undocumented")
    assert schema != "undocumented", f"{op.op_id} does not document {status}"
    if schema is not None:
        assert not _spec.schema_errors(schema, answer), f"the {status} body breaks the spec: {answer!r}"
    if request_valid or 400 <= status < 500:
        event(f"answered {status}")
        return
    index = _item_index(op, path)
    items = next((v for v in answer.values() if isinstance(v, list)), None) if isinstance(answer, dict) else None
    refused = f"a body the spec forbids at {list(path)} was answered {status}: {answer!r}"
    assert index is not None, refused
    assert items is not None, refused
    assert index < len(items), refused
    assert items[index].get("status") == "error", f"item {index} is faulty, yet answered {items[index]!r}"
    event(f"answered {status}, faulty item refused")


@pytest.mark.parametrize("name", _spec.REQUEST_BODY_SCHEMAS)
@properties()
@given(data=st.data())
def test_forbidden_bodies_are_refused(name: str, data: st.DataObject) -> None:
    body, path, constraint = data.draw(forbidden(name), label="forbidden body")
    event(f"negated: {constraint}")
    for op in (op for op in _spec.OPERATIONS.values() if op.body_schema == name):
        with _org.org() as org:
            p = _targets(org)[op.op_id]
            # 1. Through the overlay, as a caller would pass these values; then the body given whole to the
            # operation's generated call (crm.records.insert_records(..., body=...)).
            with org.client() as crm:
                for how, call in (("overlay", overlay_call), ("generated", generated_call)):
                    sent = len(org.log.of(op.op_id))
                    try:
                        call(crm, op.op_id, p, copy.deepcopy(body))
                    except ZohoValidationError:
                        assert len(org.log.of(op.op_id)) == sent, f"{how}: refused by the client's checks after sending"
                        event(f"{how}: refused by its checks")
                    except APIError as exc:
                        status = exc.status_code
                        event(f"{how}: APIError {status}")
                        if status is None or not 400 <= status < 500:
                            pytest.fail(f"the {how} call got {exc!r} for a forbidden body")
                    except ZohoError as exc:
                        pytest.fail(f"the {how} call raised {exc!r} for a forbidden body")
            for exchange in org.log.of(op.op_id):
                try:
                    _spec.validate_request(exchange.request, expected=op.op_id)
                    valid = True
                except _spec.RequestMismatch:
                    valid = False
                sent = json.loads(exchange.request.content) if exchange.request.content else None
                check_answer(op, exchange.status, exchange.body, _sent_path(sent, body, path), valid)
            # 2. As is, to the sandbox.
            with org.raw() as http:
                # content=, not json=: httpx sends no body at all for json=None, and null is a body here
                response = http.request(
                    op.method, _url(op, p), content=json.dumps(body), headers={"Content-Type": "application/json"}
                )
            check_answer(op, response.status_code, _json(response), path, request_valid=False)
            assert org.sb.violations == [], "the sandbox answered something the spec does not allow"


def _sent_path(sent: Any, given: Any, path: Path) -> Path:
    """Where the faulty node is in what the overlay sent (its single-record calls wrap one item in data[0])."""
    if sent == given or not path:
        return path
    if len(path) >= 2 and isinstance(path[1], int) and isinstance(sent, dict):
        items = next((v for v in sent.values() if isinstance(v, list)), [])
        if len(items) == 1:
            return (path[0], 0, *path[2:])
    return path


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.content


# ---------------------------------------------------------------------------------------------
# Shrunk counterexamples of the property above, kept explicit (each is a body the spec forbids,
# passed to the overlay as a caller would). Expected: ZohoValidationError before any request.

CRASHES = {
    "records.update_one-trigger-False": ("update_record", {"data": [{}], "trigger": False}, "TypeError"),
    "records.insert-trigger-5": ("insert_records", {"data": [{}], "trigger": 5}, "TypeError"),
    "related.update_one-fields-True": ("update_related_record", True, "TypeError"),
    "related.update_one-fields-str": ("update_related_record", "0", "ValueError from dict()"),
    "related.count-None": ("get_related_records_count", None, "TypeError"),
}


@pytest.mark.parametrize(("op_id", "body", "bug"), list(CRASHES.values()), ids=list(CRASHES))
def test_overlay_refuses_what_the_spec_forbids(op_id: str, body: Any, bug: str) -> None:
    """BUG (overlay input checks): these raise TypeError/ValueError, or send a body the spec forbids."""
    op = _spec.OPERATIONS[op_id]
    assert _spec.schema_errors(op.body_schema, body), "the body must be one the spec forbids"
    with _org.org() as org:
        p = _targets(org)[op_id]
        with org.client() as crm, pytest.raises(ZohoValidationError):
            overlay_call(crm, op_id, p, body)
        assert not org.log.of(op_id), "sent before refusing"
