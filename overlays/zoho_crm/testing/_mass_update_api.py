"""Handlers of Mass Update: ``POST /{module}/actions/mass_update`` and its status, ``GET ...?job_id=``.

With ``ids`` the records are updated at once, one outcome per id (200; 207 for a mix; 400 when every id
failed, as crm-oas ``massUpdateRecords`` shows). With ``cvid`` a :class:`MassUpdateJob`
is kept in the store: ``SCHEDULED`` until its status is read a second time, or until ``job_delay`` has
passed on the sandbox clock (the next API call, whichever it is, then runs it); then ``COMPLETED`` with
its counts. Each record is written as an update of that record would be (``clean_record``): a value it
refuses, or a record deleted since, fails that record only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ._context import Context, Reply, Work
from ._errors import ZohoError
from ._external import NONE
from ._store import SYSTEM_FIELDS, StoredRecord, copy_json
from ._writes import ItemError, clean_record, item_schema_error, success, write_status

__all__ = ["HANDLERS", "MassUpdateJob", "run_due_jobs"]

MAX_JOB_RECORDS = 50_000
"""Records one job may update (``LIMIT_EXCEEDED`` past it); the spec caps ``ids`` at 500."""
FIELD_LIMITS = {"Deals": 3}
"""Fields one call may set, where it is not one."""
UNSUPPORTED = frozenset({"Notes"})
"""Modules mass update does not serve."""
FIXED_FIELDS = frozenset({*SYSTEM_FIELDS, "Full_Name", "Owner", "_delete"})
"""Read-only fields, and the owner (a lookup of users): never mass updated."""
_INVALID_ID = "the id given seems to be invalid"


@dataclasses.dataclass
class MassUpdateJob:
    """A mass update of a custom view's records: what it sets, on which records, how far it got."""

    id: str
    module: str
    cvid: str
    values: dict[str, Any]
    over_write: bool
    targets: list[str]
    """The ids of the view's records when the job was scheduled."""
    scheduled_at: float
    status: str = "SCHEDULED"
    reads: int = 0
    """Status reads answered while it was scheduled."""
    updated: int = 0
    failed: int = 0

    def to_json(self) -> dict[str, Any]:
        """The job as the status call shows it."""
        total = len(self.targets)
        return {
            "Status": self.status,
            "Total_Count": total,
            "Updated_Count": self.updated,
            "Not_Updated_Count": total - self.updated - self.failed,
            "Failed_Count": self.failed,
        }


def _values(ctx: Context) -> dict[str, Any]:
    """The one item of ``data``, refused as a whole (400 ``INVALID_DATA``) where Zoho refuses it."""
    item = ctx.body["data"][0]
    error = item_schema_error(ctx, item, 0)
    if error is not None:
        raise ZohoError(400, error.code, error.details, error.message)
    if not item:
        raise ZohoError(400, "INVALID_DATA", {"json_path": "$.data[0]"}, "No field found")
    module = ctx.module
    limit = FIELD_LIMITS.get(module.api_name, 1)
    if len(item) > limit:
        raise ZohoError(400, "INVALID_DATA", {"json_path": "$.data[0]", "limit": limit}, "Max field limit exceeded")
    for field in item:
        if field in FIXED_FIELDS or field.startswith("$") or field in module.lookups or field in module.email_fields:
            raise ZohoError(
                400,
                "INVALID_DATA",
                {"api_name": field, "json_path": f"$.data[0].{field}"},
                "This field cannot be updated in the Mass Update",
            )
    values: dict[str, Any] = item
    return values


def _write(ctx: Context, record: StoredRecord, values: dict[str, Any], over_write: bool) -> None:
    """Set ``values`` on one record as an update of it would; :class:`ItemError` when it is refused.

    Without ``over_write``, a list value (a multi-select picklist) is added to the record's values.
    """
    item = copy_json(values)
    if not over_write:
        item["$append_values"] = {field: True for field, value in values.items() if isinstance(value, list)}
    changes = clean_record(ctx, ctx.module, item, 0, existing=record)
    ctx.store.update(record, changes, ctx.now)


def _by_ids(ctx: Context, values: dict[str, Any], ids: list[Any], over_write: bool) -> Work:
    """The records ``ids`` names, updated at once: one outcome per id, in input order."""
    module = ctx.module.api_name
    results: list[dict[str, Any]] = []
    for raw in ids:
        yield
        record = ctx.store.get(module, str(raw))
        if record is None:
            results.append(ItemError("INVALID_DATA", ctx.missing(module, str(raw)), _INVALID_ID).result())
            continue
        try:
            _write(ctx, record, values, over_write)
            results.append(success("record updated", record))
        except ItemError as failure:
            results.append(ItemError(failure.code, {**failure.details, "id": record.id}, failure.message).result())
    return Reply(write_status(results, 200), {"data": results})  # 400 with the items when every id failed


def _schedule(ctx: Context, values: dict[str, Any], cvid: str, territory: Any, over_write: bool) -> Reply:
    """A job for every record of the view (the module's one), or the reason there is none."""
    module = ctx.module
    if cvid != module.view_id:
        raise ZohoError(400, "INVALID_DATA", {"api_name": "cvid", "json_path": "$.cvid"}, _INVALID_ID)
    if territory is not None:  # the sandbox has no territories
        raise ZohoError(400, "INVALID_DATA", {"api_name": "id", "json_path": "$.territory.id"}, _INVALID_ID)
    for job in ctx.store.jobs.values():
        if job.module == module.api_name and job.cvid == cvid and job.status in ("SCHEDULED", "RUNNING"):
            busy = ItemError("ALREADY_SCHEDULED", {}, "Already a Mass Action scheduler is running for the given cvid")
            return Reply(202, {"data": [busy.result()]})
    targets = [record.id for record in ctx.store.live(module.api_name)]
    if not targets:
        raise ZohoError(400, "NO_RECORDS_FOUND", {}, "no record found to update")
    if len(targets) > MAX_JOB_RECORDS:
        raise ZohoError(400, "LIMIT_EXCEEDED", {"limit": MAX_JOB_RECORDS}, "Record count exceeded")
    job = MassUpdateJob(ctx.store.new_id(), module.api_name, cvid, copy_json(values), over_write, targets, ctx.now)
    ctx.store.jobs[job.id] = job
    scheduled = {"job_id": job.id}
    return Reply(
        200,
        {"data": [{"code": "SUCCESS", "details": scheduled, "message": "mass update scheduled successfully",
                   "status": "success"}]},
    )  # fmt: skip


def _run(ctx: Context, job: MassUpdateJob) -> None:
    """Apply a scheduled job to its records, once: each one updated, or failed (deleted since, refused)."""
    module = ctx.store.modules.get(job.module)
    if module is None:  # the module was replaced by one that is gone
        job.status = "FAILED"
        return
    run = dataclasses.replace(ctx, module=module, externals=NONE, memo={})
    for record_id in job.targets:
        record = run.store.get(job.module, record_id)
        try:
            if record is None:
                raise ItemError("INVALID_DATA", {"id": record_id}, _INVALID_ID)
            _write(run, record, job.values, job.over_write)
            job.updated += 1
        except ItemError:
            job.failed += 1
    job.status = "COMPLETED"


def run_due_jobs(ctx: Context) -> None:
    """Run the scheduled jobs whose ``job_delay`` has passed on the sandbox clock (before a call is handled)."""
    due = ctx.now - ctx.config.job_delay
    for job in ctx.store.jobs.values():
        if job.status == "SCHEDULED" and job.scheduled_at <= due:
            _run(ctx, job)


def mass_update_records(ctx: Context) -> Work:
    """``POST /{module}/actions/mass_update``."""
    if ctx.module.api_name in UNSUPPORTED:
        raise ZohoError(400, "INVALID_MODULE", {"resource_path_index": 0}, "mass update does not support this module")
    body = ctx.body
    ids, cvid, territory = body.get("ids"), body.get("cvid"), body.get("territory")
    if ids is not None and cvid is not None:
        raise ZohoError(
            400,
            "AMBIGUITY_DURING_PROCESSING",
            {"ambiguity_due_to": [{"api_name": "ids"}, {"api_name": "cvid"}]},
            "give either ids or cvid",
        )
    if cvid is None and (ids is None or territory is not None):
        name = "ids" if territory is None else "cvid"
        raise ZohoError(400, "MANDATORY_NOT_FOUND", {"api_name": name, "json_path": f"$.{name}"})
    values = _values(ctx)
    over_write = body.get("over_write") is True
    if ids is not None:
        return (yield from _by_ids(ctx, values, ids, over_write))
    return _schedule(ctx, values, cvid, territory, over_write)


def get_mass_update_status(ctx: Context) -> Reply:
    """``GET /{module}/actions/mass_update?job_id=``: a scheduled job runs at its second read."""
    job = ctx.store.jobs.get(ctx.params["job_id"])
    if not isinstance(job, MassUpdateJob) or job.module != ctx.module.api_name:
        raise ZohoError(404, "NOT_FOUND", {"param_name": "job_id"}, "Empty response")
    if job.status == "SCHEDULED":
        if job.reads:
            _run(ctx, job)
        else:
            job.reads += 1
    return Reply(200, {"data": [job.to_json()]})


HANDLERS: dict[str, Callable[[Context], Reply | Work]] = {
    "mass_update_records": mass_update_records,
    "get_mass_update_status": get_mass_update_status,
}
