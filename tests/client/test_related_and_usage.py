"""Related records through the client, and the issue's usage example run as written."""

from __future__ import annotations

import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import AsyncZohoCRM, DataCenter, ZohoCRM
from zoho_crm.errors import NotFoundError
from zoho_crm.testing import Sandbox


def test_usage_from_the_issue_runs_as_written(sb: Sandbox) -> None:
    sb.mark_external("Contacts", "External_Contact_ID")
    sb.seed("Contacts", [{"Last_Name": "Ext", "External_Contact_ID": "ext-42"}])
    (campaign_id,) = sb.seed("Campaigns", [{"Campaign_Name": "Launch"}])
    leads = [{"Last_Name": f"Lead {i}", "Email": f"l{i}@example.com"} for i in range(2100)]

    with ZohoCRM(sb.credentials, data_center=DataCenter.EU, transport=sb.transport(), **client_kwargs(sb)) as crm:
        result = crm.records.upsert("Leads", leads, duplicate_check_fields=["Email"])
        assert len(result.succeeded) == 2100
        listed = list(crm.records.iter("Leads", fields=["Last_Name", "Email"]))
        assert len(listed) == 2100
        deals = crm.records.insert("Deals", [{"Deal_Name": "Big", "Stage": "Qualification"}]).raise_for_errors()
        crm.records.update("Deals", [{"id": deals.ids[0], "Stage": "Closed Won"}]).raise_for_errors()
        ids = [r["id"] for r in listed[:150]]
        assert len(crm.records.delete("Leads", ids).succeeded) == 150
        contact = crm.records.get("Contacts", "ext-42", external="Contacts.External_Contact_ID")
        assert contact is not None
        lead_id = listed[200]["id"]
        linked = crm.related.update("Campaigns", campaign_id, "Leads", [{"id": lead_id, "Member_Status": "Active"}])
        assert linked.raise_for_errors()
        crm.records.insert("Notes", [{"Note_Title": "Hi", "Note_Content": "c", "Parent_Id": {"id": lead_id},
                                      "$se_module": "Leads"}]).raise_for_errors()  # fmt: skip
        notes = list(crm.related.iter("Leads", lead_id, "Notes", fields=["Note_Title"]))
        assert [n["Note_Title"] for n in notes] == ["Hi"]
    assert len(sb.records("Leads")) == 1950


def test_related_list_get_update_delink_count(sb: Sandbox, crm: ZohoCRM) -> None:
    (campaign,) = sb.seed("Campaigns", [{"Campaign_Name": "C"}])
    lead_ids = sb.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(130)])
    result = crm.related.update(
        "Campaigns", campaign, "Leads", [{"id": i, "Member_Status": "Planned"} for i in lead_ids]
    )
    assert len(result.succeeded) == 130
    assert result.calls == 2
    members = list(crm.related.iter("Campaigns", campaign, "Leads", fields=["Last_Name", "Member_Status"]))
    assert sorted(m["id"] for m in members) == sorted(lead_ids)
    one = crm.related.get("Campaigns", campaign, "Leads", lead_ids[0], fields=["Last_Name"])
    assert one is not None
    assert crm.related.update_one("Campaigns", campaign, "Leads", lead_ids[0], {"Member_Status": "Active"}).ok
    assert crm.related.count("Campaigns", campaign, ["Leads"]) == {"Leads": 130}
    assert len(crm.related.delink("Campaigns", campaign, "Leads", lead_ids[:120]).succeeded) == 120
    assert crm.related.delink_one("Campaigns", campaign, "Leads", lead_ids[120]).ok
    assert crm.related.count("Campaigns", campaign, ["Leads"]) == {"Leads": 9}
    assert len(sb.records("Leads")) == 130  # delinking keeps the records


def test_related_reads_of_a_parent_that_does_not_exist_raise_not_found(sb: Sandbox, crm: ZohoCRM) -> None:
    """Zoho answers 404 ``INVALID_DATA`` (crm-oas ``RecordNotFoundError``): not an empty list, as 204 would be."""
    (campaign,) = sb.seed("Campaigns", [{"Campaign_Name": "C"}])
    (lead,) = sb.seed("Leads", [{"Last_Name": "L"}])
    crm.records.delete_one("Campaigns", campaign)
    with pytest.raises(NotFoundError) as listed:
        list(crm.related.iter("Campaigns", campaign, "Leads", fields=["Last_Name"]))
    assert listed.value.code == "INVALID_DATA"
    with pytest.raises(NotFoundError):
        crm.related.get("Campaigns", campaign, "Leads", lead, fields=["Last_Name"])
    (other,) = sb.seed("Campaigns", [{"Campaign_Name": "D"}])
    assert crm.related.get("Campaigns", other, "Leads", lead, fields=["Last_Name"]) is None  # not related: 204
    assert list(crm.related.iter("Campaigns", other, "Leads", fields=["Last_Name"])) == []


def test_related_records_of_a_deleted_parent(sb: Sandbox, crm: ZohoCRM) -> None:
    (lead,) = sb.seed("Leads", [{"Last_Name": "Parent"}])
    crm.records.insert("Notes", [{"Note_Title": f"N{i}", "Note_Content": "c", "Parent_Id": {"id": lead},
                                  "$se_module": "Leads"} for i in range(3)]).raise_for_errors()  # fmt: skip
    crm.records.delete_one("Leads", lead)
    notes = list(crm.related.iter_of_deleted("Leads", lead, "Notes", fields=["Note_Title"]))
    assert sorted(n["Note_Title"] for n in notes) == ["N0", "N1", "N2"]


@pytest.mark.anyio
async def test_related_async(sb: Sandbox, acrm: AsyncZohoCRM) -> None:
    (campaign,) = sb.seed("Campaigns", [{"Campaign_Name": "C"}])
    lead_ids = sb.seed("Leads", [{"Last_Name": f"L{i}"} for i in range(5)])
    assert (
        len((await acrm.related.update("Campaigns", campaign, "Leads", [{"id": i} for i in lead_ids])).succeeded) == 5
    )
    members = [m["id"] async for m in acrm.related.iter("Campaigns", campaign, "Leads", fields=["Last_Name"])]
    assert sorted(members) == sorted(lead_ids)
    assert await acrm.related.count("Campaigns", campaign, ["Leads"]) == {"Leads": 5}
    assert len((await acrm.related.delink("Campaigns", campaign, "Leads", lead_ids)).succeeded) == 5
