"""Fixtures for the sandbox tests: an in-process sandbox on a manual clock, and raw httpx clients."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from zoho_crm.testing import ManualClock, Sandbox, sandbox

START = 1_700_000_000.0


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def sb(clock: ManualClock) -> Iterator[Sandbox]:
    with sandbox(mode="asgi", clock=clock, response_validation="full", seed=1234) as box:
        yield box


def auth(box: Sandbox) -> dict[str, str]:
    return {"Authorization": f"Zoho-oauthtoken {box.issue_access_token()}"}


@pytest.fixture
def api(sb: Sandbox) -> Iterator[httpx.Client]:
    """A raw client on the API base URL, already authorized."""
    with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=auth(sb)) as client:
        yield client


@pytest.fixture
def accounts(sb: Sandbox) -> Iterator[httpx.Client]:
    """A raw client on the accounts server (token endpoint)."""
    with httpx.Client(base_url=sb.accounts_url, transport=sb.transport()) as client:
        yield client


@pytest.fixture
async def aapi(sb: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sb.base_url, transport=sb.async_transport(), headers=auth(sb)) as client:
        yield client


def leads(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(start, start + n)]


def error_of(response: httpx.Response) -> tuple[int, str]:
    body = response.json()
    assert set(body) == {"code", "details", "message", "status"}, body
    assert body["status"] == "error"
    return response.status_code, body["code"]
