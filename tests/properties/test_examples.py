"""Explicit examples: the spec's own examples, and shapes it allows that random drawing rarely hits.

Each goes through the same checks as the properties (attrs round trip, pydantic agreement, the
overlay where it reads the body). The second list holds the shrunk counterexamples of bugs found
by the properties or by reading the spec; each says what is expected and why.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.properties import _models, _spec
from zoho_crm import AccessTokenCredentials, ZohoCRM
from zoho_crm.errors import ZohoError


def _media_examples() -> list[tuple[str, str, int | None, Any]]:
    """(schema, operationId, status or None for the request body, value) of every example in the spec."""
    found = []
    for op_id, op in sorted(_spec.OPERATIONS.items()):
        raw = op.raw
        if "requestBody" in raw and not op.form:  # a form (a file upload) has no JSON example
            media = _spec.resolve(raw["requestBody"])["content"]["application/json"]
            for example in media.get("examples", {}).values():
                found.append((op.body_schema, op_id, None, _spec.resolve(example)["value"]))
        for status, response in raw["responses"].items():
            media = _spec.resolve(response).get("content", {}).get("application/json", {})
            for example in media.get("examples", {}).values():
                found.append((op.responses[status], op_id, int(status), _spec.resolve(example)["value"]))
    return found


SPEC_EXAMPLES = _media_examples()


def _trip(name: str, op_id: str, status: int | None, value: Any) -> Any:
    if status is None:
        return _models.attrs_request_trip(name, value)
    return _models.attrs_response_trip(op_id, status, value)


def test_the_spec_has_examples_for_every_request_body() -> None:
    assert {name for name, _, status, _ in SPEC_EXAMPLES if status is None} == set(_spec.REQUEST_BODY_SCHEMAS)


@pytest.mark.parametrize(
    ("name", "op_id", "status", "value"),
    SPEC_EXAMPLES,
    ids=[f"{op}-{status or 'body'}-{i}" for i, (_, op, status, _) in enumerate(SPEC_EXAMPLES)],
)
def test_spec_examples_are_valid_and_round_trip(name: str, op_id: str, status: int | None, value: Any) -> None:
    assert not _spec.schema_errors(name, value), "the spec's example breaks its own schema"
    schema = _spec.json_schema(name)
    want = _spec.normalise(schema, value)
    assert _spec.normalise(schema, _trip(name, op_id, status, value)) == want
    assert _spec.normalise(schema, _models.pydantic_trip(name, value)) == want


# ---------------------------------------------------------------------------------------------
# Shapes the spec allows, found by the properties (or by reading the spec). Failing ones are bugs:
# see the report in each `why`.

EDGE_CASES: list[tuple[str, str, int | None, Any, str]] = [
    (
        "RecordsPage", "get_records", 200,
        {"data": [{"id": "1", "Created_Time": "2022-11-10T15:08:14Z", "Modified_Time": "2022-11-10T15:08:14-00:00"}]},
        "Z and -00:00 are spellings of +00:00: allowed normalisation",
    ),
    (
        "DeletedRecordsPage", "get_deleted_records", 200,
        {"data": [{"id": "1", "type": "permanent", "deleted_by": None, "created_by": None, "display_name": None}]},
        "nullable properties keep their null",
    ),
    (
        "RecordsPage", "get_records", 200,
        {"data": [{"id": "1", "Created_Time": "2022-11-10T15:08:14.123456+05:30"}]},
        "microseconds survive both readings (the spec's DateTime allows at most six fraction digits)",
    ),
    (
        "InsertRecordsRequest", "insert_records", None,
        {"data": [{"Last_Name": "Burns", "Tag_1": "vip"}]},
        "a custom field named Tag_1 (Zoho's API name for a second field labelled Tag) is kept as is; it once "
        "made the pydantic reading dump \"Tag\": null (fixed: --field-type-collision-strategy rename-type)",
    ),
    (
        "RelatedRecordsCountResponse", "get_related_records_count", 200,
        {"get_related_records_count": [
            {"code": "INVALID_DATA", "details": {"api_name": "Notes"}, "message": "invalid", "status": "error",
             "count": 0, "related_list": {"api_name": "Notes"}},
        ]},
        "an ActionError item that also carries count and related_list (ActionError is open) stays an error: "
        "it was once parsed as RelatedCountSuccess (fixed: the spec lists ActionError first in the oneOf)",
    ),
]  # fmt: skip


def test_more_than_six_fraction_digits_is_outside_the_spec() -> None:
    """Found by the properties: both readings keep microseconds; the spec now says so (DateTime pattern)."""
    value = {"data": [{"id": "1", "Created_Time": "2022-11-10T15:08:14.1234567+05:30"}]}
    assert _spec.schema_errors("RecordsPage", value)


@pytest.mark.parametrize(
    ("name", "op_id", "status", "value", "why"), EDGE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(EDGE_CASES)]
)
def test_edge_cases_round_trip(name: str, op_id: str, status: int | None, value: Any, why: str) -> None:
    assert not _spec.schema_errors(name, value), "an edge case must be valid per the spec"
    schema = _spec.json_schema(name)
    want = _spec.normalise(schema, value)
    attrs_out = _trip(name, op_id, status, value)
    pydantic_out = _models.pydantic_trip(name, value)
    assert _spec.normalise(schema, attrs_out) == want, f"attrs: {why}\n  in:  {value}\n  out: {attrs_out}"
    assert _spec.normalise(schema, pydantic_out) == want, f"pydantic: {why}\n  in:  {value}\n  out: {pydantic_out}"


def test_overlay_does_not_count_an_error_item_as_a_count() -> None:
    """``crm.related.count`` must not report a count for an item whose ``status`` is ``error``.

    Found by the properties: it once took any item with an integer ``count`` as a success.
    """
    body = EDGE_CASES[-1][3]
    assert not _spec.schema_errors("RelatedRecordsCountResponse", body)

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    with ZohoCRM(
        AccessTokenCredentials("token"), api_domain="https://www.zohoapis.com", transport=httpx.MockTransport(answer)
    ) as crm:
        try:
            counts = crm.related.count("Leads", "3652397000000624046", ["Notes"])
        except ZohoError:
            return  # refused: the error item is reported as an error
    assert "Notes" not in counts, f"an error item was reported as a count: {counts}"
