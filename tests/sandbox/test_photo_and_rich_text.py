"""The sandbox's photo and rich text operations over raw HTTP: multipart bodies read as forms, downloads
answered as bytes in their declared media type, list limits from the spec's ``x-zoho-items``."""

from __future__ import annotations

import httpx
import pytest

from zoho_crm.testing import Sandbox
from zoho_crm.testing._contract import ResponseSpec, check_body, load_contract

from .conftest import error_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 32


def a_lead(sb: Sandbox) -> str:
    (lead,) = sb.seed("Leads", [{"Last_Name": "Photo"}])
    return lead


def test_a_form_upload_is_read_and_downloaded_as_bytes(sb: Sandbox, api: httpx.Client) -> None:
    lead = a_lead(sb)
    answer = api.post(
        f"/Leads/{lead}/photo",
        params={"restrict_triggers": "workflow"},
        files={"file": ("me.png", PNG, "image/png")},
        data={"note": "a plain field beside it"},
    )
    assert (answer.status_code, answer.json()["message"]) == (200, "photo uploaded successfully")
    download = api.get(f"/Leads/{lead}/photo")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/x-download"
    assert download.headers["content-disposition"] == 'attachment; filename="me.png"'
    assert (download.content, download.headers["content-length"]) == (PNG, str(len(PNG)))
    assert sb.violations == []


def test_a_body_that_is_not_a_form_is_refused(sb: Sandbox, api: httpx.Client) -> None:
    lead = a_lead(sb)
    as_json = api.post(f"/Leads/{lead}/photo", json={"file": "x"})
    assert error_of(as_json) == (400, "INVALID_REQUEST")
    assert as_json.json()["details"] == {"expected_type": "Multipart Form Request"}
    no_boundary = api.post(f"/Leads/{lead}/photo", content=b"x", headers={"Content-Type": "multipart/form-data"})
    assert error_of(no_boundary) == (400, "INVALID_REQUEST")
    no_file = api.post(f"/Leads/{lead}/photo", files={"picture": ("me.png", PNG)})
    assert error_of(no_file) == (400, "INVALID_DATA")
    assert no_file.json()["details"] == {"param_name": "file"}
    assert sb.photo("Leads", lead) is None


def test_what_the_upload_page_forbids(sb: Sandbox, api: httpx.Client) -> None:
    lead = a_lead(sb)
    text = api.post(f"/Leads/{lead}/photo", files={"file": ("a.txt", b"hello")})
    assert error_of(text) == (400, "INVALID_DATA")
    huge = api.post(f"/Leads/{lead}/photo", files={"file": ("big.png", PNG + b"\x00" * (10 * 1024 * 1024))})
    assert error_of(huge) == (400, "FILE_SIZE_MORE_THAN_ALLOWED_SIZE")
    campaign = sb.seed("Campaigns", [{"Campaign_Name": "c"}])[0]
    assert error_of(api.post(f"/Campaigns/{campaign}/photo", files={"file": PNG})) == (400, "INVALID_MODULE")
    unknown = api.post("/Leads/3652397000000000001/photo", files={"file": PNG})
    assert error_of(unknown) == (400, "INVALID_DATA")
    assert api.get("/Leads/3652397000000000001/photo").status_code == 204
    assert error_of(api.delete(f"/Leads/{lead}/photo"))[1] == "INVALID_DATA"
    assert sb.violations == []


def test_a_deleted_record_takes_its_photo(sb: Sandbox, api: httpx.Client) -> None:
    lead = a_lead(sb)
    assert api.post(f"/Leads/{lead}/photo", files={"file": PNG}).status_code == 200
    assert api.delete(f"/Leads/{lead}").status_code == 200
    assert api.get(f"/Leads/{lead}/photo").status_code == 204


def test_a_related_list_is_not_a_photo_and_a_photo_not_a_related_list(sb: Sandbox, api: httpx.Client) -> None:
    lead = a_lead(sb)
    assert api.get(f"/Leads/{lead}/Notes", params={"fields": "Note_Title"}).status_code == 204
    assert api.get(f"/Leads/{lead}/photo").status_code == 204  # the literal segment wins


def test_a_list_limit_comes_from_x_zoho_items(sb: Sandbox, api: httpx.Client) -> None:
    sb.register_module("Reviews")
    sb.mark_rich_text("Reviews", "Summary")
    (review,) = sb.seed("Reviews", [{"Name": "one", "Summary": "<b>s</b>"}])
    ids = [review, *(str(3652397000000000001 + i) for i in range(149))]
    ok = api.get("/Reviews/actions/fetch_full_data", params={"ids": ",".join(ids), "fields": "Summary"})
    assert (ok.status_code, ok.json()) == (200, {"data": [{"id": review, "Summary": "<b>s</b>"}]})
    ids += [str(3652397000000100001 + i) for i in range(51)]
    too_many = api.get("/Reviews/actions/fetch_full_data", params={"ids": ",".join(ids), "fields": "Summary"})
    assert error_of(too_many) == (400, "LIMIT_EXCEEDED")
    assert too_many.json()["details"] == {"param_name": "ids", "limit": 200}
    deleting = api.delete("/Leads", params={"ids": ",".join(ids[:101])})  # no x-zoho-items: Zoho's 100
    assert error_of(deleting) == (400, "LIMIT_EXCEEDED")
    assert deleting.json()["details"]["limit"] == 100


@pytest.mark.parametrize(
    ("media", "body", "content_type", "wrong"),
    [
        ((), b"x", "application/octet-stream", "not bytes"),
        (("application/x-download",), b"x", "image/png", "not image/png"),
        (("application/x-download",), {"a": 1}, None, "(bytes), not JSON"),
        (("image/*",), b"x", "image/png", None),
        (("application/x-download",), b"x", "application/x-download; charset=binary", None),
    ],
)
def test_a_bytes_answer_is_checked_against_the_declared_media(
    media: tuple[str, ...], body: object, content_type: str | None, wrong: str | None
) -> None:
    found = check_body(ResponseSpec(200, None, frozenset(), media), body, "full", content_type)
    assert (wrong in found[0]) if wrong else found == [], found


def test_the_contract_reads_the_form_and_the_media() -> None:
    contract = load_contract()
    upload, download = contract.operations["upload_photo"], contract.operations["download_photo"]
    assert (upload.form, upload.body, download.form) == (("file",), None, None)
    assert download.responses[200].media == ("application/x-download",)
    ids = next(p for p in contract.operations["get_rich_text_records"].params if p.name == "ids")
    assert ids.max_items == 200
