"""Walking a listing page by page, as ``zoho_crm._pagination.Walk`` says (it stops an endless one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from .._pagination import AsyncPageFetch, Walk
    from ..results import Record

__all__ = ["awalk"]


async def awalk(fetch: AsyncPageFetch, listing: Walk) -> AsyncIterator[Record]:
    """Every record of a listing once, a page at a time (``fetch(paging parameters)`` reads a page)."""
    paging: dict[str, Any] | None = listing.first
    while paging is not None:
        page = await fetch(paging)
        for record in listing.fresh(page):
            yield record
        paging = listing.next(page)
