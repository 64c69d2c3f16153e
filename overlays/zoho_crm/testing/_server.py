"""Serving the sandbox app over HTTP on loopback with uvicorn, in a background thread."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import MutableMapping
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from ._app import SandboxApp

__all__ = ["LoopbackServer"]


class _Server(uvicorn.Server):
    """uvicorn's server, telling when it listens and leaving signals to its owner."""

    def __init__(self, config: uvicorn.Config, ready: threading.Event) -> None:
        super().__init__(config)
        self._ready = ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        self._ready.set()


def _tracking_protocol(registry: dict[tuple[str, int], HttpToolsProtocol]) -> type[HttpToolsProtocol]:
    """The httptools protocol of uvicorn, recording its connections by peer address (to drop them on purpose).

    httptools (C) rather than h11 (pure Python): h11 added about 0.6 ms of parsing to each
    100-record upsert, on the one loop every concurrent call shares.
    """

    class TrackingProtocol(HttpToolsProtocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if self.client is not None:
                registry[self.client] = self

        def connection_lost(self, exc: Exception | None) -> None:
            if self.client is not None and registry.get(self.client) is self:
                del registry[self.client]
            super().connection_lost(exc)

    return TrackingProtocol


class LoopbackServer:
    """uvicorn serving ``app`` on ``host:port`` (port 0: a free one) until :meth:`stop`."""

    def __init__(self, app: SandboxApp, host: str = "127.0.0.1", port: int = 0) -> None:
        self._connections: dict[tuple[str, int], HttpToolsProtocol] = {}
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so, and without it
        # Nagle's algorithm plus delayed ACKs stall every small answer (headers and body are two writes).
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host, self.port = self._socket.getsockname()[:2]
        config = uvicorn.Config(
            app,
            host=self.host,
            port=self.port,
            http=_tracking_protocol(self._connections),
            loop="asyncio",
            lifespan="off",
            log_config=None,
            log_level="warning",
            access_log=False,
            proxy_headers=False,
            timeout_graceful_shutdown=2,
        )
        self._ready = threading.Event()
        self._server = _Server(config, self._ready)
        self._thread = threading.Thread(target=self._run, name=f"zoho-sandbox-{self.port}", daemon=True)
        app.connection_dropper = self._drop

    @property
    def url(self) -> str:
        """``http://host:port``."""
        return f"http://{self.host}:{self.port}"

    def _run(self) -> None:
        self._server.run(sockets=[self._socket])

    def start(self, timeout: float = 10.0) -> None:
        """Start serving; return once the socket accepts connections."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("the sandbox server did not start")

    def stop(self, timeout: float = 10.0) -> None:
        """Shut down gracefully and wait for the thread."""
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._socket.close()

    async def _drop(self, scope: MutableMapping[str, Any]) -> None:
        client = scope.get("client")
        protocol = self._connections.get((client[0], client[1])) if client else None
        if protocol is not None:
            protocol.transport.abort()
        for _ in range(3):  # let the loop run connection_lost, so uvicorn sends nothing more
            await asyncio.sleep(0)
