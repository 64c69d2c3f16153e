"""A fresh sandbox org per example, and a transport that records every exchange with it."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import httpx

from tests.properties import _spec
from zoho_crm import AsyncZohoCRM, RetryPolicy, ZohoCRM
from zoho_crm.testing import Sandbox, sandbox

# The sandbox's default in-process origin (http://zoho-sandbox.test) is refused by the client's
# plain-http check (only loopback may be plain http), so the in-process app is named by a
# loopback origin; no socket is opened in asgi mode.
ORIGIN = "http://127.0.0.1"
NO_WAIT = RetryPolicy(max_attempts=4, initial_backoff=0.0, max_backoff=0.0)
"""Retries as in production, without waiting (backoff 0): no test sleeps."""


@dataclass
class Exchange:
    """One request the client sent and the answer it got (``status`` None: the transport failed)."""

    request: httpx.Request
    status: int | None
    body: Any

    @property
    def op_id(self) -> str | None:
        path = self.request.url.raw_path.decode("ascii").split("?", 1)[0]
        if not path.startswith(_spec.BASE_PATH + "/"):
            return None  # the accounts server (tokens)
        routes = _spec.route(self.request.method, path.removeprefix(_spec.BASE_PATH))
        return routes[0][0].op_id if routes else None

    @property
    def items(self) -> list[Any]:
        """The items the request carries: its body's ``data`` (or count queries), else its ``ids``."""
        if self.request.content:
            body = json.loads(self.request.content)
            if isinstance(body, dict):
                for key in ("data", "get_related_records_count"):
                    if isinstance(body.get(key), list):
                        return list(body[key])
        ids = dict(parse_qsl(self.request.url.query.decode("ascii"))).get("ids")
        return ids.split(",") if ids else []


class _Log:
    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self._lock = threading.Lock()

    def add(self, request: httpx.Request, response: httpx.Response | None) -> None:
        body = None
        if response is not None and response.content:
            try:
                body = json.loads(response.content)
            except ValueError:
                body = response.content
        with self._lock:
            self.exchanges.append(Exchange(request, None if response is None else response.status_code, body))

    def of(self, op_id: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.op_id == op_id]


class RecordingTransport(httpx.BaseTransport):
    """Sends through ``inner`` and keeps each exchange (requests stay referenced: retries share one object)."""

    def __init__(self, inner: httpx.BaseTransport, log: _Log) -> None:
        self.inner, self.log = inner, log

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        try:
            response = self.inner.handle_request(request)
        except httpx.TransportError:
            self.log.add(request, None)
            raise
        response.read()
        self.log.add(request, response)
        return response


class AsyncRecordingTransport(httpx.AsyncBaseTransport):
    """Async :class:`RecordingTransport`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, log: _Log) -> None:
        self.inner, self.log = inner, log

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError:
            self.log.add(request, None)
            raise
        await response.aread()
        self.log.add(request, response)
        return response


@dataclass
class Org:
    """A started sandbox, and the exchange log of the clients made with :meth:`client`."""

    sb: Sandbox
    log: _Log

    def client(self, **options: Any) -> ZohoCRM:
        transport = RecordingTransport(self.sb.transport(), self.log)
        options.setdefault("retry", NO_WAIT)
        return ZohoCRM(
            self.sb.credentials, api_domain=self.sb.api_domain, accounts_url=self.sb.accounts_url,
            transport=transport, **options,
        )  # fmt: skip

    def async_client(self, **options: Any) -> AsyncZohoCRM:
        transport = AsyncRecordingTransport(self.sb.async_transport(), self.log)
        options.setdefault("retry", NO_WAIT)
        return AsyncZohoCRM(
            self.sb.credentials, api_domain=self.sb.api_domain, accounts_url=self.sb.accounts_url,
            transport=transport, **options,
        )  # fmt: skip

    def raw(self) -> httpx.Client:
        """A bare httpx client on the API (a valid token, no checks of ours): for bodies the client would refuse."""
        token = self.sb.issue_access_token()
        return httpx.Client(
            base_url=self.sb.base_url, transport=RecordingTransport(self.sb.transport(), self.log),
            headers={"Authorization": f"Zoho-oauthtoken {token}"},
        )  # fmt: skip


@contextlib.contextmanager
def org(**config: Any) -> Iterator[Org]:
    """A fresh sandbox org (``config``: ``SandboxConfig`` settings)."""
    with sandbox(mode="asgi", origin=ORIGIN, **config) as sb:
        yield Org(sb, _Log())
