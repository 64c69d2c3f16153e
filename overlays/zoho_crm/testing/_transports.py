"""httpx transports that run the sandbox app in-process (sync through a blocking portal, and async)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from anyio.from_thread import BlockingPortal

from ._errors import DroppedConnection

__all__ = ["SandboxASGITransport", "SandboxSyncTransport"]


class SandboxASGITransport(httpx.ASGITransport):
    """``httpx.ASGITransport`` that reports an injected drop as a transport error, like a real socket."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Run the app; a dropped connection becomes :class:`httpx.RemoteProtocolError`."""
        try:
            return await super().handle_async_request(request)
        except DroppedConnection:
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            ) from None


class SandboxSyncTransport(httpx.BaseTransport):
    """A sync transport: each request runs the app on the sandbox's event-loop thread."""

    def __init__(self, inner: SandboxASGITransport, portal: Callable[[], BlockingPortal]) -> None:
        self._inner = inner
        self._portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the in-process app and return the fully read response."""
        content = request.read()
        forwarded = httpx.Request(request.method, request.url, headers=request.headers, content=content)

        async def call() -> tuple[int, httpx.Headers, bytes]:
            response = await self._inner.handle_async_request(forwarded)
            body = await response.aread()
            return response.status_code, response.headers, body

        try:
            status, headers, body = self._portal().call(call)
        except httpx.TransportError as error:
            raise type(error)(str(error), request=request) from None
        return httpx.Response(status, headers=headers, content=body, request=request)
