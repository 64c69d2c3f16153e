"""A server that echoes the request's secrets back: none of them reaches an error, by any road.

Zoho's token endpoint and API (or a proxy in front of them) may answer with what they were sent: the
client secret in the OAuth ``error``, the ``Authorization`` header in an error ``code``, a token in an
HTML page long enough to be cut for the message, or a body that is not JSON at all. Every text an error
exposes is searched: ``str``, ``repr``, ``args``, its attributes, its traceback, and every exception
chained to it (``__cause__`` and ``__context__``, suppressed or not).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

import httpx
import pytest

from zoho_crm import AccessTokenCredentials, Failure, RefreshTokenCredentials, RetryPolicy, ZohoCRM
from zoho_crm.errors import ZohoError

CLIENT_SECRET = "9f3b2c7d1e4a5b6c8d0e1f2a3b4c5d6e7f8a9b0c1d"  # no token shape: only known by value
REFRESH_TOKEN = "1000.0123456789abcdef0123456789abcdef.fedcba9876543210fedcba9876543210"
ACCESS_TOKEN = "1000.aaaabbbbccccddddeeeeffff00001111.22223333444455556666777788889999"
SECRETS = (CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN)
PIECES = tuple(secret[i : i + 12] for secret in SECRETS for i in range(5, len(secret) - 12, 6))


def texts(exc: BaseException | None, seen: set[int] | None = None) -> list[str]:
    """Everything ``exc`` and the exceptions chained to it show."""
    seen = set() if seen is None else seen
    if exc is None or id(exc) in seen:
        return []
    seen.add(id(exc))
    found = [str(exc), repr(exc), repr(exc.args), *map(repr, vars(exc).values())]
    found.append("".join(traceback.format_exception(exc)))
    return found + texts(exc.__cause__, seen) + texts(exc.__context__, seen)


def assert_nothing_leaks(exc: BaseException) -> None:
    shown = "\n".join(texts(exc))
    assert not [piece for piece in PIECES if piece in shown], shown


def client(answer: Callable[[httpx.Request], httpx.Response], *, refresh: bool = False) -> ZohoCRM:
    credentials = (
        RefreshTokenCredentials("1000.CLIENTID", CLIENT_SECRET, REFRESH_TOKEN)
        if refresh
        else AccessTokenCredentials(ACCESS_TOKEN)
    )
    return ZohoCRM(
        credentials,
        api_domain="https://www.zohoapis.com",
        accounts_url="https://accounts.zoho.com",
        transport=httpx.MockTransport(answer),
        retry=RetryPolicy(max_attempts=1),
    )


def token(request: httpx.Request) -> str:
    return request.headers["authorization"].rsplit(" ", 1)[-1]


@pytest.mark.parametrize("echoed", [CLIENT_SECRET, REFRESH_TOKEN])
def test_the_token_endpoints_error_field_is_redacted(echoed: str) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"error": f"invalid_client_secret {echoed}"})

    with client(answer, refresh=True) as crm, pytest.raises(ZohoError) as caught:
        crm.records.count("Leads")
    assert str(caught.value.code).startswith("invalid_client_secret")
    assert_nothing_leaks(caught.value)


@pytest.mark.parametrize(
    "body", [b"<html>bad request, secret " + CLIENT_SECRET.encode() + b"</html>", b"\xff\xfe" + CLIENT_SECRET.encode()]
)
def test_a_token_answer_that_is_not_json_keeps_no_body_in_its_context(body: bytes) -> None:
    with (
        client(lambda request: httpx.Response(400, content=body), refresh=True) as crm,
        pytest.raises(ZohoError) as caught,
    ):
        crm.records.count("Leads")
    assert "not JSON" in caught.value.message
    assert_nothing_leaks(caught.value)


def test_an_error_code_echoing_the_authorization_header_is_redacted() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        code = "BAD_HEADER:" + request.headers["authorization"]
        return httpx.Response(400, json={"code": code, "message": "rejected", "details": {}, "status": "error"})

    with client(answer) as crm:
        with pytest.raises(ZohoError) as caught:
            crm.records.count("Leads")
        outcome = crm.records.insert("Leads", [{"Last_Name": "Burns"}]).outcomes[0]
    assert str(caught.value.code).startswith("BAD_HEADER:")
    assert_nothing_leaks(caught.value)
    assert isinstance(outcome, Failure)
    assert str(outcome.code).startswith("BAD_HEADER:")
    assert not [piece for piece in PIECES if piece in repr(outcome)]


@pytest.mark.parametrize("before", range(60, 130, 7))  # the token cut by the 120 characters shown, or not
@pytest.mark.parametrize("as_json", [False, True])
def test_a_long_answer_echoing_the_token_is_redacted_before_it_is_cut(before: int, as_json: bool) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if as_json:  # JSON, but not Zoho's envelope
            return httpx.Response(503, json={"gateway": "x" * (before - 16), "rejected": token(request)})
        return httpx.Response(502, text="<p>" + "x" * before + " upstream refused " + token(request) + " again</p>")

    with client(answer) as crm, pytest.raises(ZohoError) as caught:
        crm.records.count("Leads")
    assert caught.value.status_code in (502, 503)
    assert_nothing_leaks(caught.value)


def test_a_success_that_is_not_json_keeps_no_body_in_its_context() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=f"debug echo: {request.headers['authorization']}")

    with client(answer) as crm, pytest.raises(ZohoError) as caught:
        crm.records.count("Leads")
    assert caught.value.__context__ is None
    assert_nothing_leaks(caught.value)
