"""Client-side checks: bad input is refused before any request is sent."""

from __future__ import annotations

import datetime as dt
import math
import re
import reprlib
from collections.abc import Collection, Iterable, Mapping
from itertools import repeat
from typing import TypeGuard
from urllib.parse import urlsplit

import httpx

from ._json import zoho_datetime
from .errors import InsecureTransportError, ZohoValidationError

_API_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,99}")
_RECORD_ID = re.compile(r"[0-9]{1,19}")
_EXTERNAL = re.compile(
    r"[A-Za-z][A-Za-z0-9_]*((\.|->)[A-Za-z][A-Za-z0-9_]*)+(, ?[A-Za-z][A-Za-z0-9_]*((\.|->)[A-Za-z][A-Za-z0-9_]*)+)*"
)
_HEADER_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")  # and lone surrogates, which UTF-8 cannot write
_LOOPBACK = ("localhost", "127.0.0.1", "::1")
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 3, 80, 80


def shown(value: object) -> str:
    """A caller's value as an error message shows it: shortened, and never raising (deep nesting, a bad repr)."""
    try:
        return _SHORT.repr(value)
    except Exception:  # the message must not fail in its place
        return f"<{type(value).__name__}>"


def described(exc: BaseException) -> str:
    """``Type: message`` of an exception, even one whose ``str()`` raises (a caller's or a transport's)."""
    try:
        return f"{type(exc).__name__}: {exc}"
    except Exception:
        return type(exc).__name__


def utf8(where: str, value: str) -> str:
    """A string that can be sent (a lone surrogate cannot be written as UTF-8)."""
    try:
        value.encode()
    except UnicodeEncodeError:
        raise ZohoValidationError(f"{where} holds a lone surrogate, which UTF-8 cannot write") from None
    return value


def api_name(value: object, what: str = "module") -> str:
    """A module or related-list API name (``Leads``, ``Custom_Module1``)."""
    if not isinstance(value, str) or not _API_NAME.fullmatch(value):
        raise ZohoValidationError(
            f"invalid {what} API name {shown(value)}: letters, digits and underscores, starting with a letter"
        )
    return value


def record_id(value: object, *, external: bool = False, what: str = "record id") -> str:
    """A record id (numeric string), or an external value when an external field is named."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ZohoValidationError(f"{what} must be a string, got {type(value).__name__}")
    if external:
        if not value or len(value) > 255 or _CONTROL.search(value) or value in (".", ".."):
            raise ZohoValidationError(
                f"invalid external {what} {shown(value)}: 1-255 characters, no control characters"
            )
        return value
    if not _RECORD_ID.fullmatch(value):
        raise ZohoValidationError(
            f"invalid {what} {shown(value)}: Zoho ids are numeric strings (pass external=... to use an external id)"
        )
    return value


def record_ids(values: object, *, external: bool = False) -> list[str]:
    """Several record ids (or external values)."""
    if isinstance(values, (str, bytes)):
        raise ZohoValidationError("ids must be a list of ids, not a single string")
    if values is None or not isinstance(values, Iterable):
        raise ZohoValidationError(f"ids must be a list of ids, got {type(values).__name__}")
    ids = [record_id(v, external=external) for v in values]
    for v in ids:
        if "," in v:
            raise ZohoValidationError(f"id {v!r} contains a comma, which Zoho uses to separate ids")
    return ids


def external(value: str | None) -> str | None:
    """An ``X-EXTERNAL`` header value: ``Module.Field`` paths, comma-separated; no header injection."""
    if value is None:
        return None
    if not isinstance(value, str) or _CONTROL.search(value) or not _EXTERNAL.fullmatch(value):
        raise ZohoValidationError(
            f"invalid external field path {shown(value)}: expected Module.Field (or Module.Lookup.Field, "
            "Module.Field->Module.Field), several separated by commas"
        )
    return value


def header_datetime(value: dt.datetime | str | None, name: str) -> str | None:
    """An ``If-Modified-Since``/``If-Unmodified-Since`` value: an aware datetime or ISO-8601 with offset."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ZohoValidationError(f"{name} needs a timezone-aware datetime")
        return zoho_datetime(value)
    if not isinstance(value, str) or not _HEADER_DATETIME.fullmatch(value):
        raise ZohoValidationError(f"{name} must be an aware datetime or ISO-8601 with an offset, got {shown(value)}")
    return value


def iso_date(where: str, value: object, fmt: str) -> dt.date:
    """A ``format: date`` (``date-time``) parameter as the generated builder takes it: a date (an aware datetime).

    Given as one or as ISO 8601 text; a datetime loses its microseconds, which Zoho does not take.
    """
    kind = dt.datetime if fmt == "date-time" else dt.date
    if isinstance(value, str):
        text = value[:-1] + "+00:00" if kind is dt.datetime and value.endswith("Z") else value
        try:
            value = kind.fromisoformat(text)
        except ValueError:
            raise ZohoValidationError(f"{where}: {shown(value)} is not an ISO 8601 {fmt}") from None
    if not isinstance(value, kind) or (kind is dt.date and isinstance(value, dt.datetime)):
        wanted = "an aware datetime" if kind is dt.datetime else "a date"
        raise ZohoValidationError(f"{where} must be {wanted} or ISO 8601 text, got {shown(value)}")
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            raise ZohoValidationError(f"{where} needs a timezone-aware datetime, got {shown(value)}")
        return value.replace(microsecond=0)
    return value


def records(values: object, *, what: str = "records") -> list[dict[str, object]]:
    """A list of record dicts."""
    if isinstance(values, dict) or not isinstance(values, Iterable) or isinstance(values, (str, bytes)):
        raise ZohoValidationError(f"{what} must be a list of dicts")
    items = list(values)
    if not all(map(isinstance, items, repeat(dict))):  # a loop in C: about 3 ms for 100,000 records
        i, item = next((i, item) for i, item in enumerate(items) if not isinstance(item, dict))
        raise ZohoValidationError(f"{what}[{i}] must be a dict, got {type(item).__name__}")
    return items


def timeout(value: object) -> None:
    """A timeout: positive seconds (to ``MAX_SECONDS``), or an ``httpx.Timeout`` whose phases are each that or None."""
    if isinstance(value, httpx.Timeout):
        phases = (value.connect, value.read, value.write, value.pool)
        if all(phase is None or seconds(phase) for phase in phases):
            return
    elif seconds(value):
        return
    raise ZohoValidationError(
        f"timeout must be positive seconds (at most {MAX_SECONDS:,}) or an httpx.Timeout of them, got {shown(value)}"
    )


def finite_number(value: object) -> TypeGuard[float]:
    """Whether ``value`` is an int or float (not a bool) with a finite float value."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        return False


MAX_SECONDS = 10_000_000
"""The longest timeout, wait or retry budget taken (about 115 days): a longer one overflows the platform's timers."""


def seconds(value: object, *, zero: bool = False) -> bool:
    """Whether ``value`` is a number of seconds, more than 0 (or 0 too: ``zero``), at most :data:`MAX_SECONDS`."""
    return finite_number(value) and (value >= 0 if zero else value > 0) and value <= MAX_SECONDS


def call_timeout(value: object) -> None:
    """A call's ``timeout=``: unset, or as :func:`timeout`."""
    if value is not None:
        timeout(value)


def secure_url(url: str, what: str) -> str:
    """An https URL, or plain http to a loopback host only (the sandbox)."""
    if not isinstance(url, str):
        raise ZohoValidationError(f"{what} must be a URL string, got {type(url).__name__}")
    parts = urlsplit(url)
    if (parts.scheme == "https" and parts.hostname) or (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        return url.rstrip("/")
    raise InsecureTransportError(f"{what} {url!r} must use https (plain http is allowed only to loopback)")


def base_url(url: object, what: str) -> str:
    """A base URL (``api_domain``, ``accounts_url``): :func:`secure_url`, and nothing a path is not appended to.

    No spaces or control characters, no user name or password (never shown: they would be in every
    error's URL), no query or fragment (the path would be appended after them), a port in range.
    """
    if not isinstance(url, str):
        raise ZohoValidationError(f"{what} must be a URL string, got {type(url).__name__}")
    if any(char.isspace() for char in url) or has_control(url):  # the URL not shown: it may hold a password
        raise ZohoValidationError(f"{what} must be a URL without spaces or control characters")
    try:
        parts = urlsplit(url)
        if parts.port == 0:  # raises ValueError when out of range
            raise ValueError("port 0 is not one a server listens on")
    except ValueError as exc:
        raise ZohoValidationError(f"{what} is not a URL: {exc}") from None
    if parts.username is not None or parts.password is not None:
        raise ZohoValidationError(f"{what} must not hold a user name or password")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise ZohoValidationError(f"{what} must be a base URL without a query or fragment, got {url!r}")
    return secure_url(url, what)


def no_unknown(call: str, unknown: Collection[str]) -> None:
    """Refuse options a call does not take (a misspelling), naming them and the call."""
    if unknown:
        raise ZohoValidationError(f"{call} does not take: {', '.join(sorted(unknown))}")


def has_control(value: str) -> bool:
    """Whether ``value`` holds a control character (CR, LF, NUL, ...) or a lone surrogate."""
    return bool(_CONTROL.search(value))


JSON_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,), "boolean": (bool,), "number": (int, float), "string": (str,),
    "array": (list, tuple), "object": (Mapping,),
}  # fmt: skip
"""The Python types a value of each JSON Schema ``type`` may have (a bool is only a ``boolean``)."""


def is_json(value: object, kind: str) -> bool:
    """Whether ``value`` has the JSON Schema ``type`` ``kind`` (any value for an unknown or empty one)."""
    types = JSON_TYPES.get(kind, (object,))
    return isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
