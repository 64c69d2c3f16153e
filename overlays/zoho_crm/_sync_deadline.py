"""Sync socket waits cut at the attempt's deadline: an answer trickled a byte at a time cannot stretch a call.

A thread cannot be cancelled as an async attempt is: the pool's network backend (httpcore's extension
point) is wrapped, each read and write waiting no longer than the time left (docs/design.md).
"""

from __future__ import annotations

import ssl
import typing
from collections.abc import Iterable

import httpcore  # imported with the first sync client: httpx imports it only then too
import httpx

from ._engine import ATTEMPT_DEADLINE as _DEADLINE
from ._fork import renewed_in_child

__all__ = ["deadline_transport"]


def _left(timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
    bound = _DEADLINE.get()
    if bound is None:
        return timeout
    deadline, clock = bound
    left = deadline - clock()
    if left <= 0:
        raise error("the answer did not arrive in full within the timeout")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _transport(context: ssl.SSLContext, limits: httpx.Limits) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport(verify=context, limits=limits)
    pool = getattr(transport, "_pool", None)
    if isinstance(pool, httpcore.ConnectionPool) and isinstance(
        getattr(pool, "_network_backend", None), httpcore.NetworkBackend
    ):
        pool._network_backend = _Backend(pool._network_backend)
    return transport


def deadline_transport(*, verify: bool, limits: httpx.Limits) -> httpx.HTTPTransport:
    """The httpx transport, its connections' waits cut at ``_engine.within``'s deadline (when httpcore allows).

    A process forked from one that used it (``multiprocessing``, a pre-forking server) opens its own
    connections; the parent's are left open to it (the child's copies are closed when collected).
    """
    context = httpx.create_ssl_context(verify=verify)  # kept for a forked child's pool: made once

    def renew(transport: httpx.HTTPTransport) -> None:
        transport._pool = _transport(context, limits)._pool

    return renewed_in_child(_transport(context, limits), renew)
