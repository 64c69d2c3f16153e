"""A closed client refuses every call with a typed error that says nothing was sent (never httpx's RuntimeError)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anyio
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import APIConnectionError, AsyncZohoCRM, BatchResult, Failure, ZohoCRM
from zoho_crm.testing import Sandbox

CALLS: dict[str, Callable[[Any], Any]] = {
    "get": lambda crm: crm.records.get("Leads", "1"),
    "count": lambda crm: crm.records.count("Leads"),
    "list": lambda crm: crm.records.list("Leads", fields=["Last_Name"]),
    "update_one": lambda crm: crm.records.update_one("Leads", "1", {"Last_Name": "x"}),
    "related.count": lambda crm: crm.related.count("Leads", "1", ["Notes"]),
}


@pytest.mark.parametrize("call", list(CALLS))
def test_a_single_call_on_a_closed_client_is_a_never_sent_connection_error(sb: Sandbox, call: str) -> None:
    crm = ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb))
    crm.close()
    with pytest.raises(APIConnectionError, match="client is closed") as raised:
        CALLS[call](crm)
    assert raised.value.never_sent
    assert sum(sb.counters.requests.values()) == 0


@pytest.mark.parametrize("call", list(CALLS))
def test_an_async_call_on_a_closed_client_is_a_never_sent_connection_error(sb: Sandbox, call: str) -> None:
    async def main() -> None:
        crm = AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **client_kwargs(sb))
        await crm.aclose()
        with pytest.raises(APIConnectionError, match="client is closed") as raised:
            await CALLS[call](crm)
        assert raised.value.never_sent

    anyio.run(main)
    assert sum(sb.counters.requests.values()) == 0


def test_a_walk_on_a_closed_client_raises_before_its_first_page(sb: Sandbox) -> None:
    sb.seed("Leads", [{"Last_Name": "L"}])
    crm = ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb))
    crm.close()
    with pytest.raises(APIConnectionError, match="client is closed"):
        next(iter(crm.records.iter("Leads", fields=["Last_Name"])))


def test_a_batch_on_a_closed_client_fails_every_record_certainly_after_one_attempt(sb: Sandbox) -> None:
    crm = ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb))
    crm.close()
    result: BatchResult = crm.records.insert("Leads", [{"Last_Name": f"L{i}"} for i in range(250)])
    assert len(result) == 250
    assert all(isinstance(o, Failure) and not o.uncertain and "client is closed" in o.message for o in result)
    assert sum(sb.counters.requests.values()) == 0
