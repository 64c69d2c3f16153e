"""``crm.coql.query`` and ``iter``: generated from the spec alone, sync and async, over ASGI and real loopback HTTP."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._mypy import strict_errors
from zoho_crm import AsyncZohoCRM, Page, ZohoCRM, ZohoValidationError
from zoho_crm.errors import InvalidRequestError, PaginationError, ZohoError
from zoho_crm.testing import Sandbox
from zoho_crm_api import API_VERSION

from .conftest import AsyncRecorder, Intercept, Recorder, client_kwargs

QUERY = "select Last_Name, Email from Leads where Email like '%@zylker.com' order by Last_Name limit 0, 2"
LEADS = [
    {"Last_Name": "Sato", "Email": "sato@zylker.com"},
    {"Last_Name": "Burns", "Email": "burns@zylker.com"},
    {"Last_Name": "Boyle", "Email": "boyle@acme.com"},
    {"Last_Name": "Aoki", "Email": "aoki@zylker.com"},
]


def coql_requests(recorder: Recorder | AsyncRecorder) -> list[httpx.Request]:
    return [r for r in recorder.requests if r.url.path == f"/crm/{API_VERSION}/coql"]


def check_first_page(page: Page) -> None:
    assert isinstance(page, Page)
    assert [(r["Last_Name"], r["Email"]) for r in page] == [("Aoki", "aoki@zylker.com"), ("Burns", "burns@zylker.com")]
    assert all(r["id"].isdigit() for r in page)
    assert page.info is not None
    assert page.info.count == 2
    assert page.more_records is True  # Sato is at offset 2


def test_query_posts_the_select_and_returns_a_page(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    sb.seed("Leads", LEADS)
    check_first_page(crm.coql.query(QUERY))
    (sent,) = coql_requests(recorder)
    assert sent.method == "POST"
    assert sent.headers["Content-Type"] == "application/json"
    assert json.loads(sent.content) == {"select_query": QUERY}
    rest = crm.coql.query(QUERY.replace("limit 0, 2", "limit 2, 2"))
    assert ([r["Last_Name"] for r in rest], rest.more_records) == (["Sato"], False)


def test_nothing_matched_is_an_empty_page(crm: ZohoCRM) -> None:
    page = crm.coql.query("select Last_Name from Leads where Last_Name = 'nobody'")
    assert (page.records, page.more_records) == ([], False)


@pytest.mark.anyio
async def test_async_query(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    sb.seed("Leads", LEADS)
    check_first_page(await acrm.coql.query(QUERY))
    assert [json.loads(r.content) for r in coql_requests(arecorder)] == [{"select_query": QUERY}]


def test_over_real_loopback_http_sync_and_async() -> None:
    import anyio

    with Sandbox(mode="http") as box:
        box.seed("Leads", LEADS)
        assert box.api_domain.startswith("http://127.0.0.1:")
        with ZohoCRM(box.credentials, **client_kwargs(box)) as crm:
            check_first_page(crm.coql.query(QUERY))

        async def run() -> Page:
            async with AsyncZohoCRM(box.credentials, **client_kwargs(box)) as acrm:
                return await acrm.coql.query(QUERY)

        check_first_page(anyio.run(run))
        assert box.counters.requests["execute_coql_query"] == 2


def test_a_refused_token_is_refreshed_once_and_the_query_sent_again(sb: Sandbox, crm: ZohoCRM) -> None:
    sb.seed("Leads", LEADS)
    crm.coql.query(QUERY)
    assert sb.counters.token_refreshes == 1
    sb.expire_tokens()  # the next call answers 401 INVALID_TOKEN
    check_first_page(crm.coql.query(QUERY))
    assert sb.counters.token_refreshes == 2
    assert sb.counters.requests["execute_coql_query"] == 3


@pytest.mark.parametrize(
    ("query", "code", "details"),
    [
        ("select Last_Name from Leads", "SYNTAX_ERROR", {"clause": "where"}),
        ("select Emial from Leads where id is not null", "INVALID_QUERY", {"column_name": "Emial", "clause": "select"}),
        ("select id from Leads where id is not null limit 3000", "LIMIT_EXCEEDED", {"clause": "limit", "limit": 2000}),
    ],
)
def test_a_bad_query_is_a_typed_error(crm: ZohoCRM, query: str, code: str, details: dict[str, Any]) -> None:
    with pytest.raises(InvalidRequestError) as refused:
        crm.coql.query(query)
    error = refused.value
    assert isinstance(error, ZohoError)
    assert (error.status_code, error.code, error.details) == (400, code, details)
    assert error.matches(code)
    assert error.method == "POST"
    assert str(error.url).endswith("/coql")


@pytest.mark.anyio
async def test_a_bad_query_is_a_typed_error_async(acrm: AsyncZohoCRM) -> None:
    with pytest.raises(InvalidRequestError, match="SYNTAX_ERROR"):
        await acrm.coql.query("select from Leads where id is not null")


def test_raw_response(sb: Sandbox, crm: ZohoCRM) -> None:
    sb.seed("Leads", LEADS)
    raw = crm.coql.with_raw_response.execute_coql_query(body={"select_query": QUERY})
    assert isinstance(raw, httpx.Response)
    assert raw.status_code == 200
    assert raw.json()["info"] == {"count": 2, "more_records": True}
    empty = crm.coql.with_raw_response.execute_coql_query(body={"select_query": "select id from Leads where id = 1"})
    assert (empty.status_code, empty.content) == (204, b"")
    refused = crm.coql.with_raw_response.execute_coql_query(body={"select_query": "select id from Leads"})
    assert (refused.status_code, refused.json()["code"]) == (400, "SYNTAX_ERROR")  # raw: no exception


def test_the_operation_method_takes_the_escape_hatches(crm: ZohoCRM, recorder: Recorder) -> None:
    answer = crm.coql.execute_coql_query(
        body={"select_query": "select id from Leads where id is not null"}, extra_body={"include_meta": ["fields"]}
    )
    assert answer is None  # 204: nothing in the org
    assert json.loads(coql_requests(recorder)[-1].content) == {
        "select_query": "select id from Leads where id is not null",
        "include_meta": ["fields"],
    }


def test_a_misspelt_keyword_or_a_missing_query_never_leaves(crm: ZohoCRM, recorder: Recorder) -> None:
    with pytest.raises(ZohoValidationError, match=r"coql\.query.*selct_query"):
        crm.coql.query(QUERY, selct_query=QUERY)  # type: ignore[call-arg]
    with pytest.raises(ZohoValidationError, match=r"coql\.query: select_query is required"):
        crm.coql.query(None)  # type: ignore[arg-type]
    assert coql_requests(recorder) == []


def test_a_query_is_repeated_after_a_lost_answer(sb: Sandbox) -> None:
    """``x-zoho-retry: safe``: a read, though a POST, is sent again when its answer is lost."""
    sb.seed("Leads", LEADS)
    sent: list[httpx.Request] = []

    class LosesFirstAnswer(httpx.BaseTransport):
        def __init__(self) -> None:
            self.inner = sb.transport()

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = self.inner.handle_request(request)
            if request.url.path.endswith("/coql"):
                sent.append(request)
                if len(sent) == 1:
                    raise httpx.ReadError("connection reset after the request went out", request=request)
            return response

    with ZohoCRM(sb.credentials, transport=LosesFirstAnswer(), **client_kwargs(sb)) as crm:
        check_first_page(crm.coql.query(QUERY))
    assert len(sent) == 2
    assert sb.counters.requests["execute_coql_query"] == 2


MANY = [{"Last_Name": f"Lead {i:04d}", "Email": f"lead{i}@zylker.com"} for i in range(4500)]
WALKED = "select Last_Name, Email from Leads where Email like '%@zylker.com' order by Last_Name desc"


def check_walk(records: list[dict[str, Any]], sent: list[httpx.Request]) -> None:
    """Every record once, in the query's order, 2,000 a call, each call the query with its limit clause."""
    assert [r["Last_Name"] for r in records] == sorted((lead["Last_Name"] for lead in MANY), reverse=True)
    assert len({r["id"] for r in records}) == len(MANY)
    assert [json.loads(r.content) for r in sent] == [
        {"select_query": f"{WALKED} limit {offset}, 2000"} for offset in (0, 2000, 4000)
    ]


def test_iter_walks_every_record_of_a_query_past_one_page(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    sb.seed("Leads", MANY)
    check_walk(list(crm.coql.iter(WALKED)), coql_requests(recorder))
    assert list(crm.coql.iter("select id from Leads where Email = 'nobody@zylker.com'")) == []  # 204


@pytest.mark.anyio
async def test_async_iter_walks_every_record(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    sb.seed("Leads", MANY)
    check_walk([record async for record in acrm.coql.iter(WALKED)], coql_requests(arecorder))


def test_the_operation_walk_takes_the_body(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    sb.seed("Leads", MANY)
    walk = crm.coql.iter_execute_coql_query(body={"select_query": WALKED + "  \n"})
    check_walk(list(walk), coql_requests(recorder))


@pytest.mark.parametrize(
    "query",
    [
        "select id from Leads where id is not null limit 5",
        "select id from Leads where id is not null LIMIT 0, 10 ",
        "select id from Leads where id is not null limit 10 offset 20\n",
        "select id from Leads where id is not null Limit 200,2000",
    ],
)
def test_a_walk_of_a_query_with_its_own_limit_is_refused_before_sending(
    crm: ZohoCRM, recorder: Recorder, query: str
) -> None:
    with pytest.raises(ZohoValidationError, match="ends with a limit clause"):
        crm.coql.iter(query)
    with pytest.raises(ZohoValidationError, match="ends with a limit clause"):
        crm.coql.iter_execute_coql_query(body={"select_query": query})
    with pytest.raises(ZohoValidationError, match="select_query is required"):
        crm.coql.iter(None)  # type: ignore[arg-type]
    assert coql_requests(recorder) == []


def test_a_limit_inside_a_value_is_the_query_s_own(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    sb.seed("Leads", [{"Last_Name": "limit 5", "Email": "odd@zylker.com"}])
    query = "select Email from Leads where Last_Name = 'limit 5'"
    assert [r["Email"] for r in crm.coql.iter(query)] == ["odd@zylker.com"]
    assert json.loads(coql_requests(recorder)[0].content) == {"select_query": f"{query} limit 0, 2000"}


def test_a_walk_stops_at_coql_s_reach_with_a_typed_error(sb: Sandbox) -> None:
    """A server claiming more records for ever, full pages: the walk stops where COQL's offsets end."""
    sent: list[str] = []

    def claims_more(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content)["select_query"])
        data = [{"id": str(10**15 + 2000 * len(sent) + i)} for i in range(2000)]
        return httpx.Response(200, json={"data": data, "info": {"count": 2000, "more_records": True}})

    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/coql", claims_more), **client_kwargs(sb)) as crm:
        walk = crm.coql.iter("select id from Leads where id is not null")
        with pytest.raises(PaginationError, match=r"100000 records read and more claimed"):
            for _ in walk:
                pass
    assert len(sent) == 50
    assert sent[-1].endswith("limit 98000, 2000")


def test_a_walk_asks_for_the_next_offset_after_a_short_page(sb: Sandbox) -> None:
    """A server answering fewer records than asked (at most 100 here) yet more to come: none is skipped.

    60 pages: more than 2,000-record pages would need to reach COQL's 100,000, and no reason to stop.
    """
    ids = [str(10**15 + i) for i in range(6000)]
    offsets: list[int] = []

    def short_pages(request: httpx.Request) -> httpx.Response:
        offset, size = map(int, json.loads(request.content)["select_query"].rsplit(" limit ", 1)[1].split(","))
        offsets.append(offset)
        data = [{"id": i} for i in ids[offset : offset + min(size, 100)]]
        more = offset + len(data) < len(ids)
        return httpx.Response(200, json={"data": data, "info": {"count": len(data), "more_records": more}})

    with ZohoCRM(sb.credentials, transport=Intercept(sb, "/coql", short_pages), **client_kwargs(sb)) as crm:
        walked = [record["id"] for record in crm.coql.iter("select id from Leads where id is not null")]
    assert walked == ids
    assert offsets == list(range(0, 6000, 100))


USAGE = """\
from zoho_crm import Page, ZohoCRM


def emails(crm: ZohoCRM) -> list[str]:
    page: Page = crm.coql.query("select Email from Leads where Email is not null")
    crm.coql.query(select_qery="select id from Leads where id is not null")
    crm.coql.query(42)
    walked: list[str] = [str(record["Email"]) for record in crm.coql.iter("select Email from Leads where id > 1")]
    crm.coql.iter("select id from Leads where id is not null", per_page=10)
    return [str(record["Email"]) for record in page] + walked
"""


def test_mypy_strict_types_the_query_and_refuses_a_misspelt_keyword(tmp_path: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(USAGE, encoding="utf-8")
    errors, output = strict_errors(usage)
    assert sorted({line.split(":")[1] for line in errors}) == ["6", "7", "9"], output
