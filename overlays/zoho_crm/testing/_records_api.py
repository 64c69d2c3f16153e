"""Handlers of the records operations (list, get, insert, update, upsert, delete, search, count, clone)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ._context import Context, Reply, Work
from ._criteria import CriteriaError, Predicate, parse_criteria
from ._errors import ZohoError
from ._listing import field_names, page_of, project, record_key
from ._metadata_api import fields_of
from ._store import StoredRecord, copy_json
from ._writes import ItemError, clean_record, empty_value, item_schema_error, success, write_status

__all__ = ["HANDLERS", "write_cost"]

SEARCH_KEYS = ("criteria", "email", "phone", "word")
RICH_TEXT_LISTED = 500
"""Characters of a rich text field a listing shows (the get-records page); Get Rich Text Fields reads all."""


def write_cost(operation_id: str, body: Any) -> int:
    """API credits of a call: 1, or 1 per 10 records for insert, update and upsert."""
    if operation_id in ("insert_records", "update_records", "upsert_records") and isinstance(body, dict):
        data = body.get("data")
        if isinstance(data, list) and data:
            return math.ceil(len(data) / 10)
    return 1


# reads ------------------------------------------------------------------------------------------


def _converted_filter(ctx: Context) -> Callable[[dict[str, Any]], bool] | None:
    """Whether a record passes ``converted`` (``$converted`` records: converted Leads), or ``None`` for all."""
    wanted = ctx.params.get("converted", "false")
    if wanted == "both":
        return None
    converted = wanted == "true"
    return lambda fields: (fields.get("$converted") is True) == converted


def _check_view(ctx: Context) -> None:
    cvid = ctx.params.get("cvid")
    if cvid is not None and cvid != ctx.module.view_id:
        raise ZohoError(400, "INVALID_DATA", {"param_name": "cvid"}, "the custom view id is invalid")


def _check_territory(ctx: Context) -> None:
    if ctx.params.get("territory_id") is None:
        return
    if not ctx.module.territories:
        raise ZohoError(400, "INVALID_MODULE", {"param_name": "territory_id"}, "territories are not supported here")
    raise ZohoError(400, "INVALID_DATA", {"param_name": "territory_id"}, "no such territory")


def get_records(ctx: Context) -> Reply:
    """``GET /{module}``."""
    params = ctx.params
    if params.get("cvid") is not None and "sort_by" in ctx.query:
        raise ZohoError(
            400,
            "AMBIGUITY_DURING_PROCESSING",
            {"ambiguity_due_to": [{"param_name": "cvid"}, {"param_name": "sort_by"}]},
            "cvid cannot be combined with sort_by",
        )
    _check_view(ctx)
    _check_territory(ctx)
    names = field_names(params)
    since = ctx.modified_since()
    sort_by = params["sort_by"]
    module = ctx.module.api_name
    table = ctx.store.tables[module]

    keys: Any
    if params.get("ids"):
        wanted = [ctx.resolve(module, raw) for raw in params["ids"].split(",")]
        records = {record_key(r, sort_by): r for r in wanted if r is not None}
        keys = sorted(records)
        lookup: Callable[[Any], StoredRecord | None] = records.get
    else:
        keys = ctx.store.ordered_keys(module, sort_by)
        if sort_by == "id":
            lookup = lambda key: table.records.get(str(key))  # noqa: E731
        else:
            lookup = lambda key: table.records.get(str(key[1]))  # noqa: E731

    converted = _converted_filter(ctx)

    def fetch(key: Any) -> dict[str, Any] | None:
        record = lookup(key)
        if record is None or (since is not None and int(record.modified_at) <= since):
            return None
        if converted is not None and not converted(record.fields):
            return None
        shown = project(record.fields, names)
        for name in rich_text:
            value = shown.get(name)
            if isinstance(value, str) and len(value) > RICH_TEXT_LISTED:
                shown[name] = value[:RICH_TEXT_LISTED]
        return shown

    rich_text = ctx.module.rich_text
    reply = page_of(ctx, keys, fetch, scope=(module,))
    if reply.status == 200:
        reply.body["info"].update(call=False, email=False)
    return reply


def get_record(ctx: Context) -> Reply:
    """``GET /{module}/{record_id}``."""
    _check_view(ctx)
    _check_territory(ctx)
    record = ctx.resolve(ctx.module.api_name, ctx.params["record_id"])
    if record is None:
        return Reply(204)
    since = ctx.modified_since()
    if since is not None and int(record.modified_at) <= since:
        return Reply(304)
    return Reply(200, {"data": [project(record.fields, field_names(ctx.params))]})


def _has_field(ctx: Context) -> Callable[[str], bool]:
    """Whether the module has a field: one the registry declares, or one a live record holds (as COQL says)."""
    declared = {"id", *(field["api_name"] for field in fields_of(ctx, ctx.module))}
    return lambda name: name in declared or any(name in r.fields for r in ctx.store.live(ctx.module.api_name))


def _search_predicate(ctx: Context) -> tuple[str, Predicate] | None:
    """The search key that applies (criteria > email > phone > word) and its predicate."""
    params, module = ctx.params, ctx.module
    if params.get("criteria"):
        try:
            return "criteria", parse_criteria(params["criteria"], _has_field(ctx))
        except CriteriaError as error:
            raise ZohoError(400, "INVALID_QUERY", error.details, f"invalid query formed: {error}") from None
    if params.get("email"):
        wanted = params["email"].strip().casefold()
        fields = set(module.email_fields)
        return "email", lambda record: any(
            isinstance(v, str) and v.casefold() == wanted for k, v in record.items() if k in fields or "Email" in k
        )
    if params.get("phone"):
        digits = "".join(ch for ch in params["phone"] if ch.isdigit())
        fields = set(module.phone_fields)

        def phone(record: dict[str, Any]) -> bool:
            return bool(digits) and any(
                isinstance(v, str) and "".join(ch for ch in v if ch.isdigit()) == digits
                for k, v in record.items()
                if k in fields or "Phone" in k or "Mobile" in k
            )

        return "phone", phone
    if params.get("word"):
        word = params["word"].casefold()

        def text_of(value: Any) -> list[str]:
            if isinstance(value, str):
                return [value]
            if isinstance(value, dict):
                return [value["name"]] if isinstance(value.get("name"), str) else []
            if isinstance(value, list):
                return [text for item in value for text in text_of(item)]
            return []

        return "word", lambda record: any(
            word in text.casefold() for k, v in record.items() if k != "id" for text in text_of(v)
        )
    return None


def _matches(ctx: Context, kind: str, predicate: Predicate) -> list[str]:
    """Ids of the searchable records matching, newest first (cached until the module changes)."""
    module = ctx.module.api_name
    table = ctx.store.tables[module]
    lag = ctx.config.search_index_lag
    converted = _converted_filter(ctx)  # converted Leads are found only with converted=true or both
    if converted is not None:
        searched = predicate
        predicate = lambda fields: converted(fields) and searched(fields)  # noqa: E731
    key = (module, kind, ctx.params.get(kind), ctx.params.get("converted"), lag, int(ctx.now) if lag else 0)
    cached = ctx.store.query_cache.get(key)
    if cached is not None and cached[0] == table.version:
        return cached[1]
    visible = [
        record.id
        for record in reversed(list(ctx.store.live(module)))
        if (not lag or record.modified_at <= ctx.now - lag) and predicate(record.fields)
    ]
    if len(ctx.store.query_cache) > 64:
        ctx.store.query_cache.clear()
    ctx.store.query_cache[key] = (table.version, visible)
    return visible


def search_records(ctx: Context) -> Reply:
    """``GET /{module}/search``."""
    chosen = _search_predicate(ctx)
    if chosen is None:
        raise ZohoError(400, "EXPECTED_PARAM_MISSING", {"expected_params": list(SEARCH_KEYS)})
    _check_view(ctx)
    per_page, page = ctx.params["per_page"], ctx.params["page"]
    start = (page - 1) * per_page
    limit = ctx.config.discrete_page_limit
    if start >= limit:
        raise ZohoError(400, "LIMIT_REACHED", {"limit": limit})
    ids = _matches(ctx, *chosen)
    window = ids[start : min(start + per_page, limit)]
    if not window:
        return Reply(204)
    names = field_names(ctx.params)
    table = ctx.store.tables[ctx.module.api_name]
    data = [project(table.records[i].fields, names) for i in window]
    info = {"per_page": per_page, "count": len(data), "page": page, "more_records": len(ids) > start + len(data)}
    return Reply(200, {"data": data, "info": info})


def get_record_count(ctx: Context) -> Reply:
    """``GET /{module}/actions/count``."""
    given = [key for key in SEARCH_KEYS if ctx.params.get(key)]
    if ctx.params.get("cvid") is not None and given:
        raise ZohoError(
            400,
            "AMBIGUITY_DURING_PROCESSING",
            {"ambiguity_due_to": [{"param_name": "cvid"}, *({"param_name": key} for key in given)]},
            "Please use either Cvid or Search Params",
        )
    _check_view(ctx)
    chosen = _search_predicate(ctx)
    if chosen is not None:
        return Reply(200, {"count": len(_matches(ctx, *chosen))})
    converted = _converted_filter(ctx)  # search's optional parameters apply: converted Leads are left out
    module = ctx.module.api_name
    if converted is None:
        return Reply(200, {"count": ctx.store.count(module)})
    return Reply(200, {"count": sum(1 for record in ctx.store.live(module) if converted(record.fields))})


def get_deleted_records(ctx: Context) -> Reply:
    """``GET /{module}/deleted``."""
    kind = ctx.params["type"]
    since = ctx.modified_since()
    entries = [
        entry
        for entry in ctx.store.tables[ctx.module.api_name].deleted.values()
        if (kind == "all" or entry.type == kind) and (since is None or int(entry.deleted_at) > since)
    ]
    entries.sort(key=lambda entry: (entry.deleted_at, entry.num), reverse=True)
    per_page, page = ctx.params["per_page"], ctx.params["page"]
    window = entries[(page - 1) * per_page : page * per_page]
    if not window:
        return Reply(304 if since is not None else 204)
    info = {"per_page": per_page, "count": len(window), "page": page, "more_records": len(entries) > page * per_page}
    return Reply(200, {"data": [entry.to_json() for entry in window], "info": info})


# writes -----------------------------------------------------------------------------------------


def _items(ctx: Context) -> list[Any]:
    data: list[Any] = ctx.body["data"]
    return data


def insert_records(ctx: Context) -> Work:
    """``POST /{module}``."""
    results: list[dict[str, Any]] = []
    for index, item in enumerate(_items(ctx)):
        yield
        try:
            error = item_schema_error(ctx, item, index)
            if error is not None:
                raise error
            changes = clean_record(ctx, ctx.module, item, index, existing=None)
            record = ctx.store.insert(ctx.module.api_name, changes, ctx.now)
            results.append(success("record added", record))
        except ItemError as failure:
            results.append(failure.result())
    return Reply(write_status(results, 201), {"data": results})


def _update_target(ctx: Context, item: Any, index: int) -> StoredRecord:
    """The record a bulk-update item names: by ``id``, or by the external field with ``X-EXTERNAL``."""
    module = ctx.module.api_name
    external = ctx.externals.field_for(module)
    if external is not None and isinstance(item, dict) and item.get(external) not in (None, ""):
        found = ctx.store.find(module, external, item[external])
        if not found:
            raise ItemError(
                "INVALID_DATA",
                {"api_name": external, "json_path": f"$.data[{index}].{external}"},
                "the external value given seems to be invalid",
            )
        return found[0]
    if not isinstance(item, dict) or item.get("id") in (None, ""):
        name = external or "id"
        raise ItemError(
            "MANDATORY_NOT_FOUND",
            {"api_name": name, "json_path": f"$.data[{index}].{name}"},
            "required field not found",
        )
    record = ctx.store.get(module, str(item["id"]))
    if record is None:
        raise ItemError(
            "INVALID_DATA",
            {"api_name": "id", "json_path": f"$.data[{index}].id", "id": str(item["id"])},
            "the id given seems to be invalid",
        )
    return record


def update_records(ctx: Context) -> Work:
    """``PUT /{module}``."""
    items = _items(ctx)
    targets: list[StoredRecord | ItemError] = []
    for index, item in enumerate(items):
        yield
        try:
            error = item_schema_error(ctx, item, index)
            if error is not None:
                raise error
            targets.append(_update_target(ctx, item, index))
        except ItemError as failure:
            targets.append(failure)
    ctx.unmodified_since([t for t in targets if isinstance(t, StoredRecord)])
    results: list[dict[str, Any]] = []
    for index, (item, target) in enumerate(zip(items, targets, strict=True)):
        yield
        if isinstance(target, ItemError):
            results.append(target.result())
            continue
        try:
            changes = clean_record(ctx, ctx.module, item, index, existing=target)
            ctx.store.update(target, changes, ctx.now)
            results.append(success("record updated", target))
        except ItemError as failure:
            results.append(failure.result())
    return Reply(write_status(results, 200), {"data": results})


def update_record(ctx: Context) -> Reply:
    """``PUT /{module}/{record_id}``."""
    raw = ctx.params["record_id"]
    record = ctx.resolve(ctx.module.api_name, raw)
    item = _items(ctx)[0]
    try:
        error = item_schema_error(ctx, item, 0)
        if error is not None:
            raise error
        if record is None:
            raise ItemError(
                "INVALID_DATA",
                {
                    "api_name": "id",
                    **ctx.missing(ctx.module.api_name, raw),
                    "resource_path_index": ctx.op.path_index("record_id"),
                },
                "the id given seems to be invalid",
            )
        ctx.unmodified_since([record])
        external = ctx.externals.field_for(ctx.module.api_name)
        if external is not None and external in item and item[external] != record.fields.get(external):
            raise ItemError(
                "NOT_ALLOWED",
                {"api_name": external, "json_path": f"$.data[0].{external}"},
                "the external field cannot be changed here",
            )
        changes = clean_record(ctx, ctx.module, item, 0, existing=record)
        ctx.store.update(record, changes, ctx.now)
        return Reply(200, {"data": [success("record updated", record)]})
    except ItemError as failure:
        return Reply(400, {"data": [failure.result()]})


def _delete_result(ctx: Context, record: StoredRecord, raw: str) -> dict[str, Any]:
    details: dict[str, Any] = {"id": record.id}
    external = ctx.externals.field_for(ctx.module.api_name)
    if external is not None:
        details[external] = raw
    return {"code": "SUCCESS", "details": details, "message": "record deleted", "status": "success"}


def delete_records(ctx: Context) -> Work:
    """``DELETE /{module}?ids=``."""
    raws = ctx.ids(ctx.module.api_name)
    targets = [ctx.resolve(ctx.module.api_name, raw) for raw in raws]
    ctx.unmodified_since([t for t in targets if t is not None])
    results: list[dict[str, Any]] = []
    for raw, record in zip(raws, targets, strict=True):
        yield
        if record is None or record.id not in ctx.store.tables[ctx.module.api_name].records:
            results.append(
                ItemError("INVALID_DATA", ctx.missing(ctx.module.api_name, raw), "record not deleted").result()
            )
            continue
        ctx.store.delete(record, ctx.now)
        results.append(_delete_result(ctx, record, raw))
    return Reply(write_status(results, 200), {"data": results})


def delete_record(ctx: Context) -> Reply:
    """``DELETE /{module}/{record_id}``."""
    raw = ctx.params["record_id"]
    record = ctx.resolve(ctx.module.api_name, raw)
    if record is None:
        raise ZohoError(
            400,
            "INVALID_DATA",
            {**ctx.missing(ctx.module.api_name, raw), "resource_path_index": ctx.op.path_index("record_id")},
            "record not deleted",
        )
    ctx.unmodified_since([record])
    ctx.store.delete(record, ctx.now)
    return Reply(200, {"data": [_delete_result(ctx, record, raw)]})


def upsert_records(ctx: Context) -> Work:
    """``POST /{module}/upsert``."""
    module = ctx.module
    allowed = [f for f in [module.duplicate_check_field, *module.unique, *module.external] if f]
    requested = ctx.body.get("duplicate_check_fields")
    if requested is not None:
        for position, field in enumerate(requested):
            if field not in allowed:
                raise ZohoError(
                    400,
                    "INVALID_DATA",
                    {
                        "api_name": field,
                        "json_path": f"$.duplicate_check_fields[{position}]",
                        "supported_values": allowed,
                    },
                    "the field cannot be used for the duplicate check",
                )
        order = list(dict.fromkeys([*requested, *module.unique, *module.external]))
    else:
        order = list(dict.fromkeys(allowed))
    items = _items(ctx)

    def match(item: Any) -> tuple[StoredRecord, str] | None:
        """The record an item names: by ``id``, else the first of ``order`` it has a value for that matches."""
        if not isinstance(item, dict):
            return None
        if not empty_value(item.get("id")):
            record = ctx.store.get(module.api_name, str(item["id"]))
            return None if record is None else (record, "id")
        for field in order:
            value = item.get(field)
            if not empty_value(value):
                found = ctx.store.find(module.api_name, field, value)
                if found:
                    return found[0], field
        return None

    ctx.unmodified_since(m[0] for m in map(match, items) if m is not None)  # matched only if the header is set
    results: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        yield
        try:
            error = item_schema_error(ctx, item, index)
            if error is not None:
                raise error
            matched = match(item)
            if matched is None and not empty_value(item.get("id")):
                raise ItemError(
                    "INVALID_DATA",
                    {"api_name": "id", "json_path": f"$.data[{index}].id", "id": str(item["id"])},
                    "the id given seems to be invalid",
                )
            if matched is not None:
                record, field = matched
                changes = clean_record(ctx, module, item, index, existing=record)
                ctx.store.update(record, changes, ctx.now)
                results.append(success("record updated", record, {"action": "update", "duplicate_field": field}))
            else:
                changes = clean_record(ctx, module, item, index, existing=None)
                record = ctx.store.insert(module.api_name, changes, ctx.now)
                results.append(success("record added", record, {"action": "insert", "duplicate_field": None}))
        except ItemError as failure:
            results.append(failure.result())
    return Reply(write_status(results, 200), {"data": results})


def clone_record(ctx: Context) -> Reply:
    """``POST /{module}/{record_id}/actions/clone``."""
    raw = ctx.params["record_id"]
    source = ctx.resolve(ctx.module.api_name, raw)
    overrides: Any = {}
    if isinstance(ctx.body, dict) and ctx.body.get("data"):
        overrides = ctx.body["data"][0]
    try:
        if ctx.body is not None:
            error = item_schema_error(ctx, overrides, 0)
            if error is not None:
                raise error
        if source is None:
            raise ItemError(
                "INVALID_DATA",
                {
                    "api_name": "id",
                    **ctx.missing(ctx.module.api_name, raw),
                    "resource_path_index": ctx.op.path_index("record_id"),
                },
                "the id given seems to be invalid",
            )
        copied = {
            field: value
            for field, value in source.fields.items()
            if not field.startswith("$") and field not in ctx.module.external
        }
        for field in ctx.module.required:
            if field in overrides and overrides[field] in (None, ""):
                raise ItemError(
                    "MANDATORY_NOT_FOUND",
                    {"api_name": field, "json_path": f"$.data[0].{field}"},
                    "required field not found",
                )
        merged = {**copied, **overrides}
        lookups = {field: merged[field] for field in ctx.module.lookups if isinstance(merged.get(field), dict)}
        for field, value in lookups.items():
            if field not in overrides:
                merged[field] = {"id": value["id"], **({"module": value["module"]} if "module" in value else {})}
        changes = clean_record(ctx, ctx.module, copy_json(merged), 0, existing=None)  # not the source's values
        record = ctx.store.insert(ctx.module.api_name, changes, ctx.now)
        added = success("record added", record)
        added["details"]["$approval_state"] = "approved"  # as Zoho's clone sample shows
        return Reply(201, {"data": [added]})
    except ItemError as failure:
        return Reply(400, {"data": [failure.result()]})


def _rich_text_fields(ctx: Context) -> list[str]:
    """The rich text fields asked for (default all); ``INVALID_DATA`` naming one that is not rich text."""
    names = field_names(ctx.params)
    for name in names or ():
        if name not in ctx.module.rich_text:
            raise ZohoError(
                400, "INVALID_DATA", {"api_name": name, "param_name": "fields"}, "the field is not a rich text field"
            )
    return list(dict.fromkeys(names)) if names else list(ctx.module.rich_text)


def _rich_text(record: StoredRecord, names: list[str]) -> dict[str, Any]:
    return {"id": record.id, **{name: record.fields.get(name) for name in names}}


def get_rich_text_fields(ctx: Context) -> Reply:
    """``GET /{module}/{record_id}/actions/fetch_full_data``: 204 for an unknown id."""
    names = _rich_text_fields(ctx)
    record = ctx.resolve(ctx.module.api_name, ctx.params["record_id"])
    if record is None:
        return Reply(204)
    return Reply(200, {"data": [_rich_text(record, names)]})


def get_rich_text_records(ctx: Context) -> Reply:
    """``GET /{module}/actions/fetch_full_data?ids=&fields=``: the records found, in the order asked, once each."""
    names = _rich_text_fields(ctx)
    found: dict[str, StoredRecord] = {}
    for raw in ctx.params["ids"].split(","):
        record = ctx.resolve(ctx.module.api_name, raw)
        if record is not None:
            found.setdefault(record.id, record)
    if not found:
        return Reply(204)
    return Reply(200, {"data": [_rich_text(record, names) for record in found.values()]})


HANDLERS: dict[str, Callable[[Context], Reply | Work]] = {
    "get_records": get_records,
    "get_record": get_record,
    "search_records": search_records,
    "get_record_count": get_record_count,
    "get_deleted_records": get_deleted_records,
    "insert_records": insert_records,
    "update_records": update_records,
    "update_record": update_record,
    "delete_records": delete_records,
    "delete_record": delete_record,
    "upsert_records": upsert_records,
    "clone_record": clone_record,
    "get_rich_text_fields": get_rich_text_fields,
    "get_rich_text_records": get_rich_text_records,
}
