"""Batch results built lazily: the same outcomes as read one by one, and none built until asked for."""

from __future__ import annotations

import asyncio
import gc
import pickle
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoho_crm import AsyncZohoCRM, BatchResult, Failure, Success, ZohoCRM, _batch
from zoho_crm.results import AnswerItems
from zoho_crm.testing import Sandbox

_text = st.text(max_size=5)
_maybe_text = st.none() | _text
_plain = st.fixed_dictionaries(
    {"status": st.just("success"), "details": st.fixed_dictionaries({"id": st.from_regex(r"\A[0-9]{1,19}\Z")})},
    optional={"message": _text, "action": _maybe_text, "duplicate_field": _maybe_text},
)
_odd = st.one_of(
    st.fixed_dictionaries({"status": st.just("error"), "code": _text, "message": _text, "details": st.just({})}),
    st.fixed_dictionaries({"status": st.just("success"), "details": st.just({})}),  # no id: INVALID_RESPONSE
    st.fixed_dictionaries({"status": st.just("success"), "message": st.just(3), "details": st.just({"id": "1"})}),
    st.just(7) | st.none() | st.just([1, 2]),
)


@given(st.lists(_plain | _odd, max_size=30), st.integers(min_value=0, max_value=10_000), st.booleans())
def test_lazy_outcomes_equal_the_answer_read_item_by_item(data: list[Any], start: int, idempotent: bool) -> None:
    items = [{"n": i} for i in range(len(data))]
    content = orjson.dumps({"data": data})
    part = _batch.read_items(data, start, items, 200, AnswerItems(content, start), idempotent)
    ids, failures = part.ids(), part.failures()
    expected = [
        _batch.item_outcome(start + i, items[i], item, 200, AnswerItems(content, start), idempotent=idempotent)
        for i, item in enumerate(data)
    ]
    assert len(part) == len(data)
    assert list(part) == expected
    assert ids == [o.id for o in expected if isinstance(o, Success)] == part.ids()
    assert failures == [o for o in expected if isinstance(o, Failure)] == part.failures()
    result = _batch.assemble([part], 1)
    assert result.outcomes == tuple(expected)


def _successes_alive() -> int:
    gc.collect()
    return sum(type(o) is Success for o in gc.get_objects())


def leads(n: int) -> list[dict[str, str]]:
    return [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(n)]


def test_failures_ids_and_counts_are_read_without_building_an_outcome_per_item(sb: Sandbox, crm: ZohoCRM) -> None:
    records: list[dict[str, Any]] = leads(250)
    records[7] = {"Email": "no-last-name@example.com"}  # Last_Name is mandatory: this one fails
    before = _successes_alive()
    result = crm.records.upsert("Leads", records, duplicate_check_fields=["Email"])
    assert (len(result), result.calls) == (250, 3)
    assert [(f.index, f.code) for f in result.failed] == [(7, "MANDATORY_NOT_FOUND")]
    assert len(result.ids) == 249
    assert repr(result) == "BatchResult(250 outcomes: 249 succeeded, 1 failed, 3 calls)"
    assert _successes_alive() == before  # no Success object was built for any of that

    assert result.ids == [s.id for s in result.succeeded]
    assert _successes_alive() == before + 249
    assert result[3] is result[3] is list(result)[3] is result.outcomes[3]  # built once, kept
    assert result == BatchResult(result.outcomes, 3) == pickle.loads(pickle.dumps(result))
    assert result != BatchResult(result.outcomes, 4)
    match result:
        case BatchResult(outcomes, calls):  # positional patterns, as when it was an attrs class
            assert (len(outcomes), calls) == (250, 3)
        case _:
            pytest.fail("BatchResult(outcomes, calls) did not match")
    with pytest.raises(TypeError):
        hash(result)


@pytest.mark.anyio
async def test_an_async_batch_keeps_a_task_per_slot_not_one_per_chunk(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    alive: list[int] = []
    result = await acrm.records.upsert(
        "Leads",
        leads(5_000),
        duplicate_check_fields=["Email"],
        concurrency=4,
        on_progress=lambda done, total: alive.append(len(asyncio.all_tasks())),
    )
    assert len(result.ids) == 5_000
    assert len(alive) == 50
    # the calls in flight and those reading their answers (at most 2 x 4), the batch's own and the test's
    assert max(alive) <= 2 * 4 + 2  # not one per chunk (50)


def _fresh_result(n: int) -> BatchResult:
    content = orjson.dumps({"data": [{"status": "success", "details": {"id": str(i)}} for i in range(n)]})
    data = orjson.loads(content)["data"]
    parts = [
        _batch.read_items(data[s : s + 10], s, list(range(s, s + 10)), 200, AnswerItems(content, s), True)
        for s in range(0, n, 10)
    ]
    return _batch.assemble(parts, len(parts))


def test_threads_reading_a_result_while_one_builds_its_outcomes_see_it_whole() -> None:
    import sys
    import threading

    seen: list[tuple[int, int, int]] = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    try:
        for _ in range(30):
            result = _fresh_result(2_000)
            barrier = threading.Barrier(4)

            def read(result: BatchResult = result, barrier: threading.Barrier = barrier) -> None:
                barrier.wait()
                seen.append((len(result), len(result.ids), len(result.outcomes) + len(result.failed)))

            threads = [threading.Thread(target=read) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert seen == [(2_000, 2_000, 2_000)] * 120
