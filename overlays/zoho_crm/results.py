"""What calls return: pages of records, and batch results with one outcome per input item."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import attrs

from zoho_crm_api.models import PageInfo

from ._json import loads
from .errors import BatchError, ZohoError, redact_value

__all__ = ["AnswerItems", "BatchResult", "Failure", "Outcome", "Page", "PageInfo", "Record", "Success"]

Record = dict[str, Any]
"""A record: Zoho's JSON object as a dict, custom fields included."""


@attrs.frozen
class Page:
    """One page of records and Zoho's paging information.

    Attributes:
        records: The page's records, as Zoho sent them (custom fields included).
        info: Zoho's ``info`` object (page, per_page, count, more_records, page tokens); ``None`` for
            single-record reads.
    """

    records: list[Record]
    info: PageInfo | None = None

    @property
    def more_records(self) -> bool:
        """Whether Zoho has more records after this page."""
        return self.info is not None and self.info.more_records is True  # a string a server sent is not True

    @property
    def next_page_token(self) -> str | None:
        """The token for the next page, when Zoho gave one."""
        token = self.info.next_page_token if self.info is not None else None
        return token if isinstance(token, str) and token else None

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def details_of(item: dict[str, Any]) -> dict[str, Any]:
    """An answer item's ``details`` object (``{}`` when it has none)."""
    details = item.get("details")
    return details if isinstance(details, dict) else {}


class AnswerItems:
    """The ``data[]`` items of one call's answer, kept as its bytes; parsed again when a ``details`` is read.

    A 10,000-record write keeps one of these per call instead of 10,000 ``details`` dicts that few
    callers read (and that the garbage collector would rescan while the batch runs).
    """

    __slots__ = ("_content", "_items", "_start")

    def __init__(self, content: bytes, start: int) -> None:
        self._content = content
        self._start = start
        self._items: list[dict[str, Any]] | None = None

    def details(self, index: int) -> dict[str, Any]:
        """The ``details`` object of the item for input ``index`` (``{}`` when it has none), token shapes redacted."""
        items = self._items
        if items is None:
            items = self._items = [
                redact_value(details_of(item)) if type(item) is dict else {} for item in loads(self._content)["data"]
            ]
        return items[index - self._start]

    def __repr__(self) -> str:
        return f"AnswerItems(<{len(self._content)} bytes>)"


@attrs.frozen(eq=False)
class Success:
    """An input item Zoho accepted.

    Attributes:
        index: The item's place in the input (0-based).
        input: The item as it was handed in.
        id: The id of the record Zoho stored or changed.
        message: Zoho's message (``record added``, ``record updated``...).
        details: Zoho's ``details`` (id, times, creator), read from the answer when first asked for.
        action: For an upsert, ``insert`` or ``update``; otherwise ``None``.
        duplicate_field: For an upsert that updated, the field that matched an existing record.
    """

    index: int
    input: Any
    id: str
    message: str
    _details: dict[str, Any] | AnswerItems = attrs.field(alias="details", repr=False)
    action: str | None = None
    duplicate_field: str | None = None
    ok: bool = attrs.field(default=True, init=False)

    @property
    def details(self) -> dict[str, Any]:
        """Zoho's ``details`` of the item."""
        source = self._details
        return source if isinstance(source, dict) else source.details(self.index)

    def _key(self) -> tuple[Any, ...]:
        return (self.index, self.input, self.id, self.message, self.details, self.action, self.duplicate_field)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Success) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # (its input is a dict)

    def __repr__(self) -> str:
        return (
            f"Success(index={self.index!r}, input={self.input!r}, id={self.id!r}, message={self.message!r}, "
            f"details={self.details!r}, action={self.action!r}, duplicate_field={self.duplicate_field!r})"
        )


@attrs.frozen
class Failure:
    """An input item that failed, with Zoho's code, message and details.

    Attributes:
        index: The item's place in the input (0-based).
        input: The item as it was handed in.
        code: Zoho's error code for the item (``MANDATORY_NOT_FOUND``...), or the whole call's code when the
            call failed (``NOT_SENT`` when it was never sent).
        message: Zoho's message, or the call's error message.
        details: Zoho's ``details`` (the field at fault...); ``{}`` when there are none.
        status_code: The HTTP status of the call that carried the item, when there was an answer.
        uncertain: True when the call that carried the item may or may not have been applied (the connection
            dropped after it was sent, the answer was unreadable), or when Zoho refused it in answer to a call
            sent again after an attempt that may have been applied: check before writing it again.
        error: The :class:`~zoho_crm.errors.ZohoError` of the whole call when the call failed, else ``None``.
    """

    index: int
    input: Any
    code: str
    message: str
    details: dict[str, Any]
    status_code: int | None = None
    uncertain: bool = False
    error: ZohoError | None = attrs.field(default=None, eq=False)
    ok: bool = attrs.field(default=False, init=False)


Outcome = Success | Failure


class _CallOutcomes(Sequence[Outcome]):
    """One call's outcomes, its plain successes kept as strings in one list until first read.

    The garbage collector scans every live container object: 100 ``Success`` objects a call, built while
    a 100,000-record batch runs, make it promote the calls in flight to its oldest generation and rescan
    every record held (bench/README.md). Built on first access, and then kept.
    """

    __slots__ = ("_answer", "_fields", "_items", "_odd", "_outcomes", "start")

    def __init__(
        self, start: int, items: Sequence[Any], answer: AnswerItems, fields: list[Any], odd: dict[int, Outcome]
    ) -> None:
        self.start = start
        self._items = items
        self._answer = answer
        self._fields = fields  # id, message, action, duplicate_field of item i at [4 * i : 4 * i + 4]
        self._odd = odd  # the other outcomes (failures...), by position
        self._outcomes: list[Outcome] | None = None

    def _built(self) -> list[Outcome]:
        built = self._outcomes
        if built is None:
            start, items, answer, fields, odd = self.start, self._items, self._answer, self._fields, self._odd
            built = []
            for i, given in enumerate(items):
                at = 4 * i
                built.append(
                    odd[i]
                    if i in odd
                    else Success(start + i, given, fields[at], fields[at + 1], answer, fields[at + 2], fields[at + 3])
                )
            self._outcomes = built  # whole, never half-built (another thread may read it)
        return built

    @overload
    def __getitem__(self, index: int) -> Outcome: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Outcome]: ...
    def __getitem__(self, index: int | slice) -> Outcome | Sequence[Outcome]:
        return self._built()[index]

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self._built())

    def __len__(self) -> int:
        return len(self._items)

    def ids(self) -> list[str]:
        """The accepted items' record ids, without building their outcomes."""
        built = self._outcomes
        if built is not None:
            return [o.id for o in built if isinstance(o, Success)]
        odd, fields = self._odd, self._fields
        if not odd:
            return fields[::4]  # every item a plain success (the usual call): its ids, in one slice
        return [
            odd[i].id if i in odd else fields[4 * i]  # type: ignore[union-attr]
            for i in range(len(self._items))
            if not isinstance(odd.get(i), Failure)
        ]

    def failures(self) -> list[Failure]:
        """The failed items' outcomes, without building the successes'."""
        found = self._outcomes if self._outcomes is not None else (self._odd[i] for i in sorted(self._odd))
        return [o for o in found if isinstance(o, Failure)]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (self._built(),))


class BatchResult(Sequence[Outcome]):
    """One outcome per input item, in input order.

    Attributes:
        outcomes: A :class:`Success` or :class:`Failure` per input item, in input order (built on first
            access: ``failed``, ``ids``, ``len()`` and ``raise_for_errors()`` do not need them).
        calls: How many HTTP calls the batch made (retries not counted).
    """

    __slots__ = ("_calls", "_outcomes", "_parts")
    __match_args__ = ("outcomes", "calls")

    def __init__(self, outcomes: Iterable[Outcome] = (), calls: int = 0) -> None:
        self._outcomes: tuple[Outcome, ...] | None = tuple(outcomes)
        self._parts: tuple[Sequence[Outcome], ...] = ()
        self._calls = calls

    @classmethod
    def _of_calls(cls, parts: Sequence[Sequence[Outcome]], calls: int) -> BatchResult:
        """The result of calls whose outcomes are ``parts`` (each a call's, in input order)."""
        result = cls((), calls)
        result._outcomes, result._parts = None, tuple(parts)
        return result

    def _state(self) -> tuple[tuple[Outcome, ...] | None, tuple[Sequence[Outcome], ...]]:
        """``(outcomes if built, parts)``.

        Read in this order: the parts are dropped only once the outcomes are set, so a thread reading while
        another builds them sees one or the other.
        """
        parts = self._parts
        return self._outcomes, parts

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """A :class:`Success` or :class:`Failure` per input item, in input order."""
        built, parts = self._state()
        if built is None:
            built = self._outcomes = tuple(outcome for part in parts for outcome in part)
            self._parts = ()
        return built

    @property
    def calls(self) -> int:
        """How many HTTP calls the batch made (retries not counted)."""
        return self._calls

    @overload
    def __getitem__(self, index: int) -> Outcome: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Outcome]: ...
    def __getitem__(self, index: int | slice) -> Outcome | Sequence[Outcome]:
        return self.outcomes[index]

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        built, parts = self._state()
        return len(built) if built is not None else sum(len(part) for part in parts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BatchResult):
            return NotImplemented
        return self.calls == other.calls and self.outcomes == other.outcomes

    __hash__ = None  # type: ignore[assignment]  # (its outcomes hold dicts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (BatchResult, (self.outcomes, self.calls))

    def __repr__(self) -> str:
        failed = len(self.failed)
        total = len(self)
        return f"BatchResult({total} outcomes: {total - failed} succeeded, {failed} failed, {self.calls} calls)"

    @property
    def succeeded(self) -> list[Success]:
        """The items Zoho accepted."""
        return [o for o in self.outcomes if isinstance(o, Success)]

    @property
    def failed(self) -> list[Failure]:
        """The items that failed."""
        built, parts = self._state()
        if built is not None:
            return [o for o in built if isinstance(o, Failure)]
        return [f for part in parts for f in _failures(part)]

    @property
    def ids(self) -> list[str]:
        """The record ids of the items Zoho accepted, in input order (``[s.id for s in succeeded]``).

        One per input item once :meth:`raise_for_errors` has passed.
        """
        built, parts = self._state()
        if built is not None:
            return [o.id for o in built if isinstance(o, Success)]
        return [i for part in parts for i in _ids(part)]

    def raise_for_errors(self) -> BatchResult:
        """Raise :class:`BatchError` if any item failed; return ``self`` otherwise."""
        failed = self.failed
        if failed:
            codes = sorted({f.code for f in failed})
            raise BatchError(f"{len(failed)} of {len(self)} items failed ({', '.join(codes)})", failed, self)
        return self


def _failures(part: Sequence[Outcome]) -> list[Failure]:
    if isinstance(part, _CallOutcomes):
        return part.failures()
    return [o for o in part if isinstance(o, Failure)]


def _ids(part: Sequence[Outcome]) -> list[str]:
    if isinstance(part, _CallOutcomes):
        return part.ids()
    return [o.id for o in part if isinstance(o, Success)]
