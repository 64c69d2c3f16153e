"""An interrupt (Ctrl-C) or a cancellation stops a batch: no call goes out after it, and every item still
gets one outcome, carried by the raised exception as ``exc.result``.

Sync calls cannot be cancelled, so they end: a call waiting for its token, or in its retry's backoff,
when the interrupt comes sends nothing more (``not sent: the batch was interrupted``). Async calls in
flight are cancelled: they may have been applied (``INTERRUPTED``, uncertain). Calls never started are
``NOT_SENT``.
"""

from __future__ import annotations

import _thread
import asyncio
import inspect
import json
import signal
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import zoho_crm
import zoho_crm._sync._run as sync_run
from tests.client.conftest import client_kwargs
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, BatchResult, Failure, Success, ZohoCRM
from zoho_crm.testing import Sandbox

GOOD_ID = "3652397000000624046"


def records(n: int) -> list[dict[str, Any]]:
    return [{"id": str(10**18 + i), "Last_Name": f"Lead {i}"} for i in range(n)]


def first_index(request: httpx.Request) -> int:
    return int(json.loads(request.content)["data"][0]["Last_Name"].split()[1])


def ok(request: httpx.Request) -> httpx.Response:
    sent = json.loads(request.content)["data"]
    items = [{"code": "SUCCESS", "details": {"id": r["id"]}, "status": "success", "message": "ok"} for r in sent]
    return httpx.Response(200, json={"data": items})


def assert_one_outcome_each(result: BatchResult, n: int) -> None:
    assert [o.index for o in result] == list(range(n))


SLOW_RETRY = zoho_crm.RetryPolicy(max_attempts=3, initial_backoff=30, max_backoff=30, max_elapsed=120)


def chunk_1_retries(attempts: Counter[int]) -> Callable[[httpx.Request], httpx.Response]:
    """Chunk 1 (items 100-199) is answered 500 and so waits for its retry; the others are answered once it is."""
    failed_once = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        start = first_index(request)
        attempts[start] += 1
        if start == 100:
            failed_once.set()
            return httpx.Response(
                500, json={"code": "INTERNAL_ERROR", "status": "error", "message": "x", "details": {}}
            )
        assert failed_once.wait(30)
        return ok(request)

    return handler


def scripted(handler: Callable[[httpx.Request], httpx.Response], retry: Any = None) -> ZohoCRM:
    kw = {"retry": retry} if retry is not None else {}
    return ZohoCRM(
        AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", transport=httpx.MockTransport(handler), **kw
    )


def test_an_interrupt_ends_a_retry_wait_and_the_retry_never_goes_out() -> None:
    """Chunk 1 is answered 500 and waits 30 s to retry; Ctrl-C comes (from on_progress): it is not retried."""
    attempts: Counter[int] = Counter()

    def progress(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with scripted(chunk_1_retries(attempts), SLOW_RETRY) as crm, pytest.raises(KeyboardInterrupt) as raised:
        crm.records.update("Leads", records(300), concurrency=2, on_progress=progress)
    assert attempts[100] == 1, "the retry went out after the interrupt"
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 300)
    assert all(isinstance(o, Success) for o in result[:100])
    cut = [o for o in result[100:200] if isinstance(o, Failure)]
    assert len(cut) == 100
    assert all("the batch was interrupted" in f.message for f in cut)
    assert {o.code for o in result[200:] if isinstance(o, Failure)} <= {"NOT_SENT"}


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The sync batches' runs (their ``interrupt`` event is set once the batch's thread took a Ctrl-C)."""
    made: list[Any] = []

    class Seen(sync_run.Run):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            made.append(self)

    monkeypatch.setattr(sync_run, "Run", Seen)
    return made


def test_a_call_whose_token_comes_after_the_interrupt_is_never_sent(sb: Sandbox, runs: list[Any]) -> None:
    """Ctrl-C while every call of a sync batch waits for the token: the token comes after, nothing is sent."""
    inner, main = sb.transport(), threading.main_thread().ident
    assert main is not None

    class SlowTokens(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if "/oauth/" in request.url.path:
                signal.pthread_kill(main, signal.SIGINT)  # Ctrl-C while the lanes wait for this token
                assert runs[0].interrupt.wait(30)
            return inner.handle_request(request)

    with ZohoCRM(sb.credentials, transport=SlowTokens(), **client_kwargs(sb)) as crm, pytest.raises(
        KeyboardInterrupt
    ) as raised:  # fmt: skip
        crm.records.insert("Leads", [{"Last_Name": f"L{i}"} for i in range(500)], concurrency=3)
    assert sb.counters.requests.get("insert_records", 0) == 0
    assert sb.records("Leads") == []
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 500)
    assert all(isinstance(o, Failure) and not o.uncertain for o in result), Counter((o.code, o.message) for o in result)
    codes = Counter(o.code for o in result)
    assert set(codes) <= {"NOT_SENT", "APIConnectionError"}


def test_a_ctrl_c_that_came_before_the_wait_for_answers_began_is_handled_without_an_answer(
    sb: Sandbox, runs: list[Any]
) -> None:
    """``_thread.interrupt_main`` trips the interrupt flag alone, as a SIGINT does that lands just before
    the batch's thread begins to wait: that wait is not woken by it, only by the next answer."""
    inner, handled = sb.transport(), []

    class Interrupting(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if "/crm/" in request.url.path and not handled:
                _thread.interrupt_main()
                handled.append(runs[0].interrupt.wait(10))  # no answer comes until the interrupt is handled
            return inner.handle_request(request)

    with ZohoCRM(sb.credentials, transport=Interrupting(), **client_kwargs(sb)) as crm, pytest.raises(
        KeyboardInterrupt
    ) as raised:  # fmt: skip
        crm.records.insert("Leads", records(300), concurrency=1)
    assert handled == [True], "the Ctrl-C waited for the next answer"
    assert_one_outcome_each(raised.value.result, 300)  # type: ignore[attr-defined]


def test_a_cancelled_async_batch_carries_every_outcome() -> None:
    """Cancelled once chunk 0 is read: the calls in flight may have been applied, the rest never went out."""
    hold = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        if first_index(request) != 0:
            await hold.wait()  # in flight until cancelled
        return ok(request)

    async def main() -> BaseException:
        read = asyncio.Event()
        async with AsyncZohoCRM(
            AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", transport=httpx.MockTransport(handler)
        ) as crm:
            task = asyncio.ensure_future(
                crm.records.update("Leads", records(1000), concurrency=3, on_progress=lambda d, t: read.set())
            )
            await read.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError) as raised:
                await task
            return raised.value

    cancelled = asyncio.run(main())
    result: BatchResult = cancelled.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 1000)
    assert all(isinstance(o, Success) for o in result[:100])
    in_flight = [o for o in result if isinstance(o, Failure) and o.code == "INTERRUPTED"]
    assert in_flight
    assert all(f.uncertain for f in in_flight)
    assert len(in_flight) % 100 == 0
    assert len(in_flight) <= 300
    never = [o for o in result if isinstance(o, Failure) and o.code == "NOT_SENT"]
    assert len(never) == 900 - len(in_flight)
    assert not any(f.uncertain for f in never)


def test_an_exit_in_a_call_is_raised_even_after_a_bug_stopped_the_batch() -> None:
    """on_progress raises (a bug: BatchError) and then a call in flight raises SystemExit: the exit wins."""
    bug_seen = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        if first_index(request) == 100:
            assert bug_seen.wait(30)
            raise SystemExit(3)
        return ok(request)

    def progress(done: int, total: int) -> None:
        bug_seen.set()
        raise ValueError("a bug in the caller's callback")

    with scripted(handler) as crm, pytest.raises(SystemExit) as raised:
        crm.records.update("Leads", records(300), concurrency=2, on_progress=progress)
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 300)
    assert all(isinstance(o, Success) for o in result[:100])


def test_an_interrupt_while_a_stopped_batch_waits_for_its_calls_stops_their_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """on_progress raises (a bug), and Ctrl-C comes while the batch waits for a call in its retry's backoff."""
    attempts: Counter[int] = Counter()
    main = threading.main_thread().ident
    assert main is not None

    class InterruptedWhileClosing(sync_run.SyncLanes):  # type: ignore[misc]
        closing = 0

        def close(self) -> None:
            InterruptedWhileClosing.closing += 1
            if InterruptedWhileClosing.closing == 1:
                signal.pthread_kill(main, signal.SIGINT)  # Ctrl-C as the wait begins
            super().close()

    monkeypatch.setattr(sync_run, "SyncLanes", InterruptedWhileClosing)

    def progress(done: int, total: int) -> None:
        raise ValueError("a bug in the caller's callback")

    with scripted(chunk_1_retries(attempts), SLOW_RETRY) as crm, pytest.raises(KeyboardInterrupt) as raised:
        crm.records.update("Leads", records(200), concurrency=2, on_progress=progress)
    assert attempts[100] == 1, "the retry went out after the interrupt"
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 200)


def test_an_interrupt_just_after_an_unreadable_answer_is_handed_back_gives_one_outcome_each() -> None:
    """Ctrl-C between handing a chunk back to be asked again and forgetting it (a signal may land anywhere)."""
    source, first = inspect.getsourcelines(sync_run.run_sync)
    line = next(first + i for i, text in enumerate(source) if "todo.append((start, items, finish))" in text) + 1
    calls: Counter[str] = Counter()

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        return httpx.Response(200, content=b"") if calls["n"] == 1 else ok(request)  # unreadable, then fine

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        if frame.f_code is not sync_run.run_sync.__code__:
            return None

        def local(frame: Any, event: str, arg: Any) -> Any:
            if event == "line" and frame.f_lineno == line:
                sys.settrace(None)
                raise KeyboardInterrupt  # delivered right there
            return local

        return local

    with scripted(handler) as crm:
        sys.settrace(tracer)
        try:
            with pytest.raises(KeyboardInterrupt) as raised:
                crm.records.update("Leads", records(100), concurrency=1)
        finally:
            sys.settrace(None)
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 100)


def test_an_interrupt_in_an_async_batch_cancels_a_call_waiting_for_its_retry() -> None:
    """KeyboardInterrupt from on_progress: the call in its backoff is cancelled, not waited for."""
    attempts: Counter[int] = Counter()

    async def main() -> BaseException:
        failed = asyncio.Event()

        async def handler(request: httpx.Request) -> httpx.Response:
            start = first_index(request)
            attempts[start] += 1
            if start == 100:
                failed.set()
                body = {"code": "INTERNAL_ERROR", "status": "error", "message": "x", "details": {}}
                return httpx.Response(500, headers={"Retry-After": "2"}, json=body)
            await failed.wait()
            return ok(request)

        def progress(done: int, total: int) -> None:
            raise KeyboardInterrupt

        retry = zoho_crm.RetryPolicy(max_attempts=3, initial_backoff=2, max_backoff=2, max_elapsed=60)
        async with AsyncZohoCRM(
            AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", transport=httpx.MockTransport(handler),
            retry=retry,
        ) as crm:  # fmt: skip
            with pytest.raises(KeyboardInterrupt) as raised:
                await crm.records.update("Leads", records(200), concurrency=2, on_progress=progress)
            return raised.value

    stopped = asyncio.run(main())
    assert attempts[100] == 1
    result: BatchResult = stopped.result  # type: ignore[attr-defined]
    assert_one_outcome_each(result, 200)
    waiting = result[100:]
    assert all(isinstance(o, Failure) and o.code == "INTERRUPTED" and o.uncertain for o in waiting), waiting[0]


def test_an_interrupted_sync_stream_carries_the_outcomes_it_had_not_yielded() -> None:
    """Ctrl-C from the records' own generator after 1,000: what was yielded and ``exc.result`` cover them all."""

    def source() -> Iterator[dict[str, Any]]:
        yield from records(1_000)
        raise KeyboardInterrupt

    yielded: list[Any] = []

    def consume(crm: ZohoCRM) -> None:
        for outcome in crm.records.update_stream("Leads", source(), concurrency=3):
            yielded.append(outcome)

    with scripted(ok) as crm, pytest.raises(KeyboardInterrupt) as raised:
        consume(crm)
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    assert result, "the records read and not yielded are carried"
    assert sorted(o.index for o in [*yielded, *result]) == list(range(1_000))
    assert {o.code for o in result if isinstance(o, Failure)} <= {"NOT_SENT"}  # nothing sent after the interrupt
    assert all(isinstance(o, Success) for o in yielded)


def test_a_cancelled_async_stream_carries_the_outcomes_it_had_not_yielded() -> None:
    """Cancelled while its calls are held: those begun may have been applied, the others were never sent."""
    hold = asyncio.Event()

    async def handler(request: httpx.Request) -> httpx.Response:
        if first_index(request) != 0:
            await hold.wait()
        return ok(request)

    async def main() -> tuple[list[Any], BaseException]:
        yielded: list[Any] = []
        first = asyncio.Event()
        async with AsyncZohoCRM(
            AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", transport=httpx.MockTransport(handler)
        ) as crm:

            async def consume() -> None:
                async for outcome in crm.records.update_stream("Leads", records(1_000), concurrency=3):
                    yielded.append(outcome)
                    first.set()

            task = asyncio.ensure_future(consume())
            await first.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError) as raised:
                await task
            return yielded, raised.value

    yielded, cancelled = asyncio.run(main())
    result: BatchResult = cancelled.result  # type: ignore[attr-defined]
    assert {o.index for o in yielded} <= set(range(100))
    codes = Counter(o.code for o in result if isinstance(o, Failure))
    assert codes["INTERRUPTED"] % 100 == 0
    assert 0 < codes["INTERRUPTED"] <= 300
    assert all(o.uncertain for o in result if isinstance(o, Failure) and o.code == "INTERRUPTED")
    assert len({o.index for o in [*yielded, *result]}) == len(yielded) + len(result)
