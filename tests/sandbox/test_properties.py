"""Properties: the fast schema pre-check never accepts what the validator refuses; paging is exact; the
write shortcut agrees with the field-by-field check."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import httpx
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator, oas30_format_checker

from tests.sandbox.conftest import auth
from zoho_crm.testing import ManualClock, Sandbox, sandbox
from zoho_crm.testing._context import Context
from zoho_crm.testing._contract import _inline
from zoho_crm.testing._external import parse_external
from zoho_crm.testing._fastcheck import VALID, compile_check
from zoho_crm.testing._modules import ModuleDef
from zoho_crm.testing._writes import ItemError, _changes, _changes_if_valid, _FieldKinds

SPEC = json.loads((files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8"))
INLINED = _inline(SPEC, SPEC)
SCHEMAS: dict[str, Any] = dict(INLINED["components"]["schemas"])
for _path, _item in INLINED["paths"].items():
    for _method, _op in _item.items():
        if isinstance(_op, dict) and "responses" in _op:
            for _status, _response in _op["responses"].items():
                _content = _response.get("content", {}).get("application/json")
                if _content:
                    SCHEMAS[f"{_op['operationId']}:{_status}"] = _content["schema"]
SCHEMA_NAMES = sorted(SCHEMAS)
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(-2, 2, allow_nan=False)
    | st.sampled_from(["", "x", "1"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "code", "data", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)
STRINGS = st.sampled_from(
    ["", "x", "SUCCESS", "error", "success", "2024-01-15T15:26:49+05:30", "2024-13-45T99:00:00Z", "12345", "a,b",
     "Leads", "id", "asc", "workflow", "insert", "line\n"]
)  # fmt: skip


def near(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values mostly shaped like ``schema``, with wrong types, missing keys, extras and nulls mixed in."""
    if depth > 4:
        return ANY_JSON
    options: list[st.SearchStrategy[Any]] = []
    if "enum" in schema:
        options.append(st.sampled_from(schema["enum"]))
    for branch in schema.get("oneOf", []):
        options.append(near(branch, depth + 1))
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        fields = {name: near(sub, depth + 1) for name, sub in props.items()}
        required = set(schema.get("required", []))
        options.append(
            st.fixed_dictionaries(
                {name: fields.get(name, ANY_JSON) for name in required},
                optional={**{k: v for k, v in fields.items() if k not in required}, "extra_key": ANY_JSON},
            )
        )
    elif kind == "array":
        options.append(st.lists(near(schema.get("items", {}), depth + 1), max_size=3))
    elif kind == "string":
        options.append(STRINGS)
    elif kind == "integer":
        options.append(st.integers(-3, 300))
    elif kind == "number":
        options.append(st.floats(-3, 300, allow_nan=False))
    elif kind == "boolean":
        options.append(st.booleans())
    options.append(ANY_JSON)
    return st.one_of(options)


@PROPERTY_SETTINGS
@given(data=st.data(), name=st.sampled_from(SCHEMA_NAMES))
def test_fast_check_accepts_only_what_the_validator_accepts(data: st.DataObject, name: str) -> None:
    schema = SCHEMAS[name]
    check = compile_check(schema)
    if check is None:
        return
    instance = data.draw(near(schema), label="instance")
    if check(instance) == VALID:
        assert OAS30Validator(schema, format_checker=oas30_format_checker).is_valid(instance), (name, instance)


def test_the_fast_check_covers_the_response_schemas_and_is_not_vacuous() -> None:
    covered = [name for name in SCHEMA_NAMES if compile_check(SCHEMAS[name]) is not None]
    assert {"Record", "RecordsPage", "ActionResults", "ActionResult", "DeletedRecordsPage"} <= set(covered)
    record = {"id": "1", "Owner": {"id": "2", "name": "n"}, "Created_Time": "2024-01-15T15:26:49+05:30", "X": [1]}
    check = compile_check(SCHEMAS["Record"])
    assert check is not None
    assert check(record) == VALID
    assert check({**record, "Created_Time": "yesterday"}) != VALID
    assert check({**record, "Owner": "someone"}) != VALID


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    count=st.integers(0, 260),
    per_page=st.integers(1, 40),
    order=st.sampled_from(["asc", "desc"]),
    sort_by=st.sampled_from(["id", "Created_Time", "Modified_Time"]),
    discrete=st.integers(1, 120),
)
def test_paging_returns_every_record_once_in_order(
    count: int, per_page: int, order: str, sort_by: str, discrete: int
) -> None:
    assume(discrete >= per_page)  # Zoho's numbers: 200 per page, 2,000 by page
    clock = ManualClock()
    with sandbox(clock=clock, discrete_page_limit=discrete) as box:
        ids: list[str] = []
        for start in range(0, count, 50):  # several creation seconds, so time sorts have ties
            ids += box.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(start, min(start + 50, count))])
            clock.advance(1)
        expected = ids if order == "asc" else ids[::-1]
        seen: list[str] = []
        query: dict[str, Any] = {"fields": "Last_Name", "per_page": per_page, "sort_order": order, "sort_by": sort_by}
        with httpx.Client(base_url=box.base_url, transport=box.transport(), headers=auth(box)) as client:
            page, params = 1, dict(query)
            while True:
                response = client.get("/Leads", params=params)
                if response.status_code == 204:
                    break
                body = response.json()
                seen += [r["id"] for r in body["data"]]
                if not body["info"]["more_records"]:
                    break
                page += 1
                if "page_token" not in params and page * per_page <= discrete:
                    params = {**query, "page": page}
                else:
                    params = {**query, "page_token": body["info"]["next_page_token"]}
        assert seen == expected


OPERATIONS = sorted(
    (op["operationId"], template, method.upper(), op)
    for template, item in INLINED["paths"].items()
    for method, op in item.items()
    if isinstance(op, dict) and "operationId" in op
)
PATH_VALUES = st.sampled_from(["Leads", "Campaigns", "Notes", "Nope", "1bad", "Leads_X"])
ID_VALUES = st.sampled_from(["3652397000000000001", "ext-1", "x" * 300, "Leads", "Notes", "actions"])
QUERY_VALUES = st.sampled_from(
    ["", "1", "0", "201", "abc", "Last_Name", "Last_Name,Email", "true", "both", "asc", "id", "recycle",
     "(Last_Name:equals:a)", "((a:b", "a@b.c", ",".join(["F"] * 51)]
)  # fmt: skip
HEADER_VALUES = st.sampled_from(
    ["2024-01-15T15:26:49+05:30", "yesterday", "Leads.External_Lead_ID", "Contacts.External_Contact_ID", "Leads"]
)


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), operation=st.sampled_from(OPERATIONS))
def test_any_request_gets_an_answer_the_spec_allows(data: st.DataObject, operation: tuple[Any, ...]) -> None:
    """Random, mostly malformed requests to every operation: never a crash, never a response off the spec."""
    operation_id, template, method, op = operation
    with sandbox(clock=ManualClock()) as box:
        box.mark_external("Leads", "External_Lead_ID")
        (lead,) = box.seed("Leads", [{"Last_Name": "a", "External_Lead_ID": "ext-1"}])
        (campaign,) = box.seed("Campaigns", [{"Campaign_Name": "c"}])
        box.relate("Campaigns", campaign, "Leads", lead)
        ids = st.sampled_from([lead, campaign]) | ID_VALUES
        path = template
        for name in ("module", "record_id", "related_list", "related_record_id"):
            strategy = PATH_VALUES if name in ("module", "related_list") else ids
            path = path.replace("{" + name + "}", data.draw(strategy, label=name))
        params = [p for p in op.get("parameters", []) if p["in"] in ("query", "header")]
        chosen = (
            data.draw(st.lists(st.sampled_from(params), unique_by=lambda p: p["name"]), label="params")
            if params
            else []
        )
        query = {p["name"]: data.draw(QUERY_VALUES, label=p["name"]) for p in chosen if p["in"] == "query"}
        headers = {p["name"]: data.draw(HEADER_VALUES, label=p["name"]) for p in chosen if p["in"] == "header"}
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        content = None
        if body is not None and data.draw(st.booleans(), label="send a body"):
            content = json.dumps(data.draw(near(body), label="body")).encode()
        with httpx.Client(base_url=box.base_url, transport=box.transport(), headers=auth(box)) as client:
            response = client.request(
                method, path, params=query, headers={**headers, "Content-Type": "application/json"}, content=content
            )
        assert response.status_code < 500, (operation_id, response.text)
        assert box.violations == []


START_TIME = 1_700_000_000.0
WRITE_FIELDS = ["First_Name", "Last_Name", "Email", "Secondary_Email", "Phone", "Description", "Account_Name",
                "Owner", "id", "Created_Time", "Full_Name", "$approved", "_delete", "Custom_Text"]  # fmt: skip


def _write_context(box: Sandbox) -> tuple[Context, ModuleDef, str]:
    """A Contacts upsert context on ``box``'s org, and the id of the one Account its lookups may name."""
    state = box.state
    [account] = box.seed("Accounts", [{"Account_Name": "Acme"}])
    op = box.app.contract.operations["upsert_records"]
    module = state.store.modules["Contacts"]
    ctx = Context(state, op, {}, {}, {}, None, module, parse_external(None, state.store.modules), START_TIME)
    return ctx, module, account


def _write_values(account: str, user: str) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(["", " ", "Ada", "a@b.co", "not-an-email", "x" * 40, "x" * 41, "x" * 80, "x" * 81]),
        st.sampled_from(["x" * 32000, "x" * 32001, 7, 2.5, True, None, [], ["a"], {}]),
        st.sampled_from([{"id": account}, {"id": int(account)}, {"id": "1"}, {"id": user}, {"name": "n"}]),
        st.just(account),
    )


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_write_shortcut_agrees_with_the_field_by_field_check(data: st.DataObject) -> None:
    """``_changes_if_valid`` (every valid item's path) gives what ``_changes`` gives, or defers to it.

    Whenever the field-by-field check refuses an item, the shortcut must have deferred (``None``);
    when the shortcut answers, its changes equal the field-by-field ones, in the same order.
    """
    with sandbox(mode="asgi", clock=ManualClock(START_TIME)) as box:
        ctx, module, account = _write_context(box)
        values = _write_values(account, ctx.store.user["id"])
        shared = _FieldKinds(module)  # carries what earlier items taught it, as within one request
        for _ in range(data.draw(st.integers(1, 3))):
            item = data.draw(st.dictionaries(st.sampled_from(WRITE_FIELDS), values, max_size=8))
            quick = _changes_if_valid(ctx, module, shared, item, 0)
            try:
                exact = _changes(ctx, module, _FieldKinds(module), item, 0)
            except ItemError:
                assert quick is None
                continue
            if quick is not None:
                assert list(quick.items()) == list(exact.items())


def test_the_write_shortcut_takes_valid_items() -> None:
    """A valid item with a lookup, an owner, emails and skipped fields is written by the shortcut."""
    with sandbox(mode="asgi", clock=ManualClock(START_TIME)) as box:
        ctx, module, account = _write_context(box)
        user = ctx.store.user
        item = {"id": "9", "Last_Name": "Lovelace", "Email": "ada@example.com", "Account_Name": {"id": account},
                "Owner": {"id": user["id"]}, "Description": "x" * 32000, "$approved": True}  # fmt: skip
        quick = _changes_if_valid(ctx, module, _FieldKinds(module), item, 0)
        assert quick is not None
        assert list(quick) == ["Last_Name", "Email", "Account_Name", "Owner", "Description"]
        assert quick["Account_Name"] == {"name": "Acme", "id": account}
        assert quick["Owner"] is user
