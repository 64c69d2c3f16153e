# GENERATED from overlays/zoho_crm/_async/_pagination.py by generator/make_sync.py (unasync): do not edit.
"""Walking a listing page by page, with the guards of ``zoho_crm._pagination`` (which stop an endless one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import _pagination as paging
from .. import _plans

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._engine import Timeout
    from ..results import Record
    from ._engine import SyncEngine

__all__ = ["numbered", "walk"]


def walk(engine: SyncEngine, op: str, base: dict[str, Any], per_page: int, timeout: Timeout) -> Iterator[Record]:
    """Every record of a listing, one page in memory at a time; stops on ``more_records: false`` or 204.

    ``page`` numbers within 2,000 records, then Zoho's ``page_token``.
    """
    guard, params, page_no = paging.Guard(paging.MAX_LISTED), base, 1
    while True:
        page = _plans.page_from(engine.send(op, params, idempotent=True, timeout=timeout))
        for record in page.records:
            yield record
        step = paging.next_params(guard, base, page, page_no, per_page)
        if step is None:
            return
        params, page_no = step, page_no + 1


def numbered(fetch: paging.SyncPageFetch, per_page: int, limit: int | None = None) -> Iterator[Record]:
    """Every record of a listing read by page number alone (``fetch(n)`` reads page ``n``), up to ``limit``."""
    guard, page_no = paging.Guard(), 1
    while True:
        page = fetch(page_no)
        for record in page.records:
            yield record
        if not guard.more(page.records, page.more_records, page_no) or paging.at_limit(page_no, per_page, limit):
            return
        page_no += 1
