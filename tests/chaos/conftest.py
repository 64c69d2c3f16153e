"""Chaos tests: a short run in the normal suite, the full one in ``nox -s chaos`` (``CHAOS_SCALE=full``).

Every test adds its figures to one report, printed at the end of the session.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest

FULL = os.environ.get("CHAOS_SCALE") == "full"
REPORT: Counter[str] = Counter()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def report() -> Counter[str]:
    """Figures for the closing summary (added up across tests)."""
    return REPORT


def count_hostile_case(report: Any) -> None:
    """Count the hostile-input cases (the named bad-input tests and the hostile answers)."""
    if report.when != "call" or not any(k in report.nodeid for k in ("test_bad_input", "test_hostile_responses")):
        return
    REPORT["bad-input cases tried"] += 1
    REPORT["bad-input cases passed"] += int(report.passed)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not REPORT:
        return
    terminalreporter.section(f"chaos summary ({'full' if FULL else 'short'} run)")
    for key in sorted(REPORT):
        terminalreporter.write_line(f"{key:<40} {REPORT[key]}")
