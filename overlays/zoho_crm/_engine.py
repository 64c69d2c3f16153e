"""Sending one generated operation: build its request, retry what is safe, map failures to typed errors.

The generated endpoint modules build every request (``_get_kwargs``); this layer only adds what
a generator cannot: retries, per-call timeouts, and reading error answers leniently.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from ._json import EncodedJSON, encode, loads
from ._logging import logger
from .errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    InvalidResponseError,
    ZohoValidationError,
    error_class,
)
from .retries import RetryPolicy

Timeout = float | httpx.Timeout | None


@functools.cache
def operation(name: str) -> tuple[Callable[..., dict[str, Any]], frozenset[str]]:
    """A generated operation (``"records.get_records"``): its request builder and the arguments it takes.

    Imported on first use, once.
    """
    module = importlib.import_module(f"zoho_crm_api.api.{name}")
    build: Callable[..., dict[str, Any]] = module._get_kwargs
    return build, frozenset(inspect.signature(build).parameters)


Adjust = Callable[[dict[str, Any]], None] | None
"""Edits the built request arguments (``method``, ``url``, ``params``, ``headers``, ``json``) in place."""


def _request(
    http: httpx.Client | httpx.AsyncClient, op: str, params: dict[str, Any], timeout: Timeout, adjust: Adjust = None
) -> httpx.Request:
    build, accepted = operation(op)
    unknown = set(params) - accepted
    if unknown:
        names = ", ".join(sorted(n.removeprefix("x_").removesuffix("_") for n in unknown))
        raise ZohoValidationError(f"{op.rsplit('.', 1)[-1]} does not take: {names}")
    kwargs = build(**params)
    if adjust is not None:  # the escape hatches of generated resources (extra headers, query, body)
        adjust(kwargs)
    if "json" in kwargs:  # our encoding: typed errors, and bulk bodies already encoded when planned
        payload = kwargs.pop("json")
        kwargs["content"] = (payload if isinstance(payload, EncodedJSON) else encode(payload)).content
    if timeout is not None:
        kwargs["timeout"] = timeout
    return http.build_request(**kwargs)


def transport_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    """The typed error for a failed exchange (no token in it: only method and URL)."""
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    error = cls(f"{type(exc).__name__}: {exc or 'connection failed'}", method=request.method, url=str(request.url))
    error.never_sent = RetryPolicy.never_sent(exc)
    return error


def api_error(response: httpx.Response) -> APIError:
    """The typed error for an error answer, chosen by status family (and Zoho's code when there is one).

    A body that is not Zoho's envelope (an HTML gateway page, plain text) still gives the family's
    error, with the start of the body in the message.
    """
    request = response.request
    where: dict[str, Any] = {"method": request.method, "url": str(request.url), "status_code": response.status_code}
    try:
        body = loads(response.content)
    except ValueError:
        snippet = response.content[:120].decode("utf-8", "replace")
        return error_class(response.status_code, None)(f"answer is not JSON: {snippet!r}", **where)
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        shown = str(body)[:120]
        return error_class(response.status_code, None)(f"answer is not a Zoho error envelope: {shown!r}", **where)
    code = body["code"]
    details = body.get("details") if isinstance(body.get("details"), dict) else {}
    return error_class(response.status_code, code)(str(body.get("message", "")), code=code, details=details, **where)


_PARSED = "_zoho_crm_json"


def _asyncio() -> Any:
    """asyncio, imported when the async client first needs it (sync users never pay for it)."""
    import asyncio

    return asyncio


def _parse_success(response: httpx.Response) -> bool:
    """Parse a 2xx body once and keep it on the response; ``False`` when it is not JSON (truncated)."""
    if not 200 <= response.status_code < 300 or not response.content:
        return True
    try:
        setattr(response, _PARSED, loads(response.content))
    except ValueError:
        return False
    return True


def read_json(response: httpx.Response) -> Any:
    """The JSON body of a successful answer, or a typed error when it is unreadable."""
    if _PARSED in response.__dict__:
        return response.__dict__.pop(_PARSED)  # read once: do not keep a page alive with its response
    try:
        return loads(response.content)
    except ValueError:
        raise InvalidResponseError(
            f"HTTP {response.status_code} answer is not JSON (truncated or an error page)",
            status_code=response.status_code,
            method=response.request.method,
            url=str(response.request.url),
        ) from None


class _EngineBase:
    def __init__(self, retry: RetryPolicy, clock: Callable[[], float] = time.monotonic) -> None:
        self.retry = retry
        self.clock = clock
        self.stats: Counter[str] = Counter()
        self._stats_lock = threading.Lock()
        self._rng = random.Random()  # noqa: S311 - jitter only

    def _count(self, key: str) -> None:
        with self._stats_lock:
            self.stats[key] += 1

    def _wait(self, attempt: int, started: float, retry_after: str | None) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` when the budget is spent."""
        if attempt >= self.retry.max_attempts:
            return None
        delay = self.retry.backoff(attempt, retry_after, self._rng)
        if self.clock() - started + delay > self.retry.max_elapsed:
            return None
        return delay

    def _retry_failure(
        self, exc: httpx.TransportError, request: httpx.Request, attempt: int, started: float, idempotent: bool
    ) -> float:
        """Seconds to wait before retrying a failed exchange; raises its typed error when it may not be retried."""
        self._log(request, None, attempt)
        delay = self._wait(attempt, started, None)
        if delay is None or not self.retry.retry_exception(exc, idempotent=idempotent):
            raise transport_error(exc, request) from exc
        self._count(f"retry:{type(exc).__name__}")
        return delay

    def _retry_answer(
        self,
        request: httpx.Request,
        response: httpx.Response,
        attempt: int,
        started: float,
        idempotent: bool,
        read: bool,
    ) -> float | None:
        """Seconds to wait before asking again for this answer, or ``None`` to return it.

        With ``read``, a 2xx body is parsed here (kept on the response), and asked for again when it
        is unreadable and the call safe to repeat; without, the caller reads it.
        """
        self._log(request, response, attempt)
        if read and not _parse_success(response) and idempotent:
            delay = self._wait(attempt, started, None)
            if delay is not None:  # a truncated answer to a safe call: ask again
                self._count("retry:unreadable")
                return delay
        if self.retry.retry_status(response.status_code, idempotent=idempotent):
            delay = self._wait(attempt, started, response.headers.get("Retry-After"))
            if delay is not None:
                self._count(f"retry:{response.status_code}")
                return delay
        return None

    def _log(self, request: httpx.Request, response: httpx.Response | None, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            status = response.status_code if response is not None else "failed"
            logger.debug("zoho_crm: %s %s -> %s (attempt %d)", request.method, request.url, status, attempt)


class SyncEngine(_EngineBase):
    """Sends operations with an ``httpx.Client``."""

    def __init__(
        self, http: httpx.Client, retry: RetryPolicy, sleep: Callable[[float], None] = time.sleep, **kw: Any
    ) -> None:
        super().__init__(retry, **kw)
        self.http = http
        self.sleep = sleep

    def send(
        self,
        op: str,
        params: dict[str, Any],
        *,
        idempotent: bool,
        timeout: Timeout = None,
        read: bool = True,
        adjust: Adjust = None,
    ) -> httpx.Response:
        """Send with retries; return the final answer (any status) or raise a transport error."""
        request = _request(self.http, op, params, timeout, adjust)
        started, attempt = self.clock(), 0
        while True:
            attempt += 1
            self._count("calls")
            try:
                response = self.http.send(request)
            except httpx.TransportError as exc:
                self.sleep(self._retry_failure(exc, request, attempt, started, idempotent))
                continue
            delay = self._retry_answer(request, response, attempt, started, idempotent, read)
            if delay is None:
                return response
            self.sleep(delay)


def _body_sent_trace(on_sent: Callable[[], None]) -> Callable[[str, dict[str, Any]], Awaitable[None]]:
    """An httpcore ``trace`` extension calling ``on_sent`` each time the request's body has been written."""

    async def trace(event: str, info: dict[str, Any]) -> None:
        if event.endswith(".send_request_body.complete"):  # http11.… or http2.…
            on_sent()

    return trace


class AsyncEngine(_EngineBase):
    """Sends operations with an ``httpx.AsyncClient``."""

    def __init__(self, http: httpx.AsyncClient, retry: RetryPolicy, **kw: Any) -> None:
        super().__init__(retry, **kw)
        self.http = http

    async def send(
        self,
        op: str,
        params: dict[str, Any],
        *,
        idempotent: bool,
        timeout: Timeout = None,
        read: bool = True,
        on_sent: Callable[[], None] | None = None,
        adjust: Adjust = None,
    ) -> httpx.Response:
        """Send with retries; return the final answer (any status) or raise a transport error.

        ``on_sent`` is called whenever the request has gone out in full (once per attempt), as httpcore's
        transport reports it; a transport that reports nothing (an in-process one) never calls it.
        """
        request = _request(self.http, op, params, timeout, adjust)
        if on_sent is not None:
            request.extensions["trace"] = _body_sent_trace(on_sent)
        started, attempt = self.clock(), 0
        while True:
            attempt += 1
            self._count("calls")
            try:
                response = await self.http.send(request)
            except httpx.TransportError as exc:
                await _asyncio().sleep(self._retry_failure(exc, request, attempt, started, idempotent))
                continue
            delay = self._retry_answer(request, response, attempt, started, idempotent, read)
            if delay is None:
                return response
            await _asyncio().sleep(delay)
