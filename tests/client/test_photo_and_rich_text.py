"""A record's photo (multipart upload, binary download) and its rich text fields: spec operations with
no hand-written client code, against the sandbox over ASGI and real loopback HTTP."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._mypy import strict_errors
from zoho_crm import AsyncZohoCRM, ZohoCRM, ZohoValidationError
from zoho_crm.errors import InvalidRequestError, InvalidResponseError
from zoho_crm.testing import Sandbox

from .conftest import AsyncRecorder, Recorder, client_kwargs

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
GIF = b"GIF89a" + b"\x00" * 64
LONG = "<p>" + "x" * 600 + "</p>"


def photo_calls(recorder: Recorder | AsyncRecorder) -> list[httpx.Request]:
    return [r for r in recorder.requests if r.url.path.endswith("/photo")]


def a_lead(sb: Sandbox) -> str:
    (lead,) = sb.seed("Leads", [{"Last_Name": "Photo"}])
    return lead


def test_upload_download_delete(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    lead = a_lead(sb)
    assert crm.records.download_photo("Leads", lead) is None  # no photo yet: 204
    answer = crm.records.upload_photo("Leads", lead, body={"file": ("me.png", PNG, "image/png")})
    assert answer == {"code": "SUCCESS", "details": {}, "message": "photo uploaded successfully", "status": "success"}
    assert sb.photo("Leads", lead) == PNG
    assert crm.records.download_photo("Leads", lead) == PNG
    raw = crm.records.with_raw_response.download_photo("Leads", lead)
    assert (raw.status_code, raw.headers["content-type"], raw.content) == (200, "application/x-download", PNG)
    assert crm.records.delete_photo("Leads", lead)["message"] == "Photo deleted"
    assert crm.records.download_photo("Leads", lead) is None
    with pytest.raises(InvalidRequestError, match="No such photo exists") as refused:
        crm.records.delete_photo("Leads", lead)
    assert refused.value.code == "INVALID_DATA"
    sent = photo_calls(recorder)
    assert [r.method for r in sent] == ["GET", "POST", "GET", "GET", "DELETE", "GET", "DELETE"]
    assert sent[1].headers["content-type"].startswith("multipart/form-data; boundary=")


def test_a_refused_upload_is_a_typed_error(sb: Sandbox, crm: ZohoCRM) -> None:
    lead = a_lead(sb)
    with pytest.raises(InvalidRequestError) as refused:
        crm.records.upload_photo("Leads", lead, body={"file": b"not an image"})
    assert (refused.value.code, refused.value.details) == ("INVALID_DATA", {"param_name": "file"})
    with pytest.raises(InvalidRequestError) as unknown:
        crm.records.upload_photo("Leads", "3652397000000000001", body={"file": PNG})
    assert (unknown.value.code, unknown.value.details) == ("INVALID_DATA", {"id": "3652397000000000001"})
    assert sb.photo("Leads", lead) is None


def test_bad_calls_never_leave(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    lead = a_lead(sb)
    bad: Any = crm.records.upload_photo
    with pytest.raises(ZohoValidationError, match="upload_photo does not take: restrict_trigers"):
        bad("Leads", lead, body={"file": PNG}, restrict_trigers="workflow")
    with pytest.raises(ZohoValidationError, match="upload_photo: restrict_triggers: 'workflows' is not one of"):
        bad("Leads", lead, body={"file": PNG}, restrict_triggers="workflows")
    with pytest.raises(ZohoValidationError, match=r"body\['file'\]"):
        bad("Leads", lead, body={"file": object()})
    with pytest.raises(ZohoValidationError, match="download_photo: record_id"):
        crm.records.download_photo("Leads", "deleted")
    assert photo_calls(recorder) == []


def test_escape_hatches_reach_the_upload(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    lead = a_lead(sb)
    raw = crm.records.with_raw_response.upload_photo(
        "Leads",
        lead,
        body={"file": PNG},
        restrict_triggers="workflow",
        extra_query={"probe": "1"},
        extra_headers={"X-Probe": "2"},
    )
    assert raw.status_code == 200, raw.text
    (sent,) = photo_calls(recorder)
    assert dict(sent.url.params) == {"restrict_triggers": "workflow", "probe": "1"}
    assert sent.headers["X-Probe"] == "2"


def test_an_upload_from_an_open_file_is_sent_whole_again_after_a_5xx(sb: Sandbox) -> None:
    lead = a_lead(sb)
    failures = [1]

    class FirstFails(httpx.BaseTransport):
        def __init__(self) -> None:
            self.inner = sb.transport()
            self.bodies: list[bytes] = []

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/photo"):
                self.bodies.append(request.read())
                if failures:
                    failures.pop()
                    return httpx.Response(
                        500, json={"code": "INTERNAL_ERROR", "details": {}, "message": "x", "status": "error"}
                    )
            return self.inner.handle_request(request)

    transport = FirstFails()
    with ZohoCRM(sb.credentials, transport=transport, **client_kwargs(sb)) as crm:
        crm.records.upload_photo("Leads", lead, body={"file": io.BytesIO(GIF)})
    assert len(transport.bodies) == 2
    assert transport.bodies[0] == transport.bodies[1]
    assert sb.photo("Leads", lead) == GIF


@pytest.mark.anyio
async def test_async_upload_and_download(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    lead = a_lead(sb)
    await acrm.records.upload_photo("Leads", lead, body={"file": GIF}, restrict_triggers="workflow")
    assert await acrm.records.download_photo("Leads", lead) == GIF
    raw = await acrm.records.with_raw_response.delete_photo("Leads", lead, extra_headers={"X-Probe": "1"})
    assert raw.json()["message"] == "Photo deleted"
    assert [r.method for r in photo_calls(arecorder)] == ["POST", "GET", "DELETE"]


def test_over_real_loopback_http(tmp_path: Path) -> None:
    image = tmp_path / "me.png"
    image.write_bytes(PNG)
    with Sandbox(mode="http") as box:
        assert box.api_domain.startswith("http://127.0.0.1:")
        lead = a_lead(box)
        with ZohoCRM(box.credentials, **client_kwargs(box)) as crm, image.open("rb") as file:
            crm.records.upload_photo("Leads", lead, body={"file": file})
            assert crm.records.download_photo("Leads", lead) == PNG


# rich text -------------------------------------------------------------------------------------------


@pytest.fixture
def rich(sb: Sandbox) -> list[str]:
    sb.register_module("Reviews")
    sb.mark_rich_text("Reviews", "Summary")
    sb.mark_rich_text("Reviews", "Notes")
    return sb.seed(
        "Reviews", [{"Name": "one", "Summary": LONG, "Notes": "<b>n</b>"}, {"Name": "two", "Summary": "<i>s</i>"}]
    )


def test_a_listing_cuts_rich_text_and_rich_text_reads_it_whole(rich: list[str], crm: ZohoCRM) -> None:
    first, second = rich
    summary = next(f for f in crm.metadata.fields("Reviews") if f["api_name"] == "Summary")
    assert (summary["data_type"], summary["textarea"], summary["length"]) == ("textarea", {"type": "rich_text"}, 50000)
    listed = {r["id"]: r for r in crm.records.list("Reviews", fields=["Name", "Summary"])}
    assert len(listed[first]["Summary"]) == 500
    assert crm.records.rich_text("Reviews", first) == {"id": first, "Summary": LONG, "Notes": "<b>n</b>"}
    assert crm.records.rich_text("Reviews", first, fields=["Summary"]) == {"id": first, "Summary": LONG}
    assert crm.records.rich_text("Reviews", "3652397000000000001") is None
    several = crm.records.rich_texts("Reviews", ids=[second, "3652397000000000001", first], fields="Summary")
    assert several == [{"id": second, "Summary": "<i>s</i>"}, {"id": first, "Summary": LONG}]
    assert crm.records.rich_texts("Reviews", ids=["3652397000000000001"], fields="Summary") == []


def test_a_field_that_is_not_rich_text_is_refused(rich: list[str], crm: ZohoCRM) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        crm.records.rich_text("Reviews", rich[0], fields=["Name"])
    assert (refused.value.code, refused.value.details["api_name"]) == ("INVALID_DATA", "Name")


def test_rich_texts_takes_200_ids_and_refuses_201_before_sending(
    rich: list[str], crm: ZohoCRM, recorder: Recorder
) -> None:
    ids = [*rich, *(str(3652397000000000001 + i) for i in range(198))]
    assert len(crm.records.rich_texts("Reviews", ids=ids, fields="Summary")) == 2
    sent = len(recorder.requests)
    with pytest.raises(ZohoValidationError, match="get_rich_text_records: ids takes 1 to 200 items, got 201"):
        crm.records.rich_texts("Reviews", ids=[*ids, "3652397000000999999"], fields="Summary")
    assert len(recorder.requests) == sent


def test_rich_text_refuses_an_answer_for_another_record(sb: Sandbox, rich: list[str]) -> None:
    other = {"data": [{"id": rich[1], "Summary": "x"}]}
    mock = httpx.MockTransport(
        lambda request: (
            httpx.Response(200, json=other)
            if request.url.path.endswith("fetch_full_data")
            else sb.transport().handle_request(request)
        )
    )
    with ZohoCRM(sb.credentials, transport=mock, **client_kwargs(sb)) as crm, pytest.raises(InvalidResponseError):
        crm.records.rich_text("Reviews", rich[0])


@pytest.mark.anyio
async def test_async_rich_text(rich: list[str], acrm: AsyncZohoCRM) -> None:
    assert await acrm.records.rich_texts("Reviews", ids=rich, fields=["Notes"]) == [
        {"id": rich[0], "Notes": "<b>n</b>"},
        {"id": rich[1], "Notes": None},
    ]


USAGE = """
from zoho_crm import ZohoCRM

def use(crm: ZohoCRM) -> None:
    photo: bytes | None = crm.records.download_photo("Leads", "1")
    crm.records.upload_photo("Leads", "1", body={"file": b"x"}, restrict_triggers="workflow")
    texts: list[dict[str, object]] = crm.records.rich_texts("Leads", ids=["1"], fields="A")
    crm.records.upload_photo("Leads", "1", body={"file": b"x"}, restrict_trigers="workflow")
    crm.records.upload_photo("Leads", "1", body={"file": b"x"}, restrict_triggers="workflows")
    crm.records.rich_texts("Leads", ids=["1"], feilds="A")
    crm.records.rich_text("Leads", "1", field="A")
    crm.records.get_rich_text_records("Leads", ids="1")
"""


def test_mypy_strict_refuses_misspelt_keywords_and_bad_values(tmp_path: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE, encoding="utf-8")
    errors, output = strict_errors(usage)
    assert [line.split(":")[1] for line in errors] == ["8", "9", "10", "10", "11", "12"], output
