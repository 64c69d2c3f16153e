"""The hand-maintained spec: valid, linted, and complete for every operation the issue lists."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests._openapi import resolve
from tests.conftest import ROOT
from tests.spine.operations import ALL, METADATA, RECORDS, RELATED, TAG

SPEC_FILE = ROOT / "spec" / "zoho-crm.yaml"
SPECTRAL = ROOT / "generator" / "spectral" / "node_modules" / ".bin" / "spectral"
METHODS = ("get", "put", "post", "delete", "patch")


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op for path, item in spec["paths"].items() for method, op in item.items() if method in METHODS
    }


def test_yaml_source_and_shipped_json_are_the_same_document(spec: dict[str, Any]) -> None:
    assert yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8")) == spec


def test_openapi_spec_validator_accepts_the_spec() -> None:
    spec_dict, base_uri = read_from_filename(str(SPEC_FILE))
    validate(spec_dict, base_uri=base_uri)


def spectral(spec_file: Path) -> subprocess.CompletedProcess[str]:
    """Spectral's findings on ``spec_file`` with the committed ruleset, as JSON on stdout."""
    assert SPECTRAL.exists(), "Spectral is not installed: run the tests through nox (npm ci in generator/spectral)"
    command = [str(SPECTRAL), "lint", str(spec_file), "--ruleset", str(ROOT / "spec" / ".spectral.yaml")]
    command += ["--fail-severity", "hint", "--format", "json", "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def test_spectral_lints_clean_with_the_committed_ruleset() -> None:
    result = spectral(SPEC_FILE)
    findings = json.loads(result.stdout or "[]")
    assert findings == [], findings
    assert result.returncode == 0, result.stderr


def test_spectral_house_rules_catch_a_broken_spec(tmp_path: Path) -> None:
    broken = (
        SPEC_FILE.read_text(encoding="utf-8")
        .replace("operationId: get_records", "operationId: getRecords", 1)
        .replace("          minItems: 1\n          maxItems: 100\n", "          minItems: 1\n", 1)
        .replace("operationId: get_record_count\n      x-zoho-retry: safe\n", "operationId: get_record_count\n", 1)
        .replace("x-zoho-pagination: [page]", "x-zoho-pagination: [offset]", 1)
        .replace("returns: count}", "returns: number}", 1)
        .replace("x-zoho-format: record-id", "x-zoho-format: record_id", 1)
        .replace("x-zoho-one-of: [criteria,", "x-zoho-one-of: criteria, [", 1)
        .replace("returns: items, key: modules}", "returns: items, kee: modules}", 1)
    )
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    result = spectral(path)
    codes = {finding["code"] for finding in json.loads(result.stdout)}
    expected = {"operation-id-snake-case", "write-bodies-capped"}
    expected |= {"operation-declares-retry", "operation-pagination-known", "operation-method-returns-known"}
    expected |= {"operation-method-shape", "parameter-format-known", "operation-one-of-list"}
    assert expected <= codes
    assert result.returncode != 0


def test_every_listed_operation_is_in_the_spec_and_nothing_else(spec: dict[str, Any]) -> None:
    found = {key: op["operationId"] for key, op in operations(spec).items()}
    assert found == ALL


@pytest.mark.parametrize(("key", "operation_id"), sorted(ALL.items()), ids=[op for _, op in sorted(ALL.items())])
def test_operation_is_documented(spec: dict[str, Any], key: tuple[str, str], operation_id: str) -> None:
    op = operations(spec)[key]
    assert re.fullmatch(r"[a-z][a-z0-9_]*", op["operationId"])
    assert op["tags"] == [TAG[operation_id]]
    assert op["summary"].strip()
    assert op["description"].strip()
    statuses = set(op["responses"])
    assert {"400", "401", "403", "404", "405", "429", "500"} <= statuses
    assert statuses & {"200", "201"}, "no success response"
    method, _path = key
    if "requestBody" in op:
        content = op["requestBody"]["content"]
        if "multipart/form-data" in content:  # a file upload: the form's fields, the required ones named
            assert resolve(spec, content["multipart/form-data"]["schema"]).get("required"), "form without a field"
        else:
            assert content["application/json"].get("examples"), "request body without an example"
        assert {"413", "415"} & statuses
    if method == "get" and operation_id not in ("get_record_count", "get_mass_update_status"):  # neither has one
        assert "204" in statuses
    if method in ("put", "delete") and key in RECORDS and key[1] in ("/{module}", "/{module}/{record_id}"):
        assert "412" in statuses, "writes take If-Unmodified-Since"
    for status, response in op["responses"].items():
        body = resolve(spec, response)
        content = body.get("content", {}).get("application/json")
        if status in ("204", "304"):
            assert content is None
            continue
        if status == "200" and content is None:  # a download: its bytes in a media type of its own
            (media,) = body["content"].values()
            assert resolve(spec, media["schema"]) == {"type": "string", "format": "binary"}
            continue
        assert content, f"{status} has no JSON body"
        assert "schema" in content, f"{status} has no schema"
        if status.startswith("2"):
            assert content.get("examples") or content.get("example"), f"{status} has no example"


def header_names(spec: dict[str, Any], op: dict[str, Any]) -> set[str]:
    return {resolve(spec, p)["name"] for p in op.get("parameters", []) if resolve(spec, p)["in"] == "header"}


def test_conditional_and_external_headers(spec: dict[str, Any]) -> None:
    ops = operations(spec)
    for key, op in ops.items():
        headers = header_names(spec, op)
        if (
            key[0] == "get"
            and key not in METADATA
            and op["operationId"]
            not in (
                "get_record_count",
                "search_records",
                "get_deleted_record_related_records",
                "get_mass_update_status",
                "download_photo",  # the photo and rich text pages document no If-Modified-Since
                "get_rich_text_fields",
                "get_rich_text_records",
            )
        ):
            assert "If-Modified-Since" in headers, op["operationId"]
        if key in RECORDS and key[0] in ("put", "delete") and key[1] in ("/{module}", "/{module}/{record_id}"):
            assert "If-Unmodified-Since" in headers, op["operationId"]
        if key in RELATED and op["operationId"] != "get_deleted_record_related_records":
            assert "X-EXTERNAL" in headers, op["operationId"]
    record_id = spec["components"]["parameters"]["RecordId"]
    assert "X-EXTERNAL" in record_id["description"]
    assert "external value" in record_id["description"]


def test_error_envelopes_have_enumerated_codes(spec: dict[str, Any]) -> None:
    envelopes = 0
    for op in operations(spec).values():
        for status, response in op["responses"].items():
            if not status.startswith(("4", "5")):
                continue
            schema = resolve(spec, resolve(spec, response)["content"]["application/json"]["schema"])
            variants = [resolve(spec, v) for v in schema.get("oneOf", [schema])]
            envelope = next(v for v in variants if "code" in v.get("properties", {}))
            assert set(envelope["required"]) == {"code", "details", "message", "status"}
            assert resolve(spec, envelope["properties"]["code"])["enum"]
            envelopes += 1
    assert envelopes > 150


def test_api_version_lives_in_one_place() -> None:
    text = SPEC_FILE.read_text(encoding="utf-8")
    server = yaml.safe_load(text)["servers"][0]
    version = server["variables"]["version"]["default"]
    assert re.fullmatch(r"v\d+", version)
    assert f"crm/{version}" not in text, "the version belongs in the server variable only"
    assert len(re.findall(rf"default: {version}\b", text)) == 1
    assert server["url"] == "https://{host}/crm/{version}"


def test_oauth_scheme_and_all_data_centers(spec: dict[str, Any]) -> None:
    scheme = spec["components"]["securitySchemes"]["zoho_oauth2"]
    assert scheme["type"] == "oauth2"
    assert "Zoho-oauthtoken" in scheme["x-header-format"]
    assert "ZohoCRM.modules.ALL" in scheme["flows"]["authorizationCode"]["scopes"]
    hosts = spec["servers"][0]["variables"]["host"]["enum"]
    for tld in ("com", "eu", "in", "com.au", "jp", "ca", "com.cn", "sa"):
        for env in ("www", "sandbox", "developer"):
            assert f"{env}.zohoapis.{tld}" in hosts


def test_limits_are_in_the_schemas(spec: dict[str, Any]) -> None:
    params = spec["components"]["parameters"]
    assert params["PerPage"]["schema"]["maximum"] == 200
    schemas = spec["components"]["schemas"]
    for name in (
        "InsertRecordsRequest",
        "UpdateRecordsRequest",
        "UpsertRecordsRequest",
        "UpdateRelatedRecordsRequest",
    ):
        assert schemas[name]["properties"]["data"]["maxItems"] == 100
    fields = re.compile(schemas["FieldList"]["pattern"])
    assert fields.fullmatch(",".join(f"F{i}" for i in range(50)))
    assert not fields.fullmatch(",".join(f"F{i}" for i in range(51)))
    ids = re.compile(schemas["IdList"]["pattern"])
    assert ids.fullmatch(",".join(str(i) for i in range(100)))
    assert not ids.fullmatch(",".join(str(i) for i in range(101)))


def test_no_parameter_has_a_default_so_the_client_sends_only_what_it_is_given(spec: dict[str, Any]) -> None:
    for name, param in spec["components"]["parameters"].items():
        assert "default" not in resolve(spec, param["schema"]), name
