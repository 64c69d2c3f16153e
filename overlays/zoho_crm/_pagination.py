"""Walking a listing page by page: ``page`` numbers within 2,000 records, then Zoho's ``page_token``.

A listing that would never end is stopped with :class:`~zoho_crm.errors.PaginationError`: a page
token seen before (repeated, or a cycle), a page seen before (a server that ignores ``page`` or the
token), :data:`MAX_EMPTY_PAGES` empty pages in a row that still claim ``more_records``, or more
records claimed past :data:`MAX_LISTED` (Zoho's page tokens reach no further).

The walks themselves (``awalk``, ``anumbered``) are written once in ``_async/_pagination.py``; ``walk`` and
``numbered`` are generated from them into ``_sync/``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from . import _plans
from ._logging import logger
from .errors import InvalidResponseError, PaginationError
from .results import Page

SyncPageFetch = Callable[[int], Page]
"""Reads page ``n`` of a listing walked by number."""
AsyncPageFetch = Callable[[int], Awaitable[Page]]
"""Reads page ``n`` of a listing walked by number, awaited."""

MAX_EMPTY_PAGES = 3
"""Empty pages in a row claiming more records before a listing is declared endless."""

MAX_LISTED = 100_000
"""Records a listing walked with page tokens can reach (Zoho answers ``PAGINATION_LIMIT_EXCEEDED`` past it)."""


class Guard:
    """Tells whether a listing goes on after a page, and stops one that would never end."""

    def __init__(self, most: int | None = None) -> None:
        self._tokens: set[str] = set()
        self._pages: set[int] = set()
        self._empty = 0
        self._read = 0
        self._most = most

    def more(self, records: list[dict[str, Any]], more_records: bool, page_no: int) -> bool:
        """Whether to ask for the page after page ``page_no`` (its ``records``, and whether Zoho claims more).

        Raises :class:`~zoho_crm.errors.PaginationError` when the listing is endless.
        """
        self._read += len(records)
        if not more_records:
            return False
        if self._most is not None and self._read >= self._most:
            raise PaginationError(f"{self._read} records read and more claimed: Zoho lists at most {self._most}")
        if not records:
            self._empty += 1
            if self._empty >= MAX_EMPTY_PAGES:
                raise PaginationError(
                    f"{self._empty} empty pages in a row (to page {page_no}) still claim more records; stopped"
                )
            return True
        self._empty = 0
        ids = tuple(record.get("id") for record in records)
        seen = hash(repr(ids))  # an id may be anything a lying server sends (a list: unhashable)
        if any(ids) and seen in self._pages:
            raise PaginationError(
                f"page {page_no} repeats a page already read (the server ignores page or page_token); stopped"
            )
        self._pages.add(seen)
        return True

    def token(self, token: str | None, read: int) -> str:
        """The next page token, checked: present, and never handed out before in this listing."""
        if token is None:
            raise InvalidResponseError(f"Zoho reports more records past {read} but gave no page token")
        if token in self._tokens:
            raise PaginationError(f"page token {token[:40]!r} was handed out before (a cycle); stopped after {read}")
        self._tokens.add(token)
        return token


def next_params(guard: Guard, base: dict[str, Any], page: Page, page_no: int, per_page: int) -> dict[str, Any] | None:
    """The next page's arguments (by number, then by token), or ``None`` when the listing is done."""
    if not guard.more(page.records, page.more_records, page_no):
        return None
    if (page_no + 1) * per_page <= _plans.DISCRETE_LIMIT:
        return {**base, "page": page_no + 1}
    return {**base, "page_token": guard.token(page.next_page_token, page_no * per_page)}


def at_limit(page_no: int, per_page: int, limit: int | None) -> bool:
    """Whether a walk by page number has reached ``limit`` records (logged)."""
    if limit is not None and page_no * per_page >= limit:
        logger.warning("zoho_crm: listing stopped at Zoho's limit of %d records", limit)
        return True
    return False
