"""The change report's verdicts: what is breaking, what is an addition, and which version bump is due."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
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
    assert report.added[0] == "spec: get_records: optional parameter added: query:include_tags"
    assert report.added[1].startswith("spec: schema Record: property added: Record_Score (request: clone_record, ")
    assert (len(report.added), report.breaking, report.bump()) == (2, [], "minor")

    del new["paths"]["/{module}/upsert"]
    new["components"]["schemas"]["SortOrder"]["enum"].remove("asc")
    new["servers"][0]["variables"]["version"]["default"] = "v9"
    report = report_of(spec, new)
    assert "spec: API version v8 -> v9" in report.breaking
    assert "spec: operation removed: upsert_records" in report.breaking
    assert any(line.startswith("spec: schema SortOrder: enum value removed: asc (") for line in report.breaking)
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


# --- inside operations: request bodies, responses, parameter schemas (generator/spec_diff.py) ---


def mini(
    body: dict[str, Any] | None = None,
    responses: dict[str, Any] | None = None,
    params: list[dict[str, Any]] | None = None,
    schemas: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A one-operation spec: POST /{module}/upsert (upsert_records)."""
    op: dict[str, Any] = {
        "operationId": "upsert_records",
        "parameters": params or [],
        "responses": responses or {"200": {"description": "ok"}},
    }
    if body is not None:
        op["requestBody"] = body
    return {
        "servers": [{"variables": {"version": {"default": "v8"}}}],
        "paths": {"/{module}/upsert": {"post": op}},
        "components": {"schemas": schemas or {}},
    }


def json_body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def records(**props: Any) -> dict[str, Any]:
    """``{data: [{...props}]}`` with ``required`` taken from a ``_required`` list."""
    required = props.pop("_required", [])
    item: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        item["required"] = required
    return {"type": "object", "properties": {"data": {"type": "array", "items": item}}}


def everything(report: api_report.Report) -> list[str]:
    return [*report.breaking, *report.added, *report.changed]


def test_a_new_required_request_body_field_is_breaking_and_a_type_change_named_by_its_path() -> None:
    old = mini(body=json_body(records(Email={"type": "string"})))
    new = mini(
        body=json_body(records(Email={"type": "integer"}, Last_Name={"type": "string"}, _required=["Last_Name"]))
    )
    report = report_of(old, new)
    assert report.breaking == [
        "spec: upsert_records request body: data[]: required property added: Last_Name",
        "spec: upsert_records request body: data[].Email: type string -> integer",
    ]
    assert report.bump() == "major"


def test_an_optional_request_field_is_an_addition_and_a_removed_one_breaks() -> None:
    old = mini(body=json_body(records(Email={"type": "string"}, Phone={"type": "string"})))
    new = mini(body=json_body(records(Email={"type": "string"}, Fax={"type": "string"})))
    report = report_of(old, new)
    assert report.breaking == ["spec: upsert_records request body: data[]: property removed: Phone"]
    assert report.added == ["spec: upsert_records request body: data[]: property added: Fax"]


def test_response_properties_added_are_minor_removed_or_retyped_break() -> None:
    def answer(**props: Any) -> dict[str, Any]:
        return {"200": {"description": "ok", "content": {"application/json": {"schema": records(**props)}}}}

    old = mini(responses=answer(id={"type": "string"}, Owner={"type": "object"}))
    added = report_of(old, mini(responses=answer(id={"type": "string"}, Owner={"type": "object"}, Tag={})))
    assert (added.breaking, added.added, added.bump()) == (
        [],
        ["spec: upsert_records response 200: data[]: property added: Tag"],
        "minor",
    )
    # a new *required* response property is still only an addition: clients get more than before
    required = mini(responses=answer(id={"type": "string"}, Owner={"type": "object"}, Tag={}, _required=["Tag"]))
    assert report_of(old, required).bump() == "minor"
    removed = report_of(old, mini(responses=answer(id={"type": "integer"})))
    assert removed.breaking == [
        "spec: upsert_records response 200: data[]: property removed: Owner",
        "spec: upsert_records response 200: data[].id: type string -> integer",
    ]
    assert removed.bump() == "major"


def test_status_codes_added_are_minor_a_removed_success_breaks_a_removed_error_does_not() -> None:
    old = mini(responses={"200": {"description": "ok"}, "207": {"description": "some"}, "413": {"description": "big"}})
    new = mini(responses={"200": {"description": "ok"}, "202": {"description": "later"}})
    report = report_of(old, new)
    assert report.breaking == ["spec: upsert_records: response removed: 207"]
    assert report.added == ["spec: upsert_records: response added: 202"]
    assert report.changed == ["spec: upsert_records: response removed: 413"]


def test_a_ref_swapped_for_another_schema_is_compared_structurally() -> None:
    schemas = {
        "Lead": records(Email={"type": "string"}, Company={"type": "string"}),
        "Contact": records(Email={"type": "string"}, Account={"type": "string"}, _required=["Account"]),
    }
    old = mini(body=json_body({"$ref": "#/components/schemas/Lead"}), schemas=schemas)
    new = mini(body=json_body({"$ref": "#/components/schemas/Contact"}), schemas=schemas)
    report = report_of(old, new)
    assert report.changed == ["spec: upsert_records request body: $ref Lead -> Contact"]
    assert report.breaking == [
        "spec: upsert_records request body: data[]: property removed: Company",
        "spec: upsert_records request body: data[]: required property added: Account",
    ]
    # the same structure under another name is no change at all (beyond the swap itself)
    same = {**schemas, "Prospect": copy.deepcopy(schemas["Lead"])}
    renamed = report_of(
        mini(body=json_body({"$ref": "#/components/schemas/Lead"}), schemas=same),
        mini(body=json_body({"$ref": "#/components/schemas/Prospect"}), schemas=same),
    )
    assert (renamed.breaking, renamed.added, renamed.bump()) == ([], [], "patch")


def test_a_recursive_schema_is_walked_once_and_ends() -> None:
    def node(extra: dict[str, Any]) -> dict[str, Any]:
        children = {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
        return {"Node": {"type": "object", "properties": {"children": children, **extra}}}

    body = json_body({"$ref": "#/components/schemas/Node"})
    report = report_of(mini(body=body, schemas=node({})), mini(body=body, schemas=node({"name": {"type": "string"}})))
    assert report.added == ["spec: schema Node: property added: name (request: upsert_records)"]


def test_documentation_changes_are_not_reported() -> None:
    old = mini(body=json_body(records(Email={"type": "string", "description": "An email."})))
    new = mini(body=json_body(records(Email={"type": "string", "description": "The email.", "example": "a@b.c"})))
    assert everything(report_of(old, new)) == []


def test_a_parameter_enum_value_removed_breaks_and_one_added_is_minor(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["components"]["schemas"]["SortOrder"]["enum"].remove("asc")
    breaking = report_of(spec, new).breaking
    assert len(breaking) == 1
    assert breaking[0].startswith("spec: schema SortOrder: enum value removed: asc (request: ")
    assert "get_records" in breaking[0]

    new["components"]["schemas"]["SortOrder"]["enum"] += ["asc", "random"]
    report = report_of(spec, new)
    assert (report.breaking, report.bump()) == ([], "minor")
    assert report.added[0].startswith("spec: schema SortOrder: enum value added: random (request: ")


def test_a_new_enum_value_in_a_response_breaks(spec: dict[str, Any]) -> None:
    """The generated models parse response enums strictly (``ActionSuccessCode("NEW")`` raises)."""
    new = copy.deepcopy(spec)
    new["components"]["schemas"]["ActionSuccess"]["properties"]["code"]["enum"].append("DUPLICATE_DATA")
    report = report_of(spec, new)
    assert len(report.breaking) == 1
    assert report.breaking[0].startswith(
        "spec: schema ActionSuccess: code: enum value added: DUPLICATE_DATA (response: "
    )
    assert "request:" not in report.breaking[0]
    # several values of one enum make one line
    new["components"]["schemas"]["ActionSuccess"]["properties"]["code"]["enum"].append("ALREADY_USED")
    (line,) = report_of(spec, new).breaking
    assert line.startswith("spec: schema ActionSuccess: code: enum values added: ALREADY_USED, DUPLICATE_DATA (")


def test_a_parameter_maximum_lowered_breaks_and_raised_does_not(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["components"]["parameters"]["PerPage"]["schema"]["maximum"] = 100
    report = report_of(spec, new)
    assert len(report.breaking) == 1
    assert report.breaking[0].startswith("spec: parameter PerPage: maximum 200 -> 100 (request: ")
    assert "get_records" in report.breaking[0]

    new["components"]["parameters"]["PerPage"]["schema"]["maximum"] = 500
    report = report_of(spec, new)
    assert (report.breaking, report.added, report.bump()) == ([], [], "patch")
    assert report.changed[0].startswith("spec: parameter PerPage: maximum 200 -> 500 (")


def test_an_inline_parameter_schema_is_reported_at_the_operation() -> None:
    def params(schema: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"name": "duplicate_check_fields", "in": "query", "schema": schema}]

    old = mini(params=params({"type": "string", "maxLength": 200, "default": "Email"}))
    new = mini(params=params({"type": "string", "maxLength": 50, "format": "csv", "default": "Phone"}))
    assert report_of(old, new).breaking == [
        "spec: upsert_records parameter query:duplicate_check_fields: format any -> csv",
        "spec: upsert_records parameter query:duplicate_check_fields: maxLength 200 -> 50",
        "spec: upsert_records parameter query:duplicate_check_fields: default Email -> Phone",
    ]


def test_a_new_required_header_breaks() -> None:
    header = {"name": "X-CRM-ORG", "in": "header", "required": True, "schema": {"type": "string"}}
    assert report_of(mini(), mini(params=[header])).breaking == [
        "spec: upsert_records: required parameter added: header:X-CRM-ORG"
    ]


def test_a_shared_component_change_is_listed_once_with_every_operation_using_it(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["components"]["schemas"]["Record"]["properties"]["id"]["type"] = "integer"
    lines = [line for line in everything(report_of(spec, new)) if "Record" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("spec: schema Record: id: type string -> integer (request: ")
    assert lines[0] in report_of(spec, new).breaking
    for op in ("insert_records", "upsert_records", "get_records", "get_record"):
        assert op in lines[0]


def test_response_headers_removed_break_and_added_are_minor() -> None:
    def answer(**headers: Any) -> dict[str, Any]:
        return {"200": {"description": "ok", "headers": headers}}

    limit = {"schema": {"type": "integer"}}
    old = mini(responses=answer(**{"X-RATELIMIT-REMAINING": limit, "X-RATELIMIT-LIMIT": limit}))
    new = mini(responses=answer(**{"X-RATELIMIT-LIMIT": {"schema": {"type": "string"}}, "X-ACCESS-COUNT": limit}))
    report = report_of(old, new)
    assert report.breaking == [
        "spec: upsert_records response 200: header removed: X-RATELIMIT-REMAINING",
        "spec: upsert_records response 200: header X-RATELIMIT-LIMIT: type integer -> string",
    ]
    assert report.added == ["spec: upsert_records response 200: header added: X-ACCESS-COUNT"]


def test_a_request_body_added_removed_or_made_required() -> None:
    body = records(Email={"type": "string"})
    optional = report_of(mini(), mini(body=json_body(body, required=False)))
    assert (optional.added, optional.bump()) == (["spec: upsert_records: optional request body added"], "minor")
    assert report_of(mini(), mini(body=json_body(body))).breaking == [
        "spec: upsert_records: required request body added"
    ]
    assert report_of(mini(body=json_body(body, required=False)), mini(body=json_body(body))).breaking == [
        "spec: upsert_records request body: now required"
    ]
    assert report_of(mini(body=json_body(body)), mini()).breaking == ["spec: upsert_records: request body removed"]


def test_declared_behaviour_changes_are_listed_without_a_bump(spec: dict[str, Any]) -> None:
    new = copy.deepcopy(spec)
    new["paths"]["/{module}/upsert"]["post"]["x-zoho-retry"] = "unsafe"
    new["paths"]["/{module}/upsert"]["post"]["description"] = "Reworded."
    report = report_of(spec, new)
    assert report.changed == ["spec: upsert_records: x-zoho-retry: keyed -> unsafe"]
    assert report.bump() == "patch"


def test_the_scripted_bump_reports_its_four_changes_and_nothing_else() -> None:
    """test_bump's spec edits (slow there: it regenerates), judged here in memory."""
    import bump

    from tests.spine import test_bump as scripted

    text = (ROOT / "spec" / "zoho-crm.yaml").read_text(encoding="utf-8")
    edited = text
    for old, new in (
        ("        - $ref: '#/components/parameters/IncludeChild'\n", scripted.NEW_PARAMETER),
        ("        id: {type: string, description: Record id (numeric string).}\n", scripted.NEW_FIELD),
        ("paths:\n", scripted.NEW_TAG),
        ("paths:\n", scripted.NEW_PATHS),
    ):
        assert old in edited, old
        edited = edited.replace(old, new, 1)
    report = report_of(yaml.safe_load(text), yaml.safe_load(bump.set_version(edited, "v9")))
    assert (report.breaking, report.changed) == (["spec: API version v8 -> v9"], [])
    assert len(report.added) == 3
    assert report.added[:2] == [
        "spec: operation added: get_timeline (GET /{module}/{record_id}/__timeline)",
        "spec: get_records: optional parameter added: query:include_tags",
    ]
    assert report.added[2].startswith("spec: schema Record: property added: Record_Score (request: ")


def test_a_component_no_operation_uses_is_judged_on_both_sides() -> None:
    old = mini(schemas={"Layout": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a"]}}}})
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Layout"]["properties"]["kind"]["enum"].append("b")
    new["components"]["schemas"]["Layout"]["properties"]["name"] = {"type": "string"}
    report = report_of(old, new)
    assert report.breaking == ["spec: schema Layout: kind: enum value added: b (not used by any operation)"]
    assert report.added == ["spec: schema Layout: property added: name (not used by any operation)"]


def test_deprecations_are_changes_named_at_the_operation_the_parameter_and_the_property() -> None:
    param = {"name": "trigger", "in": "query", "schema": {"type": "string"}}
    old = mini(params=[param], body=json_body(records(Email={"type": "string"})))
    new = copy.deepcopy(old)
    upsert = new["paths"]["/{module}/upsert"]["post"]
    upsert["deprecated"] = True
    upsert["parameters"][0]["deprecated"] = True
    upsert["requestBody"]["content"]["application/json"]["schema"]["properties"]["data"]["items"]["properties"][
        "Email"
    ]["deprecated"] = True
    report = report_of(old, new)
    assert (report.breaking, report.added, report.bump()) == ([], [], "patch")
    assert report.changed == [
        "spec: upsert_records: deprecated",
        "spec: upsert_records parameter query:trigger: deprecated",
        "spec: upsert_records request body: data[].Email: deprecated",
    ]
    assert report_of(new, old).changed == [
        line.replace(": deprecated", ": no longer deprecated") for line in report.changed
    ]


def test_what_the_client_checks_of_a_parameter_narrowed_breaks_and_widened_does_not(spec: dict[str, Any]) -> None:
    """``x-zoho-items`` and ``x-zoho-format``: a call that passed the client's checks must still pass."""
    narrowed = copy.deepcopy(spec)
    narrowed["components"]["parameters"]["FieldsRequired"]["x-zoho-items"]["max"] = 10
    del narrowed["components"]["parameters"]["Ids"]["x-zoho-format"]  # a list of ids no longer taken
    narrowed["components"]["parameters"]["Ids"]["x-zoho-items"]["pattern"] = "^[0-9]+$"
    report = report_of(spec, narrowed)
    assert [line.split(" (")[0] for line in report.breaking] == [
        "spec: parameter FieldsRequired: x-zoho-items max 50 -> 10",
        "spec: parameter Ids: x-zoho-format csv -> none",
        "spec: parameter Ids: x-zoho-items pattern none -> ^[0-9]+$",
    ]
    assert "get_records" in report.breaking[0]
    widened = report_of(narrowed, spec)
    assert (widened.breaking, widened.bump()) == ([], "patch")
    assert len(widened.changed) == 3
    assert spec["components"]["parameters"]["RecordId"]["x-zoho-format"] == "record-id"  # dropped: any text taken
    loose = copy.deepcopy(spec)
    del loose["components"]["parameters"]["RecordId"]["x-zoho-format"]
    assert (report_of(spec, loose).bump(), report_of(loose, spec).bump()) == ("patch", "major")


def test_an_operation_refusing_more_combinations_breaks(spec: dict[str, Any]) -> None:
    """``x-zoho-excludes`` and ``x-zoho-one-of`` (on parameters or body properties): judged, not just listed."""
    new = copy.deepcopy(spec)
    related = new["paths"]["/{module}/{record_id}/{related_list}"]["get"]
    related["x-zoho-excludes"] = {"page": ["page_token"], "sort_by": ["sort_order"]}
    mass_update = new["paths"]["/{module}/actions/mass_update"]["post"]
    mass_update["x-zoho-one-of"] = ["ids"]  # cvid alone no longer enough
    get_records = new["paths"]["/{module}"]["get"]
    get_records["x-zoho-one-of"] = ["fields", "cvid"]
    report = report_of(spec, new)
    assert report.breaking == [
        "spec: get_records: x-zoho-one-of added: fields, cvid (one of them now needed)",
        "spec: get_related_records: x-zoho-excludes: now refused together: sort_by, sort_order",
        "spec: mass_update_records: x-zoho-one-of: no longer enough alone: cvid",
    ]
    assert report.changed == []
    back = report_of(new, spec)
    assert (back.breaking, back.bump()) == ([], "patch")
    assert back.changed == [
        "spec: get_records: x-zoho-one-of removed: fields, cvid",
        "spec: get_related_records: x-zoho-excludes: now allowed together: sort_by, sort_order",
        "spec: mass_update_records: x-zoho-one-of: now enough alone: cvid",
    ]


def test_without_tags_the_base_is_the_last_commit_that_changed_the_version(tmp_path: Path) -> None:
    """A CI clone has no tags: comparing HEAD with itself would pass any break."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]

    def commit(version: str, python: str = "3.10") -> str:
        (tmp_path / "pyproject.toml").write_text(
            f'[project]\nversion = "{version}"\n[tool.mypy]\npython_version = "{python}"\n'
        )
        subprocess.run([*git, "commit", "-qam", version, "--allow-empty"], cwd=tmp_path, check=True)
        return api_report.git("rev-parse", "HEAD", root=tmp_path).strip()

    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "pyproject.toml").write_text("")
    subprocess.run([*git, "add", "pyproject.toml"], cwd=tmp_path, check=True)
    first = commit("0.1.0")
    with pytest.raises(SystemExit, match="no base to compare with"):
        api_report.default_base(tmp_path)  # HEAD's own change is what is checked
    commit("0.1.0", python="3.11")  # another line changed, and nothing at all
    commit("0.1.0")
    assert api_report.default_base(tmp_path) == (first, "no tag: the last commit that changed the package version")
    release = commit("0.2.0")
    assert api_report.default_base(tmp_path)[0] == first  # the bump in HEAD is checked against the release before
    commit("0.2.0", python="3.12")
    assert api_report.default_base(tmp_path)[0] == release
    shallow = tmp_path / "shallow"  # its history stops at a commit that seems to set every line
    subprocess.run([*git, "clone", "-q", "--depth", "2", f"file://{tmp_path}", str(shallow)], check=True)
    with pytest.raises(SystemExit, match="a shallow clone"):
        api_report.default_base(shallow)
    subprocess.run([*git, "tag", "v0.1.0", first], cwd=tmp_path, check=True)
    assert api_report.default_base(tmp_path) == ("v0.1.0", "the last tag")


def test_an_operation_id_used_twice_is_refused_naming_both_operations(spec: dict[str, Any]) -> None:
    """A pasted operation whose id was kept: generation stops, and the report will not guess which is which."""
    import generate
    import surface

    new = copy.deepcopy(spec)
    new["paths"]["/org_copy"] = copy.deepcopy(new["paths"]["/org"])
    message = "operationId get_org is used twice: GET /org and GET /org_copy"
    with pytest.raises(surface.SpecError, match=message):
        generate.unique_operation_ids(new)
    with pytest.raises(surface.SpecError, match=message):
        report_of(spec, new)
    generate.unique_operation_ids(spec)


def test_each_python_breakage_names_the_objects_path(tmp_path: Path) -> None:
    """griffe names an object relative to its module, and a removed module `<module>`: the report says which."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    files = {
        "overlays/zoho_crm/__init__.py": "",
        "generated/zoho_crm_api/__init__.py": "",
        "generated/zoho_crm_api/resources/__init__.py": "",
        "generated/zoho_crm_api/resources/related.py": "class RelatedResource:\n    def list(self): ...\n",
        "generated/zoho_crm_api/resources/records.py": "class RecordsResource:\n    def get(self, a): ...\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run([*git, *args], cwd=tmp_path, check=True)
    (tmp_path / "generated/zoho_crm_api/resources/related.py").unlink()
    (tmp_path / "generated/zoho_crm_api/resources/records.py").write_text(
        "class RecordsResource:\n    def get(self): ...\n"
    )
    report = api_report.Report()
    api_report.compare_python("HEAD", report, tmp_path)
    assert report.breaking == [
        "python: `zoho_crm_api.resources.records.RecordsResource.get(a)`: *Parameter was removed*",
        "python: `zoho_crm_api.resources.related`: *Public object was removed*",
    ]


def test_a_spec_that_is_not_yaml_is_one_line_naming_its_place() -> None:
    # seen in review: api_report printed a traceback where generate.py prints one line
    with pytest.raises(SystemExit, match=r"^api_report: spec/zoho-crm\.yaml:4:1: expected ',' or '\]'"):
        api_report._loaded("a:\n     b: [\n  c: 1\n", "spec/zoho-crm.yaml")
    assert api_report._loaded("a: 1\n", "spec/zoho-crm.yaml") == {"a": 1}
