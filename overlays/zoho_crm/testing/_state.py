"""Everything one sandbox holds: settings, the org's records, tokens, counters, limits."""

from __future__ import annotations

import threading
from typing import Any

from ._config import SandboxConfig
from ._limits import CounterBook, Counters, CreditMeter, FaultPlan
from ._oauth import TokenAuthority
from ._paging import PageTokens
from ._store import Store

__all__ = ["SandboxState"]


class SandboxState:
    """The in-memory state of one sandbox. ``lock`` guards all of it (thread-safe through it)."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.store = Store()
        self.lock: threading.RLock = self.store.lock
        self.org_id = self.store.new_id()
        self.auth = TokenAuthority(self.org_id)
        self.counters = CounterBook()
        self.credits = CreditMeter()
        self.faults = FaultPlan(config.seed)
        self.page_tokens = PageTokens()
        self.violations: list[str] = []
        self.api_domain = config.api_domain or ""

    def now(self) -> float:
        """The configured clock's time."""
        return self.config.clock()

    def configure(self, **changes: Any) -> None:
        """Change settings (see :class:`SandboxConfig`); a new ``seed`` restarts the fault sequence."""
        with self.lock:
            self.config = self.config.replace(**changes)
            if "seed" in changes:
                self.faults.reseed(self.config.seed)
            if changes.get("api_domain"):
                self.api_domain = self.config.api_domain or self.api_domain

    def counters_snapshot(self) -> Counters:
        """A frozen copy of the counters."""
        with self.lock:
            self.credits.remaining(self.now(), 0)
            return self.counters.snapshot(self.credits.used)
