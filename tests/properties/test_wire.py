"""Requests on the wire: what the client sends, captured at the transport, is what the spec allows.

For every operation of the spec (the parametrization is the spec's list of operationIds), arguments
are drawn from the spec's parameter and body schemas and sent through the generated endpoint
function, and through the sync and the async overlay (the same drawn call through both). The
captured request must route to that operation and only it, validate against the spec (method,
path, query, headers, body; ``_spec.validate_request``), and carry every argument it was given,
unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tests.properties import _models, _spec, _wire
from tests.properties._profiles import properties
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, ZohoCRM
from zoho_crm.errors import ZohoValidationError
from zoho_crm_api import AuthenticatedClient

OPERATIONS = sorted(_spec.OPERATION_IDS)


def test_every_operation_of_the_spec_is_driven() -> None:
    assert set(_wire.OVERLAY) == _spec.OPERATION_IDS, "an operation of the spec has no overlay call here"
    for op_id in OPERATIONS:
        assert hasattr(_models.endpoint(op_id), "sync_detailed"), f"no generated function for {op_id}"


def test_overlay_gaps_are_the_known_ones() -> None:
    """Spec parameters an overlay call cannot send are listed in ``_wire.KNOWN_GAPS`` (and reported)."""
    for op_id in OPERATIONS:
        op = _spec.OPERATIONS[op_id]
        spec_params = {p["name"] for p in op.params if p["in"] != "path"}
        missing = spec_params - _wire.OVERLAY[op_id].params
        assert missing == {g for g in _wire.KNOWN_GAPS.get(op_id, ()) if not g.startswith("body.")}, op_id


def _event(value: str) -> None:
    # hypothesis.event() outside a property (the explicit counterexamples below) is an error
    with contextlib.suppress(InvalidArgument):
        event(value)


def check_request(
    call: _wire.Call, request: httpx.Request, *, params: frozenset[str] | None, body: Any, sender: str | None = None
) -> None:
    """``request`` is ``call``'s operation, valid per the spec, and carries every argument of ``params``."""
    op_id = _spec.validate_request(request, expected=call.op_id, sender=sender)
    _event(op_id)
    path = request.url.raw_path.decode("ascii").split("?", 1)[0].removeprefix(_spec.BASE_PATH)
    routed = _spec.route(request.method, path)[0][1]
    assert routed == call.path, f"path arguments {call.path} arrived as {routed}"
    query = dict(parse_qsl(request.url.query.decode("ascii"), keep_blank_values=True))
    for (location, name), value in call.params.items():
        if location == "path" or (params is not None and name not in params):
            continue
        sent = query.get(name) if location == "query" else request.headers.get(name)
        assert sent == _wire.wire_text(value), f"{location} {name}={value!r} was sent as {sent!r}"
    if body is None:
        assert not request.content, f"no body expected, sent {request.content[:200]!r}"
    elif _spec.OPERATIONS[call.op_id].form:
        assert _spec.form_fields(request) == body, f"form changed on the way: {request.content[:200]!r}"
    else:
        schema = _spec.json_schema(_spec.OPERATIONS[call.op_id].body_schema)
        sent_body = json.loads(request.content)
        assert _spec.normalise(schema, sent_body) == _spec.normalise(schema, body), (
            f"body changed on the way:\n  given: {body!r}\n  sent:  {sent_body!r}"
        )


@pytest.mark.parametrize("op_id", OPERATIONS)
@properties(10)
@given(data=st.data())
def test_generated_requests_match_the_spec(op_id: str, data: st.DataObject) -> None:
    call = data.draw(_wire.calls(op_id), label="call")
    recorder = _wire.Recorder()
    client = AuthenticatedClient(
        base_url=_wire.BASE_URL, token=_wire.TOKEN, prefix="Zoho-oauthtoken",
        httpx_args={"transport": recorder.transport}, raise_on_unexpected_status=True,
    )  # fmt: skip
    module = _models.endpoint(op_id)
    with client:
        module.sync_detailed(client=client, **_wire.generated_kwargs(module, call))
    assert len(recorder.requests) == 1
    check_request(call, recorder.requests[0], params=None, body=call.body, sender="generated functions")


def _overlay_outcome(
    call: _wire.Call, recorder: _wire.Recorder, error: ZohoValidationError | None, sender: str
) -> None:
    spec = _wire.OVERLAY[call.op_id]
    if error is not None:
        assert not recorder.requests, f"refused ({error}) after sending {len(recorder.requests)} request(s)"
        event(f"refused by the overlay's checks: {type(error).__name__}")
        assume(False)
    assert len(recorder.requests) == 1, f"{len(recorder.requests)} requests for one call"
    body = spec.body(call.body) if call.body is not None else None
    check_request(call, recorder.requests[0], params=spec.params, body=body, sender=sender)


def _sync_overlay(call: _wire.Call, recorder: _wire.Recorder) -> ZohoValidationError | None:
    with ZohoCRM(AccessTokenCredentials(_wire.TOKEN), api_domain=_wire.API_DOMAIN, transport=recorder.transport) as crm:
        try:
            _wire.OVERLAY[call.op_id].invoke(crm, call.path, _wire.overlay_kwargs(call), call.body)
        except ZohoValidationError as exc:
            return exc
    return None


def _async_overlay(call: _wire.Call, recorder: _wire.Recorder) -> ZohoValidationError | None:
    async def run() -> ZohoValidationError | None:
        async with AsyncZohoCRM(
            AccessTokenCredentials(_wire.TOKEN), api_domain=_wire.API_DOMAIN, transport=recorder.transport
        ) as crm:
            try:
                result = _wire.OVERLAY[call.op_id].invoke(crm, call.path, _wire.overlay_kwargs(call), call.body)
                if inspect.isawaitable(result):
                    await result
            except ZohoValidationError as exc:
                return exc
        return None

    return asyncio.run(run())


@pytest.mark.parametrize("op_id", OPERATIONS)
@properties(10)
@given(data=st.data())
def test_overlay_requests_match_the_spec(op_id: str, data: st.DataObject) -> None:
    """The same drawn call through the sync and the async overlay: same verdict, same valid request."""
    call = data.draw(_wire.calls(op_id, for_overlay=True), label="call")
    sync, async_ = _wire.Recorder(), _wire.Recorder()
    sync_error, async_error = _sync_overlay(call, sync), _async_overlay(call, async_)
    assert (sync_error is None) == (async_error is None), f"sync and async disagree: {sync_error!r} {async_error!r}"
    _overlay_outcome(call, sync, sync_error, "sync overlay")
    _overlay_outcome(call, async_, async_error, "async overlay")
    assert [r.url for r in sync.requests] == [r.url for r in async_.requests]
    if _spec.OPERATIONS[op_id].form:  # each form under a boundary of its own (httpx draws one per request)
        assert [_spec.form_fields(r) for r in sync.requests] == [_spec.form_fields(r) for r in async_.requests]
    else:
        assert [r.content for r in sync.requests] == [r.content for r in async_.requests]


# ---------------------------------------------------------------------------------------------
# Counterexamples kept explicitly (spec-valid arguments that random drawing rarely produces).


@pytest.mark.parametrize("record_id", [".", ".."])
def test_dot_record_ids_are_outside_the_spec_and_refused_by_the_client(record_id: str) -> None:
    """Found by the properties: ``.`` and ``..`` as an external value change the path (httpx resolves dot
    segments, so ``delete_record(record_id=".")`` would send ``DELETE /crm/v8/Leads``, the bulk delete).
    The spec now forbids them (``PathId``), and the client refuses them before sending. The generated
    functions do not check patterns: callers go through the client."""
    assert _spec.schema_errors("PathId", record_id)
    assert not _spec.schema_errors("PathId", "ext-42")
    crm = ZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com",
                  transport=httpx.MockTransport(lambda request: pytest.fail("sent")))  # fmt: skip
    with pytest.raises(ZohoValidationError):
        crm.records.delete_one("Leads", record_id, external="Leads.Ext_Id")


@pytest.mark.parametrize(
    ("op_id", "path"),
    [
        ("get_record", {"module": "Leads", "record_id": "search"}),
        ("get_record", {"module": "Leads", "record_id": "deleted"}),
        ("get_related_records", {"module": "Leads", "record_id": "actions", "related_list": "count"}),
        (
            "get_related_record",
            {"module": "Leads", "record_id": "deleted", "related_list": "Notes", "related_record_id": "Campaigns"},
        ),
    ],
    ids=["get_record-search", "get_record-deleted", "get_related_records-actions-count", "get_related_record-deleted"],
)
def test_overlay_external_id_that_spells_a_literal_segment(op_id: str, path: dict[str, str]) -> None:
    """BUG (spec ambiguity, overlay): an external value may be any 1-255 characters, so ``search``
    is a valid ``record_id`` of ``get_record``; but ``GET /Leads/search`` is ``search_records``
    (OpenAPI: a literal segment wins over a template). Same for ``deleted`` (``get_deleted_records``,
    ``get_deleted_record_related_records``) and ``actions``/``count`` (``get_record_count``).
    Expected: the overlay refuses such a value (``ZohoValidationError``): the request cannot mean
    the record. Actual: it sends the request of another operation."""
    params: dict[tuple[str, str], Any] = {("path", k): v for k, v in path.items()}
    params[("header", "X-EXTERNAL")] = "Leads.Ext_Id,Notes.Ext_Id" if "related_list" in path else "Leads.Ext_Id"
    if op_id == "get_related_records":
        params[("query", "fields")] = "Last_Name"
    call = _wire.Call(op_id, params)
    recorder = _wire.Recorder()
    error = None
    with ZohoCRM(AccessTokenCredentials(_wire.TOKEN), api_domain=_wire.API_DOMAIN, transport=recorder.transport) as crm:
        try:
            _wire.OVERLAY[op_id].invoke(crm, call.path, _wire.overlay_kwargs(call), None)
        except ZohoValidationError as exc:
            error = exc
    if error is None:
        check_request(call, recorder.requests[0], params=_wire.OVERLAY[op_id].params, body=None)
