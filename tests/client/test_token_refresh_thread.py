"""The sync refresh's own thread, and what a refresh may and may not do to the calls around it."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from zoho_crm import AsyncZohoCRM, Failure, RefreshTokenCredentials, RetryPolicy, ZohoCRM
from zoho_crm._oauth import _Refresh
from zoho_crm.errors import InvalidClientError
from zoho_crm.tokens import Token

CREDS = RefreshTokenCredentials("1000.ID", "secret", "1000.refresh")
TOKEN = {"access_token": "1000.abc.def", "expires_in": 3600, "token_type": "Bearer"}
URLS = {"api_domain": "https://www.zohoapis.com", "accounts_url": "https://accounts.zoho.com"}


class Owned(httpx.MockTransport):
    """A transport the caller owns: it counts how often it is closed."""

    def __init__(self) -> None:
        super().__init__(self.answer)
        self.closed = 0

    def answer(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/v2/token"):
            return httpx.Response(200, json=TOKEN)
        return httpx.Response(200, json={"count": 3})

    def close(self) -> None:
        self.closed += 1

    async def aclose(self) -> None:
        self.closed += 1


def test_a_refresh_leaves_the_callers_transport_open() -> None:
    transport = Owned()
    with ZohoCRM(CREDS, transport=transport, **URLS) as crm:
        assert crm.records.count("Leads") == 3
        assert crm.tokens.refreshes == 1
        assert transport.closed == 0  # the token request's client closed only itself
    assert transport.closed == 1  # the client closes what it was given, once


def test_an_async_refresh_leaves_the_callers_transport_open() -> None:
    transport = Owned()

    async def main() -> None:
        async with AsyncZohoCRM(CREDS, transport=transport, **URLS) as crm:
            assert await crm.records.count("Leads") == 3
            assert transport.closed == 0

    asyncio.run(main())
    assert transport.closed == 1


def test_a_write_whose_token_was_refused_is_never_sent_while_it_waits_for_another() -> None:
    # The API refuses the token (401 INVALID_TOKEN: nothing applied); the fresh one is not ready before the
    # attempt ends. The insert was not applied: certain, and safe to send again.
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/v2/token"):
            return httpx.Response(200, json=TOKEN)
        refused = {"code": "INVALID_TOKEN", "details": {}, "message": "invalid oauth token", "status": "error"}
        return httpx.Response(401, json=refused)

    with ZohoCRM(CREDS, transport=httpx.MockTransport(answer), retry=RetryPolicy(max_attempts=1), **URLS) as crm:
        crm.tokens.get()
        fetch = crm.tokens.get

        def late(stale: str | None = None) -> Token:
            if stale is not None:  # the refresh after the 401 outlasts the attempt
                raise TimeoutError("the call's attempt ended while its token was refreshed")
            return fetch()

        crm.tokens.get = late  # type: ignore[method-assign]
        (outcome,) = crm.records.insert("Leads", [{"Last_Name": "a"}])
    assert isinstance(outcome, Failure)
    assert not outcome.uncertain
    assert "not sent" in outcome.message


def test_each_caller_gets_its_own_copy_of_a_refresh_error() -> None:
    def refused() -> Token:
        raise InvalidClientError("Zoho refused the client (invalid_client)", code="invalid_client")

    refresh = _Refresh(refused)
    assert refresh.done.wait(10)
    caught: list[BaseException] = []
    for _ in range(2):
        with pytest.raises(InvalidClientError) as error:
            refresh.result()
        caught.append(error.value)
    assert caught[0] is not caught[1]  # one object raised in many threads would gather all their frames
    assert caught[0].code == caught[1].code == "invalid_client"  # type: ignore[attr-defined]


def test_a_refresh_at_interpreter_shutdown_runs_in_the_callers_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_thread(self: threading.Thread, *args: Any) -> None:
        raise RuntimeError("can't create new thread at interpreter shutdown")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    token = Token("1000.abc.def", 2e9)
    refresh = _Refresh(lambda: token)
    assert refresh.done.is_set()
    assert refresh.result() is token
