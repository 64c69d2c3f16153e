"""Records through the client against the in-process sandbox, sync and async."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import anyio
import httpx
import pytest

from tests.client.conftest import AsyncRecorder, Recorder, client_kwargs
from zoho_crm import AsyncZohoCRM, Failure, RetryPolicy, Success, ZohoCRM, _batch
from zoho_crm.errors import BatchError, InvalidRequestError, PreconditionFailedError
from zoho_crm.testing import Sandbox


def leads(n: int, start: int = 0) -> list[dict[str, str]]:
    return [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(start, start + n)]


def calls(recorder: Recorder | AsyncRecorder, method: str, path_suffix: str) -> list[httpx.Request]:
    return [r for r in recorder.requests if r.method == method and r.url.path.endswith(path_suffix)]


def batch_sizes(requests: list[httpx.Request]) -> list[int]:
    return [len(json.loads(r.content)["data"]) for r in requests]


def test_upsert_250_makes_3_calls_and_returns_250_outcomes_in_order(
    sb: Sandbox, crm: ZohoCRM, recorder: Recorder
) -> None:
    existing = sb.seed("Leads", leads(40))  # the first 40 exist: updated; the other 210 are inserted
    result = crm.records.upsert("Leads", leads(250), duplicate_check_fields=["Email"])
    assert sorted(batch_sizes(calls(recorder, "POST", "/Leads/upsert"))) == [50, 100, 100]
    assert len(result) == 250
    assert [o.index for o in result] == list(range(250))
    assert all(isinstance(o, Success) for o in result)
    assert [o.action for o in result] == ["update"] * 40 + ["insert"] * 210  # type: ignore[union-attr]
    assert result.ids[:40] == existing
    assert all(o.input == lead for o, lead in zip(result, leads(250), strict=True))
    assert len(sb.records("Leads")) == 250


@pytest.mark.anyio
async def test_upsert_250_async(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    sb.seed("Leads", leads(40))
    result = await acrm.records.upsert("Leads", leads(250), duplicate_check_fields=["Email"])
    assert sorted(batch_sizes(calls(arecorder, "POST", "/Leads/upsert"))) == [50, 100, 100]
    assert [o.index for o in result] == list(range(250))
    assert [o.action for o in result.succeeded] == ["update"] * 40 + ["insert"] * 210
    assert len(sb.records("Leads")) == 250


def test_batch_successes_carry_zohos_details_read_from_the_answer(sb: Sandbox, crm: ZohoCRM) -> None:
    existing = sb.seed("Leads", leads(1))
    result = crm.records.upsert("Leads", leads(150), duplicate_check_fields=["Email"])
    for outcome in (result[0], result[1], result[149]):
        assert isinstance(outcome, Success)
        stored = sb.record("Leads", outcome.id or "")
        assert stored is not None
        assert outcome.details["id"] == outcome.id
        assert outcome.details["Created_Time"] == stored["Created_Time"]
        assert outcome.details["Modified_By"]["id"] == stored["Modified_By"]["id"]
        assert f"details={outcome.details!r}" in repr(outcome)
    assert result[0].id == existing[0]
    assert result[0].details is result[0].details  # parsed once per call
    same = Success(0, result[0].input, result[0].id, result[0].message, dict(result[0].details), "update", "Email")
    assert same == result[0]
    assert same != Success(0, result[0].input, result[0].id, result[0].message, {}, "update", "Email")


def test_parts_finishing_out_of_order_are_assembled_in_input_order() -> None:
    parts = [[Success(i, i, str(i), "", {}) for i in range(s, min(s + 100, 450))] for s in range(0, 450, 100)]
    result = _batch.assemble([parts[3], parts[0], [], parts[4], parts[2], parts[1]], calls=5)
    assert [o.index for o in result] == list(range(450))
    assert result.calls == 5


def test_listing_2500_records_follows_page_tokens(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    ids = sb.seed("Leads", leads(2500))
    seen = [r["id"] for r in crm.records.iter("Leads", fields=["Last_Name", "Email"])]
    assert sorted(seen) == sorted(ids)
    assert len(set(seen)) == 2500
    queries = [parse_qs(urlsplit(str(r.url)).query) for r in calls(recorder, "GET", "/Leads")]
    assert len(queries) == 13
    assert all(not ("page" in q and "page_token" in q) for q in queries)
    assert [q.get("page") for q in queries[:1]] == [["1"]]
    assert sum("page_token" in q for q in queries) == 12  # from the first page on, as Zoho's own sample does


@pytest.mark.anyio
async def test_listing_2500_records_async(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    ids = sb.seed("Leads", leads(2500))
    seen = [r["id"] async for r in acrm.records.iter("Leads", fields=["Last_Name"])]
    assert sorted(seen) == sorted(ids)
    assert sum("page_token" in str(r.url) for r in arecorder.requests) == 12


def test_per_record_errors_come_back_with_their_input_items(crm: ZohoCRM) -> None:
    records = [*leads(3), {"Email": "nameless@example.com"}, *leads(2, start=10)]
    result = crm.records.insert("Leads", records)
    assert [o.ok for o in result] == [True, True, True, False, True, True]
    failure = result[3]
    assert isinstance(failure, Failure)
    assert failure.code == "MANDATORY_NOT_FOUND"
    assert failure.details["api_name"] == "Last_Name"
    assert failure.input == {"Email": "nameless@example.com"}
    assert failure.index == 3
    assert not failure.uncertain
    with pytest.raises(BatchError) as info:
        result.raise_for_errors()
    assert info.value.failures == [failure]


@pytest.mark.anyio
async def test_per_record_errors_async(acrm: AsyncZohoCRM) -> None:
    result = await acrm.records.insert("Leads", [{"Email": "x@example.com"}, *leads(1)])
    assert [type(o) for o in result] == [Failure, Success]
    assert result.failed[0].input == {"Email": "x@example.com"}


def test_crud_search_count_clone_deleted(sb: Sandbox, crm: ZohoCRM) -> None:
    inserted = crm.records.insert("Leads", leads(3)).raise_for_errors()
    first = inserted.ids[0]
    assert first is not None
    assert crm.records.get("Leads", first, fields=["Email"])["Email"] == "lead0@example.com"  # type: ignore[index]
    assert crm.records.update("Leads", [{"id": first, "Company": "Zylker"}]).raise_for_errors()
    assert crm.records.get("Leads", first)["Company"] == "Zylker"  # type: ignore[index]
    found = crm.records.search("Leads", email="lead1@example.com")
    assert [r["Email"] for r in found] == ["lead1@example.com"]
    assert crm.records.count("Leads") == 3
    clone = crm.records.clone("Leads", first, {"Email": "clone@example.com"})
    assert clone.id not in inserted.ids
    assert crm.records.count("Leads") == 4
    assert crm.records.delete("Leads", [first]).raise_for_errors()
    assert crm.records.get("Leads", first) is None
    deleted = crm.records.deleted("Leads", type="recycle")
    assert [r["id"] for r in deleted] == [first]


def test_a_bulk_delete_where_every_id_fails_gives_one_failure_per_id(
    sb: Sandbox, crm: ZohoCRM, recorder: Recorder
) -> None:
    """Zoho answers such a call 400 with one item per id (crm-oas deleteRecords): each id gets its item's code."""
    (real,) = sb.seed("Leads", leads(1))
    unknown = [str(3652397000000000001 + i) for i in range(100)]
    result = crm.records.delete("Leads", [*unknown, real])  # chunk 1: every id fails; chunk 2: all deleted
    assert len(calls(recorder, "DELETE", "/Leads")) == 2
    assert [type(o) for o in result] == [Failure] * 100 + [Success]
    for index, failure in enumerate(result.failed):
        assert (failure.index, failure.input, failure.code) == (index, unknown[index], "INVALID_DATA")
        assert (failure.message, failure.details, failure.status_code) == (
            "record not deleted",
            {"id": unknown[index]},
            400,
        )
        assert failure.error is None  # the item's own failure, not the call's
        assert not failure.uncertain
    assert sb.records("Leads") == []


@pytest.mark.anyio
async def test_an_async_delink_where_every_id_fails_gives_one_failure_per_id(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    (campaign,) = sb.seed("Campaigns", [{"Campaign_Name": "Launch"}])
    ids = sb.seed("Leads", leads(2))
    result = await acrm.related.delink("Campaigns", campaign, "Leads", ids)  # none of them is a member
    assert [(type(o), o.code, o.status_code) for o in result.failed] == [(Failure, "INVALID_DATA", 400)] * 2
    assert [f.details["id"] for f in result.failed] == ids
    assert not result.succeeded


def test_stale_if_unmodified_since_gets_412_and_changes_nothing(sb: Sandbox, crm: ZohoCRM) -> None:
    (record_id,) = sb.seed("Leads", leads(1))
    long_ago = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(PreconditionFailedError) as info:
        crm.records.update_one("Leads", record_id, {"Company": "Late"}, if_unmodified_since=long_ago)
    assert info.value.code == "ALREADY_MODIFIED"
    assert info.value.status_code == 412
    assert "Company" not in sb.records("Leads")[0]


def test_single_record_failure_raises_a_typed_error(crm: ZohoCRM) -> None:
    with pytest.raises(InvalidRequestError) as info:
        crm.records.update_one("Leads", "3652397000000000001", {"Company": "Nobody"})
    assert info.value.code is not None


def test_get_by_external_id(sb: Sandbox, crm: ZohoCRM) -> None:
    sb.mark_external("Contacts", "External_Contact_ID")
    sb.seed("Contacts", [{"Last_Name": "Ext", "External_Contact_ID": "ext-42"}])
    contact = crm.records.get("Contacts", "ext-42", external="Contacts.External_Contact_ID")
    assert contact is not None
    assert contact["Last_Name"] == "Ext"
    assert crm.records.get("Contacts", "ext-missing", external="Contacts.External_Contact_ID") is None


def test_forced_429_is_retried(sb: Sandbox) -> None:
    sb.configure(concurrency_limit=1, latency=0.01)
    patient = RetryPolicy(max_attempts=50, initial_backoff=0.005, max_backoff=0.02, max_elapsed=30)
    with ZohoCRM(sb.credentials, transport=sb.transport(), **{**client_kwargs(sb), "retry": patient}) as crm:
        result = crm.records.insert("Leads", leads(600), concurrency=6)
        assert [o.ok for o in result] == [True] * 600
        assert crm.stats["retry:429"] > 0
    assert sb.counters.rejected.get("TOO_MANY_REQUESTS", 0) == crm.stats["retry:429"]
    assert len(sb.records("Leads")) == 600


def test_an_error_in_a_batch_thread_reaches_the_caller_and_sends_nothing_more(sb: Sandbox) -> None:
    class Broken(httpx.BaseTransport):
        def __init__(self) -> None:
            self.calls = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/token"):
                return sb.transport().handle_request(request)  # type: ignore[union-attr]
            self.calls += 1
            raise RuntimeError("a bug in a transport")

    broken = Broken()
    with ZohoCRM(sb.credentials, transport=broken, **client_kwargs(sb)) as crm, pytest.raises(BatchError) as info:
        crm.records.insert("Leads", leads(5000), concurrency=2)
    assert 1 <= broken.calls <= 2  # the threads stopped: 50 calls were planned
    assert isinstance(info.value.__cause__, RuntimeError)
    assert len(info.value.result) == 5000  # every item has its outcome: the bug's call uncertain, the rest not sent
    assert {(o.code, o.uncertain) for o in info.value.result} == {("CLIENT_ERROR", True), ("NOT_SENT", False)}


@pytest.mark.anyio
async def test_an_error_in_an_async_batch_reaches_the_caller_and_sends_nothing_more(sb: Sandbox) -> None:
    class Broken(httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.calls = 0

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/token"):
                return await sb.async_transport().handle_async_request(request)  # type: ignore[union-attr]
            self.calls += 1
            await anyio.sleep(0.001 * self.calls)
            raise RuntimeError("a bug in a transport")

    broken = Broken()
    async with AsyncZohoCRM(sb.credentials, transport=broken, **client_kwargs(sb)) as crm:
        with pytest.raises(BatchError) as info:
            await crm.records.insert("Leads", leads(5000), concurrency=3)
        assert broken.calls == 3  # the calls in flight; none of the other 47 was sent
        assert isinstance(info.value.__cause__, RuntimeError)
        assert [o.code for o in info.value.result] == ["CLIENT_ERROR"] * 300 + ["NOT_SENT"] * 4700
        await anyio.sleep(0.01)
        assert broken.calls == 3


@pytest.mark.anyio
async def test_an_async_batch_reads_an_answer_once_the_next_request_has_gone_out() -> None:
    """Over loopback HTTP, one call at a time: chunk n+1's body is sent before chunk n's answer becomes outcomes."""
    events: list[str] = []

    class Watch(httpx.AsyncBaseTransport):  # real HTTP, noting when each chunk's body has been written
        def __init__(self) -> None:
            self.inner = httpx.AsyncHTTPTransport()

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            trace = request.extensions.get("trace")
            insert = request.url.path.endswith("/Leads")
            first = json.loads(request.content)["data"][0]["Last_Name"] if insert else ""

            async def noted(event: str, info: dict[str, object]) -> None:
                if event == "http11.send_request_body.complete" and insert:
                    events.append(f"sent {first}")
                if trace is not None:
                    await trace(event, info)

            request.extensions["trace"] = noted
            return await self.inner.handle_async_request(request)

        async def aclose(self) -> None:
            await self.inner.aclose()

    with Sandbox(mode="http", latency=0.01) as box:
        async with AsyncZohoCRM(box.credentials, transport=Watch(), **client_kwargs(box)) as crm:
            result = await crm.records.insert(
                "Leads", leads(300), concurrency=1, on_progress=lambda done, _: events.append(f"read {done}")
            )
    assert [o.ok for o in result] == [True] * 300
    assert events == ["sent Lead 0", "sent Lead 100", "read 100", "sent Lead 200", "read 200", "read 300"]


def test_progress_callback_sees_every_item(crm: ZohoCRM) -> None:
    seen: list[tuple[int, int]] = []
    crm.records.insert("Leads", leads(250), on_progress=lambda done, total: seen.append((done, total)))
    assert [total for _, total in seen] == [250, 250, 250]
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert done[-1] == 250


def test_dates_and_aware_datetimes_are_written_as_zoho_reads_them(
    sb: Sandbox, crm: ZohoCRM, recorder: Recorder
) -> None:
    ist = dt.timezone(dt.timedelta(hours=5, minutes=30))
    met = dt.datetime(2024, 3, 4, 9, 30, 15, 123456, tzinfo=ist)
    inserted = crm.records.insert("Leads", [{"Last_Name": "Dated", "Met": met, "Born": dt.date(1990, 7, 1)}])
    assert inserted.raise_for_errors()
    sent = json.loads(recorder.requests[-1].content)["data"][0]
    assert sent == {"Last_Name": "Dated", "Met": "2024-03-04T09:30:15+05:30", "Born": "1990-07-01"}
    stored = sb.records("Leads")[0]
    assert (stored["Met"], stored["Born"]) == ("2024-03-04T09:30:15+05:30", "1990-07-01")
    assert crm.records.update_one("Leads", stored["id"], {"Met": met.astimezone(dt.timezone.utc)}).id == stored["id"]
    assert json.loads(recorder.requests[-1].content)["data"][0]["Met"] == "2024-03-04T04:00:15+00:00"


def test_a_batched_delete_sends_its_checked_query_parameters(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    ids = sb.seed("Leads", leads(2))
    crm.records.delete("Leads", ids, wf_trigger=False).raise_for_errors()
    (sent,) = calls(recorder, "DELETE", "/Leads")
    assert parse_qs(urlsplit(str(sent.url)).query)["wf_trigger"] == ["false"]
    assert sb.records("Leads") == []
