"""The Sandbox object itself: addresses, seeding and inspection helpers, modules, counters, settings."""

from __future__ import annotations

import anyio
import anyio.to_thread
import httpx
import pytest

from tests.sandbox.conftest import auth, leads
from zoho_crm import RefreshTokenCredentials
from zoho_crm.testing import Counters, ManualClock, Sandbox, SandboxConfig, sandbox
from zoho_crm_api import API_VERSION


def test_addresses_in_process() -> None:
    with sandbox() as box:
        assert box.api_domain == "https://zoho-sandbox.test"
        assert box.accounts_url == box.api_domain
        assert box.base_url == f"https://zoho-sandbox.test/crm/{API_VERSION}"
        assert isinstance(box.credentials, RefreshTokenCredentials)
        assert box.client_credentials.soid.startswith("ZohoCRM.")
        assert isinstance(box.transport(), httpx.BaseTransport)
        assert isinstance(box.async_transport(), httpx.AsyncBaseTransport)
        assert box.app is box.app
        assert box.state.config == box.config


def test_origin_can_be_chosen_in_process() -> None:
    with sandbox(origin="https://crm.sandbox.test/") as box:
        assert box.base_url == f"https://crm.sandbox.test/crm/{API_VERSION}"
        with httpx.Client(base_url=box.accounts_url, transport=box.transport()) as client:
            creds = box.credentials
            form = {"grant_type": "refresh_token", "client_id": creds.client_id,
                    "client_secret": creds.client_secret, "refresh_token": creds.refresh_token}  # fmt: skip
            assert client.post("/oauth/v2/token", data=form).json()["api_domain"] == "https://crm.sandbox.test"


def test_mode_is_checked() -> None:
    with pytest.raises(ValueError, match="mode"):
        Sandbox("grpc")


def test_counters_read_as_attributes_and_as_a_mapping(sb: Sandbox, api: httpx.Client) -> None:
    api.post("/Leads", json={"data": leads(1)})
    api.get("/Leads")
    counters = sb.counters
    assert isinstance(counters, Counters)
    assert counters["requests"] == {"insert_records": 1, "get_records": 1}
    assert isinstance(counters.get("requests"), dict)
    assert counters.rejected == {"REQUIRED_PARAM_MISSING": 1}
    assert counters.total_requests == 2
    assert set(counters) == {
        "requests", "token_refreshes", "token_errors", "rejected", "faults", "credits_used", "max_in_flight"
    }  # fmt: skip
    with pytest.raises(KeyError):
        counters["nope"]
    sb.reset_counters()
    assert sb.counters.requests == {}


def test_records_are_copies_in_id_order(sb: Sandbox) -> None:
    ids = sb.seed("Leads", [{"Last_Name": "a", "Tags": ["x"]}, {"Last_Name": "b"}])
    records = sb.records("Leads")
    assert [r["id"] for r in records] == ids
    records[0]["Tags"].append("y")
    records[0]["Last_Name"] = "changed"
    assert sb.record("Leads", ids[0]) == {**sb.records("Leads")[0]}
    assert sb.records("Leads")[0]["Tags"] == ["x"]
    assert sb.record("Leads", "1") is None


def test_seed_names_lookups(sb: Sandbox) -> None:
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker"}])
    (lead,) = sb.seed("Leads", [{"Last_Name": "L", "First_Name": "Pat"}])
    (contact,) = sb.seed("Contacts", [{"Last_Name": "C", "Account_Name": account}])
    sb.seed("Notes", [{"Note_Content": "n", "Parent_Id": {"id": lead}, "$se_module": "Leads"}])
    assert sb.record("Contacts", contact)["Account_Name"] == {"id": account, "name": "Zylker"}  # type: ignore[index]
    assert sb.records("Notes")[0]["Parent_Id"] == {
        "id": lead,
        "name": "Pat L",
        "module": {"api_name": "Leads", "id": sb.state.store.modules["Leads"].id},
    }


def test_relate_links_through_lookups_too(sb: Sandbox, api: httpx.Client) -> None:
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker"}])
    (contact,) = sb.seed("Contacts", [{"Last_Name": "C"}])
    sb.relate("Accounts", account, "Contacts", contact)
    body = api.post(
        f"/Accounts/{account}/actions/get_related_records_count",
        json={"get_related_records_count": [{"related_list": {"api_name": "Contacts"}}]},
    ).json()
    assert body["get_related_records_count"][0]["count"] == 1
    with pytest.raises(KeyError):
        sb.relate("Accounts", account, "Contacts", "1")


def test_register_module_with_lookups_and_external_fields(sb: Sandbox, api: httpx.Client) -> None:
    sb.register_module(
        "Projects_X", required=["Name", "Code"], unique=["Code"], external=["Ext_Id"], lookups={"Account": "Accounts"}
    )
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker"}])
    response = api.post("/Projects_X", json={"data": [{"Name": "P", "Code": "c1", "Account": {"id": account}}]})
    assert response.status_code == 201
    listed = api.get(f"/Accounts/{account}/Projects_X", params={"fields": "Name"}).json()["data"]
    assert [p["Name"] for p in listed] == ["P"]
    (missing,) = api.post("/Projects_X", json={"data": [{"Name": "Q"}]}).json()["data"]
    assert missing["details"]["api_name"] == "Code"
    dup = api.post("/Projects_X", json={"data": [{"Name": "Q", "Code": "C1"}]}).json()["data"][0]
    assert dup["code"] == "DUPLICATE_DATA"
    record_id = response.json()["data"][0]["details"]["id"]
    note = {"Note_Content": "n", "Parent_Id": {"id": record_id, "module": {"api_name": "Projects_X"}}}
    assert api.post("/Notes", json={"data": [note]}).status_code == 201
    assert api.get(f"/Projects_X/{record_id}/Notes", params={"fields": "Note_Content"}).status_code == 200
    with pytest.raises(ValueError, match="module API name"):
        sb.register_module("1bad")
    with pytest.raises(ValueError, match="lookup target"):
        sb.register_module("Other_X", lookups={"Thing": "Nowhere"})


def test_mark_fields_checks_names(sb: Sandbox) -> None:
    with pytest.raises(KeyError):
        sb.mark_external("Nope", "Field")
    with pytest.raises(ValueError, match="field API name"):
        sb.mark_unique("Leads", "bad field")


def test_unique_marked_after_seeding_is_indexed(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", [{"Last_Name": "a", "Code": "X1"}])
    sb.mark_unique("Leads", "Code")
    result = api.post("/Leads", json={"data": [{"Last_Name": "b", "Code": "x1"}]}).json()["data"][0]
    assert result["code"] == "DUPLICATE_DATA"


def test_configure_and_clock(sb: Sandbox, clock: ManualClock) -> None:
    assert sb.clock is clock
    sb.configure(token_lifetime=5, latency=0.0)
    assert sb.config.token_lifetime == 5
    with pytest.raises(TypeError):
        sb.configure(nope=1)
    with pytest.raises(ValueError, match="response_validation"):
        sb.configure(response_validation="most")
    assert SandboxConfig().response_validation == "full"


def test_issue_access_token_lifetime(sb: Sandbox, clock: ManualClock) -> None:
    token = sb.issue_access_token(lifetime=10)
    with httpx.Client(base_url=sb.base_url, transport=sb.transport()) as client:
        headers = {"Authorization": f"Zoho-oauthtoken {token}"}
        assert client.get("/Leads/actions/count", headers=headers).status_code == 200
        clock.advance(10)
        assert client.get("/Leads/actions/count", headers=headers).status_code == 401


@pytest.mark.anyio
async def test_async_and_sync_clients_share_one_state(sb: Sandbox) -> None:
    async with httpx.AsyncClient(base_url=sb.base_url, transport=sb.async_transport(), headers=auth(sb)) as aclient:
        await aclient.post("/Leads", json={"data": leads(2)})

    def count_synchronously() -> object:
        with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=auth(sb)) as client:
            return client.get("/Leads/actions/count").json()

    assert await anyio.to_thread.run_sync(count_synchronously) == {"count": 2}
