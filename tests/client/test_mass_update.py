"""Mass Update Records and its status call: declared in the spec, modelled by the sandbox, no client code.

``crm.records.mass_update`` and ``mass_update_status`` are generated from ``x-zoho-method``; the sandbox
updates ``ids`` at once (one outcome each) and runs a ``cvid`` job at its second status read, or once
``job_delay`` has passed on its clock.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

import httpx
import pytest

from tests.client.conftest import FAST_RETRY, AsyncRecorder, Intercept, Recorder, client_kwargs
from zoho_crm import API_VERSION, AccessTokenCredentials, AsyncZohoCRM, RetryPolicy, ZohoCRM, ZohoValidationError
from zoho_crm.errors import (
    APIConnectionError,
    InvalidRequestError,
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
    WaitTimeoutError,
)
from zoho_crm.testing import ManualClock, Sandbox, sandbox
from zoho_crm_api.resources.records import AsyncRecordsResource, RecordsResource


def leads(sb: Sandbox, n: int, **fields: Any) -> list[str]:
    return sb.seed("Leads", [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com", **fields} for i in range(n)])


def field_of(sb: Sandbox, ids: list[str], field: str) -> list[Any]:
    return [(sb.record("Leads", i) or {}).get(field) for i in ids]


def test_the_calls_are_generated_from_the_spec() -> None:
    for resource in (RecordsResource, AsyncRecordsResource):
        params = inspect.signature(resource.mass_update).parameters
        assert list(params)[:3] == ["self", "module", "fields"]
        assert {"ids", "cvid", "territory", "over_write"} <= {n for n, p in params.items() if p.kind is p.KEYWORD_ONLY}
        assert list(inspect.signature(resource.mass_update_status).parameters)[:3] == ["self", "module", "job_id"]
    assert inspect.iscoroutinefunction(AsyncRecordsResource.mass_update)


def test_by_ids_the_records_are_updated_at_once_one_outcome_per_id(
    sb: Sandbox, crm: ZohoCRM, recorder: Recorder
) -> None:
    ids = leads(sb, 3)
    items = crm.records.mass_update("Leads", {"Lead_Source": "Web"}, ids=[*ids, "3652397000999999999"])
    assert [item["status"] for item in items] == ["success"] * 3 + ["error"]
    assert [item["details"].get("id") for item in items] == [*ids, "3652397000999999999"]
    assert items[3]["code"] == "INVALID_DATA"
    assert field_of(sb, ids, "Lead_Source") == ["Web"] * 3
    sent = recorder.requests[-1]
    assert (sent.method, sent.url.path) == ("POST", f"/crm/{API_VERSION}/Leads/actions/mass_update")
    assert json.loads(sent.content) == {"data": [{"Lead_Source": "Web"}], "ids": [*ids, "3652397000999999999"]}


def test_by_view_a_job_is_scheduled_then_completed_at_the_next_status_read(sb: Sandbox, crm: ZohoCRM) -> None:
    ids = leads(sb, 4)
    (job,) = crm.records.mass_update("Leads", {"Company": "Zylker"}, cvid=sb.custom_view_id("Leads"))
    assert (job["code"], job["status"], job["message"]) == ("SUCCESS", "success", "mass update scheduled successfully")
    job_id = job["details"]["job_id"]
    assert field_of(sb, ids, "Company") == [None] * 4  # a background job: nothing written yet
    first = crm.records.mass_update_status("Leads", job_id)
    assert first == {"Status": "SCHEDULED", "Total_Count": 4, "Updated_Count": 0, "Not_Updated_Count": 4,
                     "Failed_Count": 0}  # fmt: skip
    assert field_of(sb, ids, "Company") == [None] * 4
    done = crm.records.mass_update_status("Leads", job_id)
    assert done == {"Status": "COMPLETED", "Total_Count": 4, "Updated_Count": 4, "Not_Updated_Count": 0,
                    "Failed_Count": 0}  # fmt: skip
    assert field_of(sb, ids, "Company") == ["Zylker"] * 4
    assert crm.records.mass_update_status("Leads", job_id) == done


@pytest.mark.anyio
async def test_the_async_client_schedules_and_follows_a_job(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    ids = leads(sb, 2)
    updated = await acrm.records.mass_update("Leads", {"City": "Paris"}, ids=ids[:1])
    assert [item["code"] for item in updated] == ["SUCCESS"]
    (job,) = await acrm.records.mass_update("Leads", {"Company": "Zylker"}, cvid=sb.custom_view_id("Leads"))
    statuses = [await acrm.records.mass_update_status("Leads", job["details"]["job_id"]) for _ in range(2)]
    assert [s["Status"] for s in statuses] == ["SCHEDULED", "COMPLETED"]
    assert statuses[1]["Updated_Count"] == 2
    assert field_of(sb, ids, "City") == ["Paris", None]
    assert field_of(sb, ids, "Company") == ["Zylker", "Zylker"]


@pytest.mark.anyio
async def test_over_loopback_http_sync_and_async() -> None:
    with Sandbox(mode="http") as box:
        ids = leads(box, 3)
        with ZohoCRM(box.credentials, **client_kwargs(box)) as crm:
            assert [i["code"] for i in crm.records.mass_update("Leads", {"City": "Oslo"}, ids=ids)] == ["SUCCESS"] * 3
            (job,) = crm.records.mass_update("Leads", {"Company": "Acme"}, cvid=box.custom_view_id("Leads"))
        async with AsyncZohoCRM(box.credentials, **client_kwargs(box)) as acrm:
            job_id = job["details"]["job_id"]
            assert (await acrm.records.mass_update_status("Leads", job_id))["Status"] == "SCHEDULED"
            assert (await acrm.records.mass_update_status("Leads", job_id))["Updated_Count"] == 3
        assert field_of(box, ids, "City") == ["Oslo"] * 3
        assert field_of(box, ids, "Company") == ["Acme"] * 3
        assert box.counters.requests["mass_update_records"] == 2
        assert box.violations == []


def test_the_sandbox_clock_runs_a_due_job_before_any_call() -> None:
    clock = ManualClock()
    with sandbox(clock=clock, job_delay=30.0) as box:
        ids = leads(box, 2)
        with ZohoCRM(box.credentials, transport=box.transport(), **client_kwargs(box)) as crm:
            (job,) = crm.records.mass_update("Leads", {"Company": "Later"}, cvid=box.custom_view_id("Leads"))
            clock.advance(29)
            assert (crm.records.get("Leads", ids[0], fields=["Company"]) or {}).get("Company") is None
            clock.advance(1)
            assert (crm.records.get("Leads", ids[0], fields=["Company"]) or {}).get("Company") == "Later"
            status = crm.records.mass_update_status("Leads", job["details"]["job_id"])
            assert (status["Status"], status["Updated_Count"]) == ("COMPLETED", 2)


def test_failed_records_are_counted_honestly(sb: Sandbox, crm: ZohoCRM) -> None:
    sb.mark_unique("Leads", "Badge")
    ids = leads(sb, 3)
    view = sb.custom_view_id("Leads")
    (unique,) = crm.records.mass_update("Leads", {"Badge": "B-1"}, cvid=view)  # one record may hold it
    crm.records.delete_one("Leads", ids[2])  # deleted before the job runs
    for _ in range(2):
        status = crm.records.mass_update_status("Leads", unique["details"]["job_id"])
    assert status == {"Status": "COMPLETED", "Total_Count": 3, "Updated_Count": 1, "Not_Updated_Count": 0,
                      "Failed_Count": 2}  # fmt: skip
    assert field_of(sb, ids[:2], "Badge") == ["B-1", None]
    too_long = crm.records.mass_update("Leads", {"Last_Name": "x" * 81}, ids=ids[:2])
    assert [(i["code"], i["details"]["id"], i["details"]["api_name"]) for i in too_long] == [
        ("INVALID_DATA", ids[0], "Last_Name"), ("INVALID_DATA", ids[1], "Last_Name")
    ]  # fmt: skip
    assert field_of(sb, ids[:2], "Last_Name") == ["Lead 0", "Lead 1"]


def test_multi_select_values_are_added_unless_over_write(sb: Sandbox, crm: ZohoCRM) -> None:
    ids = leads(sb, 1, Languages=["English"])
    crm.records.mass_update("Leads", {"Languages": ["French", "English"]}, ids=ids)
    assert field_of(sb, ids, "Languages") == [["English", "French"]]
    crm.records.mass_update("Leads", {"Languages": ["Spanish"]}, ids=ids, over_write=True)
    assert field_of(sb, ids, "Languages") == [["Spanish"]]


def test_a_second_job_for_the_same_view_is_already_scheduled(sb: Sandbox, crm: ZohoCRM) -> None:
    leads(sb, 1)
    view = sb.custom_view_id("Leads")
    (job,) = crm.records.mass_update("Leads", {"City": "Rome"}, cvid=view)
    (busy,) = crm.records.mass_update("Leads", {"City": "Milan"}, cvid=view)
    assert (busy["code"], busy["status"]) == ("ALREADY_SCHEDULED", "error")
    for _ in range(2):
        crm.records.mass_update_status("Leads", job["details"]["job_id"])
    (again,) = crm.records.mass_update("Leads", {"City": "Milan"}, cvid=view)
    assert again["code"] == "SUCCESS"
    assert again["details"]["job_id"] != job["details"]["job_id"]


EVERY_ID_FAILED = [
    {"code": "INVALID_DATA", "details": {"id": "19901170000358080"}, "message": "the id given seems to be invalid",
     "status": "error"},
    {"code": "RECORD_LOCKED", "details": {"action": "record_locking", "id": "19901170000358081"},
     "message": "Sorry, you cannot perform this operation as the record is locked.", "status": "error"},
]  # fmt: skip
"""crm-oas ``massUpdateRecords``' 400: per-record errors (its ``norecordsfound`` example, and a locked record)."""


def test_a_400_holding_one_failed_item_per_id_gives_the_items_as_a_207_would(sb: Sandbox) -> None:
    """Zoho answers 400 when every id fails (the spec's ``MassUpdateBadRequest`` allows the items): the call
    returns them, as it returns a 207's, not the first item's error."""
    sent: list[httpx.Request] = []

    def every_id_failed(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(400, json={"data": EVERY_ID_FAILED})

    ids = [item["details"]["id"] for item in EVERY_ID_FAILED]
    transport = Intercept(sb, "/actions/mass_update", every_id_failed)
    with ZohoCRM(sb.credentials, transport=transport, **client_kwargs(sb)) as crm:
        items = crm.records.mass_update("Leads", {"City": "Oslo"}, ids=ids)
    assert items == EVERY_ID_FAILED
    assert len(sent) == 1


class Statuses(httpx.AsyncBaseTransport):
    """The sandbox's async transport, keeping the status of each answer."""

    def __init__(self, sb: Sandbox) -> None:
        self.inner, self.seen = sb.async_transport(), list[int]()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path.endswith("/actions/mass_update"):
            self.seen.append(response.status_code)
        return response


@pytest.mark.anyio
async def test_a_mass_update_where_every_id_fails_returns_the_items_of_the_sandbox_400(sb: Sandbox) -> None:
    """Over the sandbox: every id failed (an unknown one, a value the other refuses) is Zoho's 400 with the
    items, which the call returns in input order, as it returns a mix's (207)."""
    (known,) = leads(sb, 1)
    unknown = "3652397000999999999"
    transport = Statuses(sb)
    async with AsyncZohoCRM(sb.credentials, transport=transport, **client_kwargs(sb)) as acrm:
        failed = await acrm.records.mass_update("Leads", {"Last_Name": "x" * 81}, ids=[unknown, known])
        mixed = await acrm.records.mass_update("Leads", {"City": "Oslo"}, ids=[unknown, known])
    assert transport.seen == [400, 207]
    assert [(i["status"], i["code"], i["details"]["id"]) for i in failed] == [
        ("error", "INVALID_DATA", unknown),
        ("error", "INVALID_DATA", known),
    ]
    assert failed[0]["message"] == "the id given seems to be invalid"
    assert [(i["code"], i["details"]["id"]) for i in mixed] == [("INVALID_DATA", unknown), ("SUCCESS", known)]
    assert field_of(sb, [known], "Last_Name") == ["Lead 0"]
    assert field_of(sb, [known], "City") == ["Oslo"]
    assert sb.violations == []


@pytest.mark.parametrize(
    ("status", "body", "raised", "code"),
    [
        (400, {"code": "LIMIT_EXCEEDED", "details": {"limit": 500}, "message": "too many", "status": "error"},
         InvalidRequestError, "LIMIT_EXCEEDED"),  # the envelope: refused as a whole
        (400, {"data": []}, InvalidRequestError, None),  # no items: not an answer for each id
        (400, "<html>Bad Request</html>", InvalidRequestError, None),
        (400, {"data": [EVERY_ID_FAILED[0], {"code": "SUCCESS", "details": {"id": "1"}, "message": "record updated",
                                             "status": "success"}]}, InvalidResponseError, None),
        (403, {"data": EVERY_ID_FAILED}, PermissionDeniedError, "INVALID_DATA"),  # only the declared 400 holds items
    ],
)  # fmt: skip
def test_any_other_error_answer_of_a_mass_update_is_its_typed_error(
    sb: Sandbox, status: int, body: Any, raised: type[Exception], code: str | None
) -> None:
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    transport = Intercept(sb, "/actions/mass_update", lambda _: httpx.Response(status, content=content))
    with ZohoCRM(sb.credentials, transport=transport, **client_kwargs(sb)) as crm, pytest.raises(raised) as caught:
        crm.records.mass_update("Leads", {"City": "Oslo"}, ids=["19901170000358080"])
    assert getattr(caught.value, "status_code", None) == status
    assert getattr(caught.value, "code", None) == code


REFUSED = [
    ("Nope", {"City": "x"}, {"ids": ["1"]}, "INVALID_MODULE"),
    ("Notes", {"Note_Title": "x"}, {"ids": ["1"]}, "INVALID_MODULE"),
    ("Leads", {}, {"ids": ["1"]}, "INVALID_DATA"),
    ("Leads", {"Created_Time": "2024-01-01T00:00:00+00:00"}, {"ids": ["1"]}, "INVALID_DATA"),
    ("Leads", {"Full_Name": "x"}, {"ids": ["1"]}, "INVALID_DATA"),
    ("Leads", {"Email": "a@example.com"}, {"ids": ["1"]}, "INVALID_DATA"),
    ("Contacts", {"Account_Name": {"id": "1"}}, {"ids": ["1"]}, "INVALID_DATA"),
    ("Leads", {"City": "x", "Company": "y"}, {"ids": ["1"]}, "INVALID_DATA"),
    ("Leads", {"City": "x"}, {"territory": {"id": "1"}, "ids": ["1"]}, "MANDATORY_NOT_FOUND"),
    ("Leads", {"City": "x"}, {"cvid": "1"}, "INVALID_DATA"),
    ("Deals", {"Stage": "Won"}, {"cvid": "VIEW"}, "NO_RECORDS_FOUND"),
    ("Leads", {"City": "x"}, {"cvid": "VIEW", "territory": {"id": "1"}}, "INVALID_DATA"),
]


@pytest.mark.parametrize(
    ("module", "fields", "which", "code"), REFUSED, ids=[f"{r[3]}-{i}" for i, r in enumerate(REFUSED)]
)
def test_refusals_are_typed_zoho_errors(
    sb: Sandbox, crm: ZohoCRM, module: str, fields: dict[str, Any], which: dict[str, Any], code: str
) -> None:
    leads(sb, 1)
    if which.get("cvid") == "VIEW":
        which = {**which, "cvid": sb.custom_view_id(module)}
    with pytest.raises(InvalidRequestError) as caught:
        crm.records.mass_update(module, fields, **which)
    assert (caught.value.status_code, caught.value.code) == (400, code)
    assert sb.violations == []


@pytest.mark.parametrize(
    ("which", "message"),
    [
        ({"ids": [str(10**18 + i) for i in range(501)]}, "ids takes 1 to 500 items, got 501"),
        ({"ids": []}, "ids takes 1 to 500 items, got 0"),
        ({"cvid": "abc"}, r"cvid: 'abc' does not match \^\[0-9\]"),
        ({"ids": ["1"], "over_write": "yes"}, "over_write must be boolean"),
        ({"ids": [True]}, r"ids\[0\] fits none of its forms"),
        ({"ids": ["abc"]}, r"ids\[0\] fits none of its forms: 'abc' does not match"),
    ],
)
def test_what_the_spec_forbids_is_refused_before_sending(
    sb: Sandbox, crm: ZohoCRM, which: dict[str, Any], message: str
) -> None:
    with pytest.raises(ZohoValidationError, match=f"records.mass_update: {message}"):
        crm.records.mass_update("Leads", {"City": "x"}, **which)
    assert sb.counters.total_requests == 0


@pytest.mark.parametrize(
    ("which", "message"),
    [({}, "needs one of: ids, cvid"), ({"ids": ["1"], "cvid": "1"}, "ids cannot be combined with cvid")],
)
def test_ids_and_cvid_are_one_or_the_other_before_sending(sb: Sandbox, crm: ZohoCRM, which: Any, message: str) -> None:
    with pytest.raises(ZohoValidationError, match=message):  # x-zoho-one-of and x-zoho-excludes on body properties
        crm.records.mass_update("Leads", {"City": "x"}, **which)
    assert sb.counters.total_requests == 0


@pytest.mark.parametrize(
    ("which", "code"), [({}, "MANDATORY_NOT_FOUND"), ({"ids": ["1"], "cvid": "1"}, "AMBIGUITY_DURING_PROCESSING")]
)
def test_the_sandbox_refuses_neither_or_both_of_ids_and_cvid_as_zoho_does(sb: Sandbox, which: Any, code: str) -> None:
    headers = {"Authorization": f"Zoho-oauthtoken {sb.issue_access_token()}"}
    with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=headers) as raw:
        answer = raw.post("/Leads/actions/mass_update", json={"data": [{"City": "x"}], **which})
    assert (answer.status_code, answer.json()["code"]) == (400, code)


def test_the_sandbox_refuses_too_many_ids_as_zoho_does(sb: Sandbox) -> None:
    ids = [str(10**18 + i) for i in range(501)]
    headers = {"Authorization": f"Zoho-oauthtoken {sb.issue_access_token()}"}
    with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=headers) as raw:
        answer = raw.post("/Leads/actions/mass_update", json={"data": [{"City": "x"}], "ids": ids})
    assert answer.status_code == 400
    assert answer.json()["code"] == "LIMIT_EXCEEDED"
    assert answer.json()["details"] == {"json_path": "$.ids", "limit": 500}


def test_the_refusals_say_what_is_wrong(sb: Sandbox, crm: ZohoCRM) -> None:
    with pytest.raises(InvalidRequestError, match="No field found"):
        crm.records.mass_update("Leads", {}, ids=["1"])
    with pytest.raises(InvalidRequestError, match="cannot be updated in the Mass Update") as fixed:
        crm.records.mass_update("Leads", {"Modified_By": {"id": "1"}}, ids=["1"])
    assert fixed.value.details == {"api_name": "Modified_By", "json_path": "$.data[0].Modified_By"}
    with pytest.raises(InvalidRequestError, match="Max field limit exceeded"):
        crm.records.mass_update("Leads", {"City": "x", "Company": "y"}, ids=["1"])
    deal = sb.seed("Deals", [{"Deal_Name": "D", "Stage": "New"}])
    three = crm.records.mass_update("Deals", {"Stage": "Won", "Amount": 5, "Description": "x"}, ids=deal)
    assert three[0]["code"] == "SUCCESS"  # Deals take three fields a call


def test_an_unknown_job_is_not_found(sb: Sandbox, crm: ZohoCRM) -> None:
    leads(sb, 1)
    with pytest.raises(NotFoundError) as unknown:
        crm.records.mass_update_status("Leads", "3652397000999999999")
    assert (unknown.value.status_code, unknown.value.code) == (404, "NOT_FOUND")
    (job,) = crm.records.mass_update("Leads", {"City": "x"}, cvid=sb.custom_view_id("Leads"))
    with pytest.raises(NotFoundError):
        crm.records.mass_update_status("Contacts", job["details"]["job_id"])  # a job of another module
    sent = sb.counters.requests.get("get_mass_update_status", 0)
    for bad in ("not-a-job", ""):  # the spec's pattern for job_id, checked before sending
        with pytest.raises(ZohoValidationError, match=r"get_mass_update_status: job_id: .* does not match"):
            crm.records.mass_update_status("Leads", bad)
    assert sb.counters.requests.get("get_mass_update_status", 0) == sent
    with pytest.raises(ZohoValidationError, match=r"extra_query\['job_id'\] is a declared parameter"):
        crm.records.with_raw_response.get_mass_update_status("Leads", job_id="1", extra_query={"job_id": "x"})
    # the sandbox refuses them too, for a client that does not check
    token = {"Authorization": f"Zoho-oauthtoken {sb.issue_access_token()}"}
    with httpx.Client(transport=sb.transport(), base_url=f"{sb.api_domain}/crm/{API_VERSION}", headers=token) as raw:
        malformed = raw.get("/Leads/actions/mass_update", params={"job_id": "not-a-job"})
        missing = raw.get("/Leads/actions/mass_update", params={"job_id": ""})
    assert malformed.status_code == 400
    assert (malformed.json()["code"], malformed.json()["details"]["param_name"]) == ("INVALID_DATA", "job_id")
    assert (missing.status_code, missing.json()["code"]) == (400, "MANDATORY_NOT_FOUND")  # as the status page says
    assert sb.violations == []


def test_a_misspelt_keyword_is_refused_before_any_request(crm: ZohoCRM, recorder: Recorder) -> None:
    with pytest.raises(ZohoValidationError, match=r"records\.mass_update does not take: overwrite"):
        crm.records.mass_update("Leads", {"City": "x"}, ids=["1"], overwrite=True)  # type: ignore[arg-type]
    with pytest.raises(ZohoValidationError, match=r"records\.mass_update_status does not take: jobid"):
        crm.records.mass_update_status("Leads", "1", jobid="1")  # type: ignore[arg-type]
    with pytest.raises(ZohoValidationError, match="fields must be a mapping"):
        crm.records.mass_update("Leads", ["City"], ids=["1"])  # type: ignore[arg-type]
    assert recorder.requests == []


@pytest.mark.anyio
async def test_the_async_client_refuses_a_misspelt_keyword(acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    with pytest.raises(ZohoValidationError, match=r"records\.mass_update does not take: cvids"):
        await acrm.records.mass_update("Leads", {"City": "x"}, cvids="1")  # type: ignore[arg-type]
    assert arecorder.requests == []


def test_the_unsafe_call_is_not_repeated_after_a_lost_answer(sb: Sandbox, crm: ZohoCRM) -> None:
    ids = leads(sb, 2)
    sb.configure(drop_after_commit_rate=1.0, fault_operations={"mass_update_records"}, seed=1)
    with pytest.raises(APIConnectionError):
        crm.records.mass_update("Leads", {"City": "Lyon"}, ids=ids)
    assert sb.counters.requests["mass_update_records"] == 1  # x-zoho-retry: unsafe
    assert field_of(sb, ids, "City") == ["Lyon", "Lyon"]  # it was applied: only the answer was lost


def test_the_safe_status_call_is_repeated_after_a_lost_answer(sb: Sandbox, crm: ZohoCRM) -> None:
    leads(sb, 1)
    (job,) = crm.records.mass_update("Leads", {"City": "Lyon"}, cvid=sb.custom_view_id("Leads"))
    sb.configure(drop_after_commit_rate=1.0, fault_operations={"get_mass_update_status"}, seed=1)
    with pytest.raises(APIConnectionError):
        crm.records.mass_update_status("Leads", job["details"]["job_id"])
    assert sb.counters.requests["get_mass_update_status"] == FAST_RETRY.max_attempts  # x-zoho-retry: safe


class FakeTime:
    """The engine's clock and sleep: a sleep moves the clock on, nothing waits."""

    def __init__(self) -> None:
        self.now = 1_000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def fake_time(crm: ZohoCRM) -> FakeTime:
    fake = FakeTime()
    crm._engine.clock, crm._engine.sleep = fake.clock, fake.sleep  # type: ignore[method-assign]
    return fake


def test_wait_for_mass_update_reads_the_status_until_the_job_ends(sb: Sandbox, crm: ZohoCRM) -> None:
    ids = leads(sb, 5)
    (job,) = crm.records.mass_update("Leads", {"Company": "Zylker"}, cvid=sb.custom_view_id("Leads"))
    fake = fake_time(crm)
    done = crm.records.wait_for_mass_update("Leads", job["details"]["job_id"])
    assert done == {"Status": "COMPLETED", "Total_Count": 5, "Updated_Count": 5, "Not_Updated_Count": 0,
                    "Failed_Count": 0}  # fmt: skip
    assert fake.slept == [5.0]  # SCHEDULED at the first read, one interval, COMPLETED at the second
    assert sb.counters.requests["get_mass_update_status"] == 2
    assert field_of(sb, ids, "Company") == ["Zylker"] * 5


def test_a_job_that_never_ends_is_given_up_after_max_wait(sb: Sandbox) -> None:
    reads: list[httpx.Request] = []

    def running(request: httpx.Request) -> httpx.Response:
        reads.append(request)
        status = {"Status": "RUNNING", "Total_Count": 9, "Updated_Count": len(reads), "Not_Updated_Count": 0,
                  "Failed_Count": 0}  # fmt: skip
        return httpx.Response(200, json={"data": [status]})

    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/actions/mass_update", running), **client_kwargs(sb)) as crm:
        fake = fake_time(crm)
        with pytest.raises(WaitTimeoutError, match=r"wait_for_mass_update: Status still 'RUNNING'") as late:
            crm.records.wait_for_mass_update("Leads", "3652397000000555001", interval=30, max_wait=100)
    assert isinstance(late.value, TimeoutError)
    assert late.value.details["Updated_Count"] == 4  # the last status read, in the error
    assert fake.slept == [30, 30, 30]  # a fourth interval would end past max_wait: no sleep for nothing
    assert len(reads) == 4


@pytest.mark.parametrize("max_wait", [10, 100])
def test_a_status_read_is_retried_only_within_max_wait(sb: Sandbox, max_wait: int) -> None:
    reads: list[httpx.Request] = []
    done = {"Status": "COMPLETED", "Total_Count": 1, "Updated_Count": 1, "Not_Updated_Count": 0, "Failed_Count": 0}

    def busy_then_done(request: httpx.Request) -> httpx.Response:
        reads.append(request)
        if len(reads) == 1:  # the retry policy would wait 20 s for the next attempt (its budget: 120 s)
            busy = {"code": "INTERNAL_ERROR", "message": "busy", "status": "error", "details": {}}
            return httpx.Response(503, headers={"Retry-After": "20"}, json=busy)
        return httpx.Response(200, json={"data": [done]})

    kwargs = {**client_kwargs(sb), "retry": RetryPolicy(max_attempts=5, max_elapsed=120)}
    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/actions/mass_update", busy_then_done), **kwargs) as crm:
        fake = fake_time(crm)
        if max_wait == 10:  # the retry would end past max_wait: not made, the read's error raised
            with pytest.raises(ServerError):
                crm.records.wait_for_mass_update("Leads", "3652397000000555001", max_wait=max_wait)
        else:
            assert crm.records.wait_for_mass_update("Leads", "3652397000000555001", max_wait=max_wait) == done
    assert len(reads) == (1 if max_wait == 10 else 2)
    assert fake.now - 1_000.0 <= max_wait


@pytest.mark.parametrize(
    ("interval", "max_wait", "bad"),
    [(-1, 60, "interval"), (float("nan"), 60, "interval"), (5, float("inf"), "max_wait"), (True, 60, "interval"),
     (5, "60", "max_wait"), (1e10, 1e11, "interval")],
)  # fmt: skip
def test_a_bad_wait_is_refused_before_any_request(
    crm: ZohoCRM, recorder: Recorder, interval: Any, max_wait: Any, bad: str
) -> None:
    with pytest.raises(
        ZohoValidationError, match=rf"records\.wait_for_mass_update: {bad} must be seconds from 0 to 10,000,000"
    ):
        crm.records.wait_for_mass_update("Leads", "3652397000000555001", interval=interval, max_wait=max_wait)
    with pytest.raises(ZohoValidationError, match=r"wait_for_mass_update.*intervall"):
        crm.records.wait_for_mass_update("Leads", "3652397000000555001", intervall=1)  # type: ignore[call-arg]
    assert recorder.requests == []


def test_a_failed_job_ends_the_wait_too(sb: Sandbox, crm: ZohoCRM) -> None:
    """``FAILED`` is an end: the status comes back for the caller to read, not a wait to its limit."""
    sent: list[str] = []

    def fails(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.params["job_id"])
        status = {"Status": "FAILED", "Total_Count": 2, "Updated_Count": 0, "Not_Updated_Count": 0, "Failed_Count": 2}
        return httpx.Response(200, json={"data": [status]})

    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/actions/mass_update", fails), **client_kwargs(sb)) as client:
        fake = fake_time(client)
        assert client.records.wait_for_mass_update("Leads", "3652397000000555001")["Failed_Count"] == 2
    assert (sent, fake.slept) == (["3652397000000555001"], [])


@pytest.mark.anyio
async def test_the_async_client_waits_for_a_job(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    ids = leads(sb, 3)
    (job,) = await acrm.records.mass_update("Leads", {"City": "Lyon"}, cvid=sb.custom_view_id("Leads"))
    done = await acrm.records.wait_for_mass_update("Leads", job["details"]["job_id"], interval=0)
    assert (done["Status"], done["Updated_Count"]) == ("COMPLETED", 3)
    assert sb.counters.requests["get_mass_update_status"] == 2
    assert field_of(sb, ids, "City") == ["Lyon"] * 3
    assert inspect.iscoroutinefunction(AsyncRecordsResource.wait_for_mass_update)


@pytest.mark.parametrize("status", [{}, {"Status": "PAUSED"}, {"Status": None}, {"Status": ["RUNNING"]}])
def test_a_status_the_spec_does_not_know_is_an_invalid_answer_not_a_wait(sb: Sandbox, status: dict[str, Any]) -> None:
    """A lying server's item (no ``Status``, or one outside its enum) ends the wait at once, typed."""
    reads: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        reads.append(request)
        return httpx.Response(200, json={"data": [status]})

    with ZohoCRM(AccessTokenCredentials("t"), api_domain="http://127.0.0.1:9", transport=httpx.MockTransport(answer),
                 retry=FAST_RETRY) as crm:  # fmt: skip
        fake = fake_time(crm)
        with pytest.raises(
            InvalidResponseError,
            match=r"wait_for_mass_update: the answer has (no Status|Status .*not one of SCHEDULED)",
        ):
            crm.records.wait_for_mass_update("Leads", "3652397000000555001")
    assert (len(reads), fake.slept) == (1, [])
