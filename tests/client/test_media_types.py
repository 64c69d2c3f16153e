"""Bodies and answers that are not JSON: a multipart upload's fields, a download's bytes.

A record's photo has both (tests/client/test_photo_and_rich_text.py calls it against the sandbox);
tests/spine/test_spec_names.py adds two more to a copy of the repository and calls them end to end.
These pin the runtime's part.
"""

from __future__ import annotations

import io
import math

import httpx
import pytest

from zoho_crm import ZohoValidationError
from zoho_crm._plans import Body
from zoho_crm._runtime import parsed
from zoho_crm.errors import NotFoundError


def _closed() -> io.BytesIO:
    closed = io.BytesIO(b"x")
    closed.close()
    return closed


def test_multipart_fields_are_files_text_or_json() -> None:
    upload = io.BytesIO(b"content")
    parts = Body(
        {
            "file": b"raw",
            "open": upload,
            "named": ("a.txt", b"x", "text/plain"),
            "copy": bytearray(b"ba"),
            "title": "Été",
            "count": 3,
            "private": True,
            "meta": {"a": [1]},
            "left_out": None,
        }
    ).to_multipart()
    assert parts == [
        ("file", b"raw"),
        ("open", upload),
        ("named", ("a.txt", b"x", "text/plain")),
        ("copy", b"ba"),
        ("title", (None, "Été".encode(), "text/plain")),
        ("count", (None, b"3", "text/plain")),
        ("private", (None, b"true", "text/plain")),
        ("meta", (None, b'{"a":[1]}', "application/json")),
    ]
    request = httpx.Request("POST", "https://www.zohoapis.com/x", files=parts)
    assert b'name="title"\r\nContent-Type: text/plain\r\n\r\n\xc3\x89t\xc3\xa9\r\n' in request.read()


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"file": object()}, "body['file']"),
        ({"file": ("a.txt", 1)}, "body['file']"),
        ({"file": ("a.txt", b"x", 3)}, "body['file']"),
        ({"file": math.nan}, "body['file']"),
        ({"file": 10**400}, "body['file']"),
        ({"title": "\ud800"}, "body['title']"),
        ({"meta": {"a": math.inf}}, "meta"),
        ({1: b"x"}, "body[1]"),
        ({"file": io.StringIO("text")}, "body['file']"),  # a text file: httpx wants bytes
        ({"file": _closed()}, "body['file']"),
        ({"file": ("a.txt", b"x", "text/plain\r\nX-Evil: 1")}, "body['file']"),  # no header smuggled in
        ({"file": ("\ud800.txt", b"x")}, "body['file']"),
        ({"file": ("a.txt", "\ud800")}, "body['file']"),
    ],
)
def test_a_multipart_field_httpx_cannot_send_is_refused_naming_it(body: dict[object, object], named: str) -> None:
    with pytest.raises(ZohoValidationError, match=named.replace("[", r"\[")):
        Body(body).to_multipart()


def _answer(status: int, content: bytes = b"", content_type: str = "image/png") -> httpx.Response:
    request = httpx.Request("GET", "https://www.zohoapis.com/crm/v8/Leads/1/photo")
    return httpx.Response(status, content=content, headers={"Content-Type": content_type}, request=request)


def test_a_binary_answer_is_its_bytes_and_an_error_answer_still_its_typed_error() -> None:
    assert parsed(_answer(200, b"\x89PNG"), binary=True) == b"\x89PNG"
    assert parsed(_answer(204), binary=True) is None
    body = b'{"code": "INVALID_URL_PATTERN", "message": "no photo", "status": "error"}'
    with pytest.raises(NotFoundError, match="no photo"):
        parsed(_answer(404, body, "application/json"), binary=True)
