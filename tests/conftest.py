"""Fixtures shared by every test folder.

Around every test, logging is captured at DEBUG (the client's, httpx's, the sandbox's) and, afterwards,
no secret the sandbox issued during the test (client secret, refresh token, access tokens) may appear in
any log record: the whole suite doubles as a secret-leak test.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The spec as shipped in the generated package (identical to spec/zoho-crm.yaml)."""
    return json.loads((files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8"))


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += repr(record.exc_info[1]) + str(record.exc_info[1])
        self.messages.append(text)


@pytest.fixture(autouse=True)
def no_secret_in_any_log(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[set[str]]:
    """Record the sandbox's secrets as they are made; fail the test if any was logged.

    Tests marked ``secrets_in_url`` send secrets in a URL on purpose (Zoho's query-parameter form, with
    raw httpx, which logs URLs); the client itself never does.
    """
    issued: set[str] = set()
    try:
        from zoho_crm.testing import _oauth
    except ImportError:  # the sandbox extra is not installed
        _oauth = None
    if _oauth is not None:
        init, mint = _oauth.TokenAuthority.__init__, _oauth.TokenAuthority._mint

        def recording_init(self: Any, *args: Any, **kwargs: Any) -> None:
            init(self, *args, **kwargs)
            issued.update((self.client_secret, self.refresh_token))

        def recording_mint(self: Any, *args: Any, **kwargs: Any) -> Any:
            token = mint(self, *args, **kwargs)
            issued.add(token.value)
            return token

        monkeypatch.setattr(_oauth.TokenAuthority, "__init__", recording_init)
        monkeypatch.setattr(_oauth.TokenAuthority, "_mint", recording_mint)
    capture = _Capture()
    root = logging.getLogger()
    level = root.level
    root.addHandler(capture)
    root.setLevel(logging.DEBUG)
    try:
        yield issued
    finally:
        root.removeHandler(capture)
        root.setLevel(level)
    if request.node.get_closest_marker("secrets_in_url"):
        return
    leaked = sorted({s[:8] + "…" for s in issued for m in capture.messages if s in m})
    assert not leaked, f"secrets appeared in log records: {leaked}"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Feed the chaos summary (runtest hooks of a sub-folder's conftest only see that folder's tests)."""
    from tests.chaos.conftest import count_hostile_case

    count_hostile_case(report)
