"""The generated surface: every spec operation a typed method of ZohoCRM/AsyncZohoCRM, with escape hatches."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

import zoho_crm_api
from tests._mypy import strict_errors
from zoho_crm import AsyncZohoCRM, ZohoCRM, ZohoValidationError
from zoho_crm.errors import APIConnectionError, InvalidRequestError
from zoho_crm.testing import Sandbox
from zoho_crm_api.resources import RESOURCES
from zoho_crm_api.resources.records import RecordsResource

from .conftest import AsyncRecorder, Recorder


def leads(n: int) -> list[dict[str, Any]]:
    return [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(n)]


def api_calls(recorder: Recorder | AsyncRecorder) -> list[httpx.Request]:
    return [r for r in recorder.requests if "/crm/" in r.url.path]


def spec_operation_ids() -> set[str]:
    import json

    spec = json.loads((Path(zoho_crm_api.__file__).parent / "openapi.json").read_text(encoding="utf-8"))
    return {node["operationId"] for item in spec["paths"].values() for node in item.values() if "operationId" in node}


@pytest.mark.parametrize("facade", [ZohoCRM, AsyncZohoCRM])
def test_every_spec_operation_is_a_method_of_the_facade(sb: Sandbox, facade: Any) -> None:
    crm = facade(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url)
    methods = {name for attr in RESOURCES for name in dir(getattr(crm, attr)) if not name.startswith("_")}
    assert spec_operation_ids() <= methods
    assert {"list", "iter", "upsert", "with_raw_response"} <= set(dir(crm.records))  # hand-written calls stay


def test_a_generated_call_reads_what_an_insert_wrote(sb: Sandbox, crm: ZohoCRM) -> None:
    ids = crm.records.insert("Leads", leads(3)).raise_for_errors().ids
    page = crm.records.get_records("Leads", fields=["Last_Name", "Email"], sort_by="id", sort_order="asc")
    assert page is not None
    assert sorted(r["id"] for r in page["data"]) == sorted(ids)
    assert crm.records.get_record_count("Leads") == {"count": 3}


def test_a_misspelt_option_is_a_validation_error_naming_it_and_the_operation(crm: ZohoCRM, recorder: Recorder) -> None:
    with pytest.raises(ZohoValidationError, match=r"get_records does not take: sortby"):
        crm.records.get_records("Leads", fields="Last_Name", sortby="id")  # type: ignore[arg-type]
    with pytest.raises(ZohoValidationError, match=r"get_records: sort_by: 'name' is not one of"):
        crm.records.get_records("Leads", fields="Last_Name", sort_by="name")  # type: ignore[arg-type]
    with pytest.raises(ZohoValidationError, match=r"if_modified_since needs a timezone-aware"):
        crm.records.get_records("Leads", fields="Last_Name", if_modified_since=dt.datetime(2026, 1, 1))
    assert recorder.requests == []  # refused before any request


def test_escape_hatches_reach_the_request(crm: ZohoCRM, recorder: Recorder) -> None:
    crm.records.get_records(
        "Leads", fields="Last_Name", extra_headers={"X-Trace": "t-1"}, extra_query={"new_param": 5}, timeout=7.5
    )
    request = recorder.requests[-1]
    assert request.headers["X-Trace"] == "t-1"
    assert request.url.params["new_param"] == "5"
    assert request.extensions["timeout"]["read"] == 7.5


@pytest.mark.parametrize(
    ("hatch", "given", "refusal"),
    [
        ("extra_query", {"per_page": 5}, r"extra_query\['per_page'\] is a declared parameter"),  # checked: 1 to 200
        ("extra_query", {"page": 1}, r"extra_query\['page'\] is a declared parameter"),  # walks manage pages
        ("extra_query", {"a": {"b": 1}}, r"extra_query\['a'\] must be text, a number"),
        ("extra_query", {"a": float("nan")}, r"extra_query\['a'\] must be text, a number"),
        ("extra_query", {1: "x"}, "extra_query must be a mapping with string keys"),
        ("extra_query", {"a": []}, r"extra_query\['a'\] must be text, a number"),  # httpx would drop it
        ("extra_headers", {"X-A": b"v\r\nX-Injected: 1"}, r"extra_headers\['X-A'\] must be printable ASCII text"),
        ("extra_headers", {b"X-A\r\nX-B": "1"}, "extra_headers must be a mapping with string keys"),
        ("extra_headers", {"X-A": "caf\u00e9"}, "must be printable ASCII text"),
        ("extra_headers", {"X-A": 1}, "must be printable ASCII text"),
        ("extra_headers", {"Bad Name": "1"}, "is not a header name"),
        ("extra_headers", {"Content-Length": "5"}, "is set by the client or a keyword"),  # framing: h11 would raise
        ("extra_headers", {"transfer-encoding": "chunked"}, "is set by the client or a keyword"),
        ("extra_headers", {"Host": "evil.example"}, "is set by the client or a keyword"),
        ("extra_headers", {"AUTHORIZATION": "Zoho-oauthtoken x"}, "is set by the client or a keyword"),
        ("extra_headers", {"X-EXTERNAL": "Leads.Ext"}, "is set by the client or a keyword"),  # the external= keyword
        ("extra_headers", {"content-type": "text/plain"}, "is set by the client or a keyword"),  # was sent twice
        ("extra_headers", {"Content_Length": "5"}, "is set by the client or a keyword"),
        ("extra_headers", {"Proxy-Authorization": "x"}, "is set by the client or a keyword"),
    ],
)
@pytest.mark.parametrize("facade", ["sync", "async"])
def test_an_escape_hatch_cannot_replace_what_the_spec_or_the_client_sets(
    sb: Sandbox, recorder: Recorder, facade: str, hatch: str, given: Any, refusal: str
) -> None:
    kwargs: Any = {hatch: given}
    where = {"api_domain": sb.api_domain, "accounts_url": sb.accounts_url}
    if facade == "sync":
        with (
            ZohoCRM(sb.credentials, **where, transport=recorder) as crm,
            pytest.raises(ZohoValidationError, match=refusal),
        ):
            crm.records.get_records("Leads", fields="Last_Name", **kwargs)
    else:

        async def main() -> None:
            async with AsyncZohoCRM(sb.credentials, **where, transport=sb.async_transport()) as crm:
                with pytest.raises(ZohoValidationError, match=refusal):
                    await crm.records.get_records("Leads", fields="Last_Name", **kwargs)

        asyncio.run(main())
    assert recorder.requests == []  # refused before any request


@pytest.mark.parametrize(
    "call",
    [
        lambda crm: crm.records.get_record("Leads", "1", external="Leads.Ext_Id\n"),  # would reach X-EXTERNAL
        lambda crm: crm.records.get_records("Leads", fields="Last_Name", cvid="123\n"),
        lambda crm: crm.records.search_records("Leads", criteria="(Last_Name:equals:A)\n"),
    ],
)
def test_a_value_ending_in_a_newline_does_not_pass_a_declared_pattern(
    crm: ZohoCRM, recorder: Recorder, call: Any
) -> None:
    with pytest.raises(ZohoValidationError, match="does not match"):
        call(crm)
    assert recorder.requests == []


def test_extra_body_cannot_replace_a_key_of_the_body(crm: ZohoCRM, recorder: Recorder) -> None:
    with pytest.raises(ZohoValidationError, match=r"extra_body would replace body\['data'\]"):
        crm.records.upsert_records("Leads", body={"data": leads(1)}, extra_body={"data": [{"Last_Name": "X"}]})
    with pytest.raises(ZohoValidationError, match="extra_body must be a mapping with string keys"):
        crm.records.insert_records("Leads", body={"data": leads(1)}, extra_body=[("trigger", [])])  # type: ignore[arg-type]
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("body", "extra"),
    [
        ({"data": leads(1)}, {"duplicate_check_fields": ["Ext_Id"]}),
        ({"data": leads(1)}, {"duplicate_check_fields": ("Ext_Id",)}),  # a tuple was not read: 5 sends
        ({"data": leads(1), "duplicate_check_fields": ("Ext_Id",)}, None),
    ],
)
def test_an_upsert_is_judged_safe_to_repeat_on_the_body_extra_body_completes(body: Any, extra: Any) -> None:
    """Keyed by Email in ``body``, but ``extra_body`` makes Zoho match on an external field the record lacks:
    a dropped answer must not be sent again (it was, five times: five records)."""
    with Sandbox(drop_after_commit_rate=1.0, fault_operations=frozenset({"upsert_records"}), seed=1) as sb:
        sb.mark_external("Leads", "Ext_Id")
        with (
            ZohoCRM(
                sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url, transport=sb.transport()
            ) as crm,
            pytest.raises(APIConnectionError),
        ):
            crm.records.upsert_records("Leads", body=body, extra_body=extra)
        assert sb.counters.requests["upsert_records"] == 1
        assert len(sb.records("Leads")) == 1


def test_extra_body_is_the_body_of_a_call_whose_optional_body_is_left_out(
    sb: Sandbox, crm: ZohoCRM, recorder: Recorder
) -> None:
    (lead,) = sb.seed("Leads", leads(1))
    crm.records.clone_record("Leads", lead, extra_body={"skip_feature_execution": [{"name": "cadences"}]})
    assert json.loads(recorder.requests[-1].content) == {"skip_feature_execution": [{"name": "cadences"}]}  # was: {}


def test_extra_query_takes_bools_and_lists_as_httpx_writes_them(crm: ZohoCRM, recorder: Recorder) -> None:
    crm.records.get_records("Leads", fields="Last_Name", extra_query={"flag": True, "tags": ["a", "b"]})
    params = recorder.requests[-1].url.params
    assert (params["flag"], params.get_list("tags")) == ("true", ["a", "b"])


def test_extra_body_is_merged_and_refused_without_a_body(crm: ZohoCRM, recorder: Recorder) -> None:
    answer = crm.records.insert_records("Leads", body={"data": leads(1)}, extra_body={"trigger": []})
    assert answer["data"][0]["status"] == "success"
    assert b'"trigger":[]' in recorder.requests[-1].content
    with pytest.raises(ZohoValidationError, match="get_records sends no body"):
        crm.records.get_records("Leads", fields="Last_Name", extra_body={"x": 1})


def test_raw_response_gives_status_headers_and_body(sb: Sandbox, crm: ZohoCRM) -> None:
    sb.seed("Leads", leads(2))
    response = crm.records.with_raw_response.get_records("Leads", fields="Last_Name")
    assert isinstance(response, httpx.Response)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert len(response.json()["data"]) == 2
    missing = crm.records.with_raw_response.get_record("Leads", "999999999999")
    assert missing.status_code in (204, 404)  # raw: no error raised, the answer as it came


def test_a_failed_generated_call_raises_the_typed_error(crm: ZohoCRM) -> None:
    with pytest.raises(InvalidRequestError) as info:
        crm.records.get_records("No_Such_Module", fields="Last_Name")
    assert info.value.code == "INVALID_MODULE"


def test_a_bulk_write_whose_every_item_failed_raises_the_first_items_typed_error(crm: ZohoCRM) -> None:
    body = {"data": [{"Email": "a@example.com"}, {"Email": "b@example.com"}]}  # no Last_Name: both refused
    with pytest.raises(InvalidRequestError) as info:  # was: "answer is not a Zoho error envelope", no code
        crm.records.insert_records("Leads", body=body)
    assert info.value.code == "MANDATORY_NOT_FOUND"
    assert info.value.details is not None
    assert info.value.details["api_name"] == "Last_Name"
    assert "data[0] of 2" in str(info.value)


def test_iter_walks_every_page(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    sb.seed("Leads", leads(25))
    seen = list(crm.records.iter_get_records("Leads", fields="Last_Name", per_page=10))
    assert len({r["id"] for r in seen}) == 25
    asked = [(r.url.params.get("page"), "page_token" in r.url.params) for r in api_calls(recorder)]
    assert asked == [("1", False), (None, True), (None, True)]  # Zoho's page token from the first page on


@pytest.mark.anyio
async def test_async_surface_is_the_same(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    sb.seed("Leads", leads(12))
    records = [r async for r in acrm.records.iter_get_records("Leads", fields="Last_Name", per_page=5)]
    assert len(records) == 12
    raw = await acrm.records.with_raw_response.get_record_count("Leads")
    assert raw.json() == {"count": 12}
    with pytest.raises(ZohoValidationError, match="get_record_count does not take: cvidd"):
        await acrm.records.get_record_count("Leads", cvidd="1")  # type: ignore[arg-type]
    assert len(api_calls(arecorder)) == 4


def test_help_lists_the_parameters_with_their_docs() -> None:
    params = inspect.signature(RecordsResource.get_records).parameters
    assert {"module", "fields", "sort_by", "page_token", "external", "extra_headers", "timeout"} <= set(params)
    assert "Literal['Created_Time', 'id', 'Modified_Time']" in str(params["sort_by"].annotation)
    doc = inspect.getdoc(RecordsResource.get_records) or ""
    assert "sort_by: Sort field" in doc
    assert "extra_query:" in doc


@pytest.mark.parametrize("method", ["search", "iter_search", "iter_search_records"])
def test_help_of_a_walk_gives_the_operations_description_as_its_page_call_does(method: str) -> None:
    # found by review: iter_search said only "Every record of: Search records", not that it needs a key
    doc = inspect.getdoc(getattr(RecordsResource, method)) or ""
    assert "Send one of `criteria`, `email`, `phone` or `word`" in doc


USAGE = """
from collections.abc import AsyncIterator
from typing import Any

from zoho_crm import AsyncZohoCRM, ZohoCRM

def use(crm: ZohoCRM) -> None:
    crm.records.get_records("Leads", fields="Last_Name", sort_by="id")
    crm.records.get_records("Leads", fields="Last_Name", sortby="id")
    crm.records.get_records("Leads", fields="Last_Name", sort_by="name")
    crm.records.list("Leads", fields=["Last_Name"], sort_by="id", converted="both")
    crm.records.list("Leads", fields=["Last_Name"], sortby="id")
    crm.records.count("Leads", critera="(Email:equals:a@b.c)")
    crm.records.list("Leads", fields=["Last_Name"], sort_order="up")
    crm.records.insert("Leads", [{"Last_Name": "x"}], trigger=["workflow", "approval"])
    crm.records.insert("Leads", [{"Last_Name": "x"}], trigger=["wrkflow"])


async def records() -> AsyncIterator[dict[str, Any]]:
    yield {"Last_Name": "x"}


async def use_async(crm: AsyncZohoCRM) -> None:
    async for _ in crm.records.insert_stream("Leads", records()):  # the async streams read async iterables
        pass
"""


def test_mypy_strict_refuses_a_misspelt_option_and_a_bad_enum_generated_or_hand_written(tmp_path: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE, encoding="utf-8")
    errors, output = strict_errors(usage)
    assert [line.split(":")[1] for line in errors] == ["9", "10", "12", "13", "14", "16"], output


def test_x_zoho_retry_decides_whether_a_call_may_be_repeated() -> None:
    from zoho_crm._runtime import idempotent
    from zoho_crm_api.resources import records

    upsert = records._UPSERT_RECORDS
    assert (upsert.retry, records._INSERT_RECORDS.retry, records._GET_RECORDS.retry) == ("keyed", "unsafe", "safe")
    named = {"module": "Leads", "body": {"data": [{"Email": "a@example.com"}, {"id": "1"}]}}
    assert idempotent(upsert, named)
    unnamed = {"module": "Leads", "body": {"data": [{"Email": "a@example.com"}, {"Last_Name": "x"}]}}
    assert not idempotent(upsert, unnamed)
    by_field = {"module": "Leads", "body": {"data": [{"Phone": "1"}], "duplicate_check_fields": ["Phone"]}}
    assert idempotent(upsert, by_field)
    assert not idempotent(records._INSERT_RECORDS, named)
    assert idempotent(records._GET_RECORDS, {"module": "Leads"})


@pytest.mark.parametrize("record_id", ["deleted", "search", ".", "..", " ", "a\nb", True])
def test_a_path_value_that_would_reach_another_operation_is_refused(
    crm: ZohoCRM, recorder: Recorder, record_id: Any
) -> None:
    with pytest.raises(ZohoValidationError, match="get_record: record_id"):
        crm.records.get_record("Leads", record_id)
    with pytest.raises(ZohoValidationError, match="delete_record: record_id"):
        crm.records.with_raw_response.delete_record("Leads", record_id)
    assert api_calls(recorder) == []


def test_an_upsert_whose_duplicate_check_fields_zoho_cannot_read_is_not_repeated() -> None:
    from zoho_crm._runtime import idempotent
    from zoho_crm_api.resources.records import _UPSERT_RECORDS

    keyed = {"module": "Leads", "body": {"data": leads(1)}}
    assert idempotent(_UPSERT_RECORDS, keyed)  # each record has its Email, the default duplicate check
    assert not idempotent(_UPSERT_RECORDS, {**keyed, "body": {**keyed["body"], "duplicate_check_fields": "Phone"}})
