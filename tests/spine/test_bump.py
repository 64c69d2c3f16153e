"""A scripted API bump in a copy of the repository: spec edits only, then `generate` and the client suite.

New optional parameter on Get Records, new field in record answers, a new operation (Mass Update
Records and its status call, under a new tag) and v8 -> v9: after regeneration the new operation is a
method of ZohoCRM and AsyncZohoCRM with no hand-written code, the client suite stays green, and the
change report names all four changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

IGNORED = shutil.ignore_patterns(".git", ".nox", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", "site")

NEW_PARAMETER = """        - $ref: '#/components/parameters/IncludeChild'
        - name: include_tags
          in: query
          description: Also return each record's tags (a parameter the bump adds).
          schema: {type: boolean}
"""
NEW_FIELD = """        id: {type: string, description: Record id (numeric string).}
        Record_Score: {type: integer, nullable: true, description: Score of the record (a field the bump adds).}
"""
NEW_TAG = """  - name: mass_update
    description: Update one field of many records in one scheduled job.
paths:
"""
NEW_PATHS = """paths:
  /{module}/actions/mass_update:
    parameters:
      - $ref: '#/components/parameters/Module'
    post:
      operationId: mass_update_records
      x-zoho-retry: unsafe
      x-zoho-method: {name: schedule, returns: outcome, body: changes, echo: changes}
      tags: [mass_update]
      summary: Mass update records
      description: Schedules a job setting the same field values on up to 50,000 records.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [data]
              properties:
                data: {type: array, items: {type: object, additionalProperties: true}}
                ids: {type: array, items: {type: string}}
                cvid: {type: string}
                over_write: {type: boolean}
      responses:
        '202':
          description: The job is scheduled.
          content:
            application/json:
              schema: {type: object, additionalProperties: true}
        '401': {$ref: '#/components/responses/Unauthorized'}
    get:
      operationId: get_mass_update_status
      x-zoho-method: {name: status, returns: record}
      tags: [mass_update]
      summary: Status of a mass update job
      parameters:
        - {name: job_id, in: query, required: true, description: The job id of the mass update., schema: {type: string}}
      responses:
        '200':
          description: The job's status and counts.
          content:
            application/json:
              schema: {type: object, additionalProperties: true}
        '401': {$ref: '#/components/responses/Unauthorized'}
"""

CHECK = """
import asyncio, inspect
from zoho_crm import ZohoCRM, AsyncZohoCRM, API_VERSION, ZohoValidationError
from zoho_crm.errors import ServerError
from zoho_crm.testing import sandbox

assert API_VERSION == "v9", API_VERSION
from zoho_crm_api.resources.records import RecordsResource
assert "include_tags" in inspect.signature(RecordsResource.get_records).parameters
with sandbox(mode="asgi") as sb:
    assert sb.base_url.endswith("/crm/v9"), sb.base_url
    kwargs = dict(api_domain=sb.api_domain, accounts_url=sb.accounts_url)
    with ZohoCRM(sb.credentials, transport=sb.transport(), **kwargs) as crm:
        raw = crm.mass_update.with_raw_response.mass_update_records("Leads", body={"data": [{"City": "Paris"}]})
        assert raw.status_code == 501 and raw.json()["details"]["operation_id"] == "mass_update_records", raw.text
        assert raw.request.headers["Authorization"].startswith("Zoho-oauthtoken ")
        try:
            crm.mass_update.get_mass_update_status("Leads", job_id="1")
        except ServerError as exc:
            assert exc.code == "NOT_SUPPORTED", exc
        else:
            raise AssertionError("no typed error")
        try:
            crm.mass_update.get_mass_update_status("Leads", job_id="1", jobid="1")
        except ZohoValidationError as exc:
            assert "get_mass_update_status does not take: jobid" in str(exc), exc
        crm.records.get_records("Leads", fields="Last_Name", include_tags=True)
        # declared calls (x-zoho-method), generic checks, no hand-written code
        try:
            crm.mass_update.schedule("Leads", {"data": [{"City": "Paris"}]}, ids=["1"], over_write=True)
        except ServerError as exc:
            assert exc.code == "NOT_SUPPORTED", exc
        else:
            raise AssertionError("no typed error")
        try:
            crm.mass_update.status("Leads", job_id="1", jobid="1")
        except ZohoValidationError as exc:
            assert "mass_update.status does not take: jobid" in str(exc), exc
        else:
            raise AssertionError("a misspelt option went through")
        assert len(crm.records.list("Leads", fields="Last_Name", include_tags=True).records) == 0

    async def main():
        async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **kwargs) as acrm:
            raw = await acrm.mass_update.with_raw_response.get_mass_update_status("Leads", job_id="1")
            assert raw.status_code == 501, raw.text

    asyncio.run(main())
print("BUMP-OK")
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)


def test_a_scripted_bump_needs_no_hand_written_client_code(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORED, symlinks=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        assert _run([*git, *args], repo).returncode == 0
    spec = repo / "spec" / "zoho-crm.yaml"
    _edit(spec, "        - $ref: '#/components/parameters/IncludeChild'\n", NEW_PARAMETER)
    _edit(spec, "        id: {type: string, description: Record id (numeric string).}\n", NEW_FIELD)
    _edit(spec, "paths:\n", NEW_TAG)
    _edit(spec, "paths:\n", NEW_PATHS)

    bumped = _run([sys.executable, "generator/bump.py", "v9", "--base", "HEAD"], repo)
    assert bumped.returncode == 0, bumped.stdout[-3000:] + bumped.stderr[-3000:]
    report = bumped.stdout
    assert "BREAKING spec: API version v8 -> v9" in report
    assert "spec: get_records: optional parameter added: query:include_tags" in report
    assert "spec: schema Record: property added: Record_Score" in report
    assert "spec: operation added: mass_update_records (POST /{module}/actions/mass_update)" in report
    assert "python: added" in report
    assert "mass_update" in report.split("## New untracked files in generated/")[1]
    assert "a major bump is due" in report

    env = {**os.environ, "PYTHONPATH": f"{repo / 'overlays'}{os.pathsep}{repo / 'generated'}"}
    checked = _run([sys.executable, "-c", CHECK], repo, env)
    assert "BUMP-OK" in checked.stdout, checked.stdout[-3000:] + checked.stderr[-3000:]
    suite = _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "tests/client"], repo, env)
    assert suite.returncode == 0, suite.stdout[-3000:]
