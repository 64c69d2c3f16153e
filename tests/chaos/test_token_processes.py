"""Processes sharing a FileTokenStore, against the sandbox served on 127.0.0.1, across several expiries.

Zoho allows about 10 refreshes per 10 minutes per refresh token (the sandbox's default too): the
processes, half sync and half async, must make exactly one refresh per expiry and never be throttled.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.chaos._token_sharing import drive, issue_times, most_per_expiry
from tests.chaos._token_workers import Job
from tests.chaos.conftest import FULL
from zoho_crm.testing import sandbox

pytestmark = pytest.mark.slow

PROCESSES = 12 if FULL else 8
WORKERS = 4 if FULL else 2
TOKENS = 5  # the first token and four expiries
LIFETIME = 2.0


def test_processes_sharing_a_token_file_refresh_once_per_expiry(tmp_path: Path, report: Counter[str]) -> None:
    with sandbox(mode="http", token_lifetime=LIFETIME) as sb:
        jobs = [
            Job(sb.api_domain, sb.accounts_url, sb.credentials, f"file:{tmp_path / 'token.json'}", WORKERS, i % 2 == 1)
            for i in range(PROCESSES)
        ]
        tally = drive(sb, jobs, TOKENS)
        times = issue_times(sb)
        throttles = sb.counters.token_errors.get("Access Denied", 0)
    per_expiry = most_per_expiry(times, LIFETIME)
    report["processes sharing a token file: refreshes per expiry"] = max(
        per_expiry, report["processes sharing a token file: refreshes per expiry"]
    )
    report["processes sharing a token file: throttles"] += throttles
    assert throttles == 0
    assert per_expiry == 1, times
    assert len(times) >= TOKENS
    assert set(tally) == {"ok"}, tally  # no call failed
