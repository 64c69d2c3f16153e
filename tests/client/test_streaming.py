"""Streaming writes (``records.insert_stream``/``update_stream``/``upsert_stream``): one outcome per record in input
order from a generator, memory bounded whatever the count, the batch's outcome rules under faults mid-stream.
Sync and async, against the in-process sandbox or a scripted transport.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import threading
import tracemalloc
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

import zoho_crm
from tests.client.conftest import Unprintable, client_kwargs
from tests.client.test_batch_integrity import TOKEN_FAULTS, cancel_and_settle
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, BatchError, Failure, Outcome, Success, ZohoCRM
from zoho_crm.errors import ZohoValidationError
from zoho_crm.testing import Sandbox

MODES = ["sync", "async"]
GOOD_ID = "3652397000000624046"


def gen_leads(n: int, *, email: bool = True, tag: str = "lead") -> Iterator[dict[str, Any]]:
    """``n`` leads made as they are read (a generator: the stream never holds them all)."""
    for i in range(n):
        yield {"Last_Name": f"Lead {i}", **({"Email": f"{tag}{i}@example.com"} if email else {})}


def stream(mode: str, sb: Sandbox, method: str, *args: Any, **kw: Any) -> list[Outcome]:
    """Every outcome of ``crm.records.<method>(*args, **kw)`` with a sync or an async client on the sandbox."""
    if mode == "sync":
        with ZohoCRM(sb.credentials, transport=sb.transport(), **client_kwargs(sb)) as crm:
            return list(getattr(crm.records, method)(*args, **kw))

    async def collect() -> list[Outcome]:
        async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **client_kwargs(sb)) as acrm:
            return [o async for o in getattr(acrm.records, method)(*args, **kw)]

    return asyncio.run(collect())


def drain(mode: str, handler: Callable[[httpx.Request], httpx.Response], seen: list[Outcome], **kw: Any) -> None:
    """Append every outcome of ``records.insert_stream("Leads", **kw)`` on a scripted client to ``seen``."""
    if mode == "sync":
        with scripted_client(mode, handler) as crm:
            for outcome in crm.records.insert_stream("Leads", **kw):
                seen.append(outcome)
        return

    async def main() -> None:
        async with scripted_client(mode, handler) as acrm:
            async for outcome in acrm.records.insert_stream("Leads", **kw):
                seen.append(outcome)

    asyncio.run(main())


def success_answer(request: httpx.Request) -> httpx.Response:
    """Zoho's answer to a bulk write of n records, every one a success (nothing stored)."""
    n = request.content.count(b'"Last_Name"')
    return httpx.Response(200, content=SUCCESSES[n])


_OK = [
    {"code": "SUCCESS", "details": {"id": str(int(GOOD_ID) + i)}, "message": "record added", "status": "success"}
    for i in range(100)
]
SUCCESSES = {n: json.dumps({"data": _OK[:n]}).encode() for n in range(101)}


def scripted_client(mode: str, handler: Callable[[httpx.Request], httpx.Response]) -> Any:
    kw: dict[str, Any] = {"api_domain": "https://www.zohoapis.com"}
    kw["retry"] = zoho_crm.RetryPolicy(max_attempts=3, initial_backoff=0.0, max_backoff=0.0)
    if mode == "sync":
        return ZohoCRM(AccessTokenCredentials("t"), transport=httpx.MockTransport(handler), **kw)

    async def ahandler(request: httpx.Request) -> httpx.Response:
        return handler(request)

    return AsyncZohoCRM(AccessTokenCredentials("t"), transport=httpx.MockTransport(ahandler), **kw)


# 1. one outcome per record, in order, from a generator ---------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_20000_records_from_a_generator_give_one_outcome_each_in_input_order(sb: Sandbox, mode: str) -> None:
    outcomes = stream(mode, sb, "upsert_stream", "Leads", gen_leads(20_000), concurrency=25)
    assert [o.index for o in outcomes] == list(range(20_000))
    assert [o.input for o in outcomes] == list(gen_leads(20_000))
    assert all(isinstance(o, Success) for o in outcomes)
    stored = {r["Email"]: r["id"] for r in sb.records("Leads")}
    assert len(stored) == 20_000
    assert {o.input["Email"]: o.id for o in outcomes if isinstance(o, Success)} == stored
    assert sb.counters.requests["upsert_records"] == 200


@pytest.mark.parametrize("mode", MODES)
def test_insert_and_update_streams(sb: Sandbox, mode: str) -> None:
    inserted = stream(mode, sb, "insert_stream", "Leads", gen_leads(250))
    changes = ({"id": o.id, "Last_Name": f"Changed {o.index}"} for o in inserted if isinstance(o, Success))
    updated = stream(mode, sb, "update_stream", "Leads", changes)
    assert [o.ok for o in updated] == [True] * 250
    assert sorted(r["Last_Name"] for r in sb.records("Leads")) == sorted(f"Changed {i}" for i in range(250))


def test_an_async_stream_reads_an_async_iterable(sb: Sandbox) -> None:
    async def source() -> AsyncIterator[dict[str, Any]]:
        for record in gen_leads(230):
            yield record

    outcomes = stream("async", sb, "insert_stream", "Leads", source())
    assert [o.index for o in outcomes] == list(range(230))
    assert all(o.ok for o in outcomes)


# 2. memory does not grow with the number of records ------------------------------------------------------------


def _peak_growth(count: int) -> int:
    """Traced memory peak over baseline while streaming ``count`` records through a scripted Zoho (nothing stored)."""
    with scripted_client("sync", success_answer) as crm:
        list(crm.records.insert_stream("Leads", gen_leads(300)))  # imports, token, connections: outside the figure
        logging.disable(logging.INFO)  # the test run's log capture keeps every call's records: not the client's
        tracemalloc.start()
        try:
            base, _ = tracemalloc.get_traced_memory()
            seen = 0
            for outcome in crm.records.insert_stream("Leads", gen_leads(count), concurrency=10):
                seen += outcome.ok
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            logging.disable(logging.NOTSET)
    assert seen == count
    return peak - base


def test_memory_held_while_streaming_does_not_grow_with_the_record_count() -> None:
    small, large = _peak_growth(3_000), _peak_growth(30_000)
    # look-ahead: 2 x 10 lanes x 100 records, their bodies and answers: the same for both counts (about 1.4 MB)
    assert large < small * 1.2 + 100_000, f"3,000 records: {small:,} B peak; 30,000: {large:,} B"
    assert large < 4_000_000


# 3. faults mid-stream: the batch's outcome rules ---------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_bad_record_fails_its_chunk_unsent_and_the_stream_goes_on(sb: Sandbox, mode: str) -> None:
    def records() -> Iterator[Any]:
        for i, record in enumerate(gen_leads(350)):
            yield {"Last_Name": float("nan")} if i == 150 else "not a dict" if i == 320 else record

    outcomes = stream(mode, sb, "insert_stream", "Leads", records())
    assert [o.index for o in outcomes] == list(range(350))
    failed = [o for o in outcomes if isinstance(o, Failure)]
    assert [o.index for o in failed] == [*range(100, 200), *range(300, 350)]
    assert all(isinstance(f.error, ZohoValidationError) and not f.uncertain for f in failed)
    assert "records[150]['Last_Name']" in failed[0].message
    assert "records[320]" in failed[-1].message
    assert sb.counters.requests["insert_records"] == 2
    assert len(sb.records("Leads")) == 200


@pytest.mark.parametrize("mode", MODES)
def test_an_update_record_without_id_fails_its_chunk(sb: Sandbox, mode: str) -> None:
    records = [{"id": GOOD_ID, "Last_Name": "x"}] * 100 + [{"Last_Name": "no id"}]
    outcomes = stream(mode, sb, "update_stream", "Leads", iter(records))
    assert isinstance(outcomes[100], Failure)
    assert "has no 'id'" in outcomes[100].message
    assert sb.counters.requests["update_records"] == 1  # the first chunk only (its ids are unknown: refused by Zoho)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", sorted(TOKEN_FAULTS))
def test_a_token_failure_mid_stream_gives_outcomes_not_an_exception(sb: Sandbox, mode: str, fault: str) -> None:
    act, error = TOKEN_FAULTS[fault]
    fired = threading.Event()

    def records(http: httpx.Client) -> Iterator[dict[str, Any]]:
        for i, record in enumerate(gen_leads(1500)):
            if i == 600:  # read once the first chunks' outcomes are out (look-ahead: 2 lanes x 2)
                act(sb, http)
                fired.set()
            yield record

    with httpx.Client(transport=sb.transport()) as http:
        outcomes = stream(mode, sb, "insert_stream", "Leads", records(http), concurrency=2)
    assert fired.is_set()
    assert [o.index for o in outcomes] == list(range(1500))
    succeeded = [o for o in outcomes if isinstance(o, Success)]
    failed = [o for o in outcomes if isinstance(o, Failure)]
    assert 200 <= len(succeeded) <= 600
    assert failed
    assert all(isinstance(f.error, error) and not f.uncertain for f in failed)
    assert {r["Email"] for r in sb.records("Leads")} == {o.input["Email"] for o in succeeded}


@pytest.mark.parametrize("mode", MODES)
def test_a_lost_answer_is_uncertain_for_inserts_and_repeated_for_keyed_upserts(sb: Sandbox, mode: str) -> None:
    sb.configure(drop_after_commit_rate=1.0, fault_operations={"insert_records", "upsert_records"}, seed=1)
    inserted = stream(mode, sb, "insert_stream", "Leads", gen_leads(150))
    assert all(isinstance(o, Failure) and o.uncertain for o in inserted)
    assert sb.counters.requests["insert_records"] == 2  # never sent twice
    upserted = stream(mode, sb, "upsert_stream", "Leads", gen_leads(150, tag="u"))
    assert all(isinstance(o, Failure) and not o.uncertain for o in upserted)  # dropped every time: certain
    assert sb.counters.requests["upsert_records"] > 2
    assert len(sb.records("Leads")) == 300  # each applied once, however often sent


@pytest.mark.parametrize("mode", [*MODES, "async-iterable"])
def test_outcomes_read_before_a_source_exception_are_yielded(mode: str) -> None:
    def records() -> Iterator[dict[str, Any]]:
        yield from gen_leads(250)
        raise RuntimeError("the source broke")

    async def arecords() -> AsyncIterator[dict[str, Any]]:
        for record in records():
            yield record

    seen: list[Outcome] = []
    source = arecords() if mode == "async-iterable" else records()
    with pytest.raises(RuntimeError, match="the source broke"):
        drain(mode.removesuffix("-iterable"), success_answer, seen, records=source)
    assert [o.index for o in seen] == list(range(250))  # every record read before the exception
    unsent = [o for o in seen if isinstance(o, Failure)]  # chunks not yet sent when it came: never sent
    assert all(o.code == "NOT_SENT" and not o.uncertain for o in unsent)
    assert seen[200:] == unsent[-50:]  # the 50 read after the last whole chunk, among them


@pytest.mark.parametrize("mode", [*MODES, "async-iterable"])
def test_a_source_exception_whose_message_cannot_be_written_is_raised_after_every_outcome(mode: str) -> None:
    def records() -> Iterator[dict[str, Any]]:
        yield from gen_leads(250)
        raise Unprintable()

    async def arecords() -> AsyncIterator[dict[str, Any]]:
        for record in records():
            yield record

    seen: list[Outcome] = []
    source = arecords() if mode == "async-iterable" else records()
    with pytest.raises(Unprintable):  # the source's own error, not its str()'s RuntimeError
        drain(mode.removesuffix("-iterable"), success_answer, seen, records=source)
    assert [o.index for o in seen] == list(range(250))  # the 50 read after the last whole chunk too


@pytest.mark.parametrize("mode", MODES)
def test_stopping_early_stops_sending(mode: str) -> None:
    calls = Counter[str]()

    def handler(request: httpx.Request) -> httpx.Response:
        calls["insert"] += 1
        return success_answer(request)

    taken: list[Outcome] = []
    if mode == "sync":
        with scripted_client(mode, handler) as crm:
            taken = list(itertools.islice(crm.records.insert_stream("Leads", gen_leads(100_000), concurrency=3), 250))
    else:

        async def main() -> None:
            async with scripted_client(mode, handler) as crm:
                outcomes = crm.records.insert_stream("Leads", gen_leads(100_000), concurrency=3)
                async for outcome in outcomes:
                    taken.append(outcome)
                    if len(taken) == 250:
                        break
                await outcomes.aclose()  # type: ignore[attr-defined]

        asyncio.run(main())
    assert [o.index for o in taken] == list(range(250))
    assert calls["insert"] <= 3 + 2 * 3, "the stream went on sending after its reader stopped"


def test_an_interrupt_in_a_sync_stream_is_raised_once_its_calls_in_flight_end() -> None:
    """Ctrl-C while the stream reads its records (here raised by the records' generator)."""
    ended: list[str] = []
    lock = threading.Lock()

    def handler(request: httpx.Request) -> httpx.Response:
        answer = success_answer(request)
        with lock:
            ended.append(threading.current_thread().name)
        return answer

    def interrupted() -> Iterator[dict[str, Any]]:
        yield from gen_leads(1_000)
        raise KeyboardInterrupt

    with scripted_client("sync", handler) as crm, pytest.raises(KeyboardInterrupt):
        for _ in crm.records.insert_stream("Leads", interrupted(), concurrency=3):
            pass
    assert 1 <= len(ended) <= 10
    assert {name.rsplit("-", 1)[0] for name in ended} == {"zoho-crm"}, "calls are made on the stream's lanes"
    assert [t.name for t in threading.enumerate() if t.name.startswith("zoho-crm")] == [], "a lane outlived it"


def test_a_lane_raising_stops_the_other_lanes_of_a_sync_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SystemExit`` in one lane while the reader waits for an earlier chunk: the chunks already handed to
    the lanes are not sent, without waiting for the reader to reach the exception."""
    import zoho_crm._sync._stream as sync_stream

    state = {"finished": 0, "later": False}  # exchanges ended (sent, refused or raised); a chunk >= 200 sent
    changed = threading.Condition()

    class Watched(sync_stream.SyncLanes):  # type: ignore[misc]
        def start(self, work: Any, *args: Any) -> Any:
            def watched() -> Any:
                try:
                    return work(*args)
                finally:
                    with changed:
                        state["finished"] += 1
                        changed.notify_all()

            return super().start(watched)

    monkeypatch.setattr(sync_stream, "SyncLanes", Watched)

    def handler(request: httpx.Request) -> httpx.Response:
        start = int(json.loads(request.content)["data"][0]["Last_Name"].split()[1])
        if start == 100:
            raise SystemExit(3)
        if start >= 200:
            with changed:
                state["later"] = True
                changed.notify_all()
        if start == 0:  # the reader waits for this one while chunks 100-300 go to the other lane
            with changed:
                assert changed.wait_for(lambda: state["finished"] >= 3 or state["later"], timeout=30), state
        return success_answer(request)

    with scripted_client("sync", handler) as crm, pytest.raises(SystemExit):
        for _ in crm.records.insert_stream("Leads", gen_leads(1_000), concurrency=2):
            pass
    assert not state["later"], "a chunk was sent after a lane raised"


def test_cancelling_the_reader_of_an_async_stream_cancels_its_calls_in_flight() -> None:
    calls = 0
    stalled = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        """Answers 4 calls; the 5th never gets an answer (only a cancellation ends it)."""
        nonlocal calls
        calls += 1
        if calls == 5:
            stalled.set()
            await asyncio.Event().wait()
        return success_answer(request)

    async def main() -> tuple[int, int, list[asyncio.Task[Any]]]:
        kw: dict[str, Any] = {"api_domain": "https://www.zohoapis.com", "transport": httpx.MockTransport(handler)}
        async with AsyncZohoCRM(AccessTokenCredentials("t"), **kw) as crm:

            async def read() -> None:
                async for _ in crm.records.insert_stream("Leads", gen_leads(100_000), concurrency=3):
                    pass

            reader = asyncio.ensure_future(read())
            await stalled.wait()
            at_cancel = calls
            left = await cancel_and_settle(reader, "stream")
            return at_cancel, calls, left

    at_cancel, total, left = asyncio.run(main())
    assert left == [], "a lane task outlived its cancelled stream"
    assert total <= at_cancel + 3, f"{total} calls, {at_cancel} when cancelled: the stream went on"


@pytest.mark.parametrize("mode", MODES)
def test_a_bug_stops_the_stream_with_a_batch_error_after_the_outcomes_in_flight(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if b"Lead 300" in request.content:
            raise AssertionError("a bug in a transport")
        return success_answer(request)

    seen: list[Outcome] = []
    with pytest.raises(BatchError) as info:
        drain(mode, handler, seen, records=gen_leads(5000), concurrency=2)
    assert isinstance(info.value.__cause__, AssertionError)
    assert [o.index for o in seen] == list(range(len(seen)))
    assert len(seen) <= 700
    bad = [o for o in seen if 300 <= o.index < 400]
    assert bad
    assert all(isinstance(o, Failure) and o.uncertain and o.code == "CLIENT_ERROR" for o in bad)
    assert all(isinstance(o, Failure) and o.code == "NOT_SENT" for o in seen if o.index >= 400)


@pytest.mark.parametrize("mode", MODES)
def test_a_bug_whose_message_cannot_be_written_still_stops_the_stream_with_a_batch_error(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if b"Lead 300" in request.content:
            raise Unprintable()
        return success_answer(request)

    seen: list[Outcome] = []
    with pytest.raises(BatchError, match="Unprintable") as info:
        drain(mode, handler, seen, records=gen_leads(1000), concurrency=2)
    assert isinstance(info.value.__cause__, Unprintable)
    assert [o.index for o in seen] == list(range(len(seen)))
    assert any(o.index >= 300 for o in seen)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("records", "options"),
    [({"Last_Name": "x"}, {}), ("text", {}), (gen_leads(1), {"concurrency": 0}), (gen_leads(1), {"trigger": "x"})],
    ids=["dict", "string", "concurrency", "trigger"],
)
def test_bad_stream_arguments_are_refused_at_the_call(mode: str, records: Any, options: dict[str, Any]) -> None:
    client = scripted_client(mode, lambda request: pytest.fail("a request was sent"))
    with pytest.raises(ZohoValidationError):
        client.records.upsert_stream("Leads", records, **options)
    with pytest.raises(ZohoValidationError):
        client.records.insert_stream("Bad Module", [])
