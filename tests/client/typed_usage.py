"""What a ``mypy --strict`` user writes with batch results: no casts (checked by ``test_batch_integrity``)."""

from __future__ import annotations

from zoho_crm import BatchError, BatchResult, Success, ZohoCRM


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
