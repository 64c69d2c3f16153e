"""The token endpoint under stress: typed errors, bounded attempts, no retry storm."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import tracemalloc
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from zoho_crm import AsyncZohoCRM, RefreshTokenCredentials, RetryPolicy, ZohoCRM
from zoho_crm._oauth import TOKEN_ANSWER_BYTES
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
    assert 1 <= token_requests <= 40  # at most one per call (calls at once share one): refusals are never retried
    report["token endpoint: invalid_client calls refused"] += 40


def test_invalid_refresh_token_under_load_is_typed_and_bounded() -> None:
    with sandbox() as sb:
        creds = RefreshTokenCredentials(sb.credentials.client_id, sb.credentials.client_secret, "1000.revoked.token")
        errors, token_requests = hammer(sb, creds, 40)
    assert errors == Counter({"InvalidTokenGrantError": 40})
    assert 1 <= token_requests <= 40


def test_throttled_refreshes_are_typed_and_not_retried(report: Counter[str]) -> None:
    with sandbox(refresh_limit=3) as sb:
        for _ in range(3):
            with ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url,
                         transport=sb.transport()) as crm:  # fmt: skip
                crm.records.count("Leads")
        errors, token_requests = hammer(sb, sb.credentials, 30)
    assert errors == Counter({"TokenRefreshThrottledError": 30})
    assert 1 <= token_requests <= 30
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


class Offering(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A token answer of ``size`` bytes offered in 64 KiB chunks (whitespace, then a token), counting what is read."""

    def __init__(self, size: int, chunk: bytes = b" " * 65536) -> None:
        self.size, self.chunk, self.read = size, chunk, 0

    def __iter__(self) -> Iterator[bytes]:
        while self.read < self.size:
            self.read += len(self.chunk)
            yield self.chunk
        yield b'{"access_token": "1000.abc.def", "expires_in": 3600}'

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


def refreshing(handler: Callable[[httpx.Request], httpx.Response], mode: str) -> Callable[[], object]:
    """Count Leads on a fresh client whose token endpoint answers with ``handler``."""
    kwargs: dict[str, Any] = {"api_domain": "https://www.zohoapis.com", "retry": NO_RETRY}
    creds = RefreshTokenCredentials("id", "secret", "refresh")
    if mode == "sync":
        return lambda: ZohoCRM(creds, transport=httpx.MockTransport(handler), **kwargs).records.count("Leads")

    async def count() -> int:
        async with AsyncZohoCRM(creds, transport=httpx.MockTransport(handler), **kwargs) as crm:
            return await crm.records.count("Leads")

    return lambda: asyncio.run(count())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_huge_token_answer_is_refused_at_the_cap_and_held_back(mode: str) -> None:
    streams: list[Offering] = []

    def handler(request: httpx.Request) -> httpx.Response:
        streams.append(Offering(64 << 20))
        return httpx.Response(200, stream=streams[-1])

    call = refreshing(handler, mode)
    with pytest.raises(TokenEndpointError, match="cannot be read"):
        call()
    assert len(streams) == 1  # a 200: Zoho may have minted a token, so it is not asked again
    assert streams[0].read <= TOKEN_ANSWER_BYTES + 65536


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("coding", "body"), [("gzip", b"not gzip"), ("br", b"\x00"), ("gzip, gzip", b"")])
def test_a_token_answer_not_in_its_encoding_is_a_token_endpoint_error(mode: str, coding: str, body: bytes) -> None:
    answer = httpx.Response(200, headers={"Content-Encoding": coding}, stream=httpx.ByteStream(body))
    with pytest.raises(TokenEndpointError, match="cannot be read"):
        refreshing(lambda request: answer, mode)()


def test_a_gzipped_token_answer_is_read_and_a_gzip_bomb_is_not() -> None:
    token = gzip.compress(b'{"access_token": "1000.abc.def", "expires_in": 3600}')
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/v2/token":
            seen.append(request.headers["accept-encoding"])
            return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(token))
        return httpx.Response(200, json={"count": 7})

    assert refreshing(handler, "sync")() == 7
    assert seen == ["gzip, deflate"]
    bomb = gzip.compress(b" " * (256 << 20))  # 256 MiB of whitespace in about 250 KiB
    answer = httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(bomb))
    tracemalloc.start()
    try:
        with pytest.raises(TokenEndpointError, match="cannot be read"):
            refreshing(lambda request: answer, "sync")()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20


def trickling_server(body: bytes, every: float, head_too: bool = False) -> tuple[str, list[int], threading.Event]:
    """A token endpoint on 127.0.0.1 sending its answer's body a byte per ``every`` seconds (bytes sent per answer)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    sent: list[int] = []
    done = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            conn.recv(65536)
            head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            slow = head.encode() + body if head_too else body
            if not head_too:
                conn.sendall(head.encode())
            sent.append(0)
            for i in range(len(slow)):
                if done.wait(every):
                    return
                try:
                    conn.sendall(slow[i : i + 1])
                except OSError:  # the client gave up
                    return
                sent[-1] += 1

    def serve() -> None:
        srv.settimeout(0.2)
        while not done.is_set():
            try:
                conn, _ = srv.accept()
            except TimeoutError:
                continue
            threading.Thread(target=answer, args=(conn,), daemon=True).start()
        srv.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{srv.getsockname()[1]}", sent, done


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("head_too", [False, True], ids=["body", "head"])
def test_a_trickled_token_answer_is_given_up_at_each_attempts_deadline(mode: str, head_too: bool) -> None:
    body = b'{"access_token": "1000.abc.def", "expires_in": 3600}' + b" " * 200
    url, sent, done = trickling_server(body, 0.02, head_too)  # every read gets a byte well within 0.3 s
    kwargs: dict[str, Any] = {"api_domain": url, "accounts_url": url, "retry": NO_RETRY, "timeout": httpx.Timeout(0.3)}
    creds = RefreshTokenCredentials("id", "secret", "refresh")

    # The token flow itself: within a call, the call's attempt ends first (test_bounds.py).
    async def refresh() -> object:
        async with AsyncZohoCRM(creds, **kwargs) as crm:
            crm.tokens._sleep = lambda seconds: None
            return await crm.tokens.aget()

    def sync_refresh() -> object:
        with ZohoCRM(creds, **kwargs) as crm:
            crm.tokens._sleep = lambda seconds: None
            return crm.tokens.get()

    try:
        with pytest.raises(TokenEndpointError, match="failed 3 times"):
            sync_refresh() if mode == "sync" else asyncio.run(refresh())
    finally:
        done.set()
    assert len(sent) == 3
    assert all(n < 40 for n in sent)  # each attempt stopped at its deadline: about 15 bytes fit in 0.3 s
