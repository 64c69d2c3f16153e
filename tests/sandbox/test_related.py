"""Related records: campaign members (many-to-many), lookup lists, counts, lists of a deleted parent."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import error_of, leads
from zoho_crm.testing import ManualClock, Sandbox


@pytest.fixture
def campaign(sb: Sandbox) -> str:
    (campaign_id,) = sb.seed("Campaigns", [{"Campaign_Name": "Launch"}])
    return campaign_id


def test_link_members_with_relation_fields_and_list_both_ways(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    lead_ids = sb.seed("Leads", leads(3))
    items = [{"id": lead_ids[0], "Member_Status": "Invited"}, {"id": lead_ids[1]}, {"id": "3652397000000000001"}]
    response = api.put(f"/Campaigns/{campaign}/Leads", json={"data": items})
    assert response.status_code == 207
    results = response.json()["data"]
    assert results[0] == {
        "code": "SUCCESS",
        "details": {"id": lead_ids[0]},
        "message": "relation added",
        "status": "success",
    }
    assert results[2]["code"] == "INVALID_DATA"
    members = api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name,Member_Status"}).json()
    assert [(m["id"], m.get("Member_Status")) for m in members["data"]] == [
        (lead_ids[1], None),
        (lead_ids[0], "Invited"),
    ]
    assert members["info"]["more_records"] is False
    assert "next_page_token" in members["info"]
    campaigns = api.get(f"/Leads/{lead_ids[0]}/Campaigns", params={"fields": "Campaign_Name,Member_Status"}).json()
    assert campaigns["data"] == [{"id": campaign, "Campaign_Name": "Launch", "Member_Status": "Invited"}]
    assert api.get(f"/Leads/{lead_ids[2]}/Campaigns", params={"fields": "Campaign_Name"}).status_code == 204


def test_update_one_member_and_get_it(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    (lead,) = sb.seed("Leads", leads(1))
    (contact,) = sb.seed("Contacts", [{"Last_Name": "C"}])
    assert api.get(f"/Campaigns/{campaign}/Leads/{lead}", params={"fields": "Last_Name"}).status_code == 204
    linked = api.put(f"/Campaigns/{campaign}/Leads/{lead}", json={"data": [{"Member_Status": "Sent"}]})
    assert linked.status_code == 200
    updated = api.put(f"/Leads/{lead}/Campaigns/{campaign}", json={"data": [{"Member_Status": "Opened"}]})
    assert updated.json()["data"][0]["message"] == "relation added"
    one = api.get(f"/Campaigns/{campaign}/Leads/{lead}", params={"fields": "Last_Name,Member_Status"}).json()
    assert one == {"data": [{"id": lead, "Last_Name": "Lead 0", "Member_Status": "Opened"}]}
    api.put(f"/Campaigns/{campaign}/Contacts", json={"data": [{"id": contact, "Member_Status": "Sent"}]})
    assert [
        c["id"] for c in api.get(f"/Campaigns/{campaign}/Contacts", params={"fields": "Last_Name"}).json()["data"]
    ] == [contact]


def test_delink_bulk_and_single_keeps_the_records(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    lead_ids = sb.seed("Leads", leads(4))
    for lead in lead_ids:
        sb.relate("Campaigns", campaign, "Leads", lead, Member_Status="Planned")
    response = api.delete(f"/Campaigns/{campaign}/Leads", params={"ids": f"{lead_ids[0]},{lead_ids[1]},1"})
    assert response.status_code == 207
    assert [r["message"] for r in response.json()["data"][:2]] == ["relation removed"] * 2
    single = api.delete(f"/Campaigns/{campaign}/Leads/{lead_ids[2]}")
    assert single.json()["data"][0]["details"] == {"id": lead_ids[2]}
    assert error_of(api.delete(f"/Campaigns/{campaign}/Leads/{lead_ids[2]}")) == (400, "INVALID_DATA")
    remaining = api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name"}).json()["data"]
    assert [m["id"] for m in remaining] == [lead_ids[3]]
    assert len(sb.records("Leads")) == 4
    assert error_of(api.delete(f"/Campaigns/{campaign}/Leads")) == (400, "REQUIRED_PARAM_MISSING")


def test_notes_follow_their_parent_id_lookup(sb: Sandbox, api: httpx.Client) -> None:
    (lead,) = sb.seed("Leads", leads(1))
    (deal,) = sb.seed("Deals", [{"Deal_Name": "D", "Stage": "New"}])
    notes = [
        {"Note_Title": "A", "Note_Content": "a", "Parent_Id": {"id": lead}, "$se_module": "Leads"},
        {"Note_Title": "B", "Note_Content": "b", "Parent_Id": {"id": deal, "module": {"api_name": "Deals"}}},
        {"Note_Title": "C", "Note_Content": "c", "Parent_Id": {"id": lead}},
        {"Note_Title": "D", "Note_Content": "d", "Parent_Id": {"id": deal}, "$se_module": "Leads"},
    ]
    results = api.post("/Notes", json={"data": notes}).json()["data"]
    assert [r["status"] for r in results] == ["success", "success", "error", "error"]
    of_lead = api.get(f"/Leads/{lead}/Notes", params={"fields": "Note_Title,Parent_Id"}).json()["data"]
    assert [n["Note_Title"] for n in of_lead] == ["A"]
    assert of_lead[0]["Parent_Id"]["id"] == lead
    assert of_lead[0]["Parent_Id"]["module"]["api_name"] == "Leads"
    assert [
        n["Note_Title"] for n in api.get(f"/Deals/{deal}/Notes", params={"fields": "Note_Title"}).json()["data"]
    ] == ["B"]
    note_id = of_lead[0]["id"]
    not_allowed = api.delete(f"/Leads/{lead}/Notes", params={"ids": note_id})
    assert error_of(not_allowed) == (400, "NOT_SUPPORTED")  # a lookup's list: the whole call is refused
    moved = api.put(f"/Deals/{deal}/Notes/{note_id}", json={"data": [{}]})
    assert error_of(moved) == (400, "NOT_SUPPORTED")
    assert sb.record("Notes", note_id)["Parent_Id"]["id"] == lead  # type: ignore[index]


def test_contacts_and_deals_of_an_account(sb: Sandbox, api: httpx.Client) -> None:
    (account, other) = sb.seed("Accounts", [{"Account_Name": "Zylker"}, {"Account_Name": "Acme"}])
    contact_ids = sb.seed("Contacts", [{"Last_Name": "A", "Account_Name": {"id": account}}, {"Last_Name": "B"}])
    api.post("/Deals", json={"data": [{"Deal_Name": "Big", "Stage": "New", "Account_Name": {"id": account}}]})
    contacts = api.get(f"/Accounts/{account}/Contacts", params={"fields": "Last_Name,Account_Name"}).json()["data"]
    assert [(c["id"], c["Account_Name"]["name"]) for c in contacts] == [(contact_ids[0], "Zylker")]
    deals = api.get(f"/Accounts/{account}/Deals", params={"fields": "Deal_Name"}).json()["data"]
    assert [d["Deal_Name"] for d in deals] == ["Big"]
    # Account_Name is a lookup: Update and Delink Related Records do not change it (spec: Decisions)
    names = {"fields": "Last_Name"}
    moved = api.put(f"/Accounts/{other}/Contacts/{contact_ids[1]}", json={"data": [{}]})
    assert error_of(moved) == (400, "NOT_SUPPORTED")
    assert moved.json()["details"] == {"api_name": "Contacts", "resource_path_index": 2}
    assert "Account_Name" not in sb.record("Contacts", contact_ids[1])  # type: ignore[operator]
    bulk = api.put(f"/Accounts/{other}/Deals", json={"data": [{"id": contact_ids[0]}]})
    assert error_of(bulk) == (400, "NOT_SUPPORTED")
    delinked = api.delete(f"/Accounts/{account}/Contacts", params={"ids": contact_ids[0]})
    assert error_of(delinked) == (400, "NOT_SUPPORTED")
    assert error_of(api.delete(f"/Accounts/{account}/Contacts/{contact_ids[0]}")) == (400, "NOT_SUPPORTED")
    assert sb.record("Contacts", contact_ids[0])["Account_Name"] == {"name": "Zylker", "id": account}  # type: ignore[index]
    assert [c["id"] for c in api.get(f"/Accounts/{account}/Contacts", params=names).json()["data"]] == contact_ids[:1]
    api.put(f"/Contacts/{contact_ids[1]}", json={"data": [{"Account_Name": {"id": other}}]})  # the way to move it
    assert [c["id"] for c in api.get(f"/Accounts/{other}/Contacts", params=names).json()["data"]] == contact_ids[1:]


@pytest.mark.parametrize(
    ("parent_module", "parent", "related_list", "child_module", "child"),
    [
        ("Products", {"Product_Name": "Widget"}, "Leads", "Leads", {"Last_Name": "L"}),
        ("Products", {"Product_Name": "Widget"}, "Accounts", "Accounts", {"Account_Name": "A"}),
        ("Products", {"Product_Name": "Widget"}, "Contacts", "Contacts", {"Last_Name": "C"}),
        ("Products", {"Product_Name": "Widget"}, "Deals", "Deals", {"Deal_Name": "D", "Stage": "New"}),
        ("Leads", {"Last_Name": "L"}, "Products", "Products", {"Product_Name": "Widget"}),
        ("Accounts", {"Account_Name": "A"}, "Products", "Products", {"Product_Name": "Widget"}),
        ("Contacts", {"Last_Name": "C"}, "Products", "Products", {"Product_Name": "Widget"}),
        ("Deals", {"Deal_Name": "D", "Stage": "New"}, "Products", "Products", {"Product_Name": "Widget"}),
        ("Contacts", {"Last_Name": "C"}, "Campaigns", "Campaigns", {"Campaign_Name": "Fair"}),
    ],
)
def test_documented_relations_link_list_and_delink_from_either_side(
    sb: Sandbox,
    api: httpx.Client,
    parent_module: str,
    parent: dict[str, str],
    related_list: str,
    child_module: str,
    child: dict[str, str],
) -> None:
    (parent_id,) = sb.seed(parent_module, [parent])
    child_ids = sb.seed(child_module, [child, child])
    linked = api.put(f"/{parent_module}/{parent_id}/{related_list}", json={"data": [{"id": i} for i in child_ids]})
    assert linked.status_code == 200, linked.text
    assert [r["message"] for r in linked.json()["data"]] == ["relation added"] * 2
    listed = api.get(f"/{parent_module}/{parent_id}/{related_list}", params={"fields": "id"}).json()["data"]
    assert sorted(r["id"] for r in listed) == sorted(child_ids)
    back = api.get(f"/{child_module}/{child_ids[0]}/{parent_module}", params={"fields": "id"}).json()["data"]
    assert [r["id"] for r in back] == [parent_id]  # the other side lists it too
    one = api.delete(f"/{parent_module}/{parent_id}/{related_list}/{child_ids[0]}")
    assert one.json()["data"][0]["message"] == "relation removed"
    bulk = api.delete(f"/{parent_module}/{parent_id}/{related_list}", params={"ids": child_ids[1]})
    assert bulk.status_code == 200
    assert api.get(f"/{parent_module}/{parent_id}/{related_list}", params={"fields": "id"}).status_code == 204
    assert len(sb.records(child_module)) == 2  # delink keeps the records


def test_price_books_and_services_relate_when_the_org_has_them(sb: Sandbox, api: httpx.Client) -> None:
    sb.register_module("Price_Books", required=("Price_Book_Name",))
    sb.register_module("Appointments__s", required=("Appointment_Name",))
    sb.register_module("Services__s", required=("Service_Name",))
    (product,) = sb.seed("Products", [{"Product_Name": "Widget"}])
    (book,) = sb.seed("Price_Books", [{"Price_Book_Name": "Retail"}])
    (appointment,) = sb.seed("Appointments__s", [{"Appointment_Name": "Visit"}])
    (service,) = sb.seed("Services__s", [{"Service_Name": "Repair"}])
    assert api.put(f"/Price_Books/{book}/Products", json={"data": [{"id": product}]}).status_code == 200
    assert [p["id"] for p in api.get(f"/Products/{product}/Price_Books", params={"fields": "id"}).json()["data"]] == [
        book
    ]
    assert api.put(f"/Appointments__s/{appointment}/Services__s/{service}", json={"data": [{}]}).status_code == 200
    listed = api.get(f"/Services__s/{service}/Appointments__s", params={"fields": "id"}).json()["data"]
    assert [a["id"] for a in listed] == [appointment]


def test_contact_roles_link_deals_to_a_contact_beside_the_contact_name_lookup(sb: Sandbox, api: httpx.Client) -> None:
    (contact,) = sb.seed("Contacts", [{"Last_Name": "C"}])
    deals = [{"Deal_Name": "Named", "Stage": "New", "Contact_Name": contact}, {"Deal_Name": "Role", "Stage": "New"}]
    (named, other) = sb.seed("Deals", deals)
    linked = api.put(f"/Contacts/{contact}/Deals", json={"data": [{"id": other, "Contact_Role": "4871000000000001"}]})
    assert linked.status_code == 200, linked.text
    listed = api.get(f"/Contacts/{contact}/Deals", params={"fields": "Deal_Name,Contact_Role"}).json()["data"]
    assert sorted((d["Deal_Name"], d.get("Contact_Role")) for d in listed) == [
        ("Named", None),
        ("Role", "4871000000000001"),
    ]
    assert "Contact_Name" not in sb.record("Deals", other)  # type: ignore[operator]  # the role is no lookup write
    kept = api.delete(f"/Contacts/{contact}/Deals", params={"ids": f"{named},{other}"})
    assert kept.status_code == 207
    assert [r["code"] for r in kept.json()["data"]] == ["INVALID_DATA", "SUCCESS"]  # no role link to remove
    assert sb.record("Deals", named)["Contact_Name"]["id"] == contact  # type: ignore[index]
    assert [d["id"] for d in api.get(f"/Contacts/{contact}/Deals", params={"fields": "id"}).json()["data"]] == [named]
    api.put(f"/Contacts/{contact}/Deals/{other}", json={"data": [{}]})
    api.delete(f"/Contacts/{contact}")
    deleted = api.get(f"/Contacts/deleted/{contact}/Deals", params={"fields": "Deal_Name"}).json()["data"]
    assert [d["id"] for d in deleted] == [named]  # of a deleted record: the lookup's side only


def test_related_list_errors(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    bad_list = api.get(f"/Campaigns/{campaign}/Nope", params={"fields": "Last_Name"})
    assert error_of(bad_list) == (400, "INVALID_DATA")
    for unknown in (
        api.put(f"/Campaigns/{campaign}/Nope", json={"data": [{"id": campaign}]}),
        api.put(f"/Campaigns/{campaign}/Nope/{campaign}", json={"data": [{}]}),
        api.delete(f"/Campaigns/{campaign}/Nope", params={"ids": campaign}),
        api.delete(f"/Campaigns/{campaign}/Nope/{campaign}"),
    ):
        assert error_of(unknown) == (400, "INVALID_DATA")
        assert unknown.json()["details"] == {"api_name": "Nope", "resource_path_index": 2}
        assert unknown.json()["message"] == "the related name given seems to be invalid"
    assert error_of(api.get(f"/Campaigns/{campaign}/Leads")) == (400, "REQUIRED_PARAM_MISSING")
    unknown_parent = api.put("/Campaigns/3652397000000000001/Leads", json={"data": [{"id": "1"}]})
    assert error_of(unknown_parent) == (400, "INVALID_DATA")
    no_id = api.put(f"/Campaigns/{campaign}/Leads", json={"data": [{"Member_Status": "x"}]})
    assert no_id.json()["data"][0]["code"] == "MANDATORY_NOT_FOUND"
    too_many = api.put(f"/Campaigns/{campaign}/Leads", json={"data": [{"id": str(i)} for i in range(101)]})
    assert error_of(too_many) == (400, "LIMIT_EXCEEDED")


def test_related_records_count(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    lead_ids = sb.seed("Leads", leads(3))
    for lead in lead_ids:
        sb.relate("Campaigns", campaign, "Leads", lead)
    response = api.post(
        f"/Campaigns/{campaign}/actions/get_related_records_count",
        json={
            "get_related_records_count": [
                {"related_list": {"api_name": "Leads"}},
                {"related_list": {"api_name": "Notes"}},
            ]
        },
    )
    assert response.status_code == 200
    counts = response.json()["get_related_records_count"]
    assert [(c["related_list"]["api_name"], c["count"]) for c in counts] == [("Leads", 3), ("Notes", 0)]
    by_id = api.post(
        f"/Campaigns/{campaign}/actions/get_related_records_count",
        json={"get_related_records_count": [{"related_list": {"id": counts[0]["related_list"]["id"]}}]},
    )
    assert by_id.json()["get_related_records_count"][0]["count"] == 3
    mixed = api.post(
        f"/Campaigns/{campaign}/actions/get_related_records_count",
        json={
            "get_related_records_count": [
                {"related_list": {"api_name": "Leads"}},
                {"related_list": {}},
                {"related_list": {"api_name": "Nope"}},
                {"related_list": {"api_name": "Leads", "id": counts[1]["related_list"]["id"]}},
            ]
        },
    )
    assert mixed.status_code == 207
    assert [item.get("code") for item in mixed.json()["get_related_records_count"]] == [
        None,
        "EXPECTED_FIELD_MISSING",
        "INVALID_DATA",
        "AMBIGUITY_DURING_PROCESSING",
    ]
    missing = api.post(
        f"/Campaigns/{campaign}/actions/get_related_records_count", json={"get_related_records_count": [{}]}
    )
    assert error_of(missing) == (400, "REQUIRED_PARAM_MISSING")
    too_many = {"get_related_records_count": [{"related_list": {"api_name": "Leads"}}] * 101}
    response = api.post(f"/Campaigns/{campaign}/actions/get_related_records_count", json=too_many)
    assert error_of(response) == (400, "INVALID_DATA")  # the count family has no LIMIT_EXCEEDED in the spec
    assert response.json()["details"]["limit"] == 100


def test_related_records_of_a_deleted_parent(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    (lead, alive) = sb.seed("Leads", leads(2))
    notes = [
        {"Note_Title": f"N{i}", "Note_Content": "c", "Parent_Id": {"id": lead}, "$se_module": "Leads"} for i in range(3)
    ]
    api.post("/Notes", json={"data": notes})
    not_deleted = api.get(f"/Leads/deleted/{lead}/Notes", params={"fields": "Note_Title"})
    assert error_of(not_deleted) == (400, "INVALID_DATA")
    # resource_path_index counts every segment after /crm/v8, "deleted" included: Leads 0, deleted 1, id 2, list 3
    assert not_deleted.json()["details"]["resource_path_index"] == 2
    unknown_list = api.get(f"/Leads/deleted/{lead}/Nonsense", params={"fields": "Note_Title"})
    assert error_of(unknown_list) == (400, "INVALID_DATA")
    assert unknown_list.json()["details"]["resource_path_index"] == 3
    assert api.get(f"/Leads/{alive}/Nonsense", params={"fields": "x"}).json()["details"]["resource_path_index"] == 2
    api.delete(f"/Leads/{lead}")
    listed = api.get(f"/Leads/deleted/{lead}/Notes", params={"fields": "Note_Title"}).json()
    assert sorted(n["Note_Title"] for n in listed["data"]) == ["N0", "N1", "N2"]
    assert "next_page_token" not in listed["info"]
    assert error_of(api.get(f"/Leads/deleted/{lead}/Campaigns", params={"fields": "Campaign_Name"})) == (
        400,
        "NOT_SUPPORTED",
    )
    assert error_of(api.get(f"/Leads/deleted/{lead}/Notes")) == (400, "REQUIRED_PARAM_MISSING")
    sb.empty_recycle_bin()
    assert error_of(api.get(f"/Leads/deleted/{lead}/Notes", params={"fields": "Note_Title"})) == (400, "INVALID_DATA")
    assert alive


def test_related_lists_page_with_tokens_past_2000(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    lead_ids = sb.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(2050)])
    for lead in lead_ids:
        sb.relate("Campaigns", campaign, "Leads", lead)
    seen: list[str] = []
    for page in range(1, 11):
        body = api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name", "page": page}).json()
        seen += [m["id"] for m in body["data"]]
    assert error_of(api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name", "page": 11})) == (
        400,
        "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
    )
    rest = api.get(
        f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name", "page_token": body["info"]["next_page_token"]}
    ).json()
    seen += [m["id"] for m in rest["data"]]
    assert seen == lead_ids[::-1]


def test_related_if_modified_since(sb: Sandbox, api: httpx.Client, campaign: str, clock: ManualClock) -> None:
    (lead,) = sb.seed("Leads", leads(1))
    sb.relate("Campaigns", campaign, "Leads", lead)
    since = {"If-Modified-Since": "2023-11-14T22:13:20+00:00"}
    assert api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name"}, headers=since).status_code == 304
    assert api.get(f"/Campaigns/{campaign}/Leads/{lead}", headers=since).status_code == 304
    clock.advance(1)
    api.put(f"/Leads/{lead}", json={"data": [{"Company": "x"}]})
    assert api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name"}, headers=since).status_code == 200


def test_delink_bulk_where_every_id_fails_is_400_with_one_item_per_id(
    sb: Sandbox, api: httpx.Client, campaign: str
) -> None:
    """crm-oas v8.0/related_records, delinkRelatedRecords: its 400 includes ``RelationNotFoundBulkError`` (the
    ``relationnotfound`` example: a ``data[]`` of ``INVALID_DATA`` items naming the id); 207 is for a mix."""
    (linked, unlinked) = sb.seed("Leads", leads(2))
    sb.relate("Campaigns", campaign, "Leads", linked)
    unknown = "3652397000000000001"
    response = api.delete(f"/Campaigns/{campaign}/Leads", params={"ids": f"{unlinked},{unknown}"})
    assert response.status_code == 400
    items = response.json()["data"]
    assert [(i["code"], i["status"], i["details"]["id"]) for i in items] == [
        ("INVALID_DATA", "error", unlinked),
        ("INVALID_DATA", "error", unknown),
    ]
    members = api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name"}).json()["data"]
    assert [m["id"] for m in members] == [linked]  # nothing delinked
    mixed = api.delete(f"/Campaigns/{campaign}/Leads", params={"ids": f"{unknown},{linked}"})
    assert mixed.status_code == 207
    assert [i["code"] for i in mixed.json()["data"]] == ["INVALID_DATA", "SUCCESS"]
    assert sb.violations == []


def test_delink_with_a_malformed_id_is_refused_whole(sb: Sandbox, api: httpx.Client, campaign: str) -> None:
    response = api.delete(f"/Campaigns/{campaign}/Leads", params={"ids": "abc"})  # reference 2.4
    assert (response.status_code, response.json()["code"]) == (400, "UNABLE_TO_PARSE_DATA_TYPE")
    assert sb.violations == []


def test_related_reads_of_a_record_that_does_not_exist_answer_404(
    sb: Sandbox, api: httpx.Client, campaign: str
) -> None:
    """crm-oas (v8.0/related_records, getRelatedRecords and getRelatedRecord): a parent, or a related record,
    that does not exist is a 404 ``INVALID_DATA`` "The record does not exist"; 204 means nothing related."""
    (lead,) = sb.seed("Leads", leads(1))
    missing = "3652397000000000001"
    for gone in (
        api.get(f"/Campaigns/{missing}/Leads", params={"fields": "Last_Name"}),
        api.get(f"/Campaigns/{missing}/Leads/{lead}", params={"fields": "Last_Name"}),
        api.get(f"/Campaigns/{campaign}/Leads/{missing}", params={"fields": "Last_Name"}),
    ):
        assert error_of(gone) == (404, "INVALID_DATA")
        assert gone.json()["message"] == "The record does not exist"
        assert gone.json()["details"] == {}
    api.delete(f"/Leads/{lead}")  # in the recycle bin: no longer a record the related lists read
    assert error_of(api.get(f"/Leads/{lead}/Campaigns", params={"fields": "Campaign_Name"})) == (404, "INVALID_DATA")
    # Both exist but are not related, or nothing is related: still 204.
    (other,) = sb.seed("Leads", leads(1, start=1))
    assert api.get(f"/Campaigns/{campaign}/Leads/{other}", params={"fields": "Last_Name"}).status_code == 204
    assert api.get(f"/Campaigns/{campaign}/Leads", params={"fields": "Last_Name"}).status_code == 204
