"""Batching: any list of items gives one outcome per item, in input order, in calls of at most 100.

Against a fresh sandbox org per example, with duplicates in the input (items drawn from a small
pool, some drawn from the spec's ``Record`` schema), failures the sandbox decides (missing required
fields, unknown ids, invalid data) and 500s it injects (``fault_rate_5xx``, seeded by hypothesis so
a failure replays). For every batch call of the overlays, sync and async:

- exactly one outcome per input item, ``outcome.index == i`` and ``outcome.input`` is item ``i``;
- no call carries more than 100 items, and the calls' items are the input cut in consecutive
  slices of 100 (each slice sent once, plus retries of the very same request); with one call at a
  time, in input order;
- each outcome agrees with the answer of its call (per-item status, or the call's error);
- an insert (or an upsert call with a keyless record) is never retried after a 500 (it may have been
  applied); idempotent calls are;
- the org ends as the outcomes say (inserted records exist, deleted ones are gone), the caller's
  items are not modified, and no answer of the sandbox broke the spec.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.properties import _org, _spec
from tests.properties._profiles import properties
from zoho_crm import BatchResult, Failure, Success

MAX_ITEMS = 350
BATCH = 100


def _lead() -> st.SearchStrategy[dict[str, Any]]:
    """A Lead the sandbox may accept: a name, maybe one of two emails (duplicates), maybe a custom field."""
    return st.fixed_dictionaries(
        {"Last_Name": st.text(min_size=1, max_size=12)},
        optional={"Email": st.sampled_from(["burns@example.com", "patricia@example.com"]), "Custom_1": st.integers()},
    )


def _pool(extra: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[list[dict[str, Any]]]:
    """1 to 6 distinct-ish items: valid Leads, records drawn from the spec's Record schema, and ``extra``."""
    return st.lists(st.one_of(_lead(), _spec.strategy("Record"), extra), min_size=1, max_size=6)


@st.composite
def _inputs(draw: st.DrawFn, pool: list[Any]) -> list[Any]:
    n = draw(st.one_of(st.integers(0, 5), st.integers(95, 105), st.integers(0, MAX_ITEMS)), label="items")
    return draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n), label="input")


@dataclass(frozen=True)
class Kind:
    """One batch call: its operation, how to set up the org and draw the input, and how to call it."""

    op_id: str
    idempotent: bool
    inputs: Callable[[st.DrawFn, dict[str, Any]], list[Any]]
    call: Callable[[Any, dict[str, Any], list[Any], int], Any]


def _seed(org: _org.Org) -> dict[str, Any]:
    leads = org.sb.seed("Leads", [{"Last_Name": f"Seeded {i}"} for i in range(12)])
    campaign = org.sb.seed("Campaigns", [{"Campaign_Name": "Spring"}])[0]
    for lead in leads[:6]:
        org.sb.relate("Campaigns", campaign, "Leads", lead, Member_Status="Active")
    return {"leads": leads, "campaign": campaign, "unknown": ["1", "3652397000000000001"]}


def _ids(draw: st.DrawFn, ctx: dict[str, Any]) -> list[Any]:
    pool = draw(st.lists(st.sampled_from(ctx["leads"] + ctx["unknown"]), min_size=1, max_size=6, unique=True))
    return draw(_inputs(pool))


def _with_ids(extra: dict[str, Any]) -> Callable[[st.DrawFn, dict[str, Any]], list[Any]]:
    def inputs(draw: st.DrawFn, ctx: dict[str, Any]) -> list[Any]:
        ids = st.sampled_from(ctx["leads"] + ctx["unknown"])
        item = st.fixed_dictionaries({"id": ids}, optional={k: st.just(v) for k, v in extra.items()})
        return draw(_inputs(draw(st.lists(item, min_size=1, max_size=6))))

    return inputs


KINDS = {
    "insert": Kind(
        "insert_records", False,
        lambda draw, ctx: draw(_inputs(draw(_pool(st.just({"First_Name": "no last name"}))))),
        lambda crm, ctx, items, n: crm.records.insert("Leads", items, concurrency=n),
    ),
    "upsert": Kind(
        "upsert_records", True,
        lambda draw, ctx: draw(_inputs(draw(_pool(st.just({"Email": "patricia@example.com"}))))),
        lambda crm, ctx, items, n: crm.records.upsert("Leads", items, duplicate_check_fields=["Email"], concurrency=n),
    ),
    "update": Kind(
        "update_records", True, _with_ids({"Last_Name": "Renamed", "Email": "not an email"}),
        lambda crm, ctx, items, n: crm.records.update("Leads", items, concurrency=n),
    ),
    "delete": Kind(
        "delete_records", True, _ids, lambda crm, ctx, items, n: crm.records.delete("Leads", items, concurrency=n)
    ),
    "link": Kind(
        "update_related_records", True, _with_ids({"Member_Status": "Planning"}),
        lambda crm, ctx, items, n: crm.related.update("Campaigns", ctx["campaign"], "Leads", items, concurrency=n),
    ),
    "delink": Kind(
        "delink_related_records", True, _ids,
        lambda crm, ctx, items, n: crm.related.delink("Campaigns", ctx["campaign"], "Leads", items, concurrency=n),
    ),
}  # fmt: skip

_RETRYABLE = frozenset({429, 500, 502, 503, 504})


def _idempotent(kind: Kind, part: Sequence[Any]) -> bool:
    """Whether a call is safe to repeat: an upsert only when every record names itself (here: Email or id)."""
    if kind.op_id != "upsert_records":
        return kind.idempotent

    def named(value: Any) -> bool:
        return (type(value) is str and bool(value) and not value.isspace()) or type(value) is int

    return all(isinstance(x, dict) and (named(x.get("Email")) or named(x.get("id"))) for x in part)


_ITEM_SCHEMA = _spec.json_schema("Record")


def _key(item: Any) -> str:
    """An item as compared across the wire: date-times by value (``_spec.normalise``), ids as they are."""
    return json.dumps(_spec.normalise(_ITEM_SCHEMA, item) if isinstance(item, dict) else item, sort_keys=True)


def check_calls(kind: Kind, items: list[Any], org: _org.Org, concurrency: int) -> list[list[_org.Exchange]]:
    """The calls of the batch are the input's 100-item slices, each sent once (plus same-request retries)."""
    exchanges = org.log.of(kind.op_id)
    for exchange in exchanges:
        assert len(exchange.items) <= BATCH, f"a call carried {len(exchange.items)} items"
    groups: dict[int, list[_org.Exchange]] = {}
    for exchange in exchanges:  # retries resend the very same request object
        groups.setdefault(id(exchange.request), []).append(exchange)
    calls = list(groups.values())
    slices = [items[i : i + BATCH] for i in range(0, len(items), BATCH)]
    sent = [[_key(x) for x in call[0].items] for call in calls]
    want = [[_key(x) for x in part] for part in slices]
    assert sorted(sent) == sorted(want), "the calls' items are not the input cut in slices of 100"
    if concurrency == 1:
        assert sent == want, "one call at a time, the slices must go in input order"
    for call in calls:
        for attempt in call[:-1]:
            assert attempt.status in _RETRYABLE or attempt.status is None, f"retried after {attempt.status}"
        if not _idempotent(kind, call[0].items):
            assert all(a.status != 500 for a in call[:-1]), "an insert was retried after a 500: it may be applied twice"
        event(f"attempts per call: {len(call)}")
    if concurrency != 1:
        return calls
    order = {id(call[0].request): want.index(s) for call, s in zip(calls, sent, strict=True)}
    return sorted(calls, key=lambda call: order[id(call[0].request)])


def check_outcomes(kind: Kind, items: list[Any], result: BatchResult, calls: list[list[_org.Exchange]]) -> None:
    assert len(result) == len(items), f"{len(result)} outcomes for {len(items)} items"
    for i, outcome in enumerate(result):
        assert outcome.index == i
        assert outcome.input is items[i] or outcome.input == items[i]
    by_content: dict[tuple[str, ...], list[list[_org.Exchange]]] = {}
    for call in calls:
        by_content.setdefault(tuple(_key(x) for x in call[0].items), []).append(call)
    for start in range(0, len(items), BATCH):
        part = items[start : start + BATCH]
        outcomes = result[start : start + BATCH]
        finals = [call[-1] for call in by_content[tuple(_key(x) for x in part)]]
        consistent = [f for f in finals if _agrees(kind, f, outcomes)]
        statuses = [f.status for f in finals]
        assert consistent, f"outcomes {start}..{start + len(part) - 1} agree with no answer ({statuses})"
        event(f"call answered {consistent[0].status}")


def _agrees(kind: Kind, final: _org.Exchange, outcomes: Any) -> bool:
    data = final.body.get("data") if isinstance(final.body, dict) else None
    if final.status in (200, 201, 202, 207, 400) and isinstance(data, list) and len(data) == len(outcomes):
        pairs = zip(outcomes, data, strict=True)
        return all(isinstance(o, Success) == (d.get("status") == "success") for o, d in pairs)
    if final.status is not None and final.status >= 500:
        return all(
            isinstance(o, Failure)
            and o.status_code == final.status
            and o.uncertain == (not _idempotent(kind, [x.input for x in outcomes]))
            for o in outcomes
        )
    return all(isinstance(o, Failure) and o.status_code == final.status for o in outcomes)


def check_org(kind: str, org: _org.Org, result: BatchResult, ctx: dict[str, Any]) -> None:
    assert org.sb.violations == [], "the sandbox answered something the spec does not allow"
    live = {r["id"] for r in org.sb.records("Leads")}
    if kind in ("insert", "upsert"):
        ids = [o.id for o in result.succeeded]
        assert all(i in live for i in ids), "a record reported added is not in the org"
    if kind == "insert":
        added = live - set(ctx["leads"])
        assert added == set(result.ids) - {None}, "the org's new records are not the successes"
        assert len(added) == len(result.succeeded), "two successes report the same new record"
    if kind == "delete":
        assert not {o.input for o in result.succeeded} & live, "a record reported deleted is still live"


def _run(kind_name: str, mode: str, data: st.DataObject) -> None:
    kind = KINDS[kind_name]
    fault_rate = data.draw(st.sampled_from([0.0, 0.0, 0.2, 0.6]), label="fault_rate_5xx")
    concurrency = data.draw(st.sampled_from([1, 1, 3, 10]), label="concurrency")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    with _org.org(seed=seed) as org:
        ctx = _seed(org)
        items = kind.inputs(data.draw, ctx)
        before = copy.deepcopy(items)
        org.sb.configure(fault_rate_5xx=fault_rate)
        if mode == "sync":
            with org.client() as crm:
                result = kind.call(crm, ctx, items, concurrency)
        else:

            async def run() -> BatchResult:
                async with org.async_client() as crm:
                    return await kind.call(crm, ctx, items, concurrency)

            result = asyncio.run(run())
        org.sb.configure(fault_rate_5xx=0.0)
        assert items == before, "the caller's items were modified"
        calls = check_calls(kind, items, org, concurrency)
        check_outcomes(kind, items, result, calls)
        check_org(kind_name, org, result, ctx)
        event(f"failed items: {'some' if result.failed else 'none'}")
        size = (
            "0" if not items else "1-100" if len(items) <= BATCH else "101-200" if len(items) <= 2 * BATCH else "201+"
        )
        event(f"items: {size}")


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("kind", sorted(KINDS))
@properties()
@given(data=st.data())
def test_batch_has_one_outcome_per_item_in_order(kind: str, mode: str, data: st.DataObject) -> None:
    _run(kind, mode, data)
