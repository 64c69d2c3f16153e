"""Walking a listing page by page: ``page`` numbers within 2,000 records, then Zoho's ``page_token``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from . import _plans
from ._engine import AsyncEngine, SyncEngine, Timeout
from .results import Record


def walk(engine: SyncEngine, op: str, base: dict[str, Any], per_page: int, timeout: Timeout) -> Iterator[Record]:
    """Every record of a listing, one page in memory at a time; stops on ``more_records: false`` or 204."""
    params, page_no = base, 1
    while True:
        page = _plans.page_from(engine.send(op, params, idempotent=True, timeout=timeout))
        yield from page.records
        step = _plans.next_list_params(base, page, page_no, per_page)
        if step is None:
            return
        params, page_no = step


async def awalk(
    engine: AsyncEngine, op: str, base: dict[str, Any], per_page: int, timeout: Timeout
) -> AsyncIterator[Record]:
    """Async :func:`walk`."""
    params, page_no = base, 1
    while True:
        page = _plans.page_from(await engine.send(op, params, idempotent=True, timeout=timeout))
        for record in page.records:
            yield record
        step = _plans.next_list_params(base, page, page_no, per_page)
        if step is None:
            return
        params, page_no = step
