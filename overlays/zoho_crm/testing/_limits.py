"""Counters, the concurrency and credit limits, and the seeded fault generator."""

from __future__ import annotations

import collections
import dataclasses
import random
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["CounterBook", "Counters", "CreditMeter", "FaultPlan"]

CREDIT_WINDOW = 86400.0


@dataclasses.dataclass(frozen=True, eq=False)
class Counters(Mapping[str, Any]):
    """A snapshot of what a sandbox has seen; read as attributes or as a mapping (``c["requests"]``)."""

    requests: dict[str, int]
    """API requests per operationId (``oauth_token`` and ``oauth_revoke`` for the accounts endpoints)."""
    token_refreshes: int
    """Access tokens handed out by the token endpoint (refresh-token and client-credentials grants)."""
    token_errors: dict[str, int]
    """Token-endpoint refusals by their ``error`` value."""
    rejected: dict[str, int]
    """Error responses of the API by code (401, 400, 404, 405, 412, 415, 429, ...; injected 500s excluded)."""
    faults: dict[str, int]
    """Injected faults by kind: ``http_500``, ``drop``, ``drop_after_commit``, ``truncate``."""
    credits_used: int
    """Credits consumed in the current 24 h window."""
    max_in_flight: int
    """Most API requests seen in flight at once."""

    def __getitem__(self, key: str) -> Any:
        if key not in _COUNTER_NAMES:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(_COUNTER_NAMES)

    def __len__(self) -> int:
        return len(_COUNTER_NAMES)

    @property
    def total_requests(self) -> int:
        """Every API request (token endpoint excluded)."""
        return sum(count for op, count in self.requests.items() if not op.startswith("oauth_"))


_COUNTER_NAMES = tuple(field.name for field in dataclasses.fields(Counters))


class CounterBook:
    """The live counters; callers hold the sandbox lock."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Zero everything."""
        self.requests: collections.Counter[str] = collections.Counter()
        self.token_refreshes = 0
        self.token_errors: collections.Counter[str] = collections.Counter()
        self.rejected: collections.Counter[str] = collections.Counter()
        self.faults: collections.Counter[str] = collections.Counter()
        self.in_flight = 0
        self.max_in_flight = 0

    def snapshot(self, credits_used: int) -> Counters:
        """A frozen copy."""
        return Counters(
            requests=dict(self.requests),
            token_refreshes=self.token_refreshes,
            token_errors=dict(self.token_errors),
            rejected=dict(self.rejected),
            faults=dict(self.faults),
            credits_used=credits_used,
            max_in_flight=self.max_in_flight,
        )


class CreditMeter:
    """Credits spent over a rolling 24 h window."""

    def __init__(self) -> None:
        self._spent: collections.deque[tuple[float, int]] = collections.deque()
        self.used = 0

    def _expire(self, now: float) -> None:
        while self._spent and self._spent[0][0] <= now - CREDIT_WINDOW:
            self.used -= self._spent.popleft()[1]

    def remaining(self, now: float, daily: int) -> int:
        """Credits left."""
        self._expire(now)
        return max(daily - self.used, 0)

    def spend(self, now: float, cost: int) -> None:
        """Record ``cost`` credits spent at ``now``."""
        self._expire(now)
        self._spent.append((now, cost))
        self.used += cost

    def refund(self, now: float, cost: int) -> None:
        """Give back ``cost`` credits spent at ``now`` by a call refused as a whole."""
        self.spend(now, -cost)

    def header(self, daily: int | None) -> dict[str, str]:
        """``X-API-CREDITS-REMAINING``, which Zoho sends once half of the day's credits are used."""
        if daily is None or self.used * 2 < daily:
            return {}
        return {"X-API-CREDITS-REMAINING": str(max(daily - self.used, 0))}


class FaultPlan:
    """Draws injected faults from a seeded generator: two draws per eligible request, always."""

    def __init__(self, seed: int | None) -> None:
        self.reseed(seed)

    def reseed(self, seed: int | None) -> None:
        """Restart the sequence (``None``: a fresh random seed, kept in ``seed``)."""
        self.seed = seed if seed is not None else random.SystemRandom().randrange(2**32)
        self._random = random.Random(self.seed)  # noqa: S311 - replayable faults, not cryptography

    def draw(self) -> tuple[float, float]:
        """The (before-processing, after-processing) draws of one request."""
        return self._random.random(), self._random.random()

    @staticmethod
    def before(draw: float, drop_rate: float, rate_5xx: float) -> str | None:
        """The fault to inject before processing, if any."""
        return _pick(draw, ("drop", drop_rate), ("http_500", rate_5xx))

    @staticmethod
    def after(draw: float, drop_after_commit_rate: float, truncate_rate: float) -> str | None:
        """The fault to inject after processing, if any."""
        return _pick(draw, ("drop_after_commit", drop_after_commit_rate), ("truncate", truncate_rate))


def _pick(draw: float, *faults: tuple[str, float]) -> str | None:
    """The fault whose share of [0, 1) holds ``draw`` (shares laid end to end), or ``None``."""
    edge = 0.0
    for fault, rate in faults:
        edge += rate
        if draw < edge:
            return fault
    return None
