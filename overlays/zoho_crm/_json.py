"""JSON in and out: request bodies encoded once, before anything is sent, with typed errors; answers parsed.

Dates, aware datetimes, enums and UUIDs are written as Zoho expects them; anything else JSON has no form
for (NaN, infinities, objects, naive datetimes, lone surrogates) is refused, naming where it is. orjson
writes NaN as ``null``, so its body is used only when it holds no ``null`` or a walk finds no NaN or
infinity; otherwise the standard library's strict encoder writes it (docs/design.md, "JSON encoding").
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from typing import Any

import orjson

from .errors import ZohoValidationError

__all__ = ["EncodedJSON", "UnencodableItem", "encode", "encode_items", "loads"]

loads = orjson.loads
"""Parse JSON bytes (orjson: about 1.5x faster than ``json.loads``); ``ValueError`` when they are not JSON.

Integers are exact within 64 bits (Zoho's widest, a Long Integer field, has 18 digits); a wider
one would come back as a float.
"""


class EncodedJSON:
    """A request body already encoded (``content``): the engine sends it as is."""

    __slots__ = ("content",)

    def __init__(self, content: bytes) -> None:
        self.content = content

    def __repr__(self) -> str:
        return f"EncodedJSON(<{len(self.content)} bytes>)"


class UnencodableItem(ValueError):
    """Item ``position`` of a batch chunk cannot be written as JSON (``where``: the key path in it)."""

    def __init__(self, position: int, where: str, reason: str) -> None:
        super().__init__(f"[{position}]{where}: {reason}")
        self.position = position
        self.where = where
        self.reason = reason


MAX_DEPTH = 254
"""How deeply a request body may nest: orjson's own limit (Zoho's deepest, a subform's lookup, is a few levels)."""


def zoho_datetime(value: dt.datetime) -> str:
    """An aware datetime as Zoho reads it: ``2024-03-04T09:30:00+05:30``.

    An offset with seconds (``+05:30:15``, which Zoho cannot read) is written as the same instant in UTC.
    """
    offset = value.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        value = value.astimezone(dt.timezone.utc)
    return value.isoformat(timespec="seconds")


def _default(value: object) -> object:
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            raise TypeError("a naive datetime (give it a time zone)")
        return zoho_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(f"a value of type {type(value).__name__} has no JSON form")


_ENCODER = json.JSONEncoder(allow_nan=False, ensure_ascii=False, separators=(",", ":"), default=_default)


def _strict(value: Any) -> bytes:
    """``value`` by the standard library's strict encoder, as UTF-8 (a lone surrogate: ``UnicodeEncodeError``).

    It writes keys that are not strings as JSON would (``1`` as ``"1"``); two keys of one object written
    alike (``1`` and ``"1"``) are a ``ValueError``: which one Zoho keeps is anybody's guess.
    """
    written = _ENCODER.encode(value).encode()
    stack = [value]  # no cycle here: the encoder refuses one
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(type(key) is str for key in item):
                names = [
                    key if isinstance(key, str) else json.loads(_ENCODER.encode({key: 0})).popitem()[0] for key in item
                ]
                if len(set(names)) < len(names):
                    clash = next(name for name in names if names.count(name) > 1)
                    raise ValueError(f"two keys are both written as {clash!r}")
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return written


_FAILURES = (TypeError, ValueError, RecursionError)
_ORJSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS  # both go to _default


def _non_finite(value: Any) -> bool:
    """Whether ``value`` (which orjson encoded) may hold a NaN or an infinity: one found, or a type it cannot tell."""
    stack = [value]
    pop, push = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is float:
            if item - item != 0.0:  # nan - nan and inf - inf are NaN
                return True
        elif kind is dict:
            push(item.values())
        elif kind is list or kind is tuple:
            push(item)
        elif kind is str or kind is int or kind is bool or item is None:
            continue
        elif isinstance(item, enum.Enum):  # orjson writes an enum as its value
            push((item.value,))
        elif isinstance(item, dict):
            push(item.values())
        elif isinstance(item, (list, tuple)):
            push(item)
        elif not isinstance(item, (str, int, dt.date, dt.time, uuid.UUID)):
            return True  # not a type this walk knows: the strict encoder decides
    return False


def _too_deep(value: Any, depth: int = 0) -> str | None:
    """Where ``value``, ``depth`` levels down, nests past :data:`MAX_DEPTH` (``None``: it does not, or cycles)."""
    stack: list[tuple[Any, int, str, frozenset[int]]] = [(value, depth, "", frozenset())]
    while stack:
        item, depth, where, ancestors = stack.pop()
        if depth > MAX_DEPTH:
            return where if len(where) <= 60 else f"{where[:60]}..."
        if isinstance(item, (dict, list, tuple)):
            if id(item) in ancestors:
                return None  # a circular reference: _locate names it
            inner = ancestors | {id(item)}
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((child, depth + 1, f"{where}[{key!r}]", inner) for key, child in pairs)
    return None


_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


def _dumps(value: Any) -> EncodedJSON:
    try:
        fast = orjson.dumps(value, default=_default, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError as exc:
        if "ecursion" in str(exc):  # orjson stops at 255 levels: refuse, do not let json.dumps recurse
            raise RecursionError(_TOO_DEEP) from None
        # otherwise the strict encoder below writes it (non-string keys, big integers) or says what is wrong
    else:
        if b"null" not in fast or not _non_finite(value):  # every null is a None, not a NaN or infinity
            return EncodedJSON(fast)
    return EncodedJSON(_strict(value))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, UnicodeEncodeError):
        return "a lone surrogate, which UTF-8 cannot write"
    if isinstance(exc, ValueError) and "Out of range float" in str(exc):
        return "NaN or infinity is not JSON"
    return str(exc)


def _locate(value: Any, ancestors: frozenset[int] = frozenset()) -> tuple[str, str]:
    """``(key path, reason)`` of the first part of ``value`` that cannot be encoded."""
    children: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        children = [(f"[{key!r}]", item) for key, item in value.items()]
    elif isinstance(value, (list, tuple)):
        children = [(f"[{index}]", item) for index, item in enumerate(value)]
    ancestors |= {id(value)}
    for where, child in children:
        if id(child) in ancestors:
            return where, "a circular reference"
        try:
            _strict(child)
        except _FAILURES:
            inner, reason = _locate(child, ancestors)
            return where + inner, reason
    try:
        _strict(value)
    except _FAILURES as exc:
        return "", _reason(exc)
    return "", "cannot be written as JSON"


def encode(value: Any, what: str = "request body") -> EncodedJSON:
    """``value`` as compact JSON bytes; :class:`ZohoValidationError` naming the bad part otherwise."""
    try:
        return _dumps(value)
    except _FAILURES:
        deep = _too_deep(value)
        where, reason = (deep, _TOO_DEEP) if deep is not None else _locate(value)
        raise ZohoValidationError(f"{what}{where}: {reason}") from None


def encode_items(body: dict[str, Any], key: str = "data") -> EncodedJSON:
    """A batch chunk's body; :class:`UnencodableItem` names the first item of ``body[key]`` that cannot be sent."""
    try:
        return _dumps(body)
    except _FAILURES:
        for position, item in enumerate(body.get(key) or ()):
            deep = _too_deep(item, 2)  # the body, its list, the item
            if deep is not None:
                raise UnencodableItem(position, deep, _TOO_DEEP) from None
            try:
                _strict(item)
            except _FAILURES:
                where, reason = _locate(item)
                raise UnencodableItem(position, where, reason) from None
        where, reason = _locate({k: v for k, v in body.items() if k != key})
        raise ZohoValidationError(f"request body{where}: {reason}") from None
