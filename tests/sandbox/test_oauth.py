"""The accounts server and token checks: grants, errors, expiry, throttle, active-token cap, headers."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import error_of
from zoho_crm.testing import ManualClock, Sandbox


def refresh_form(sb: Sandbox, **override: str) -> dict[str, str]:
    creds = sb.credentials
    form = {
        "grant_type": "refresh_token",
        "client_id": creds.client_id,
        "client_secret": creds.client_secret,
        "refresh_token": creds.refresh_token,
    }
    form.update(override)
    return form


def count_leads(sb: Sandbox, token: str) -> httpx.Response:
    with httpx.Client(base_url=sb.base_url, transport=sb.transport()) as client:
        return client.get("/Leads/actions/count", headers={"Authorization": f"Zoho-oauthtoken {token}"})


def test_refresh_grant_as_form_returns_a_bearer_token_for_this_api_domain(sb: Sandbox, accounts: httpx.Client) -> None:
    response = accounts.post("/oauth/v2/token", data=refresh_form(sb))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "api_domain", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert body["api_domain"] == sb.api_domain
    assert body["expires_in"] == 3600
    assert count_leads(sb, body["access_token"]).json() == {"count": 0}
    assert sb.counters["token_refreshes"] == 1
    assert sb.counters.requests["oauth_token"] == 1


@pytest.mark.secrets_in_url  # Zoho documents this form; httpx logs the URL, secrets included
def test_refresh_grant_in_query_params_works_too(sb: Sandbox, accounts: httpx.Client) -> None:
    response = accounts.post("/oauth/v2/token", params=refresh_form(sb))
    assert "access_token" in response.json()


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"client_secret": "nope"}, "invalid_client"),
        ({"client_id": "1000.OTHER"}, "invalid_client"),
        ({"refresh_token": "1000.revoked.token"}, "invalid_code"),
        ({"grant_type": "password"}, "unsupported_grant_type"),
    ],
)
def test_token_errors_are_http_200_with_an_error_key(
    sb: Sandbox, accounts: httpx.Client, override: dict[str, str], error: str
) -> None:
    response = accounts.post("/oauth/v2/token", data=refresh_form(sb, **override))
    assert response.status_code == 200
    assert response.json() == {"error": error}
    assert sb.counters.token_errors == {error: 1}
    assert sb.counters.token_refreshes == 0


def test_client_credentials_grant_needs_the_org_soid(sb: Sandbox, accounts: httpx.Client) -> None:
    creds = sb.client_credentials
    base = {"grant_type": "client_credentials", "client_id": creds.client_id, "client_secret": creds.client_secret}
    assert accounts.post("/oauth/v2/token", data=base).json() == {"error": "missing_org_info"}
    assert accounts.post("/oauth/v2/token", data={**base, "soid": "ZohoCRM.1"}).json() == {"error": "invalid_client"}
    body = accounts.post("/oauth/v2/token", data={**base, "soid": creds.soid, "scope": creds.scope}).json()
    assert body["scope"] == "ZohoCRM.modules.ALL"
    assert count_leads(sb, body["access_token"]).status_code == 200


def test_access_token_expires_after_the_configured_lifetime(clock: ManualClock, accounts: httpx.Client) -> None:
    from zoho_crm.testing import sandbox

    with sandbox(clock=clock, token_lifetime=2.0) as box:
        with httpx.Client(base_url=box.accounts_url, transport=box.transport()) as client:
            body = client.post("/oauth/v2/token", data=refresh_form(box)).json()
        assert body["expires_in"] == 2
        assert count_leads(box, body["access_token"]).status_code == 200
        clock.advance(1.9)
        assert count_leads(box, body["access_token"]).status_code == 200
        clock.advance(0.2)
        assert error_of(count_leads(box, body["access_token"])) == (401, "INVALID_TOKEN")
        assert box.counters.rejected == {"INVALID_TOKEN": 1}


def test_refresh_throttle_refuses_the_eleventh_token_in_ten_minutes(
    sb: Sandbox, accounts: httpx.Client, clock: ManualClock
) -> None:
    for _ in range(10):
        assert "access_token" in accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()
        clock.advance(30)
    refused = accounts.post("/oauth/v2/token", data=refresh_form(sb))
    assert refused.status_code == 200
    assert refused.json() == {
        "error": "Access Denied",
        "error_description": "You have made too many requests continuously. Please try again after some time.",
        "status": "failure",
    }
    clock.advance(600 - 300 + 1)  # the first token of the window is now older than 10 minutes
    assert "access_token" in accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()
    assert sb.counters.token_errors == {"Access Denied": 1}


def test_refresh_limit_and_window_are_configurable(sb: Sandbox, accounts: httpx.Client, clock: ManualClock) -> None:
    sb.configure(refresh_limit=2, refresh_window=60)
    assert "access_token" in accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()
    assert "access_token" in accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()
    assert accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()["error"] == "Access Denied"
    clock.advance(61)
    assert "access_token" in accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()


def test_sixteenth_token_invalidates_the_oldest(sb: Sandbox, accounts: httpx.Client, clock: ManualClock) -> None:
    sb.configure(refresh_limit=100)
    tokens = [accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()["access_token"] for _ in range(16)]
    assert error_of(count_leads(sb, tokens[0])) == (401, "INVALID_OAUTHTOKEN")
    assert all(count_leads(sb, token).status_code == 200 for token in tokens[1:])


def test_expired_tokens_do_not_count_as_active(sb: Sandbox, accounts: httpx.Client, clock: ManualClock) -> None:
    sb.configure(refresh_limit=100, max_active_tokens=2, token_lifetime=10)
    first = accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()["access_token"]
    clock.advance(11)
    second = accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()["access_token"]
    third = accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()["access_token"]
    assert error_of(count_leads(sb, first)) == (401, "INVALID_TOKEN")
    assert count_leads(sb, second).status_code == 200
    assert count_leads(sb, third).status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "", "Bearer abc", "Zoho-oauthtoken", "Zoho-oauthtoken ", "zoho-oauthtoken abc", "Zoho-oauthtokenabc"],
)
def test_missing_or_malformed_authorization_is_authentication_failure(sb: Sandbox, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    with httpx.Client(base_url=sb.base_url, transport=sb.transport()) as client:
        response = client.get("/Leads", params={"fields": "Last_Name"}, headers=headers)
    assert error_of(response) == (401, "AUTHENTICATION_FAILURE")


def test_unknown_token_is_invalid_token(sb: Sandbox) -> None:
    assert error_of(count_leads(sb, "1000.abc.def")) == (401, "INVALID_TOKEN")


def test_expire_tokens_makes_every_issued_token_refused(sb: Sandbox) -> None:
    token = sb.issue_access_token()
    assert count_leads(sb, token).status_code == 200
    assert sb.expire_tokens() >= 1
    assert error_of(count_leads(sb, token)) == (401, "INVALID_TOKEN")
    assert count_leads(sb, sb.issue_access_token()).status_code == 200


@pytest.mark.secrets_in_url  # Zoho documents this form; httpx logs the URL, secrets included
def test_revoking_the_refresh_token_kills_it_and_its_access_tokens(sb: Sandbox, accounts: httpx.Client) -> None:
    token = accounts.post("/oauth/v2/token", data=refresh_form(sb)).json()["access_token"]
    revoked = accounts.post("/oauth/v2/token/revoke", params={"token": sb.credentials.refresh_token})
    assert revoked.json() == {"status": "success"}
    assert error_of(count_leads(sb, token)) == (401, "INVALID_TOKEN")
    assert accounts.post("/oauth/v2/token", data=refresh_form(sb)).json() == {"error": "invalid_code"}
    assert accounts.post("/oauth/v2/token/revoke", params={"token": "nope"}).status_code == 400


def test_token_endpoint_only_accepts_post(accounts: httpx.Client) -> None:
    assert accounts.get("/oauth/v2/token").status_code == 405
