"""Pagination: for any record count and page size, iteration yields every record exactly once.

Against a fresh sandbox org per example (records seeded directly), through each iterator of the
overlays. Counts cross Zoho's 2,000-record limit of ``page`` (past it the client must follow
``page_token``), page sizes go from 1 to 200, and the sandbox may answer 500 now and then (the client
retries reads). Every request of the iteration must also be one the spec allows.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.properties import _org, _spec
from tests.properties._profiles import properties
from zoho_crm import RetryPolicy

MAX_PAGES = 60
"""Page sizes are drawn so that no example needs more calls than this."""
PATIENT = RetryPolicy(max_attempts=12, initial_backoff=0.0, max_backoff=0.0)
"""With 500s injected at a rate of 0.3, twelve attempts make a page fail for good once in 2 million."""


@dataclass(frozen=True)
class Iteration:
    """One iterator: the most records it can reach, how to seed them, and how to iterate."""

    op_id: str
    max_records: int
    seed: Callable[[_org.Org, int], tuple[list[str], dict[str, Any]]]
    run: Callable[[_org.Org, dict[str, Any], int], list[dict[str, Any]]]


def _leads(org: _org.Org, n: int) -> tuple[list[str], dict[str, Any]]:
    return org.sb.seed("Leads", [{"Last_Name": f"Lead {i}", "Company": "Zylker"} for i in range(n)]), {}


def _contacts_of_an_account(org: _org.Org, n: int) -> tuple[list[str], dict[str, Any]]:
    account = org.sb.seed("Accounts", [{"Account_Name": "Zylker"}])[0]
    org.sb.seed("Contacts", [{"Last_Name": "Someone else's"}])
    ids = org.sb.seed("Contacts", [{"Last_Name": f"Contact {i}", "Account_Name": account} for i in range(n)])
    return ids, {"account": account}


def _deleted_leads(org: _org.Org, n: int) -> tuple[list[str], dict[str, Any]]:
    ids, _ = _leads(org, n)
    with org.client() as crm:
        crm.records.delete("Leads", ids).raise_for_errors()
    return ids, {}


def _sync(org: _org.Org, iterate: Callable[[Any], Any]) -> list[dict[str, Any]]:
    with org.client(retry=PATIENT) as crm:
        return list(iterate(crm))


def _async(org: _org.Org, iterate: Callable[[Any], Any]) -> list[dict[str, Any]]:
    async def run() -> list[dict[str, Any]]:
        async with org.async_client(retry=PATIENT) as crm:
            return [record async for record in iterate(crm)]

    return asyncio.run(run())


FIELDS = ["Last_Name", "Company"]
ITERATIONS = {
    "records.iter": Iteration(
        "get_records", 2600, _leads,
        lambda org, ctx, p: _sync(org, lambda crm: crm.records.iter("Leads", fields=FIELDS, per_page=p)),
    ),
    "records.iter (async)": Iteration(
        "get_records", 2600, _leads,
        lambda org, ctx, p: _async(org, lambda crm: crm.records.iter("Leads", fields=FIELDS, per_page=p)),
    ),
    "records.iter_search": Iteration(
        "search_records", 2000, _leads,
        lambda org, ctx, p: _sync(
            org, lambda crm: crm.records.iter_search("Leads", criteria="(Company:equals:Zylker)", per_page=p)
        ),
    ),
    "records.iter_deleted": Iteration(
        "get_deleted_records", 600, _deleted_leads,
        lambda org, ctx, p: _sync(org, lambda crm: crm.records.iter_deleted("Leads", per_page=p)),
    ),
    "related.iter": Iteration(
        "get_related_records", 2600, _contacts_of_an_account,
        lambda org, ctx, p: _sync(
            org, lambda crm: crm.related.iter("Accounts", ctx["account"], "Contacts", fields=FIELDS, per_page=p)
        ),
    ),
    "related.iter (async)": Iteration(
        "get_related_records", 2600, _contacts_of_an_account,
        lambda org, ctx, p: _async(
            org, lambda crm: crm.related.iter("Accounts", ctx["account"], "Contacts", fields=FIELDS, per_page=p)
        ),
    ),
}  # fmt: skip


@st.composite
def counts_and_page_sizes(draw: st.DrawFn, most: int) -> tuple[int, int]:
    n = draw(st.one_of(st.integers(0, 450), st.integers(max(0, most - 650), most)), label="records")
    per_page = draw(st.integers(max(1, -(-n // MAX_PAGES)), 200), label="per_page")
    return n, per_page


@pytest.mark.parametrize("name", sorted(ITERATIONS))
@properties()
@given(data=st.data())
def test_iteration_yields_every_record_exactly_once(name: str, data: st.DataObject) -> None:
    iteration = ITERATIONS[name]
    n, per_page = data.draw(counts_and_page_sizes(iteration.max_records), label="records, per_page")
    fault_rate = data.draw(st.sampled_from([0.0, 0.0, 0.3]), label="fault_rate_5xx")
    with _org.org(seed=data.draw(st.integers(0, 2**32 - 1), label="seed")) as org:
        ids, ctx = iteration.seed(org, n)
        org.sb.configure(fault_rate_5xx=fault_rate)
        records = iteration.run(org, ctx, per_page)
        yielded = Counter(r["id"] for r in records)
        assert not [i for i, k in yielded.items() if k > 1], "a record was yielded twice"
        assert set(yielded) == set(ids), (
            f"{len(set(ids) - set(yielded))} records never yielded, {len(set(yielded) - set(ids))} unknown ones"
        )
        calls = org.log.of(iteration.op_id)
        for exchange in calls:
            _spec.validate_request(exchange.request, expected=iteration.op_id)
        assert org.sb.violations == [], "the sandbox answered something the spec does not allow"
        tokens = sum("page_token=" in str(e.request.url) for e in calls)
        event(f"pages: {'1' if len(calls) <= 1 else '2-10' if len(calls) <= 10 else '11+'}")
        event(f"page tokens followed: {'yes' if tokens else 'no'}")
