"""The change report's verdicts: what is breaking, what is an addition, and which version bump is due."""

from __future__ import annotations

import copy
import sys
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "generator"))
import api_report


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "spec" / "zoho-crm.yaml").read_text(encoding="utf-8"))
    return spec


def report_of(old: dict[str, Any], new: dict[str, Any]) -> api_report.Report:
    report = api_report.Report()
    api_report.compare_spec(old, new, report)
    return report


def test_the_same_spec_reports_nothing(spec: dict[str, Any]) -> None:
    report = report_of(spec, spec)
    assert (report.breaking, report.added, report.bump()) == ([], [], "patch")


def test_additions_are_minor_and_removals_breaking(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["paths"]["/{module}"]["get"]["parameters"].append(
        {"name": "include_tags", "in": "query", "schema": {"type": "boolean"}}
    )
    new["components"]["schemas"]["Record"]["properties"]["Record_Score"] = {"type": "integer"}
    report = report_of(spec, new)
    assert report.added == [
        "spec: get_records: optional parameter added: query:include_tags",
        "spec: schema Record: property added: Record_Score",
    ]
    assert report.bump() == "minor"

    del new["paths"]["/{module}/upsert"]
    new["components"]["schemas"]["SortOrder"]["enum"].remove("asc")
    new["servers"][0]["variables"]["version"]["default"] = "v9"
    report = report_of(spec, new)
    assert "spec: API version v8 -> v9" in report.breaking
    assert "spec: operation removed: upsert_records" in report.breaking
    assert "spec: enum SortOrder: value removed: asc" in report.breaking
    assert report.bump() == "major"


def test_a_new_required_parameter_is_breaking(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["paths"]["/{module}/actions/count"]["get"]["parameters"].append(
        {"name": "scope", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    assert report_of(spec, new).breaking == ["spec: get_record_count: required parameter added: query:scope"]


@pytest.mark.parametrize(
    ("bump", "old", "new", "ok"),
    [
        ("major", (1, 4, 2), (2, 0, 0), True),
        ("major", (1, 4, 2), (1, 5, 0), False),
        ("major", (0, 2, 0), (0, 3, 0), True),  # 0.x: a minor bump may break
        ("minor", (0, 2, 0), (0, 2, 1), False),
        ("minor", (0, 2, 0), (0, 3, 0), True),
        ("patch", (0, 2, 0), (0, 2, 0), True),
    ],
)
def test_the_release_check_wants_the_bump_the_report_calls_for(
    bump: str, old: tuple[int, ...], new: tuple[int, ...], ok: bool
) -> None:
    assert api_report.version_ok(bump, old, new) is ok


def test_the_package_version_is_the_one_zoho_crm_reports() -> None:
    import zoho_crm

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert ".".join(map(str, api_report.package_version(text))) == zoho_crm.__version__
