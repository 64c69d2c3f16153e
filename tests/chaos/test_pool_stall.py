"""Many threads on one client's pool over real HTTP: no call fails or is sent twice on the client's own pool.

httpcore 1.0.9 closes "surplus" idle connections on every pool pass, counting every connection against the
keep-alive slots, and can close one it has just handed to a waiting request (encode/httpcore#1110): that
request then fails or hangs until its read timeout, and a safe call is sent again. The client keeps every
connection alive (keep-alive = max connections), so the sweep never fires; here more threads than
connections (requests queue for the pool) make thousands of calls, and each reaches the sandbox once.
Short run by default; ``CHAOS_SCALE=full`` (``nox -s chaos``) makes ten times the calls.
"""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from tests.chaos.conftest import FULL
from tests.client.conftest import client_kwargs
from zoho_crm import ZohoCRM
from zoho_crm._client import pool_limits
from zoho_crm.testing import Sandbox

THREADS = 40  # more than the default pool's 30 connections: requests queue for one
CALLS = 100 if FULL else 10


def test_queued_requests_on_a_full_pool_never_fail_nor_go_twice(report: Counter[str]) -> None:
    assert pool_limits(10).max_connections < THREADS
    with Sandbox(mode="http", latency=0.01) as sb:
        (lead_id,) = sb.seed("Leads", [{"Last_Name": "x"}])
        with ZohoCRM(sb.credentials, timeout=10, **client_kwargs(sb)) as crm:

            def lane(_: int) -> int:
                return sum(crm.records.get("Leads", lead_id) is not None for _ in range(CALLS))

            with ThreadPoolExecutor(THREADS) as pool:
                found = sum(pool.map(lane, range(THREADS)))
            stats = crm.stats
        sent = sb.counters.requests["get_record"]
    assert found == THREADS * CALLS
    assert sent == THREADS * CALLS, "a call was sent twice (or lost) on the client's own pool"
    assert not {key: n for key, n in stats.items() if key.startswith("retry")}
    report["pool: queued calls"] += sent
