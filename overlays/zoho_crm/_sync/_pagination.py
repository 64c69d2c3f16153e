# GENERATED from overlays/zoho_crm/_async/_pagination.py by generator/make_sync.py (unasync): do not edit.
"""Walking a listing page by page, as ``zoho_crm._pagination.Walk`` says (it stops an endless one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .._pagination import SyncPageFetch, Walk
    from ..results import Record

__all__ = ["walk"]


def walk(fetch: SyncPageFetch, listing: Walk) -> Iterator[Record]:
    """Every record of a listing once, a page at a time (``fetch(paging parameters)`` reads a page)."""
    paging: dict[str, Any] | None = listing.first
    while paging is not None:
        page = fetch(paging)
        for record in listing.fresh(page):
            yield record
        paging = listing.next(page)
