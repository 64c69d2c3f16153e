"""A neutral bulk-write server for the throughput figures: canned success answers, a fixed latency, nothing stored.

The sandbox checks and stores every record (3.7-4.9 ms of its CPU per 100-record upsert, on one event loop
shared with HTTP parsing), so at concurrency 25 or for a million records it measures itself as much as the
client. This server only counts the records of a call (the ``"Email"`` keys of its body, read in full) and
answers, ``latency`` seconds after the call arrived, ``{"data": [n success items]}`` as Zoho does. It runs
under uvicorn (httptools) in a thread of the bench process; clients run in their own processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import orjson

_ITEM = {
    "code": "SUCCESS",
    "duplicate_field": None,
    "action": "insert",
    "details": {
        "Modified_Time": "2026-12-06T01:00:00+00:00",
        "Modified_By": {"name": "Bench", "id": "3652397000000186017"},
        "Created_Time": "2026-12-06T01:00:00+00:00",
        "id": "3652397000000624046",
        "Created_By": {"name": "Bench", "id": "3652397000000186017"},
    },
    "message": "record added",
    "status": "success",
}
ANSWERS = {n: orjson.dumps({"data": [_ITEM] * n}) for n in range(101)}
"""Zoho's answer to a bulk write of ``n`` records (about 350 bytes an item, as Zoho's)."""


class App:
    """The ASGI app: every POST is a bulk write answered with its records' successes; anything else 404."""

    def __init__(self, latency: float, marker: bytes = b'"Email"') -> None:
        self.latency = latency
        self.marker = marker
        self.calls = 0
        self.in_flight = 0
        self.max_in_flight = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        arrived = time.monotonic()
        self.calls += 1
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            parts = []
            more = True
            while more:
                message = await receive()
                parts.append(message.get("body", b""))
                more = message.get("more_body", False)
            body = b"".join(parts)
            status, answer = (
                (200, ANSWERS[min(body.count(self.marker), 100)]) if scope["method"] == "POST" else (404, b"{}")
            )
            wait = self.latency - (time.monotonic() - arrived)
            if wait > 0:
                await asyncio.sleep(wait)
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(answer)).encode())]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": answer})
        finally:
            self.in_flight -= 1


@contextlib.contextmanager
def serve(latency: float) -> Iterator[tuple[str, App]]:
    """The server on a free loopback port, in a thread: ``(base URL, app)``."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = App(latency)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", http="httptools", lifespan="off", backlog=2048
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the neutral server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(10)
