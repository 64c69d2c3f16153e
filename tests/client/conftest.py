"""Fixtures for the client tests: the sandbox in-process, and clients wired to it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest

from zoho_crm import AsyncZohoCRM, RetryPolicy, ZohoCRM
from zoho_crm.testing import Sandbox, sandbox

FAST_RETRY = RetryPolicy(max_attempts=8, initial_backoff=0.005, max_backoff=0.05, max_elapsed=30)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Recorder(httpx.BaseTransport):
    """Wraps a transport and keeps every request it sends."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class AsyncRecorder(httpx.AsyncBaseTransport):
    """Async :class:`Recorder`."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class Intercept(httpx.BaseTransport):
    """The sandbox, except the requests whose path ends with ``suffix``: ``answer(request)`` answers those."""

    def __init__(self, sb: Sandbox, suffix: str, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.inner, self.suffix, self.answer = sb.transport(), suffix, answer

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(self.suffix):
            return self.answer(request)
        return self.inner.handle_request(request)


class Unprintable(Exception):
    """A transport's bug whose message cannot even be written (its ``str()`` raises)."""

    def __str__(self) -> str:
        raise RuntimeError("no message")


def client_kwargs(sb: Sandbox) -> dict[str, Any]:
    return {"api_domain": sb.api_domain, "accounts_url": sb.accounts_url, "retry": FAST_RETRY}


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    with sandbox(mode="asgi") as box:
        yield box


@pytest.fixture
def recorder(sb: Sandbox) -> Recorder:
    return Recorder(sb.transport())


@pytest.fixture
def crm(sb: Sandbox, recorder: Recorder) -> Iterator[ZohoCRM]:
    with ZohoCRM(sb.credentials, transport=recorder, **client_kwargs(sb)) as client:
        yield client


@pytest.fixture
def arecorder(sb: Sandbox) -> AsyncRecorder:
    return AsyncRecorder(sb.async_transport())


@pytest.fixture
async def acrm(sb: Sandbox, arecorder: AsyncRecorder) -> AsyncIterator[AsyncZohoCRM]:
    async with AsyncZohoCRM(sb.credentials, transport=arecorder, **client_kwargs(sb)) as client:
        yield client
