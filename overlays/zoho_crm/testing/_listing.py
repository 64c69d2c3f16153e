"""Shared read behaviour: field projection, sorting keys, paging with ``page`` or ``page_token``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ._context import Context, Reply
from ._errors import ZohoError
from ._paging import select_page
from ._store import StoredRecord

__all__ = ["field_names", "page_of", "project", "record_key", "sort_keys"]

K = TypeVar("K")


def field_names(params: dict[str, Any]) -> list[str] | None:
    """The ``fields`` asked for, or ``None`` for all."""
    fields = params.get("fields")
    return fields.split(",") if fields else None


def project(fields: dict[str, Any], names: list[str] | None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The record as a response shows it: ``id`` plus the asked-for fields (``extra`` merged first)."""
    source = {**fields, **extra} if extra else fields
    if names is None:
        return dict(source)
    out: dict[str, Any] = {"id": fields["id"]}
    for name in names:
        if name == "$approval_state":
            out[name] = "approved"
        elif name in source:
            out[name] = source[name]
    return out


def record_key(record: StoredRecord, sort_by: str) -> Any:
    """The sort key of a record: its id number, or (whole seconds, id number)."""
    if sort_by == "id":
        return record.num
    moment = record.created_at if sort_by == "Created_Time" else record.modified_at
    return (int(moment), record.num)


def sort_keys(records: Sequence[StoredRecord], sort_by: str) -> tuple[list[Any], dict[Any, StoredRecord]]:
    """Ascending keys of ``records`` and the key → record map."""
    by_key = {record_key(record, sort_by): record for record in records}
    return sorted(by_key), by_key


def _fingerprint(ctx: Context, scope: tuple[Any, ...]) -> tuple[Any, ...]:
    bound = tuple(sorted((k, v) for k, v in ctx.query.items() if k not in ("page", "page_token")))
    return (ctx.op.operation_id, *scope, bound)


def page_of(
    ctx: Context,
    keys: Sequence[K],
    fetch: Callable[[K], dict[str, Any] | None],
    *,
    scope: tuple[Any, ...],
    tokens: bool = True,
    sort_info: bool = True,
) -> Reply:
    """One page of a listing (200), or 204 (nothing) / 304 (nothing changed since ``If-Modified-Since``).

    ``keys`` are sorted ascending; the order follows ``sort_order``. ``fetch`` renders a row or
    returns ``None`` to leave it out.
    """
    params = ctx.params
    per_page: int = params["per_page"]
    token = params.get("page_token") if tokens else None
    descending = params.get("sort_order", "desc") == "desc"
    fingerprint = _fingerprint(ctx, scope)
    previous: str | None = None
    if token is not None:
        if "page" in ctx.query:
            raise ZohoError(
                400,
                "AMBIGUITY_DURING_PROCESSING",
                {"ambiguity_due_to": [{"param_name": "page"}, {"param_name": "page_token"}]},
                "page and page_token cannot be used together",
            )
        entry = ctx.state.page_tokens.redeem(token, fingerprint, ctx.now, ctx.config.page_token_record_limit)
        after, served, previous = entry.after, entry.served, entry.previous
        rows, more = select_page(keys, fetch, descending=descending, after=after, skip=0, limit=per_page)
    else:
        page: int = params.get("page", 1)
        if tokens and page * per_page > ctx.config.discrete_page_limit:
            raise ZohoError(
                400,
                "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                {"param_name": "page", "limit": ctx.config.discrete_page_limit},
            )
        served = (page - 1) * per_page
        rows, more = select_page(keys, fetch, descending=descending, after=None, skip=served, limit=per_page)
    if not rows:
        return Reply(304 if ctx.modified_since() is not None and 304 in ctx.op.responses else 204)
    info: dict[str, Any] = {
        "per_page": per_page,
        "count": len(rows),
        "page": served // per_page + 1,
        "more_records": more,
    }
    if tokens:
        next_token, expiry = None, None
        if more:
            next_token, expiry = ctx.state.page_tokens.issue(
                fingerprint, rows[-1][0], served + len(rows), ctx.now, ctx.config.page_token_ttl, token
            )
        info.update(next_page_token=next_token, previous_page_token=previous, page_token_expiry=expiry)
    if sort_info:
        info.update(sort_by=params.get("sort_by", "id"), sort_order=params.get("sort_order", "desc"))
    return Reply(200, {"data": [row for _, row in rows], "info": info})
