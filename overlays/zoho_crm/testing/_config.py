"""Settings of one sandbox: OAuth limits, API limits, injected faults, validation."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from ._clock import Clock

__all__ = ["RESPONSE_VALIDATION_MODES", "SandboxConfig"]

RESPONSE_VALIDATION_MODES = ("full", "sample", "off")

_RATES = ("fault_rate_5xx", "drop_rate", "drop_after_commit_rate", "truncate_rate")


@dataclasses.dataclass(frozen=True)
class SandboxConfig:
    """Every knob of a sandbox. Change them with ``Sandbox.configure(**changes)``.

    Times are seconds on ``clock``. ``None`` for a limit means unlimited.
    """

    token_lifetime: float = 3600.0
    """Lifetime of access tokens (``expires_in``)."""
    refresh_limit: int = 10
    """Access tokens one refresh token may mint per ``refresh_window``."""
    refresh_window: float = 600.0
    max_active_tokens: int = 15
    """Active access tokens per refresh token; one more invalidates the oldest."""
    concurrency_limit: int | None = None
    """API requests in flight at once; past it, 429 ``TOO_MANY_REQUESTS``."""
    daily_credits: int | None = None
    """API credits per rolling 24 h; exhausted, 429 ``TOO_MANY_REQUESTS``."""
    latency: float = 0.0
    """Seconds from an API call's arrival to its answer, at least, holding its concurrency slot.

    The sandbox does its work within that time and waits out the rest (asynchronously), as a server
    whose calls run in parallel would: concurrent calls do not queue behind each other's processing.
    """
    work_slice: float = 0.0003
    """Seconds of a bulk write's work done at a time (at least one item): between slices, new requests
    are read and due answers sent, so one call's processing holds up another's arrival or answer by
    a slice at most. Bulk writes work one at a time, oldest first."""
    fault_rate_5xx: float = 0.0
    """Fraction of API calls answered 500 ``INTERNAL_ERROR`` before any processing."""
    drop_rate: float = 0.0
    """Fraction of API calls whose connection is dropped before any processing."""
    drop_after_commit_rate: float = 0.0
    """Fraction of API calls whose connection is dropped after the call was processed (writes committed)."""
    truncate_rate: float = 0.0
    """Fraction of API calls answered with a truncated (malformed) JSON body, after processing."""
    fault_operations: frozenset[str] | None = None
    """operationIds faults apply to (``None``: every API operation). The token endpoint never faults."""
    seed: int | None = None
    """Seed of the fault generator; ``None`` picks one (see ``Sandbox.fault_seed``) so a run can be replayed."""
    clock: Clock = time.time
    """Source of time for tokens, page tokens, credits and record timestamps."""
    strict_responses: bool = True
    """A response that breaks the spec raises :class:`ContractViolation` (else it is only recorded)."""
    response_validation: str = "full"
    """``full``: every record of a response is validated (a fast pre-check, the full validator when it
    is not conclusive); ``sample``: the envelope, the first and the last record; ``off``: nothing."""
    page_token_ttl: float = 86400.0
    page_token_record_limit: int = 100_000
    discrete_page_limit: int = 2000
    """Records reachable with ``page`` alone (and by search)."""
    search_index_lag: float = 0.0
    """Seconds a written record stays invisible to search and count (Zoho's index lag)."""
    recycle_retention: float = 60 * 86400.0
    permanent_retention: float = 120 * 86400.0
    max_body_bytes: int = 16 * 1024 * 1024
    """Largest request body read; past it, 413 ``LIMIT_EXCEEDED`` without reading the rest."""
    api_domain: str | None = None
    """Origin the token endpoint reports as ``api_domain`` (default: the sandbox's own)."""
    job_delay: float = 60.0
    """Seconds a scheduled job (a mass update by custom view) waits before it runs, unless its status is
    read twice first; any API call after that runs it."""

    def __post_init__(self) -> None:
        for name in _RATES:
            rate = getattr(self, name)
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"{name} must be within [0, 1], got {rate!r}")
        if sum(getattr(self, name) for name in ("fault_rate_5xx", "drop_rate")) > 1.0:
            raise ValueError("fault_rate_5xx + drop_rate must not exceed 1")
        if self.drop_after_commit_rate + self.truncate_rate > 1.0:
            raise ValueError("drop_after_commit_rate + truncate_rate must not exceed 1")
        if self.response_validation not in RESPONSE_VALIDATION_MODES:
            raise ValueError(f"response_validation must be one of {RESPONSE_VALIDATION_MODES}")
        for name in ("refresh_limit", "max_active_tokens"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("concurrency_limit", "daily_credits"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must be None or non-negative")
        if self.token_lifetime <= 0 or self.latency < 0 or self.work_slice < 0 or self.job_delay < 0:
            raise ValueError("token_lifetime must be positive, latency, work_slice and job_delay non-negative")
        if self.fault_operations is not None and not isinstance(self.fault_operations, frozenset):
            object.__setattr__(self, "fault_operations", frozenset(self.fault_operations))

    def replace(self, **changes: Any) -> SandboxConfig:
        """A copy with ``changes``; an unknown name raises :class:`TypeError`."""
        known = {field.name for field in dataclasses.fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise TypeError(f"unknown sandbox setting(s): {', '.join(unknown)}")
        return dataclasses.replace(self, **changes)
