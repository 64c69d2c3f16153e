"""100 threads, then 100 tasks, share one client while the access token expires every 2 seconds.

The sandbox and the client share a manual clock that a transport wrapper moves forward by 2 s every
``PERIOD`` requests: each move is one expiry. Expected: zero failed calls and exactly one token
refresh per expiry (plus the first token).
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.chaos.conftest import FULL
from zoho_crm import AsyncZohoCRM, RetryPolicy, ZohoCRM
from zoho_crm.testing import ManualClock, sandbox

WORKERS = 100
CALLS_EACH = 30 if FULL else 12
PERIOD = 600  # requests between two expiries (several times the 100 in flight)
LIFETIME = 2.0


class Ticker:
    """Counts API requests and expires the token (advances the clock) every PERIOD of them."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.seen = 0
        self.expiries = 0
        self._lock = threading.Lock()

    def tick(self, request: httpx.Request) -> None:
        if "/crm/" not in request.url.path:
            return
        with self._lock:
            self.seen += 1
            if self.seen % PERIOD == PERIOD // 2:
                self.clock.advance(LIFETIME)
                self.expiries += 1


class TickingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, ticker: Ticker) -> None:
        self.inner, self.ticker = inner, ticker

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.ticker.tick(request)
        return self.inner.handle_request(request)


class AsyncTickingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, ticker: Ticker) -> None:
        self.inner, self.ticker = inner, ticker

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.ticker.tick(request)
        return await self.inner.handle_async_request(request)


def settings(clock: ManualClock) -> dict[str, object]:
    return {"clock": clock, "token_lifetime": LIFETIME, "refresh_limit": 1000, "max_active_tokens": 1000}


def test_100_threads_one_refresh_per_expiry(report: Counter[str]) -> None:
    clock = ManualClock()
    with sandbox(mode="asgi", **settings(clock)) as sb:
        ticker = Ticker(clock)
        transport = TickingTransport(sb.transport(), ticker)
        with ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url, transport=transport,
                     clock=clock, retry=RetryPolicy(max_attempts=1)) as crm:  # fmt: skip
            start = threading.Barrier(WORKERS)

            def work(_: int) -> int:
                start.wait()
                return sum(crm.records.count("Leads") == 0 for _ in range(CALLS_EACH))

            with ThreadPoolExecutor(WORKERS) as pool:
                ok = sum(pool.map(work, range(WORKERS)))
        refreshes = sb.counters.token_refreshes
    assert ok == WORKERS * CALLS_EACH  # zero failed calls
    assert ticker.expiries >= 2
    assert refreshes == ticker.expiries + 1
    report["token load: thread calls"] += ok
    report["token load: expiries"] += ticker.expiries
    report["token load: refreshes"] += refreshes


@pytest.mark.anyio
async def test_100_tasks_one_refresh_per_expiry(report: Counter[str]) -> None:
    clock = ManualClock()
    with sandbox(mode="asgi", **settings(clock)) as sb:
        ticker = Ticker(clock)
        transport = AsyncTickingTransport(sb.async_transport(), ticker)
        client = AsyncZohoCRM(
            sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url, transport=transport,
            clock=clock, retry=RetryPolicy(max_attempts=1),
        )  # fmt: skip
        async with client as crm:

            async def work() -> int:
                return sum([await crm.records.count("Leads") == 0 for _ in range(CALLS_EACH)])

            ok = sum(await asyncio.gather(*(work() for _ in range(WORKERS))))
        refreshes = sb.counters.token_refreshes
    assert ok == WORKERS * CALLS_EACH
    assert ticker.expiries >= 2
    assert refreshes == ticker.expiries + 1
    report["token load: task calls"] += ok
