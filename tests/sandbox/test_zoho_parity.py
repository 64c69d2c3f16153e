"""What Zoho does that foreign clients rely on (#21): converted records, activity lists, clone's approval state,
integer ids, and ``details`` that never carry a non-numeric ``id``."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import error_of
from zoho_crm.testing import Sandbox


def _names(response: httpx.Response) -> list[str]:
    return sorted(r["Last_Name"] for r in response.json()["data"]) if response.status_code == 200 else []


@pytest.mark.parametrize(("converted", "expected"), [(None, ["Open"]), ("false", ["Open"]), ("true", ["Won"]),
                                                     ("both", ["Open", "Won"])])  # fmt: skip
def test_converted_filters_get_records_and_search(
    sb: Sandbox, api: httpx.Client, converted: str | None, expected: list[str]
) -> None:
    sb.seed("Leads", [{"Last_Name": "Open"}, {"Last_Name": "Won", "$converted": True}])
    extra = {"converted": converted} if converted else {}
    assert _names(api.get("/Leads", params={"fields": "Last_Name", **extra})) == expected
    criteria = "((Last_Name:equals:Open)or(Last_Name:equals:Won))"
    assert _names(api.get("/Leads/search", params={"criteria": criteria, **extra})) == expected


def test_activity_lists_split_open_and_closed_with_module(sb: Sandbox, api: httpx.Client) -> None:
    lead = sb.seed("Leads", [{"Last_Name": "Burns"}])[0]
    sb.register_module("Tasks", required=("Subject",), lookups={"What_Id": "Leads"})
    sb.seed("Tasks", [{"Subject": "Call back", "Status": "Open", "What_Id": lead},
                      {"Subject": "Sent", "Status": "Completed", "What_Id": lead}])  # fmt: skip
    open_ = api.get(f"/Leads/{lead}/Activities_Chronological_View", params={"fields": "Subject"}).json()["data"]
    done = api.get(f"/Leads/{lead}/Activities_Chronological_View_History", params={"fields": "Subject"}).json()
    assert [(r["Subject"], r["$module"]) for r in open_] == [("Call back", "Tasks")]
    assert [(r["Subject"], r["$module"]) for r in done["data"]] == [("Sent", "Tasks")]
    refused = api.put(f"/Leads/{lead}/Activities_Chronological_View", json={"data": [{"id": "1"}]})
    assert error_of(refused) == (400, "NOT_SUPPORTED")  # read-only, as a lookup's list (spec: Decisions)
    one = api.get(f"/Leads/{lead}/Activities_Chronological_View/{lead}", params={"fields": "Subject"})
    assert error_of(one) == (400, "INVALID_DATA")  # can only be listed


def test_activity_lists_answer_204_without_activities(sb: Sandbox, api: httpx.Client) -> None:
    lead = sb.seed("Leads", [{"Last_Name": "Burns"}])[0]
    assert api.get(f"/Leads/{lead}/Activities_Chronological_View", params={"fields": "Subject"}).status_code == 204


def test_clone_details_carry_the_approval_state(sb: Sandbox, api: httpx.Client) -> None:
    lead = sb.seed("Leads", [{"Last_Name": "Burns"}])[0]
    details = api.post(f"/Leads/{lead}/actions/clone").json()["data"][0]["details"]
    assert details["$approval_state"] == "approved"


def test_integer_ids_update_and_link(sb: Sandbox, api: httpx.Client) -> None:
    lead = sb.seed("Leads", [{"Last_Name": "Burns"}])[0]
    campaign = sb.seed("Campaigns", [{"Campaign_Name": "Fair"}])[0]
    updated = api.put("/Leads", json={"data": [{"id": int(lead), "Company": "Zylker"}]})
    assert updated.json()["data"][0]["details"]["id"] == lead  # answers keep ids as strings
    linked = api.put(f"/Leads/{lead}/Campaigns", json={"data": [{"id": int(campaign), "Member_Status": "Sent"}]})
    assert linked.status_code == 200, linked.text
    assert sb.records("Leads")[0]["Company"] == "Zylker"
    boolean = api.put("/Leads", json={"data": [{"id": True}]})  # a boolean is no id
    assert (boolean.status_code, boolean.json()["data"][0]["code"]) == (400, "INVALID_DATA")


def test_unknown_external_values_are_named_by_their_field_never_as_id(sb: Sandbox, api: httpx.Client) -> None:
    sb.mark_external("Contacts", "Ext")
    external = {"X-EXTERNAL": "Contacts.Ext"}
    assert api.get("/Contacts/nope", headers=external).status_code == 204
    deleted = api.delete("/Contacts", params={"ids": "nope"}, headers=external).json()["data"][0]
    assert deleted["details"] == {"Ext": "nope"}
    updated = api.put("/Contacts/nope", json={"data": [{"Last_Name": "x"}]}, headers=external).json()["data"][0]
    assert "id" not in updated["details"]
    assert updated["details"]["Ext"] == "nope"
    one = api.delete("/Contacts/nope", headers=external).json()
    assert one["details"]["Ext"] == "nope"
    assert "id" not in one["details"]


def test_integer_related_list_ids_in_a_count(sb: Sandbox, api: httpx.Client) -> None:
    lead = sb.seed("Leads", [{"Last_Name": "Burns"}])[0]
    notes = sb.state.store.modules["Leads"].related_lists["Notes"].id
    body = {"get_related_records_count": [{"related_list": {"id": int(notes)}}]}
    answer = api.post(f"/Leads/{lead}/actions/get_related_records_count", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["get_related_records_count"][0]["count"] == 0
