"""``with_options``: one client's connections and token, another retry policy or timeout."""

from __future__ import annotations

import asyncio
import math

import httpx
import pytest

from tests.client.conftest import FAST_RETRY, Intercept, client_kwargs
from zoho_crm import AsyncZohoCRM, RetryPolicy, ZohoCRM
from zoho_crm.errors import EventLoopError, ServerError, ZohoValidationError
from zoho_crm.testing import Sandbox

ONCE = RetryPolicy(max_attempts=1)


class Flaky:
    """Answers 503 to the first ``failures`` count calls, then lets them through to the sandbox."""

    def __init__(self, sb: Sandbox, failures: int) -> None:
        self.inner, self.failures, self.calls = sb.transport(), failures, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        if self.calls <= self.failures:
            return httpx.Response(503, json={"code": "INTERNAL_ERROR", "message": "try later", "status": "error"})
        return self.inner.handle_request(request)


def test_a_copy_retries_as_told_while_the_client_keeps_its_policy(sb: Sandbox) -> None:
    sb.seed("Leads", [{"Last_Name": "Burns"}])
    flaky = Flaky(sb, failures=3)
    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/actions/count", flaky), **client_kwargs(sb)) as crm:
        fail_fast = crm.with_options(retry=ONCE)
        with pytest.raises(ServerError):
            fail_fast.records.count("Leads")
        assert flaky.calls == 1  # one attempt, not FAST_RETRY's 8
        assert crm.records.count("Leads") == 1  # the client's own policy: two more 503s, then the answer
        assert flaky.calls == 4
        assert fail_fast.stats == crm.stats  # one pool, one token, one set of counts
        assert crm.stats["calls"] == 4
        assert crm.stats["refreshes"] == 1
        assert fail_fast.tokens is crm.tokens
    assert crm._engine.retry is FAST_RETRY


def test_a_copys_timeout_bounds_each_attempt(sb: Sandbox) -> None:
    seen: list[dict[str, float]] = []

    def count(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return sb.transport().handle_request(request)

    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/actions/count", count), **client_kwargs(sb)) as crm:
        crm.with_options(timeout=2.5).records.count("Leads")
        crm.records.count("Leads")
        crm.with_options(retry=ONCE).records.count("Leads")  # the timeout left unset stays the client's
    assert max(seen[0].values()) <= 2.5
    assert seen[1]["read"] > 2.5
    assert seen[2]["read"] > 2.5


@pytest.mark.parametrize(
    "options",
    [{"retry": 3}, {"retry": "once"}, {"timeout": 0}, {"timeout": -1.0}, {"timeout": math.nan}, {"timeout": "5"}],
)
def test_bad_options_are_refused(sb: Sandbox, crm: ZohoCRM, options: dict[str, object]) -> None:
    with pytest.raises(ZohoValidationError):
        crm.with_options(**options)  # type: ignore[arg-type]
    assert sb.counters.total_requests == 0


@pytest.mark.anyio
async def test_an_async_copy_retries_as_told(sb: Sandbox) -> None:
    sb.seed("Leads", [{"Last_Name": "Burns"}])
    calls = 0

    class Failing(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal calls
            if request.url.path.endswith("/actions/count"):
                calls += 1
                return httpx.Response(502, json={"code": "INTERNAL_ERROR", "message": "down", "status": "error"})
            return await sb.async_transport().handle_async_request(request)

    async with AsyncZohoCRM(sb.credentials, transport=Failing(), **client_kwargs(sb)) as crm:
        fail_fast = crm.with_options(retry=ONCE, timeout=5)
        assert isinstance(fail_fast, AsyncZohoCRM)
        with pytest.raises(ServerError):
            await fail_fast.records.count("Leads")
        assert calls == 1
        with pytest.raises(ServerError):
            await crm.records.count("Leads")
        assert calls == 1 + FAST_RETRY.max_attempts  # the client's own policy, untouched by the copy
        assert crm.stats["calls"] == calls


def test_a_copy_made_before_first_use_shares_the_clients_event_loop(sb: Sandbox) -> None:
    crm = AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **client_kwargs(sb))
    quick = crm.with_options(timeout=5)
    assert asyncio.run(crm.records.count("Leads")) == 0  # the client's connections now belong to this loop
    with pytest.raises(EventLoopError):
        asyncio.run(quick.records.count("Leads"))  # another loop: refused for the copy too
