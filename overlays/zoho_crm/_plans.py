"""Shared by the runtimes: bulk-write paths and bodies, and the shapes of page, count and outcome answers."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from zoho_crm_api import models  # each model is imported on first use, not with zoho_crm
from zoho_crm_api._runtime import LITERAL_SEGMENTS

from . import _validation as check
from ._batch import echoed, item_outcome
from ._engine import api_error, read_json
from ._json import encode, encode_items
from .errors import InvalidResponseError, ZohoError, ZohoValidationError, error_class
from .results import Page, Success, details_of

DISCRETE_LIMIT = 2000
"""Records reachable with ``page`` alone; past it Zoho requires ``page_token``."""

DateTime = dt.datetime | str | None


_DIGITS = re.compile(r"[0-9]{1,19}")  # a count within 64 bits (int() refuses 4,300 digits)


def record_path(module: str, record_id: object, external: str | None) -> dict[str, Any]:
    """Module and record id (or external value) path arguments."""
    value = check.record_id(record_id, external=external is not None)
    if value in LITERAL_SEGMENTS:
        raise ZohoValidationError(
            f"external value {value!r} spells an API path segment and would reach another operation; "
            "read it with records.list(ids=[...], external=...) instead"
        )
    return {"module": path_name(module), "record_id": value}


def path_name(value: object, what: str = "module") -> str:
    """A module's or related list's API name in a path: never one spelt like a segment of another operation's."""
    name = check.api_name(value, what)
    if name in LITERAL_SEGMENTS:
        raise ZohoValidationError(f"{name!r} is an API path segment, not a {what}")
    return name


def require_ids(items: Sequence[Any], what: str, start: int = 0, ids: bool = True) -> None:
    """Each item (``what[start]`` on) is a dict that, with ``ids``, names its record by ``id``."""
    for i, item in enumerate(items, start):
        if not isinstance(item, dict):
            raise ZohoValidationError(f"{what}[{i}] must be a dict, got {type(item).__name__}")
        if ids and "id" not in item:
            raise ZohoValidationError(f"{what}[{i}] has no 'id' (pass external=... to use an external field)")
        if ids:
            check.record_id(item["id"], what=f"{what}[{i}].id")


def page_from(response: httpx.Response) -> Page:
    """A page from a read's answer: empty on 204 (nothing matched) and 304 (not modified)."""
    status = response.status_code
    if status in (204, 304):
        return Page([], None)
    if status != 200:
        raise api_error(response)
    payload = read_json(response)
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, list) or not all(type(record) is dict for record in data):
        raise InvalidResponseError(
            "answer has no data[] list of records", status_code=status, url=str(response.request.url)
        )
    info = payload.get("info")
    return Page(data, models.PageInfo.from_dict(info) if isinstance(info, dict) else None)


def single_outcome(response: httpx.Response, given: Any, expected: str | None = None) -> Success:
    """The one result of a single-record write (for record ``expected`` if named); a typed error when it failed."""
    status = response.status_code
    if status in (200, 201, 202, 207, 400):
        payload = read_json(response)
        data = payload.get("data") if isinstance(payload, dict) else None
        if isinstance(data, list) and len(data) == 1:
            outcome = item_outcome(0, given, data[0], status, expected=expected, secrets=echoed(response))
            if isinstance(outcome, Success):
                return outcome
            raise _item_error(response, status, outcome.code, outcome.message, outcome.details)
        if status != 400 and isinstance(data, list):  # accepted, but not as one record: it may have been written
            what = f"answered {len(data)} results for one record: it may have been written"
            raise _item_error(response, status, "INVALID_RESPONSE", what, {})
    raise api_error(response)


def _item_error(response: httpx.Response, status: int, code: str, message: str, details: dict[str, Any]) -> ZohoError:
    """The typed error of one failed item of an answer (a 400's family: the item's own failure; a lying answer's)."""
    cls = InvalidResponseError if code == "INVALID_RESPONSE" else error_class(400, code)
    return cls(
        message, status_code=status, code=code, details=details,
        method=response.request.method, url=str(response.request.url),
    )  # fmt: skip


def conditional(external: str | None, if_unmodified_since: DateTime = None, **extra: Any) -> dict[str, Any]:
    """The ``X-EXTERNAL`` and ``If-Unmodified-Since`` headers (and any extra arguments), checked."""
    given = {
        "x_external": check.external(external),
        "if_unmodified_since": check.header_datetime(if_unmodified_since, "if_unmodified_since"),
        **extra,
    }
    return {key: value for key, value in given.items() if value is not None}


class Body:
    """A request body for the generated request builder (it calls ``to_dict``): a dict, or :class:`EncodedJSON`.

    Bulk writes encode each chunk when planned (a value JSON cannot hold is refused before the first request),
    skipping the generated ``Record`` model, which would only copy the open records (see ``zoho_crm._writes``).
    """

    __slots__ = ("payload",)

    def __init__(self, payload: Any) -> None:
        self.payload = payload

    def to_dict(self) -> Any:
        return self.payload

    def to_multipart(self) -> list[tuple[str, Any]]:
        """The body as httpx ``files``, for an operation that takes ``multipart/form-data``.

        A file is ``bytes``, an open binary file or httpx's ``(filename, content[, content_type])``; text,
        numbers and bools are plain fields, a dict or list a JSON field, ``None`` is left out.
        """
        return [(str(key), _part(key, value)) for key, value in self.payload.items() if value is not None]


def _file(value: object) -> Any:
    """A file's content as httpx reads it: bytes, or an open binary file (``None`` for anything else)."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    readable = callable(getattr(value, "read", None)) and not isinstance(value, io.TextIOBase)
    return value if readable and not getattr(value, "closed", False) else None


def _part(key: object, value: Any) -> Any:
    """One field of a multipart body, as httpx takes it, or a ``ZohoValidationError`` naming it."""
    where = f"body[{check.shown(key)}]"
    if not isinstance(key, str):
        raise ZohoValidationError(f"{where}: a multipart field's name is a string")
    if _file(value) is not None:
        return _file(value)
    if isinstance(value, tuple) and 2 <= len(value) <= 3:  # (filename, content[, content_type])
        labels = [text for text in (value[0], *value[2:]) if text is not None]
        content = check.utf8(where, value[1]) if isinstance(value[1], str) else _file(value[1])
        if content is not None and all(isinstance(t, str) and not check.has_control(t) for t in labels):
            return (value[0], content, *value[2:])
    if isinstance(value, bool):
        return (None, str(value).lower().encode(), "text/plain")
    if isinstance(value, str) or (isinstance(value, (int, float)) and check.finite_number(value)):
        return (None, check.utf8(where, str(value)).encode(), "text/plain")
    if isinstance(value, (dict, list)):
        return (None, encode(value, where).content, "application/json")
    raise ZohoValidationError(
        f"{where}: {check.shown(value)} is not a file (bytes, a binary file, (filename, content[, type])), "
        "text, a number, a bool or JSON"
    )


def chunk_arguments(
    path: dict[str, Any], extra: dict[str, Any], headers: dict[str, Any]
) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """Builds a bulk write's generated-call arguments for one chunk of records (already checked to be dicts)."""
    return lambda part: {**path, "body": Body(encode_items({"data": list(part), **extra})), **headers}


def related_counts(response: httpx.Response, asked: Sequence[str] | None = None) -> dict[str, int]:
    """``{related list: count}`` from ``get_related_records_count``'s answer: a count for each list ``asked``."""
    if response.status_code not in (200, 207):
        raise api_error(response)
    payload = read_json(response)
    items = payload.get("get_related_records_count") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise InvalidResponseError("answer has no get_related_records_count list", status_code=response.status_code)
    counts: dict[str, int] = {}
    for item in items:
        if isinstance(item, dict) and item.get("status") == "error":  # the answer as a whole was a 200 or 207
            code, message = str(item.get("code") or "UNKNOWN"), str(item.get("message", ""))
            raise _item_error(response, 400, code, message, details_of(item))
        count = item.get("count") if isinstance(item, dict) else None
        related = item.get("related_list") if isinstance(item, dict) else None
        name = related.get("api_name") if isinstance(related, dict) else related
        if type(count) is not int or count < 0 or not isinstance(name, str) or "code" in item:
            raise InvalidResponseError(f"related list could not be counted: {item!r}", status_code=response.status_code)
        counts[name] = count
    if asked is not None and set(counts) != set(asked):
        raise InvalidResponseError(
            f"asked to count {sorted(asked)}, answered {sorted(counts)}", status_code=response.status_code
        )
    return counts


def record_count(response: httpx.Response) -> int:
    """The number in ``get_record_count``'s answer (0 on 204)."""
    if response.status_code == 204:
        return 0
    if response.status_code != 200:
        raise api_error(response)
    payload = read_json(response)
    count = payload.get("count") if isinstance(payload, dict) else None
    if isinstance(count, bool) or not isinstance(count, (int, str)) or not _DIGITS.fullmatch(str(count)):
        raise InvalidResponseError(f"count is not a number: {count!r}", status_code=200)
    return int(count)
