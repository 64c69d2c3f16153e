"""Answers that lie about which record they speak of, or echo the request's token back.

A success is only certain when it answers for the record that was sent (updates, deletes), or for a
record no other item of the call claims (inserts); and no outcome or error holds the token, whatever
Zoho echoes.
"""

from __future__ import annotations

import asyncio
import json
import pickle
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, Failure, RetryPolicy, Success, ZohoCRM
from zoho_crm.errors import InvalidResponseError, ZohoError

NO_WAIT = RetryPolicy(max_attempts=3, initial_backoff=0.0, max_backoff=0.0)
A, B, C = "3652397000000624046", "3652397000000624047", "3652397000000624048"
BARE = "sekret-token-of-no-known-shape"
SHAPED = "1000.4f1c8e0d6a7b2c3d4e5f60718293a4b5.0a1b2c3d4e5f60718293a4b5c6d7e8f9"
Handler = Callable[[httpx.Request], httpx.Response]


def ok(record_id: str, message: str = "record updated", **details: Any) -> dict[str, Any]:
    return {"code": "SUCCESS", "details": {"id": record_id, **details}, "message": message, "status": "success"}


def answer(items: list[dict[str, Any]], status: int = 200) -> Handler:
    return lambda request: httpx.Response(status, json={"data": items})


def call(mode: str, handler: Handler, job: str, *args: Any, token: str = "t", **kwargs: Any) -> Any:
    """``crm.records.<job>(*args, **kwargs)`` on a client answered by ``handler`` (a stream read to its end)."""
    options: dict[str, Any] = {"api_domain": "https://www.zohoapis.com", "retry": NO_WAIT}
    options["transport"] = httpx.MockTransport(handler)
    if mode == "sync":
        result = getattr(ZohoCRM(AccessTokenCredentials(token), **options).records, job)(*args, **kwargs)
        return list(result) if job.endswith("_stream") else result

    async def run() -> Any:
        async with AsyncZohoCRM(AccessTokenCredentials(token), **options) as crm:
            result = getattr(crm.records, job)(*args, **kwargs)
            return [o async for o in result] if job.endswith("_stream") else await result

    return asyncio.run(run())


MODES = ["sync", "async"]
UPDATES = ["update", "update_stream"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("job", UPDATES)
def test_an_update_answered_in_another_order_is_no_success(mode: str, job: str) -> None:
    records = [{"id": A, "City": "x"}, {"id": B, "City": "y"}, {"id": C, "City": "z"}]
    outcomes = list(call(mode, answer([ok(B), ok(A), ok(C)]), job, "Leads", records))
    assert [type(o) for o in outcomes] == [Failure, Failure, Success]
    assert [o.code for o in outcomes[:2]] == ["INVALID_RESPONSE"] * 2
    assert "answered for record " + B in outcomes[0].message
    assert outcomes[2].id == C


@pytest.mark.parametrize("mode", MODES)
def test_a_delete_answered_for_another_record_is_no_success(mode: str) -> None:
    result = call(mode, answer([ok(A), ok("999")]), "delete", "Leads", [A, B])
    assert [o.ok for o in result] == [True, False]
    assert result.failed[0].input == B
    assert result.failed[0].code == "INVALID_RESPONSE"


@pytest.mark.parametrize("mode", MODES)
def test_update_one_answered_for_another_record_is_an_invalid_response(mode: str) -> None:
    with pytest.raises(InvalidResponseError, match="answered for record 999, not " + A):
        call(mode, answer([ok("999")]), "update_one", "Leads", A, {"City": "x"})
    with pytest.raises(InvalidResponseError):
        call(mode, answer([ok("999")]), "delete_one", "Leads", A)
    assert call(mode, answer([ok(A)]), "update_one", "Leads", A, {"City": "x"}).id == A


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("job", ["insert", "insert_stream"])
def test_an_insert_answered_with_one_id_twice_is_uncertain_for_both(mode: str, job: str) -> None:
    records = [{"Last_Name": "a"}, {"Last_Name": "b"}, {"Last_Name": "c"}]
    outcomes = list(call(mode, answer([ok(A), ok(B), ok(A)], 201), job, "Leads", records))
    assert [o.ok for o in outcomes] == [False, True, False]
    assert all(o.uncertain and o.code == "INVALID_RESPONSE" for o in outcomes if isinstance(o, Failure))


def test_failures_found_in_two_passes_are_listed_in_input_order() -> None:
    refused = {"code": "MANDATORY_NOT_FOUND", "details": {}, "message": "required field not found", "status": "error"}
    records = [{"Last_Name": "a"}, {}, {"Last_Name": "c"}]
    result = call("sync", answer([ok(A), refused, ok(A)], 201), "insert", "Leads", records)
    with pytest.raises(ZohoError) as caught:
        result.raise_for_errors()
    assert [f.index for f in result.failed] == [0, 1, 2]  # before the outcomes are built
    assert [f.index for f in caught.value.failures] == [0, 1, 2]  # type: ignore[attr-defined]
    assert [o.index for o in result.outcomes if isinstance(o, Failure)] == [0, 1, 2]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("items", [[ok(A), ok(A)], []], ids=["two", "none"])
def test_a_single_write_answered_with_another_number_of_results_is_an_invalid_response(
    mode: str, items: list[dict[str, Any]]
) -> None:
    with pytest.raises(InvalidResponseError, match="results for one record: it may have been written"):
        call(mode, answer(items), "update_one", "Leads", A, {"City": "x"})  # not "refused": Zoho took it


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("records", [[{"id": B}], [{"id": A}, {"id": B}]], ids=["another", "two"])
def test_a_record_read_answered_for_another_record_is_an_invalid_response(
    mode: str, records: list[dict[str, Any]]
) -> None:
    with pytest.raises(InvalidResponseError, match=f"records.get: asked for record {A}"):
        call(mode, answer(records), "get", "Leads", A)
    assert call(mode, answer([{"id": A}]), "get", "Leads", int(A)) == {"id": A}  # an int id is the same record


@pytest.mark.parametrize(
    "counted",
    [[], [{"count": 3, "related_list": {"api_name": "Calls"}}], [{"count": 3}],
     [{"count": True, "related_list": {"api_name": "Notes"}}], [{"count": -5, "related_list": {"api_name": "Notes"}}]],
    ids=["none", "another-list", "unnamed", "a-bool", "negative"],
)  # fmt: skip
def test_related_counts_that_do_not_answer_the_lists_asked_are_an_invalid_response(
    counted: list[dict[str, Any]],
) -> None:
    handler = lambda request: httpx.Response(200, json={"get_related_records_count": counted})  # noqa: E731
    crm = ZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", retry=NO_WAIT,
                  transport=httpx.MockTransport(handler))  # fmt: skip
    with pytest.raises(InvalidResponseError):
        crm.related.count("Leads", A, ["Notes"])


@pytest.mark.parametrize("mode", MODES)
def test_ids_given_as_ints_are_compared_as_zoho_writes_them(mode: str) -> None:
    assert call(mode, answer([ok(A)]), "update_one", "Leads", int(A), {"City": "x"}).id == A
    assert call(mode, answer([ok(A)]), "delete_one", "Leads", int(A)).id == A
    result = call(mode, answer([ok(B)]), "update", "Leads", [{"id": int(A), "City": "x"}])
    assert result[0].code == "INVALID_RESPONSE"  # type: ignore[union-attr]


def test_related_writes_answer_for_the_related_record() -> None:
    crm = ZohoCRM(AccessTokenCredentials("t"), api_domain="https://www.zohoapis.com", retry=NO_WAIT,
                  transport=httpx.MockTransport(answer([ok(B)])))  # fmt: skip
    assert crm.related.update_one("Campaigns", A, "Leads", int(B), {"Member_Status": "x"}).id == B
    with pytest.raises(InvalidResponseError):
        crm.related.delink_one("Campaigns", A, "Leads", C)
    assert [o.ok for o in crm.related.delink("Campaigns", A, "Leads", [C])] == [False]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("job", UPDATES)
def test_a_record_carrying_its_id_is_held_to_it_whatever_the_external_header(mode: str, job: str) -> None:
    # The header names a lookup's external field: the records themselves are named by their ids.
    records = [{"id": A, "Account_Name": {"Ext__c": "a1"}}, {"id": B, "Account_Name": {"Ext__c": "a2"}}]
    swapped = answer([ok(B), ok(A)])
    outcomes = list(call(mode, swapped, job, "Contacts", records, external="Contacts.Account_Name.Ext__c"))
    assert [(o.ok, getattr(o, "code", None)) for o in outcomes] == [(False, "INVALID_RESPONSE")] * 2


def test_records_named_by_an_external_field_or_upserted_may_answer_any_id() -> None:
    update = [{"Ext__c": "e1", "City": "x"}]
    result = call("sync", answer([ok(A)]), "update", "Leads", update, external="Leads.Ext__c")
    assert result.ids == [A]
    assert call("sync", answer([ok(A)]), "update_one", "Leads", "e1", {"City": "x"}, external="Leads.Ext__c").id == A
    upsert = [{"id": B, "Last_Name": "a"}]  # an upsert matches by its duplicate check fields
    assert call("sync", answer([ok(A)]), "upsert", "Leads", upsert).ids == [A]


# the token echoed back --------------------------------------------------------------------------------------


def echoing(status: int, success: bool) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        token = request.headers["authorization"].split()[-1]
        n = len(json.loads(request.content)["data"])
        if success:
            items = [ok(A, f"saved with {token}", echo=token, nested=[{"auth": f"Zoho-oauthtoken {token}"}])] * n
        else:
            failure = {"code": "INVALID_DATA", "status": "error", "message": f"bad {token}", "details": {"e": token}}
            items = [failure] * n
        return httpx.Response(status, json={"data": items})

    return handler


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("token", [BARE, SHAPED])
def test_item_failures_never_hold_the_token_echoed_back(mode: str, token: str) -> None:
    result = call(mode, echoing(400, False), "update", "Leads", [{"id": A, "City": "x"}], token=token)
    failure = result.failed[0]
    assert failure.code == "INVALID_DATA"
    assert "[redacted]" in failure.message
    with pytest.raises(ZohoError) as info:
        result.raise_for_errors()
    for text in (repr(result.failed), repr(result), str(info.value), repr(info.value.failures)):
        assert token not in text
    assert token.encode() not in pickle.dumps(info.value)
    with pytest.raises(ZohoError) as single:
        call(mode, echoing(400, False), "update_one", "Leads", A, {"City": "x"}, token=token)
    assert token not in str(single.value)
    assert token not in repr(single.value.details)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("job", ["update", "update_stream"])
def test_successes_never_hold_the_token_echoed_back(mode: str, job: str) -> None:
    outcomes = list(call(mode, echoing(200, True), job, "Leads", [{"id": A, "City": "x"}], token=BARE))
    success = outcomes[0]
    assert isinstance(success, Success)
    assert success.id == A
    assert BARE not in success.message
    assert BARE not in repr(success)
    assert BARE not in repr(success.details)
    assert success.details["echo"] == "[redacted]"
    single = call(mode, echoing(200, True), "update_one", "Leads", A, {"City": "x"}, token=BARE)
    assert BARE not in repr(single)


def test_a_token_shaped_string_in_plain_success_details_is_redacted() -> None:
    result = call("sync", answer([ok(A, note=f"copy of {SHAPED}")]), "update", "Leads", [{"id": A, "City": "x"}])
    assert result[0].details["note"] == "copy of [redacted]"


def raw(body: str, status: int = 200) -> Handler:
    return lambda request: httpx.Response(status, content=body.encode(), headers={"Content-Type": "application/json"})


def everything(result: Any) -> str:
    """Every text a batch result shows: outcomes, their fields, their pickles, and its error."""
    parts = []
    for o in result:
        parts += [repr(o), repr(o.details), repr(pickle.loads(pickle.dumps(o)))]
    try:
        result.raise_for_errors()
    except ZohoError as exc:
        parts += [str(exc), repr(exc)]
    return "\n".join(parts)


ESCAPED = "".join(f"\\u{ord(c):04x}" for c in BARE)  # the same JSON string, other bytes


@pytest.mark.parametrize(
    "item",
    [
        '{"status": "error", "code": "INVALID_DATA", "message": "bad ESC", "details": {}}',
        '{"status": "success", "message": "ok", "details": {"id": "ID", "echo": "ESC"}}',
        '{"status": "success", "message": "saved with ESC", "details": {"id": "ID"}}',
    ],
    ids=["failure message", "success details", "success message"],
)
def test_a_token_echoed_in_json_escapes_is_redacted(item: str) -> None:
    body = '{"data": [' + item.replace("ESC", ESCAPED).replace("ID", A) + "]}"
    result = call("sync", raw(body, 400 if "error" in item else 200), "update", "Leads", [{"id": A}], token=BARE)
    assert BARE not in everything(result)


@pytest.mark.parametrize(
    "item",
    [
        {"status": "error", "code": "INVALID_DATA", "message": "m", "details": {BARE: "as a key"}},
        {**ok(A), "details": {"id": A, BARE: "as a key"}},
        {"status": BARE, "code": "X", "message": "m", "details": {}},
        {"status": "error", "code": f"BAD {BARE}", "message": "m", "details": {}},
        {**ok(A), "action": f"update {BARE}", "duplicate_field": BARE},
    ],
    ids=["failure details key", "success details key", "status", "code", "action and duplicate_field"],
)
def test_a_token_echoed_in_any_field_of_an_item_is_redacted(item: dict[str, Any]) -> None:
    result = call("sync", answer([item], 400 if item["status"] == "error" else 200), "update", "Leads",
                  [{"id": A}], token=BARE)  # fmt: skip
    assert BARE not in everything(result)


def test_a_token_as_a_key_of_a_whole_call_errors_details_is_redacted() -> None:
    body = {"code": "INVALID_DATA", "message": "m", "status": "error", "details": {BARE: "x"}}
    with pytest.raises(ZohoError) as info:
        call("sync", lambda request: httpx.Response(400, json=body), "update_one", "Leads", A, {}, token=BARE)
    assert BARE not in str(info.value) + repr(info.value.details)
