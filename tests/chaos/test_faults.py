"""Faults on loopback HTTP: nothing lost, nothing duplicated, uncertain outcomes reported as such."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.chaos.conftest import FULL
from zoho_crm import Failure, RetryPolicy, Success, ZohoCRM
from zoho_crm.errors import APITimeoutError
from zoho_crm.testing import Sandbox, sandbox
from zoho_crm_api import API_VERSION

# Backoff up to 1 s: a call refused for concurrency waits out the 0.1 s the others hold their slots.
RETRY = RetryPolicy(max_attempts=10, initial_backoff=0.05, max_backoff=1.0, max_elapsed=120)
FAULTS: dict[str, Any] = {
    "fault_rate_5xx": 0.10,
    "drop_rate": 0.05,
    "truncate_rate": 0.01,
    "drop_after_commit_rate": 0.02,
    "concurrency_limit": 6,  # the client runs 10 calls at once: bursts of 429
    # Calls overlap, so the 10 in flight pass the limit of 6: each is answered 0.1 s after it arrived,
    # with room for the sandbox to do the work of all 10 (a few ms each) in that time.
    "latency": 0.1,
    "seed": 20261125,
}


def client(sb: Sandbox, **kw: Any) -> ZohoCRM:
    return ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url, retry=RETRY, **kw)


def count_faults(sb: Sandbox, report: Counter[str]) -> None:
    for kind, n in sb.counters.faults.items():
        report[f"faults injected: {kind}"] += n
    report["faults injected: 429 (concurrency)"] += sb.counters.rejected.get("TOO_MANY_REQUESTS", 0)
    report["calls made (server side)"] += sb.counters.total_requests


def test_chaos_upsert_by_external_id_loses_and_duplicates_nothing(report: Counter[str]) -> None:
    n = 10_000 if FULL else 1_500
    with sandbox(mode="http", **FAULTS) as sb:
        sb.mark_external("Leads", "External_Lead_ID")
        records = [{"Last_Name": f"Chaos {i}", "External_Lead_ID": f"ext-{i}"} for i in range(n)]
        expired = []

        def expire_halfway(done: int, total: int) -> None:
            if done >= total // 2 and not expired:
                expired.append(sb.expire_tokens())  # token expiry mid-run

        with client(sb) as crm:
            result = crm.records.upsert(
                "Leads", records, duplicate_check_fields=["External_Lead_ID"], on_progress=expire_halfway
            )
            stats = crm.stats
        stored = Counter(r["External_Lead_ID"] for r in sb.records("Leads"))
        ids_by_ext = {r["External_Lead_ID"]: r["id"] for r in sb.records("Leads")}
        count_faults(sb, report)

    assert expired, "the token was never expired mid-run"
    assert len(result) == n
    assert [o.index for o in result] == list(range(n))  # exactly one outcome per input, in order
    duplicates = sum(c - 1 for c in stored.values() if c > 1)
    assert duplicates == 0
    for outcome in result:
        ext = outcome.input["External_Lead_ID"]
        if isinstance(outcome, Success):
            assert stored[ext] == 1
            assert outcome.id == ids_by_ext[ext]
        else:
            assert outcome.code
            assert outcome.message
    assert stats["retry:RemoteProtocolError"] + stats.get("retry:ReadError", 0) > 0, stats
    assert stats.get("retry:500", 0) > 0, stats
    assert stats.get("retry:429", 0) > 0, stats
    assert stats["refreshes"] == 2
    report["records in"] += n
    report["outcomes out"] += len(result)
    report["succeeded"] += len(result.succeeded)
    report["failed (with their error)"] += len(result.failed)
    report["duplicates"] += duplicates
    report["lost"] += n - len(result)
    report["retries"] += sum(v for k, v in stats.items() if k.startswith("retry:"))
    report["token refreshes"] += stats["refreshes"]


def test_inserts_under_faults_never_duplicate_silently(report: Counter[str]) -> None:
    n = 5_000 if FULL else 1_000
    with sandbox(mode="http", **FAULTS) as sb:
        records = [{"Last_Name": f"Insert {i}", "Email": f"i{i}@example.com"} for i in range(n)]
        with client(sb) as crm:
            result = crm.records.insert("Leads", records)
        stored = Counter(r["Email"] for r in sb.records("Leads"))
        count_faults(sb, report)
    assert [o.index for o in result] == list(range(n))
    uncertain = 0
    for outcome in result:
        copies = stored[outcome.input["Email"]]
        assert copies <= 1, "an insert was applied twice"
        if isinstance(outcome, Success):
            assert copies == 1
        elif isinstance(outcome, Failure) and outcome.uncertain:
            uncertain += 1  # the caller is told: check before inserting again
        else:
            assert copies == 0, f"{outcome.code} reported as certain but the record exists"
    assert uncertain > 0, "the faults never produced an uncertain outcome: the test proves nothing"
    report["insert outcomes reported uncertain"] += uncertain
    report["insert duplicates"] += sum(c - 1 for c in stored.values() if c > 1)


def test_a_stalled_answer_ends_within_its_timeout_with_a_typed_error() -> None:
    with sandbox(mode="http", latency=30) as sb:
        no_retry = RetryPolicy(max_attempts=1)
        with ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url, retry=no_retry) as crm:
            sb.configure(latency=0)
            crm.records.count("Leads")  # token first, without the stall
            sb.configure(latency=30)
            with pytest.raises(APITimeoutError) as info:
                crm.records.list("Leads", fields=["Last_Name"], timeout=0.3)
            sb.configure(latency=0)
    assert info.value.method == "GET"
    assert f"/crm/{API_VERSION}/Leads" in (info.value.url or "")
