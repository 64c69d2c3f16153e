"""Batching: calls of at most 100 items, bounded concurrency, one outcome per input item in input order.

Nothing is dropped: a call that fails as a whole marks each of its items failed with that error.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Literal

import httpx

from . import _validation as check
from ._engine import api_error, read_json, secrets_of, unreadable, was_repeated
from ._json import UnencodableItem
from .errors import (
    APIConnectionError,
    APIError,
    BatchError,
    InvalidResponseError,
    ZohoError,
    ZohoValidationError,
    redact,
    redact_value,
)
from .results import AnswerItems, BatchResult, Failure, Outcome, Success, _CallOutcomes, details_of

BATCH_SIZE = 100
ProgressCallback = Callable[[int, int], None]
"""Called as ``callback(done_items, total_items)`` after each call completes."""
Finish = Callable[[bool], Sequence[Outcome] | None]
"""A call's answer, still to be read into its outcomes (after its concurrency slot went to the next call):
``finish(final)`` gives ``None`` when it could not be read and the call is to be made again (see
``_async/_caller.py``), unless ``final``."""

OnSent = Callable[[], None] | None
"""Called when a request has gone out in full (an async batch reads an answer then), or ``None``."""
SyncCall = Callable[[int, Sequence[Any], bool, OnSent], Finish]
"""A batch's exchange of one chunk: ``call(start, items, first, on_sent)`` (see ``_async/_caller.py``)."""
AsyncCall = Callable[[int, Sequence[Any], bool, OnSent], Awaitable[Finish]]
"""The async :data:`SyncCall`."""


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _redacted(value: object, secrets: tuple[str, ...]) -> str | None:
    return redact(value, *secrets) if isinstance(value, str) else None


Answers = Literal["sent", "ids", "new", "any"]
"""Which record id a success must answer: ``sent`` (the id its item named, if any: updates, deletes by
id), ``ids`` (as ``sent``, for records carrying an ``id`` only: the others are named by an external
field), ``new`` (no id twice in one call: inserts) or ``any`` (upserts)."""


def item_outcome(
    index: int,
    given: Any,
    item: object,
    status_code: int,
    answer: AnswerItems | None = None,
    *,
    idempotent: bool = True,
    expected: str | None = None,
    secrets: tuple[str, ...] = (),
    repeated: bool = False,
) -> Outcome:
    """The outcome of one ``data[]`` entry of Zoho's answer (a success's ``details`` read from ``answer`` if given).

    A success without the record's id, or with another id than the ``expected`` one, is no certain
    success (an ``INVALID_RESPONSE`` failure), nor an item whose status is neither ``success`` nor
    ``error`` (a failure with Zoho's code): both are uncertain unless the write is safe to repeat.
    Zoho's refusal of an item is uncertain in an answer to a ``repeated`` request (an earlier attempt may
    have been applied: a repeated delete finds no record). A failure's message and details are redacted
    (``secrets``: the request's credentials).
    """
    unsure = not idempotent
    if not isinstance(item, dict):
        return Failure(index, given, "INVALID_RESPONSE", "result item is not an object", {}, status_code, unsure)
    details = redact_value(details_of(item), secrets)
    if item.get("status") == "success":
        record_id = details.get("id")
        if not isinstance(record_id, str) or not record_id:
            message = "Zoho reported a success without the record's id"
            return Failure(index, given, "INVALID_RESPONSE", message, details, status_code, unsure)
        if expected is not None and record_id != expected:
            message = f"Zoho answered for record {record_id}, not {expected}: the write may have gone elsewhere"
            return Failure(index, given, "INVALID_RESPONSE", message, details, status_code, unsure)
        return Success(
            index,
            given,
            record_id,
            redact(_text(item.get("message")), *secrets),
            answer or details,
            _redacted(item.get("action"), secrets),
            _redacted(item.get("duplicate_field"), secrets),
        )
    code, text = redact(_text(item.get("code")), *secrets), redact(_text(item.get("message")), *secrets)
    if item.get("status") != "error":  # neither Zoho's success nor its error: it may have been written
        message = f"{text} (status {item.get('status')!r}: neither success nor error, so it may have been written)"
        message = redact(message, *secrets)
        return Failure(index, given, code or "INVALID_RESPONSE", message, details, status_code, unsure)
    return Failure(index, given, code or "UNKNOWN", text, details, status_code, repeated)


_CLEAN: set[object] = set()
"""Texts of plain successes found holding nothing shaped like a secret (Zoho's few: ``record added``...)."""


def _clean(text: object) -> bool:
    """Whether a success's text is a string holding nothing shaped like a secret (remembered, up to 256)."""
    if type(text) is not str or redact(text) != text:
        return False
    if len(_CLEAN) < 256:
        _CLEAN.add(text)
    return True


def record_id_of(value: object) -> str | None:
    """A record id as Zoho answers it: a string, or an int written out (``check.record_id`` takes both)."""
    if type(value) is str:
        return value
    return str(value) if type(value) is int else None


def _named(given: Any) -> str | None:
    """The record id an item names (an id itself, or a record's ``id``), if any."""
    return record_id_of(given.get("id") if type(given) is dict else given)


def read_items(
    data: list[Any],
    start: int,
    items: Sequence[Any],
    status: int,
    answer: AnswerItems,
    idempotent: bool,
    answers: Answers = "any",
    secrets: tuple[str, ...] = (),
    repeated: bool = False,
) -> _CallOutcomes:
    """One outcome per ``data[]`` entry (as :func:`item_outcome`), a plain success read inline.

    At concurrency 25 reading answers is most of the client's CPU (100,000 outcomes a 100,000-record
    upsert): the common item (``status`` success, a string ``id``, string or absent ``message``,
    ``action``, ``duplicate_field``) skips the general path's calls, and is kept as strings
    (see :class:`~zoho_crm.results._CallOutcomes`). An answer that echoes the request's token
    (``secrets`` given) is read item by item, redacted, its details kept as read.
    """
    fields: list[Any] = []
    odd: dict[int, Outcome] = {}
    sent, ids, fast = answers == "sent", answers == "ids", not secrets
    for i, item in enumerate(data):
        expected = _named(items[i]) if sent or (ids and type(items[i]) is dict) else None
        if fast and type(item) is dict and item.get("status") == "success":
            details = item.get("details")
            record_id = details.get("id") if type(details) is dict else None
            message, action, duplicate = item.get("message", ""), item.get("action"), item.get("duplicate_field")
            if (
                type(record_id) is str
                and record_id
                and (expected is None or expected == record_id)
                and type(message) is str
                and (message in _CLEAN or _clean(message))
                and (action is None or action in _CLEAN or _clean(action))
                and (duplicate is None or duplicate in _CLEAN or _clean(duplicate))
            ):
                fields += (record_id, message, action, duplicate)
                continue
        fields += (None, None, None, None)
        odd[i] = item_outcome(
            start + i, items[i], item, status, answer if fast else None,
            idempotent=idempotent, expected=expected, secrets=secrets, repeated=repeated,
        )  # fmt: skip
    if answers == "new":
        _answered_twice(fields, odd, start, items, status, idempotent)
    return _CallOutcomes(start, items, answer, fields, odd)


def _answered_twice(
    fields: list[Any], odd: dict[int, Outcome], start: int, items: Sequence[Any], status: int, idempotent: bool
) -> None:
    """Successes of one call answering the same new record id: none of them is a certain success."""
    ids = [odd[i].id if isinstance(odd.get(i), Success) else fields[4 * i] for i in range(len(items))]  # type: ignore[union-attr]
    counts = Counter(record_id for record_id in ids if record_id is not None)
    for i, record_id in enumerate(ids):
        if record_id is not None and counts[record_id] > 1:
            fields[4 * i : 4 * i + 4] = (None, None, None, None)
            message = f"Zoho answered record {record_id} for more than one item of the call"
            odd[i] = Failure(start + i, items[i], "INVALID_RESPONSE", message, {}, status, not idempotent)


def whole_call_failed(start: int, items: Sequence[Any], error: ZohoError, *, uncertain: bool) -> list[Outcome]:
    """Every item of a call that failed as a whole, marked with that call's error."""
    code = error.code or type(error).__name__
    return [
        Failure(start + i, item, code, error.message, dict(error.details), error.status_code, uncertain, error)
        for i, item in enumerate(items)
    ]


def outcomes(
    response: httpx.Response,
    start: int,
    items: Sequence[Any],
    *,
    idempotent: bool,
    ask_again: bool = False,
    answers: Answers = "any",
    repeated: bool = False,
) -> Sequence[Outcome] | None:
    """Per-item outcomes from an answer, whatever its shape (``None`` if unreadable and ``ask_again``).

    Any 2xx (and a 400) is read for its ``data[]`` items; a 2xx without readable items (204, an empty
    or truncated body, another shape) says nothing of what Zoho did: the items of a call that is not
    safe to repeat are ``uncertain`` (a safe one is asked again first, see ``_async/_caller.py``). So
    are Zoho's refusals in an answer to a ``repeated`` call, or to one the engine sent again after an
    attempt that may have been applied: what it refuses may be what the earlier attempt did.
    """
    status = response.status_code
    success = 200 <= status < 300
    repeated = repeated or was_repeated(response)
    if success or status == 400:
        try:
            if success and not response.content and "_zoho_crm_json" not in response.__dict__:
                raise unreadable(response, f"HTTP {status} answer has no results: the call may have been applied")
            body = read_json(response)
        except InvalidResponseError as exc:
            if ask_again:
                return None
            return whole_call_failed(start, items, exc, uncertain=success and not idempotent)
        except APIError as exc:  # Zoho's error envelope with a 2xx: the call was refused as a whole
            return whole_call_failed(start, items, exc, uncertain=repeated)
        data = body.get("data") if isinstance(body, dict) else None
        if isinstance(data, list):
            if len(data) != len(items):
                mismatch = unreadable(response, f"Zoho answered {len(data)} results for {len(items)} items")
                return whole_call_failed(start, items, mismatch, uncertain=not idempotent)
            secrets = echoed(response)
            answer = AnswerItems(response.content, start)
            return read_items(data, start, items, status, answer, idempotent, answers, secrets, repeated)
        if success:
            missing = unreadable(response, "answer has no data[] results: the call may have been applied")
            return whole_call_failed(start, items, missing, uncertain=not idempotent)
    error = api_error(response)
    uncertain = not idempotent if status >= 500 else repeated  # a refusal of the call as a whole
    return whole_call_failed(start, items, error, uncertain=uncertain)


def echoed(response: httpx.Response) -> tuple[str, ...]:
    r"""The request's credentials when its answer may echo them (else none): two searches of the answer's bytes.

    The token as sent, or any backslash (JSON may escape any character of it: ``\u0074``); Zoho's
    answers to writes hold neither, so they keep the fast path.
    """
    secrets, content = secrets_of(response.request), response.content
    if not secrets or len(secrets[-1]) < 4:  # shorter is no token Zoho issues, and redacting it would garble text
        return ()
    return secrets if b"\\" in content or secrets[-1].encode() in content else ()


def first_index(part: Sequence[Outcome]) -> int:
    """The input index of a (non-empty) call's first item, without building its outcomes."""
    return part.start if isinstance(part, _CallOutcomes) else part[0].index


def assemble(parts: list[Sequence[Outcome]], calls: int) -> BatchResult:
    """Merge per-call outcomes (each part one chunk's, in order) into one result in input order."""
    return BatchResult._of_calls(sorted((part for part in parts if part), key=first_index), calls)


ZOHO_MAX_CONCURRENCY = 25
"""Zoho's highest concurrency limit (Ultimate edition): what a call may ask for on a default client."""


def lane_cap(default: int) -> int:
    """The most lanes a call may ask for on a client whose ``max_concurrency`` is ``default`` (its pool's size)."""
    return max(default, ZOHO_MAX_CONCURRENCY)


def lanes(concurrency: object, default: int) -> int:
    """The calls a batch runs at once: ``concurrency`` when given (a positive int), else ``default``.

    More than :func:`lane_cap` is refused: the client's connection pool has no room for them, and
    the extra calls would only queue for a connection (raise the client's ``max_concurrency``).
    """
    if concurrency is None:
        return default
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ZohoValidationError(f"concurrency must be a positive int, got {check.shown(concurrency)}")
    cap = lane_cap(default)
    if concurrency > cap:
        raise ZohoValidationError(
            f"concurrency={concurrency} is more than this client's connection pool serves at once ({cap}); "
            f"build the client with max_concurrency={concurrency} (Zoho allows at most {ZOHO_MAX_CONCURRENCY})"
        )
    return concurrency


def check_progress(on_progress: object) -> None:
    if on_progress is not None and not callable(on_progress):
        raise ZohoValidationError(
            f"on_progress must be callable as on_progress(done, total), got {check.shown(on_progress)}"
        )


class Halt(Exception):
    """Raised by a chunk's exchange when no further chunk can succeed (token refused, client closed).

    ``outcomes`` are the chunk's own; ``error`` (raised before a request went out) fails every chunk not sent.
    """

    def __init__(self, error: ZohoError, outcomes: list[Outcome]) -> None:
        super().__init__(str(error))
        self.error = error
        self.outcomes = outcomes


NOT_SENT = "NOT_SENT"
"""Code of the items a batch never sent because an exception stopped it (see :class:`Run`)."""


INTERRUPTED = "INTERRUPTED"
"""The code of the items of a call in flight when an interrupt or a cancellation stopped the batch."""


def interrupted_in_flight(start: int, items: Sequence[Any]) -> list[Outcome]:
    """The outcomes of a call cut off by an interrupt or a cancellation: it may have been applied."""
    why = "the batch was interrupted while this call was in flight: it may have been applied"
    return [Failure(start + i, item, INTERRUPTED, why, {}, None, True) for i, item in enumerate(items)]


def keep_outcomes(exc: BaseException, result: BatchResult) -> BaseException:
    """``exc`` (an interrupt, a cancellation) carrying the outcomes not yet reported as ``exc.result``.

    A batch's: one per item, as a returned result has; a stream's: those of the records read and not
    yet yielded. The calls answered, those in flight (``INTERRUPTED``, uncertain) and those never sent
    (``NOT_SENT``). A note says so where Python shows notes (3.11+).
    """
    with contextlib.suppress(AttributeError, TypeError):  # an exception type without a __dict__
        exc.result = result  # type: ignore[attr-defined]
    if hasattr(exc, "add_note") and hasattr(exc, "result"):
        exc.add_note(
            f"zoho_crm: stopped with {len(result)} outcomes not yet reported ({len(result.succeeded)} written): "
            "this exception's .result"
        )
    return exc


class Run:
    """Why a batch stops sending: a :class:`Halt` error (it returns), or an exception to raise (a bug, a callback's).

    Either way the chunks in flight end and every item gets one outcome; the chunks never sent fail with
    the halting error (not uncertain: safe to send again), or with code :data:`NOT_SENT`.
    """

    __slots__ = ("error", "interrupt", "raised", "stopped")

    def __init__(self) -> None:
        self.stopped = False
        self.error: ZohoError | None = None
        self.raised: Exception | None = None
        self.interrupt = threading.Event()  # set by an interrupt or a cancellation: no call sends again (_engine.STOP)

    def halt(self, error: ZohoError) -> None:
        """Stop sending: every chunk not sent fails with ``error``."""
        self.error = self.error or error
        self.stopped = True

    def fail(self, exc: Exception) -> None:
        """Stop sending, and raise a :class:`BatchError` from ``exc`` once the calls in flight are read."""
        self.raised = self.raised or exc
        self.stopped = True

    def unsent(self, start: int, items: Sequence[Any]) -> list[Outcome]:
        """The outcomes of a chunk never sent: failed with the halting error, else with code :data:`NOT_SENT`."""
        if self.error is not None:
            return whole_call_failed(start, items, self.error, uncertain=False)
        why = "not sent: the batch stopped before this call"
        return [Failure(start + i, item, NOT_SENT, why, {}) for i, item in enumerate(items)]

    def settle(self, exc: Exception, start: int, items: Sequence[Any]) -> Finish:
        """The outcomes of a chunk whose exchange raised ``exc``: a halt's own, or (a bug) uncertain failures."""
        if isinstance(exc, Halt):
            self.halt(exc.error)
            part = exc.outcomes
        else:  # a bug (ours, a transport's): the chunk may have been sent
            self.fail(exc)
            why = check.described(exc)
            part = [Failure(start + i, item, "CLIENT_ERROR", why, {}, None, True) for i, item in enumerate(items)]
        return lambda final: part

    def read(self, finish: Finish, start: int, items: Sequence[Any], *, final: bool) -> Sequence[Outcome] | None:
        """``finish(final)``: a call's outcomes (``None``: ask again); a bug in reading them is settled as above."""
        try:
            return finish(final)
        except Exception as exc:
            return self.settle(exc, start, items)(True)

    def read_final(self, finish: Finish, start: int, items: Sequence[Any]) -> Sequence[Outcome]:
        """A call's outcomes, its answer read whatever its state (never asked for again)."""
        part = self.read(finish, start, items, final=True)
        assert part is not None  # only a first read may ask again
        return part

    def result(
        self, chunks: list[tuple[int, Sequence[Any]]], parts: list[Sequence[Outcome]], interrupt: BaseException | None
    ) -> BatchResult:
        """The batch's result: ``parts`` read, and a failure for each item of a chunk never sent.

        Raised as :class:`BatchError` when a bug stopped the batch; with the ``interrupt`` that stopped it
        (Ctrl-C, a cancellation: never swallowed), raised as that.
        """
        read = {first_index(part) for part in parts if part}
        sent = len(read)
        parts.extend(self.unsent(start, items) for start, items in chunks if start not in read)
        result = assemble(parts, sent)
        if interrupt is not None:
            raise keep_outcomes(interrupt, result)
        if self.raised is not None:
            done = len(result) - len(result.failed)
            message = f"the batch stopped ({check.described(self.raised)}); {done} items were written"
            raise BatchError(message, result.failed, result) from self.raised
        return result


Prepared = tuple[list[tuple[int, Sequence[Any]]], dict[int, dict[str, Any]], int]
"""A planned batch: ``(chunks, generated-call arguments by chunk start, total items)``."""


def plan(
    items: Sequence[Any], arguments: Callable[[Sequence[Any]], dict[str, Any]], size: int = BATCH_SIZE
) -> Prepared:
    """Chunk ``items`` and build every call's arguments, bodies encoded, so bad input fails before any request."""
    chunks = [(start, items[start : start + size]) for start in range(0, len(items), size)]
    prepared: dict[int, dict[str, Any]] = {}
    for start, part in chunks:
        try:
            prepared[start] = arguments(part)
        except UnencodableItem as bad:
            raise ZohoValidationError(f"records[{start + bad.position}]{bad.where}: {bad.reason}") from None
    return chunks, prepared, len(items)


def finish_of(
    start: int,
    part: Sequence[Any],
    answer: httpx.Response | APIConnectionError,
    idempotent: bool,
    first: bool,
    prepared: dict[int, dict[str, Any]],
    answers: Answers = "any",
) -> Finish:
    """Reads a call's answer; once read for good, the chunk's encoded body is released (``prepared``)."""

    def finish(final: bool) -> Sequence[Outcome] | None:
        part_outcomes: Sequence[Outcome] | None
        if isinstance(answer, APIConnectionError):
            part_outcomes = whole_call_failed(start, part, answer, uncertain=not idempotent and not answer.never_sent)
        else:
            ask_again = first and idempotent and not final
            part_outcomes = outcomes(
                answer, start, part, idempotent=idempotent, ask_again=ask_again, answers=answers, repeated=not first
            )
        if part_outcomes is not None:
            prepared.pop(start, None)
            if isinstance(answer, httpx.Response):
                unbind(answer)
        return part_outcomes

    return finish


def unbind(response: httpx.Response) -> None:
    """Break httpx's ``Response`` <-> ``BoundSyncStream`` reference cycle of an answer read in full.

    Left alone, every call's answer and request (its encoded body) wait for a full garbage collection,
    however soon the batch drops them: about 24 objects and both bodies per call, which a long stream
    piles up between collections. Once broken, they go as soon as the last reference does. The body
    was read and the stream closed by ``send``; ``close()`` of a closed response does not touch it.
    """
    stream = response.stream
    if response.is_closed and getattr(stream, "_response", None) is response:
        stream._response = None  # type: ignore[union-attr]


Idempotent = bool | Mapping[int, bool]
"""Whether a batch's calls are safe to repeat: for all, or by chunk start (upserts: see ``_idempotency``)."""


def call_failed(start: int, part: Sequence[Any], error: ZohoError, idempotent: bool) -> Finish:
    """A call that failed with ``error`` after its request may have gone out."""
    failures = whole_call_failed(start, part, error, uncertain=not idempotent)
    return lambda final: failures


def halted(error: ZohoError, start: int, part: Sequence[Any]) -> Halt:
    """A halt before this attempt went out: the chunk failed, not uncertain (earlier attempts: see retries)."""
    return Halt(error, whole_call_failed(start, part, error, uncertain=False))
