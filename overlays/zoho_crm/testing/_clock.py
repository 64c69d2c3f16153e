"""Clocks (the real one and a manual one for tests) and Zoho's date-time text format."""

from __future__ import annotations

import functools
import math
import re
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

__all__ = ["Clock", "ManualClock", "format_time", "parse_time"]

Clock = Callable[[], float]
"""Seconds since the epoch, like :func:`time.time`."""

_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$",
)


class ManualClock:
    """A clock that moves only when told to, so tests never sleep."""

    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self._now = float(start)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds``; return the new time."""
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, now: float) -> None:
        """Jump to ``now``."""
        with self._lock:
            self._now = float(now)


@functools.lru_cache(maxsize=4096)
def format_time(now: float, offset_minutes: int = 0) -> str:
    """ISO-8601 with seconds and an explicit offset, as Zoho writes it: ``2024-01-15T15:26:49+00:00``.

    Cached: a batch stamps many records within the same second.
    """
    return _format_second(math.floor(now), offset_minutes)


@functools.lru_cache(maxsize=256)
def _format_second(second: int, offset_minutes: int) -> str:
    return datetime.fromtimestamp(second, tz=_zone(offset_minutes)).isoformat()


@functools.lru_cache(maxsize=64)
def _zone(offset_minutes: int) -> timezone:
    return timezone(timedelta(minutes=offset_minutes))


def parse_time(text: str) -> float | None:
    """Seconds since the epoch of an ISO-8601 date-time with an offset or ``Z``; ``None`` if malformed."""
    match = _DATETIME.match(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        offset = timedelta(0)
        if zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=timezone(offset))
    except ValueError:
        return None
    return moment.timestamp() + (float(f"0.{fraction}") if fraction else 0.0)
