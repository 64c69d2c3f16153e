"""What generated resources need from a runtime: the overlays (``zoho_crm``) implement it.

Generated code never imports ``zoho_crm``: each resource holds a :class:`SyncRuntime` or
:class:`AsyncRuntime` and calls it with the operation's declared behaviour (:class:`Operation`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing import Protocol

    import httpx

API_VERSION = "v8"
"""The Zoho CRM API version of the spec these resources were generated from."""

LITERAL_SEGMENTS = frozenset(
    {
        "actions",
        "clone",
        "coql",
        "count",
        "deleted",
        "fetch_full_data",
        "fields",
        "get_related_records_count",
        "mass_update",
        "modules",
        "org",
        "photo",
        "related_lists",
        "search",
        "settings",
        "upsert",
        "users",
    }
)
"""The fixed path segments of the spec: a path parameter spelt like one would reach another operation."""


class Operation:
    """One spec operation and what its vendor extensions declare about it (a plain class: imported with zoho_crm)."""

    __slots__ = (
        "batch", "binary", "body", "csv", "datetimes", "keywords", "name", "one_of", "options", "pagination", "path",
        "reach", "retry", "rules",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        retry: str,
        pagination: tuple[str, ...] = (),
        datetimes: frozenset[str] = frozenset(),
        csv: frozenset[str] = frozenset(),
        batch: Mapping[str, Any] | None = None,
        path: tuple[str, ...] = (),
        rules: Mapping[str, Mapping[str, Any]] | None = None,
        one_of: tuple[str, ...] = (),
        reach: int | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        keywords: Mapping[str, str] | None = None,
        binary: bool = False,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = name
        """``<tag>.<operation>``: the generated endpoint module that builds its request (Python names)."""
        self.retry = retry
        """``x-zoho-retry``: ``safe`` (repeat freely), ``keyed`` (safe once every item names itself) or ``unsafe``."""
        self.pagination = pagination
        """``x-zoho-pagination``: the paging parameters it takes (``page``, ``page_token``; ``limit``: COQL's clause)."""
        self.datetimes = datetimes
        """Parameters that take a date-time (``x-zoho-format: date-time``)."""
        self.csv = csv
        """Parameters sent as a comma-separated list (``x-zoho-format: csv``)."""
        self.batch = batch
        """``x-zoho-batch``: chunk size and body key of a bulk write (``None``: a single call)."""
        self.path = path
        """Its path parameters, in order."""
        self.rules = rules or {}
        """What each argument is checked against: its schema's constraints (``type``, ``pattern``, ``minimum``,
        ``maximum``, ``minLength``, ``maxLength``), ``format``, a csv's ``items`` and the names it ``excludes``."""
        self.one_of = one_of
        """``x-zoho-one-of``: parameters of which a call must give at least one."""
        self.reach = reach
        """Records a walk by page number alone can reach (Zoho's limit: ``x-zoho-method``'s ``limit``)."""
        self.options = options or {}
        """A batched write's body keywords and their schemas' rules (type, constraints, enum; an array's items' too)."""
        self.keywords = keywords or {}
        """Parameters whose keyword is not their name without ``x_`` or a trailing ``_`` (``timeout`` -> ``timeout_``)."""
        self.binary = binary
        """Its success answers are not JSON (a file, an image): a call returns their bytes."""
        self.body = body
        """Its JSON object body's rule: ``required`` and each property's rule (nested objects, arrays, ``one_of``
        forms), the records of ``data`` as objects only; ``one_of_keys`` and ``excludes`` from ``x-zoho-one-of``
        and ``x-zoho-excludes`` naming body properties (``None``: no JSON object body)."""

    def __repr__(self) -> str:
        return f"Operation({self.name!r}, retry={self.retry!r})"


_F = TypeVar("_F", bound=Callable[..., Any])


def deprecated(message: str) -> Callable[[_F], _F]:
    """PEP 702's ``@deprecated`` at run time, for the methods of an operation the spec deprecates.

    Resources import ``typing_extensions.deprecated`` for type checkers (which flag each call) and
    this at run time: a call warns ``DeprecationWarning`` at the caller's line, and an ``async def``
    stays a coroutine function (``typing_extensions``' wrapper is not one before Python 3.12); it
    warns when awaited.
    """
    import functools
    import warnings

    def mark(method: _F) -> _F:
        if method.__code__.co_flags & 0x80:  # CO_COROUTINE: an async def

            @functools.wraps(method)
            async def wrapper(*args: Any, **kwargs: Any) -> Any:
                warnings.warn(message, DeprecationWarning, stacklevel=2)
                return await method(*args, **kwargs)
        else:

            @functools.wraps(method)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                warnings.warn(message, DeprecationWarning, stacklevel=2)
                return method(*args, **kwargs)

        wrapper.__deprecated__ = message  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return mark


BatchT = TypeVar("BatchT")
"""What a batched write returns: the runtime decides (``zoho_crm.BatchResult``)."""
PageT = TypeVar("PageT")
"""What a declared page read returns (``zoho_crm.Page``)."""
SuccessT = TypeVar("SuccessT")
"""What a declared single write returns (``zoho_crm.Success``)."""
OutcomeT = TypeVar("OutcomeT")
"""What a streamed write yields, item by item (``zoho_crm.Outcome``)."""


class Method:
    """A user-facing method an operation declares (``x-zoho-method``): what it returns, how its body is built."""

    __slots__ = (
        "answers", "body", "each", "echo", "failed", "fixed", "key", "op", "options", "required", "returns",
        "until", "where", "wrap",
    )  # fmt: skip

    def __init__(
        self,
        op: Operation,
        where: str,
        returns: str,
        echo: str | None,
        body: str | None = None,
        key: str | None = None,
        fixed: Mapping[str, Any] | None = None,
        wrap: str | None = None,
        options: Mapping[str, Mapping[str, Any]] | None = None,
        each: Mapping[str, Any] | None = None,
        required: tuple[str, ...] = (),
        answers: str | None = None,
        until: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None,
        failed: tuple[int, ...] = (),
    ) -> None:
        self.op = op
        self.where = where
        """``<resource>.<method>``, as errors name it."""
        self.returns = returns
        """``page``, ``iter``, ``record``, ``count``, ``counts``, ``outcome``, ``items``, ``item`` or ``wait``."""
        self.echo = echo
        """The argument an outcome is reported for (``outcome``)."""
        self.answers = answers
        """The argument holding the id a success must answer (``outcome``), unless named by ``X-EXTERNAL``."""
        self.body = body
        """The argument holding the request body (its other keys come from the body's own keywords)."""
        self.key = key
        """The answer's list a call unwraps (``items``: the list; ``item``: its one item)."""
        self.fixed = fixed or {}
        """Parameters sent with set values, not taken as arguments (``type: CurrentUser``)."""
        self.wrap = wrap
        """The body's list that the ``body`` argument is the one item of (``data``), if any."""
        self.each = each
        """A ``body`` argument of names: where each sits in an item of ``wrap`` (``path``) and its checks."""
        self.options = options or {}
        """The body's own keywords and their schemas' rules (type, constraints, enum; an array's items' too)."""
        self.required = required
        """Arguments sent in the body that must be given (body properties made ``positional``)."""
        self.until = until
        """A ``wait`` method's end: the item's field, the values that end the wait, and all it may hold (its enum)."""
        self.failed = failed
        """Error statuses whose answer may be the ``key`` list, one failed item per input (``items``: returned)."""


class BatchOptions:
    """How a batched write runs: calls at a time, a progress callback, a per-call timeout."""

    __slots__ = ("concurrency", "on_progress", "timeout")

    def __init__(
        self,
        concurrency: int | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        self.concurrency = concurrency
        self.on_progress = on_progress
        self.timeout = timeout


class CallOptions:
    """The escape hatches every method takes: what the spec does not know yet, and a per-call timeout."""

    __slots__ = ("extra_body", "extra_headers", "extra_query", "timeout")

    def __init__(
        self,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | httpx.Timeout | None = None,
    ) -> None:
        self.extra_headers = extra_headers
        self.extra_query = extra_query
        self.extra_body = extra_body
        self.timeout = timeout


if TYPE_CHECKING:  # protocols for the type checker only: nothing to build at import time
    BatchCo = TypeVar("BatchCo", covariant=True)
    PageCo = TypeVar("PageCo", covariant=True)
    SuccessCo = TypeVar("SuccessCo", covariant=True)
    OutcomeCo = TypeVar("OutcomeCo", covariant=True)

    class SyncRuntime(Protocol[BatchCo, PageCo, SuccessCo, OutcomeCo]):
        """Sends operations synchronously (``zoho_crm._runtime.SyncRuntime``)."""

        def call(
            self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
        ) -> Any: ...

        def call_raw(
            self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
        ) -> httpx.Response: ...

        def paginate(
            self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
        ) -> Iterator[dict[str, Any]]: ...

        def declared(
            self,
            method: Method,
            params: dict[str, Any],
            timeout: float | httpx.Timeout | None,
            unknown: Mapping[str, object],
        ) -> Any: ...

        def listing(
            self,
            method: Method,
            params: dict[str, Any],
            timeout: float | httpx.Timeout | None,
            unknown: Mapping[str, object],
        ) -> Iterator[dict[str, Any]]: ...

        def wait(
            self,
            method: Method,
            params: dict[str, Any],
            every: tuple[float, float],
            timeout: float | httpx.Timeout | None,
            unknown: Mapping[str, object],
        ) -> Any: ...

        def batch(
            self,
            op: Operation,
            params: dict[str, Any],
            body: dict[str, Any],
            items: object,
            options: BatchOptions,
            unknown: Mapping[str, object],
        ) -> BatchCo: ...

        def stream_batch(
            self,
            op: Operation,
            params: dict[str, Any],
            body: dict[str, Any],
            items: object,
            options: BatchOptions,
            unknown: Mapping[str, object],
        ) -> Iterator[OutcomeCo]: ...

    class AsyncRuntime(Protocol[BatchCo, PageCo, SuccessCo, OutcomeCo]):
        """Sends operations asynchronously (``zoho_crm._runtime.AsyncRuntime``)."""

        async def call(
            self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
        ) -> Any: ...

        async def call_raw(
            self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
        ) -> httpx.Response: ...

        def paginate(
            self, op: Operation, params: dict[str, Any], options: CallOptions, unknown: Mapping[str, object]
        ) -> AsyncIterator[dict[str, Any]]: ...

        async def declared(
            self,
            method: Method,
            params: dict[str, Any],
            timeout: float | httpx.Timeout | None,
            unknown: Mapping[str, object],
        ) -> Any: ...

        def listing(
            self,
            method: Method,
            params: dict[str, Any],
            timeout: float | httpx.Timeout | None,
            unknown: Mapping[str, object],
        ) -> AsyncIterator[dict[str, Any]]: ...

        async def wait(
            self,
            method: Method,
            params: dict[str, Any],
            every: tuple[float, float],
            timeout: float | httpx.Timeout | None,
            unknown: Mapping[str, object],
        ) -> Any: ...

        async def batch(
            self,
            op: Operation,
            params: dict[str, Any],
            body: dict[str, Any],
            items: object,
            options: BatchOptions,
            unknown: Mapping[str, object],
        ) -> BatchCo: ...

        def stream_batch(
            self,
            op: Operation,
            params: dict[str, Any],
            body: dict[str, Any],
            items: object,
            options: BatchOptions,
            unknown: Mapping[str, object],
        ) -> AsyncIterator[OutcomeCo]: ...
