"""Drive processes of :mod:`tests.chaos._token_workers` against a sandbox and read what its token endpoint saw."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from collections.abc import Callable

from tests.chaos._token_workers import Job, run
from zoho_crm.testing import Sandbox

START_TIMEOUT = 180.0  # spawning a dozen interpreters on a shared 2-core machine
RUN_TIMEOUT = 120.0


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def drive(
    sb: Sandbox,
    jobs: list[Job],
    tokens_wanted: int,
    midway: Callable[[], None] | None = None,
) -> Counter[str]:
    """Run ``jobs`` (one process each) until the sandbox has issued ``tokens_wanted`` tokens; their added tallies.

    ``midway`` runs once, after the second token.
    """
    ctx = multiprocessing.get_context("spawn")
    start, ready, stop, results = ctx.Barrier(len(jobs) + 1), ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    processes = [ctx.Process(target=run, args=(job, start, ready, stop, results), daemon=True) for job in jobs]
    for process in processes:
        process.start()
    tally: Counter[str] = Counter()
    try:
        start.wait(timeout=START_TIMEOUT)
        for _ in range(sum(job.workers for job in jobs)):
            assert ready.acquire(timeout=RUN_TIMEOUT), "a worker never finished its first call"
        if midway is not None:
            wait_for(lambda: sb.counters.token_refreshes >= 2, RUN_TIMEOUT, "the second token")
            midway()
        wait_for(lambda: sb.counters.token_refreshes >= tokens_wanted, RUN_TIMEOUT, f"{tokens_wanted} tokens")
    finally:
        stop.set()
        for _ in processes:
            tally.update(results.get(timeout=RUN_TIMEOUT))
        for process in processes:
            process.join(timeout=RUN_TIMEOUT)
    return tally


def issue_times(sb: Sandbox) -> list[float]:
    """When each access token of the refresh-token grant was issued, in order."""
    lifetime = sb.config.token_lifetime
    return sorted(t.expires_at - lifetime for t in list(sb.state.auth.tokens.values()) if t.source is not None)


def most_per_expiry(times: list[float], lifetime: float) -> int:
    """The most tokens issued within half a token lifetime of each other: 1 when each expiry got one refresh."""
    return max((sum(1 for t in times if first <= t < first + lifetime / 2) for first in times), default=0)
