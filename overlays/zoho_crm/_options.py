"""The typed options of the hand-written reads (``records.list/iter/get/search/count``, ``related.list/iter``).

Each is a ``TypedDict`` taken as ``**options: Unpack[...]``: a misspelt option fails ``mypy --strict``, and
at run time :func:`accepts` refuses it with a ``ZohoValidationError`` naming it and the call, before any
request. The generated methods (``crm.records.get_records``...) spell every parameter out instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any, Literal, ParamSpec, TypedDict, TypeVar

from .errors import ZohoValidationError

P = ParamSpec("P")
R = TypeVar("R")

TriState = bool | Literal["true", "false", "both"]


class GetOptions(TypedDict, total=False):
    """Options of ``records.get``: a custom view, filters, a territory."""

    cvid: str
    converted: TriState
    approved: TriState
    territory_id: str
    include_child: bool


class RelatedIterOptions(TypedDict, total=False):
    """Options of ``related.iter``: ids, sorting, ``converted``, ``if_modified_since``."""

    ids: Iterable[str]
    sort_by: Literal["id", "Created_Time", "Modified_Time"]
    sort_order: Literal["asc", "desc"]
    converted: TriState
    if_modified_since: dt.datetime | str


class RelatedListOptions(RelatedIterOptions, total=False):
    """Options of ``related.list``: those of ``related.iter`` and the page."""

    page: int
    per_page: int
    page_token: str


class IterOptions(GetOptions, RelatedIterOptions, total=False):
    """Options of ``records.iter``."""

    external: str


class ListOptions(IterOptions, total=False):
    """Options of ``records.list`` (Zoho's Get Records parameters)."""

    page: int
    per_page: int
    page_token: str


class CountOptions(TypedDict, total=False):
    """Options of ``records.count``: a custom view or one search condition."""

    cvid: str
    criteria: str
    email: str
    phone: str
    word: str
    converted: TriState
    approved: TriState


class SearchIterOptions(CountOptions, total=False):
    """Options of ``records.iter_search``."""

    fields: Iterable[str] | str
    external: str


class SearchOptions(SearchIterOptions, total=False):
    """Options of ``records.search``."""

    page: int
    per_page: int


def accepts(options: type[Any]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Refuse, at call time, a keyword the method and its ``options`` do not name (typed, not ``TypeError``)."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        named = {n for n, p in inspect.signature(method).parameters.items() if p.kind is not p.VAR_KEYWORD}
        allowed = frozenset(named | options.__optional_keys__ | options.__required_keys__)
        where = method.__qualname__.replace("Async", "").replace("Records.", "records.").replace("Related.", "related.")

        @functools.wraps(method)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            unknown = set(kwargs) - allowed
            if unknown:
                raise ZohoValidationError(f"{where} does not take: {', '.join(sorted(unknown))}")
            return method(*args, **kwargs)

        return checked

    return decorate
