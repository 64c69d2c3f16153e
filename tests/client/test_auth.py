"""Authentication: refresh before expiry and on a refused token, single flight, token stores, typed errors."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import (
    AccessTokenCredentials,
    AsyncZohoCRM,
    FileTokenStore,
    RefreshTokenCredentials,
    Token,
    ZohoCRM,
)
from zoho_crm.errors import AuthenticationError, InvalidClientError, InvalidTokenGrantError, TokenRefreshThrottledError
from zoho_crm.testing import Sandbox


def refreshes(sb: Sandbox) -> int:
    return int(sb.counters["token_refreshes"])


def test_header_is_zoho_oauthtoken_and_first_call_refreshes_once(sb: Sandbox, crm: ZohoCRM, recorder) -> None:
    sb.seed("Leads", [{"Last_Name": "x"}])
    crm.records.list("Leads", fields=["Last_Name"])
    crm.records.list("Leads", fields=["Last_Name"])
    api_calls = [r for r in recorder.requests if "/crm/" in r.url.path]
    assert all(r.headers["Authorization"].startswith("Zoho-oauthtoken ") for r in api_calls)
    token_calls = [r for r in recorder.requests if r.url.path == "/oauth/v2/token"]
    assert len(token_calls) == 1
    assert b"grant_type=refresh_token" in token_calls[0].content
    assert "refresh_token" not in str(token_calls[0].url)  # secrets go in the form body, never the URL


def test_token_expired_mid_batch_is_refreshed_exactly_once(sb: Sandbox, crm: ZohoCRM) -> None:
    crm.records.count("Leads")  # first token
    assert refreshes(sb) == 1
    sb.expire_tokens()  # every issued token now answers 401 INVALID_TOKEN
    result = crm.records.insert("Leads", [{"Last_Name": f"L{i}"} for i in range(1000)], concurrency=10)
    assert len(result.succeeded) == 1000
    assert refreshes(sb) == 2


@pytest.mark.anyio
async def test_token_expired_mid_batch_async(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    await acrm.records.count("Leads")
    sb.expire_tokens()
    result = await acrm.records.insert("Leads", [{"Last_Name": f"L{i}"} for i in range(1000)], concurrency=10)
    assert len(result.succeeded) == 1000
    assert refreshes(sb) == 2


def test_many_threads_share_one_refresh(sb: Sandbox) -> None:
    with ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb)) as crm:
        barrier = threading.Barrier(20)

        def work(_: int) -> int:
            barrier.wait()
            return crm.records.count("Leads")

        with ThreadPoolExecutor(20) as pool:
            assert list(pool.map(work, range(20))) == [0] * 20
    assert refreshes(sb) == 1


@pytest.mark.anyio
async def test_many_tasks_share_one_refresh(sb: Sandbox) -> None:
    async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **client_kwargs(sb)) as crm:
        counts = await asyncio.gather(*(crm.records.count("Leads") for _ in range(50)))
    assert counts == [0] * 50
    assert refreshes(sb) == 1


def test_wrong_client_secret_is_a_typed_error_that_says_what_to_fix(sb: Sandbox) -> None:
    creds = RefreshTokenCredentials(sb.credentials.client_id, "wrong-secret", sb.credentials.refresh_token)
    with (
        ZohoCRM(creds, transport=sb.transport(), **client_kwargs(sb)) as crm,
        pytest.raises(InvalidClientError) as info,
    ):
        crm.records.count("Leads")
    assert "client_id and client_secret" in str(info.value)
    assert "wrong-secret" not in str(info.value) + repr(info.value)


def test_revoked_refresh_token_is_a_typed_error(sb: Sandbox) -> None:
    creds = RefreshTokenCredentials(sb.credentials.client_id, sb.credentials.client_secret, "1000.revoked")
    with ZohoCRM(creds, transport=sb.transport(), **client_kwargs(sb)) as crm, pytest.raises(InvalidTokenGrantError):
        crm.records.count("Leads")


def test_refresh_throttle_is_a_typed_error_without_a_retry_storm(sb: Sandbox) -> None:
    sb.configure(refresh_limit=2)
    for _ in range(2):
        with ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb)) as crm:
            crm.records.count("Leads")
    attempts_before = (
        sb.counters["requests"].get("oauth_token", 0) if isinstance(sb.counters.get("requests"), dict) else None
    )
    client = ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb))
    with client as crm, pytest.raises(TokenRefreshThrottledError) as info:
        crm.records.count("Leads")
    assert "10 access tokens per refresh token" in str(info.value)
    assert sb.counters.requests["oauth_token"] - attempts_before == 1  # refused once, not retried


def test_fixed_access_token_that_is_refused_raises_authentication_error(sb: Sandbox) -> None:
    client = ZohoCRM(AccessTokenCredentials("1000.not-a-token"), transport=sb.transport(), **client_kwargs(sb))
    with client as crm, pytest.raises(AuthenticationError) as info:
        crm.records.count("Leads")
    assert info.value.status_code == 401
    assert "1000.not-a-token" not in str(info.value)


def test_file_token_store_shares_one_token_between_clients(sb: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "zoho" / "token.json"
    for _ in range(3):
        with ZohoCRM(sb.credentials, transport=sb.transport(), token_store=FileTokenStore(path),
                     **client_kwargs(sb)) as crm:  # fmt: skip
            crm.records.count("Leads")
    assert refreshes(sb) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["access_token"]


def test_file_token_store_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FileTokenStore(tmp_path / "token.json")
    store.save(Token("old-token", 1e12))

    def crash(*args: object) -> None:
        raise OSError("disk died mid-write")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="mid-write"):
        store.save(Token("new-token", 2e12))
    loaded = store.load()
    assert loaded is not None
    assert loaded.access_token == "old-token"
    assert [p.name for p in tmp_path.iterdir()] == ["token.json"]  # no temp file left behind


def test_secrets_never_in_reprs(sb: Sandbox) -> None:
    creds = sb.credentials
    with ZohoCRM(creds, transport=sb.transport(), **client_kwargs(sb)) as crm:
        crm.records.count("Leads")
        token = crm.tokens.store.load()
        assert token is not None
        texts = [repr(creds), str(creds), repr(token), repr(crm), repr(crm.tokens.store), repr(crm._http.auth)]
    for text in texts:
        for secret in (creds.client_secret, creds.refresh_token, token.access_token):
            assert secret not in text


def test_the_leak_check_sees_debug_logs_and_the_secrets(
    sb: Sandbox, crm: ZohoCRM, no_secret_in_any_log: set[str]
) -> None:
    crm.records.count("Leads")
    assert sb.credentials.client_secret in no_secret_in_any_log
    assert len(no_secret_in_any_log) >= 3  # secret, refresh token, at least one access token
    assert logging.getLogger().isEnabledFor(logging.DEBUG)
