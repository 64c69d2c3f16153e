"""What a ``mypy --strict`` user writes with batch results: no casts (checked by ``test_batch_integrity``)."""

from __future__ import annotations

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
