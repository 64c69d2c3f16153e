"""The built wheel installs into a clean virtualenv, exposes both packages, and makes a real call."""

from __future__ import annotations

import email
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from zoho_crm_api import API_VERSION

pytestmark = pytest.mark.slow

# Runs inside the fresh virtualenv: a local HTTP server on loopback and one call through zoho_crm.
SMOKE = r"""
import json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import zoho_crm, zoho_crm_api

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == f"/crm/{zoho_crm.API_VERSION}/Leads/3652397000000624046" and \
            self.headers["Authorization"] == "Zoho-oauthtoken smoke-token"
        body = json.dumps({"data": [{"id": "3652397000000624046", "Last_Name": "Burns"}]}).encode()
        self.send_response(200 if ok else 400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
domain = f"http://127.0.0.1:{server.server_address[1]}"
with zoho_crm.ZohoCRM(zoho_crm.AccessTokenCredentials("smoke-token"), api_domain=domain) as crm:
    record = crm.records.get("Leads", "3652397000000624046")
server.shutdown()
assert record["Last_Name"] == "Burns", record
print("SMOKE-OK", zoho_crm_api.API_VERSION, zoho_crm.__file__)
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("zoho_crm_client-*.whl")
    return built


def test_wheel_holds_both_packages_typed_with_the_spec(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "zoho_crm/__init__.py",
        "zoho_crm/py.typed",
        "zoho_crm_api/__init__.py",
        "zoho_crm_api/py.typed",
        "zoho_crm_api/openapi.json",
        "zoho_crm_api/api/records/get_records.py",
    ):
        assert required in names, required
    assert not any(n.startswith(("zoho_crm_models/", "tests/")) for n in names)


def test_wheel_description_is_the_readme_and_stays_short(wheel: Path) -> None:
    """The README is what the package index shows: written for users, under about 10 KB."""
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        message = email.message_from_string(archive.read(metadata).decode("utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert message["Description-Content-Type"] == "text/markdown"
    assert message.get_payload().strip() == readme.strip()
    assert len(readme.encode()) <= 10_240, f"README.md is {len(readme.encode())} bytes"


def interpreters() -> list[str]:
    """The current interpreter plus the oldest and newest supported ones found on PATH."""
    found = [sys.executable]
    for version in ("3.10", "3.13"):
        exe = shutil.which(f"python{version}")
        if exe and subprocess.run([exe, "-c", "pass"], capture_output=True, check=False).returncode == 0:
            found.append(exe)
        elif os.environ.get("CI"):
            pytest.fail(f"python{version} missing on CI: .ci/run puts the pyenv interpreters on PATH")
    return found


@pytest.mark.parametrize("python", interpreters(), ids=lambda p: Path(p).name)
def test_wheel_installs_into_a_clean_virtualenv_and_calls_a_local_server(
    wheel: Path, python: str, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    uv = shutil.which("uv")
    if uv:
        subprocess.run([uv, "venv", "-q", "-p", python, str(venv)], check=True, timeout=120)
        subprocess.run(
            [uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), str(wheel)],
            check=True,
            timeout=600,
        )
    else:
        subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, timeout=600)
    clean_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # a developer's source tree stays out
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-c", SMOKE],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=tmp_path,
        env=clean_env,
    )
    assert result.returncode == 0, result.stderr
    assert f"SMOKE-OK {API_VERSION}" in result.stdout
    assert str(venv) in result.stdout, "imported from the source tree instead of the wheel"
