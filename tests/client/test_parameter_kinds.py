"""Parameter kinds the spec may declare though no operation of today's has them: lists, integer enums, dates.

tests/spine/test_spec_names.py declares each on Get Records in a copy of the repository and calls it
end to end; these pin the runtime's checks (``zoho_crm._runtime``) as the generator declares them.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import pytest

from zoho_crm import ZohoValidationError
from zoho_crm._runtime import _checked, _member

UTC = dt.timezone.utc


class Priority(enum.Enum):
    ONE = 1
    TWO = 2


class Kind(str, enum.Enum):
    A = "a"


def test_an_integer_enum_takes_its_values_and_refuses_others() -> None:
    assert _member("p", Priority, 2) is Priority.TWO
    assert _member("p", Priority, Priority.ONE) is Priority.ONE
    assert _member("k", Kind, "a") is Kind.A
    for bad in ("2", 3, True, 2.0, None):
        with pytest.raises(ZohoValidationError, match="is not one of 1, 2"):
            _member("p", Priority, bad)


LIST = {"type": "array", "maxItems": 2, "each": {"type": "integer", "minimum": 1}}


@pytest.mark.parametrize(
    ("value", "expected"),
    [([1, 2], [1, 2]), ((3,), [3]), ([], [])],
)
def test_a_list_parameter_is_a_list_within_its_bounds(value: Any, expected: list[int]) -> None:
    assert _checked("levels", value, LIST, False) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1", "levels must be a list of items, got '1'"),
        ({1: 1}, "levels must be a list"),
        ([1, 2, 3], "levels takes 0 to 2 items, got 3"),
        (["x"], r"levels\[0\] must be integer, got str"),
        ([0], r"levels\[0\] must be from 1 to inf, got 0"),
    ],
)
def test_a_list_parameter_out_of_its_schema_is_refused_naming_the_item(value: Any, message: str) -> None:
    with pytest.raises(ZohoValidationError, match=message):
        _checked("levels", value, LIST, False)


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("date", dt.date(2024, 3, 4), dt.date(2024, 3, 4)),
        ("date", "2024-03-04", dt.date(2024, 3, 4)),
        ("date-time", "2024-03-04T09:30:00Z", dt.datetime(2024, 3, 4, 9, 30, tzinfo=UTC)),
        (
            "date-time",
            dt.datetime(2024, 3, 4, 9, 30, 1, 999, tzinfo=UTC),
            dt.datetime(2024, 3, 4, 9, 30, 1, tzinfo=UTC),
        ),
    ],
)
def test_a_date_parameter_takes_a_date_or_iso_text(fmt: str, value: object, expected: dt.date) -> None:
    checked = _checked("on", value, {"type": "string", "format": fmt}, False)
    assert checked == expected
    assert type(checked) is type(expected)


@pytest.mark.parametrize(
    ("fmt", "value", "message"),
    [
        ("date", "March", "'March' is not an ISO 8601 date"),
        ("date", dt.datetime(2024, 3, 4, tzinfo=UTC), "must be a date or ISO 8601 text"),
        ("date", 20240304, "must be a date or ISO 8601 text, got 20240304"),
        ("date-time", dt.datetime(2024, 3, 4), "needs a timezone-aware datetime"),
        ("date-time", "2024-03-04T09:30:00", "needs a timezone-aware datetime"),
        ("date-time", dt.date(2024, 3, 4), "must be an aware datetime"),
        ("date-time", "\ud800", "is not an ISO 8601 date-time"),
    ],
)
def test_a_date_parameter_refuses_what_is_not_one(fmt: str, value: object, message: str) -> None:
    with pytest.raises(ZohoValidationError, match=message):
        _checked("on", value, {"type": "string", "format": fmt}, False)
