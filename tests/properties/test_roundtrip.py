"""Round trip through the generated attrs models, for every request-body and response schema of the spec.

Instances are drawn from the spec itself (hypothesis-jsonschema on the converted schema, see
``_spec.json_schema``). For each: ``from_dict(x).to_dict()`` equals ``x`` (date-times compared
by value, see ``_spec.normalise``), the output is valid against the spec's schema, and the input
is not modified. The parametrization *is* the spec's list: a new schema gets its tests.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.properties import _models, _spec
from tests.properties._profiles import properties


def _check_trip(name: str, instance: Any, out: Any) -> None:
    schema = _spec.json_schema(name)
    assert _spec.normalise(schema, out) == _spec.normalise(schema, instance), (
        f"{name} round trip changed the instance:\n  in:  {instance!r}\n  out: {out!r}"
    )
    errors = _spec.schema_errors(name, out)
    assert not errors, f"{name} round trip output breaks the spec: {errors}"


def test_the_spec_lists_request_bodies_and_responses() -> None:
    # The parametrizations below come from the spec: make sure they are not silently empty.
    assert len(_spec.REQUEST_BODY_SCHEMAS) >= 8
    assert len(_spec.RESPONSE_SCHEMAS) >= 10
    for name in _spec.REQUEST_BODY_SCHEMAS:
        assert _models.attrs_class(name).from_dict
    for name in _spec.RESPONSE_SCHEMAS:
        assert _spec.response_uses(name)


@pytest.mark.parametrize("name", _spec.REQUEST_BODY_SCHEMAS)
@properties()
@given(data=st.data())
def test_request_body_round_trip(name: str, data: st.DataObject) -> None:
    instance = data.draw(_spec.strategy(name), label=name)
    assert not _spec.schema_errors(name, instance), "the JSON Schema conversion drew an instance the spec refuses"
    before = copy.deepcopy(instance)
    out = _models.attrs_request_trip(name, instance)
    assert instance == before, "from_dict modified its input"
    event(f"custom fields: {_spec.has_unknown_keys(_spec.json_schema(name), instance)}")
    _check_trip(name, instance, out)


@pytest.mark.parametrize("name", _spec.RESPONSE_SCHEMAS)
@properties(10)
@given(data=st.data())
def test_response_round_trip(name: str, data: st.DataObject) -> None:
    op_id, status = data.draw(st.sampled_from(_spec.response_uses(name)), label="answer of")
    instance = data.draw(_spec.strategy(name), label=name)
    assert not _spec.schema_errors(name, instance), "the JSON Schema conversion drew an instance the spec refuses"
    out = _models.attrs_response_trip(op_id, status, instance)
    event(f"custom fields: {_spec.has_unknown_keys(_spec.json_schema(name), instance)}")
    _check_trip(name, instance, out)


# Every schema that carries records (each org has its own custom fields), drawn from a narrowing of
# the schema where every open object *must* carry unknown keys (``_spec.only_unknown_keys``).


@pytest.mark.parametrize("name", _spec.RECORD_SCHEMAS)
@properties(10)
@given(data=st.data())
def test_custom_fields_survive(name: str, data: st.DataObject) -> None:
    schema = _spec.json_schema(name)
    instance = data.draw(_spec.strategy_for(_spec.only_unknown_keys(schema)), label=name)
    assert not _spec.schema_errors(name, instance)
    assert _spec.has_unknown_keys(schema, instance)
    if name in _spec.REQUEST_BODY_SCHEMAS:
        out = _models.attrs_request_trip(name, instance)
    else:
        op_id, status = _spec.response_uses(name)[0]
        out = _models.attrs_response_trip(op_id, status, instance)
    _check_trip(name, instance, out)
    pydantic_out = _models.pydantic_trip(name, instance)
    assert _spec.normalise(schema, pydantic_out) == _spec.normalise(schema, instance)
