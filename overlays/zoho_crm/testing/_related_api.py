"""Handlers of the related-records operations (list, get, link/update, delink, count, of a deleted record)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from ._context import Context, Reply, Work
from ._errors import ZohoError
from ._listing import field_names, page_of, project, sort_keys
from ._modules import ACTIVITY_MODULES, CLOSED_STATUSES, RelatedListDef
from ._store import StoredRecord
from ._writes import ItemError, item_schema_error, write_status

__all__ = ["HANDLERS"]


def _related_list(ctx: Context) -> RelatedListDef:
    name = ctx.params["related_list"]
    related = ctx.module.related_lists.get(name)
    where = {"api_name": name, "resource_path_index": ctx.op.path_index("related_list")}
    if related is None:
        raise ZohoError(400, "INVALID_DATA", where, "the related name given seems to be invalid")
    if ctx.op.operation_id in _WRITES and not related.writable:
        raise ZohoError(400, "NOT_SUPPORTED", where, "the relation cannot be updated through this related list")
    if related.kind == "activities" and ctx.op.operation_id not in _ACTIVITY_READS:
        raise ZohoError(400, "INVALID_DATA", where, "this related list can only be listed")
    return related


_WRITES = frozenset(
    {"update_related_records", "update_related_record", "delink_related_records", "delink_related_record"}
)
_ACTIVITY_READS = frozenset({"get_related_records", "get_related_records_count"})


def _activities(ctx: Context, parent_id: str, history: bool) -> dict[str, tuple[StoredRecord, dict[str, Any]]]:
    """Open (or closed: ``history``) activities pointing at the parent, each with its ``$module``."""
    out: dict[str, tuple[StoredRecord, dict[str, Any]]] = {}
    for name in ACTIVITY_MODULES:
        activity = ctx.store.modules.get(name)
        for field in activity.lookups if activity is not None else ():
            for record in ctx.store.find(name, field, {"id": parent_id}):
                if (record.fields.get("Status") in CLOSED_STATUSES) == history:
                    out[record.id] = (record, {"$module": name})
    return out


def _parent(ctx: Context) -> StoredRecord | None:
    return ctx.resolve(ctx.module.api_name, ctx.params["record_id"])


def _read(ctx: Context, module: str, raw: str) -> StoredRecord | None:
    """The live record a related read names; ``None`` (204) for an external value that matches nothing.

    A record id that names no record is a 404 ``INVALID_DATA`` (crm-oas's ``RecordNotFoundError``).
    """
    record = ctx.resolve(module, raw)
    if record is None and ctx.externals.field_for(module) is None:
        raise ZohoError(404, "INVALID_DATA", {}, "The record does not exist")
    return record


def _write_parent(ctx: Context) -> StoredRecord:
    parent = _parent(ctx)
    if parent is None:
        raise ZohoError(
            400,
            "INVALID_DATA",
            {
                **ctx.missing(ctx.module.api_name, ctx.params["record_id"]),
                "resource_path_index": ctx.op.path_index("record_id"),
            },
            "the id given seems to be invalid",
        )
    return parent


def _members(
    ctx: Context, parent_id: str, related: RelatedListDef, *, links: bool = True
) -> dict[str, tuple[StoredRecord, dict[str, Any]]]:
    """Live related records of a parent, with their relation fields (``links``: the m2m links too)."""
    if related.kind == "activities":
        return _activities(ctx, parent_id, related.api_name.endswith("_History"))
    out: dict[str, tuple[StoredRecord, dict[str, Any]]] = {}
    if related.lookup_field is not None:
        for record in ctx.store.find(related.related_module, related.lookup_field, {"id": parent_id}):
            out[record.id] = (record, {})
    return {**out, **_linked(ctx, parent_id, related)} if links else out


def _linked(ctx: Context, parent_id: str, related: RelatedListDef) -> dict[str, tuple[StoredRecord, dict[str, Any]]]:
    """Live records an m2m relation links to the parent (what delink may remove), with the relation fields."""
    out: dict[str, tuple[StoredRecord, dict[str, Any]]] = {}
    if related.relation is not None:
        from_left = ctx.module.api_name == related.relation[0]
        for other, values in ctx.store.linked(related.relation, parent_id, from_left=from_left).items():
            record = ctx.store.get(related.related_module, other)
            if record is not None:
                out[record.id] = (record, dict(values))
    return out


def _listing(ctx: Context, parent_id: str, related: RelatedListDef, *, tokens: bool, links: bool = True) -> Reply:
    members = _members(ctx, parent_id, related, links=links)
    if ctx.params.get("ids") and related.kind == "activities":
        members = {i: m for i, m in members.items() if i in ctx.params["ids"].split(",")}
    elif ctx.params.get("ids"):
        wanted = {ctx.resolve(related.related_module, raw) for raw in ctx.params["ids"].split(",")}
        members = {i: m for i, m in members.items() if m[0] in wanted}
    sort_by = ctx.params.get("sort_by", "id")
    keys, by_key = sort_keys([record for record, _ in members.values()], sort_by)
    names = field_names(ctx.params)
    since = ctx.modified_since()

    def fetch(key: Any) -> dict[str, Any] | None:
        record = by_key[key]
        if since is not None and int(record.modified_at) <= since:
            return None
        row = project(record.fields, names, members[record.id][1])
        if related.kind == "activities":
            row["$module"] = members[record.id][1]["$module"]
        return row

    return page_of(
        ctx, keys, fetch, scope=(ctx.module.api_name, parent_id, related.api_name), tokens=tokens, sort_info=False
    )


def get_related_records(ctx: Context) -> Reply:
    """``GET /{module}/{record_id}/{related_list}``."""
    related = _related_list(ctx)
    parent = _read(ctx, ctx.module.api_name, ctx.params["record_id"])
    if parent is None:
        return Reply(204)
    return _listing(ctx, parent.id, related, tokens=True)


def get_related_record(ctx: Context) -> Reply:
    """``GET /{module}/{record_id}/{related_list}/{related_record_id}``."""
    related = _related_list(ctx)
    parent = _read(ctx, ctx.module.api_name, ctx.params["record_id"])
    child = _read(ctx, related.related_module, ctx.params["related_record_id"])
    if parent is None or child is None:
        return Reply(204)
    member = _members(ctx, parent.id, related).get(child.id)
    if member is None:
        return Reply(204)
    since = ctx.modified_since()
    if since is not None and int(child.modified_at) <= since:
        return Reply(304)
    return Reply(200, {"data": [project(child.fields, field_names(ctx.params), member[1])]})


def _link(
    ctx: Context, parent: StoredRecord, related: RelatedListDef, child: StoredRecord, item: dict[str, Any]
) -> None:
    assert related.relation is not None  # only m2m lists get here (_related_list)
    values = {field: item[field] for field in related.relation_fields if field in item}
    if ctx.module.api_name == related.relation[0]:
        ctx.store.link(related.relation, parent.id, child.id, values)
    else:
        ctx.store.link(related.relation, child.id, parent.id, values)


def _child_of(ctx: Context, related: RelatedListDef, item: Any, index: int, path_id: str | None) -> StoredRecord:
    """The related record an update item names (the path id, ``id``, or the external field)."""
    external = ctx.externals.field_for(related.related_module)
    if path_id is not None:
        raw: Any = path_id
        name = "id"
    elif external is not None:
        raw, name = item.get(external), external
        if raw in (None, ""):
            raise ItemError(
                "MANDATORY_NOT_FOUND",
                {"api_name": external, "json_path": f"$.data[{index}].{external}"},
                "required field not found",
            )
    else:
        raw, name = item.get("id"), "id"
        if raw in (None, ""):
            raise ItemError(
                "MANDATORY_NOT_FOUND",
                {"api_name": "id", "json_path": f"$.data[{index}].id"},
                "required field not found",
            )
    child = ctx.resolve(related.related_module, str(raw))
    if child is None:
        raise ItemError(
            "INVALID_DATA",
            {"api_name": name, "json_path": f"$.data[{index}].{name}", **ctx.missing(related.related_module, str(raw))},
            "the related id given seems to be invalid",
        )
    return child


def _relation_added(ctx: Context, related: RelatedListDef, child: StoredRecord) -> dict[str, Any]:
    details: dict[str, Any] = {"id": child.id}
    external = ctx.externals.field_for(related.related_module)
    if external is not None and external in child.fields:
        details[external] = child.fields[external]
    return {"code": "SUCCESS", "details": details, "message": "relation added", "status": "success"}


def _update_items(ctx: Context, path_id: str | None) -> Generator[None, None, list[dict[str, Any]]]:
    related = _related_list(ctx)
    parent = _write_parent(ctx)
    results: list[dict[str, Any]] = []
    for index, item in enumerate(ctx.body["data"]):
        yield
        try:
            error = item_schema_error(ctx, item, index)
            if error is not None:
                raise error
            child = _child_of(ctx, related, item, index, path_id)
            _link(ctx, parent, related, child, item)
            results.append(_relation_added(ctx, related, child))
        except ItemError as failure:
            results.append(failure.result())
    return results


def update_related_records(ctx: Context) -> Work:
    """``PUT /{module}/{record_id}/{related_list}``."""
    results = yield from _update_items(ctx, None)
    return Reply(write_status(results, 200), {"data": results})


def update_related_record(ctx: Context) -> Work:
    """``PUT /{module}/{record_id}/{related_list}/{related_record_id}``."""
    results = yield from _update_items(ctx, ctx.params["related_record_id"])
    return Reply(write_status(results, 200), {"data": results})


def _delink(ctx: Context, parent: StoredRecord, related: RelatedListDef, raw: str) -> dict[str, Any]:
    child = ctx.resolve(related.related_module, raw)
    if child is None or child.id not in _linked(ctx, parent.id, related):
        raise ItemError(
            "INVALID_DATA", ctx.missing(related.related_module, raw), "the related id given seems to be invalid"
        )
    assert related.relation is not None  # only m2m lists get here (_related_list)
    left, right = (parent.id, child.id) if ctx.module.api_name == related.relation[0] else (child.id, parent.id)
    ctx.store.unlink(related.relation, left, right)
    details: dict[str, Any] = {"id": child.id}
    external = ctx.externals.field_for(related.related_module)
    if external is not None:
        details[external] = raw
    return {"code": "SUCCESS", "details": details, "message": "relation removed", "status": "success"}


def delink_related_records(ctx: Context) -> Work:
    """``DELETE /{module}/{record_id}/{related_list}?ids=``."""
    related = _related_list(ctx)
    parent = _write_parent(ctx)
    raws = ctx.ids(related.related_module)
    results: list[dict[str, Any]] = []
    for raw in raws:
        yield
        try:
            results.append(_delink(ctx, parent, related, raw))
        except ItemError as failure:
            results.append(failure.result())
    return Reply(write_status(results, 200), {"data": results})


def delink_related_record(ctx: Context) -> Reply:
    """``DELETE /{module}/{record_id}/{related_list}/{related_record_id}``."""
    related = _related_list(ctx)
    parent = _write_parent(ctx)
    try:
        return Reply(200, {"data": [_delink(ctx, parent, related, ctx.params["related_record_id"])]})
    except ItemError as failure:
        raise ZohoError(400, "INVALID_DATA", failure.details, failure.message) from None


def _both_keys(where: str) -> list[dict[str, str]]:
    """A related-list reference's ``api_name`` and ``id``, as error details list them."""
    return [{"api_name": key, "json_path": f"{where}.{key}"} for key in ("api_name", "id")]


def get_related_records_count(ctx: Context) -> Reply:
    """``POST /{module}/{record_id}/actions/get_related_records_count``."""
    parent = _write_parent(ctx)
    by_id = {related.id: related for related in ctx.module.related_lists.values()}
    results: list[dict[str, Any]] = []
    for index, query in enumerate(ctx.body["get_related_records_count"]):
        where = f"$.get_related_records_count[{index}].related_list"
        ref = query["related_list"]
        api_name, list_id = ref.get("api_name"), ref.get("id")
        if api_name is None and list_id is None:
            results.append(
                ItemError(
                    "EXPECTED_FIELD_MISSING",
                    {"expected_fields": _both_keys(where)},
                    "either api_name or id is expected",
                ).result()
            )
            continue
        named = ctx.module.related_lists.get(api_name) if api_name is not None else None
        identified = by_id.get(list_id) if list_id is not None else None
        if api_name is not None and list_id is not None and named is not identified:
            results.append(
                ItemError(
                    "AMBIGUITY_DURING_PROCESSING",
                    {"ambiguity_due_to": _both_keys(where)},
                    "api_name and id name different related lists",
                ).result()
            )
            continue
        related = named or identified
        if related is None:
            bad = "api_name" if api_name is not None else "id"
            results.append(
                ItemError(
                    "INVALID_DATA", {"api_name": bad, "json_path": f"{where}.{bad}"}, "invalid related list"
                ).result()
            )
            continue
        count = len(_members(ctx, parent.id, related))
        results.append({"count": count, "related_list": {"api_name": related.api_name, "id": related.id}})
    ok = sum(1 for result in results if "count" in result)
    return Reply(200 if ok == len(results) else 207, {"get_related_records_count": results})


def get_deleted_record_related_records(ctx: Context) -> Reply:
    """``GET /{module}/deleted/{record_id}/{related_list}``."""
    related = _related_list(ctx)
    raw = ctx.params["record_id"]
    entry = ctx.store.deleted_entry(ctx.module.api_name, raw)
    if entry is None or entry.type != "recycle":
        raise ZohoError(
            400,
            "INVALID_DATA",
            {**ctx.missing(ctx.module.api_name, raw), "resource_path_index": ctx.op.path_index("record_id")},
            "the record is not in the recycle bin",
        )
    if related.lookup_field is None:  # Contacts → Deals lists its Contact_Name deals
        raise ZohoError(400, "NOT_SUPPORTED", {"api_name": related.api_name}, "only lookup related lists are supported")
    return _listing(ctx, entry.id, related, tokens=False, links=False)


HANDLERS: dict[str, Callable[[Context], Reply | Work]] = {
    "get_related_records": get_related_records,
    "get_related_record": get_related_record,
    "update_related_records": update_related_records,
    "update_related_record": update_related_record,
    "delink_related_records": delink_related_records,
    "delink_related_record": delink_related_record,
    "get_related_records_count": get_related_records_count,
    "get_deleted_record_related_records": get_deleted_record_related_records,
}
