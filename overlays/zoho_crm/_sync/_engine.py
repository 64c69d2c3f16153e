# GENERATED from overlays/zoho_crm/_async/_engine.py by generator/make_sync.py (unasync): do not edit.
"""The engine's send loop: one generated operation sent with retries, within its deadline and answer cap.

What sync and async share (settings, deadlines, retry decisions, error mapping) is ``zoho_crm._engine``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from .._engine import (
    Adjust,
    CappedBody,
    EngineCore,
    Interrupted,
    Timeout,
    attempt_ended,
    check_stop,
    client_closed,
    deadline_passed,
    repeated,
    unsent,
    within,
)
from ..retries import RetryPolicy

__all__ = ["SyncEngine", "read_capped"]


def _body_sent_trace(on_sent: Callable[[], None]) -> Callable[[str, dict[str, Any]], Any]:
    """An httpcore ``trace`` extension calling ``on_sent`` each time the request's body has been written."""

    def trace(event: str, info: dict[str, Any]) -> None:
        if event.endswith(".send_request_body.complete"):  # http11.… or http2.…
            on_sent()

    return trace


def read_capped(
    response: httpx.Response, limit: int, deadline: float | None = None, clock: Callable[[], float] = time.monotonic
) -> None:
    """Read a streamed answer in full: at most ``limit`` bytes, and (with ``deadline``) checked between chunks."""
    body = CappedBody(response, limit)
    if body.in_memory():
        return
    for raw in response.iter_raw():
        body.feed(raw)
        if deadline is not None and clock() > deadline:
            raise deadline_passed(response.request)
    body.done()


class SyncEngine(EngineCore):
    """Sends operations with an ``httpx.Client``."""

    def __init__(self, http: httpx.Client, retry: RetryPolicy, **kw: Any) -> None:
        super().__init__(retry, **kw)
        self.http = http

    def send(
        self,
        op: str,
        params: dict[str, Any],
        *,
        idempotent: bool,
        timeout: Timeout = None,
        read: bool = True,
        on_sent: Callable[[], None] | None = None,
        adjust: Adjust = None,
        until: float | None = None,
    ) -> httpx.Response:
        """Send with retries; return the final answer (any status) or raise a transport error.

        ``until`` (on the engine's clock): no retry waits past it (a bounded wait's reads), though an
        attempt keeps its whole timeout.

        ``on_sent`` is called whenever the request has gone out in full (once per attempt), as httpcore's
        transport reports it; a transport that reports nothing (an in-process one) never calls it.
        """
        self.check_thread()
        request, phases, total = self._prepare(op, params, timeout, self.http, adjust)
        if on_sent is not None:
            request.extensions["trace"] = _body_sent_trace(on_sent)
        attempt, budget_end, applied = 0, self._budget_end(self.clock(), total), False
        retry_end = budget_end if until is None else min(budget_end, until)
        while True:
            attempt += 1
            self._count("calls")
            deadline = self._attempt_deadline(request, phases, total, budget_end)
            failure: httpx.TransportError | None = None
            try:
                check_stop()
                with within(deadline, self.clock):
                    response = self._exchange(request, deadline)
            except httpx.TransportError as exc:
                failure = exc
            except TimeoutError:
                failure = attempt_ended(request)
            except RuntimeError as exc:
                raise client_closed(exc, self.http, applied) from None
            except Interrupted:
                raise unsent("the batch was interrupted", applied) from None
            if failure is not None:  # handled outside the except block: no __context__ holding the request
                self._sleep(self._retry_failure(failure, request, attempt, idempotent, retry_end, applied))
                applied = applied or not RetryPolicy.never_sent(failure)
                continue
            delay = self._retry_answer(request, response, attempt, idempotent, read, retry_end)
            if delay is None:
                return repeated(response) if applied else response
            applied = applied or response.status_code != 429
            self._sleep(delay)

    def _exchange(self, request: httpx.Request, deadline: float) -> httpx.Response:
        """One attempt: the answer read in full, within ``deadline`` and ``max_answer_bytes``."""
        response = self.http.send(request, stream=True)
        try:
            read_capped(response, self.max_answer_bytes, deadline, self.clock)
        finally:
            response.close()
        return response
