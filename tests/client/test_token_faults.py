"""Tokens under refusal and faults: a token refused forever, a store that cannot be written, odd
token-endpoint answers, a token store that is not to be trusted. Sync and async."""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.client.conftest import Unprintable, client_kwargs
from zoho_crm import (
    AccessTokenCredentials,
    AsyncZohoCRM,
    DataCenter,
    FileTokenStore,
    RefreshTokenCredentials,
    Token,
    ZohoCRM,
)
from zoho_crm._auth import TokenManager
from zoho_crm._oauth import HOLD_BACK
from zoho_crm.errors import AuthenticationError, TokenEndpointError, TokenRefusedError, TokenStoreError
from zoho_crm.testing import ManualClock, Sandbox, sandbox

CREDS = RefreshTokenCredentials("id", "secret", "refresh")


# --- 6. a token refused forever -------------------------------------------------------------------------------


def _revoke_issued(request: httpx.Request, response: httpx.Response, revoke: Callable[[httpx.Request], Any]) -> None:
    body = json.loads(response.content)
    if "access_token" in body:
        url = request.url.copy_with(path="/oauth/v2/token/revoke", params={"token": body["access_token"]})
        revoke(httpx.Request("POST", url))


class RefuseEveryToken(httpx.BaseTransport):
    """The sandbox, except that every access token is revoked the moment it is issued."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.api_requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path == "/oauth/v2/token":
            response.read()
            _revoke_issued(request, response, self.inner.handle_request)
        elif "/crm/" in request.url.path:
            self.api_requests += 1
        return response


class AsyncRefuseEveryToken(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.api_requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.url.path == "/oauth/v2/token":
            await response.aread()
            revoked: list[httpx.Request] = []
            _revoke_issued(request, response, revoked.append)
            for revoke in revoked:
                await self.inner.handle_async_request(revoke)
        elif "/crm/" in request.url.path:
            self.api_requests += 1
        return response


def test_a_token_refused_forever_stops_refreshing_and_spends_one_refresh_per_hold_back() -> None:
    clock = ManualClock()
    with sandbox(clock=clock) as sb:
        transport = RefuseEveryToken(sb.transport())
        with ZohoCRM(sb.credentials, transport=transport, clock=clock, **client_kwargs(sb)) as crm:
            with pytest.raises(AuthenticationError):  # refresh, refused, refresh, refused: stop
                crm.records.count("Leads")
            assert sb.counters.token_refreshes == 2
            sent = transport.api_requests
            for _ in range(20):
                with pytest.raises(TokenRefusedError, match="refreshing again would not help"):
                    crm.records.count("Leads")
            assert sb.counters.token_refreshes == 2  # no refresh and nothing sent while held back
            assert transport.api_requests == sent
            clock.advance(HOLD_BACK + 1)
            for _ in range(10):
                with pytest.raises(AuthenticationError):
                    crm.records.count("Leads")
            assert sb.counters.token_refreshes == 3  # one more refresh per hold-back window
        assert sb.counters.token_errors.get("Access Denied", 0) == 0


@pytest.mark.anyio
async def test_a_token_refused_forever_async() -> None:
    clock = ManualClock()
    with sandbox(clock=clock) as sb:
        transport = AsyncRefuseEveryToken(sb.async_transport())
        async with AsyncZohoCRM(sb.credentials, transport=transport, clock=clock, **client_kwargs(sb)) as crm:
            for _ in range(20):
                with pytest.raises(AuthenticationError):
                    await crm.records.count("Leads")
            assert sb.counters.token_refreshes == 2
            assert transport.api_requests == 2
            clock.advance(HOLD_BACK + 1)
            for _ in range(5):
                with pytest.raises(AuthenticationError):
                    await crm.records.count("Leads")
            assert sb.counters.token_refreshes == 3


def test_clients_sharing_a_store_hold_back_together(tmp_path: Path) -> None:
    clock = ManualClock()
    with sandbox(clock=clock) as sb:
        transport = RefuseEveryToken(sb.transport())
        clients = [
            ZohoCRM(
                sb.credentials,
                transport=transport,
                clock=clock,
                token_store=FileTokenStore(tmp_path / "t.json"),
                **client_kwargs(sb),
            )
            for _ in range(5)
        ]
        for crm in clients * 4:
            with pytest.raises(AuthenticationError):
                crm.records.count("Leads")
        for crm in clients:
            crm.close()
        assert sb.counters.token_refreshes == 2  # the first client's two; the others saw the mark in the file


# --- 7. a store that cannot be written ------------------------------------------------------------------------


def _unwritable_stores(tmp_path: Path) -> dict[str, FileTokenStore]:
    (tmp_path / "a-file").write_text("not a directory")
    stores = {"parent is a file": FileTokenStore(tmp_path / "a-file" / "token.json")}
    try:
        os.close(os.open("/sys/zoho-probe", os.O_CREAT | os.O_WRONLY, 0o600))
        os.unlink("/sys/zoho-probe")
    except OSError:
        stores["read-only directory"] = FileTokenStore("/sys/zoho-token.json")
    return stores


def test_a_store_that_cannot_be_written_keeps_the_token_in_memory_and_warns(
    sb: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name, store in _unwritable_stores(tmp_path).items():
        sb.reset_counters()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="zoho_crm"), ZohoCRM(
            sb.credentials, transport=sb.transport(), token_store=store, **client_kwargs(sb)
        ) as crm:  # fmt: skip
            assert [crm.records.count("Leads") for _ in range(10)] == [0] * 10, name
        assert sb.counters.token_refreshes == 1, name
        warnings = [r.getMessage() for r in caplog.records if "could not write to the token store" in r.getMessage()]
        assert len(warnings) == 1, (name, caplog.text)
        assert sb.credentials.client_secret not in caplog.text


class UnprintableStore:
    """A store of the caller's that is down, and whose errors cannot even be written (``str()`` raises)."""

    def load(self) -> Token | None:
        raise Unprintable()

    def save(self, token: Token) -> None:
        raise Unprintable()


def test_a_store_whose_errors_cannot_be_written_keeps_the_token_in_memory(
    sb: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="zoho_crm"), ZohoCRM(
        sb.credentials, transport=sb.transport(), token_store=UnprintableStore(), **client_kwargs(sb)
    ) as crm:  # fmt: skip
        assert [crm.records.count("Leads") for _ in range(3)] == [0] * 3
    assert sb.counters.token_refreshes == 1
    assert "could not read from the token store" in caplog.text
    assert "Unprintable" in caplog.text


def test_a_full_disk_keeps_the_token_in_memory(sb: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with ZohoCRM(sb.credentials, transport=sb.transport(), token_store=FileTokenStore(tmp_path / "t.json"),
                 **client_kwargs(sb)) as crm:  # fmt: skip
        assert [crm.records.count("Leads") for _ in range(10)] == [0] * 10
    assert sb.counters.token_refreshes == 1
    assert list(tmp_path.glob(".t.json.*")) == []  # the half-written temporary file is gone


@pytest.mark.anyio
async def test_a_store_that_cannot_be_written_async(sb: Sandbox, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    store = FileTokenStore(tmp_path / "a-file" / "token.json")
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), token_store=store,
                            **client_kwargs(sb)) as crm:  # fmt: skip
        assert [await crm.records.count("Leads") for _ in range(10)] == [0] * 10
    assert sb.counters.token_refreshes == 1


class EchoingStore:
    """A store of the caller's that is down, whose errors name the token it was handed."""

    def __init__(self) -> None:
        self.handed: list[str] = []

    def load(self) -> Token | None:
        return None

    def save(self, token: Token) -> None:
        self.handed.append(token.access_token)
        raise OSError(f"value {token.access_token!r} refused")


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_store_whose_errors_name_the_new_token_never_shows_it(caplog: pytest.LogCaptureFixture, flavour: str) -> None:
    """The warning of a failed save is redacted of the token being saved, even one not shaped like Zoho's
    (an async save runs before the client takes the token as its own)."""
    grant = {"access_token": "issued-token-not-shaped-like-zohos", "expires_in": 3600}
    issuer = httpx.MockTransport(lambda request: httpx.Response(200, json=grant))
    store = EchoingStore()
    tokens = TokenManager(CREDS, accounts_url="https://accounts.zoho.com", store=store, transport=issuer,
                          async_transport=issuer)  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="zoho_crm"):
        token = tokens.get() if flavour == "sync" else asyncio.run(tokens.aget())
    assert store.handed == [token.access_token] == [grant["access_token"]]
    assert "could not write to the token store" in caplog.text
    assert grant["access_token"] not in caplog.text


# --- 8. odd token-endpoint answers ----------------------------------------------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000
ODD_ANSWERS = {
    "expires_in null": '{"access_token": "1000.a.b", "expires_in": null}',
    "expires_in 0": '{"access_token": "1000.a.b", "expires_in": 0}',
    "expires_in negative": '{"access_token": "1000.a.b", "expires_in": -3600}',
    "expires_in NaN": '{"access_token": "1000.a.b", "expires_in": NaN}',
    "expires_in Infinity": '{"access_token": "1000.a.b", "expires_in": Infinity}',
    "expires_in a string": '{"access_token": "1000.a.b", "expires_in": "3600"}',
    "expires_in true": '{"access_token": "1000.a.b", "expires_in": true}',
    "expires_in 400 digits": '{"access_token": "1000.a.b", "expires_in": ' + "9" * 400 + "}",  # OverflowError
    "empty object": "{}",
    "nested 100,000 deep": '{"access_token": "1000.a.b", "x": ' + DEEP + "}",
    "control characters in api_domain": '{"access_token": "1000.a.b", "api_domain": "https://www.zohoapis.com\\r\\n"}',
    "api_domain not a string": '{"access_token": "1000.a.b", "api_domain": ["https://www.zohoapis.com"]}',
    "access_token not a string": '{"access_token": 12345}',
}


class OddAccounts:
    """A token endpoint that always gives ``body``; the API answers every call with a count."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.token_requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/v2/token":
            self.token_requests += 1
            return httpx.Response(200, content=self.body.encode())
        return httpx.Response(200, json={"count": 0})


@pytest.mark.parametrize("case", sorted(ODD_ANSWERS))
def test_odd_token_answers_are_typed_and_never_make_every_call_refresh(case: str) -> None:
    accounts = OddAccounts(ODD_ANSWERS[case])
    with ZohoCRM(CREDS, data_center=DataCenter.US, transport=httpx.MockTransport(accounts)) as crm:
        for _ in range(10):
            with pytest.raises(TokenEndpointError) as info:
                crm.records.count("Leads")
            assert "1000.a.b" not in str(info.value)
    assert accounts.token_requests == 1  # held back: not one refresh per call, not retried


@pytest.mark.anyio
@pytest.mark.parametrize("case", ["expires_in 0", "nested 100,000 deep", "empty object"])
async def test_odd_token_answers_async(case: str) -> None:
    accounts = OddAccounts(ODD_ANSWERS[case])
    async with AsyncZohoCRM(CREDS, data_center=DataCenter.US, transport=httpx.MockTransport(accounts)) as crm:
        for _ in range(10):
            with pytest.raises(TokenEndpointError):
                await crm.records.count("Leads")
    assert accounts.token_requests == 1


def test_after_the_hold_back_the_endpoint_is_asked_again() -> None:
    clock = ManualClock()
    accounts = OddAccounts(ODD_ANSWERS["expires_in 0"])
    with ZohoCRM(CREDS, data_center=DataCenter.US, transport=httpx.MockTransport(accounts), clock=clock) as crm:
        with pytest.raises(TokenEndpointError):
            crm.records.count("Leads")
        clock.advance(HOLD_BACK + 1)
        accounts.body = '{"access_token": "1000.c.d", "expires_in": 3600, "api_domain": "https://www.zohoapis.com"}'
        assert crm.records.count("Leads") == 0
    assert accounts.token_requests == 2


# --- 9. the store is trusted ----------------------------------------------------------------------------------


def _write(path: Path, token: Token, mode: int = 0o600) -> None:
    path.write_text(token.to_json())
    path.chmod(mode)


class Hosts:
    def __init__(self) -> None:
        self.hosts: Counter[str] = Counter()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.hosts[request.url.host] += 1
        if request.url.path == "/oauth/v2/token":
            return httpx.Response(200, json={"access_token": "1000.e.f", "expires_in": 3600})
        return httpx.Response(200, json={"count": 0})


@pytest.mark.parametrize("domain", ["https://evil.example.com", "https://www.zohoapis.eu.evil.example", "http://www.zohoapis.eu",
                                    "https://www.zohoapis.eu\r\n", "https://www.zohoapis.eu@evil.example"])  # fmt: skip
def test_an_api_domain_from_the_store_is_checked_like_one_from_zoho(tmp_path: Path, domain: str) -> None:
    _write(tmp_path / "t.json", Token("1000.planted", time.time() + 3000, domain, time.time()))
    hosts = Hosts()
    with ZohoCRM(CREDS, data_center=DataCenter.EU, token_store=FileTokenStore(tmp_path / "t.json"),
                 transport=httpx.MockTransport(hosts)) as crm:  # fmt: skip
        assert crm.records.count("Leads") == 0
    assert set(hosts.hosts) == {"www.zohoapis.eu"}


@pytest.mark.anyio
async def test_an_api_domain_from_the_store_is_checked_async(tmp_path: Path) -> None:
    _write(tmp_path / "t.json", Token("1000.planted", time.time() + 3000, "https://evil.example.com", time.time()))
    hosts = Hosts()
    async with AsyncZohoCRM(CREDS, data_center=DataCenter.EU, token_store=FileTokenStore(tmp_path / "t.json"),
                            transport=httpx.MockTransport(hosts)) as crm:  # fmt: skip
        assert await crm.records.count("Leads") == 0
    assert set(hosts.hosts) == {"www.zohoapis.eu"}


def _planted(tmp_path: Path, how: str) -> Path:
    path = tmp_path / "t.json"
    token = Token("1000.planted", time.time() + 3000, "https://www.zohoapis.eu", time.time())
    if how == "symlink":
        _write(tmp_path / "elsewhere.json", token)
        path.symlink_to(tmp_path / "elsewhere.json")
    elif how == "another user's":
        if os.geteuid() != 0:
            pytest.skip("giving a file to another user needs root")
        _write(path, token)
        os.chown(path, 65534, 65534)
    else:
        _write(path, token, 0o666 if how == "writable by others" else 0o620)
    return path


@pytest.mark.parametrize(
    ("how", "says"),
    [
        ("symlink", "symbolic link"),
        ("another user's", "owned by user id 65534"),
        ("writable by others", "group or others can write it (mode 0666"),
        ("writable by the group", "group or others can write it (mode 0620"),
    ],
)
def test_an_untrusted_token_file_is_refused_with_a_typed_error(tmp_path: Path, how: str, says: str) -> None:
    path = _planted(tmp_path, how)
    hosts = Hosts()
    store = FileTokenStore(path)
    crm = ZohoCRM(CREDS, data_center=DataCenter.EU, token_store=store, transport=httpx.MockTransport(hosts))
    with crm, pytest.raises(TokenStoreError, match="refusing to read the token file") as info:
        crm.records.count("Leads")
    assert says in str(info.value)
    assert "1000.planted" not in str(info.value)
    assert not hosts.hosts  # nothing sent, not even a refresh


@pytest.mark.anyio
async def test_an_untrusted_token_file_is_refused_async(tmp_path: Path) -> None:
    path = _planted(tmp_path, "symlink")
    async with AsyncZohoCRM(CREDS, data_center=DataCenter.EU, token_store=FileTokenStore(path),
                            transport=httpx.MockTransport(Hosts())) as crm:  # fmt: skip
        with pytest.raises(TokenStoreError, match="symbolic link"):
            await crm.records.count("Leads")


def test_temporary_files_left_by_a_crash_are_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    crashed = tmp_path / ".t.json.k2j3h4.tmp"
    crashed.write_text('{"access_token": "1000.half')
    os.utime(crashed, (time.time() - 3600, time.time() - 3600))
    writing = tmp_path / ".t.json.new1.tmp"  # another process's write in progress: left alone
    writing.write_text("")
    FileTokenStore(path).save(Token("1000.g.h", time.time() + 3600))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".t.json.new1.tmp", "t.json"]


@pytest.mark.parametrize(
    "content",
    [
        '{"access_token": "1000.x\\r\\nX-Evil: 1", "expires_at": 1e12}',
        '{"access_token": "1000.x", "expires_at": 1e12, "api_domain": 5}',
        '{"access_token": "1000.x", "expires_at": 1e12, "padding": "' + "x" * 100_000 + '"}',
        "[" * 100_000,
    ],
)
def test_a_garbled_token_file_counts_as_no_token(tmp_path: Path, content: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(content)
    path.chmod(0o600)
    hosts = Hosts()
    with ZohoCRM(CREDS, data_center=DataCenter.EU, token_store=FileTokenStore(path),
                 transport=httpx.MockTransport(hosts)) as crm:  # fmt: skip
        assert crm.records.count("Leads") == 0
    assert hosts.hosts == Counter({"accounts.zoho.eu": 1, "www.zohoapis.eu": 1})  # a refresh, then the call


def test_a_fixed_access_token_with_a_store_that_cannot_be_written(sb: Sandbox, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    store = FileTokenStore(tmp_path / "a-file" / "token.json")
    token = sb.issue_access_token()
    with ZohoCRM(AccessTokenCredentials(token), transport=sb.transport(), token_store=store,
                 **client_kwargs(sb)) as crm:  # fmt: skip
        assert crm.records.count("Leads") == 0


def test_a_refresh_granted_while_its_caller_is_cancelled_is_kept() -> None:
    """An async call cancelled (its deadline, its task) while Zoho grants its token: the token is saved and
    the next call uses it; each token lost would be one of the 15 live ones and of the 10 refreshes."""
    import asyncio

    with sandbox(mode="asgi") as sb:
        inner = sb.async_transport()
        asked, answer = asyncio.Event(), asyncio.Event()

        class SlowAccounts(httpx.AsyncBaseTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                response = await inner.handle_async_request(request)  # the token is granted here
                if request.url.path.endswith("/oauth/v2/token"):
                    asked.set()
                    await answer.wait()  # the answer is on its way back while the caller is cancelled
                return response

        async def main() -> tuple[int, int]:
            async with AsyncZohoCRM(sb.credentials, transport=SlowAccounts(), **client_kwargs(sb)) as crm:
                call = asyncio.ensure_future(crm.records.count("Leads"))
                await asked.wait()
                call.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await call
                second = asyncio.ensure_future(crm.records.count("Leads"))  # waits for that same refresh
                for _ in range(20):
                    await asyncio.sleep(0)
                answer.set()
                assert await second == 0
                assert await crm.records.count("Leads") == 0
                return crm.tokens.refreshes, int(sb.counters["token_refreshes"])

        kept, granted = asyncio.run(main())
    assert (kept, granted) == (1, 1), f"Zoho granted {granted} tokens, the client kept {kept}"


# --- a new token that expires on its way ---------------------------------------------------------------------

LIFETIME = 3600.0


class ExpireOnTheWay(httpx.BaseTransport):
    """The sandbox, with the shared clock moved one token lifetime on before each of the first ``times`` API calls."""

    def __init__(self, inner: httpx.BaseTransport, clock: ManualClock, times: int) -> None:
        self.inner, self.clock, self.times, self.api_requests = inner, clock, times, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if "/crm/" in request.url.path:
            self.api_requests += 1
            if self.api_requests <= self.times:
                self.clock.advance(LIFETIME)
        return self.inner.handle_request(request)


class AsyncExpireOnTheWay(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, clock: ManualClock, times: int) -> None:
        self.inner, self.clock, self.times, self.api_requests = inner, clock, times, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "/crm/" in request.url.path:
            self.api_requests += 1
            if self.api_requests <= self.times:
                self.clock.advance(LIFETIME)
        return await self.inner.handle_async_request(request)


def test_a_new_token_that_expires_on_its_way_is_refreshed_again_not_held_back() -> None:
    clock = ManualClock()
    with sandbox(clock=clock, token_lifetime=LIFETIME) as sb:
        transport = ExpireOnTheWay(sb.transport(), clock, times=2)
        with ZohoCRM(sb.credentials, transport=transport, clock=clock, **client_kwargs(sb)) as crm:
            assert crm.records.count("Leads") == 0  # expired, replayed with a new one that expired too, replayed
            assert (transport.api_requests, sb.counters.token_refreshes) == (3, 3)
            assert crm.records.count("Leads") == 0  # and no hold-back
            assert sb.counters.token_refreshes == 3


def test_tokens_that_always_expire_on_their_way_end_the_call_after_two_replays_without_holding_back() -> None:
    clock = ManualClock()
    with sandbox(clock=clock, token_lifetime=LIFETIME) as sb:
        transport = ExpireOnTheWay(sb.transport(), clock, times=3)
        with ZohoCRM(sb.credentials, transport=transport, clock=clock, **client_kwargs(sb)) as crm:
            with pytest.raises(AuthenticationError):
                crm.records.count("Leads")
            assert (transport.api_requests, sb.counters.token_refreshes) == (3, 3)
            assert crm.records.count("Leads") == 0  # the next call is sent (a new token), not held back
            assert sb.counters.token_refreshes == 4


@pytest.mark.anyio
async def test_a_new_token_that_expires_on_its_way_async() -> None:
    clock = ManualClock()
    with sandbox(clock=clock, token_lifetime=LIFETIME) as sb:
        transport = AsyncExpireOnTheWay(sb.async_transport(), clock, times=2)
        async with AsyncZohoCRM(sb.credentials, transport=transport, clock=clock, **client_kwargs(sb)) as crm:
            assert await crm.records.count("Leads") == 0
            assert (transport.api_requests, sb.counters.token_refreshes) == (3, 3)
            assert await crm.records.count("Leads") == 0
            assert sb.counters.token_refreshes == 3
