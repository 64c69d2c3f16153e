"""Search criteria: ``((Field:operator:value)and/or(...))`` parsed into a predicate over records."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from ._clock import parse_time

__all__ = ["OPERATORS", "CriteriaError", "Predicate", "compare", "number", "parse_criteria"]

Predicate = Callable[[dict[str, Any]], bool]

OPERATORS = (
    "equals",
    "not_equal",
    "starts_with",
    "in",
    "greater_than",
    "greater_equal",
    "less_than",
    "less_equal",
    "between",
)
MAX_CONDITIONS = 10
MAX_IN_VALUES = 100
MAX_DEPTH = 32
"""Parentheses nested deeper than this are refused (``INVALID_QUERY``), long before Python's recursion limit."""
_FIELD = re.compile(r"^\$?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z$][A-Za-z0-9_]*)?$")
_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")


class CriteriaError(ValueError):
    """The criteria text is malformed (``INVALID_QUERY``)."""

    def __init__(self, reason: str, **details: Any) -> None:
        super().__init__(reason)
        self.details = {"reason": reason, **details}


@dataclasses.dataclass
class _Condition:
    field: str
    operator: str
    values: list[str]


def _split_unescaped(text: str, separator: str, limit: int = -1) -> list[str]:
    """Split on ``separator`` not preceded by a backslash; keep escapes for the caller."""
    parts: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            current.append(text[index : index + 2])
            index += 2
            continue
        if char == separator and (limit < 0 or len(parts) < limit):
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def _unescape(text: str) -> str:
    """A value as meant: Zoho escapes ``(``, ``)``, ``,`` and a trailing backslash; any other backslash is itself."""
    text = re.sub(r"\\([(),])", r"\1", text)
    return text[:-1] if text.endswith("\\\\") else text


class _Parser:
    def __init__(self, text: str, known: Callable[[str], bool] | None = None) -> None:
        self.text, self.known = text, known
        self.pos = 0
        self.conditions = 0
        self.depth = 0

    def parse(self) -> Predicate:
        self._skip()
        if self.pos < len(self.text) and self.text[self.pos] != "(":
            predicate = self._condition(self.text[self.pos :])
            self.pos = len(self.text)
            return predicate
        predicate = self._expression()
        self._skip()
        if self.pos != len(self.text):
            raise CriteriaError("unexpected text after the criteria", position=self.pos)
        return predicate

    def _skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def _expression(self) -> Predicate:
        # and binds tighter than or: a list of and-groups joined by or.
        groups: list[list[Predicate]] = [[self._term()]]
        while True:
            self._skip()
            rest = self.text[self.pos :].lower()
            if rest.startswith("and"):
                self.pos += 3
                groups[-1].append(self._term())
            elif rest.startswith("or"):
                self.pos += 2
                groups.append([self._term()])
            else:
                break
        if len(groups) == 1 and len(groups[0]) == 1:
            return groups[0][0]
        frozen = [tuple(group) for group in groups]
        return lambda record: any(all(p(record) for p in group) for group in frozen)

    def _term(self) -> Predicate:
        self._skip()
        if self.pos >= len(self.text) or self.text[self.pos] != "(":
            raise CriteriaError("expected '('", position=self.pos)
        self.pos += 1
        self._skip()
        if self.pos < len(self.text) and self.text[self.pos] == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise CriteriaError("the criteria are nested too deep", max_depth=MAX_DEPTH, position=self.pos)
            inner = self._expression()
            self._expect_close()
            self.depth -= 1
            return inner
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] != ")":
            self.pos += 2 if self.text[self.pos] == "\\" else 1
        if self.pos >= len(self.text):
            raise CriteriaError("unbalanced parentheses", position=start)
        predicate = self._condition(self.text[start : self.pos])
        self.pos += 1
        return predicate

    def _expect_close(self) -> None:
        self._skip()
        if self.pos >= len(self.text) or self.text[self.pos] != ")":
            raise CriteriaError("expected ')'", position=self.pos)
        self.pos += 1

    def _condition(self, text: str) -> Predicate:
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise CriteriaError(f"at most {MAX_CONDITIONS} conditions are allowed", limit=MAX_CONDITIONS)
        parts = _split_unescaped(text, ":", limit=2)
        if len(parts) != 3:
            raise CriteriaError("a condition is field:operator:value", condition=text)
        field, operator, raw_value = parts[0].strip(), parts[1].strip(), parts[2]
        if not _FIELD.match(field) or (self.known is not None and not self.known(field.partition(".")[0])):
            raise CriteriaError("invalid field name", api_name=field)
        if operator not in OPERATORS:
            raise CriteriaError("unsupported operator", operator=operator)
        if operator in ("in", "between"):
            values = [_unescape(v) for v in _split_unescaped(raw_value, ",")]
        else:
            values = [_unescape(raw_value)]
        if any(not value.strip() for value in values):  # Zoho has no empty value: "equals" would match all
            raise CriteriaError("a condition needs a value", condition=text)
        if operator == "between" and len(values) != 2:
            raise CriteriaError("between takes two values", operator=operator)
        if operator == "in" and len(values) > MAX_IN_VALUES:
            raise CriteriaError(f"in takes at most {MAX_IN_VALUES} values", operator=operator, limit=MAX_IN_VALUES)
        return _compile(_Condition(field, operator, values))


def parse_criteria(text: str, known: Callable[[str], bool] | None = None) -> Predicate:
    """Compile ``criteria`` into a predicate over a record's fields; :class:`CriteriaError` if malformed.

    ``known`` says whether a module has a field: a condition on any other is malformed too.
    """
    if not text.strip():
        raise CriteriaError("empty criteria")
    return _Parser(text, known).parse()


def _field_values(record: dict[str, Any], field: str) -> list[Any]:
    """The values a condition on ``field`` compares: list items one by one, lookups by name and id."""
    name, _, sub = field.partition(".")
    value = record.get(name)
    items = value if isinstance(value, list) else [value]
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            if sub:
                out.append(item.get(sub))
            else:
                out.extend([item.get("name"), item.get("id")])
        elif not sub:
            out.append(item)
    return [item for item in out if item is not None]


def number(text: str) -> int | float | None:
    """A query's number: an integer exactly (a 19-digit id is no float), a decimal as a float; else ``None``."""
    text = text.strip()
    if _INTEGER.fullmatch(text):
        return int(text)
    return float(text) if _DECIMAL.fullmatch(text) else None


def _sign(left: Any, right: Any) -> int:
    return int(left > right) - int(left < right)


def compare(actual: Any, wanted: str) -> int | None:
    """-1/0/1 comparing a stored scalar with a query's text (search criteria, COQL); ``None`` if not comparable.

    Numbers (and numeric strings: ids) compare as numbers, date-times as instants, other text case-insensitively.
    """
    if isinstance(actual, bool):
        return 0 if wanted.strip().lower() == str(actual).lower() else None
    if isinstance(actual, int | float):
        wanted_number = number(wanted)
        return None if wanted_number is None else _sign(actual, wanted_number)
    if not isinstance(actual, str):
        return None
    left, right = number(actual), number(wanted)
    if left is not None and right is not None:
        return _sign(left, right)
    moment, other = parse_time(actual), parse_time(wanted)
    if moment is not None and other is not None:
        return _sign(moment, other)
    return _sign(actual.casefold(), wanted.casefold())


def _contains(actual: Any, wanted: str) -> bool:
    """Whether text (not a number or a date-time, which compare exactly) holds ``wanted``, ignoring case."""
    if not isinstance(actual, str) or number(actual) is not None or parse_time(actual) is not None:
        return False
    return wanted.casefold() in actual.casefold()


def _compile(condition: _Condition) -> Predicate:
    field, operator, values = condition.field, condition.operator, condition.values

    def test(actual: Any) -> bool:
        if operator == "equals":  # Zoho: on text, equals acts like contains
            return any(compare(actual, value) == 0 or _contains(actual, value) for value in values)
        if operator in ("not_equal", "in"):
            return any(compare(actual, value) == 0 for value in values)
        if operator == "starts_with":
            return isinstance(actual, str) and actual.casefold().startswith(values[0].casefold())
        if operator == "between":
            low, high = compare(actual, values[0]), compare(actual, values[1])
            return low is not None and high is not None and low >= 0 and high <= 0
        order = compare(actual, values[0])
        if order is None:
            return False
        return {
            "greater_than": order > 0,
            "greater_equal": order >= 0,
            "less_than": order < 0,
            "less_equal": order <= 0,
        }[operator]

    if operator == "not_equal":
        return lambda record: not any(test(v) for v in _field_values(record, field))
    return lambda record: any(test(v) for v in _field_values(record, field))
