"""A write sent again after an attempt Zoho may have applied: what the repeat refuses is no certain failure.

A delete or an update is safe to repeat, so a lost answer is asked for again. But the repeat answers
for a world the first attempt changed: the records it deleted are "not found", the records a
conditional update changed are "modified since". Those refusals may be the call's own doing, so each
is ``Failure(uncertain=True)``, never a certain failure that says the records were left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import anyio
import httpx
import pytest

from tests.client.conftest import FAST_RETRY, client_kwargs
from zoho_crm import (
    AccessTokenCredentials,
    APIConnectionError,
    AsyncZohoCRM,
    BatchResult,
    Failure,
    RetryPolicy,
    Success,
    ZohoCRM,
)
from zoho_crm.testing import Sandbox, sandbox
from zoho_crm.testing._clock import ManualClock

Answer = Callable[[httpx.Request, Callable[[httpx.Request], httpx.Response]], httpx.Response]


class FirstWriteLost(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The sandbox, except that the first write to ``path`` is applied and then its answer is lost (``lose``)."""

    def __init__(self, sb: Sandbox, method: str, lose: Answer) -> None:
        self.sync, self.async_ = sb.transport(), sb.async_transport()
        self.method, self.lose, self.lost = method, lose, 0

    def _first(self, request: httpx.Request) -> bool:
        first = request.method == self.method and not self.lost
        self.lost += first
        return first

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._first(request):
            return self.lose(request, self.sync.handle_request)
        return self.sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._first(request):
            answered = await self.async_.handle_async_request(request)
            await answered.aread()
            return self.lose(request, lambda _: answered)
        return await self.async_.handle_async_request(request)


def dropped(request: httpx.Request, send: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
    send(request)  # applied
    raise httpx.RemoteProtocolError("server disconnected without sending a response", request=request)


def truncated(request: httpx.Request, send: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
    answer = send(request)  # applied
    return httpx.Response(answer.status_code, content=answer.read()[:40], headers={"content-type": "application/json"})


def run(sb: Sandbox, transport: FirstWriteLost, mode: str, write: Callable[[object], object]) -> BatchResult:
    kwargs = client_kwargs(sb)
    if mode == "sync":
        with ZohoCRM(sb.credentials, transport=transport, **kwargs) as crm:
            return write(crm)  # type: ignore[return-value]

    async def main() -> BatchResult:
        async with AsyncZohoCRM(sb.credentials, transport=transport, **kwargs) as crm:
            return await write(crm)  # type: ignore[no-any-return, misc]

    return anyio.run(main)


def assert_uncertain(result: BatchResult, count: int) -> None:
    assert len(result) == count
    assert all(isinstance(o, Failure) and o.uncertain for o in result), list(result)


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("lose", [dropped, truncated], ids=["dropped", "truncated"])
def test_a_repeated_delete_that_finds_its_records_gone_is_uncertain(mode: str, lose: Answer) -> None:
    with sandbox() as sb:
        ids = sb.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(3)])
        transport = FirstWriteLost(sb, "DELETE", lose)
        result = run(sb, transport, mode, lambda crm: crm.records.delete("Leads", ids))  # type: ignore[attr-defined]
        assert sb.records("Leads") == []  # the first attempt deleted them
        assert sb.counters.requests["delete_records"] == 2
    assert transport.lost == 1
    assert_uncertain(result, 3)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_repeated_conditional_update_refused_as_modified_is_uncertain(mode: str) -> None:
    clock = ManualClock()
    with sandbox(clock=clock) as sb:
        ids = sb.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(3)])
        since = dt.datetime.fromtimestamp(clock(), dt.timezone.utc)
        clock.advance(10)
        transport = FirstWriteLost(sb, "PUT", dropped)
        records = [{"id": i, "Last_Name": "changed"} for i in ids]
        result = run(sb, transport, mode, lambda crm: crm.records.update("Leads", records, if_unmodified_since=since))  # type: ignore[attr-defined]
        assert [r["Last_Name"] for r in sb.records("Leads")] == ["changed"] * 3  # applied by the first attempt
    assert_uncertain(result, 3)
    assert {o.status_code for o in result} == {412}


def test_a_refusal_without_an_earlier_attempt_stays_certain() -> None:
    with sandbox() as sb, ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb)) as crm:
        ids = sb.seed("Leads", [{"Last_Name": "L"}])
        crm.records.delete("Leads", ids).raise_for_errors()
        again = crm.records.delete("Leads", ids)  # a second call of its own: its refusal is certain
    assert isinstance(again[0], Failure)
    assert not again[0].uncertain


def test_a_repeat_after_a_429_stays_certain() -> None:
    # Zoho refuses a 429 before doing anything: the repeat's refusal is the only answer there is.
    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(
                429,
                headers={"Retry-After": "0"},
                json={"code": "TOO_MANY_REQUESTS", "status": "error", "message": "slow down", "details": {}},
            )
        item = {"code": "INVALID_DATA", "details": {"id": "1"}, "message": "record not deleted", "status": "error"}
        return httpx.Response(200, json={"data": [item]})

    with ZohoCRM(
        AccessTokenCredentials("1000.abc.def"), api_domain="https://www.zohoapis.com",
        transport=httpx.MockTransport(answer), retry=FAST_RETRY,
    ) as crm:  # fmt: skip
        result = crm.records.delete("Leads", ["1"])
    assert calls == 2
    assert isinstance(result[0], Failure)
    assert not result[0].uncertain


@pytest.mark.parametrize("item", [None, "x", 1, []])
def test_an_insert_answered_with_an_item_that_is_not_an_object_is_uncertain(item: object) -> None:
    added = {
        "code": "SUCCESS",
        "details": {"id": "3652397000000624046"},
        "message": "record added",
        "status": "success",
    }

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [added, item]})

    with ZohoCRM(
        AccessTokenCredentials("1000.abc.def"), api_domain="https://www.zohoapis.com",
        transport=httpx.MockTransport(answer), retry=RetryPolicy(max_attempts=1),
    ) as crm:  # fmt: skip
        result = crm.records.insert("Leads", [{"Last_Name": "a"}, {"Last_Name": "b"}])
    assert isinstance(result[0], Success)
    assert isinstance(result[1], Failure)
    assert result[1].uncertain  # Zoho took the call: the record may be stored; sending it again may duplicate it


def refused_after(request: httpx.Request, send: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
    send(request)  # applied
    raise httpx.ReadTimeout("the answer did not come", request=request)


class FirstWriteLostThenUnreachable(FirstWriteLost):
    """The first write is applied and its answer lost; every later request finds the server unreachable."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.lost:
            raise httpx.ConnectError("connection refused", request=request)
        return super().handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.lost:
            raise httpx.ConnectError("connection refused", request=request)
        return await super().handle_async_request(request)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_single_write_whose_repeats_never_went_out_is_not_never_sent(mode: str) -> None:
    # The last attempt's connect error proves only that attempt was not sent: the first one was applied.
    with sandbox() as sb:
        (lead,) = sb.seed("Leads", [{"Last_Name": "before"}])
        transport = FirstWriteLostThenUnreachable(sb, "PUT", refused_after)
        with pytest.raises(APIConnectionError) as raised:
            run(sb, transport, mode, lambda crm: crm.records.update_one("Leads", lead, {"Last_Name": "after"}))  # type: ignore[attr-defined]
        assert [r["Last_Name"] for r in sb.records("Leads")] == ["after"]
    assert transport.lost == 1
    assert not raised.value.never_sent


def test_a_write_applied_then_cut_off_by_close_is_not_reported_never_sent() -> None:
    # The first attempt was applied and its answer lost; the client closed before the retry went out.
    clients: list[ZohoCRM] = []

    def applied_then_closed(request: httpx.Request, send: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
        send(request)  # applied
        clients[0].close()
        raise httpx.RemoteProtocolError("server disconnected without sending a response", request=request)

    with sandbox() as sb:
        ids = sb.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(3)])
        crm = ZohoCRM(sb.credentials, transport=FirstWriteLost(sb, "PUT", applied_then_closed), **client_kwargs(sb))
        clients.append(crm)
        result = crm.records.update("Leads", [{"id": i, "Last_Name": "changed"} for i in ids])
        assert [r["Last_Name"] for r in sb.records("Leads")] == ["changed"] * 3
    assert len(result) == 3
    for outcome in result:
        assert isinstance(outcome, Failure)
        assert isinstance(outcome.error, APIConnectionError)
        assert not outcome.error.never_sent
        assert "not sent" not in outcome.message
