"""Page selection over sorted keys, and server-side page tokens bound to their query."""

from __future__ import annotations

import bisect
import dataclasses
import secrets
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ._clock import format_time
from ._errors import ZohoError

__all__ = ["PageTokens", "select_page"]

R = TypeVar("R")


def select_page(
    keys: Sequence[Any],
    fetch: Callable[[Any], R | None],
    *,
    descending: bool,
    after: Any,
    skip: int,
    limit: int,
) -> tuple[list[tuple[Any, R]], bool]:
    """Walk ``keys`` (sorted ascending) in the requested direction, starting after ``after``.

    ``fetch`` returns the row of a key or ``None`` to leave it out. Skips ``skip`` rows, returns at
    most ``limit`` and whether another row follows.
    """
    if descending:
        start = (bisect.bisect_left(keys, after) if after is not None else len(keys)) - 1
        positions = range(start, -1, -1)
    else:
        start = bisect.bisect_right(keys, after) if after is not None else 0
        positions = range(start, len(keys))
    rows: list[tuple[Any, R]] = []
    for position in positions:
        key = keys[position]
        row = fetch(key)
        if row is None:
            continue
        if skip:
            skip -= 1
            continue
        if len(rows) == limit:
            return rows, True
        rows.append((key, row))
    return rows, False


@dataclasses.dataclass
class _Token:
    fingerprint: tuple[Any, ...]
    after: Any
    served: int
    expires_at: float
    previous: str | None


class PageTokens:
    """Issued page tokens. Callers hold the sandbox lock."""

    def __init__(self) -> None:
        self._tokens: dict[str, _Token] = {}

    def issue(
        self, fingerprint: tuple[Any, ...], after: Any, served: int, now: float, ttl: float, previous: str | None
    ) -> tuple[str, str]:
        """A new token continuing after ``after``; returns it and its expiry text."""
        if len(self._tokens) > 50_000:
            self._tokens = {t: v for t, v in self._tokens.items() if v.expires_at > now}
        token = secrets.token_hex(16)
        self._tokens[token] = _Token(fingerprint, after, served, now + ttl, previous)
        return token, format_time(now + ttl)

    def redeem(self, token: str, fingerprint: tuple[Any, ...], now: float, record_limit: int) -> _Token:
        """The token's position; :class:`ZohoError` if unknown, expired, rebound or past the limit."""
        entry = self._tokens.get(token)
        if entry is None:
            raise ZohoError(400, "INVALID_DATA", {"param_name": "page_token"}, "invalid page_token")
        if entry.expires_at <= now:
            raise ZohoError(400, "EXPIRED_VALUE", {"param_name": "page_token"})
        if entry.fingerprint != fingerprint:
            raise ZohoError(400, "TOKEN_BOUND_DATA_MISMATCH", {"param_name": "page_token"})
        if entry.served >= record_limit:
            raise ZohoError(400, "PAGINATION_LIMIT_EXCEEDED", {"param_name": "page_token", "limit": record_limit})
        return entry
