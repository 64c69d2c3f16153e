"""Sending one generated operation: build its request, retry what is safe, map failures to typed errors.

The generated endpoint modules build every request (``_get_kwargs``); this layer only adds what a
generator cannot: retries, deadlines and bounded answers (docs/errors.md, "Every wait and every answer
bounded"), and reading error answers leniently. The send loop is ``_async/_engine.py`` (its sync twin
generated); what both share is here (:class:`EngineCore`). No error holds the access token: messages
and details are redacted, and an httpx failure is chained as a copy without its request (its headers).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib
import inspect
import random
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import anyio
import httpx

from ._fork import free_in_child, renewed_in_child
from ._json import EncodedJSON, encode, loads
from ._logging import logger
from ._validation import no_unknown
from ._validation import timeout as check_timeout
from .errors import (
    AnswerTooLargeError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    EventLoopError,
    InvalidResponseError,
    error_class,
    redact,
    redact_value,
)
from .retries import RetryPolicy

Timeout = float | httpx.Timeout | None

DEFAULT_MAX_ANSWER_BYTES = 64 * 2**20
"""The largest answer read by default: 64 MiB (a full page of 200 records with 50 long fields is a few MB)."""


def total_seconds(timeout: float | httpx.Timeout | None) -> float | None:
    """The deadline of one attempt: the number given, or the sum of an ``httpx.Timeout``'s connect, write and read."""
    if isinstance(timeout, httpx.Timeout):
        phases = (timeout.connect, timeout.write, timeout.read)
        return None if None in phases else sum(p for p in phases if p is not None)
    return None if timeout is None else float(timeout)


def _within(timeout: httpx.Timeout, left: float) -> dict[str, float]:
    """Per-phase timeouts (httpx's request extension) cut to the ``left`` seconds of the deadline."""
    left = max(left, 0.001)
    return {phase: left if value is None else min(value, left) for phase, value in timeout.as_dict().items()}


@functools.cache
def operation(name: str) -> tuple[Callable[..., dict[str, Any]], frozenset[str]]:
    """A generated operation (``"records.get_records"``), imported on first use: its builder and its arguments."""
    module = importlib.import_module(f"zoho_crm_api.api.{name}")
    build: Callable[..., dict[str, Any]] = module._get_kwargs
    return build, frozenset(inspect.signature(build).parameters)


Adjust = Callable[[dict[str, Any]], None] | None
"""Edits the built request arguments (``method``, ``url``, ``params``, ``headers``, ``json``) in place."""


def _request(
    http: httpx.Client | httpx.AsyncClient, op: str, params: dict[str, Any], adjust: Adjust = None
) -> httpx.Request:
    build, accepted = operation(op)
    no_unknown(op.rsplit(".", 1)[-1], [n.removeprefix("x_").removesuffix("_") for n in set(params) - accepted])
    kwargs = build(**params)
    if adjust is not None:  # the escape hatches of generated resources (extra headers, query, body)
        adjust(kwargs)
    if str(kwargs.get("headers", {}).get("Content-Type", "")).startswith("multipart/"):
        # httpx writes its own, with a random boundary (the builder's fixed "+++" may occur in a file)
        kwargs["headers"] = {k: v for k, v in kwargs["headers"].items() if k != "Content-Type"}
    if "json" in kwargs:  # our encoding: typed errors, and bulk bodies already encoded when planned
        payload = kwargs.pop("json")
        kwargs["content"] = (payload if isinstance(payload, EncodedJSON) else encode(payload)).content
    return http.build_request(**kwargs)


def secrets_of(request: httpx.Request) -> tuple[str, ...]:
    """The request's credentials (the ``Authorization`` value and its token), to redact from what Zoho echoes."""
    value = request.headers.get("authorization")
    return (value, value.rsplit(" ", 1)[-1]) if value else ()


def sanitized(exc: BaseException) -> BaseException | None:
    """A copy of an httpx failure without its request (whose headers hold the token), to chain as a cause."""
    try:
        return type(exc)(redact(str(exc)))
    except Exception:  # an exception type that cannot be rebuilt from a message: chain nothing
        return None


def transport_error(exc: httpx.TransportError, request: httpx.Request, applied: bool = False) -> APIConnectionError:
    """The typed error for a failed exchange (no token in it: only method and URL).

    ``applied``: an earlier attempt may have reached Zoho, so the call is not ``never_sent`` whatever
    this attempt's failure proves. Raise it outside the ``except`` block that caught ``exc`` and
    ``from sanitized(exc)``, so that neither ``__cause__`` nor ``__context__`` reaches the request.
    """
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    text = redact(f"{type(exc).__name__}: {exc or 'connection failed'}", *secrets_of(request))
    error = cls(text, method=request.method, url=str(request.url))
    error.never_sent = RetryPolicy.never_sent(exc) and not applied
    return error


def unsent(why: str, applied: bool) -> APIConnectionError:
    """A call stopped (``why``) before its next attempt: never sent, unless an earlier one may have been applied."""
    said = "an earlier attempt may have been applied" if applied else "not sent"
    error = APIConnectionError(f"{said}: {why}")
    error.never_sent = not applied
    return error


def client_closed(exc: RuntimeError, http: httpx.Client | httpx.AsyncClient, applied: bool) -> APIConnectionError:
    """The typed error for a request httpx refused because the client is closed; re-raises any other."""
    if not http.is_closed or "closed" not in str(exc):
        raise exc
    return unsent("the client is closed", applied)


def api_error(response: httpx.Response) -> APIError:
    """The typed error for an error answer, chosen by status family (and Zoho's code when there is one).

    A bulk write none of whose items succeeded gives its first item's error. A body that is not Zoho's
    envelope (an HTML gateway page, plain text) still gives the family's error, with the start of the
    body in the message.
    """
    try:
        body = loads(response.content)
    except ValueError:
        snippet = _snippet(response.content[:SNIPPET_READ].decode("utf-8", "replace"), response.request)
        return _error(response, None, f"answer is not JSON: {snippet!r}", None)
    items = body.get("data") if isinstance(body, dict) else None
    if isinstance(items, list) and items and isinstance(items[0], dict) and isinstance(items[0].get("code"), str):
        body = {**items[0], "message": f"data[0] of {len(items)}: {items[0].get('message', '')}"}  # every item failed
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        snippet = _snippet(str(body)[:SNIPPET_READ], response.request)
        return _error(response, None, f"answer is not a Zoho error envelope: {snippet!r}", None)
    return _envelope_error(response, body)


SNIPPET_READ = 4096
"""Characters of an unexpected answer redacted for a message, of which 120 are shown."""


def _snippet(text: str, request: httpx.Request) -> str:
    """The start of an answer for a message, redacted before it is cut (a cut token would not be found)."""
    return redact(text, *secrets_of(request))[:120]


def _error(response: httpx.Response, code: str | None, message: str, details: Any) -> APIError:
    """An error answer's typed error, with whatever Zoho echoed of the request's credentials redacted."""
    request, secrets = response.request, secrets_of(response.request)
    return error_class(response.status_code, code)(
        redact(message, *secrets),
        code=None if code is None else redact(code, *secrets),
        details=redact_value(details, secrets) if details else None,
        method=request.method,
        url=str(request.url),
        status_code=response.status_code,
    )


def _envelope_error(response: httpx.Response, body: dict[str, Any]) -> APIError:
    """The typed error of Zoho's error envelope ``{"code", "message", "details", "status": "error"}``."""
    details = body.get("details") if isinstance(body.get("details"), dict) else {}
    return _error(response, body["code"], str(body.get("message", "")), details)


_REPEATED = "zoho_crm_repeated"


def repeated(response: httpx.Response) -> httpx.Response:
    """Mark an answer to a request sent again after an attempt that Zoho may have applied."""
    response.extensions[_REPEATED] = True
    return response


def was_repeated(response: httpx.Response) -> bool:
    """Whether an earlier attempt of the request this answers may have been applied (its refusals may be ours)."""
    return bool(response.extensions.get(_REPEATED))


_PARSED = "_zoho_crm_json"
_UNREADABLE = object()


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
    """The JSON body of a successful answer, or a typed error when it is unreadable.

    Zoho's error envelope answered with a 2xx raises the typed error of its code, as a 4xx would.
    """
    if _PARSED in response.__dict__:
        body = response.__dict__.pop(_PARSED)  # read once: do not keep a page alive with its response
    else:
        try:
            body = loads(response.content)
        except ValueError:  # raised below: its __context__ would hold the body
            body = _UNREADABLE
        if body is _UNREADABLE:
            raise unreadable(response, f"HTTP {response.status_code} answer is not JSON (truncated or an error page)")
    if (  # Zoho's error envelope for the whole call
        isinstance(body, dict)
        and body.get("status") == "error"
        and isinstance(body.get("code"), str)
        and "data" not in body
    ):
        raise _envelope_error(response, body)
    return body


def unreadable(
    response: httpx.Response, why: str, cls: type[InvalidResponseError] = InvalidResponseError
) -> InvalidResponseError:
    """The error of an answer that cannot be read (``cls``), naming its status and request."""
    request = response.request
    return cls(why, status_code=response.status_code, method=request.method, url=str(request.url))


def _too_large(response: httpx.Response, limit: int, seen: str) -> InvalidResponseError:
    why = f"answer larger than max_answer_bytes={limit} ({seen}); the rest was not read"
    return unreadable(response, why, AnswerTooLargeError)


ACCEPT_ENCODING = "gzip, deflate"
"""What the client accepts: the encodings :class:`CappedBody` decodes within ``max_answer_bytes``."""


class CappedBody:
    """An answer's body decoded as it arrives, never more than ``limit`` bytes in memory (a gzip bomb included).

    httpx would inflate each network chunk in full before the cap could be checked (a 64 KiB chunk of
    gzip inflates to 64 MiB): this decoder is zlib with ``max_length``. Another encoding, or several,
    is an :class:`~zoho_crm.errors.InvalidResponseError` (the client asks for gzip or deflate only).
    """

    def __init__(self, response: httpx.Response, limit: int) -> None:
        self.response, self.limit = response, limit
        length = response.headers.get("content-length", "")
        if length.isascii() and length.isdigit() and int(length) > limit:
            raise _too_large(response, limit, f"Content-Length: {length}")
        codings = [c.strip().lower() for c in response.headers.get("content-encoding", "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise unreadable(
                response, f"Content-Encoding {response.headers['content-encoding']!r} is not gzip or deflate"
            )
        self._wbits = None if not codings else 16 + zlib.MAX_WBITS if "gzip" in codings[0] else zlib.MAX_WBITS
        self._inflate = None if self._wbits is None else zlib.decompressobj(self._wbits)
        self.chunks: list[bytes] = []
        self.size = 0

    def in_memory(self) -> bool:
        """Whether the body was read already (an in-process transport's answer): then only its size is checked."""
        if not hasattr(self.response, "_content"):
            return False
        self._keep(self.response.content)
        return True

    def _corrupt(self, exc: Exception) -> InvalidResponseError:
        return unreadable(
            self.response, f"the answer is not valid {self.response.headers.get('content-encoding')}: {exc}"
        )

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise _too_large(self.response, self.limit, f"over {self.size} bytes read")
        if data:
            self.chunks.append(data)

    def feed(self, raw: bytes) -> None:
        """Take the next raw bytes of the body."""
        if self._inflate is None:
            self._keep(raw)
            return
        try:
            while raw:
                self._keep(self._inflate.decompress(raw, self.limit - self.size + 1))
                raw = self._inflate.unconsumed_tail
        except zlib.error as exc:
            if self._wbits != zlib.MAX_WBITS or self.size or self.chunks:
                raise self._corrupt(exc) from None
            self._wbits = -zlib.MAX_WBITS  # deflate sent raw, without its zlib header (as httpx accepts)
            self._inflate = zlib.decompressobj(self._wbits)
            self.feed(raw)

    def done(self) -> None:
        """The body is in: keep it as the response's content (as ``response.read()`` would)."""
        if self._inflate is not None:
            try:
                self._keep(self._inflate.flush())
            except zlib.error as exc:
                raise self._corrupt(exc) from None
        self.response._content = b"".join(self.chunks)


ATTEMPT_DEADLINE: contextvars.ContextVar[tuple[float, Callable[[], float]] | None] = contextvars.ContextVar(
    "zoho_crm_attempt_deadline", default=None
)
"""The running sync attempt's deadline and clock, for its socket waits (``_sync_deadline``)."""


@contextlib.contextmanager
def within(deadline: float, clock: Callable[[], float]) -> Iterator[None]:
    """Socket waits of this thread's requests end by ``deadline`` (on ``clock``)."""
    token = ATTEMPT_DEADLINE.set((deadline, clock))
    try:
        yield
    finally:
        ATTEMPT_DEADLINE.reset(token)


def deadline_of() -> tuple[float | None, Callable[[], float]]:
    """The running sync attempt's deadline and clock, for reads outside the engine (a 401's body, in the auth flow).

    None in async code: an async attempt is cancelled at its deadline instead (:func:`cancel_at`).
    """
    return ATTEMPT_DEADLINE.get() or (None, time.monotonic)


def cancel_at(deadline: float, clock: Callable[[], float]) -> AbstractContextManager[object]:
    """An async attempt cancelled at ``deadline`` on ``clock`` (``TimeoutError``); its sync twin is :func:`within`.

    A sync attempt is not cancelled: its deadline cuts each socket wait instead (``_sync_deadline``).
    """
    return anyio.fail_after(max(deadline - clock(), 0.0))


def sync_transport(given: httpx.BaseTransport | None, *, verify: bool, limits: httpx.Limits) -> httpx.BaseTransport:
    """A sync transport: the one given, else httpx's with its socket waits cut at the attempt's deadline."""
    if given is not None:
        return given
    from ._sync_deadline import deadline_transport  # with the first sync client, as httpx loads httpcore

    return deadline_transport(verify=verify, limits=limits)


SIGNED = "zoho_crm_signed"
"""Set on a request (``request.extensions``) once the auth flow has its token: from then on it may go out."""

STOP: contextvars.ContextVar[threading.Event | None] = contextvars.ContextVar("zoho_crm_stop", default=None)
"""Set by a batch's or stream's lane for its calls: once the event is set (an interrupt, a cancellation),
no further attempt of theirs goes out, not even one whose token arrives afterwards."""


class Interrupted(Exception):
    """Raised by the auth flow for a request whose batch was interrupted while it waited for its token."""


def check_stop() -> None:
    """Raise :class:`Interrupted` when the calling lane's batch or stream has been interrupted."""
    stop = STOP.get()
    if stop is not None and stop.is_set():
        raise Interrupted


def deadline_passed(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the answer did not arrive in full within the timeout", request=request)


def attempt_ended(request: httpx.Request) -> httpx.TimeoutException:
    """The failure of an attempt ended at its deadline: never sent when its token was not even ready."""
    if not request.extensions.get(SIGNED):
        return httpx.PoolTimeout("the access token was not ready within the timeout; not sent", request=request)
    return deadline_passed(request)


class EngineCore:
    """What the sync and async engines share (``_async/_engine.py``): settings, deadlines, retry decisions."""

    def __init__(
        self,
        retry: RetryPolicy,
        *,
        timeout: httpx.Timeout | None = None,
        deadline: float | None = 30.0,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        self.retry = retry
        self.clock = time.monotonic  # both replaced by tests
        self.sleep = time.sleep
        self.timeout = timeout or httpx.Timeout(30.0, connect=10.0)
        self.deadline = deadline
        self.max_answer_bytes = max_answer_bytes
        self.stats: Counter[str] = Counter()
        self._stats_lock = free_in_child()  # shared with with_options' copies
        self._rng = renewed_in_child(random.Random(), random.Random.seed)  # noqa: S311 - jitter only
        self._loop: list[object | None] = [None]  # one binding, shared with with_options' copies

    def _count(self, key: str) -> None:
        with self._stats_lock:
            self.stats[key] += 1

    def _prepare(
        self,
        op: str,
        params: dict[str, Any],
        timeout: Timeout,
        http: httpx.Client | httpx.AsyncClient,
        adjust: Adjust = None,
    ) -> tuple[httpx.Request, httpx.Timeout, float | None]:
        """The request, its per-phase timeouts, and the seconds one attempt may take in all."""
        request = _request(http, op, params, adjust)
        if timeout is None:
            return request, self.timeout, self.deadline
        check_timeout(timeout)
        phases = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        return request, phases, total_seconds(timeout)

    def _attempt_deadline(
        self, request: httpx.Request, phases: httpx.Timeout, total: float | None, budget_end: float
    ) -> float:
        """Start an attempt: its deadline (the earlier of its timeout and the budget), set on the request."""
        now = self.clock()
        deadline = budget_end if total is None else min(now + total, budget_end)
        request.extensions["timeout"] = _within(phases, deadline - now)
        request.extensions.pop(SIGNED, None)  # signed anew by this attempt's auth flow
        return deadline

    def _budget_end(self, started: float, total: float | None) -> float:
        return started + max(self.retry.max_elapsed, total or 0.0)

    def _wait(self, attempt: int, retry_after: str | None, budget_end: float) -> float | None:
        """Seconds to wait before the next attempt, or ``None`` when the attempts or the budget are spent."""
        if attempt >= self.retry.max_attempts:
            return None
        delay = self.retry.backoff(attempt, retry_after, self._rng)
        return None if self.clock() + delay >= budget_end else delay

    def _retry_failure(
        self,
        exc: httpx.TransportError,
        request: httpx.Request,
        attempt: int,
        idempotent: bool,
        budget_end: float,
        applied: bool,
    ) -> float:
        """Seconds to wait before retrying a failed exchange; raises its typed error when it may not be retried.

        Call it outside the ``except`` block that caught ``exc`` (see :func:`transport_error`).
        """
        self._log(request, None, attempt)
        delay = self._wait(attempt, None, budget_end)
        if delay is None or not self.retry.retry_exception(exc, idempotent=idempotent):
            raise transport_error(exc, request, applied) from sanitized(exc)
        self._count(f"retry:{type(exc).__name__}")
        return delay

    def _retry_answer(
        self,
        request: httpx.Request,
        response: httpx.Response,
        attempt: int,
        idempotent: bool,
        read: bool,
        budget_end: float,
    ) -> float | None:
        """Seconds to wait before asking again for this answer, or ``None`` to return it.

        With ``read``, a 2xx body is parsed here (kept on the response), and asked for again when it
        is unreadable and the call safe to repeat; without, the caller reads it.
        """
        self._log(request, response, attempt)
        if read and not _parse_success(response) and idempotent:
            delay = self._wait(attempt, None, budget_end)
            if delay is not None:  # a truncated answer to a safe call: ask again
                self._count("retry:unreadable")
                return delay
        if self.retry.retry_status(response.status_code, idempotent=idempotent):
            delay = self._wait(attempt, response.headers.get("Retry-After"), budget_end)
            if delay is not None:
                self._count(f"retry:{response.status_code}")
                return delay
        return None

    def _log(self, request: httpx.Request, response: httpx.Response | None, attempt: int) -> None:
        status = response.status_code if response is not None else "failed"
        logger.debug("zoho_crm: %s %s -> %s (attempt %d)", request.method, request.url, status, attempt)

    def _sleep(self, seconds: float) -> None:
        """Wait before a sync retry (``sleep``: injectable); a lane's wait ends at its batch's interrupt."""
        stop = STOP.get()
        if stop is not None and self.sleep is time.sleep:
            stop.wait(seconds)
        else:
            self.sleep(seconds)

    async def _asleep(self, seconds: float) -> None:
        """Wait before an async retry."""
        await anyio.sleep(seconds)

    def check_thread(self) -> None:
        """Sync engines serve any thread: nothing to check (the async engine's ``check_loop``)."""

    def check_loop(self) -> None:
        """The client's connections belong to the loop it first ran in: another loop gets a clear error."""
        import asyncio  # only async users pay for it

        try:
            loop: object | None = asyncio.get_running_loop()
        except RuntimeError:  # under another async library
            loop = None
        if self._loop[0] is None:
            self._loop[0] = loop
        elif loop is not self._loop[0]:
            raise EventLoopError(
                "this AsyncZohoCRM was first used in another event loop (its connections belong to that loop); "
                "create one client per event loop, e.g. inside the function that asyncio.run() runs"
            )
