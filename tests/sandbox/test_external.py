"""External IDs: X-EXTERNAL in paths, ids, lookups and related records; upsert without the header."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import error_of
from zoho_crm.testing import Sandbox

CONTACT_EXT = {"X-EXTERNAL": "Contacts.External_Contact_ID"}


@pytest.fixture
def contacts(sb: Sandbox) -> list[str]:
    sb.mark_external("Contacts", "External_Contact_ID")
    sb.mark_external("Accounts", "External_Account_ID")
    sb.mark_external("Deals", "External_Deal_ID")
    return sb.seed(
        "Contacts",
        [{"Last_Name": "One", "External_Contact_ID": "ext-1"}, {"Last_Name": "Two", "External_Contact_ID": "ext-2"}],
    )


def test_get_by_external_value(api: httpx.Client, contacts: list[str]) -> None:
    body = api.get("/Contacts/ext-1", headers=CONTACT_EXT).json()
    assert set(body) == {"data"}
    assert body["data"][0]["id"] == contacts[0]
    assert api.get("/Contacts/ext-missing", headers=CONTACT_EXT).status_code == 204
    assert api.get("/Contacts/ext-1").status_code == 204  # without the header it is an (unknown) record id


def test_list_by_external_ids(api: httpx.Client, contacts: list[str]) -> None:
    body = api.get("/Contacts", params={"ids": "ext-2,ext-1,nope", "fields": "Last_Name"}, headers=CONTACT_EXT).json()
    assert [r["id"] for r in body["data"]] == [contacts[1], contacts[0]]
    assert "info" in body
    assert api.get("/Contacts", params={"ids": "nope", "fields": "Last_Name"}, headers=CONTACT_EXT).status_code == 204


def test_update_through_the_external_value(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    response = api.put("/Contacts/ext-1", json={"data": [{"Title": "CTO"}]}, headers=CONTACT_EXT)
    assert response.status_code == 200
    assert sb.record("Contacts", contacts[0])["Title"] == "CTO"  # type: ignore[index]
    same = api.put("/Contacts/ext-1", json={"data": [{"External_Contact_ID": "ext-1"}]}, headers=CONTACT_EXT)
    assert same.status_code == 200
    changed = api.put("/Contacts/ext-1", json={"data": [{"External_Contact_ID": "ext-9"}]}, headers=CONTACT_EXT)
    assert changed.status_code == 400
    assert changed.json()["data"][0]["code"] == "NOT_ALLOWED"
    assert changed.json()["data"][0]["details"]["api_name"] == "External_Contact_ID"
    unknown = api.put("/Contacts/ext-9", json={"data": [{"Title": "x"}]}, headers=CONTACT_EXT)
    assert unknown.json()["data"][0]["code"] == "INVALID_DATA"


def test_bulk_update_names_records_by_their_external_field(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    data = [
        {"External_Contact_ID": "ext-2", "Title": "VP"},
        {"External_Contact_ID": "ext-9", "Title": "x"},
        {"Title": "y"},
    ]
    response = api.put("/Contacts", json={"data": data}, headers=CONTACT_EXT)
    assert response.status_code == 207
    assert [r["code"] for r in response.json()["data"]] == ["SUCCESS", "INVALID_DATA", "MANDATORY_NOT_FOUND"]
    assert response.json()["data"][2]["details"]["api_name"] == "External_Contact_ID"
    assert sb.record("Contacts", contacts[1])["Title"] == "VP"  # type: ignore[index]


def test_delete_by_external_values_echoes_the_field(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    response = api.delete("/Contacts", params={"ids": "ext-1,nope"}, headers=CONTACT_EXT)
    assert response.status_code == 207
    assert response.json()["data"][0]["details"] == {"id": contacts[0], "External_Contact_ID": "ext-1"}
    single = api.delete("/Contacts/ext-2", headers=CONTACT_EXT)
    assert single.json()["data"][0]["details"] == {"id": contacts[1], "External_Contact_ID": "ext-2"}
    assert sb.records("Contacts") == []


def test_delete_by_external_values_that_all_fail_is_400_naming_each(
    sb: Sandbox, api: httpx.Client, contacts: list[str]
) -> None:
    response = api.delete("/Contacts", params={"ids": "nope-1,nope-2"}, headers=CONTACT_EXT)
    assert response.status_code == 400
    assert [(i["code"], i["details"].get("External_Contact_ID")) for i in response.json()["data"]] == [
        ("INVALID_DATA", "nope-1"),
        ("INVALID_DATA", "nope-2"),
    ]
    assert "id" not in response.json()["data"][0]["details"]  # an external value is never in details.id
    assert len(sb.records("Contacts")) == 2
    assert sb.violations == []


def test_lookup_by_external_value_needs_the_header(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker", "External_Account_ID": "acc-1"}])
    record = {"Last_Name": "Three", "Account_Name": {"External_Account_ID": "acc-1"}}
    without = api.post("/Contacts", json={"data": [record]})
    assert without.json()["data"][0]["code"] == "INVALID_DATA"
    header = {"X-EXTERNAL": "Contacts.Account_Name.External_Account_ID"}
    with_header = api.post("/Contacts", json={"data": [record]}, headers=header)
    assert with_header.status_code == 201
    created = sb.record("Contacts", with_header.json()["data"][0]["details"]["id"])
    assert created is not None
    assert created["Account_Name"] == {"name": "Zylker", "id": account}
    both = {"Last_Name": "Four", "Account_Name": {"External_Account_ID": "acc-1", "id": "3652397000000000001"}}
    assert api.post("/Contacts", json={"data": [both]}, headers=header).status_code == 201  # the header wins
    assert api.post("/Contacts", json={"data": [both]}).json()["data"][0]["code"] == "INVALID_DATA"  # the id wins
    wrong = {"Last_Name": "Five", "Account_Name": {"External_Account_ID": "acc-9"}}
    refused = api.post("/Contacts", json={"data": [wrong]}, headers=header).json()["data"][0]
    assert refused["code"] == "INVALID_DATA"
    # details name the external field and value, never text in details.id (the official SDKs parse it as a number)
    assert refused["details"] == {
        "api_name": "Account_Name",
        "json_path": "$.data[0].Account_Name",
        "External_Account_ID": "acc-9",
    }
    for value in ({"External_Account_ID": "acc-1"}, {"id": "abc"}):  # no header; an id that is not one
        details = api.post("/Contacts", json={"data": [{"Last_Name": "Six", "Account_Name": value}]}).json()["data"][0]
        assert "id" not in details["details"], details


def test_multi_module_lookup_by_external_value(sb: Sandbox, api: httpx.Client) -> None:
    sb.mark_external("Leads", "External_Lead_ID")
    (lead,) = sb.seed("Leads", [{"Last_Name": "L", "External_Lead_ID": "lead-1"}])
    note = {"Note_Content": "c", "Parent_Id": {"External_Lead_ID": "lead-1", "module": {"api_name": "Leads"}}}
    header = {"X-EXTERNAL": "Notes.Parent_Id->Leads.External_Lead_ID"}
    assert api.post("/Notes", json={"data": [note]}, headers=header).status_code == 201
    assert sb.records("Notes")[0]["Parent_Id"]["id"] == lead


def test_external_values_are_unique(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    response = api.post("/Contacts", json={"data": [{"Last_Name": "Dup", "External_Contact_ID": "EXT-1"}]})
    result = response.json()["data"][0]
    assert (response.status_code, result["code"], result["details"]["api_name"]) == (
        400,
        "DUPLICATE_DATA",
        "External_Contact_ID",
    )
    moved = api.put("/Contacts", json={"data": [{"id": contacts[1], "External_Contact_ID": "ext-1"}]})
    assert moved.json()["data"][0]["code"] == "DUPLICATE_DATA"


def test_upsert_matches_external_fields_without_the_header(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    response = api.post("/Contacts/upsert", json={"data": [{"Last_Name": "Renamed", "External_Contact_ID": "ext-2"}]})
    result = response.json()["data"][0]
    assert (result["action"], result["duplicate_field"], result["details"]["id"]) == (
        "update",
        "External_Contact_ID",
        contacts[1],
    )
    by_field = api.post(
        "/Contacts/upsert",
        json={
            "data": [{"Last_Name": "x", "External_Contact_ID": "ext-1"}],
            "duplicate_check_fields": ["External_Contact_ID"],
        },
    )
    assert by_field.json()["data"][0]["action"] == "update"


def test_related_records_through_external_values(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    deals = sb.seed(
        "Deals",
        [
            {"Deal_Name": "D1", "Stage": "New", "External_Deal_ID": "deal-1"},
            {"Deal_Name": "D2", "Stage": "New", "External_Deal_ID": "deal-2"},
        ],
    )
    both = {"X-EXTERNAL": "Contacts.External_Contact_ID,Deals.External_Deal_ID"}
    linked = api.put(
        "/Contacts/ext-1/Deals", json={"data": [{"External_Deal_ID": "deal-1"}, {"Deal_Name": "x"}]}, headers=both
    )
    assert linked.status_code == 207
    first, second = linked.json()["data"]
    assert first["details"] == {"id": deals[0], "External_Deal_ID": "deal-1"}
    assert (second["code"], second["details"]["api_name"]) == ("MANDATORY_NOT_FOUND", "External_Deal_ID")
    listed = api.get("/Contacts/ext-1/Deals", params={"fields": "Deal_Name"}, headers=CONTACT_EXT).json()["data"]
    assert [d["id"] for d in listed] == [deals[0]]
    one = api.get(
        "/Contacts/ext-1/Deals/deal-1",
        params={"fields": "Deal_Name"},
        headers={"X-EXTERNAL": "Contacts.External_Contact_ID, Deals.External_Deal_ID"},
    )
    assert one.json()["data"][0]["Deal_Name"] == "D1"
    assert api.get("/Contacts/ext-1/Deals/deal-2", headers=both).status_code == 204
    delinked = api.delete("/Contacts/ext-1/Deals", params={"ids": "deal-1"}, headers=both)
    assert delinked.json()["data"][0]["details"] == {"id": deals[0], "External_Deal_ID": "deal-1"}


def test_external_forms_follow_the_relation_rule(sb: Sandbox, api: httpx.Client, contacts: list[str]) -> None:
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker", "External_Account_ID": "acc-1"}])
    both = {"X-EXTERNAL": "Accounts.External_Account_ID,Contacts.External_Contact_ID"}
    lookup = api.put("/Accounts/acc-1/Contacts", json={"data": [{"External_Contact_ID": "ext-1"}]}, headers=both)
    assert error_of(lookup) == (400, "NOT_SUPPORTED")  # Account_Name is a lookup, whatever names the records
    assert error_of(api.delete("/Accounts/acc-1/Contacts/ext-1", headers=both)) == (400, "NOT_SUPPORTED")
    assert "Account_Name" not in sb.record("Contacts", contacts[0])  # type: ignore[operator]
    (product,) = sb.seed("Products", [{"Product_Name": "Widget"}])
    linked = api.put(f"/Products/{product}/Contacts/ext-2", json={"data": [{}]}, headers=CONTACT_EXT)
    assert linked.json()["data"][0]["details"] == {"id": contacts[1], "External_Contact_ID": "ext-2"}
    listed = api.get("/Contacts/ext-2/Products", params={"fields": "Product_Name"}, headers=CONTACT_EXT).json()
    assert [p["id"] for p in listed["data"]] == [product]
    assert account


@pytest.mark.parametrize(
    "header",
    [
        "Contacts.Nope",
        "Nope.External_Contact_ID",
        "Contacts.Account_Name.Nope",
        "Contacts.Subform.Lookup.External_Contact_ID",
        "Contacts.Last_Name.External_Account_ID",
    ],
)
def test_invalid_external_headers_are_invalid_data(api: httpx.Client, contacts: list[str], header: str) -> None:
    response = api.get("/Contacts/ext-1", headers={"X-EXTERNAL": header})
    assert error_of(response) == (400, "INVALID_DATA")
    assert response.json()["details"]["param_name"] == "X-EXTERNAL"


def test_external_header_must_match_the_spec_pattern(api: httpx.Client, contacts: list[str]) -> None:
    response = api.get("/Contacts/ext-1", headers={"X-EXTERNAL": "Contacts"})
    assert error_of(response) == (400, "INVALID_DATA")
