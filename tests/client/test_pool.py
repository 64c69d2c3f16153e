"""The connection pool serves what a call may ask for: ``concurrency=25`` (Zoho's highest limit) on a client with the
default ``max_concurrency`` has 25 calls in flight over real HTTP; more than the pool serves is refused up front.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, BatchResult, ZohoCRM
from zoho_crm._client import pool_limits
from zoho_crm.errors import ZohoValidationError
from zoho_crm.testing import Sandbox

MODES = ["sync", "async"]


def leads(n: int) -> list[dict[str, Any]]:
    return [{"Last_Name": f"Lead {i}"} for i in range(n)]


@pytest.mark.parametrize(("max_concurrency", "size"), [(1, 30), (10, 30), (25, 30), (40, 45)])
def test_the_pool_has_a_connection_for_every_lane_and_keeps_them_all_alive(max_concurrency: int, size: int) -> None:
    limits = pool_limits(max_concurrency)
    assert limits.max_connections == size
    # fewer keep-alive slots than connections make httpcore close "surplus" idle connections, one of which may
    # just have been handed to a waiting request (encode/httpcore#1110): it then hangs until its read timeout
    assert limits.max_keepalive_connections == size


@pytest.mark.parametrize("mode", MODES)
def test_concurrency_25_on_a_default_client_has_25_calls_in_flight(mode: str) -> None:
    with Sandbox(mode="http", latency=0.5) as sb:  # each call holds its slot 0.5 s: the 25 first calls overlap
        if mode == "sync":
            with ZohoCRM(sb.credentials, **client_kwargs(sb)) as crm:
                result = crm.records.insert("Leads", leads(2500), concurrency=25)
                stats = crm.stats
        else:

            async def main() -> tuple[BatchResult, dict[str, int]]:
                async with AsyncZohoCRM(sb.credentials, **client_kwargs(sb)) as acrm:
                    return await acrm.records.insert("Leads", leads(2500), concurrency=25), acrm.stats

            result, stats = asyncio.run(main())
        counters = sb.counters
    assert [o.ok for o in result] == [True] * 2500
    assert counters.max_in_flight == 25  # was 15: the pool (max_concurrency + 5) held the other 10 back
    assert counters.requests["insert_records"] == 25  # none sent twice
    assert not [key for key in stats if key.startswith("retry")]


@pytest.mark.parametrize("mode", MODES)
def test_more_lanes_than_the_pool_serves_are_refused_before_any_request(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("a request was sent")

    kw: dict[str, Any] = {"api_domain": "https://www.zohoapis.com"}
    client: Any = (
        ZohoCRM(AccessTokenCredentials("t"), transport=httpx.MockTransport(handler), **kw)
        if mode == "sync"
        else AsyncZohoCRM(AccessTokenCredentials("t"), transport=httpx.MockTransport(handler), **kw)
    )
    insert = client.records.insert if mode == "sync" else lambda *a, **k: asyncio.run(client.records.insert(*a, **k))
    with pytest.raises(ZohoValidationError, match=r"concurrency=26 .* max_concurrency=26"):
        insert("Leads", leads(3), concurrency=26)
    with pytest.raises(ZohoValidationError, match="concurrency=26"):
        client.records.upsert_stream("Leads", leads(3), concurrency=26)


def test_a_client_built_for_more_lanes_serves_them() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(200, json={"data": [{"status": "success", "details": {"id": "1"}}]})

    kw: dict[str, Any] = {"api_domain": "https://www.zohoapis.com", "max_concurrency": 40}
    with ZohoCRM(AccessTokenCredentials("t"), transport=httpx.MockTransport(handler), **kw) as crm:
        assert [o.ok for o in crm.records.insert("Leads", leads(1), concurrency=40)] == [True]
    assert calls == [1]
