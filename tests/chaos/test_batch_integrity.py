"""Batch integrity on loopback HTTP at scale: keyless upserts under drop-after-commit, a token failure mid-batch."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.chaos.conftest import FULL
from zoho_crm import AsyncZohoCRM, BatchResult, Failure, RetryPolicy, Success, ZohoCRM
from zoho_crm.errors import InvalidTokenGrantError, TokenRefreshThrottledError
from zoho_crm.testing import Sandbox, sandbox

RETRY = RetryPolicy(max_attempts=10, initial_backoff=0.01, max_backoff=0.2, max_elapsed=120)
DROPS: dict[str, Any] = {"drop_after_commit_rate": 0.3, "fault_operations": {"upsert_records"}, "seed": 20261205}
MODES = ["sync", "async"]


def batch(mode: str, sb: Sandbox, call: Callable[[Any], Any]) -> BatchResult:
    """``call(crm)`` with a sync or an async client over loopback HTTP."""
    kw: dict[str, Any] = {"api_domain": sb.api_domain, "accounts_url": sb.accounts_url, "retry": RETRY}
    if mode == "sync":
        with ZohoCRM(sb.credentials, **kw) as crm:
            result: BatchResult = call(crm)
            return result

    async def main() -> BatchResult:
        async with AsyncZohoCRM(sb.credentials, **kw) as acrm:
            done: BatchResult = await call(acrm)
            return done

    return asyncio.run(main())


@pytest.mark.parametrize("mode", MODES)
def test_keyless_upserts_under_drop_after_commit_are_stored_once(mode: str, report: Counter[str]) -> None:
    n = 10_000 if FULL else 1_000
    records = [{"Last_Name": f"Keyless {i}"} for i in range(n)]  # no Email: Zoho inserts each one it is sent
    with sandbox(mode="http", **DROPS) as sb:
        result = batch(mode, sb, lambda crm: crm.records.upsert("Leads", records))
        stored = Counter(r["Last_Name"] for r in sb.records("Leads"))
        drops = sb.counters.faults.get("drop_after_commit", 0)
    duplicates = sum(c - 1 for c in stored.values())
    assert [o.index for o in result] == list(range(n))
    assert duplicates == 0
    assert sorted(stored) == sorted(r["Last_Name"] for r in records)  # stored == records handed in
    assert all(isinstance(o, Success) or (isinstance(o, Failure) and o.uncertain) for o in result)
    uncertain = len(result.failed)
    assert uncertain == 100 * drops > 0, "every dropped call's items, and only those, are uncertain"
    report["keyless upserts under drop-after-commit: duplicates"] += duplicates
    report["keyless upserts under drop-after-commit: uncertain"] += uncertain


@pytest.mark.parametrize("mode", MODES)
def test_keyed_upserts_under_drop_after_commit_are_retried_without_duplicates(mode: str, report: Counter[str]) -> None:
    n = 10_000 if FULL else 1_000
    records = [{"Last_Name": f"Keyed {i}", "Email": f"keyed{i}@example.com"} for i in range(n)]
    with sandbox(mode="http", **DROPS) as sb:
        result = batch(mode, sb, lambda crm: crm.records.upsert("Leads", records))
        stored = Counter(r["Email"] for r in sb.records("Leads"))
        drops = sb.counters.faults.get("drop_after_commit", 0)
    duplicates = sum(c - 1 for c in stored.values())
    assert drops > 0
    assert duplicates == 0
    failed = [f"{o.index}: {o.code} {o.message}" for o in result.failed]
    assert (len(result), failed[:3]) == (n, [])  # repeated until answered: each matched by its Email
    report["keyed upserts under drop-after-commit: duplicates"] += duplicates


def _revoke(sb: Sandbox, http: httpx.Client) -> None:
    """Revoke the refresh token (and its access tokens) at the sandbox's revoke endpoint, over loopback."""
    token = sb.credentials.refresh_token
    http.post(f"{sb.accounts_url}/oauth/v2/token/revoke", data={"token": token}).raise_for_status()


def _throttle(sb: Sandbox, http: httpx.Client) -> None:
    sb.configure(refresh_limit=1)  # the client's first refresh used it up
    sb.expire_tokens()


@pytest.mark.parametrize(
    ("mode", "fault", "error"),
    [("sync", _revoke, InvalidTokenGrantError), ("async", _throttle, TokenRefreshThrottledError)],
)
def test_a_token_failure_mid_insert_keeps_every_outcome(
    mode: str, fault: Callable[[Sandbox, httpx.Client], None], error: type[Exception], report: Counter[str]
) -> None:
    n = 10_000 if FULL else 2_000
    records = [{"Last_Name": f"Token {i}", "Email": f"token{i}@example.com"} for i in range(n)]
    fired: list[int] = []
    # 50 ms per call: the calls in flight end well after the fault (made with a client built beforehand)
    with sandbox(mode="http", latency=0.05) as sb, httpx.Client() as http:

        def progress(done: int, total: int) -> None:
            if done >= total // 5 and not fired:
                fired.append(done)
                fault(sb, http)

        result = batch(mode, sb, lambda crm: crm.records.insert("Leads", records, concurrency=4, on_progress=progress))
        stored = {r["Email"]: r["id"] for r in sb.records("Leads")}
    assert fired
    assert [o.index for o in result] == list(range(n))
    assert {o.input["Email"]: o.id for o in result.succeeded} == stored  # stored == successes
    assert result.failed
    assert all(isinstance(f.error, error) and not f.uncertain for f in result.failed)
    report["token failure mid-batch: records in"] += n
    report["token failure mid-batch: outcomes out"] += len(result)
    report["token failure mid-batch: written, kept as successes"] += len(result.succeeded)
