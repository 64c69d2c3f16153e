"""The token endpoint under stress: typed errors, bounded attempts, no retry storm."""

from __future__ import annotations

import socket
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from zoho_crm import RefreshTokenCredentials, RetryPolicy, ZohoCRM
from zoho_crm.errors import (
    InvalidClientError,
    InvalidTokenGrantError,
    TokenEndpointError,
    TokenError,
    TokenRefreshThrottledError,
)
from zoho_crm.testing import Sandbox, sandbox

NO_RETRY = RetryPolicy(max_attempts=1)


class Counting(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.token_requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/v2/token":
            self.token_requests += 1
        return self.inner.handle_request(request)


def hammer(sb: Sandbox, creds: RefreshTokenCredentials, calls: int) -> tuple[Counter[str], int]:
    transport = Counting(sb.transport())
    errors: Counter[str] = Counter()
    with ZohoCRM(creds, api_domain=sb.api_domain, accounts_url=sb.accounts_url, transport=transport,
                 retry=NO_RETRY) as crm:  # fmt: skip

        def one(_: int) -> None:
            try:
                crm.records.count("Leads")
            except TokenError as exc:
                errors[type(exc).__name__] += 1

        with ThreadPoolExecutor(10) as pool:
            list(pool.map(one, range(calls)))
    return errors, transport.token_requests


def test_invalid_client_under_load_is_typed_and_bounded(report: Counter[str]) -> None:
    with sandbox() as sb:
        creds = RefreshTokenCredentials(sb.credentials.client_id, "not-the-secret", sb.credentials.refresh_token)
        errors, token_requests = hammer(sb, creds, 40)
    assert errors == Counter({"InvalidClientError": 40})
    assert token_requests == 40  # one attempt per call: refusals are final, never retried
    report["token endpoint: invalid_client calls refused"] += 40


def test_invalid_refresh_token_under_load_is_typed_and_bounded() -> None:
    with sandbox() as sb:
        creds = RefreshTokenCredentials(sb.credentials.client_id, sb.credentials.client_secret, "1000.revoked.token")
        errors, token_requests = hammer(sb, creds, 40)
    assert errors == Counter({"InvalidTokenGrantError": 40})
    assert token_requests == 40


def test_throttled_refreshes_are_typed_and_not_retried(report: Counter[str]) -> None:
    with sandbox(refresh_limit=3) as sb:
        for _ in range(3):
            with ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url,
                         transport=sb.transport()) as crm:  # fmt: skip
                crm.records.count("Leads")
        errors, token_requests = hammer(sb, sb.credentials, 30)
    assert errors == Counter({"TokenRefreshThrottledError": 30})
    assert token_requests == 30
    report["token endpoint: throttled calls refused"] += 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_token_endpoint_down_gives_up_after_three_attempts() -> None:
    transport = Counting(httpx.HTTPTransport())
    dead = f"http://127.0.0.1:{free_port()}"
    with ZohoCRM(RefreshTokenCredentials("id", "secret", "refresh"), api_domain=dead, accounts_url=dead,
                 transport=transport, retry=NO_RETRY) as crm:  # fmt: skip
        crm.tokens._sleep = lambda seconds: None  # no waiting in tests; the attempts are what we count
        with pytest.raises(TokenEndpointError) as info:
            crm.records.count("Leads")
    assert transport.token_requests == 3
    assert "failed 3 times" in str(info.value)
    assert "secret" not in str(info.value)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (503, b"<html><body>Service Unavailable</body></html>", TokenEndpointError),
        (200, b"not json", TokenEndpointError),
        (200, b"[]", TokenEndpointError),
        (200, b'{"error": "invalid_client"}', InvalidClientError),
        (200, b'{"error": "invalid_code"}', InvalidTokenGrantError),
        (200, b'{"error": "Access Denied", "error_description": "too many", "status": "failure"}',
         TokenRefreshThrottledError),
        (400, b'{"error": "something_new"}', TokenError),
    ],
)  # fmt: skip
def test_token_endpoint_answers_become_typed_errors(status: int, body: bytes, expected: type[Exception]) -> None:
    attempts = Counter[str]()

    def handler(request: httpx.Request) -> httpx.Response:
        attempts["token"] += 1
        return httpx.Response(status, content=body)

    with ZohoCRM(RefreshTokenCredentials("id", "secret", "refresh"), api_domain="https://www.zohoapis.com",
                 transport=httpx.MockTransport(handler), retry=NO_RETRY) as crm:  # fmt: skip
        crm.tokens._sleep = lambda seconds: None
        with pytest.raises(expected):
            crm.records.count("Leads")
    assert attempts["token"] <= 3
