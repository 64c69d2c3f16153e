"""The generated package: fresh against the spec, complete, and parsing the way the spec says."""

from __future__ import annotations

import filecmp
import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

import zoho_crm_api
import zoho_crm_models
from tests.conftest import ROOT
from tests.spine.operations import ALL, TAG
from zoho_crm_api import models


def tree_diff(left: Path, right: Path) -> list[str]:
    """Paths that differ between two trees (ignoring caches)."""
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    diffs = [f"only in {left}: {n}" for n in cmp.left_only] + [f"only in {right}: {n}" for n in cmp.right_only]
    diffs += [str(left / n) for n in cmp.diff_files]
    for sub in cmp.common_dirs:
        diffs += tree_diff(left / sub, right / sub)
    return diffs


@pytest.mark.slow
def test_generated_is_fresh_against_spec_config_and_templates(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = subprocess.run(
        [sys.executable, str(ROOT / "generator" / "generate.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr
    stale = tree_diff(ROOT / "generated", out)
    assert stale == [], "generated/ is stale: run `nox -s generate` and commit. Differs: " + ", ".join(stale)


@pytest.mark.parametrize("operation_id", sorted(ALL.values()))
def test_every_operation_has_its_module(operation_id: str) -> None:
    module = importlib.import_module(f"zoho_crm_api.api.{TAG[operation_id]}.{operation_id}")
    for name in ("sync_detailed", "sync", "asyncio_detailed", "asyncio", "_get_kwargs"):
        assert callable(getattr(module, name)), name
    assert inspect.iscoroutinefunction(module.asyncio_detailed)


def test_api_version_comes_from_the_spec(spec: dict[str, Any]) -> None:
    assert spec["servers"][0]["variables"]["version"]["default"] == zoho_crm_api.API_VERSION


SUCCESS = {"code": "SUCCESS", "details": {"id": "1"}, "message": "record added", "status": "success"}
UPSERTED = {**SUCCESS, "action": "update", "duplicate_field": "Email", "message": "record updated"}
FAILED = {
    "code": "MANDATORY_NOT_FOUND",
    "details": {"api_name": "Last_Name", "json_path": "$.data[1].Last_Name"},
    "message": "required field not found",
    "status": "error",
}


def test_action_result_union_picks_the_right_variant() -> None:
    parsed = models.ActionResults.from_dict({"data": [SUCCESS, FAILED, UPSERTED]})
    assert [type(item) for item in parsed.data] == [
        models.ActionSuccess,
        models.ActionError,
        models.ActionSuccess,
    ]
    assert parsed.data[1].code is models.RecordErrorCode.MANDATORY_NOT_FOUND
    assert parsed.data[1].details.api_name == "Last_Name"
    assert parsed.data[2].action is models.UpsertAction.UPDATE
    assert parsed.to_dict() == {"data": [SUCCESS, FAILED, UPSERTED]}


def test_union_variants_are_mutually_exclusive() -> None:
    with pytest.raises((ValueError, KeyError, TypeError)):
        models.ActionSuccess.from_dict(FAILED)
    with pytest.raises((ValueError, KeyError, TypeError)):
        models.ActionError.from_dict(SUCCESS)


def test_unknown_error_codes_are_kept_not_fatal() -> None:
    item = models.ActionResults.from_dict({"data": [{**FAILED, "code": "CODE_FROM_THE_FUTURE"}]}).data[0]
    assert isinstance(item, models.ActionError)
    assert item.code == "CODE_FROM_THE_FUTURE"
    assert item.to_dict()["code"] == "CODE_FROM_THE_FUTURE"
    with pytest.raises(ValueError, match="bogus"):
        models.ErrorStatus("bogus")  # status enums stay closed: they tell the variants apart


def test_records_keep_unknown_custom_fields() -> None:
    raw = {
        "id": "42",
        "Last_Name": "Burns",
        "Custom__c": {"nested": [1, 2]},
        "Created_Time": "2022-11-10T15:08:14+05:30",
    }
    record = models.Record.from_dict(raw)
    assert record["Custom__c"] == {"nested": [1, 2]}
    assert record.to_dict() == raw


def example_pairs(spec: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(example name, schema name, value) for every named example tied to a component schema."""
    pairs = []
    for path_item in spec["paths"].values():
        for op in path_item.values():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            medias = [op.get("requestBody", {}).get("content", {}).get("application/json")]
            responses = [
                spec["components"]["responses"][r["$ref"].rsplit("/", 1)[1]] if "$ref" in r else r
                for r in op["responses"].values()
            ]
            medias += [r.get("content", {}).get("application/json") for r in responses]
            for media in filter(None, medias):
                schema_ref = media["schema"].get("$ref", "")
                for name, example in media.get("examples", {}).items():
                    if "$ref" in example:
                        example = spec["components"]["examples"][example["$ref"].rsplit("/", 1)[1]]
                    pairs.append((name, schema_ref.rsplit("/", 1)[1], example["value"]))
    return pairs


def test_spec_examples_validate_and_both_readings_agree(spec: dict[str, Any]) -> None:
    pairs = example_pairs(spec)
    assert len(pairs) >= 100
    resolver_spec = {"components": spec["components"]}
    for name, schema_name, value in pairs:
        schema = {"$ref": f"#/components/schemas/{schema_name}", **resolver_spec}
        OAS30Validator(schema).validate(value)
        generated = getattr(models, schema_name, None)
        if generated is not None:
            assert generated.from_dict(value).to_dict() == value, name
        pydantic_model = getattr(zoho_crm_models, schema_name)
        second = pydantic_model.model_validate(value).model_dump(mode="json", by_alias=True, exclude_unset=True)
        assert json.loads(json.dumps(second)) == value, name
