"""What a token store holds is not trusted blindly: another client's token, another data center's, a planted
refusal, numbers no float holds, a FIFO at the file's path. Each is ignored or refused with a typed error."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from zoho_crm import DataCenter, FileTokenStore, MemoryTokenStore, RefreshTokenCredentials, Token
from zoho_crm._auth import TokenManager
from zoho_crm.errors import TokenEndpointError, TokenRefusedError, TokenStoreError

ACCOUNTS = "https://accounts.zoho.com"


def issuer(calls: list[str]) -> httpx.MockTransport:
    """A token endpoint granting ``tok-for-<refresh token>`` (noted in ``calls``)."""

    def handle(request: httpx.Request) -> httpx.Response:
        form = dict(pair.split("=") for pair in request.content.decode().split("&"))
        calls.append(form["refresh_token"])
        token = {"access_token": f"tok-for-{form['refresh_token']}", "expires_in": 3600}
        return httpx.Response(200, json={**token, "api_domain": "https://www.zohoapis.com"})

    return httpx.MockTransport(handle)


def manager(refresh_token: str, store: object, calls: list[str]) -> TokenManager:
    credentials = RefreshTokenCredentials(f"id-{refresh_token}", "secret", refresh_token)
    return TokenManager(
        credentials, accounts_url=ACCOUNTS, store=store, data_center=DataCenter.US, transport=issuer(calls)
    )  # type: ignore[arg-type]


def test_clients_of_two_refresh_tokens_sharing_a_store_each_use_their_own_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []
    store = FileTokenStore(tmp_path / "token.json")
    org_a, org_b = manager("rt-A", store, calls), manager("rt-B", store, calls)
    assert org_a.get().access_token == "tok-for-rt-A"
    with caplog.at_level(logging.WARNING, logger="zoho_crm"):
        assert org_b.get().access_token == "tok-for-rt-B"
    assert calls == ["rt-A", "rt-B"]
    assert "holds another client's token" in caplog.text
    assert "rt-A" not in caplog.text
    assert "rt-B" not in caplog.text
    assert "rt-A" not in (tmp_path / "token.json").read_text(), "the owner digest shows the refresh token"


def test_replicas_of_one_client_share_its_token(tmp_path: Path) -> None:
    calls: list[str] = []
    store = FileTokenStore(tmp_path / "token.json")
    first, second = manager("rt-A", store, calls), manager("rt-A", store, calls)
    assert first.get().access_token == second.get().access_token == "tok-for-rt-A"
    assert calls == ["rt-A"]


def test_a_token_issued_in_another_data_center_is_not_used() -> None:
    calls: list[str] = []
    store = MemoryTokenStore()
    store.save(Token("eu-token", time.time() + 3600, "https://www.zohoapis.eu", time.time()))  # an EU client's
    assert manager("rt", store, calls).get().access_token == "tok-for-rt"
    assert calls == ["rt"]


def test_a_refusal_stored_in_the_future_holds_nothing_back() -> None:
    calls: list[str] = []
    store = MemoryTokenStore()
    now = time.time()
    store.save(Token("x", now + 3600, None, now, refused_at=now + 1e9))  # planted, or a clock far off
    assert manager("rt", store, calls).get().access_token == "tok-for-rt"
    assert Token.from_json(Token("x", now + 3600, None, now, refused_at=now + 1e9).to_json()).refused_at is None  # type: ignore[union-attr]


def test_a_number_no_float_holds_makes_no_token(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.write_text('{"access_token": "abc", "expires_at": 1' + "0" * 400 + "}")
    path.chmod(0o600)
    assert FileTokenStore(path).load() is None


def test_a_fifo_at_the_token_path_is_refused_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    os.mkfifo(path, 0o600)
    outcome: list[BaseException | Token | None] = []

    def load() -> None:
        try:
            outcome.append(FileTokenStore(path).load())
        except Exception as exc:
            outcome.append(exc)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(30)  # a watchdog: the load returns at once, or hangs until a writer opens the FIFO
    if reader.is_alive():
        os.close(os.open(path, os.O_WRONLY))  # let it go
        pytest.fail("FileTokenStore.load() waited on a FIFO")
    [error] = outcome
    assert isinstance(error, TokenStoreError)
    assert "not a regular file" in str(error)


def test_a_machine_whose_clock_runs_ahead_uses_the_token_a_peer_stored(tmp_path: Path) -> None:
    """Expiry times come from each machine's clock: one 10 minutes fast still takes its peer's fresh token."""
    minted: list[str] = []

    def accounts(request: httpx.Request) -> httpx.Response:
        minted.append(f"tok{len(minted)}")
        return httpx.Response(200, json={"access_token": minted[-1], "expires_in": 3600})

    now = [1_800_000_000.0]

    def machine(skew: float) -> TokenManager:
        return TokenManager(RefreshTokenCredentials("id", "secret", "rt"), accounts_url=ACCOUNTS,
                            store=FileTokenStore(tmp_path / "token.json"), data_center=DataCenter.US,
                            transport=httpx.MockTransport(accounts), clock=lambda: now[0] + skew)  # fmt: skip

    fast, exact = machine(600.0), machine(0.0)
    assert fast.get().access_token == "tok0"  # expires at its clock's T + 600 + 3600
    now[0] += 100
    assert exact.get(stale="tok0").access_token == "tok1"  # tok0 refused: one refresh, stored
    assert fast.get(stale="tok0").access_token == "tok1"  # refused on the fast machine too: the stored one
    assert minted == ["tok0", "tok1"]


def test_a_client_of_a_fixed_access_token_writes_nothing_to_a_shared_store(tmp_path: Path) -> None:
    from zoho_crm import AccessTokenCredentials

    calls: list[str] = []
    store = FileTokenStore(tmp_path / "token.json")
    refreshing = manager("rt-A", store, calls)
    assert refreshing.get().access_token == "tok-for-rt-A"
    before = (tmp_path / "token.json").read_bytes()
    fixed = TokenManager(AccessTokenCredentials("fixed-token"), accounts_url=ACCOUNTS, store=store)
    assert fixed.get().access_token == "fixed-token"
    assert (tmp_path / "token.json").read_bytes() == before  # the sharers' token is left alone
    assert refreshing.get().access_token == "tok-for-rt-A"
    assert calls == ["rt-A"]


class Blabbing:
    """A custom store whose errors quote what it was given (the token, as some drivers do)."""

    def load(self) -> Token | None:
        return None

    def save(self, token: Token) -> None:
        raise RuntimeError(f"cannot save {token.access_token!r} for refresh token rt-A")


def test_a_store_error_quoting_the_token_is_logged_redacted(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[str] = []
    with caplog.at_level(logging.WARNING, logger="zoho_crm"):
        assert manager("rt-A", Blabbing(), calls).get().access_token == "tok-for-rt-A"
    assert "could not write to the token store" in caplog.text
    assert "tok-for-rt-A" not in caplog.text
    assert "rt-A" not in caplog.text


class ReadOnly:
    """A store another process filled, which this one may read but not write."""

    def __init__(self, token: Token) -> None:
        self.token = token

    def load(self) -> Token | None:
        return self.token

    def save(self, token: Token) -> None:
        raise PermissionError("read-only")


def test_a_token_refreshed_past_is_not_taken_back_from_a_store_that_missed_the_new_one() -> None:
    """The store could not be written: the refused token it still holds is not handed out again."""
    refused = {"1000.old"}
    issued: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/v2/token"):
            issued.append(f"1000.new{len(issued)}")
            return httpx.Response(200, json={"access_token": issued[-1], "expires_in": 3600})
        if request.headers["authorization"].split()[-1] in refused:
            return httpx.Response(401, json={"code": "INVALID_TOKEN", "message": "invalid", "status": "error"})
        return httpx.Response(200, json={"count": 1})

    from zoho_crm import ZohoCRM

    store = ReadOnly(Token("1000.old", time.time() + 3000, issued_at=time.time() - 600))
    crm = ZohoCRM(RefreshTokenCredentials("id", "secret", "rt"), api_domain="https://www.zohoapis.com",
                  accounts_url=ACCOUNTS, transport=httpx.MockTransport(handler), token_store=store)  # fmt: skip
    assert crm.records.count("Leads") == 1  # 1000.old refused: refreshed to new0
    refused.add("1000.new0")  # revoked (the 16th token of its refresh token, say)
    assert crm.records.count("Leads") == 1  # refreshed again, not replayed with 1000.old
    assert issued == ["1000.new0", "1000.new1"]


class Issuer:
    """A token endpoint granting T1, T2...; answering 503 while ``down``."""

    def __init__(self) -> None:
        self.granted, self.down = 0, False

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            return httpx.Response(503, json={"error": "down"})
        self.granted += 1
        return httpx.Response(200, json={"access_token": f"T{self.granted}", "expires_in": 3600})

    def manager(self, store: object, **kw: Any) -> TokenManager:
        return TokenManager(RefreshTokenCredentials("id", "secret", "rt"), accounts_url=ACCOUNTS, store=store,
                            transport=httpx.MockTransport(self.handle), **kw)  # type: ignore[arg-type]  # fmt: skip


def test_a_peers_refusal_mark_holds_back_a_client_whose_own_refresh_failed() -> None:
    issuer, store = Issuer(), MemoryTokenStore()
    peer, me = issuer.manager(store), issuer.manager(store)
    first = peer.get()
    assert me.get().access_token == first.access_token == "T1"
    issuer.down = True  # T1 refused for me; my refresh fails
    with pytest.raises(TokenEndpointError):
        me.get(stale="T1")
    issuer.down = False
    peer.refused(first)  # the peer's replay was refused too: it marks T1 in the store, so every sharer holds back
    with pytest.raises(TokenRefusedError):
        me.get(stale="T1")
    assert issuer.granted == 1


def _lock_waiter_started() -> bool:
    return any(t.name == "zoho-crm-token-lock-wait" for t in threading.enumerate())


def _lock_waiters_done(timeout: float = 10.0) -> None:
    names = ("zoho-crm-token-lock-wait", "zoho-crm-token-lock-release")
    for thread in [t for t in threading.enumerate() if t.name in names]:
        thread.join(timeout)


def _abandon_a_renewal_waiting_for(store: object, issuer: Issuer) -> None:
    """``asyncio.run`` ends (its tasks cancelled) while a renewal waits in a thread for the store's lock."""
    manager = issuer.manager(store)

    async def main() -> None:
        pending = asyncio.ensure_future(manager.aget())  # a call the program gives up on
        for _ in range(1000):  # until the renewal waits in its thread (no event to await for that)
            if _lock_waiter_started():
                break
            await asyncio.sleep(0.01)
        assert _lock_waiter_started()
        assert not pending.done()

    asyncio.run(main())


def test_a_store_lock_taken_after_its_loop_ended_is_released(tmp_path: Path) -> None:
    issuer, store = Issuer(), FileTokenStore(tmp_path / "token.json")
    holding, release = threading.Event(), threading.Event()

    def another_refresh() -> None:
        with store.lock():
            holding.set()
            release.wait(10)

    other = threading.Thread(target=another_refresh)
    other.start()
    assert holding.wait(10)
    _abandon_a_renewal_waiting_for(store, issuer)
    release.set()  # the waiting thread now gets the lock, for a renewal that no longer exists
    other.join(10)
    _lock_waiters_done()
    assert store._thread_lock.acquire(timeout=5)  # released (it was held for good)
    store._thread_lock.release()
    assert issuer.manager(store).get().access_token == "T1"
