"""Insert, update, upsert, delete and clone: per-record outcomes, statuses, system fields, limits."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.sandbox.conftest import error_of, leads
from zoho_crm.testing import ManualClock, Sandbox

ID = re.compile(r"^\d{19}$")
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def test_insert_all_ok_is_201_and_sets_system_fields(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    response = api.post("/Leads", json={"data": leads(2)})
    assert response.status_code == 201
    results = response.json()["data"]
    assert [r["status"] for r in results] == ["success", "success"]
    assert [r["message"] for r in results] == ["record added"] * 2
    details = results[0]["details"]
    assert ID.match(details["id"])
    assert details["Created_Time"] == details["Modified_Time"] == "2023-11-14T22:13:20+00:00"
    assert set(details["Created_By"]) == {"name", "id"}
    stored = sb.records("Leads")
    assert [r["id"] for r in stored] == [r["details"]["id"] for r in results]
    for field in ("Owner", "Created_By", "Modified_By"):
        assert set(stored[0][field]) == {"name", "id", "email"}
    assert STAMP.match(stored[0]["Created_Time"])
    assert stored[0]["Full_Name"] == "Lead 0"
    assert int(results[1]["details"]["id"]) > int(results[0]["details"]["id"])


def test_mixed_insert_is_207_with_errors_in_input_order(sb: Sandbox, api: httpx.Client) -> None:
    data = [*leads(1), {"Email": "x@example.com"}, {"Last_Name": "Bad", "Email": "not-an-email"}, *leads(1, 5)]
    response = api.post("/Leads", json={"data": data})
    assert response.status_code == 207
    results = response.json()["data"]
    assert [r["status"] for r in results] == ["success", "error", "error", "success"]
    assert results[1] == {
        "code": "MANDATORY_NOT_FOUND",
        "details": {"api_name": "Last_Name", "json_path": "$.data[1].Last_Name"},
        "message": "required field not found",
        "status": "error",
    }
    assert results[2]["code"] == "INVALID_DATA"
    assert results[2]["details"]["json_path"] == "$.data[2].Email"
    assert len(sb.records("Leads")) == 2


def test_insert_where_every_record_fails_is_400_with_per_record_body(sb: Sandbox, api: httpx.Client) -> None:
    response = api.post("/Deals", json={"data": [{"Deal_Name": "No stage"}, {"Stage": "Won"}]})
    assert response.status_code == 400
    assert [(r["code"], r["details"]["api_name"]) for r in response.json()["data"]] == [
        ("MANDATORY_NOT_FOUND", "Stage"),
        ("MANDATORY_NOT_FOUND", "Deal_Name"),
    ]
    assert sb.records("Deals") == []


@pytest.mark.parametrize(
    ("module", "record", "missing"),
    [
        ("Leads", {"Company": "x"}, "Last_Name"),
        ("Contacts", {"First_Name": "x"}, "Last_Name"),
        ("Accounts", {"Phone": "1"}, "Account_Name"),
        ("Campaigns", {"Type": "x"}, "Campaign_Name"),
        ("Products", {"Unit_Price": 3}, "Product_Name"),
        ("Notes", {"Note_Title": "x"}, "Note_Content"),
        ("Leads", {"Last_Name": "   "}, "Last_Name"),
        ("Leads", {"Last_Name": None}, "Last_Name"),
    ],
)
def test_required_fields_per_module(api: httpx.Client, module: str, record: dict[str, object], missing: str) -> None:
    (result,) = api.post(f"/{module}", json={"data": [record]}).json()["data"]
    assert (result["code"], result["details"]["api_name"]) == ("MANDATORY_NOT_FOUND", missing)


def test_more_than_100_records_is_limit_exceeded_envelope(sb: Sandbox, api: httpx.Client) -> None:
    for method, path in (("POST", "/Leads"), ("PUT", "/Leads"), ("POST", "/Leads/upsert")):
        response = api.request(method, path, json={"data": leads(101)})
        assert error_of(response) == (400, "LIMIT_EXCEEDED")
        assert response.json()["details"]["limit"] == 100
    assert sb.records("Leads") == []
    assert sb.counters.rejected["LIMIT_EXCEEDED"] == 3


def test_more_than_100_ids_is_limit_exceeded(api: httpx.Client) -> None:
    ids = ",".join(str(3652397000000000000 + i) for i in range(101))
    assert error_of(api.delete("/Leads", params={"ids": ids})) == (400, "LIMIT_EXCEEDED")
    assert error_of(api.get("/Leads", params={"ids": ids, "fields": "Last_Name"})) == (400, "LIMIT_EXCEEDED")


def test_record_field_types_are_checked_per_record(sb: Sandbox, api: httpx.Client) -> None:
    data = [{"Last_Name": "Ok"}, {"Last_Name": "Bad owner", "Owner": "someone"}, {"Last_Name": "Bad", "Tag": "x"}]
    results = api.post("/Leads", json={"data": data}).json()["data"]
    assert [r["code"] for r in results] == ["SUCCESS", "INVALID_DATA", "INVALID_DATA"]
    assert results[1]["details"] == {
        "api_name": "Owner",
        "json_path": "$.data[1].Owner",
        "expected_data_type": "object",
    }
    assert results[2]["details"]["api_name"] == "Tag"


def test_values_over_the_maximum_length_are_invalid_data(api: httpx.Client) -> None:
    (result,) = api.post("/Leads", json={"data": [{"Last_Name": "x" * 81}]}).json()["data"]
    assert result["code"] == "INVALID_DATA"
    assert result["details"]["maximum_length"] == 80


def test_owner_must_be_a_known_user(sb: Sandbox, api: httpx.Client) -> None:
    owner = sb.records("Leads") or None
    assert owner is None
    user_id = api.post("/Leads", json={"data": leads(1)}).json()["data"][0]["details"]["Created_By"]["id"]
    ok = api.post("/Leads", json={"data": [{"Last_Name": "x", "Owner": {"id": user_id}}]})
    assert ok.status_code == 201
    bad = api.post("/Leads", json={"data": [{"Last_Name": "x", "Owner": {"id": "1"}}]})
    assert bad.json()["data"][0]["code"] == "INVALID_DATA"


def test_system_fields_in_the_input_are_ignored(sb: Sandbox, api: httpx.Client) -> None:
    record = {"Last_Name": "x", "id": "1", "Created_Time": "2000-01-01T00:00:00+00:00", "Full_Name": "nope"}
    (result,) = api.post("/Leads", json={"data": [record]}).json()["data"]
    stored = sb.record("Leads", result["details"]["id"])
    assert stored is not None
    assert stored["id"] != "1"
    assert stored["Created_Time"] != "2000-01-01T00:00:00+00:00"
    assert stored["Full_Name"] == "x"


def test_lookup_fields_resolve_to_name_and_id(sb: Sandbox, api: httpx.Client) -> None:
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker"}])
    data = [{"Last_Name": "A", "Account_Name": {"id": account}}, {"Last_Name": "B", "Account_Name": {"id": "123"}}]
    results = api.post("/Contacts", json={"data": data}).json()["data"]
    assert results[0]["status"] == "success"
    assert results[1]["code"] == "INVALID_DATA"
    assert results[1]["details"]["api_name"] == "Account_Name"
    assert sb.records("Contacts")[0]["Account_Name"] == {"name": "Zylker", "id": account}


def test_unique_fields_refuse_duplicates(sb: Sandbox, api: httpx.Client) -> None:
    sb.mark_unique("Leads", "Email")
    (first,) = sb.seed("Leads", leads(1))
    results = api.post("/Leads", json={"data": [*leads(1), {"Last_Name": "x", "Email": "LEAD0@example.com"}]}).json()
    for result in results["data"]:
        assert result["code"] == "DUPLICATE_DATA"
        assert result["details"]["api_name"] == "Email"
        assert result["details"]["duplicate_record"]["id"] == first
        assert result["details"]["duplicate_record"]["module"]["api_name"] == "Leads"
        assert result["details"]["more_records"] is False


def test_duplicate_data_tells_whether_more_records_clash(sb: Sandbox, api: httpx.Client) -> None:
    """crm-oas ``DuplicateDataError`` (v8.0/record, createRecords/updateRecords): ``details.more_records`` is
    required, true when more than the ``duplicate_record`` named hold the value."""
    sb.seed("Leads", [{"Last_Name": "a", "Email": "same@example.com"}, {"Last_Name": "b", "Email": "same@example.com"}])
    sb.mark_unique("Leads", "Email")  # marked after two records took the value: both clash
    (result,) = api.post("/Leads", json={"data": [{"Last_Name": "c", "Email": "same@example.com"}]}).json()["data"]
    assert result["code"] == "DUPLICATE_DATA"
    assert result["details"]["more_records"] is True


def test_update_bulk_and_single(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    ids = sb.seed("Leads", leads(3))
    clock.advance(60)
    response = api.put(
        "/Leads", json={"data": [{"id": ids[0], "Company": "Zylker"}, {"id": ids[1], "Company": "Acme"}]}
    )
    assert response.status_code == 200
    assert [r["message"] for r in response.json()["data"]] == ["record updated"] * 2
    assert response.json()["data"][0]["details"]["Modified_Time"] == "2023-11-14T22:14:20+00:00"
    single = api.put(f"/Leads/{ids[2]}", json={"data": [{"Last_Name": "Renamed"}]})
    assert single.status_code == 200
    by_id = {r["id"]: r for r in sb.records("Leads")}
    assert by_id[ids[0]]["Company"] == "Zylker"
    assert by_id[ids[0]]["Created_Time"] != by_id[ids[0]]["Modified_Time"]
    assert by_id[ids[2]]["Last_Name"] == "Renamed"
    assert by_id[ids[2]]["Email"] == "lead2@example.com"


def test_update_errors_per_record(sb: Sandbox, api: httpx.Client) -> None:
    (record,) = sb.seed("Leads", leads(1))
    data = [{"Company": "no id"}, {"id": "3652397000000000001", "Company": "x"}, {"id": record, "Last_Name": ""}]
    response = api.put("/Leads", json={"data": data})
    assert response.status_code == 400
    assert [(r["code"], r["details"].get("api_name")) for r in response.json()["data"]] == [
        ("MANDATORY_NOT_FOUND", "id"),
        ("INVALID_DATA", "id"),
        ("MANDATORY_NOT_FOUND", "Last_Name"),
    ]
    missing = api.put("/Leads/3652397000000000001", json={"data": [{"Company": "x"}]})
    assert missing.status_code == 400
    assert missing.json()["data"][0]["code"] == "INVALID_DATA"
    assert sb.records("Leads")[0]["Last_Name"] == "Lead 0"


def test_multi_select_append_values(sb: Sandbox, api: httpx.Client) -> None:
    (record,) = sb.seed("Leads", [{"Last_Name": "x", "Languages": ["English"]}])
    item = {"id": record, "Languages": ["French", "English"], "$append_values": {"Languages": True}}
    api.put("/Leads", json={"data": [item]})
    assert sb.records("Leads")[0]["Languages"] == ["English", "French"]
    api.put("/Leads", json={"data": [{"id": record, "Languages": ["German"], "$append_values": {"Languages": False}}]})
    assert sb.records("Leads")[0]["Languages"] == ["German"]


def test_delete_bulk_moves_records_to_the_recycle_bin(sb: Sandbox, api: httpx.Client) -> None:
    ids = sb.seed("Leads", leads(3))
    response = api.delete("/Leads", params={"ids": f"{ids[0]},{ids[1]}", "wf_trigger": "false"})
    assert response.status_code == 200
    assert response.json()["data"] == [
        {"code": "SUCCESS", "details": {"id": ids[0]}, "message": "record deleted", "status": "success"},
        {"code": "SUCCESS", "details": {"id": ids[1]}, "message": "record deleted", "status": "success"},
    ]
    assert [r["id"] for r in sb.records("Leads")] == [ids[2]]
    again = api.delete("/Leads", params={"ids": f"{ids[0]},{ids[2]}"})
    assert again.status_code == 207
    assert [r["status"] for r in again.json()["data"]] == ["error", "success"]
    all_failed = api.delete("/Leads", params={"ids": ids[0]})
    assert all_failed.status_code == 400  # every id failed: the items, with a 400 (see the next test)
    assert all_failed.json()["data"][0]["code"] == "INVALID_DATA"
    assert {e["id"] for e in sb.deleted("Leads")} == set(ids)


def test_delete_bulk_where_every_id_fails_is_400_with_one_item_per_id(sb: Sandbox, api: httpx.Client) -> None:
    """crm-oas v8.0/record, deleteRecords: its 400 includes ``RecordDeleteInvalidDataError`` (a ``data[]`` of
    ``INVALID_DATA`` items) and its 207 needs at least two items, a mix; all deleted is 200."""
    (kept, gone) = sb.seed("Leads", leads(2))
    assert api.delete("/Leads", params={"ids": gone}).status_code == 200
    unknown = "3652397000000000001"
    response = api.delete("/Leads", params={"ids": f"{gone},{unknown}"})
    assert response.status_code == 400
    assert response.json() == {
        "data": [
            {"code": "INVALID_DATA", "details": {"id": gone}, "message": "record not deleted", "status": "error"},
            {"code": "INVALID_DATA", "details": {"id": unknown}, "message": "record not deleted", "status": "error"},
        ]
    }
    assert [r["id"] for r in sb.records("Leads")] == [kept]  # nothing else happened
    mixed = api.delete("/Leads", params={"ids": f"{unknown},{kept}"})
    assert mixed.status_code == 207
    assert [r["code"] for r in mixed.json()["data"]] == ["INVALID_DATA", "SUCCESS"]
    assert sb.violations == []


def test_mass_update_by_ids_where_every_id_fails_is_400_with_one_item_per_id(sb: Sandbox, api: httpx.Client) -> None:
    """crm-oas v8.0/mass_update, massUpdateRecords: its 400 includes a ``data[]`` of per-record errors (the
    ``norecordsfound`` example: ``INVALID_DATA`` naming the id) and its 207 needs at least two items, a mix."""
    (known,) = sb.seed("Leads", leads(1))
    unknown = "3652397000000000001"
    response = api.post("/Leads/actions/mass_update", json={"data": [{"City": "Oslo"}], "ids": [unknown]})
    assert response.status_code == 400
    assert response.json() == {
        "data": [
            {"code": "INVALID_DATA", "details": {"id": unknown}, "message": "the id given seems to be invalid",
             "status": "error"},
        ]
    }  # fmt: skip
    refused = api.post("/Leads/actions/mass_update", json={"data": [{"Last_Name": "x" * 81}], "ids": [known, unknown]})
    assert refused.status_code == 400  # a value the record refuses fails it as an unknown id does
    assert [(i["code"], i["status"], i["details"]["id"]) for i in refused.json()["data"]] == [
        ("INVALID_DATA", "error", known),
        ("INVALID_DATA", "error", unknown),
    ]
    assert [(r.get("City"), r["Last_Name"]) for r in sb.records("Leads")] == [(None, "Lead 0")]  # nothing written
    mixed = api.post("/Leads/actions/mass_update", json={"data": [{"City": "Oslo"}], "ids": [unknown, known]})
    assert mixed.status_code == 207
    assert [i["code"] for i in mixed.json()["data"]] == ["INVALID_DATA", "SUCCESS"]
    done = api.post("/Leads/actions/mass_update", json={"data": [{"City": "Rome"}], "ids": [known]})
    assert (done.status_code, [r["City"] for r in sb.records("Leads")]) == (200, ["Rome"])
    assert sb.violations == []


def test_delete_bulk_with_a_malformed_id_is_refused_whole(sb: Sandbox, api: httpx.Client) -> None:
    ids = sb.seed("Leads", leads(2))
    for bad in (f"{ids[0]},abc", "\uff11\uff12\uff13", "\u00b2"):  # reference 1.5; full-width digits are not ids
        response = api.delete("/Leads", params={"ids": bad})
        assert (response.status_code, response.json()["code"]) == (400, "UNABLE_TO_PARSE_DATA_TYPE")
    assert len(sb.records("Leads")) == 2  # nothing deleted
    assert sb.violations == []


def test_delete_single(sb: Sandbox, api: httpx.Client) -> None:
    (record,) = sb.seed("Leads", leads(1))
    assert api.delete(f"/Leads/{record}").json()["data"][0]["details"] == {"id": record}
    assert error_of(api.delete(f"/Leads/{record}")) == (400, "INVALID_DATA")
    assert error_of(api.delete("/Leads")) == (400, "REQUIRED_PARAM_MISSING")


def test_upsert_updates_by_system_field_and_inserts_the_rest(sb: Sandbox, api: httpx.Client) -> None:
    existing = sb.seed("Leads", leads(2))
    data = [{"Last_Name": "Changed", "Email": "LEAD1@example.com"}, *leads(1, start=7)]
    response = api.post("/Leads/upsert", json={"data": data})
    assert response.status_code == 200
    first, second = response.json()["data"]
    assert (first["action"], first["duplicate_field"], first["message"]) == ("update", "Email", "record updated")
    assert first["details"]["id"] == existing[1]
    assert (second["action"], second["duplicate_field"], second["message"]) == ("insert", None, "record added")
    assert len(sb.records("Leads")) == 3
    assert sb.record("Leads", existing[1])["Last_Name"] == "Changed"  # type: ignore[index]


def test_upsert_duplicate_check_fields_order(sb: Sandbox, api: httpx.Client) -> None:
    sb.mark_unique("Leads", "Mobile")
    by_email, by_mobile = sb.seed(
        "Leads", [{"Last_Name": "E", "Email": "e@x.com"}, {"Last_Name": "M", "Mobile": "555"}]
    )
    record = {"Last_Name": "Both", "Email": "e@x.com", "Mobile": "555"}
    mobile_first = api.post("/Leads/upsert", json={"data": [record], "duplicate_check_fields": ["Mobile", "Email"]})
    assert mobile_first.json()["data"][0]["details"]["id"] == by_mobile
    assert mobile_first.json()["data"][0]["duplicate_field"] == "Mobile"
    default = api.post("/Leads/upsert", json={"data": [{"Last_Name": "E2", "Email": "e@x.com"}]})
    assert default.json()["data"][0]["duplicate_field"] == "Email"
    assert default.json()["data"][0]["details"]["id"] == by_email


def test_upsert_leaving_out_the_system_field_skips_it(sb: Sandbox, api: httpx.Client) -> None:
    sb.mark_unique("Leads", "Mobile")
    sb.seed("Leads", leads(1))
    response = api.post(
        "/Leads/upsert",
        json={"data": [{"Last_Name": "x", "Email": "lead0@example.com"}], "duplicate_check_fields": ["Mobile"]},
    )
    assert response.json()["data"][0]["action"] == "insert"
    assert len(sb.records("Leads")) == 2


def test_upsert_refuses_a_field_that_cannot_check_duplicates(sb: Sandbox, api: httpx.Client) -> None:
    response = api.post("/Leads/upsert", json={"data": leads(1), "duplicate_check_fields": ["Company"]})
    assert error_of(response) == (400, "INVALID_DATA")
    assert response.json()["details"]["json_path"] == "$.duplicate_check_fields[0]"
    assert sb.records("Leads") == []


def test_upsert_custom_module_uses_name(sb: Sandbox, api: httpx.Client) -> None:
    sb.register_module("Custom_Module1", required=["Name"], duplicate_check_field="Name")
    first = api.post("/Custom_Module1/upsert", json={"data": [{"Name": "Alpha", "Score": 1}]}).json()["data"][0]
    second = api.post("/Custom_Module1/upsert", json={"data": [{"Name": "alpha", "Score": 2}]}).json()["data"][0]
    assert (first["action"], second["action"], second["duplicate_field"]) == ("insert", "update", "Name")
    assert [r["Score"] for r in sb.records("Custom_Module1")] == [2]
    (missing,) = api.post("/Custom_Module1", json={"data": [{"Score": 3}]}).json()["data"]
    assert missing["details"]["api_name"] == "Name"


def test_clone_copies_with_overrides(sb: Sandbox, api: httpx.Client) -> None:
    (source,) = sb.seed("Leads", [{"Last_Name": "Orig", "Company": "Zylker", "Email": "o@x.com"}])
    response = api.post(f"/Leads/{source}/actions/clone", json={"data": [{"Email": "clone@x.com"}]})
    assert response.status_code == 201
    clone_id = response.json()["data"][0]["details"]["id"]
    assert clone_id != source
    clone = sb.record("Leads", clone_id)
    assert clone is not None
    assert (clone["Last_Name"], clone["Company"], clone["Email"]) == ("Orig", "Zylker", "clone@x.com")
    bare = api.post(f"/Leads/{source}/actions/clone")
    assert bare.status_code == 201
    assert len(sb.records("Leads")) == 3
    nulled = api.post(f"/Leads/{source}/actions/clone", json={"data": [{"Last_Name": None}]})
    assert nulled.status_code == 400
    assert nulled.json()["data"][0]["code"] == "MANDATORY_NOT_FOUND"
    unknown = api.post("/Leads/3652397000000000001/actions/clone")
    assert unknown.status_code == 400


def test_clone_does_not_copy_external_fields(sb: Sandbox, api: httpx.Client) -> None:
    sb.mark_external("Leads", "Ext_ID")
    (source,) = sb.seed("Leads", [{"Last_Name": "x", "Ext_ID": "e1"}])
    clone_id = api.post(f"/Leads/{source}/actions/clone").json()["data"][0]["details"]["id"]
    assert "Ext_ID" not in sb.record("Leads", clone_id)  # type: ignore[operator]


def _modified(response: httpx.Response) -> list[str]:
    """The ids a 412 names: one ``ALREADY_MODIFIED`` item per record that changed, as crm-oas's 412 of
    updateRecords/updateRecord shows (``data[]``, each item's ``details`` the record's id and audit fields)."""
    assert response.status_code == 412
    items = response.json()["data"]
    for item in items:
        assert set(item) == {"code", "details", "message", "status"}
        assert (item["code"], item["status"]) == ("ALREADY_MODIFIED", "error")
        assert item["message"] == "record updated time has already passed if-unmodified-since time"
        assert {"id", "Modified_Time", "Created_Time", "Modified_By", "Created_By"} <= set(item["details"])
    return [item["details"]["id"] for item in items]


def test_if_unmodified_since_refuses_a_changed_record_and_changes_nothing(
    sb: Sandbox, api: httpx.Client, clock: ManualClock
) -> None:
    ids = sb.seed("Leads", leads(2))
    seen = "2023-11-14T22:13:20+00:00"
    clock.advance(10)
    assert api.put(f"/Leads/{ids[0]}", json={"data": [{"Company": "First"}]}, headers={"If-Unmodified-Since": seen})
    stale = {"If-Unmodified-Since": seen}
    response = api.put(f"/Leads/{ids[0]}", json={"data": [{"Company": "Second"}]}, headers=stale)
    assert _modified(response) == [ids[0]]
    assert response.json()["data"][0]["details"]["Modified_Time"] == "2023-11-14T22:13:30+00:00"
    bulk = api.put(
        "/Leads", json={"data": [{"id": ids[1], "Company": "x"}, {"id": ids[0], "Company": "y"}]}, headers=stale
    )
    assert _modified(bulk) == [ids[0]]  # the changed record only; the call is refused whole
    assert _modified(api.delete(f"/Leads/{ids[0]}", headers=stale)) == [ids[0]]
    upsert = api.post("/Leads/upsert", json={"data": [{"Last_Name": "u", "Email": "lead0@example.com"}]}, headers=stale)
    assert _modified(upsert) == [ids[0]]
    records = {r["id"]: r for r in sb.records("Leads")}
    assert records[ids[0]]["Company"] == "First"
    assert "Company" not in records[ids[1]]
    fresh = {"If-Unmodified-Since": "2023-11-14T22:13:30+00:00"}
    assert api.put(f"/Leads/{ids[0]}", json={"data": [{"Company": "Third"}]}, headers=fresh).status_code == 200
