"""Zoho's official Python SDK (``zohocrmsdk8-0``), unchanged, against the sandbox served on loopback.

The SDK is pointed at the sandbox with its own ``DataCenter.Environment`` (API URL, token URL);
no proxy, no patch. It fetches the metadata it always fetches (current user, org, fields, related
lists), posts bodies without a Content-Type and sends ids as integers: every step must succeed and
read back what it wrote.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zoho_crm.testing import Sandbox

pytest.importorskip("zohocrmsdk", reason="the official SDK is a test requirement (zohocrmsdk8-0)")

from zohocrmsdk.src.com.zoho.api.authenticator.oauth_token import OAuthToken
from zohocrmsdk.src.com.zoho.api.authenticator.store import FileStore
from zohocrmsdk.src.com.zoho.api.logger import Logger
from zohocrmsdk.src.com.zoho.crm.api import HeaderMap, ParameterMap
from zohocrmsdk.src.com.zoho.crm.api import record as sdk_record
from zohocrmsdk.src.com.zoho.crm.api import related_records as sdk_related
from zohocrmsdk.src.com.zoho.crm.api.dc import DataCenter
from zohocrmsdk.src.com.zoho.crm.api.initializer import Initializer
from zohocrmsdk.src.com.zoho.crm.api.sdk_config import SDKConfig

Record = sdk_record.Record


class SandboxEnvironment(DataCenter.Environment):  # type: ignore[misc]
    """The SDK's environment for a local Zoho: the API origin and the token URL of the sandbox."""

    def __init__(self, sb: Sandbox) -> None:
        super().__init__(sb.api_domain, f"{sb.accounts_url}/oauth/v2/token", sb.api_domain)


@pytest.fixture
def sdk(tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox on loopback with the SDK initialized against it (its files in ``tmp_path``)."""
    with Sandbox("http") as sb:
        sb.mark_external("Contacts", "External_Contact_ID")
        sb.mark_external("Deals", "External_Deal_ID")
        creds = sb.credentials
        token = OAuthToken(
            client_id=creds.client_id, client_secret=creds.client_secret, refresh_token=creds.refresh_token
        )
        Initializer.initialize(
            environment=SandboxEnvironment(sb),
            token=token,
            store=FileStore(str(tmp_path / "tokens.csv")),
            sdk_config=SDKConfig(auto_refresh_fields=False, pick_list_validation=False),
            resource_path=str(tmp_path),
            logger=Logger.get_instance(Logger.Levels.NOTSET, None),
        )
        yield sb
        assert sb.violations == []


def _record(**fields: Any) -> Any:
    record = Record()
    for name, value in fields.items():
        record.add_key_value(name, value)
    return record


def _body(*records: Any, duplicate_check_fields: list[str] | None = None) -> Any:
    body = sdk_record.BodyWrapper()
    body.set_data(list(records))
    if duplicate_check_fields is not None:
        body.set_duplicate_check_fields(duplicate_check_fields)
    return body


def _params(cls: Any, **values: Any) -> ParameterMap:
    params = ParameterMap()
    for name, value in values.items():
        params.add(getattr(cls, name), value)
    return params


def _headers(cls: Any, external: str) -> HeaderMap:
    headers = HeaderMap()
    headers.add(cls.x_external, external)
    return headers


def _written(response: Any, status: int = 201) -> list[int]:
    """The ids of an all-successful write (the SDK parses them as integers)."""
    assert response.get_status_code() == status, _describe(response)
    outcomes = response.get_object().get_data()
    assert all(isinstance(o, sdk_record.SuccessResponse) for o in outcomes), _describe(response)
    return [int(o.get_details()["id"]) for o in outcomes]


def _records(response: Any) -> list[Any]:
    assert response.get_status_code() == 200, _describe(response)
    data: list[Any] = response.get_object().get_data()
    return data


def _describe(response: Any) -> str:
    answer = response.get_object()
    if hasattr(answer, "get_code"):
        return f"{response.get_status_code()} {answer.get_code().get_value()} {answer.get_details()}"
    if hasattr(answer, "get_data"):
        return f"{response.get_status_code()} " + "; ".join(
            f"{o.get_code().get_value()} {o.get_details()}" for o in answer.get_data() if hasattr(o, "get_code")
        )
    return str(response.get_status_code())


def test_records_crud_search_count_clone_and_deleted(sdk: Sandbox) -> None:
    leads = sdk_record.RecordOperations("Leads")
    ids = _written(
        leads.create_records(
            _body(*(_record(Last_Name=f"Burns {i}", Email=f"burns{i}@example.com") for i in range(3))), HeaderMap()
        )
    )
    assert len(ids) == 3

    one = _records(leads.get_record(ids[0], _params(sdk_record.GetRecordParam, fields="Last_Name,Email")))[0]
    assert (one.get_id(), one.get_key_value("Email")) == (ids[0], "burns0@example.com")

    page = leads.get_records(_params(sdk_record.GetRecordsParam, fields="Last_Name", page=1, per_page=2))
    listed = _records(page)
    assert len(listed) == 2
    assert page.get_object().get_info().get_more_records() is True

    found = _records(
        leads.search_records(_params(sdk_record.SearchRecordsParam, criteria="(Last_Name:starts_with:Burns)"))
    )
    assert sorted(r.get_id() for r in found) == sorted(ids)
    count = leads.record_count(_params(sdk_record.RecordCountParam, criteria="(Email:equals:burns1@example.com)"))
    assert count.get_object().get_count() == 1

    _written(leads.update_record(ids[0], _body(_record(Company="Zylker")), HeaderMap()), 200)
    bulk = [_record(Company=f"Bulk {i}") for i in range(2)]
    for record, record_id in zip(bulk, ids[1:], strict=True):
        record.set_id(record_id)  # sent as a JSON integer
    assert _written(leads.update_records(_body(*bulk), HeaderMap()), 200) == ids[1:]
    companies = {
        r.get_id(): r.get_key_value("Company")
        for r in _records(leads.get_records(_params(sdk_record.GetRecordsParam, fields="Company")))
    }
    assert companies == {ids[0]: "Zylker", ids[1]: "Bulk 0", ids[2]: "Bulk 1"}

    upserted = leads.upsert_records(
        _body(
            _record(Last_Name="Burns 0", Email="burns0@example.com", Company="Upserted"),
            _record(Last_Name="New", Email="new@example.com"),
            duplicate_check_fields=["Email"],
        ),
        HeaderMap(),
    )
    assert upserted.get_status_code() == 200, _describe(upserted)
    actions = [(o.get_action().get_value(), int(o.get_details()["id"])) for o in upserted.get_object().get_data()]
    assert actions[0] == ("update", ids[0])
    assert actions[1][0] == "insert"

    clone = _written(leads.clone_record(ids[0]))[0]
    cloned = _records(leads.get_record(clone, _params(sdk_record.GetRecordParam, fields="Company,Email")))[0]
    assert cloned.get_key_value("Company") == "Upserted"

    _written(leads.delete_record(ids[2], ParameterMap(), HeaderMap()), 200)
    assert _written(leads.delete_records(_params(sdk_record.DeleteRecordsParam, ids=str(clone)), HeaderMap()), 200) == [
        clone
    ]
    deleted = leads.get_deleted_records(_params(sdk_record.GetDeletedRecordsParam, type="recycle"), HeaderMap())
    assert deleted.get_status_code() == 200, _describe(deleted)
    assert {int(entry.get_id()) for entry in deleted.get_object().get_data()} == {ids[2], clone}
    assert leads.get_record(ids[2], ParameterMap()).get_status_code() == 204


def test_lookups_related_records_and_external_ids(sdk: Sandbox) -> None:
    contacts = sdk_record.RecordOperations("Contacts")
    deals = sdk_record.RecordOperations("Deals")
    contact_id = _written(
        contacts.create_records(
            _body(_record(Last_Name="Dylan", Email="dylan@example.com", External_Contact_ID="ext-c1")), HeaderMap()
        )
    )[0]
    contact = Record()
    contact.set_id(contact_id)
    deal_ids = _written(
        deals.create_records(
            _body(
                _record(Deal_Name="Renewal", Stage="Qualification", Contact_Name=contact, External_Deal_ID="ext-d1"),
                _record(Deal_Name="Upsell", Stage="Qualification", External_Deal_ID="ext-d2"),
            ),
            HeaderMap(),
        )
    )
    looked_up = _records(deals.get_record(deal_ids[0], _params(sdk_record.GetRecordParam, fields="Contact_Name")))[0]
    assert looked_up.get_key_value("Contact_Name").get_id() == contact_id

    related = sdk_related.RelatedRecordsOperations("Deals", "Contacts")
    listed = related.get_related_records(contact_id, _deal_names(), HeaderMap())
    assert [r.get_id() for r in _records(listed)] == [deal_ids[0]]

    link = Record()
    link.set_id(deal_ids[1])  # a JSON integer in the related-record link
    linked = related.update_related_records(contact_id, _related_body(link), HeaderMap())
    assert linked.get_status_code() == 200, _describe(linked)
    assert sorted(r.get_id() for r in _records(related.get_related_records(contact_id, _deal_names()))) == sorted(
        deal_ids
    )

    # delink removes the contact-role link; the Contact_Name lookup of deal 0 is no link (spec: Decisions)
    delinked = related.delink_records(contact_id, _params(sdk_related.DelinkRecordsParam, ids=str(deal_ids[1])))
    assert delinked.get_status_code() == 200, _describe(delinked)
    assert [r.get_id() for r in _records(related.get_related_records(contact_id, _deal_names()))] == [deal_ids[0]]

    by_external = contacts.get_record_using_external_id(
        "ext-c1",
        _params(sdk_record.GetRecordUsingExternalIDParam, fields="Email"),
        _headers(sdk_record.GetRecordUsingExternalIDHeader, "Contacts.External_Contact_ID"),
    )
    assert _records(by_external)[0].get_id() == contact_id
    updated = contacts.update_record_using_external_id(
        "ext-c1",
        _body(_record(Title="CTO")),
        _headers(sdk_record.UpdateRecordUsingExternalIDHeader, "Contacts.External_Contact_ID"),
    )
    assert _written(updated, 200) == [contact_id]
    title = _records(contacts.get_record(contact_id, _params(sdk_record.GetRecordParam, fields="Title")))[0]
    assert title.get_key_value("Title") == "CTO"

    external_link = _record(External_Deal_ID="ext-d2")
    relinked = related.update_related_records_using_external_id(
        "ext-c1",
        _related_body(external_link),
        _headers(
            sdk_related.UpdateRelatedRecordsUsingExternalIDHeader, "Contacts.External_Contact_ID,Deals.External_Deal_ID"
        ),
    )
    assert relinked.get_status_code() == 200, _describe(relinked)
    assert sorted(r.get_id() for r in _records(related.get_related_records(contact_id, _deal_names()))) == sorted(
        deal_ids
    )


def _deal_names() -> ParameterMap:
    return _params(sdk_related.GetRelatedRecordsParam, fields="Deal_Name")


def _related_body(*records: Any) -> Any:
    body = sdk_related.BodyWrapper()
    body.set_data(list(records))
    return body


def test_metadata_the_sdk_reads(sdk: Sandbox) -> None:
    from zohocrmsdk.src.com.zoho.crm.api import fields as sdk_fields
    from zohocrmsdk.src.com.zoho.crm.api import modules as sdk_modules
    from zohocrmsdk.src.com.zoho.crm.api import org as sdk_org
    from zohocrmsdk.src.com.zoho.crm.api import related_lists as sdk_related_lists
    from zohocrmsdk.src.com.zoho.crm.api import users as sdk_users

    sdk.register_module("Projects", required=("Name",), unique=("Code",), lookups={"Account": "Accounts"})
    fields = sdk_fields.FieldsOperations().get_fields(_params(sdk_fields.GetFieldsParam, module="Projects"))
    assert fields.get_status_code() == 200
    by_name = {f.get_api_name(): f for f in fields.get_object().get_fields()}
    assert by_name["Name"].get_system_mandatory() is True
    assert by_name["Code"].get_unique() is not None
    assert by_name["Account"].get_data_type() == "lookup"
    assert by_name["Account"].get_lookup().get_module().get_api_name() == "Accounts"

    modules = sdk_modules.ModulesOperations().get_modules(ParameterMap(), HeaderMap())
    names = {m.get_api_name(): m for m in modules.get_object().get_modules()}
    assert names["Projects"].get_generated_type().get_value() == "custom"
    assert names["Leads"].get_api_supported() is True

    users = sdk_users.UsersOperations().get_users(_params(sdk_users.GetUsersParam, type="CurrentUser"))
    assert users.get_status_code() == 200
    assert users.get_object().get_users()[0].get_email() == sdk.state.store.user["email"]
    org = sdk_org.OrgOperations().get_organization()
    assert org.get_object().get_org()[0].get_id() == sdk.state.org_id

    lists = sdk_related_lists.RelatedListsOperations().get_related_lists(
        _params(sdk_related_lists.GetRelatedListsParam, module="Leads")
    )
    by_list = {r.get_api_name(): r for r in lists.get_object().get_related_lists()}
    assert by_list["Notes"].get_href() == "Leads/{ENTITYID}/Notes"
    assert {"Campaigns", "Activities_Chronological_View", "Activities_Chronological_View_History"} <= set(by_list)


def test_mass_update_by_ids_and_by_view_with_its_status(sdk: Sandbox) -> None:
    leads = sdk_record.RecordOperations("Leads")
    ids = sdk.seed("Leads", [{"Last_Name": f"Mass {i}"} for i in range(3)])
    by_ids = sdk_record.MassUpdateBodyWrapper()
    by_ids.set_data([_record(Lead_Source="Web")])
    by_ids.set_ids([*ids[:2], "3652397000999999999"])
    answer = leads.mass_update_records(by_ids)
    assert answer.get_status_code() == 207, _describe(answer)
    outcomes = answer.get_object().get_data()
    assert [type(o).__name__ for o in outcomes] == ["MassUpdateSuccessResponse"] * 2 + ["APIException"]
    assert [sdk.record("Leads", i)["Lead_Source"] for i in ids[:2]] == ["Web", "Web"]

    by_view = sdk_record.MassUpdateBodyWrapper()
    by_view.set_data([_record(Company="Zylker")])
    by_view.set_cvid(sdk.custom_view_id("Leads"))
    scheduled = leads.mass_update_records(by_view)
    assert scheduled.get_status_code() == 200, _describe(scheduled)
    (job,) = scheduled.get_object().get_data()
    assert job.get_message().get_value() == "mass update scheduled successfully"
    job_id = job.get_details()["job_id"]
    statuses = []
    for _ in range(2):
        status = leads.get_mass_update_status(_params(sdk_record.GetMassUpdateStatusParam, job_id=job_id))
        assert status.get_status_code() == 200, _describe(status)
        (state,) = status.get_object().get_data()
        statuses.append((state.get_status().get_value(), state.get_updated_count(), state.get_total_count()))
    assert statuses == [("SCHEDULED", 0, 3), ("COMPLETED", 3, 3)]
    assert {r["Company"] for r in sdk.records("Leads")} == {"Zylker"}
