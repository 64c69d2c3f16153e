"""Data centers and api_domain, client credentials, per-operation options, log redaction, progress bars."""

from __future__ import annotations

import io
import json
import logging

import httpx
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import AccessTokenCredentials, DataCenter, Environment, RefreshTokenCredentials, ZohoCRM, progress_bar
from zoho_crm._logging import RedactingFilter
from zoho_crm.errors import ZohoValidationError
from zoho_crm.testing import Sandbox

GOOD_ID = "3652397000000624046"


def zoho(api_domain_in_token: str, hosts: list[str], **kw: object) -> ZohoCRM:
    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        if request.url.path == "/oauth/v2/token":
            return httpx.Response(200, json={"access_token": "1000.a.b", "api_domain": api_domain_in_token,
                                             "token_type": "Bearer", "expires_in": 3600})  # fmt: skip
        return httpx.Response(200, json={"count": 1})

    creds = RefreshTokenCredentials("1000.ID", "secret", "1000.refresh")
    return ZohoCRM(creds, transport=httpx.MockTransport(handler), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("dc", "env", "accounts", "api"),
    [
        (DataCenter.US, Environment.PRODUCTION, "accounts.zoho.com", "www.zohoapis.com"),
        (DataCenter.EU, Environment.SANDBOX, "accounts.zoho.eu", "sandbox.zohoapis.eu"),
        (DataCenter.CA, Environment.PRODUCTION, "accounts.zohocloud.ca", "www.zohoapis.ca"),
        (DataCenter.AU, Environment.DEVELOPER, "accounts.zoho.com.au", "developer.zohoapis.com.au"),
        (DataCenter.CN, Environment.PRODUCTION, "accounts.zoho.com.cn", "www.zohoapis.com.cn"),
        (DataCenter.SA, Environment.PRODUCTION, "accounts.zoho.sa", "www.zohoapis.sa"),
    ],
)
def test_data_center_and_environment_pick_the_hosts(dc: DataCenter, env: Environment, accounts: str, api: str) -> None:
    hosts: list[str] = []
    with zoho(f"https://{api}", hosts, data_center=dc, environment=env) as crm:
        assert crm.records.count("Leads") == 1
    assert hosts == [accounts, api]


def test_api_domain_from_the_token_is_followed_within_the_data_center() -> None:
    hosts: list[str] = []
    with zoho("https://sandbox.zohoapis.eu", hosts, data_center=DataCenter.EU) as crm:
        crm.records.count("Leads")
    assert hosts == ["accounts.zoho.eu", "sandbox.zohoapis.eu"]


def test_api_domain_of_another_data_center_is_ignored() -> None:
    hosts: list[str] = []
    with zoho("https://www.zohoapis.com", hosts, data_center=DataCenter.EU) as crm:
        crm.records.count("Leads")
    assert hosts == ["accounts.zoho.eu", "www.zohoapis.eu"]


def test_api_domain_that_is_not_https_is_ignored() -> None:
    hosts: list[str] = []
    with zoho("http://www.zohoapis.eu", hosts, data_center=DataCenter.EU) as crm:
        crm.records.count("Leads")
    assert hosts[-1] == "www.zohoapis.eu"


@pytest.mark.parametrize(
    "url",
    [
        "https://admin:S3cretPW@www.zohoapis.com",  # credentials: they would be in every error's URL
        "https://www.zohoapis.com?x=1",  # a query or fragment: the path would be appended after it
        "https://www.zohoapis.com#frag",
        "https://www.zohoapis.com?",
        "https://www.zohoapis.com\n",  # control characters, spaces
        " https://www.zohoapis.com",
        "https://[::1",  # not a URL
        "https://www.zohoapis.com:99999",
        "https://www.zohoapis.com:0",
        "https://www.zohoapis.com/a b",
        "https://admin:S3cretPW@www.zohoapis.com/a b",  # refused for its space: the password still not shown
    ],
)
@pytest.mark.parametrize("what", ["api_domain", "accounts_url"])
def test_a_base_url_a_path_cannot_follow_is_refused(url: str, what: str) -> None:
    sent: list[httpx.Request] = []
    creds = RefreshTokenCredentials("1000.ID", "secret", "1000.refresh")
    with pytest.raises(ZohoValidationError) as caught:
        ZohoCRM(creds, transport=httpx.MockTransport(sent.append), **{what: url})  # type: ignore[arg-type]
    assert "S3cretPW" not in str(caught.value)
    assert sent == []


def test_client_credentials_grant_with_soid(sb: Sandbox) -> None:
    with ZohoCRM(sb.client_credentials, transport=sb.transport(), **client_kwargs(sb)) as crm:
        assert crm.records.count("Leads") == 0
    assert sb.counters.token_refreshes == 1


def test_options_an_operation_does_not_take_are_refused_before_sending() -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        pytest.fail("sent")

    crm = ZohoCRM(AccessTokenCredentials("t"), transport=httpx.MockTransport(fail))
    with pytest.raises(ZohoValidationError, match=r"records\.get does not take: page"):
        crm.records.get("Leads", GOOD_ID, page=2)  # type: ignore[call-arg]
    with pytest.raises(ZohoValidationError, match=r"related\.list does not take: cvid"):
        crm.related.list("Leads", GOOD_ID, "Notes", fields=["Note_Title"], cvid="1")  # type: ignore[call-arg]
    with pytest.raises(ZohoValidationError, match=r"records\.list does not take: sortby"):
        crm.records.list("Leads", fields=["Last_Name"], sortby="id")  # type: ignore[call-arg]
    with pytest.raises(ZohoValidationError, match="cvid cannot be combined"):
        crm.records.count("Leads", cvid="1", word="abc")


def test_count_passes_converted_and_approved(sb: Sandbox, crm: ZohoCRM, recorder) -> None:
    crm.records.count("Leads", converted="both", approved=True)
    (call,) = [r for r in recorder.requests if r.url.path.endswith("/actions/count")]
    assert call.url.params["converted"] == "both"
    assert call.url.params["approved"] == "true"


@pytest.mark.parametrize(
    "message",
    [
        "Authorization: Zoho-oauthtoken 1000.abcdef0123456789abcdef.0123456789abcdef0123",
        "POST /oauth/v2/token?refresh_token=1000.secret&client_secret=shh",
        "token 1000.0123456789abcdef0123.0123456789abcdef0123 leaked",
    ],
)
def test_the_zoho_crm_logger_masks_secrets(message: str) -> None:
    record = logging.LogRecord("zoho_crm", logging.INFO, __file__, 1, "%s", (message,), None)
    RedactingFilter().filter(record)
    text = record.getMessage()
    assert "[redacted]" in text
    for secret in ("abcdef0123456789abcdef", "1000.secret", "shh", "0123456789abcdef0123.0123456789abcdef0123"):
        assert secret not in text


def test_text_progress_bar_draws_to_the_end() -> None:
    out = io.StringIO()
    bar = progress_bar("Leads", stream=out, width=10)
    for done in (100, 200, 250):
        bar(done, 250)
    assert out.getvalue().endswith("Leads [##########] 250/250\n")
    assert "[####......] 100/250" in out.getvalue()


def test_stats_count_calls_and_refreshes(sb: Sandbox, crm: ZohoCRM) -> None:
    crm.records.count("Leads")
    crm.records.insert("Leads", [{"Last_Name": f"L{i}"} for i in range(150)])
    assert crm.stats["calls"] == 3
    assert crm.stats["refreshes"] == 1
    assert json.dumps(crm.stats)
