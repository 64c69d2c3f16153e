"""What a ``mypy --strict`` user writes with batch results and declared calls: no casts (``test_batch_integrity``)."""

from __future__ import annotations

from typing import Any

from zoho_crm import AsyncZohoCRM, BatchError, BatchResult, Success, ZohoCRM


def written_ids(crm: ZohoCRM) -> list[str]:
    """The ids of the records written, all or part."""
    result: BatchResult = crm.records.insert("Leads", [{"Last_Name": "x"}])
    try:
        return result.raise_for_errors().ids
    except BatchError as err:
        return [success.id for success in err.result.succeeded]


def first_id(success: Success) -> str:
    """A success always has its record's id."""
    return success.id


def streamed_failures(crm: ZohoCRM) -> list[int]:
    """The indexes of the records a stream could not write: outcomes need no casts either."""
    records = ({"Last_Name": f"x{i}", "Email": f"x{i}@example.com"} for i in range(3))
    return [o.index for o in crm.records.upsert_stream("Leads", records, duplicate_check_fields=["Email"]) if not o.ok]


async def astreamed_ids(crm: AsyncZohoCRM) -> list[str]:
    """The ids of the records an async stream wrote."""
    return [o.id async for o in crm.records.insert_stream("Leads", [{"Last_Name": "x"}]) if isinstance(o, Success)]


def mass_update_status(crm: ZohoCRM, view: str) -> str:
    """A mass update of a custom view's records, and its job's status: the answer's items, typed."""
    items: list[dict[str, Any]] = crm.records.mass_update("Leads", {"Lead_Source": "Web"}, cvid=view)
    status: dict[str, Any] = crm.records.mass_update_status("Leads", str(items[0]["details"]["job_id"]))
    return str(status["Status"])


async def amass_update(crm: AsyncZohoCRM, ids: list[str]) -> list[str]:
    """The codes of a mass update by ids, one per id."""
    return [str(item["code"]) for item in await crm.records.mass_update("Leads", {"City": "Paris"}, ids=ids)]
