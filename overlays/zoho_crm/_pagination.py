"""Walking a listing page by page: Zoho's ``page_token`` whenever it gives one, else ``page`` numbers.

No record is yielded twice (the walk remembers each id, a Zoho id as an int: about 70 bytes a record),
and a listing that would never end raises :class:`~zoho_crm.errors.PaginationError` (docs/pagination.md).
The walk itself (``awalk``) is written once in ``_async/_pagination.py``; ``walk`` is generated from it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Collection, Hashable
from typing import Any

from . import _plans
from ._logging import logger
from .errors import InvalidResponseError, PaginationError
from .results import Page, Record

SyncPageFetch = Callable[[dict[str, Any]], Page]
"""Reads the page of a listing that its paging parameters (``page`` or ``page_token``) name."""
AsyncPageFetch = Callable[[dict[str, Any]], Awaitable[Page]]
"""Reads the page of a listing that its paging parameters name, awaited."""

MAX_IDLE_PAGES = 3
"""Pages in a row that bring no new record (empty, or repeated) yet claim more, before a listing is declared endless."""

MAX_LISTED = 100_000
"""Records a listing can reach (Zoho answers ``PAGINATION_LIMIT_EXCEEDED`` past it with page tokens)."""


_ZOHO_ID = re.compile(r"-?(?:0|[1-9][0-9]{0,18})")


def _key(record: Record) -> Hashable | None:
    """A record's id as the walk remembers it: a number as an int (exact, and smaller than its text)."""
    key = record.get("id")
    if isinstance(key, str):
        if key.isascii() and _ZOHO_ID.fullmatch(key):
            return int(key)
        return key if len(key) <= 64 else ("#", hash(key))  # a server's odd id: at most a few bytes held
    return key if isinstance(key, int) and not isinstance(key, bool) else None


class Walk:
    """Where a listing is: which records of a page are new, and which page to ask for next."""

    def __init__(self, pagination: Collection[str], per_page: int, reach: int | None = None) -> None:
        """``pagination``: the paging parameters the operation takes; ``reach``: how far page numbers alone go.

        ``limit`` (COQL's offsets): each page after the first also says the records read so far (``offset``).
        """
        self._numbered = "page" in pagination or "limit" in pagination
        self._offsets = "limit" in pagination
        self._tokens = "page_token" in pagination
        self._per_page = per_page
        self._reach = reach
        self._page_no = 1
        self._read = 0
        self._idle = 0
        self._seen: set[Hashable] = set()
        self._by_token = False
        self._pages: set[int] = set()
        self._handed: set[str] = set()

    @property
    def first(self) -> dict[str, Any]:
        """The first page's paging parameters."""
        return {"page": 1} if self._numbered else {}

    def fresh(self, page: Page) -> list[Record]:
        """The page's records not yielded before (by id; a record without one is always yielded).

        The page is idle when it is empty, or, read by page number, when it brings no id not yielded
        before and its records without ids repeat an earlier page's. A page read by a fresh token is
        not idle for repeating ids: a record updated while a listing sorted by ``Modified_Time`` is
        walked comes round again (token cycles and :data:`MAX_LISTED` bound a lying server).
        """
        records = page.records
        self._read += len(records)
        seen, new, nameless, named = self._seen, [], [], False
        for record in records:
            key = _key(record)
            if key is None:
                new.append(record)
                nameless.append(record)
            elif key not in seen:  # a page naming one id twice yields it once too
                new.append(record)
                seen.add(key)
                named = True
        progress = named
        if nameless:
            whole = hash(repr(nameless))
            progress = progress or whole not in self._pages
            self._pages.add(whole)
        self._idle = 0 if records and (progress or self._by_token) else self._idle + 1
        return new

    def next(self, page: Page) -> dict[str, Any] | None:
        """The next page's paging parameters, or ``None`` when the listing is done; raises when it is endless."""
        if page.info is None:
            if page.records:
                raise InvalidResponseError("a page of the listing came without its info (more_records)")
            return None  # 204: nothing (more) to list
        more = page.info.more_records
        if not isinstance(more, bool):
            said = f"more_records={more!r}" if isinstance(more, (str, int, float, type(None))) else "no more_records"
            raise InvalidResponseError(f"a page of the listing has {said}, not true or false")
        if not more:
            return None
        if self._read >= MAX_LISTED:
            raise PaginationError(f"{self._read} records read and more claimed: Zoho lists at most {MAX_LISTED}")
        if not self._offsets and self._page_no >= -(-MAX_LISTED // self._per_page) + MAX_IDLE_PAGES:
            raise PaginationError(
                f"{self._page_no} pages read ({self._read} records, {self._per_page} asked a page) and more "
                f"claimed: pages that short cannot reach Zoho's {MAX_LISTED} records; stopped"
            )
        if self._idle >= MAX_IDLE_PAGES:
            raise PaginationError(
                f"{self._idle} pages in a row (to page {self._page_no}) brought no new record yet claim more "
                "(the server ignores page or page_token, or repeats itself); stopped"
            )
        self._page_no += 1
        token = page.next_page_token
        if self._tokens and token is not None:
            if token in self._handed:
                raise PaginationError(f"page token {token[:40]!r} was handed out before (a cycle); stopped")
            self._handed.add(token)
            self._by_token = True
            return {"page_token": token}
        if self._numbered and by_number(self._tokens, self._page_no, self._per_page, self._reach):
            self._by_token = False
            return {"page": self._page_no, "offset": self._read} if self._offsets else {"page": self._page_no}
        if self._tokens:
            raise InvalidResponseError(f"Zoho reports more records past {self._read} but gave no page token")
        logger.warning("zoho_crm: listing stopped at Zoho's limit of %d records", self._reach)
        return None


def by_number(tokens: bool, page_no: int, per_page: int, reach: int | None) -> bool:
    """Whether page ``page_no`` can be asked for by number.

    With page ``tokens``, only within 2,000 records (Zoho refuses a page past them); else a page starting
    within the listing's ``reach``.
    """
    if tokens:
        return page_no * per_page <= _plans.DISCRETE_LIMIT
    return reach is None or (page_no - 1) * per_page < reach
