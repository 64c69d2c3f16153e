"""Every wait and every answer bounded, no secret in an error, caller mistakes typed (#19 §10-16, #21).

Hostile answers come from ``httpx.MockTransport`` handlers, or from a tiny raw server on 127.0.0.1
that trickles its answer (a real socket, so the deadline is tested against real reads).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email.utils
import json
import pickle
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from zoho_crm import (
    AccessTokenCredentials,
    AsyncZohoCRM,
    Failure,
    RefreshTokenCredentials,
    RetryPolicy,
    ZohoCRM,
    errors,
)
from zoho_crm.errors import (
    AnswerTooLargeError,
    APIConnectionError,
    APITimeoutError,
    BatchError,
    EventLoopError,
    InvalidRequestError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    ZohoError,
    ZohoValidationError,
)
from zoho_crm.retries import retry_after_seconds

TOKEN = "1000.4f1c8e0d6a7b2c3d4e5f60718293a4b5.0a1b2c3d4e5f60718293a4b5c6d7e8f9"
BARE = "sekret-token-without-shape"
NO_RETRY = RetryPolicy(max_attempts=1)
NO_WAIT = RetryPolicy(max_attempts=3, initial_backoff=0.0, max_backoff=0.0)
Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def sync_client(handler: Handler, token: str = TOKEN, **kw: Any) -> ZohoCRM:
    kw.setdefault("retry", NO_RETRY)
    return ZohoCRM(AccessTokenCredentials(token), api_domain="https://www.zohoapis.com",
                   transport=httpx.MockTransport(handler), **kw)  # fmt: skip


def async_client(handler: Handler, token: str = TOKEN, **kw: Any) -> AsyncZohoCRM:
    kw.setdefault("retry", NO_RETRY)
    return AsyncZohoCRM(AccessTokenCredentials(token), api_domain="https://www.zohoapis.com",
                        transport=httpx.MockTransport(handler), **kw)  # fmt: skip


def envelope(code: str, message: str = "refused", **details: Any) -> dict[str, Any]:
    return {"code": code, "details": details, "message": message, "status": "error"}


def page(ids: list[str], more: bool, token: str | None = None) -> httpx.Response:
    info = {"per_page": 200, "count": len(ids), "more_records": more, "next_page_token": token}
    return httpx.Response(200, json={"data": [{"id": i} for i in ids], "info": info})


# §10 — no token or secret reachable from an exception


def _leaks(err: BaseException, *secrets: str) -> list[str]:
    """Where a secret shows: str, repr, details, the pickled form, or anything on the cause/context chain."""
    found = []
    seen: set[int] = set()
    chain: list[BaseException | None] = [err]
    while chain:
        exc = chain.pop()
        if exc is None or id(exc) in seen:
            continue
        seen.add(id(exc))
        texts = {"str": str(exc), "repr": repr(exc), "details": repr(getattr(exc, "details", ""))}
        with contextlib.suppress(AttributeError, RuntimeError):
            texts["request"] = repr(dict(exc.request.headers)) + repr(exc.request.content)  # type: ignore[attr-defined]
        with contextlib.suppress(Exception):  # an httpx exception on the chain need not pickle; ours must
            texts["pickle"] = repr(pickle.dumps(exc))
        found += [f"{type(exc).__name__}.{k}" for k, v in texts.items() for s in secrets if s in v]
        chain += [exc.__cause__, exc.__context__]
    return found


def _refused(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def _echo(status: int) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        auth = request.headers["authorization"]
        if status == 200:  # an error envelope that echoes the request into its message and details
            bare = auth.split()[-1]
            body = envelope("INVALID_DATA", f"bad request with {auth}", header=auth, echo={"deep": [bare]})
            return httpx.Response(200, json=body)
        return httpx.Response(status, text=f"<html>{status}: token={auth.split()[-1]} {dict(request.headers)}</html>")

    return handler


@pytest.mark.parametrize("token", [TOKEN, BARE])
@pytest.mark.parametrize("handler", [_refused, _echo(400), _echo(502), _echo(200)], ids=["drop", "400", "502", "200"])
def test_no_token_reachable_from_a_sync_error(handler: Handler, token: str) -> None:
    with pytest.raises(ZohoError) as info:
        sync_client(handler, token).records.list("Leads", fields=["Email"])
    assert _leaks(info.value, token) == []


@pytest.mark.parametrize("token", [TOKEN, BARE])
@pytest.mark.parametrize("handler", [_refused, _echo(400), _echo(502), _echo(200)], ids=["drop", "400", "502", "200"])
@pytest.mark.anyio
async def test_no_token_reachable_from_an_async_error(handler: Handler, token: str) -> None:
    async with async_client(handler, token) as crm:
        with pytest.raises(ZohoError) as info:
            await crm.records.list("Leads", fields=["Email"])
    assert _leaks(info.value, token) == []


def test_a_dropped_connection_keeps_a_sanitized_cause() -> None:
    with pytest.raises(APIConnectionError) as info:
        sync_client(_refused).records.count("Leads")
    cause = info.value.__cause__
    assert isinstance(cause, httpx.ConnectError)
    assert "connection refused" in str(cause)
    with pytest.raises(RuntimeError):
        cause.request  # noqa: B018 - the copy has no request, so no headers to leak
    assert info.value.__context__ is None or info.value.__context__ is cause


def test_batch_failures_hold_no_token() -> None:
    result = sync_client(_echo(400)).records.insert("Leads", [{"Last_Name": "x"}] * 3)
    assert len(result.failed) == 3
    assert TOKEN not in repr(pickle.dumps(result))
    assert TOKEN not in repr(result.failed)


# §16 — every ZohoError pickles; an async client in a second loop is a typed error


def _mixed(request: httpx.Request) -> httpx.Response:
    ok = {"code": "SUCCESS", "status": "success", "message": "added", "details": {"id": "1", "Created_Time": "t"}}
    return httpx.Response(207, json={"data": [ok, envelope("MANDATORY_NOT_FOUND", "missing", api_name="Last_Name")]})


def _all_error_classes() -> list[type[ZohoError]]:
    found = [getattr(errors, name) for name in errors.__all__]
    return [cls for cls in found if isinstance(cls, type) and issubclass(cls, ZohoError)]


@pytest.mark.parametrize("cls", _all_error_classes(), ids=lambda c: c.__name__)
def test_every_error_survives_pickling(cls: type[ZohoError]) -> None:
    if cls is BatchError:
        with pytest.raises(BatchError) as raised:
            sync_client(_mixed).records.insert("Leads", [{"Last_Name": "x"}, {"Email": "y"}]).raise_for_errors()
        error: ZohoError = raised.value
    else:
        error = cls("went wrong", status_code=400, code="SOME_CODE", details={"why": "x"}, method="GET", url="u")
    error.never_sent = True  # type: ignore[attr-defined]
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (str(copy), repr(copy), copy.code, copy.details) == (str(error), repr(error), error.code, error.details)
    assert copy.never_sent is True  # type: ignore[attr-defined]
    if isinstance(copy, BatchError):
        assert copy.result == error.result  # type: ignore[attr-defined]
        assert [f.index for f in copy.failures] == [1]
        assert copy.result.outcomes[0].details == {"id": "1", "Created_Time": "t"}  # type: ignore[attr-defined]


def test_errors_are_exported_from_the_package_and_errors_module() -> None:
    import zoho_crm

    for name in ("AnswerTooLargeError", "PaginationError", "EventLoopError", "APITimeoutError"):
        assert getattr(zoho_crm, name) is getattr(errors, name)


def test_an_async_client_in_a_second_event_loop_is_a_typed_error() -> None:
    crm = async_client(lambda request: httpx.Response(200, json={"count": 3}))
    assert asyncio.run(crm.records.count("Leads")) == 3
    with pytest.raises(EventLoopError, match="another event loop"):
        asyncio.run(crm.records.count("Leads"))


# §11 — the timeout bounds the whole exchange; retries get a total budget


class TrickleServer:
    """A raw HTTP server on 127.0.0.1 that sends its answer a few bytes at a time (``gap`` seconds apart)."""

    def __init__(self, body: bytes, *, gap: float, trickle_headers: bool = False, chunk: int = 1) -> None:
        self.body, self.gap, self.trickle_headers, self.chunk = body, gap, trickle_headers, chunk
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)  # the accept loop sees the stop flag
        self.connections = 0
        self.sent = 0  # trickled bytes sent, all connections
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def __enter__(self) -> TrickleServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(65536)
                head = (
                    f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(self.body)}\r\n\r\n"
                ).encode()
                slow = head + self.body if self.trickle_headers else self.body
                if not self.trickle_headers:
                    conn.sendall(head)
                for i in range(0, len(slow), self.chunk):
                    if self._stop.wait(self.gap):
                        return
                    conn.sendall(slow[i : i + self.chunk])
                    self.sent += len(slow[i : i + self.chunk])
            except OSError:
                return  # the client gave up: stop trickling


ANSWER = json.dumps({"data": [{"id": "1"}], "info": {"more_records": False}}).encode()


def _trickle_client(server: TrickleServer, cls: type[Any], **kw: Any) -> Any:
    kw.setdefault("retry", NO_RETRY)
    return cls(AccessTokenCredentials(TOKEN), api_domain=server.url, **kw)


@pytest.mark.parametrize("trickle_headers", [False, True], ids=["body", "headers"])
def test_a_trickled_answer_cannot_stretch_the_sync_timeout(trickle_headers: bool) -> None:
    # 1 byte every 40 ms: each read is quick, the whole answer takes ~2.4 s (headers ~6 s); the timeout is 0.4 s.
    with TrickleServer(ANSWER, gap=0.04, trickle_headers=trickle_headers) as server:
        with _trickle_client(server, ZohoCRM, timeout=0.4) as crm, pytest.raises(APITimeoutError):
            crm.records.list("Leads", fields=["Email"])
        assert server.sent < 40  # about 10 bytes fit in 0.4 s; the headers alone are over 80


@pytest.mark.anyio
@pytest.mark.parametrize("trickle_headers", [False, True], ids=["body", "headers"])
async def test_a_trickled_answer_cannot_stretch_the_async_timeout(trickle_headers: bool) -> None:
    with TrickleServer(ANSWER, gap=0.04, trickle_headers=trickle_headers) as server:
        async with _trickle_client(server, AsyncZohoCRM, timeout=0.4) as crm:
            with pytest.raises(APITimeoutError):
                await crm.records.list("Leads", fields=["Email"])


def test_the_per_call_timeout_bounds_the_call_too() -> None:
    with TrickleServer(ANSWER, gap=0.04) as server, _trickle_client(server, ZohoCRM, timeout=60) as crm:  # noqa: SIM117
        with pytest.raises(APITimeoutError):
            crm.records.list("Leads", fields=["Email"], timeout=0.4)


TOKEN_AND_COUNT = json.dumps({"access_token": TOKEN, "expires_in": 3600, "token_type": "Bearer", "count": 7}).encode()
REFRESHING = RefreshTokenCredentials("1000.ID", "secret", "1000.refresh")


def test_a_sync_call_out_of_time_leaves_its_token_refresh_to_finish() -> None:
    # Every answer trickles in over ~1 s: the token endpoint's, then the API's. The first call may take
    # 0.4 s: it ends, never sent, while the refresh goes on; the next call waits for that same refresh.
    with TrickleServer(TOKEN_AND_COUNT, gap=0.01) as server:
        with ZohoCRM(REFRESHING, api_domain=server.url, accounts_url=server.url, timeout=60, retry=NO_RETRY) as crm:
            result = crm.records.insert("Leads", [{"Last_Name": "a"}], timeout=0.4)
            assert server.sent < len(TOKEN_AND_COUNT)  # it ended before the token's answer was in
            assert isinstance(result[0], Failure)
            assert result[0].code == "APITimeoutError"
            assert not result[0].uncertain  # the token was not ready: the call never went out
            assert crm.records.count("Leads", timeout=30) == 7
            assert crm.tokens.refreshes == 1  # Zoho's token was kept, not lost with the first call
        assert server.connections == 2  # one token request, one API call


@pytest.mark.anyio
async def test_an_async_call_out_of_time_leaves_its_token_refresh_to_finish() -> None:
    with TrickleServer(TOKEN_AND_COUNT, gap=0.01) as server:
        async with AsyncZohoCRM(
            REFRESHING, api_domain=server.url, accounts_url=server.url, timeout=60, retry=NO_RETRY
        ) as crm:
            with pytest.raises(APITimeoutError) as late:
                await crm.records.count("Leads", timeout=0.4)
            assert late.value.never_sent  # type: ignore[attr-defined]
            assert await crm.records.count("Leads", timeout=30) == 7
            assert crm.tokens.refreshes == 1
        assert server.connections == 2


def test_a_trickle_that_fits_the_timeout_is_read() -> None:
    with TrickleServer(ANSWER, gap=0.0, chunk=7) as server, _trickle_client(server, ZohoCRM, timeout=5) as crm:
        assert crm.records.list("Leads", fields=["Email"]).records == [{"id": "1"}]


def test_retries_end_within_the_budget() -> None:
    # Each attempt times out at 0.3 s; 20 attempts would take 6 s, the budget (max_elapsed) allows 1 s.
    budget = RetryPolicy(max_attempts=20, initial_backoff=0.0, max_backoff=0.0, max_elapsed=1.0)
    with TrickleServer(ANSWER, gap=0.04) as server, _trickle_client(server, ZohoCRM, timeout=0.3, retry=budget) as crm:
        with pytest.raises(APITimeoutError):
            crm.records.list("Leads", fields=["Email"])
        assert 1 <= server.connections <= 5  # 20 attempts allowed, the budget stops them


@pytest.mark.parametrize(
    "timeout",
    [0, -1, float("nan"), float("inf"), pytest.param(10**400, id="10**400"), True, "30", httpx.Timeout(-1),
     httpx.Timeout(5, read=float("nan")), httpx.Timeout(float("inf")), httpx.Timeout(5, pool=0),
     1e12, httpx.Timeout(5, read=1e10)],  # finite, but past what the platform's timers take (OverflowError)
)  # fmt: skip
def test_a_bad_timeout_is_refused(timeout: Any) -> None:
    with pytest.raises(ZohoValidationError, match="timeout"):
        sync_client(lambda r: httpx.Response(200), timeout=timeout)
    with pytest.raises(ZohoValidationError, match="timeout"):
        sync_client(lambda r: httpx.Response(200, json={"count": 1})).records.count("Leads", timeout=timeout)


@pytest.mark.parametrize("seconds", [{"max_elapsed": 1e11}, {"max_backoff": -1}, {"initial_backoff": float("nan")}])
def test_a_retry_policy_with_seconds_no_timer_takes_is_refused(seconds: dict[str, float]) -> None:
    with pytest.raises(ZohoValidationError, match="RetryPolicy's seconds must be from 0 to 10,000,000"):
        RetryPolicy(**seconds)


# §12 — the answer size is capped


class Endless(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer body of ``chunks`` chunks of 1 MiB, counting how many were read."""

    def __init__(self, chunks: int) -> None:
        self.chunks, self.read = chunks, 0

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(self.chunks):
            self.read += 1
            yield b" " * 2**20

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self:
            yield chunk


def _huge(stream: Endless, length: int | None = None) -> Handler:
    headers = {"content-type": "application/json"}
    if length is not None:
        headers["content-length"] = str(length)
    return lambda request: httpx.Response(200, headers=headers, stream=stream)


@pytest.mark.parametrize("length", [None, 30 * 2**20], ids=["chunked", "declared"])
def test_an_answer_past_the_cap_fails_without_reading_the_rest(length: int | None) -> None:
    stream = Endless(30)
    with pytest.raises(AnswerTooLargeError, match="max_answer_bytes"):
        sync_client(_huge(stream, length), max_answer_bytes=4 * 2**20).records.list("Leads", fields=["Email"])
    assert stream.read == (0 if length else 5)


@pytest.mark.anyio
@pytest.mark.parametrize("length", [None, 30 * 2**20], ids=["chunked", "declared"])
async def test_an_async_answer_past_the_cap_fails_without_reading_the_rest(length: int | None) -> None:
    stream = Endless(30)
    async with async_client(_huge(stream, length), max_answer_bytes=4 * 2**20) as crm:
        with pytest.raises(AnswerTooLargeError):
            await crm.records.list("Leads", fields=["Email"])
    assert stream.read == (0 if length else 5)


def test_a_batch_answer_past_the_cap_gives_every_item_an_outcome() -> None:
    result = sync_client(_huge(Endless(30)), max_answer_bytes=2**20).records.insert("Leads", [{"Last_Name": "x"}] * 3)
    assert len(result) == 3
    assert all(isinstance(f, Failure) and f.uncertain for f in result)
    assert {f.code for f in result.failed} == {"AnswerTooLargeError"}


def test_the_default_cap_is_64_mib_and_bad_caps_are_refused() -> None:
    crm = sync_client(lambda r: httpx.Response(200))
    assert crm._engine.max_answer_bytes == 64 * 2**20
    for bad in (0, -1, True, 1.5):
        with pytest.raises(ZohoValidationError, match="max_answer_bytes"):
            sync_client(lambda r: httpx.Response(200), max_answer_bytes=bad)


# §13 — endless pagination


def _repeated_token(request: httpx.Request) -> httpx.Response:
    params = request.url.params
    if "page_token" in params:
        return page([f"t{params['page_token']}"], True, "SAME")
    n = int(params.get("page", "1"))
    return page([str(n * 1000 + i) for i in range(200)], True, "SAME")


def _token_cycle(request: httpx.Request) -> httpx.Response:
    token = request.url.params.get("page_token")
    if token is None:
        n = int(request.url.params.get("page", "1"))
        return page([str(n * 1000 + i) for i in range(200)], True, "A")
    following = {"A": "B", "B": "C", "C": "A"}[token]
    return page([f"{token}-{following}"], True, following)


def _ignores_page(request: httpx.Request) -> httpx.Response:
    return page(["1", "2", "3"], True, "T")


def _empty_forever(request: httpx.Request) -> httpx.Response:
    return page([], True, "T")


ENDLESS = {"repeated token": _repeated_token, "token cycle": _token_cycle,
           "ignores page": _ignores_page, "empty pages": _empty_forever}  # fmt: skip
LISTINGS: dict[str, Callable[[Any], Any]] = {
    "iter": lambda records: records.iter("Leads", fields=["Email"]),
    "iter_deleted": lambda records: records.iter_deleted("Leads"),
    "iter_search": lambda records: records.iter_search("Leads", word="abc"),
}


def _endless_cases() -> list[tuple[str, str]]:
    token_only = ("repeated token", "token cycle")  # searches and deleted records are read by page number only
    return [(h, w) for h in ENDLESS for w in LISTINGS if w == "iter" or h not in token_only]


@pytest.mark.parametrize(("handler", "walk"), _endless_cases())
def test_an_endless_listing_is_stopped(handler: str, walk: str) -> None:
    calls: list[httpx.Request] = []

    def counting(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return ENDLESS[handler](request)

    with pytest.raises(PaginationError):  # noqa: PT012 - the walk raises while being read
        for _ in LISTINGS[walk](sync_client(counting).records):
            assert len(calls) < 50, "the listing did not stop"
    assert len(calls) < 20


@pytest.mark.anyio
@pytest.mark.parametrize(("handler", "walk"), _endless_cases())
async def test_an_endless_async_listing_is_stopped(handler: str, walk: str) -> None:
    calls: list[httpx.Request] = []

    def counting(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return ENDLESS[handler](request)

    async with async_client(counting) as crm:
        with pytest.raises(PaginationError):  # noqa: PT012 - the walk raises while being read
            async for _ in LISTINGS[walk](crm.records):
                assert len(calls) < 50, "the listing did not stop"
    assert len(calls) < 20


def test_related_records_walk_is_guarded_too() -> None:
    crm = sync_client(_ignores_page)
    with pytest.raises(PaginationError, match="a cycle"):
        list(crm.related.iter("Leads", "3652397000000624046", "Notes", fields=["Note_Title"]))


def test_an_honest_listing_still_ends() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("page", "1"))
        return page([str(n * 1000 + i) for i in range(200)], n < 3)

    assert len(list(sync_client(handler).records.iter("Leads", fields=["Email"]))) == 600


# §14 — Retry-After


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("0", 0.0), ("3", 3.0), (" 2.5 ", 2.5), ("nan", None), ("inf", None), ("-1", None), ("1e309", None),
     ("soon", None), ("", None), ("99999999999999", None)],
)  # fmt: skip
def test_retry_after_delta_seconds(value: str, seconds: float | None) -> None:
    assert retry_after_seconds(value) == seconds


def test_retry_after_http_date() -> None:
    now = time.time()
    assert retry_after_seconds(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert retry_after_seconds(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0
    assert retry_after_seconds("Mon, 99 Foo 2024 25:61:61 GMT") is None


def _limited(retry_after: str) -> Handler:
    body = envelope("TOO_MANY_REQUESTS", "slow down")
    return lambda request: httpx.Response(429, json=body, headers={"Retry-After": retry_after})


@pytest.mark.parametrize("value", ["nan", "inf", "-5", "garbage", "1e309"])
def test_an_unusable_retry_after_is_ignored_sync(value: str) -> None:
    crm = sync_client(_limited(value), retry=NO_WAIT)
    waits: list[float] = []
    crm._engine.sleep = waits.append  # type: ignore[method-assign]
    with pytest.raises(RateLimitError):
        crm.records.count("Leads")
    assert waits == [0.0, 0.0]


@pytest.mark.anyio
@pytest.mark.parametrize("value", ["nan", "inf", "-5", "garbage"])
async def test_an_unusable_retry_after_is_ignored_async(value: str) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return _limited(value)(request)

    async with async_client(handler, retry=NO_WAIT) as crm:
        with pytest.raises(RateLimitError):
            await crm.records.count("Leads")
    assert len(calls) == 3


def test_a_retry_after_past_the_budget_ends_the_retries_at_once() -> None:
    later = email.utils.formatdate(time.time() + 3600, usegmt=True)
    for value in ("3600", later):
        crm = sync_client(_limited(value), retry=RetryPolicy(max_attempts=5, max_elapsed=60))
        waits: list[float] = []
        crm._engine.sleep = waits.append  # type: ignore[method-assign]
        with pytest.raises(RateLimitError):
            crm.records.count("Leads")
        assert waits == []


def test_a_retry_after_within_the_budget_is_followed() -> None:
    soon = email.utils.formatdate(time.time() + 10, usegmt=True)
    crm = sync_client(_limited(soon), retry=RetryPolicy(max_attempts=2, max_elapsed=60))
    waits: list[float] = []
    crm._engine.sleep = waits.append  # type: ignore[method-assign]
    with pytest.raises(RateLimitError):
        crm.records.count("Leads")
    assert len(waits) == 1
    assert 8 <= waits[0] <= 10


# §15 — caller mistakes are typed, before anything is sent


def _never(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"nothing may be sent: {request.method} {request.url}")


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


BAD_CALLS: dict[str, Callable[[Any], Any]] = {
    "nested 1000 deep": lambda c: c.records.insert("Leads", [{"Last_Name": "x", "Deep": _nested(1000)}]),
    "nested in update_one": lambda c: c.records.update_one("Leads", "1", {"Deep": _nested(1000)}),
    "on_progress not callable": lambda c: c.records.insert("Leads", [{"Last_Name": "x"}], on_progress=5),
    "concurrency bool": lambda c: c.records.insert("Leads", [{"Last_Name": "x"}], concurrency=True),
    "concurrency zero": lambda c: c.records.delete("Leads", ["1"], concurrency=0),
    "concurrency float": lambda c: c.records.delete("Leads", ["1"], concurrency=2.0),
    "ids None": lambda c: c.records.delete("Leads", None),
    "None among ids": lambda c: c.records.delete("Leads", ["1", None]),
    "id None": lambda c: c.records.get("Leads", None),
    "list ids None": lambda c: c.records.list("Leads", fields=["Email"], ids=[None]),
    "batch timeout negative": lambda c: c.records.insert("Leads", [{"Last_Name": "x"}], timeout=-1),
    "delete timeout nan": lambda c: c.records.delete("Leads", ["1"], timeout=float("nan")),
}


@pytest.mark.parametrize("call", BAD_CALLS, ids=list(BAD_CALLS))
def test_caller_mistakes_are_typed_before_sending(call: str) -> None:
    with pytest.raises(ZohoValidationError):
        BAD_CALLS[call](sync_client(_never))


@pytest.mark.anyio
@pytest.mark.parametrize("call", BAD_CALLS, ids=list(BAD_CALLS))
async def test_async_caller_mistakes_are_typed_before_sending(call: str) -> None:
    async with async_client(_never) as crm:
        with pytest.raises(ZohoValidationError):
            await BAD_CALLS[call](crm)


def test_max_concurrency_must_be_a_positive_int() -> None:
    for bad in (True, 0, 2.5):
        with pytest.raises(ZohoValidationError, match="max_concurrency"):
            sync_client(_never, max_concurrency=bad)


ODD_ZONE = dt.timezone(dt.timedelta(hours=5, minutes=30, seconds=15))


def test_an_offset_with_seconds_is_written_as_utc() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.method == "GET":
            return httpx.Response(204)
        return httpx.Response(201, json={"data": [{"code": "SUCCESS", "status": "success", "message": "ok",
                                                   "details": {"id": "1"}}]})  # fmt: skip

    crm = sync_client(handler)
    when = dt.datetime(2024, 3, 4, 12, 0, 0, tzinfo=ODD_ZONE)
    crm.records.insert("Leads", [{"Last_Name": "x", "Met": when}])
    crm.records.list("Leads", fields=["Email"], if_modified_since=when)
    assert json.loads(sent[0].content)["data"][0]["Met"] == "2024-03-04T06:29:45+00:00"
    assert sent[1].headers["if-modified-since"] == "2024-03-04T06:29:45+00:00"
    with pytest.raises(ZohoValidationError):
        crm.records.list("Leads", fields=["Email"], if_modified_since="2024-03-04T12:00:00+05:30:15")


# #21 — an error envelope with HTTP 200 is the typed error of its code


def test_a_200_error_envelope_is_the_typed_error_of_its_code() -> None:
    crm = sync_client(lambda request: httpx.Response(200, json=envelope("NO_PERMISSION", "denied")))
    with pytest.raises(PermissionDeniedError) as info:
        crm.records.count("Leads")
    assert info.value.code == "NO_PERMISSION"
    crm = sync_client(lambda request: httpx.Response(200, json=envelope("INVALID_DATA", "bad", api_name="Email")))
    with pytest.raises(InvalidRequestError) as bad:
        crm.records.list("Leads", fields=["Email"])
    assert (bad.value.code, bad.value.details) == ("INVALID_DATA", {"api_name": "Email"})
    with pytest.raises(RateLimitError):
        sync_client(lambda request: httpx.Response(200, json=envelope("TOO_MANY_REQUESTS"))).records.get("Leads", "1")


@pytest.mark.anyio
async def test_a_200_error_envelope_is_typed_async() -> None:
    async with async_client(lambda request: httpx.Response(200, json=envelope("INVALID_DATA"))) as crm:
        with pytest.raises(InvalidRequestError) as info:
            await crm.records.update_one("Leads", "1", {"Email": "x"})
        assert info.value.code == "INVALID_DATA"


def test_a_single_record_error_item_with_200_keeps_its_code() -> None:
    body = {"data": [envelope("DUPLICATE_DATA", "dup", api_name="Email")]}
    with pytest.raises(errors.ConflictError) as info:
        sync_client(lambda request: httpx.Response(200, json=body)).records.update_one("Leads", "1", {"Email": "x"})
    assert info.value.code == "DUPLICATE_DATA"


def test_a_200_error_envelope_to_a_batch_fails_each_item_with_its_code() -> None:
    handler: Handler = lambda request: httpx.Response(200, json=envelope("INVALID_DATA"))  # noqa: E731
    result = sync_client(handler).records.insert("Leads", [{"Last_Name": "x"}] * 3)
    assert [(f.code, f.uncertain) for f in result.failed] == [("INVALID_DATA", False)] * 3


def test_an_async_batch_in_a_second_event_loop_raises_before_sending() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"count": 3})

    crm = async_client(handler)
    asyncio.run(crm.records.count("Leads"))
    with pytest.raises(EventLoopError):
        asyncio.run(crm.records.insert("Leads", [{"Last_Name": "x"}] * 150))
    assert len(sent) == 1


def _huge_401(stream: Endless) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/token"):
            return httpx.Response(200, json={"access_token": "fresh", "expires_in": 3600, "token_type": "Bearer"})
        return httpx.Response(401, headers={"content-type": "application/json"}, stream=stream)

    return handler


def _refreshing(cls: type[Any], handler: Handler) -> Any:
    return cls(RefreshTokenCredentials("id", "secret", "refresh"), api_domain="https://www.zohoapis.com",
               accounts_url="https://accounts.zoho.com", transport=httpx.MockTransport(handler),
               retry=NO_RETRY, max_answer_bytes=4 * 2**20)  # fmt: skip


def test_a_huge_401_is_capped_too() -> None:
    stream = Endless(30)
    with pytest.raises(AnswerTooLargeError):
        _refreshing(ZohoCRM, _huge_401(stream)).records.count("Leads")
    assert stream.read == 5


@pytest.mark.anyio
async def test_a_huge_async_401_is_capped_too() -> None:
    stream = Endless(30)
    async with _refreshing(AsyncZohoCRM, _huge_401(stream)) as crm:
        with pytest.raises(AnswerTooLargeError):
            await crm.records.count("Leads")
    assert stream.read == 5


def test_a_listing_claiming_more_than_zoho_can_list_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    from zoho_crm import _pagination

    assert _pagination.MAX_LISTED == 100_000
    monkeypatch.setattr(_pagination, "MAX_LISTED", 5000)  # the same rule, 20x fewer pages
    calls: list[int] = []

    def fresh_forever(request: httpx.Request) -> httpx.Response:  # new records and a new token every time
        calls.append(1)
        return page([f"{len(calls)}-{i}" for i in range(200)], True, f"token-{len(calls)}")

    with pytest.raises(PaginationError, match="at most 5000"):
        list(sync_client(fresh_forever).records.iter("Leads", fields=["Email"]))
    assert len(calls) == 25


class Dripping401(httpx.SyncByteStream):
    """A 401's body in 100 chunks, each of which takes a second of ``clock`` (a list holding the time)."""

    def __init__(self, clock: list[float]) -> None:
        self.clock, self.read = clock, 0

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(100):
            self.clock[0] += 1.0
            self.read += 1
            yield b" "


def test_a_dripped_401_is_cut_at_the_calls_deadline() -> None:
    """The auth flow reads a 401's body (to see whether the token was refused) within the call's deadline."""
    now = [1000.0]
    stream = Dripping401(now)
    crm = _refreshing(ZohoCRM, lambda request: _huge_401(stream)(request) if "token" in request.url.path
                      else httpx.Response(401, stream=stream))  # fmt: skip
    crm._engine.clock = lambda: now[0]
    with pytest.raises(APITimeoutError):
        crm.records.count("Leads", timeout=5)
    assert stream.read <= 6  # 100 before: the whole body, then the timeout was noticed
