"""Differential: the same spec-drawn instances through both readings of the spec.

attrs (openapi-python-client, shipped) and pydantic (datamodel-code-generator, the independent
second reading) must both accept every instance the spec allows and produce the same JSON, equal
to the input (date-times compared as ``_spec.normalise`` says). Each reading's output must also be
accepted by the other and come back unchanged.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import _models, _spec
from tests.properties._profiles import properties


def _agree(name: str, instance: Any, attrs_out: Any) -> None:
    schema = _spec.json_schema(name)
    want = _spec.normalise(schema, instance)
    pydantic_out = _models.pydantic_trip(name, instance)
    assert _spec.normalise(schema, pydantic_out) == want, (
        f"pydantic reading changed the {name}:\n  in:  {instance!r}\n  out: {pydantic_out!r}"
    )
    assert _spec.normalise(schema, attrs_out) == _spec.normalise(schema, pydantic_out), (
        f"attrs and pydantic disagree on a {name}:\n  attrs:    {attrs_out!r}\n  pydantic: {pydantic_out!r}"
    )
    # Cross-feeding: what one reading writes, the other reads back unchanged.
    assert _spec.normalise(schema, _models.pydantic_trip(name, attrs_out)) == want
    assert not _spec.schema_errors(name, pydantic_out), "pydantic output breaks the spec"


@pytest.mark.parametrize("name", _spec.REQUEST_BODY_SCHEMAS)
@properties(10)
@given(data=st.data())
def test_request_body_differential(name: str, data: st.DataObject) -> None:
    instance = data.draw(_spec.strategy(name), label=name)
    attrs_out = _models.attrs_request_trip(name, instance)
    _agree(name, instance, attrs_out)
    schema = _spec.json_schema(name)
    back = _models.attrs_request_trip(name, _models.pydantic_trip(name, instance))
    assert _spec.normalise(schema, back) == _spec.normalise(schema, instance)


@pytest.mark.parametrize("name", _spec.RESPONSE_SCHEMAS)
@properties(10)
@given(data=st.data())
def test_response_differential(name: str, data: st.DataObject) -> None:
    op_id, status = data.draw(st.sampled_from(_spec.response_uses(name)), label="answer of")
    instance = data.draw(_spec.strategy(name), label=name)
    attrs_out = _models.attrs_response_trip(op_id, status, instance)
    _agree(name, instance, attrs_out)
    schema = _spec.json_schema(name)
    back = _models.attrs_response_trip(op_id, status, _models.pydantic_trip(name, instance))
    assert _spec.normalise(schema, back) == _spec.normalise(schema, instance)
