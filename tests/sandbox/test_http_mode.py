"""The sandbox over real HTTP on 127.0.0.1: OAuth, records, faults on the socket, and the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.sandbox.conftest import error_of, leads
from zoho_crm.testing import ManualClock, Sandbox, sandbox
from zoho_crm_api import API_VERSION


@pytest.fixture
def served(clock: ManualClock) -> Iterator[Sandbox]:
    with sandbox(mode="http", clock=clock, response_validation="full") as box:
        yield box


def token_for(box: Sandbox) -> str:
    creds = box.credentials
    form = {"grant_type": "refresh_token", "client_id": creds.client_id, "client_secret": creds.client_secret,
            "refresh_token": creds.refresh_token}  # fmt: skip
    body = httpx.post(f"{box.accounts_url}/oauth/v2/token", data=form).json()
    assert body["api_domain"] == box.api_domain
    token: str = body["access_token"]
    return token


def test_urls_and_transports_in_http_mode(served: Sandbox) -> None:
    assert served.api_domain.startswith("http://127.0.0.1:")
    assert served.accounts_url == served.api_domain
    assert served.base_url == f"{served.api_domain}/crm/{API_VERSION}"
    assert served.transport() is None
    assert served.async_transport() is None


def test_oauth_then_crud_over_loopback(served: Sandbox) -> None:
    headers = {"Authorization": f"Zoho-oauthtoken {token_for(served)}"}
    with httpx.Client(base_url=served.base_url, headers=headers) as client:
        inserted = client.post("/Leads", json={"data": leads(3)})
        assert inserted.status_code == 201
        listed = client.get("/Leads", params={"fields": "Last_Name", "per_page": 2}).json()
        assert listed["info"]["more_records"] is True
        rest = client.get(
            "/Leads", params={"fields": "Last_Name", "per_page": 2, "page_token": listed["info"]["next_page_token"]}
        )
        assert len(rest.json()["data"]) == 1
        assert error_of(client.get("/Leads")) == (400, "REQUIRED_PARAM_MISSING")
        assert error_of(client.get("/Nowhere/a/b/c/d/e")) == (404, "INVALID_URL_PATTERN")
    assert len(served.records("Leads")) == 3
    assert served.counters.token_refreshes == 1


def test_drop_closes_the_socket_without_a_response(served: Sandbox) -> None:
    served.configure(drop_rate=1.0)
    headers = {"Authorization": f"Zoho-oauthtoken {served.issue_access_token()}"}
    with httpx.Client(base_url=served.base_url, headers=headers) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.post("/Leads", json={"data": leads(2)})
        assert served.records("Leads") == []
        served.configure(drop_rate=0.0, drop_after_commit_rate=1.0)
        with pytest.raises(httpx.RemoteProtocolError):
            client.post("/Leads", json={"data": leads(2)})
        assert len(served.records("Leads")) == 2
        served.configure(drop_after_commit_rate=0.0)
        assert client.get("/Leads/actions/count").json() == {"count": 2}  # the client reconnects
    assert served.counters.faults == {"drop": 1, "drop_after_commit": 1}


def test_truncated_body_over_http(served: Sandbox) -> None:
    served.configure(truncate_rate=1.0)
    headers = {"Authorization": f"Zoho-oauthtoken {served.issue_access_token()}"}
    response = httpx.get(f"{served.base_url}/Leads/actions/count", headers=headers)
    assert response.status_code == 200
    with pytest.raises(ValueError, match=r"Expecting|Unterminated|Extra"):
        response.json()


def test_many_threads_over_http_keep_state_consistent(served: Sandbox) -> None:
    headers = {"Authorization": f"Zoho-oauthtoken {served.issue_access_token()}"}
    with httpx.Client(base_url=served.base_url, headers=headers, limits=httpx.Limits(max_connections=8)) as client:

        def insert(batch: int) -> list[str]:
            body = client.post("/Leads", json={"data": leads(20, start=batch * 20)}).json()
            return [item["details"]["id"] for item in body["data"]]

        with ThreadPoolExecutor(8) as pool:
            ids = [i for batch in pool.map(insert, range(16)) for i in batch]
    assert len(set(ids)) == 320
    assert sorted(r["id"] for r in served.records("Leads")) == sorted(ids)


def _start_cli(*args: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "zoho_crm.testing", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    printed: dict[str, str] = {}
    for line in process.stdout:
        if line.startswith("serving"):
            break
        key, _, value = line.strip().partition(": ")
        printed[key] = value
    return process, printed


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_prints_credentials_and_stops_cleanly(stop: signal.Signals, tmp_path: Path) -> None:
    seed_file = tmp_path / "seed.json"
    seed_file.write_text(json.dumps({"Contacts": [{"Last_Name": "Ext", "External_Contact_ID": "c-1"}]}))
    process, printed = _start_cli(
        "--sample-leads", "3", "--token-lifetime", "120", "--seed", "5",
        "--seed-data", str(seed_file), "--external", "Contacts.External_Contact_ID",
    )  # fmt: skip
    try:
        assert printed["base_url"].startswith("http://127.0.0.1:")
        assert printed["fault_seed"] == "5"
        form = {"grant_type": "refresh_token", "client_id": printed["client_id"],
                "client_secret": printed["client_secret"], "refresh_token": printed["refresh_token"]}  # fmt: skip
        token = httpx.post(printed["token_url"], data=form).json()
        assert token["expires_in"] == 120
        headers = {"Authorization": f"Zoho-oauthtoken {token['access_token']}"}
        assert httpx.get(f"{printed['base_url']}/Leads/actions/count", headers=headers).json() == {"count": 3}
        assert json.loads(printed["seeded"]) == {"Contacts": 1, "Leads": 3}
        external = {**headers, "X-EXTERNAL": "Contacts.External_Contact_ID"}
        contact = httpx.get(f"{printed['base_url']}/Contacts/c-1", headers=external).json()
        assert contact["data"][0]["Last_Name"] == "Ext"
    finally:
        process.send_signal(stop)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert out.strip().endswith("stopped")
