"""Schemathesis over the shipped spec against the in-process sandbox, with positive and negative data.

Each (operation, generation mode) pair is one test running its own Hypothesis search against a fresh
sandbox holding a small seeded org. A generated case is often pointed at that org (a real module,
record, related list; a usable ``cvid``, page, body), sent authorized to the sandbox's ASGI app
in-process, and its response must pass schemathesis's checks: no 5xx, a declared status, the declared
media type, a body and headers matching the spec, and negative data refused with a documented 4xx.
The sandbox validates its own responses too: ``sb.violations`` must stay empty.

Bounded for CI (``max_examples`` below); ``SCHEMATHESIS_MAX_EXAMPLES=300`` makes a deeper run and
``SCHEMATHESIS_SEED`` another one. Needs ``schemathesis`` (written against 4.32.5; skipped without it).
"""

from __future__ import annotations

import datetime
import json
import os
import zlib
from collections import Counter
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import httpx
import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.sandbox.conftest import START, auth, leads
from zoho_crm.testing import ManualClock, Sandbox, sandbox
from zoho_crm_api import API_VERSION

schemathesis = pytest.importorskip("schemathesis", minversion="4.32")

from schemathesis import Case, GenerationMode  # noqa: E402 - imported once the line above did not skip
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.core.failures import FailureGroup, ServerError  # noqa: E402
from schemathesis.core.parameters import ParameterLocation  # noqa: E402
from schemathesis.openapi.checks import JsonSchemaError, UndefinedStatusCode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.slow

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "20"))
RUN_SEED = int(os.environ.get("SCHEMATHESIS_SEED", "0"))
BASE_PATH = f"/crm/{API_VERSION}"
MODULES = ("Leads", "Contacts", "Accounts", "Deals", "Campaigns", "Notes")
EXTERNAL_FIELD = "External_Lead_ID"
BULK_WRITES = ("/{module}", "/{module}/{record_id}/{related_list}")
"""Paths whose PUT items name their records by ``id``."""

SPEC: dict[str, Any] = json.loads((files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8"))
SCHEMA = schemathesis.openapi.from_dict(SPEC)
SCHEMA.config.update(base_url=f"https://zoho-sandbox.test{BASE_PATH}")
# Invalid input is refused with 400, or 404/405 when it changes the route, 413/415 for the body;
# schemathesis's default list would also let 5xx, 429 and undeclared statuses pass.
SCHEMA.config.checks.negative_data_rejection.expected_statuses = ["400", "404", "405", "413", "415"]
OPERATIONS = {operation.label: operation for operation in (result.ok() for result in SCHEMA.get_all_operations())}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,  # a no-op for positive cases
]
UNKNOWN_MODULE_ANSWERS = {(400, "INVALID_MODULE"), (404, "INVALID_URL_PATTERN"), (405, "INVALID_REQUEST_METHOD")}
"""What a request naming no module of the org gets (404/405: when its path no longer routes to the operation)."""
PATH_PARAMETERS = {
    spec["name"]: jsonschema.Draft4Validator({**spec["schema"], "components": SPEC["components"]})
    for spec in SPEC["components"]["parameters"].values()
    if spec["in"] == "path"
}


class Org:
    """The seeded org: a few linked records per standard module, some of them deleted (recycle bin)."""

    def __init__(self, sb: Sandbox) -> None:
        sb.mark_external("Leads", EXTERNAL_FIELD)
        accounts = sb.seed("Accounts", [{"Account_Name": f"Account {i}"} for i in range(3)])
        contacts = sb.seed(
            "Contacts",
            [{"Last_Name": f"Contact {i}", "Email": f"c{i}@example.com", "Account_Name": accounts[(2 * i) % 3]}
             for i in range(3)],
        )  # fmt: skip
        lead_rows = [{**row, EXTERNAL_FIELD: f"ext-{i}"} for i, row in enumerate(leads(4))]
        self.external = [row[EXTERNAL_FIELD] for row in lead_rows]
        lead_ids = sb.seed("Leads", lead_rows)
        campaigns = sb.seed("Campaigns", [{"Campaign_Name": f"Campaign {i}"} for i in range(2)])
        deals = sb.seed(
            "Deals",
            [{"Deal_Name": f"Deal {i}", "Stage": "Qualification", "Account_Name": accounts[0],
              "Contact_Name": contacts[0], "Campaign_Source": campaigns[0]} for i in range(3)],
        )  # fmt: skip
        notes = sb.seed(
            "Notes",
            [{"Note_Content": "on a deleted account", "Parent_Id": accounts[2], "$se_module": "Accounts"},
             {"Note_Content": "on a lead", "Parent_Id": lead_ids[0], "$se_module": "Leads"},
             {"Note_Content": "on an account", "Parent_Id": accounts[0], "$se_module": "Accounts"}],
        )  # fmt: skip
        for lead in lead_ids[:2]:
            sb.relate("Campaigns", campaigns[0], "Leads", lead, Member_Status="Sent")
        sb.relate("Campaigns", campaigns[0], "Contacts", contacts[0])
        self.live = {"Accounts": accounts, "Contacts": contacts, "Leads": lead_ids, "Campaigns": campaigns,
                     "Deals": deals, "Notes": notes}  # fmt: skip
        # The last record of each module goes to the recycle bin (the deleted Account keeps a Contact and a Note).
        self.deleted: dict[str, list[str]] = {}
        with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=auth(sb)) as client:
            for module, ids in self.live.items():
                gone = ids.pop()
                assert client.delete(f"/{module}/{gone}").status_code == 200
                self.deleted[module] = [gone]
        # Internals the public API does not expose: related lists and required fields per module.
        definitions = sb.state.store.modules
        self.related = {
            name: {
                api_name: rl.related_module
                for api_name, rl in sorted(definitions[name].related_lists.items())
                if rl.related_module in MODULES  # not the activity lists (read-only, of modules not seeded)
            }
            for name in MODULES
        }
        self.required = {name: definitions[name].required for name in MODULES}
        self.view = {name: sb.custom_view_id(name) for name in MODULES}


Draw = Callable[[st.SearchStrategy[Any]], Any]


def usually(draw: Draw) -> bool:
    """True about three times in four, and what the shrinker goes for: failures shrink towards the org."""
    return bool(draw(st.integers(0, 3)) != 3)


def negated(case: Case) -> set[ParameterLocation]:
    """The locations holding the invalid part of a negative case."""
    meta = case.meta
    if meta is None:
        return set()
    return {location for location, info in meta.components.items() if info.mode.is_negative}


def conforms(name: str, value: Any) -> bool:
    return isinstance(value, str) and PATH_PARAMETERS[name].is_valid(value)


def point_at_org(case: Case, org: Org, draw: Draw) -> None:
    """Usually replace generated values by ones the seeded org knows; the invalid part of a negative case stays."""
    broken = negated(case)
    path = case.path_parameters or {}
    if not conforms("module", path.get("module")) or not usually(draw):
        return  # kept generated module names get 400 INVALID_MODULE (unless they happen to exist)
    module = path["module"] = draw(st.sampled_from(MODULES))
    ids = org.deleted if "/deleted/" in case.operation.path else org.live
    if conforms("record_id", path.get("record_id")) and usually(draw):
        path["record_id"] = draw(st.sampled_from(ids[module]))
    related_module = None
    if conforms("related_list", path.get("related_list")) and org.related[module] and usually(draw):
        related = path["related_list"] = draw(st.sampled_from(sorted(org.related[module])))
        related_module = org.related[module][related]
        if conforms("related_record_id", path.get("related_record_id")) and usually(draw):
            path["related_record_id"] = draw(st.sampled_from(org.live[related_module]))
    if ParameterLocation.QUERY not in broken and case.query:
        point_query(case.query, module, org, draw)
    if ParameterLocation.HEADER not in broken and case.headers:
        for name in ("X-EXTERNAL", "If-Modified-Since", "If-Unmodified-Since"):
            if name in case.headers and usually(draw):
                del case.headers[name]
    if ParameterLocation.BODY not in broken and isinstance(case.body, dict) and usually(draw):
        needs_ids = case.method == "PUT" and case.operation.path in BULK_WRITES
        point_body(case.body, related_module or module, needs_ids, org, draw)
    if module == "Leads" and set(path) == {"module", "record_id"} and not broken and not usually(draw):
        case.headers = {**(case.headers or {}), "X-EXTERNAL": f"Leads.{EXTERNAL_FIELD}"}
        path["record_id"] = draw(st.sampled_from(org.external))


def point_query(query: dict[str, Any], module: str, org: Org, draw: Draw) -> None:
    if "cvid" in query:
        if usually(draw):
            del query["cvid"]
        else:
            query["cvid"] = org.view[module]
    for name in ("page_token", "territory_id"):
        if name in query and usually(draw):
            del query[name]
    if "page" in query and usually(draw):
        query["page"] = 1  # a later page of a few seeded records is empty
    if "ids" in query and usually(draw):
        query["ids"] = ",".join(draw(st.lists(st.sampled_from(org.live[module]), min_size=1, max_size=3)))
    if {"criteria", "email", "phone", "word"} & set(query) and usually(draw):
        for name in ("criteria", "email", "phone"):
            query.pop(name, None)
        query["word"] = draw(st.sampled_from(["Lead", "Contact", "Account", "Deal", "Campaign", "example.com"]))


def point_body(body: dict[str, Any], module: str, needs_ids: bool, org: Org, draw: Draw) -> None:
    """Give write items the required fields and real ids of their module (the related one for related lists)."""
    if "duplicate_check_fields" in body and usually(draw):
        del body["duplicate_check_fields"]
    items = body.get("data")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        for field in org.required[module]:
            item[field] = f"{field} {index}"
        if ("id" in item or needs_ids) and usually(draw):
            item["id"] = draw(st.sampled_from(org.live[module]))
        for system in ("Owner", "Created_By", "Modified_By"):
            if system in item and usually(draw):
                del item[system]


def takes_input(label: str) -> bool:
    """Whether an operation takes any parameter or body (one that takes none has no invalid request to make)."""
    operation = OPERATIONS[label]
    parts = ("path_parameters", "query", "headers")
    return any(len(list(getattr(operation, part))) for part in parts) or bool(operation.body)


CASES = [
    (label, mode)
    for label in sorted(OPERATIONS)
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or takes_input(label)
]


@pytest.mark.parametrize(("label", "mode"), CASES, ids=[f"{label}-{mode.value}" for label, mode in CASES])
def test_sandbox_conforms_to_the_spec(label: str, mode: GenerationMode, request: pytest.FixtureRequest) -> None:
    operation = OPERATIONS[label]
    statuses: Counter[int] = Counter()
    sent: Counter[str] = Counter()
    with sandbox(mode="asgi", clock=ManualClock(START), strict_responses=False, seed=1234) as sb:
        org = Org(sb)
        headers = auth(sb)
        known_modules = set(sb.state.store.modules)

        @seed(RUN_SEED ^ zlib.crc32(f"{label} {mode.value}".encode()))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        )
        @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
        def run(case: Case, data: st.DataObject) -> None:
            point_at_org(case, org, data.draw)
            response = case.call(base_url=sb.base_url, headers=headers, app=sb.app)
            statuses[response.status_code] += 1
            assert case.meta is not None
            sent[case.meta.generation.mode.value] += 1
            case.validate_response(response, checks=CHECKS)
            assert sb.violations == []
            path = case.path_parameters or {}
            if "module" in path and path["module"] not in known_modules:  # (metadata calls take no module path)
                code = response.json().get("code") if response.content else None
                assert (response.status_code, code) in UNKNOWN_MODULE_ANSWERS, response.text

        run()
    request.node.user_properties += [("statuses", dict(sorted(statuses.items()))), ("sent", dict(sent))]
    assert sum(statuses.values()) >= (min(MAX_EXAMPLES, 5) if takes_input(label) else 1)  # GET /org: one request


def test_the_plumbing_reaches_the_seeded_org() -> None:
    """Auth, base path and app wiring: a seeded record is read by id and by external id, conforming."""
    operation = OPERATIONS["GET /{module}/{record_id}"]
    with sandbox(mode="asgi", clock=ManualClock(START), strict_responses=False) as sb:
        org = Org(sb)
        lead = org.live["Leads"][0]
        for record_id, headers in ((lead, {}), (org.external[0], {"X-EXTERNAL": f"Leads.{EXTERNAL_FIELD}"})):
            case = operation.Case(path_parameters={"module": "Leads", "record_id": record_id}, headers=headers)
            response = case.call(base_url=sb.base_url, headers=auth(sb), app=sb.app)
            assert response.status_code == 200, response.text
            assert response.json()["data"][0]["id"] == lead
            case.validate_response(response, checks=CHECKS)
        deleted = OPERATIONS["GET /{module}/deleted"].Case(path_parameters={"module": "Accounts"})
        response = deleted.call(base_url=sb.base_url, headers=auth(sb), app=sb.app)
        assert [entry["id"] for entry in response.json()["data"]] == org.deleted["Accounts"]
        unauthorized = operation.Case(path_parameters={"module": "Leads", "record_id": lead})
        assert unauthorized.call(base_url=sb.base_url, app=sb.app).status_code == 401
        assert sb.violations == []


@pytest.mark.parametrize(
    ("status", "body", "failure"),
    [
        (200, {"data": "not a list"}, JsonSchemaError),
        (201, {"data": []}, UndefinedStatusCode),
        (500, {"code": "INTERNAL_ERROR", "details": {}, "message": "boom", "status": "error"}, ServerError),
    ],
)
def test_the_checks_catch_a_response_that_breaks_the_spec(status: int, body: Any, failure: type[Exception]) -> None:
    case = OPERATIONS["GET /{module}/{record_id}"].Case(path_parameters={"module": "Leads", "record_id": "1"})
    request = httpx.Request("GET", f"https://zoho-sandbox.test{BASE_PATH}/Leads/1")
    response = httpx.Response(status, json=body, request=request)
    response.elapsed = datetime.timedelta(milliseconds=1)
    with pytest.raises(FailureGroup) as caught:
        case.validate_response(response, checks=CHECKS)
    assert [type(error) for error in caught.value.exceptions] == [failure]
