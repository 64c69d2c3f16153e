"""``crm.metadata``: modules, fields, related lists, user and org, sync and async, from the registry."""

from __future__ import annotations

import pytest

from tests.client.conftest import AsyncRecorder, Recorder
from zoho_crm import AsyncZohoCRM, ZohoCRM
from zoho_crm.errors import ZohoError, ZohoValidationError
from zoho_crm.testing import Sandbox
from zoho_crm_api import API_VERSION


def _register(sb: Sandbox) -> None:
    sb.register_module(
        "Projects", required=("Name", "Code"), unique=("Code",), external=("Ext_Id",), lookups={"Account": "Accounts"}
    )


def test_fields_show_a_registered_module(sb: Sandbox, crm: ZohoCRM, recorder: Recorder) -> None:
    _register(sb)
    fields = {field["api_name"]: field for field in crm.metadata.fields("Projects")}
    assert fields["Name"]["system_mandatory"] is True
    assert fields["Code"]["system_mandatory"] is True
    assert fields["Code"]["unique"] is not None
    assert fields["Name"]["unique"] is None
    assert fields["Ext_Id"]["external"] == {"type": "org", "show": True}
    assert fields["Account"]["data_type"] == "lookup"
    assert fields["Account"]["lookup"]["module"]["api_name"] == "Accounts"
    assert fields["Email"]["data_type"] == "email"
    assert fields["Created_Time"]["data_type"] == "datetime"
    assert str(recorder.requests[-1].url).endswith(f"/crm/{API_VERSION}/settings/fields?module=Projects")


def test_modules_module_related_lists_user_and_org(sb: Sandbox, crm: ZohoCRM) -> None:
    _register(sb)
    modules = {module["api_name"]: module for module in crm.metadata.modules()}
    assert modules["Projects"]["generated_type"] == "custom"
    assert modules["Leads"]["generated_type"] == "default"
    assert crm.metadata.module("Deals")["id"] == modules["Deals"]["id"]
    lists = {related["api_name"]: related for related in crm.metadata.related_lists("Accounts")}
    assert lists["Projects"]["module"]["api_name"] == "Projects"  # from the registered lookup
    assert lists["Projects"]["href"] == "Accounts/{ENTITYID}/Projects"
    assert lists["Activities_Chronological_View"]["module"] is None
    assert crm.metadata.current_user()["email"] == sb.state.store.user["email"]
    assert crm.metadata.org()["id"] == sb.state.org_id


def test_unknown_module_is_a_typed_error_and_bad_names_never_leave(crm: ZohoCRM, recorder: Recorder) -> None:
    with pytest.raises(ZohoError) as unknown:
        crm.metadata.fields("Nope")
    assert (unknown.value.status_code, unknown.value.code) == (400, "INVALID_MODULE")
    with pytest.raises(ZohoError):
        crm.metadata.module("Nope")
    sent = len(recorder.requests)
    with pytest.raises(ZohoValidationError):
        crm.metadata.fields("Leads?x=1")
    with pytest.raises(ZohoValidationError):
        crm.metadata.module("../org")
    assert len(recorder.requests) == sent


@pytest.mark.anyio
async def test_async_metadata(sb: Sandbox, acrm: AsyncZohoCRM, arecorder: AsyncRecorder) -> None:
    _register(sb)
    names = [field["api_name"] for field in await acrm.metadata.fields("Projects")]
    assert {"Name", "Code", "Ext_Id", "Account"} <= set(names)
    assert "Projects" in {module["api_name"] for module in await acrm.metadata.modules()}
    assert (await acrm.metadata.module("Projects"))["api_name"] == "Projects"
    assert "Notes" in {related["api_name"] for related in await acrm.metadata.related_lists("Leads")}
    assert (await acrm.metadata.current_user())["status"] == "active"
    assert (await acrm.metadata.org())["id"] == sb.state.org_id
    assert [request.method for request in arecorder.requests[-6:]] == ["GET"] * 6


def test_the_declared_reads_send_their_fixed_parameters_and_refuse_unknown_ones(
    crm: ZohoCRM, recorder: Recorder
) -> None:
    crm.metadata.current_user()
    assert str(recorder.requests[-1].url).endswith(f"/crm/{API_VERSION}/users?type=CurrentUser")
    sent = len(recorder.requests)
    with pytest.raises(ZohoValidationError, match="type"):
        crm.metadata.current_user(type="AllUsers")  # type: ignore[arg-type]
    with pytest.raises(ZohoValidationError, match="fields"):
        crm.metadata.fields("Leads", per_page=2)  # type: ignore[arg-type]
    assert len(recorder.requests) == sent
