"""``zoho_crm._json``: orjson's fast path and the strict standard-library path write the same JSON.

orjson writes NaN and infinities as ``null``; a body is taken from it only when it holds no ``null``,
or when a walk of the value finds no NaN or infinity. These tests pin that both paths agree on
everything JSON can hold, and that a NaN is refused wherever it is, beside a ``None`` or not, in
whatever container or enum holds it.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import uuid
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zoho_crm import _json
from zoho_crm.errors import ZohoValidationError

_KEYS = st.text(max_size=8)
_SCALARS = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_VALUES = st.recursive(
    st.none() | _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)


def _strict(value: Any) -> Any:
    """What the standard library's strict encoder makes of ``value`` (the reference)."""
    return json.loads(_json._ENCODER.encode(value))


@settings(max_examples=300)
@given(_VALUES)
def test_every_json_value_is_written_as_the_standard_library_writes_it(value: Any) -> None:
    encoded = _json.encode(value)
    assert orjson.loads(encoded.content) == _strict(value) == json.loads(encoded.content)


@settings(max_examples=200)
@given(_VALUES, st.sampled_from([math.nan, math.inf, -math.inf]), st.booleans())
def test_nan_and_infinity_are_refused_wherever_they_are(value: Any, bad: float, beside_none: bool) -> None:
    body = {"data": [{"Kept": value, "Bad": [bad], **({"Cleared": None} if beside_none else {})}]}
    with pytest.raises(ZohoValidationError, match=r"\['Bad'\]\[0\]: NaN or infinity is not JSON"):
        _json.encode(body)


class Stage(enum.Enum):
    NEW = "New"


class Rank(enum.IntEnum):
    TOP = 1


@pytest.mark.parametrize("cleared", [False, True], ids=["orjson", "strict"])
def test_values_beyond_plain_json_are_written_the_same_by_both_paths(cleared: bool) -> None:
    """A ``None`` sends the body down the strict path: the JSON must not change with it."""
    ist = dt.timezone(dt.timedelta(hours=5, minutes=30))
    record: dict[Any, Any] = {
        "Stage": Stage.NEW,
        "Rank": Rank.TOP,
        "Ref": uuid.UUID(int=7),
        "Met": dt.datetime(2024, 3, 4, 9, 30, 15, 999, tzinfo=ist),
        "Born": dt.date(1990, 7, 1),
        "Big": 2**70,
        "Row": (1, 2),
        "Name": "Ünïcode ✓",
    }
    if cleared:
        record["Phone"] = None
    sent = orjson.loads(_json.encode(record).content)
    assert sent == {
        "Stage": "New",
        "Rank": 1,
        "Ref": "00000000-0000-0000-0000-000000000007",
        "Met": "2024-03-04T09:30:15+05:30",
        "Born": "1990-07-01",
        "Big": 2**70,
        "Row": [1, 2],
        "Name": "Ünïcode ✓",
        **({"Phone": None} if cleared else {}),
    }


class Odd(enum.Enum):
    NOT_A_NUMBER = math.nan


class Fields(dict[str, Any]):
    pass


@pytest.mark.parametrize(
    ("holder", "where"),
    [
        (Odd.NOT_A_NUMBER, r"\['Bad'\]"),
        (Fields(x=[math.inf]), r"\['Bad'\]\['x'\]\[0\]"),
        ((1, (2, -math.inf)), r"\['Bad'\]\[1\]\[1\]"),
    ],
    ids=["enum", "dict-subclass", "nested-tuple"],
)
def test_nan_in_an_enum_or_a_subclass_beside_a_none_is_refused(holder: Any, where: str) -> None:
    with pytest.raises(ZohoValidationError, match=where + ": NaN or infinity is not JSON"):
        _json.encode({"Cleared": None, "Bad": holder})


def test_a_body_with_nones_keeps_orjsons_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nones and no NaN: the orjson encoding is sent, the strict encoder never called."""
    body = {"data": [{"Name": "Zoë", "Fax": None, "Score": 1.5, "Tags": ("a",), "Stage": Stage.NEW}]}
    monkeypatch.setattr(_json, "_strict", lambda value: pytest.fail("the strict encoder ran"))
    assert _json.encode(body).content == orjson.dumps(body)


def test_a_lone_surrogate_is_refused_where_it_is() -> None:
    """orjson refuses it, and the standard library would send it escaped (``\\ud800``): neither is sent."""
    with pytest.raises(ZohoValidationError, match=r"\['data'\]\[0\]\['Name'\]: a lone surrogate"):
        _json.encode({"data": [{"Name": "Zo\ud800"}]})
    with pytest.raises(_json.UnencodableItem, match=r"\[1\]\['Sub'\]\[0\]: a lone surrogate"):
        _json.encode_items({"data": [{"Name": "a"}, {"Sub": ["\udfff"]}]})
    assert _json.encode({"Name": "Zoë 😀"}).content == '{"Name":"Zoë 😀"}'.encode()  # a surrogate pair is fine


def test_what_orjson_refuses_is_written_or_named_by_the_strict_path() -> None:
    assert orjson.loads(_json.encode({1: "a", False: "b"}).content) == {"1": "a", "false": "b"}
    deep: Any = "x"
    for _ in range(_json.MAX_DEPTH):  # within the depth limit (orjson's own is 254)
        deep = [deep]
    assert _json.encode(deep).content == json.dumps(deep).encode()
    for _ in range(100):  # past orjson's limit: refused, not handed to the recursive standard library
        deep = [deep]
    with pytest.raises(ZohoValidationError, match=r"nested more than 254 levels deep"):
        _json.encode(deep)
    with pytest.raises(ZohoValidationError, match=r"\['Met'\]: a naive datetime"):
        _json.encode({"Met": dt.datetime(2024, 1, 1)})
    with pytest.raises(ZohoValidationError, match=r"\['Blob'\]: a value of type bytes has no JSON form"):
        _json.encode({"Blob": b"x"})


@pytest.mark.parametrize("levels", [252, 253])
def test_an_item_nested_past_the_limit_within_its_body_is_named_with_its_place(levels: int) -> None:
    # found by review: the item's depth was counted from the item, not from the body ({"data": [item]})
    deep: Any = 1
    for _ in range(levels):
        deep = [deep]
    with pytest.raises(_json.UnencodableItem, match=r"^\[0\]\['N'\]\[0\].*: nested more than 254 levels deep"):
        _json.encode_items({"data": [{"N": deep}]})


def test_encoded_bodies_do_not_show_their_content() -> None:
    encoded = _json.encode({"Secret_Note": "do not log me"})
    assert "do not log me" not in repr(encoded)
    assert repr(encoded) == f"EncodedJSON(<{len(encoded.content)} bytes>)"
