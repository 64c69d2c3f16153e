"""Behaviour declared in the spec (``x-zoho-method``, ``x-zoho-batch``), implemented once in the runtime.

The user calls (``crm.records.insert``, ``crm.related.iter``...) are generated methods of the generated
resources: no hand-written subclass, and a declaration (chunk size, checks) changes what they do.
"""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

import zoho_crm
from zoho_crm import AsyncZohoCRM, BatchResult, Failure, Page, Success, ZohoCRM, ZohoValidationError
from zoho_crm._runtime import prepare
from zoho_crm._sync._runtime import SyncRuntime
from zoho_crm.testing import Sandbox
from zoho_crm_api._runtime import BatchOptions, CallOptions, Method, Operation
from zoho_crm_api.resources.records import AsyncRecordsResource, RecordsResource
from zoho_crm_api.resources.related import RelatedResource

USER_CALLS: dict[Any, str] = {
    RecordsResource: "insert update upsert delete get list iter search iter_search count deleted iter_deleted "
    "update_one delete_one clone insert_stream update_stream upsert_stream mass_update mass_update_status",
    RelatedResource: "list iter get update update_one delink delink_one count list_of_deleted iter_of_deleted",
}


def leads(n: int) -> list[dict[str, Any]]:
    return [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(n)]


@pytest.mark.parametrize("resource", list(USER_CALLS))
def test_the_user_calls_are_generated_methods_of_the_generated_resources(resource: Any) -> None:
    for name in USER_CALLS[resource].split():
        assert name in vars(resource), f"{resource.__name__}.{name} is not generated"
    for gone in ("_records", "_related", "_options"):
        assert importlib.util.find_spec(f"zoho_crm.{gone}") is None, f"zoho_crm.{gone} still hand-written"


def test_the_facade_binds_the_generated_resources_directly(crm: ZohoCRM) -> None:
    assert type(crm.records) is RecordsResource
    assert type(crm.related) is RelatedResource


def test_the_declared_calls_return_the_runtime_results(crm: ZohoCRM) -> None:
    result = crm.records.insert("Leads", leads(3))
    assert isinstance(result, BatchResult)
    assert len(result.succeeded) == 3
    first = result.succeeded[0].id
    assert isinstance(crm.records.list("Leads", fields=["Last_Name"]), Page)
    assert isinstance(crm.records.update_one("Leads", first, {"Company": "Zylker"}), Success)
    record = crm.records.get("Leads", first, fields=["Company"])
    assert record is not None
    assert record["Company"] == "Zylker"
    assert crm.records.count("Leads") == 3


def test_a_declared_chunk_size_is_what_the_runtime_sends(sb: Sandbox, crm: ZohoCRM) -> None:
    runtime = crm.records._runtime
    assert isinstance(runtime, SyncRuntime)
    small = Operation(name="records.insert_records", retry="unsafe", batch={"size": 7, "key": "data"}, path=("module",))
    result = runtime.batch(small, {"module": "Leads"}, {"trigger": []}, leads(20), BatchOptions(), {})
    assert len(result.succeeded) == 20
    assert sb.counters.requests["insert_records"] == 3  # 7 + 7 + 6


def test_a_declared_method_without_named_checks_gets_the_generic_ones(crm: ZohoCRM) -> None:
    crm.records.insert("Leads", leads(2)).raise_for_errors()
    op = Operation(name="records.get_records", retry="safe", pagination=("page", "page_token"), path=("module",))
    plain = Method(op, "records.plain", "page", None)
    page = crm.records._runtime.declared(plain, {"module": "Leads", "fields": ["Email"], "sort_order": "asc"}, None, {})
    assert isinstance(page, Page)
    assert len(page.records) == 2
    with pytest.raises(ZohoValidationError, match=r"records\.plain does not take: sortby"):
        crm.records._runtime.declared(plain, {"module": "Leads"}, None, {"sortby": "x"})
    with pytest.raises(ZohoValidationError, match="sort_order"):
        crm.records._runtime.declared(plain, {"module": "Leads", "fields": "Email", "sort_order": "up"}, None, {})


def test_a_streamed_write_yields_one_outcome_per_record_in_order(crm: ZohoCRM) -> None:
    records = leads(250)
    outcomes = list(crm.records.insert_stream("Leads", records, trigger=[]))
    assert [o.input for o in outcomes] == records
    assert all(isinstance(o, Success) for o in outcomes)
    (bad,) = crm.records.update_stream("Leads", [{"Company": "x"}])  # checked as read: its chunk fails, unsent
    assert isinstance(bad, Failure)
    assert not bad.uncertain
    assert "has no 'id'" in bad.message


@pytest.mark.anyio
async def test_a_streamed_write_async_sends_no_bad_chunk(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    assert isinstance(acrm.records, AsyncRecordsResource)
    with pytest.raises(ZohoValidationError, match="does not take: sortby"):
        acrm.records.update_stream("Leads", [{"Company": "x"}], sortby="x")  # type: ignore[call-arg]
    bad = [o async for o in acrm.records.update_stream("Leads", [{"Company": "x"}])]
    assert len(bad) == 1
    assert isinstance(bad[0], Failure)
    assert "has no 'id'" in bad[0].message
    assert sb.counters.requests.get("update_records", 0) == 0
    outcomes = [o async for o in acrm.records.upsert_stream("Leads", leads(120), duplicate_check_fields=["Email"])]
    assert len(outcomes) == 120
    assert all(isinstance(o, Success) for o in outcomes)


def test_the_package_exports_what_the_declared_calls_return() -> None:
    assert {"BatchResult", "Page", "Success"} <= set(zoho_crm.__all__)


def test_a_declared_body_argument_with_generic_checks_is_the_body_sent(crm: ZohoCRM) -> None:
    first = crm.records.insert("Leads", leads(1)).raise_for_errors().succeeded[0].id
    op = Operation(name="records.clone_record", retry="unsafe", path=("module", "record_id"))
    plain = Method(op, "records.copy", "outcome", None, "payload")
    copied = crm.records._runtime.declared(
        plain, {"module": "Leads", "record_id": first, "payload": {"data": [{"Company": "Copy"}]}}, None, {}
    )
    assert isinstance(copied, Success)
    assert crm.records.get("Leads", copied.id, fields=["Company"]) == {"Company": "Copy", "id": copied.id}
    with pytest.raises(ZohoValidationError, match=r"records\.copy: payload must be a mapping"):
        crm.records._runtime.declared(plain, {"module": "Leads", "record_id": first, "payload": [1]}, None, {})


def test_the_checks_of_an_operation_are_its_declared_rules(sb: Sandbox, crm: ZohoCRM) -> None:
    ids = crm.records.insert("Leads", leads(3)).raise_for_errors().ids
    # the spec's schema constraints and x-zoho-* declarations, as generated: nothing per operation in the overlays
    per_page = {"type": "integer", "maximum": 2}
    op = Operation(
        name="records.get_records", retry="safe", pagination=("page", "page_token"), path=("module",),
        csv=frozenset({"fields", "ids"}),
        rules={
            "per_page": per_page,
            "cvid": {"type": "string", "pattern": "^[0-9]+$"},
            "page": {"excludes": ("page_token",)},
        },
        one_of=("ids", "cvid"),
    )  # fmt: skip
    narrow = Method(op, "records.narrow", "page", None)
    base = {"module": "Leads", "fields": ["Email"], "ids": ids}
    page = crm.records._runtime.declared(narrow, {**base, "per_page": 2}, None, {})
    assert [sorted(r) for r in page.records] == [["Email", "id"], ["Email", "id"]]
    before = sb.counters.requests["get_records"]
    refused = {
        "get_records: per_page must be from -inf to 2, got 3": {"per_page": 3},
        "get_records: per_page must be integer, got str": {"per_page": "2"},
        r"get_records: cvid: '12a' does not match \^\[0-9\]\+\$": {"cvid": "12a"},
        "get_records: page cannot be combined with page_token": {"page": 2, "page_token": "t"},
        "get_records needs one of: ids, cvid": {"ids": None},
        "get_records needs fields": {"fields": None},
    }
    for message, given in refused.items():
        with pytest.raises(ZohoValidationError, match=message):
            crm.records._runtime.declared(narrow, {**base, **given}, None, {})
    assert sb.counters.requests["get_records"] == before  # refused before any request
    args, _, _ = prepare(op, {"module": "Leads", "fields": "Email", "cvid": 12, "ids": ids}, CallOptions(), {})
    assert args["cvid"] == "12"  # a string parameter given a number: sent as its digits, then checked


def test_the_generated_operations_carry_the_specs_constraints() -> None:
    from zoho_crm_api.resources import records, related

    get_records = vars(records)["_GET_RECORDS"]
    assert get_records.rules["per_page"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert get_records.rules["fields"]["items"]["max"] == 50
    assert get_records.rules["page"]["excludes"] == ("page_token",)
    assert get_records.rules["cvid"]["excludes"] == ("sort_by",)
    assert vars(records)["_SEARCH_RECORDS"].one_of == ("criteria", "email", "phone", "word")
    assert vars(records)["_GET_RECORD"].rules["record_id"]["format"] == "record-id"
    assert vars(related)["_GET_RELATED_RECORD"].rules["related_record_id"]["format"] == "record-id"


def test_the_kind_of_each_batched_write_follows_from_its_declarations() -> None:
    from zoho_crm._writes import kind
    from zoho_crm_api.resources import records, related

    found = {op.name.rsplit(".", 1)[-1]: kind(op) for module in (records, related)
             for op in vars(module).values() if isinstance(op, Operation) and op.batch}  # fmt: skip
    assert found == {"insert_records": "insert", "update_records": "update", "upsert_records": "upsert",
                     "delete_records": "delete", "update_related_records": "update",
                     "delink_related_records": "delete"}  # fmt: skip


def test_declared_bodies_are_built_and_checked_before_any_request(sb: Sandbox, crm: ZohoCRM) -> None:
    lead = crm.records.insert("Leads", leads(1)).raise_for_errors().ids[0]
    # body: {name: record, wrap: data}: the argument is the one item of data[]; the body's options are typed
    assert crm.records.update_one("Leads", lead, {"Company": "Zylker"}, trigger=[]).id == lead
    assert crm.records.get("Leads", lead, fields=["Company"]) == {"Company": "Zylker", "id": lead}
    copy = crm.records.clone("Leads", lead)  # an optional wrapped body left out: nothing sent
    assert crm.records.get("Leads", copy.id, fields=["Company"]) == {"Company": "Zylker", "id": copy.id}
    # body: {type: names, wrap, each}: names become {"related_list": {"api_name": name}} items, checked as the spec says
    assert crm.related.count("Leads", lead, ["Notes"]) == {"Notes": 0}
    sent = dict(sb.counters.requests)
    bad: list[tuple[str, Any]] = [
        (r"records\.update_one: trigger must be array of strings, got 'workflow'",
         lambda: crm.records.update_one("Leads", lead, {"Company": "x"}, trigger="workflow")),
        (r"records\.update_one: skip_feature_execution\[0\] must be object, got 'cadences'",
         lambda: crm.records.update_one("Leads", lead, {}, skip_feature_execution=["cadences"])),
        (r"records\.update_one: trigger\[1\]: 'bogus' is not one of 'workflow', 'approval'",
         lambda: crm.records.update_one("Leads", lead, {"Company": "x"}, trigger=["workflow", "bogus"])),
        (r"records\.update_one: record must be a mapping \(one item of the body's data\)",
         lambda: crm.records.update_one("Leads", lead, [{"Company": "x"}])),
        (r"records\.update_one needs record", lambda: crm.records.update_one("Leads", lead, None)),  # type: ignore[arg-type]
        (r"related\.count: related_lists takes 1 to 100 names, got 0", lambda: crm.related.count("Leads", lead, [])),
        (r"related\.count: related_lists must be a list of names", lambda: crm.related.count("Leads", lead, "Notes")),
        (r"related\.count: related_lists\[1\]: 'No-tes' does not match",
         lambda: crm.related.count("Leads", lead, ["Notes", "No-tes"])),
    ]  # fmt: skip
    for message, call in bad:
        with pytest.raises(ZohoValidationError, match=message):
            call()
    assert dict(sb.counters.requests) == sent  # every one refused before a request
