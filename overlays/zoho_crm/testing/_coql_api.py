"""The handler of ``POST /coql``: one COQL select over the org's records (see ``_coql``)."""

from __future__ import annotations

from ._context import Context, Reply
from ._coql import parse_query, run_query
from ._metadata_api import fields_of

__all__ = ["HANDLERS"]


def execute_coql_query(ctx: Context) -> Reply:
    """``POST /coql``: the page a ``select_query`` selects, or 204 when nothing matched."""
    query = parse_query(ctx.body["select_query"])
    rows, more = run_query(query, ctx.store, lambda module: [field["api_name"] for field in fields_of(ctx, module)])
    if not rows:
        return Reply(204)
    return Reply(200, {"data": rows, "info": {"count": len(rows), "more_records": more}})


HANDLERS = {"execute_coql_query": execute_coql_query}
