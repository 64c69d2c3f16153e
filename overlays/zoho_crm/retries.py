"""Retry policy: what is retried, how often and how long to wait (docs/errors.md, "Retries").

An insert is retried only when Zoho provably did not act on it (never connected, or a 429): a blind
retry could create the record twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
import re
import time
from email.utils import parsedate_to_datetime

import httpx

from ._validation import MAX_SECONDS, shown
from ._validation import seconds as check_seconds
from .errors import ZohoValidationError

__all__ = ["RetryPolicy", "retry_after_seconds"]

_DELTA_SECONDS = re.compile(r"[0-9]{1,10}(\.[0-9]{1,6})?")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP-date), ``None`` when unusable.

    ``now`` is the epoch time an HTTP-date is measured from (``time.time()`` by default); a date in
    the past means no wait.
    """
    if value is None:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    seconds = when.timestamp() - (time.time() if now is None else now)
    return max(seconds, 0.0) if math.isfinite(seconds) else None


_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


@dataclasses.dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the client retries. ``RetryPolicy(max_attempts=1)`` disables retries.

    A call is retried only when it is safe: 429 always (Zoho did not act), 5xx and transport failures
    when the operation is idempotent or the request provably never reached Zoho.

    Attributes:
        max_attempts: Attempts per call, the first included.
        max_elapsed: The retry budget in seconds: no retry starts, and no wait reaches, past it (a call's
            whole budget is the larger of this and its ``timeout``).
        initial_backoff: The first backoff's cap in seconds; it doubles with each attempt (full jitter).
        max_backoff: The largest backoff in seconds (a ``Retry-After`` from Zoho is followed as given).
        retry_statuses: The HTTP statuses that may be retried.
    """

    max_attempts: int = 5
    max_elapsed: float = 60.0
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    retry_statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})

    def __post_init__(self) -> None:
        attempts, statuses = self.max_attempts, self.retry_statuses
        seconds = (self.max_elapsed, self.initial_backoff, self.max_backoff)
        if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
            raise ZohoValidationError(f"RetryPolicy.max_attempts must be an int of 1 or more, got {shown(attempts)}")
        if not all(check_seconds(s, zero=True) for s in seconds):
            raise ZohoValidationError(f"RetryPolicy's seconds must be from 0 to {MAX_SECONDS:,}, got {shown(seconds)}")
        if not isinstance(statuses, (set, frozenset, tuple, list)) or not all(type(s) is int for s in statuses):
            raise ZohoValidationError(f"RetryPolicy.retry_statuses must be a set of ints, got {shown(statuses)}")

    def backoff(self, attempt: int, retry_after: str | None = None, rng: random.Random | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1).

        A usable ``Retry-After`` is followed as given (the engine gives up when it reaches past the
        budget); otherwise exponential backoff with full jitter, capped at ``max_backoff``.

        Args:
            attempt: The attempt that just failed, counting from 1.
            retry_after: Zoho's ``Retry-After`` header (seconds or an HTTP-date), if any.
            rng: The random source of the jitter (default: the ``random`` module).
        """
        asked = retry_after_seconds(retry_after)
        if asked is not None:
            return asked
        cap = min(self.max_backoff, self.initial_backoff * 2 ** (attempt - 1))
        return (rng or random).uniform(0, cap)

    def retry_status(self, status: int, *, idempotent: bool) -> bool:
        """Whether an answer with ``status`` may be retried.

        Args:
            status: The answer's HTTP status.
            idempotent: Whether the call is safe to repeat (then 5xx may be retried too, not only 429).
        """
        return status in self.retry_statuses and (idempotent or status == 429)

    @staticmethod
    def retry_exception(exc: BaseException, *, idempotent: bool) -> bool:
        """Whether a transport failure may be retried."""
        return isinstance(exc, _NEVER_SENT) or (idempotent and isinstance(exc, httpx.TransportError))

    @staticmethod
    def never_sent(exc: BaseException) -> bool:
        """Whether the failure proves the request never reached Zoho."""
        return isinstance(exc, _NEVER_SENT)
