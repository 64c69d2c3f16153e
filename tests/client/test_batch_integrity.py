"""Batch integrity: upserts repeated only when every record names itself, every item an outcome whatever
stops the batch (a refused token, a closed client, a raising callback; an interrupt or a cancellation ends
the calls in flight and sends nothing more), odd 2xx answers read, bad batch
options refused before any request. Sync and async, against the in-process sandbox or a scripted transport.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import zoho_crm
from tests._mypy import strict_errors
from tests.client.conftest import Unprintable, client_kwargs
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, BatchError, BatchResult, Failure, Success, ZohoCRM
from zoho_crm.errors import (
    InvalidResponseError,
    InvalidTokenGrantError,
    TokenEndpointError,
    TokenRefreshThrottledError,
    ZohoValidationError,
)
from zoho_crm.testing import Sandbox

MODES = ["sync", "async"]
GOOD_ID = "3652397000000624046"
Call = Callable[[Any], Any]


def run(mode: str, sb: Sandbox, call: Call, transport: Any = None) -> Any:
    """``call(crm)`` with a sync or an async client on the in-process sandbox (awaited when async)."""
    if mode == "sync":
        with ZohoCRM(sb.credentials, transport=transport or sb.transport(), **client_kwargs(sb)) as crm:
            return call(crm)

    async def main() -> Any:
        async with AsyncZohoCRM(sb.credentials, transport=transport or sb.async_transport(), **client_kwargs(sb)) as c:
            return await call(c)

    return asyncio.run(main())


def scripted(mode: str, handler: Callable[[httpx.Request], httpx.Response], call: Call) -> Any:
    """``call(crm)`` with a client whose every answer comes from ``handler``."""
    kw: dict[str, Any] = {"api_domain": "https://www.zohoapis.com", "transport": httpx.MockTransport(handler)}
    kw["retry"] = zoho_crm.RetryPolicy(max_attempts=3, initial_backoff=0.0, max_backoff=0.0)
    if mode == "sync":
        with ZohoCRM(AccessTokenCredentials("t"), **kw) as crm:
            return call(crm)

    async def main() -> Any:
        async with AsyncZohoCRM(AccessTokenCredentials("t"), **kw) as acrm:
            return await call(acrm)

    return asyncio.run(main())


def leads(n: int, *, email: bool = True) -> list[dict[str, Any]]:
    return [{"Last_Name": f"Lead {i}", **({"Email": f"lead{i}@example.com"} if email else {})} for i in range(n)]


def assert_one_outcome_each(result: BatchResult, records: list[dict[str, Any]]) -> None:
    assert [o.index for o in result] == list(range(len(records)))
    assert [o.input for o in result] == records


# 1. keyless upserts --------------------------------------------------------------------------------------------

# (module, records, upsert options, whether every record names itself)
SHAPES: dict[str, tuple[str, list[dict[str, Any]], dict[str, Any], bool]] = {
    "leads_without_email": ("Leads", [{"Last_Name": "x"}], {}, False),
    "leads_with_email": ("Leads", [{"Last_Name": "x", "Email": "x@example.com"}], {}, True),
    "leads_empty_email": ("Leads", [{"Last_Name": "x", "Email": ""}], {}, False),
    "one_keyless_among_99_keyed": ("Leads", [*leads(99), {"Last_Name": "no key"}], {}, False),
    "email_not_in_the_given_check": (
        "Leads", [{"Last_Name": "x", "Email": "x@example.com"}], {"duplicate_check_fields": ["Ext_Id"]}, False,
    ),
    "value_in_the_given_check": ("Leads", [{"Last_Name": "x", "Ext_Id": "e1"}], {"duplicate_check_fields": ["Ext_Id"]},
                                 True),
    "external_value": ("Leads", [{"Last_Name": "x", "Ext_Id": "e1"}], {"external": "Leads.Ext_Id"}, True),
    "accounts_by_name": ("Accounts", [{"Account_Name": "Acme"}], {}, True),
    "custom_module_by_name": ("Widgets", [{"Name": "w"}], {}, False),  # a module the client does not know
    "custom_module_name_given": ("Widgets", [{"Name": "w"}], {"duplicate_check_fields": ["Name"]}, True),
}  # fmt: skip


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_an_upsert_is_repeated_after_a_lost_answer_only_when_every_record_names_itself(
    sb: Sandbox, mode: str, shape: str
) -> None:
    module, records, options, named = SHAPES[shape]
    sb.register_module("Widgets")
    sb.mark_unique("Leads", "Ext_Id")
    sb.mark_external("Leads", "Ext_Id")
    sb.configure(drop_after_commit_rate=1.0, fault_operations={"upsert_records"}, seed=1)
    result = run(mode, sb, lambda crm: crm.records.upsert(module, records, **options))
    assert_one_outcome_each(result, records)
    assert len(sb.records(module)) == len(records)  # applied once, however often it was sent
    calls = sb.counters.requests["upsert_records"]
    if named:
        assert calls > 1, "a call whose records all name themselves is safe to repeat"
        assert all(isinstance(o, Failure) and not o.uncertain for o in result)  # dropped every time: certain
    else:
        assert calls == 1, "a call with a keyless record was sent again: Zoho would insert it twice"
        assert all(isinstance(o, Failure) and o.uncertain for o in result)


@pytest.mark.parametrize("mode", MODES)
def test_an_upsert_naming_its_record_by_id_is_repeated(sb: Sandbox, mode: str) -> None:
    (lead_id,) = sb.seed("Leads", [{"Last_Name": "x"}])
    sb.configure(drop_after_commit_rate=1.0, fault_operations={"upsert_records"}, seed=3)
    result = run(mode, sb, lambda crm: crm.records.upsert("Leads", [{"id": lead_id, "Last_Name": "y"}]))
    assert sb.counters.requests["upsert_records"] > 1
    assert not result[0].ok
    assert [r["Last_Name"] for r in sb.records("Leads")] == ["y"]


@pytest.mark.parametrize("mode", MODES)
def test_keyless_and_keyed_chunks_of_one_upsert_are_each_treated_by_their_own_records(sb: Sandbox, mode: str) -> None:
    records = leads(100) + leads(100, email=False)  # chunk 1 keyed, chunk 2 keyless
    sb.configure(drop_after_commit_rate=1.0, fault_operations={"upsert_records"}, seed=2)
    result = run(mode, sb, lambda crm: crm.records.upsert("Leads", records))
    assert_one_outcome_each(result, records)
    assert [o.uncertain for o in result.failed] == [False] * 100 + [True] * 100
    assert len(sb.records("Leads")) == 200


# 2. token failure and close() in the middle of a batch ---------------------------------------------------------


def _revoke(sb: Sandbox, http: httpx.Client) -> None:
    """Revoke the refresh token (and its access tokens) at the sandbox's revoke endpoint."""
    token = sb.credentials.refresh_token
    http.post(f"{sb.accounts_url}/oauth/v2/token/revoke", data={"token": token}).raise_for_status()


def _throttle(sb: Sandbox, http: httpx.Client) -> None:
    sb.configure(refresh_limit=1)  # the client's first refresh used it up
    sb.expire_tokens()


TOKEN_FAULTS: dict[str, tuple[Callable[[Sandbox, httpx.Client], None], type[Exception]]] = {
    "revoked_grant": (_revoke, InvalidTokenGrantError),
    "refresh_throttled": (_throttle, TokenRefreshThrottledError),
}


def insert_with_fault_at(sb: Sandbox, mode: str, n: int, at: int, fault: Callable[[], None], **kw: Any) -> BatchResult:
    fired: list[bool] = []

    def progress(done: int, total: int) -> None:
        if done >= at and not fired:
            fired.append(True)
            fault()

    result: BatchResult = run(
        mode, sb, lambda crm: crm.records.insert("Leads", leads(n), concurrency=2, on_progress=progress), **kw
    )
    assert fired
    return result


def assert_stored_are_the_successes(sb: Sandbox, result: BatchResult) -> None:
    stored = {r["Email"]: r["id"] for r in sb.records("Leads")}
    assert {o.input["Email"]: o.id for o in result.succeeded} == stored


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", sorted(TOKEN_FAULTS))
def test_a_token_failure_mid_batch_returns_every_outcome_and_keeps_what_was_written(
    sb: Sandbox, mode: str, fault: str
) -> None:
    act, error = TOKEN_FAULTS[fault]
    with httpx.Client(transport=sb.transport()) as http:  # built before: the fault itself takes no time
        result = insert_with_fault_at(sb, mode, 1500, 300, lambda: act(sb, http))
    assert_one_outcome_each(result, leads(1500))
    assert_stored_are_the_successes(sb, result)
    assert 300 <= len(result.succeeded) < 1500
    assert result.failed
    assert all(isinstance(f.error, error) and not f.uncertain for f in result.failed)
    assert sb.counters.requests["insert_records"] <= len(result.succeeded) // 100 + 2 + 2  # then it stopped sending
    with pytest.raises(BatchError) as info:
        result.raise_for_errors()
    assert info.value.result is result


@pytest.mark.parametrize("mode", MODES)
def test_an_accounts_server_down_mid_batch_fails_the_calls_not_sent_with_the_token_error(
    sb: Sandbox, mode: str
) -> None:
    down = threading.Event()

    class Accounts(httpx.BaseTransport, httpx.AsyncBaseTransport):
        """The sandbox, its token endpoint unreachable once ``down`` is set."""

        def __init__(self) -> None:
            self.sync, self.async_ = sb.transport(), sb.async_transport()

        def _check(self, request: httpx.Request) -> None:
            if down.is_set() and request.url.path.startswith("/oauth"):
                raise httpx.ConnectError("accounts server down", request=request)

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            self._check(request)
            return self.sync.handle_request(request)  # type: ignore[union-attr]

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            self._check(request)
            return await self.async_.handle_async_request(request)  # type: ignore[union-attr]

    def fail() -> None:
        down.set()
        sb.expire_tokens()

    result = insert_with_fault_at(sb, mode, 1000, 200, fail, transport=Accounts())
    assert_one_outcome_each(result, leads(1000))
    assert_stored_are_the_successes(sb, result)
    assert result.failed
    assert all(isinstance(f.error, TokenEndpointError) and not f.uncertain for f in result.failed)


@pytest.mark.parametrize("mode", MODES)
def test_closing_the_client_during_a_batch_returns_every_outcome(mode: str) -> None:
    with Sandbox(mode="http", latency=0.05) as box:  # the calls in flight outlast the closing
        records = leads(2000)
        if mode == "sync":
            halfway = threading.Event()
            with ZohoCRM(box.credentials, **client_kwargs(box)) as crm:
                closer = threading.Thread(target=lambda: (halfway.wait(30), crm.close()))
                closer.start()
                result = crm.records.insert(
                    "Leads", records, concurrency=4, on_progress=lambda done, _: done < 500 or halfway.set()
                )
                closer.join()
        else:

            async def main() -> BatchResult:
                halfway = asyncio.Event()
                async with AsyncZohoCRM(box.credentials, **client_kwargs(box)) as crm:

                    async def close_halfway() -> None:
                        await halfway.wait()
                        await crm.aclose()

                    closer = asyncio.ensure_future(close_halfway())
                    batch: BatchResult = await crm.records.insert(
                        "Leads", records, concurrency=4, on_progress=lambda done, _: done < 500 or halfway.set()
                    )
                    await closer
                    return batch

            result = asyncio.run(main())
        stored = {r["Email"] for r in box.records("Leads")}
    assert_one_outcome_each(result, records)
    assert 500 <= len(result.succeeded) < 2000
    assert {o.input["Email"] for o in result.succeeded} <= stored
    certain = [f for f in result.failed if not f.uncertain]
    assert certain, "no call was left unsent: the client was closed too late to show anything"
    assert not {f.input["Email"] for f in certain} & stored, "a failure reported certain was written"
    uncertain = {f.input["Email"] for f in result.failed if f.uncertain}
    assert stored <= {o.input["Email"] for o in result.succeeded} | uncertain


# 3. a raising on_progress stops the batch; the outcomes of what was sent come with the error ------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_raising_progress_callback_stops_the_batch_and_its_error_carries_every_outcome(
    sb: Sandbox, mode: str
) -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(sb.counters.requests["insert_records"])  # the calls that had reached Zoho by then
        raise ValueError("a bug in the caller's callback")

    records = leads(2000)

    def call(crm: Any) -> Any:
        return crm.records.insert("Leads", records, concurrency=3, on_progress=progress)

    with pytest.raises(BatchError) as info:
        run(mode, sb, call)
    assert isinstance(info.value.__cause__, ValueError)
    result = info.value.result
    assert_one_outcome_each(result, records)
    sent = sb.counters.requests["insert_records"]
    assert len(seen) == 1, "the callback was called again after it raised"
    # Lanes may have exchanged a few chunks before the batch's thread read the first answer; once the
    # callback raised, at most the 3 calls then in flight end, and no other starts.
    assert sent <= seen[0] + 3, f"{sent} calls sent, {seen[0]} when the callback raised: the batch went on"
    assert sent < 20
    assert_stored_are_the_successes(sb, result)
    assert len(result.succeeded) == 100 * sent
    assert Counter(f.code for f in result.failed) == {"NOT_SENT": 2000 - 100 * sent}
    assert not any(f.uncertain for f in result.failed)


# 3b. an interrupt or a cancellation is raised once the calls in flight end; nothing is sent after it ---------


def _lanes_alive() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("zoho-crm")]


def test_an_interrupt_on_the_batchs_thread_is_raised_once_the_calls_in_flight_end(sb: Sandbox) -> None:
    """Ctrl-C while a sync batch reads its answers (here from its progress callback)."""
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(sb.counters.requests["insert_records"])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run("sync", sb, lambda crm: crm.records.insert("Leads", leads(2000), concurrency=3, on_progress=progress))
    assert len(seen) == 1
    assert sb.counters.requests["insert_records"] <= seen[0] + 3, "a chunk was sent after the interrupt"
    assert _lanes_alive() == [], "a lane thread outlived its batch"


def test_an_interrupt_inside_a_call_stops_the_sync_batch_and_is_raised(sb: Sandbox) -> None:
    """A lane's call raising a ``BaseException`` (``SystemExit`` from a transport): the batch raises it."""
    inner = sb.transport()
    calls: list[int] = []
    lock = threading.Lock()

    class Exiting(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/Leads"):
                with lock:
                    calls.append(len(calls) + 1)
                    if len(calls) == 4:
                        raise SystemExit(3)
            return inner.handle_request(request)

    with pytest.raises(SystemExit):
        run("sync", sb, lambda crm: crm.records.insert("Leads", leads(2000), concurrency=3), transport=Exiting())
    assert len(calls) <= 4 + 2, "a chunk was sent after a lane raised"
    assert _lanes_alive() == []


def test_a_lane_raising_stops_the_other_lanes_while_the_batch_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """``SystemExit`` in one lane while the batch's thread runs a slow ``on_progress``: the other lane ends its
    call and sends no other, without waiting for the batch's thread to read the exception."""
    import zoho_crm._sync._run as sync_run

    state = {"ended": 0, "progressing": False, "later": False}  # lanes ended; on_progress entered; chunk >= 300 sent
    changed = threading.Condition()

    def note(key: str, value: object) -> None:
        with changed:
            state[key] = value
            changed.notify_all()

    def until(predicate: Callable[[], bool]) -> None:
        with changed:
            assert changed.wait_for(predicate, timeout=30), state

    class Watched(sync_run.SyncLanes):  # type: ignore[misc]
        def start(self, work: Any, *args: Any) -> Any:
            def watched() -> None:
                try:
                    work(*args)
                finally:
                    with changed:
                        state["ended"] += 1  # type: ignore[operator]
                        changed.notify_all()

            return super().start(watched)

    monkeypatch.setattr(sync_run, "SyncLanes", Watched)
    ok = {"code": "SUCCESS", "details": {"id": GOOD_ID}, "status": "success", "message": "ok"}

    def handler(request: httpx.Request) -> httpx.Response:
        start = int(json.loads(request.content)["data"][0]["Last_Name"].split()[1])
        if start == 100:  # raises once the batch's thread is in on_progress (for chunk 0)
            until(lambda: bool(state["progressing"]))
            raise SystemExit(3)
        if start == 200:  # in flight when the other lane raises: answered once that lane has ended
            until(lambda: state["ended"] == 1)
        if start >= 300:
            note("later", True)
        return httpx.Response(200, json={"data": [ok] * request.content.count(b'"Last_Name"')})

    def progress(done: int, total: int) -> None:
        note("progressing", True)
        until(lambda: state["ended"] == 2 or bool(state["later"]))  # both lanes ended, or one sent on

    with pytest.raises(SystemExit):
        scripted(
            "sync", handler, lambda crm: crm.records.insert("Leads", leads(1000), concurrency=2, on_progress=progress)
        )
    assert not state["later"], "a lane sent a chunk after the other lane raised"


async def cancel_and_settle(task: asyncio.Future[Any], what: str) -> list[asyncio.Task[Any]]:
    """Cancel ``task`` and let the loop run: ``task`` must end within 50 turns (not time: a call stalled
    forever ends only if it is cancelled); then the tasks still alive, after 20 more turns in which a lane
    left running would send its next chunk."""
    task.cancel()
    for _ in range(50):
        if task.done():
            break
        await asyncio.sleep(0)
    assert task.done(), f"the cancelled {what} still waits for a call in flight"
    left = [other for other in asyncio.all_tasks() if other is not asyncio.current_task()]
    for _ in range(20):
        await asyncio.sleep(0)
    return left


def test_cancelling_an_async_batch_cancels_its_calls_in_flight(sb: Sandbox) -> None:
    inner = sb.async_transport()

    class Stalling(httpx.AsyncBaseTransport):
        """Lets 4 insert calls through; the 5th never gets an answer (only a cancellation ends it)."""

        def __init__(self) -> None:
            self.calls = 0
            self.stalled = asyncio.Event()

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/Leads"):
                self.calls += 1
                if self.calls == 5:
                    self.stalled.set()
                    await asyncio.Event().wait()
            return await inner.handle_async_request(request)

    async def main() -> tuple[int, int, list[asyncio.Task[Any]]]:
        stalling = Stalling()
        async with AsyncZohoCRM(sb.credentials, transport=stalling, **client_kwargs(sb)) as crm:
            batch = asyncio.ensure_future(crm.records.insert("Leads", leads(2000), concurrency=3))
            await stalling.stalled.wait()
            at_cancel = stalling.calls
            left = await cancel_and_settle(batch, "batch")
            with pytest.raises(asyncio.CancelledError):
                await batch
            return at_cancel, stalling.calls, left

    at_cancel, calls, left = asyncio.run(main())
    assert left == [], "a lane task outlived its cancelled batch"
    assert calls <= at_cancel + 3, f"{calls} calls, {at_cancel} when cancelled: the batch went on"
    assert sb.counters.requests["insert_records"] < 20


@pytest.mark.parametrize("mode", MODES)
def test_a_bug_whose_message_cannot_be_written_still_gives_every_outcome(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise Unprintable()

    outcome: list[BaseException] = []

    def batch() -> None:  # on a thread: a batch that waits for an answer no lane hands on fails the join below
        try:
            scripted(mode, handler, lambda crm: crm.records.insert("Leads", leads(250), concurrency=2))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=batch, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the batch waits forever for a lane that died"
    [error] = outcome
    assert isinstance(error, BatchError)
    assert isinstance(error.__cause__, Unprintable)
    assert "Unprintable" in str(error)
    assert [o.index for o in error.result] == list(range(250))
    assert all(f.uncertain for f in error.result.failed if f.code == "CLIENT_ERROR")


@pytest.mark.parametrize("mode", MODES)
def test_a_chunk_to_be_asked_again_when_the_batch_stops_keeps_its_first_answer(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update answered 204 is asked again; a bug in another call stops the batch before it is: the chunk
    was sent, so its outcome comes from that first answer, never "not sent"."""
    import zoho_crm._async._run as async_run
    import zoho_crm._sync._run as sync_run

    module = sync_run if mode == "sync" else async_run
    requeued = threading.Event()  # set by the batch's thread as it puts the chunk back on the lanes
    sent: list[int] = []

    class Watched(module.Run):  # type: ignore[name-defined,misc]
        def read(self, finish: Any, start: int, items: Any, *, final: bool) -> Any:
            part = super().read(finish, start, items, final=final)
            if part is None:
                requeued.set()
            return part

    monkeypatch.setattr(module, "Run", Watched)

    def first_of(request: httpx.Request) -> int:
        start = int(json.loads(request.content)["data"][0]["id"]) - 10**18
        sent.append(start)
        return start

    def handler(request: httpx.Request) -> httpx.Response:
        if first_of(request) == 0:
            return httpx.Response(204)
        assert requeued.wait(30)
        raise ValueError("a bug")

    async def ahandler(request: httpx.Request) -> httpx.Response:
        if first_of(request) == 0:
            return httpx.Response(204)
        while not requeued.is_set():  # noqa: ASYNC110 (a threading.Event, shared with sync): loop turns
            await asyncio.sleep(0)
        raise ValueError("a bug")

    records = [{"id": str(10**18 + i), "Company": "C"} for i in range(200)]
    with pytest.raises(BatchError) as info:
        scripted(
            mode,
            handler if mode == "sync" else ahandler,
            lambda crm: crm.records.update("Leads", records, concurrency=1),
        )  # type: ignore[arg-type]
    result = info.value.result
    assert sent == [0, 100], "the chunk answered 204 was sent again after the batch stopped"
    assert [o.index for o in result] == list(range(200))
    first = {(type(o).__name__, o.code, o.message) for o in result[:100]}
    assert first == {
        ("Failure", "InvalidResponseError", "HTTP 204 answer has no results: the call may have been applied")
    }


# 4. odd success statuses ---------------------------------------------------------------------------------------


def _answer(status: int, items: bool, content: bytes | None = None) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        n = len(json.loads(request.content)["data"])
        ids = [str(int(GOOD_ID) + i) for i in range(n)]
        ok = [{"code": "SUCCESS", "details": {"id": i}, "message": "record added", "status": "success"} for i in ids]
        body = json.dumps({"data": ok}).encode() if items else (content or b"")
        return httpx.Response(status, content=body)

    return handler


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [200, 201, 202, 203, 206, 207])
def test_a_2xx_carrying_items_is_read(mode: str, status: int) -> None:
    result = scripted(mode, _answer(status, items=True), lambda crm: crm.records.insert("Leads", leads(3)))
    assert [o.ok for o in result] == [True] * 3
    assert result.ids == [str(int(GOOD_ID) + i) for i in range(3)]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("status", "content"), [(204, b""), (200, b""), (203, b"{}"), (206, b'{"data": nul')])
def test_an_insert_answered_2xx_without_items_is_uncertain(mode: str, status: int, content: bytes) -> None:
    result = scripted(
        mode, _answer(status, items=False, content=content), lambda c: c.records.insert("Leads", leads(3))
    )
    assert all(isinstance(o, Failure) and o.uncertain and o.status_code == status for o in result)


@pytest.mark.parametrize("mode", MODES)
def test_an_update_answered_204_is_asked_again_then_fails(mode: str) -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(204)

    result = scripted(mode, handler, lambda crm: crm.records.update("Leads", [{"id": GOOD_ID, "Company": "C"}]))
    assert len(calls) > 1
    assert isinstance(result[0], Failure)
    assert result[0].code == "InvalidResponseError"


# 5. batch options refused before any request -------------------------------------------------------------------

BAD_OPTIONS: dict[str, dict[str, Any]] = {
    "on_progress_not_callable": {"on_progress": "print"},
    "on_progress_a_list": {"on_progress": []},
    "concurrency_bool": {"concurrency": True},
    "concurrency_zero": {"concurrency": 0},
    "concurrency_negative": {"concurrency": -1},
    "concurrency_float": {"concurrency": 2.5},
    "concurrency_string": {"concurrency": "10"},
}
BATCH_CALLS: dict[str, Call] = {
    "insert": lambda c, **kw: c.records.insert("Leads", leads(3), **kw),
    "update": lambda c, **kw: c.records.update("Leads", [{"id": GOOD_ID}], **kw),
    "upsert": lambda c, **kw: c.records.upsert("Leads", leads(3), **kw),
    "delete": lambda c, **kw: c.records.delete("Leads", [GOOD_ID], **kw),
    "related_update": lambda c, **kw: c.related.update("Campaigns", GOOD_ID, "Leads", [{"id": GOOD_ID}], **kw),
    "related_delink": lambda c, **kw: c.related.delink("Campaigns", GOOD_ID, "Leads", [GOOD_ID], **kw),
}


def _no_request(request: httpx.Request) -> httpx.Response:
    pytest.fail(f"a request was sent for bad input: {request.method} {request.url}")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("call", sorted(BATCH_CALLS))
@pytest.mark.parametrize("option", sorted(BAD_OPTIONS))
def test_bad_batch_options_are_refused_before_any_request(mode: str, call: str, option: str) -> None:
    def attempt(crm: Any) -> Any:
        return BATCH_CALLS[call](crm, **BAD_OPTIONS[option])

    with pytest.raises(ZohoValidationError, match=next(iter(BAD_OPTIONS[option]))):
        scripted(mode, _no_request, attempt)


# 6. types and exports ------------------------------------------------------------------------------------------


def test_batch_error_is_exported_with_the_errors() -> None:
    assert zoho_crm.BatchError is zoho_crm.errors.BatchError
    assert "BatchError" in zoho_crm.__all__
    assert "BatchError" in zoho_crm.errors.__all__


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("kind", "uncertain"), [("insert", True), ("update", False)])
def test_a_success_without_an_id_is_no_certain_success(mode: str, kind: str, uncertain: bool) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        item = {"code": "SUCCESS", "details": {"Created_Time": "2024-01-01T00:00:00+00:00"}, "status": "success"}
        return httpx.Response(200, json={"data": [item]})

    def call(crm: Any) -> Any:
        method = getattr(crm.records, kind)
        return method("Leads", [{"id": GOOD_ID, "Last_Name": "x"}]) if kind == "update" else method("Leads", leads(1))

    result = scripted(mode, handler, call)
    assert isinstance(result[0], Failure)
    assert (result[0].code, result[0].uncertain) == ("INVALID_RESPONSE", uncertain)
    assert result.ids == []


def test_ids_are_the_successes_ids_in_input_order(sb: Sandbox) -> None:
    records = [*leads(2), {"Last_Name": "x" * 81}, *leads(1)]  # the third is refused (too long)
    result = run("sync", sb, lambda crm: crm.records.insert("Leads", records))
    assert [o.ok for o in result] == [True, True, False, True]
    assert result.ids == [o.id for o in result.succeeded]
    assert all(isinstance(o, Success) and isinstance(o.id, str) and o.id for o in result.succeeded)


def test_batch_results_need_no_casts_under_mypy_strict() -> None:
    usage = Path(__file__).with_name("typed_usage.py")
    errors, output = strict_errors(usage)
    assert errors == [], output
    assert output.startswith("Success:"), output


@pytest.mark.parametrize("mode", MODES)
def test_a_typed_error_raised_during_one_call_fails_that_call_only(sb: Sandbox, mode: str) -> None:
    """A ZohoError out of the exchange (an answer refused as too large, say) after the request may have gone out."""
    seen: list[int] = []

    class Refusing(httpx.BaseTransport, httpx.AsyncBaseTransport):
        def __init__(self) -> None:
            self.sync, self.async_ = sb.transport(), sb.async_transport()

        def _check(self, request: httpx.Request) -> None:
            if (
                request.url.path.endswith("/Leads")
                and json.loads(request.content)["data"][0]["Last_Name"] == "Lead 100"
            ):
                seen.append(1)
                raise InvalidResponseError("answer too large", status_code=200)

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            self._check(request)
            return self.sync.handle_request(request)  # type: ignore[union-attr]

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            self._check(request)
            return await self.async_.handle_async_request(request)  # type: ignore[union-attr]

    result = run(mode, sb, lambda crm: crm.records.insert("Leads", leads(300)), transport=Refusing())
    assert seen == [1]  # not repeated: an insert
    assert [o.ok for o in result] == [True] * 100 + [False] * 100 + [True] * 100
    assert all(isinstance(f.error, InvalidResponseError) and f.uncertain for f in result.failed)
