"""generator/surface.py reads ``x-zoho-method`` strictly: a declaration it does not understand stops generation."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "generator"))
import surface  # noqa: E402

sys.path.remove(str(ROOT / "generator"))

SPEC = yaml.safe_load((ROOT / "spec" / "zoho-crm.yaml").read_text(encoding="utf-8"))


def _declared(changes: dict[str, Any], extension: str = "x-zoho-method") -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    for item in spec["paths"].values():
        for node in item.values():
            if isinstance(node, dict) and node.get("operationId") in changes:
                node[extension] = changes[node["operationId"]]
    return spec


def _methods(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {user["name"]: user for res in surface.resources(spec) for op in res["ops"] for user in op["user"]}


def test_the_metadata_reads_are_declared() -> None:
    methods = _methods(SPEC)
    assert {name: methods[name]["returns"] for name in ("modules", "fields", "related_lists")} == dict.fromkeys(
        ("modules", "fields", "related_lists"), "items"
    )
    assert {methods[name]["returns"] for name in ("module", "current_user", "org")} == {"item"}
    assert methods["current_user"]["fixed"] == {"type": "CurrentUser"}
    assert [p["public"] for p in methods["current_user"]["keywords"]] == []  # the fixed type is not an argument
    assert [p["public"] for p in methods["fields"]["positional"]] == ["module"]
    assert methods["fields"]["key"] == "fields"


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        ({"name": "fields", "returns": "list"}, "returns one of"),
        ({"name": "fields", "returns": "items"}, "key"),
        ({"name": "fields", "returns": "page", "key": "fields"}, "key"),
        ({"name": "fields", "returns": "items", "key": "fields", "kee": "x"}, "does not know"),
        ({"name": "fields", "returns": "items", "key": "fields", "fixed": {"nope": 1}}, "fixed names"),
        ({"name": "fields", "returns": "items", "key": "fields", "positional": ["nope"]}, "positional names"),
        ({"name": "fields", "returns": "items", "key": "fields", "positional": ["module"], "fixed": {"module": "X"}},
         "positional names"),
        ({"name": "class", "returns": "items", "key": "fields"}, "Python name"),
    ],
)  # fmt: skip
def test_a_declaration_the_generator_does_not_understand_is_an_error(declaration: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _methods(_declared({"get_fields": declaration}))


def test_mass_update_takes_its_values_positionally_and_its_body_keys_as_keywords() -> None:
    mass_update = _methods(SPEC)["mass_update"]
    assert (mass_update["returns"], mass_update["key"]) == ("items", "data")
    assert mass_update["body_arg"]["wrap"] == "data"
    assert [p["public"] for p in mass_update["positional"]] == ["module"]
    assert {p["public"]: p["type"] for p in mass_update["options"]} == {
        "ids": "Sequence[str | int] | None",
        "cvid": "str | None",
        "territory": "Mapping[str, Any] | None",
        "over_write": "bool | None",
    }
    assert [p["public"] for p in _methods(SPEC)["mass_update_status"]["positional"]] == ["module", "job_id"]


@pytest.mark.parametrize(
    ("body", "message"),
    [({"name": "fields", "wrap": "cvid"}, "not an array"), ({"name": "fields", "wrap": "nope"}, "not an array"),
     ({"name": "fields", "item_of": "data"}, "body is a name or"), ({"wrap": "data"}, "body is a name or")],
)  # fmt: skip
def test_a_body_declaration_the_generator_does_not_understand_is_an_error(body: Any, message: str) -> None:
    declaration = {"name": "mass_update", "returns": "items", "key": "data", "body": body}
    with pytest.raises(ValueError, match=message):
        _methods(_declared({"mass_update_records": declaration}))


def test_a_fixed_value_outside_the_enum_is_an_error() -> None:
    declaration = {"name": "current_user", "returns": "item", "key": "users", "fixed": {"type": "Everyone"}}
    with pytest.raises(ValueError, match="not one of"):
        _methods(_declared({"get_users": declaration}))


def test_a_body_property_is_a_keyword_or_when_required_positional() -> None:
    query = _methods(SPEC)["query"]  # crm.coql.query(select_query): positional: [select_query]
    assert [(p["public"], p["type"]) for p in query["positional"]] == [("select_query", "str")]
    assert (query["options"], query["keywords"], query["required"]) == ([], [], ("select_query",))
    plain = _methods(_declared({"execute_coql_query": {"name": "query", "returns": "page"}}))["query"]
    assert (plain["positional"], plain["required"]) == ([], ())
    # a property the body requires is a required keyword (found by review: it was optional, and its absence sent)
    assert [(p["public"], p["type"], p["required"]) for p in plain["options"]] == [("select_query", "str", True)]
    optional = _declared({})
    del optional["components"]["schemas"]["CoqlQueryRequest"]["required"]
    with pytest.raises(ValueError, match="positional names 'select_query'"):
        _methods(optional)


def test_coql_is_walked_by_its_limit_clause() -> None:
    (coql,) = (op for res in surface.resources(SPEC) for op in res["ops"] if op["id"] == "execute_coql_query")
    assert coql["pagination"] == ("limit",)
    assert [(u["name"], u["returns"]) for u in coql["user"]] == [("query", "page"), ("iter", "iter")]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"execute_coql_query": ["limit", "page"]}, r"is \[page\], \[page_token\]"),
        ({"get_records": ["cursor"]}, r"is \[page\], \[page_token\]"),
        ({"get_records": ["limit"]}, "string select_query"),  # no body: nothing to append the clause to
        ({"mass_update_records": ["limit"]}, "string select_query"),
    ],
)
def test_a_pagination_the_runtime_cannot_walk_is_an_error(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        surface.resources(_declared(changes, "x-zoho-pagination"))


STATUS = {"name": "mass_update_status", "returns": "item", "key": "data", "positional": ["job_id"]}


def test_the_mass_update_job_is_waited_for_until_it_ends() -> None:
    wait = _methods(SPEC)["wait_for_mass_update"]
    assert (wait["returns"], wait["until"][:2]) == ("wait", ("Status", ("COMPLETED", "FAILED")))
    assert wait["until"][2] == ("SCHEDULED", "RUNNING", "COMPLETED", "FAILED")  # any other answer is invalid
    assert [p["public"] for p in wait["positional"]] == ["module", "job_id"]


@pytest.mark.parametrize(
    ("wait", "message"),
    [
        ({"name": "wait_for", "until": {"Status": ["DONE"]}}, r"not all in \['SCHEDULED'"),
        ({"name": "wait_for", "until": {"State": ["COMPLETED"]}}, "not a property of the answer's items"),
        ({"name": "wait_for", "until": {"Status": "COMPLETED"}}, "wait is"),
        ({"name": "wait_for", "until": {"Status": []}}, "wait is"),
        ({"name": "wait_for", "until": {"Status": ["COMPLETED"], "Failed_Count": ["0"]}}, "wait is"),
        ({"name": "wait_for"}, "wait is"),
        ({"name": "wait for", "until": {"Status": ["COMPLETED"]}}, "Python name"),
    ],
)
def test_a_wait_the_runtime_cannot_end_is_an_error(wait: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _methods(_declared({"get_mass_update_status": {**STATUS, "wait": wait}}))


def test_a_wait_is_only_for_a_method_returning_one_item() -> None:
    declaration = {"name": "fields", "returns": "items", "key": "fields", "wait": {"name": "w", "until": {"x": ["y"]}}}
    with pytest.raises(ValueError, match="on returns: item"):
        _methods(_declared({"get_fields": declaration}))
