"""Batch integrity on loopback HTTP at scale: upserts under drop-after-commit, a token failure mid-batch."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.chaos.conftest import FULL
from zoho_crm import AsyncZohoCRM, BatchResult, Failure, RetryPolicy, Success, ZohoCRM
from zoho_crm.errors import APIConnectionError, InvalidTokenGrantError, TokenRefreshThrottledError
from zoho_crm.testing import Sandbox, sandbox
from zoho_crm.testing._limits import FaultPlan

RETRY = RetryPolicy(max_attempts=10, initial_backoff=0.01, max_backoff=0.2, max_elapsed=120)
DROPS: dict[str, Any] = {"drop_after_commit_rate": 0.3, "fault_operations": {"upsert_records"}, "seed": 20261205}
MODES = ["sync", "async"]


def batch(mode: str, sb: Sandbox, call: Callable[[Any], Any], retry: RetryPolicy = RETRY) -> BatchResult:
    """``call(crm)`` with a sync or an async client over loopback HTTP."""
    kw: dict[str, Any] = {"api_domain": sb.api_domain, "accounts_url": sb.accounts_url, "retry": retry}
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


def dropped() -> Iterator[bool]:
    """Whether each call in turn is dropped after commit, as the seeded fault sequence (``DROPS``) draws it.

    Every upsert of a batch draws the next fault of the sequence, whichever chunk it carries: which
    chunk meets which drop is up to the lanes' timing, how many drops the batch meets is not.
    """
    plan = FaultPlan(DROPS["seed"])
    while True:
        draw = plan.draw()[1]
        yield FaultPlan.after(draw, DROPS["drop_after_commit_rate"], 0.0) == "drop_after_commit"


def drops_before(answered: int) -> int:
    """The drops the sequence holds before its ``answered``-th answered call.

    A batch of ``answered`` chunks, each answered in the end, meets exactly these, and no one chunk more.
    ``max_attempts`` must outlast them all: the last chunk left runs alone and draws the sequence's
    drops in a row (the four at calls 131-134 of the full run), and it is often one that was dropped
    most already (a dropped chunk falls behind), so ``max_attempts=10`` was now and then spent on drops.
    """
    drops, calls = 0, dropped()
    while answered:
        if next(calls):
            drops += 1
        else:
            answered -= 1
    return drops


@pytest.mark.parametrize("mode", MODES)
def test_keyed_upserts_under_drop_after_commit_are_retried_without_duplicates(mode: str, report: Counter[str]) -> None:
    n = 10_000 if FULL else 1_000
    records = [{"Last_Name": f"Keyed {i}", "Email": f"keyed{i}@example.com"} for i in range(n)]
    bound = drops_before(n // 100)
    retry = dataclasses.replace(RETRY, max_attempts=bound + 1)  # no chunk can be dropped every time, however scheduled
    with sandbox(mode="http", **DROPS) as sb:
        result = batch(mode, sb, lambda crm: crm.records.upsert("Leads", records), retry)
        ids = {r["Email"]: r["id"] for r in sb.records("Leads")}
        stored = Counter(r["Email"] for r in sb.records("Leads"))
        drops = sb.counters.faults.get("drop_after_commit", 0)
    duplicates = sum(c - 1 for c in stored.values())
    assert drops == bound > 0  # every chunk answered in the end, after its own drops
    assert duplicates == 0
    failed = [f"{o.index}: {o.code} {o.message}" for o in result.failed]
    assert (len(result), failed[:3]) == (n, [])  # repeated until answered: each matched by its Email
    assert [o.index for o in result] == list(range(n))
    assert {o.input["Email"]: o.id for o in result.succeeded} == ids  # a repeat answers the record written first
    updated = [o for o in result.succeeded if o.action == "update"]  # the chunks sent again after a drop
    assert 0 < len(updated) <= 100 * drops
    assert {o.duplicate_field for o in updated} == {"Email"}
    report["keyed upserts under drop-after-commit: duplicates"] += duplicates
    report["keyed upserts under drop-after-commit: drops"] += drops


@pytest.mark.parametrize("mode", MODES)
def test_keyed_upserts_whose_attempts_run_out_fail_safe_to_resend_and_written_once(mode: str) -> None:
    n = 10_000 if FULL else 1_000
    records = [{"Last_Name": f"Spent {i}", "Email": f"spent{i}@example.com"} for i in range(n)]
    once = dataclasses.replace(RETRY, max_attempts=1)  # each chunk sent once: the sequence's first n // 100 draws
    with sandbox(mode="http", **DROPS) as sb:
        result = batch(mode, sb, lambda crm: crm.records.upsert("Leads", records), once)
        stored = Counter(r["Email"] for r in sb.records("Leads"))
        drops = sb.counters.faults.get("drop_after_commit", 0)
    assert drops == sum(itertools.islice(dropped(), n // 100)) > 0
    assert [o.index for o in result] == list(range(n))
    assert stored == Counter(r["Email"] for r in records)  # written once each, the dropped calls' too
    assert len(result.failed) == 100 * drops
    for failure in result.failed:  # the attempts ran out: a typed error, safe to send again as it is
        assert isinstance(failure.error, APIConnectionError)
        assert (failure.code, failure.uncertain) == ("APIConnectionError", False)


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
