"""Hostile or broken answers: each gives a clear typed error or a safe result, never a crash or a hang."""

from __future__ import annotations

import asyncio
import gzip
import json
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.chaos.conftest import FULL
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, Failure, RefreshTokenCredentials, RetryPolicy, ZohoCRM
from zoho_crm._pagination import MAX_IDLE_PAGES
from zoho_crm.errors import (
    AnswerTooLargeError,
    APIError,
    AuthenticationError,
    InvalidRequestError,
    InvalidResponseError,
    PaginationError,
    RateLimitError,
    ServerError,
)

NO_WAIT = RetryPolicy(max_attempts=3, initial_backoff=0.0, max_backoff=0.0)
GOOD_ID = "3652397000000624046"


def answering(handler: Callable[[httpx.Request], httpx.Response]) -> ZohoCRM:
    return ZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com",
                   transport=httpx.MockTransport(handler), retry=NO_WAIT)  # fmt: skip


def always(status: int, body: bytes | str = b"", headers: dict[str, str] | None = None) -> ZohoCRM:
    content = body.encode() if isinstance(body, str) else body
    return answering(lambda request: httpx.Response(status, content=content, headers=headers))


def page(records: list[dict[str, Any]], **info: Any) -> str:
    return json.dumps({"data": records, "info": {"page": 1, "per_page": 200, "count": len(records),
                                                 "more_records": False, **info}})  # fmt: skip


def test_html_error_page_is_a_typed_error() -> None:
    with pytest.raises(ServerError) as info:
        always(502, "<html><body><h1>502 Bad Gateway</h1></body></html>").records.count("Leads")
    assert info.value.status_code == 502
    assert isinstance(info.value, APIError)


def test_non_json_400_is_an_invalid_request_error_quoting_the_body() -> None:
    with pytest.raises(InvalidRequestError) as info:
        always(400, "oops, not json").records.count("Leads")
    assert "not JSON" in str(info.value)


def test_empty_200_body_on_a_read_is_a_typed_error() -> None:
    with pytest.raises(InvalidResponseError):
        always(200, b"").records.list("Leads", fields=["Email"])


def test_empty_json_object_on_a_read_is_a_typed_error() -> None:
    with pytest.raises(InvalidResponseError):
        always(200, "{}").records.list("Leads", fields=["Email"])


def test_truncated_json_on_a_read_is_retried_then_typed() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(200, content=page([{"id": "1"}])[:25].encode())

    with pytest.raises(InvalidResponseError):
        answering(handler).records.list("Leads", fields=["Email"])
    assert len(calls) == 3


def test_unknown_error_code_is_kept() -> None:
    body = {"code": "BRAND_NEW_CODE", "details": {"why": "future"}, "message": "new", "status": "error"}
    with pytest.raises(InvalidRequestError) as info:
        always(400, json.dumps(body)).records.list("Leads", fields=["Email"])
    assert info.value.code == "BRAND_NEW_CODE"
    assert info.value.matches("BRAND_NEW_CODE")
    assert info.value.details == {"why": "future"}


def test_error_envelope_with_wrong_shape_is_typed() -> None:
    with pytest.raises(InvalidRequestError, match="not a Zoho error envelope"):
        always(400, json.dumps({"error": "x"})).records.count("Leads")


def test_unknown_fields_and_enum_values_in_records_are_kept() -> None:
    record = {"id": "1", "Brand_New_Field__c": {"nested": True}, "Lead_Status": "A Value Added Later"}
    crm = always(200, page([record], sort_by="Some_New_Sort", brand_new_info_key=7))
    result = crm.records.list("Leads", fields=["Email"])
    assert result.records == [record]
    assert result.info is not None
    assert result.info.additional_properties["brand_new_info_key"] == 7


def test_unknown_per_record_code_and_status_are_kept_as_failures() -> None:
    items = [{"code": "SUCCESS", "details": {"id": "1"}, "message": "record added", "status": "success"},
             {"code": "NEW_ITEM_CODE", "details": {}, "message": "?", "status": "something_else"}]  # fmt: skip
    result = always(207, json.dumps({"data": items})).records.insert("Leads", [{"Last_Name": "a"}, {"Last_Name": "b"}])
    assert [o.ok for o in result] == [True, False]
    assert isinstance(result[1], Failure)
    assert result[1].code == "NEW_ITEM_CODE"
    assert result[1].uncertain, "an insert item neither success nor error may have been written"


@pytest.mark.parametrize("status", ["Success", None, ["success"], "absent"])
@pytest.mark.parametrize(("call", "uncertain"), [("insert", True), ("update", False)])
def test_an_item_neither_success_nor_error_is_uncertain_unless_safe_to_repeat(
    status: object, call: str, uncertain: bool
) -> None:
    item: dict[str, Any] = {"code": "SUCCESS", "details": {"id": GOOD_ID}, "message": "record added"}
    if status != "absent":
        item["status"] = status
    records = [{"Last_Name": "a", "id": GOOD_ID}] if call == "update" else [{"Last_Name": "a"}]
    [outcome] = getattr(always(201, json.dumps({"data": [item]})).records, call)("Leads", records)
    assert isinstance(outcome, Failure)
    assert outcome.uncertain is uncertain  # a caller re-sending certain failures would insert it twice
    assert "neither success nor error" in outcome.message


def test_fewer_results_than_items_fails_every_item_and_loses_none() -> None:
    one = {"code": "SUCCESS", "details": {"id": "1"}, "message": "ok", "status": "success"}
    result = always(200, json.dumps({"data": [one]})).records.update("Leads", [{"id": "1"}, {"id": "2"}])
    assert len(result) == 2
    assert all(isinstance(o, Failure) and o.code == "InvalidResponseError" for o in result)


def test_results_that_are_not_objects_are_failures() -> None:
    result = always(200, json.dumps({"data": ["nope"]})).records.update("Leads", [{"id": "1"}])
    assert isinstance(result[0], Failure)
    assert result[0].code == "INVALID_RESPONSE"


def _truncated_then(good_after: int) -> tuple[Callable[[httpx.Request], httpx.Response], list[httpx.Request]]:
    calls: list[httpx.Request] = []
    ok = {"code": "SUCCESS", "details": {"id": GOOD_ID}, "message": "record updated", "status": "success"}

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        body = json.dumps({"data": [ok] * len(json.loads(request.content)["data"])}).encode()
        return httpx.Response(200, content=body if len(calls) > good_after else body[:20])

    return handler, calls


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_truncated_answer_to_a_batch_update_is_asked_for_again(mode: str) -> None:
    handler, calls = _truncated_then(good_after=2)
    records = [{"id": GOOD_ID, "Company": f"C{i}"} for i in range(3)]
    if mode == "sync":
        result = answering(handler).records.update("Leads", records)
    else:
        result = asyncio.run(_async_update(handler, records))
    assert len(calls) == 3  # read after the slot was freed, then asked again through the retry loop
    assert [o.ok for o in result] == [True, True, True]
    assert result.ids == [GOOD_ID] * 3


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_batch_update_whose_answers_stay_unreadable_fails_certain_after_the_retries(mode: str) -> None:
    handler, calls = _truncated_then(good_after=99)
    records = [{"id": GOOD_ID, "Company": "C"}]
    result = (
        answering(handler).records.update("Leads", records)
        if mode == "sync"
        else asyncio.run(_async_update(handler, records))
    )
    assert len(calls) == 1 + NO_WAIT.max_attempts
    assert isinstance(result[0], Failure)
    assert result[0].code == "InvalidResponseError"
    assert not result[0].uncertain  # an update may be repeated: nothing is in doubt


async def _async_update(handler: Callable[[httpx.Request], httpx.Response], records: list[dict[str, Any]]) -> Any:
    async with AsyncZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com",
                            transport=httpx.MockTransport(handler), retry=NO_WAIT) as crm:  # fmt: skip
        return await crm.records.update("Leads", records)


def test_truncated_insert_answer_is_reported_uncertain_not_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(201, content=b'{"data": [{"code": "SUC')

    result = answering(handler).records.insert("Leads", [{"Last_Name": "a"}])
    assert len(calls) == 1
    assert isinstance(result[0], Failure)
    assert result[0].uncertain


def test_html_401_is_an_authentication_error() -> None:
    with pytest.raises(AuthenticationError) as info:
        always(401, "<html>login</html>").records.count("Leads")
    assert info.value.status_code == 401


def test_401_envelope_with_fixed_token_is_authentication_error() -> None:
    body = {"code": "AUTHENTICATION_FAILURE", "details": {}, "message": "Authentication failed", "status": "error"}
    with pytest.raises(AuthenticationError):
        always(401, json.dumps(body)).records.count("Leads")


def test_retry_after_is_honoured_and_429_ends_typed() -> None:
    waits: list[float] = []
    crm = always(429, json.dumps({"code": "TOO_MANY_REQUESTS", "details": {}, "message": "slow", "status": "error"}),
                 headers={"Retry-After": "0"})  # fmt: skip
    crm._engine.sleep = waits.append
    with pytest.raises(RateLimitError):
        crm.records.count("Leads")
    assert waits == [0.0, 0.0]


def test_huge_page_parses_without_trouble() -> None:
    records = [{"id": str(i), "Description": "x" * 2000, **{f"F{j}": j for j in range(40)}} for i in range(5000)]
    result = always(200, page(records)).records.list("Leads", fields=["Email"])
    assert len(result) == 5000


def test_more_records_without_a_token_past_2000_is_a_typed_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        first = int(request.url.params.get("page", "1")) * 200
        records = [{"id": str(first + i)} for i in range(200)]
        return httpx.Response(200, content=page(records, more_records=True, next_page_token=None))

    with pytest.raises(InvalidResponseError, match="no page token"):
        list(answering(handler).records.iter("Leads", fields=["Email"]))


def test_count_that_is_not_a_number_is_typed() -> None:
    with pytest.raises(InvalidResponseError):
        always(200, json.dumps({"count": "many"})).records.count("Leads")


def test_unexpected_status_is_typed() -> None:
    teapot = {"code": "TEAPOT", "details": {}, "message": "short and stout", "status": "error"}
    with pytest.raises(InvalidResponseError) as info:
        always(418, json.dumps(teapot)).records.get("Leads", GOOD_ID)
    assert info.value.status_code == 418
    assert info.value.code == "TEAPOT"


# Every wait and every answer bounded (#19 §11-14), and Zoho's error envelope with HTTP 200 (#21).


class _Counted(httpx.SyncByteStream, httpx.AsyncByteStream):
    """``mib`` MiB of answer, produced lazily, counting the MiB read."""

    def __init__(self, mib: int) -> None:
        self.mib, self.read = mib, 0

    def __iter__(self) -> Any:
        for _ in range(self.mib):
            self.read += 1
            yield b"[" * 2**20

    async def __aiter__(self) -> Any:
        for chunk in self:
            yield chunk


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_800_mib_answer_stops_at_the_cap(mode: str, report: Any) -> None:
    stream = _Counted(800 if FULL else 100)
    cap = 64 * 2**20 if FULL else 8 * 2**20
    handler = lambda request: httpx.Response(200, stream=stream)  # noqa: E731
    kwargs = {"api_domain": "https://www.zohoapis.com", "transport": httpx.MockTransport(handler),
              "retry": NO_WAIT, "max_answer_bytes": cap}  # fmt: skip

    async def read_async() -> None:
        async with AsyncZohoCRM(AccessTokenCredentials("t"), **kwargs) as crm:
            await crm.records.list("Leads", fields=["Email"])

    def read_sync() -> None:
        ZohoCRM(AccessTokenCredentials("t"), **kwargs).records.list("Leads", fields=["Email"])

    with pytest.raises(AnswerTooLargeError):
        read_sync() if mode == "sync" else asyncio.run(read_async())
    assert stream.read <= cap // 2**20 + 1
    report["huge answer: MiB offered"] += stream.mib
    report["huge answer: MiB read"] += stream.read


def test_endless_listings_end_typed(report: Any) -> None:
    def cycling(request: httpx.Request) -> httpx.Response:
        token = request.url.params.get("page_token")
        n = int(request.url.params.get("page", "1"))
        ids = [f"{token}-{i}" for i in range(200)] if token else [str(n * 1000 + i) for i in range(200)]
        following = {None: "A", "A": "B", "B": "A"}[token]
        return httpx.Response(200, content=page([{"id": i} for i in ids], more_records=True,
                                                next_page_token=following).encode())  # fmt: skip

    with pytest.raises(PaginationError):
        list(answering(cycling).records.iter("Leads", fields=["Email"]))
    report["endless listings stopped"] += 1


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "garbage"])
def test_hostile_retry_after_never_hangs_async(value: str) -> None:
    body = json.dumps({"code": "TOO_MANY_REQUESTS", "details": {}, "message": "slow", "status": "error"})

    async def call() -> None:
        async with AsyncZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", retry=NO_WAIT,
                                transport=httpx.MockTransport(lambda r: httpx.Response(
                                    429, content=body.encode(), headers={"Retry-After": value}))) as crm:  # fmt: skip
            await asyncio.wait_for(crm.records.count("Leads"), 10)

    with pytest.raises(RateLimitError):
        asyncio.run(call())


def test_error_envelope_with_200_is_typed_by_its_code() -> None:
    body = {"code": "NO_PERMISSION", "details": {"permissions": ["Crm_Implied_View_Leads"]},
            "message": "permission denied", "status": "error"}  # fmt: skip
    with pytest.raises(APIError) as info:
        always(200, json.dumps(body)).records.list("Leads", fields=["Email"])
    assert info.value.code == "NO_PERMISSION"
    assert not isinstance(info.value, InvalidResponseError)


@pytest.mark.parametrize(
    ("status", "body"),
    [(202, "{}"), (207, json.dumps({"data": "all done"})), (200, json.dumps({"data": [1, 2]})), (201, b"")],
)
def test_a_2xx_mass_update_answer_without_its_items_is_typed(status: int, body: bytes | str) -> None:
    # declared item calls read any 2xx (Zoho answers 207 and 202 there): the shape is still checked
    with pytest.raises(InvalidResponseError):
        always(status, body).records.mass_update("Leads", {"City": "x"}, ids=[GOOD_ID])
    with pytest.raises(InvalidResponseError):
        always(status, body).records.mass_update_status("Leads", GOOD_ID)


def test_an_error_envelope_in_a_2xx_mass_update_answer_is_typed_by_its_code() -> None:
    envelope = {"code": "INVALID_DATA", "details": {}, "message": "no", "status": "error"}
    with pytest.raises(InvalidRequestError) as info:
        always(202, json.dumps(envelope)).records.mass_update("Leads", {"City": "x"}, cvid=GOOD_ID)
    assert info.value.code == "INVALID_DATA"


def test_a_coql_answer_without_its_page_is_typed() -> None:
    with pytest.raises(InvalidResponseError):
        always(200, "{}").coql.query("select Email from Leads where id is not null")
    with pytest.raises(InvalidResponseError):
        always(200, json.dumps({"data": {"Email": "a@b.c"}})).coql.query("select Email from Leads where id is not null")


# Odd answers found by an adversarial review (2026-12-06): each a typed error, never a raw one ---------------


def refreshing(handler: Callable[[httpx.Request], httpx.Response]) -> ZohoCRM:
    """A client with refreshable credentials whose token endpoint grants a good token."""

    def routed(request: httpx.Request) -> httpx.Response:
        if request.url.host == "accounts.zoho.com":
            return httpx.Response(200, json={"access_token": "1000.abc.def", "expires_in": 3600})
        return handler(request)

    credentials = RefreshTokenCredentials("id", "secret", "refresh")
    api, accounts = "https://www.zohoapis.com", "https://accounts.zoho.com"
    return ZohoCRM(
        credentials, api_domain=api, accounts_url=accounts, transport=httpx.MockTransport(routed), retry=NO_WAIT
    )


@pytest.mark.parametrize("body", [b'{"code": ["INVALID_TOKEN"]}', b'{"code": {"x": 1}}', b"[" * 200_000, b"[1]"])
def test_a_401_whose_code_is_not_a_string_is_an_authentication_error(body: bytes) -> None:
    with pytest.raises(AuthenticationError):
        refreshing(lambda request: httpx.Response(401, content=body)).records.count("Leads")


@pytest.mark.parametrize("count", ["\u00b2", "\u2460", "-1", "1e3"])
def test_a_count_that_is_no_ascii_number_is_a_typed_error(count: str) -> None:
    with pytest.raises(InvalidResponseError, match="count is not a number"):
        always(200, json.dumps({"count": count})).records.count("Leads")


def test_a_content_length_that_is_no_ascii_number_is_not_trusted() -> None:
    crm = answering(
        lambda request: httpx.Response(200, content=b'{"count": 3}', headers=[(b"Content-Length", b"\xb2")])
    )
    assert crm.records.count("Leads") == 3  # the body is read (capped as it comes), the header ignored


@pytest.mark.parametrize("records", [[1, 2], ["x"], [{"id": ["x"]}, None]])
def test_a_page_whose_records_are_not_objects_is_a_typed_error(records: list[Any]) -> None:
    body = json.dumps({"data": records, "info": {"more_records": True, "next_page_token": "T"}})
    with pytest.raises(InvalidResponseError, match="list of records"):
        list(always(200, body).records.iter("Leads", fields=["Email"]))


@pytest.mark.parametrize("walk", ["iter_get_records", "iter_search_records", "iter_get_deleted_records"])
def test_a_generated_walk_stops_a_listing_that_repeats_its_page(walk: str) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        assert calls < 50, "the walk never stops"
        info = {"more_records": True, "next_page_token": "SAME", "page": 1, "per_page": 200}
        return httpx.Response(200, json={"data": [{"id": GOOD_ID}], "info": info})

    args: dict[str, Any] = {"criteria": "(Email:equals:a@b.c)"} if walk == "iter_search_records" else {}
    if walk == "iter_get_records":
        args["fields"] = ["Email"]
    with pytest.raises(PaginationError):
        list(getattr(answering(handler).records, walk)("Leads", **args))
    assert calls == (2 if walk == "iter_get_records" else 1 + MAX_IDLE_PAGES)  # a token handed out again; idle pages


@pytest.mark.parametrize("info", [{"more_records": "true"}, {"more_records": 1}, {"page": 1}, None])
@pytest.mark.parametrize("walk", ["iter", "iter_get_records", "iter_deleted"])
def test_a_listing_page_without_a_boolean_more_records_is_a_typed_error(info: Any, walk: str) -> None:
    """Not the end of the listing: it was, and the records of the pages after it were silently lost."""
    body = json.dumps({"data": [{"id": GOOD_ID}], **({"info": info} if info is not None else {})})
    crm = always(200, body)
    if info is not None:
        assert crm.records.list("Leads", fields=["Email"]).more_records is False  # one page: no promise broken
    args: dict[str, Any] = {} if walk == "iter_deleted" else {"fields": ["Email"]}
    with pytest.raises(InvalidResponseError, match=r"more_records|without its info"):
        list(getattr(crm.records, walk)("Leads", **args))


# Compressed answers: decoded within max_answer_bytes as they arrive (a gzip bomb cannot fill memory) -------


class Dripping(httpx.SyncByteStream):
    """A body that arrives in network-sized pieces (not read ahead, as a real connection's)."""

    def __init__(self, body: bytes, piece: int = 16_384) -> None:
        self.body, self.piece = body, piece

    def __iter__(self) -> Iterator[bytes]:
        for at in range(0, len(self.body), self.piece):
            yield self.body[at : at + self.piece]


def compressed(body: bytes, coding: str) -> httpx.Response:
    if coding == "gzip":
        data = gzip.compress(body)
    elif coding == "deflate":
        data = zlib.compress(body)
    elif coding == "raw deflate":
        squeeze = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data, coding = squeeze.compress(body) + squeeze.flush(), "deflate"
    else:
        data = body
    return httpx.Response(200, headers={"Content-Encoding": coding}, stream=Dripping(data))


def test_a_gzip_bomb_is_stopped_at_the_cap_without_inflating_it() -> None:
    bomb = gzip.compress(b"0" * (64 << 20))  # 64 MiB of zeros in about 64 KiB
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["accept-encoding"])
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=Dripping(bomb))

    crm = ZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", retry=NO_WAIT,
                  transport=httpx.MockTransport(handler), max_answer_bytes=1 << 20)  # fmt: skip
    tracemalloc.start()
    try:
        with pytest.raises(AnswerTooLargeError):
            crm.records.count("Leads")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"{peak / 2**20:.0f} MiB held while reading a 64 MiB bomb capped at 1 MiB"
    assert seen == ["gzip, deflate"]


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw deflate", "identity"])
def test_compressed_answers_are_read(coding: str) -> None:
    crm = answering(lambda request: compressed(b'{"count": 42}', coding))
    assert crm.records.count("Leads") == 42


@pytest.mark.parametrize(
    ("coding", "body"), [("gzip", b"this is not gzip"), ("gzip, gzip", b""), ("br", b"\x00"), ("zstd", b"")]
)
def test_a_body_that_is_not_what_its_encoding_says_is_a_typed_error(coding: str, body: bytes) -> None:
    crm = answering(lambda request: httpx.Response(200, headers={"Content-Encoding": coding}, stream=Dripping(body)))
    with pytest.raises(InvalidResponseError):
        crm.records.count("Leads")
