"""A scripted API bump in a copy of the repository: spec edits only, then `generate` and the client suite.

New optional parameter on Get Records, new field in record answers, a new operation (Get Timeline of
a record, a real v8 operation the spec lacks, under a new tag) and v8 -> v9: after regeneration the new
operation is a method of ZohoCRM and AsyncZohoCRM with no hand-written code, the client suite stays
green, and the change report names all four changes.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.spine._copies import copy_repository, edit, run

NEW_PARAMETER = """        - $ref: '#/components/parameters/IncludeChild'
        - name: include_tags
          in: query
          description: Also return each record's tags (a parameter the bump adds).
          schema: {type: boolean}
"""
NEW_FIELD = """        id: {type: string, description: Record id (numeric string).}
        Record_Score: {type: integer, nullable: true, description: Score of the record (a field the bump adds).}
"""
NEW_TAG = """  - name: timeline
    description: What happened to a record, newest first (a tag the bump adds).
paths:
"""
NEW_PATHS = """paths:
  /{module}/{record_id}/__timeline:
    parameters:
      - $ref: '#/components/parameters/Module'
      - $ref: '#/components/parameters/RecordId'
    get:
      operationId: get_timeline
      x-zoho-retry: safe
      x-zoho-method: {name: list, returns: items, key: __timeline}
      tags: [timeline]
      summary: Timeline of a record
      description: The record's history (field updates, notes, emails...), newest first.
      parameters:
        - $ref: '#/components/parameters/Page'
        - $ref: '#/components/parameters/PerPage'
        - {name: include_inner_details, in: query, description: Also return nested details., schema: {type: string}}
      responses:
        '200':
          description: A page of the record's timeline.
          content:
            application/json:
              schema:
                type: object
                properties:
                  __timeline: {type: array, items: {type: object, additionalProperties: true}}
                  info: {$ref: '#/components/schemas/PageInfo'}
        '401': {$ref: '#/components/responses/Unauthorized'}
"""

CHECK = """
import asyncio, inspect
from pathlib import Path
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
        raw = crm.timeline.with_raw_response.get_timeline("Leads", "3652397000000624046", per_page=5)
        assert raw.status_code == 501 and raw.json()["details"]["operation_id"] == "get_timeline", raw.text
        assert raw.request.headers["Authorization"].startswith("Zoho-oauthtoken ")
        assert raw.request.url.params["per_page"] == "5", raw.request.url
        try:
            crm.timeline.get_timeline("Leads", "3652397000000624046")
        except ServerError as exc:
            assert exc.code == "NOT_SUPPORTED", exc
        else:
            raise AssertionError("no typed error")
        try:
            crm.timeline.get_timeline("Leads", "3652397000000624046", perpage=5)
        except ZohoValidationError as exc:
            assert "get_timeline does not take: perpage" in str(exc), exc
        crm.records.get_records("Leads", fields="Last_Name", include_tags=True)
        # the declared call (x-zoho-method), generic checks, no hand-written code
        try:
            crm.timeline.list("Leads", "3652397000000624046", include_inner_details="field_history")
        except ServerError as exc:
            assert exc.code == "NOT_SUPPORTED", exc
        else:
            raise AssertionError("no typed error")
        try:
            crm.timeline.list("Leads", "3652397000000624046", perpage=5)
        except ZohoValidationError as exc:
            assert "timeline.list does not take: perpage" in str(exc), exc
        else:
            raise AssertionError("a misspelt option went through")
        assert len(crm.records.list("Leads", fields="Last_Name", include_tags=True).records) == 0

    async def main():
        async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **kwargs) as acrm:
            raw = await acrm.timeline.with_raw_response.get_timeline("Leads", "3652397000000624046")
            assert raw.status_code == 501, raw.text

    asyncio.run(main())
import json, re, subprocess, sys, zoho_crm, zoho_crm.testing, zoho_crm_api
shipped = json.loads((Path(zoho_crm_api.__file__).parent / "openapi.json").read_text())
assert (shipped["info"]["version"], shipped["info"]["contact"]["url"][-4:]) == ("9.0.0", "/v9/"), shipped["info"]
shown = subprocess.run([sys.executable, "-m", "zoho_crm.testing", "--help"], capture_output=True, text=True).stdout
assert re.findall(r"(?:CRM |/crm/)(v\\d+)", shown + zoho_crm.__doc__ + zoho_crm.testing.__doc__) == ["v9", "v9"], shown
print("BUMP-OK")
"""


def test_the_bump_sets_the_specs_info_to_the_new_version_too() -> None:
    """``info.version`` and the docs URL (shipped in ``openapi.json``) said v8 after a bump to v9."""
    sys.path.insert(0, str(ROOT / "generator"))
    import bump

    text = (ROOT / "spec" / "zoho-crm.yaml").read_text(encoding="utf-8")
    old, new = yaml.safe_load(text), yaml.safe_load(bump.set_version(text, "v9"))
    version = old["servers"][0]["variables"]["version"]["default"]
    assert new["servers"][0]["variables"]["version"] == {
        **old["servers"][0]["variables"]["version"],
        "default": "v9",
        "enum": ["v9"],
    }
    assert new["info"] == {
        **old["info"],
        "version": "9.0.0",
        "contact": {**old["info"]["contact"], "url": old["info"]["contact"]["url"].replace(f"/{version}/", "/v9/")},
    }
    assert new["info"]["contact"]["url"].endswith("/api/v9/")
    assert {k: v for k, v in new.items() if k not in ("info", "servers")} == {
        k: v for k, v in old.items() if k not in ("info", "servers")
    }


def test_nothing_user_facing_names_the_api_version_but_api_version() -> None:
    """The package's and the sandbox's docstrings and ``zoho-crm-sandbox --help`` (its base URL was ``{base_url}``)."""
    import zoho_crm
    import zoho_crm.testing
    from zoho_crm.testing import __main__ as cli

    for doc in (zoho_crm.__doc__, zoho_crm.testing.__doc__, zoho_crm.testing.Sandbox.__doc__):
        assert not re.search(r"CRM v\d+", doc or ""), doc
    shown = cli._parser().format_help()
    assert "{base_url}" not in shown
    assert f"http://host:port/crm/{zoho_crm.API_VERSION} " in shown
    assert re.findall(r"(?:CRM |/crm/)(v\d+)", shown) == [zoho_crm.API_VERSION] * 2, shown  # not OAuth's /v2/


@pytest.mark.slow
def test_a_scripted_bump_needs_no_hand_written_client_code(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        assert run([*git, *args], repo).returncode == 0
    spec = repo / "spec" / "zoho-crm.yaml"
    edit(spec, "        - $ref: '#/components/parameters/IncludeChild'\n", NEW_PARAMETER)
    edit(spec, "        id: {type: string, description: Record id (numeric string).}\n", NEW_FIELD)
    edit(spec, "paths:\n", NEW_TAG)
    edit(spec, "paths:\n", NEW_PATHS)

    bumped = run([sys.executable, "generator/bump.py", "v9", "--base", "HEAD"], repo)
    assert bumped.returncode == 0, bumped.stdout[-3000:] + bumped.stderr[-3000:]
    report = bumped.stdout
    assert "BREAKING spec: API version v8 -> v9" in report
    assert "spec: get_records: optional parameter added: query:include_tags" in report
    assert "spec: schema Record: property added: Record_Score" in report
    assert "spec: operation added: get_timeline (GET /{module}/{record_id}/__timeline)" in report
    assert "python: added" in report
    assert "get_timeline" in report.split("## New untracked files in generated/")[1]
    assert "a major bump is due" in report

    env = {**os.environ, "PYTHONPATH": f"{repo / 'overlays'}{os.pathsep}{repo / 'generated'}"}
    checked = run([sys.executable, "-c", CHECK], repo, env)
    assert "BUMP-OK" in checked.stdout, checked.stdout[-3000:] + checked.stderr[-3000:]
    suite = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", "tests/client"], repo, env)
    assert suite.returncode == 0, suite.stdout[-3000:]
