"""The contract: URLs, methods, media types, request checks, and responses validated against the spec."""

from __future__ import annotations

import copy

import httpx
import pytest

from tests.sandbox.conftest import auth, error_of, leads
from tests.spine.operations import ALL
from zoho_crm.testing import ContractViolation, Sandbox
from zoho_crm.testing._app import SandboxApp
from zoho_crm.testing._contract import Contract, load_contract
from zoho_crm_api import API_VERSION


def test_every_spec_operation_has_a_handler_and_a_route() -> None:
    contract = load_contract()
    assert contract.base_path == f"/crm/{API_VERSION}"
    assert set(contract.operations) == set(ALL.values())  # records, related records, metadata, COQL
    for op in contract.operations.values():
        segments = [s.strip("{}") if s.startswith("{") else s for s in op.template.strip("/").split("/")]
        routed = contract.route(segments)
        assert routed is not None
        assert routed[0][op.method] is op


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/crm/{API_VERSION}"),
        ("GET", "/crm/v0/Leads"),
        ("GET", f"/crm/{API_VERSION}/Leads/1/Notes/2/x"),
        ("GET", "/elsewhere"),
    ],
)
def test_unknown_paths_are_invalid_url_pattern(sb: Sandbox, method: str, path: str) -> None:
    with httpx.Client(base_url=sb.api_domain, transport=sb.transport(), headers=auth(sb)) as client:
        assert error_of(client.request(method, path)) == (404, "INVALID_URL_PATTERN")


@pytest.mark.parametrize(
    ("method", "path"),
    [("PATCH", "/Leads"), ("GET", "/Leads/upsert"), ("DELETE", "/Leads/deleted"), ("PUT", "/Leads/actions/count"),
     ("GET", "/Leads/1/actions/clone"), ("HEAD", "/Leads/search"), ("GET", "/coql")],
)  # fmt: skip
def test_known_paths_with_another_method_are_400_invalid_request_method(
    api: httpx.Client, method: str, path: str
) -> None:
    response = api.request(method, path)
    assert response.status_code == 400  # Zoho's operation pages and OAS examples: 400, not 405
    if method != "HEAD":
        assert error_of(response) == (400, "INVALID_REQUEST_METHOD")


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded", "text/plain", "application/json"])
def test_bodies_are_json_whatever_the_content_type(api: httpx.Client, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    body = b'{"data": [{"Last_Name": "Burns"}]}'
    request = api.build_request("POST", "/Leads", content=body, headers=headers)
    assert request.headers.get("Content-Type") == content_type  # none at all, like the official SDK
    response = api.send(request)
    assert response.status_code == 201, response.text
    assert response.json()["data"][0]["code"] == "SUCCESS"


def test_writes_need_a_json_body(sb: Sandbox, api: httpx.Client) -> None:
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert error_of(api.post("/Leads", content=b"Last_Name=x", headers=form)) == (400, "INVALID_DATA")
    assert error_of(api.post("/Leads", content=b"{", headers={"Content-Type": "application/json"})) == (
        400,
        "INVALID_DATA",
    )
    assert error_of(api.post("/Leads")) == (400, "REQUIRED_PARAM_MISSING")
    assert error_of(api.post("/Leads", json={"records": []})) == (400, "REQUIRED_PARAM_MISSING")
    assert error_of(api.post("/Leads", json={"data": {}})) == (400, "INVALID_DATA")
    assert error_of(api.post("/Leads", json={"data": []})) == (400, "INVALID_DATA")
    bad_trigger = api.post("/Leads", json={"data": leads(1), "trigger": ["sometimes"]})
    assert error_of(bad_trigger) == (400, "INVALID_DATA")
    assert bad_trigger.json()["details"]["json_path"] == "$.trigger[0]"
    assert api.post("/Leads", json={"data": leads(1), "trigger": []}).status_code == 201
    assert sb.counters.rejected["INVALID_DATA"] == 5  # the 415 carries INVALID_DATA too


def test_query_parameters_are_checked_against_their_schemas(api: httpx.Client) -> None:
    checks = {
        "/Leads/search?word=ab&converted=maybe": ("INVALID_DATA", "converted"),
        "/Leads?fields=Last_Name&sort_order=sideways": ("INVALID_DATA", "sort_order"),
        "/Leads?fields=Last%20Name": ("INVALID_DATA", "fields"),
        "/Leads?fields=Last_Name&cvid=abc": ("INVALID_DATA", "cvid"),
        "/Leads?ids=1,,2": ("UNABLE_TO_PARSE_DATA_TYPE", "ids"),
        "/Leads?ids=1&wf_trigger=yes": ("INVALID_DATA", "wf_trigger"),
    }
    for url, (code, param) in checks.items():
        method = "DELETE" if "wf_trigger" in url or url.startswith("/Leads?ids") else "GET"
        response = api.request(method, url)
        assert error_of(response) == (400, code), url
        assert response.json()["details"]["param_name"] == param


def test_path_parameters_are_checked(api: httpx.Client) -> None:
    assert error_of(api.get("/1Leads", params={"fields": "x"})) == (400, "INVALID_MODULE")
    long_id = "9" * 256
    assert error_of(api.get(f"/Leads/{long_id}")) == (400, "INVALID_DATA")


def test_a_response_that_breaks_the_spec_raises_in_process(sb: Sandbox, api: httpx.Client) -> None:
    (record,) = sb.seed("Leads", [{"Last_Name": "x", "Owner": "not-a-user-object"}])
    with pytest.raises(ContractViolation, match="get_record"):
        api.get(f"/Leads/{record}")
    assert len(sb.violations) == 1


def test_full_validation_checks_every_record_and_sample_only_the_ends(sb: Sandbox, api: httpx.Client) -> None:
    middle = sb.seed("Leads", [{"Last_Name": "a"}, {"Last_Name": "b"}, {"Last_Name": "c"}])[1]
    sb.state.store.tables["Leads"].records[middle].fields["Modified_By"] = "broken"  # a sandbox bug, simulated
    with pytest.raises(ContractViolation):
        api.get("/Leads", params={"fields": "Last_Name,Modified_By"})
    sb.configure(response_validation="sample")
    assert api.get("/Leads", params={"fields": "Last_Name,Modified_By"}).status_code == 200
    sb.configure(response_validation="off")
    assert api.get(f"/Leads/{middle}").status_code == 200


def test_non_strict_mode_records_violations_and_sends_the_response(sb: Sandbox, api: httpx.Client) -> None:
    sb.configure(strict_responses=False)
    (record,) = sb.seed("Leads", [{"Last_Name": "x", "Owner": 42}])
    assert api.get(f"/Leads/{record}").json()["data"][0]["Owner"] == 42
    assert "get_record" in sb.violations[0]


def test_over_http_a_violation_is_a_500_and_raises_at_close() -> None:
    box = Sandbox("http").start()
    (record,) = box.seed("Leads", [{"Last_Name": "x", "Owner": [1]}])
    with httpx.Client(base_url=box.base_url, headers=auth(box)) as client:
        response = client.get(f"/Leads/{record}")
    assert error_of(response) == (500, "INTERNAL_ERROR")
    with pytest.raises(ContractViolation, match="get_record"):
        box.close()


def test_response_checks_know_each_operations_statuses() -> None:
    contract = load_contract()
    delete_one = contract.operations["delete_record"]
    assert delete_one.response_violations(207, {"data": []}, "full") == ["status 207 is not declared for delete_record"]
    ok = {"data": [{"code": "SUCCESS", "details": {"id": "1"}, "message": "record deleted", "status": "success"}]}
    assert delete_one.response_violations(200, ok, "full") == []
    assert delete_one.response_violations(200, {"data": [{"code": "SUCCESS"}]}, "full")
    bad_code = {"code": "DUPLICATE_DATA", "details": {}, "message": "m", "status": "error"}
    assert delete_one.response_violations(400, bad_code, "full")  # not a code of the delete family
    listing = contract.operations["get_records"]
    assert listing.response_violations(204, None, "full") == []
    assert listing.response_violations(204, {"data": []}, "full") == ["status 204 must have no body"]
    assert listing.response_violations(200, {"data": [{"id": 5}]}, "full")


def test_error_bodies_use_the_code_family_of_their_operation(sb: Sandbox, api: httpx.Client) -> None:
    # a listing's 400 is a ReadError, a delete's a DeleteError, a search's a SearchError: all checked
    assert error_of(api.get("/Leads", params={"fields": "x", "per_page": 500})) == (400, "INVALID_DATA")
    assert error_of(api.delete("/Leads", params={"ids": ",".join(["1"] * 101)})) == (400, "LIMIT_EXCEEDED")
    assert error_of(api.get("/Leads/search")) == (400, "EXPECTED_PARAM_MISSING")
    assert sb.violations == []


def test_an_operation_without_a_handler_answers_501_naming_it(sb: Sandbox) -> None:
    """One new spec operation does not stop the sandbox: it answers a Zoho-shaped 501, and a warning says so."""
    spec = copy.deepcopy(load_contract().spec)
    spec["paths"]["/{module}/{record_id}/__timeline"] = {
        "get": {
            "operationId": "get_timeline",
            "parameters": [
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                for name in ("module", "record_id")
            ],
            "responses": {"200": {"description": "the record's history"}},
        }
    }
    with pytest.warns(UserWarning, match=r"not modelled, answering 501 NOT_SUPPORTED: get_timeline"):
        sb.app = SandboxApp(sb.state, Contract(spec))
    with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=auth(sb)) as client:
        answer = client.get("/Leads/3652397000000624046/__timeline")
        assert error_of(answer) == (501, "NOT_SUPPORTED")
        assert answer.json()["details"] == {"operation_id": "get_timeline"}
        assert "get_timeline" in answer.json()["message"]
        assert client.get("/Leads", params={"fields": "Last_Name"}).status_code == 204  # the rest still works
    assert sb.violations == []
