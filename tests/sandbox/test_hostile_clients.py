"""``python -m zoho_crm.testing`` under hostile clients (#19 item 17): huge bodies, deep criteria, unread logs.

Raw sockets on loopback: nothing in between that could buffer, cap or fix a request.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.sandbox.conftest import auth, error_of
from zoho_crm.testing import Sandbox
from zoho_crm_api import API_VERSION

LIMIT = 64 * 1024


@pytest.fixture
def served() -> Iterator[Sandbox]:
    with Sandbox("http", max_body_bytes=LIMIT) as sb:
        yield sb


def _exchange(sb: Sandbox, head: bytes, body: bytes) -> tuple[int, dict[str, object]]:
    """Send ``head`` then as much of ``body`` as the server takes; the status and JSON body of its answer."""
    with socket.create_connection(("127.0.0.1", _port(sb)), timeout=10) as conn:
        conn.sendall(head)
        # the server may answer and close without reading the rest: what we want
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            conn.sendall(body)
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _length(answer):
            chunk = conn.recv(65536)
            if not chunk:
                break
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, json.loads(answer.split(b"\r\n\r\n", 1)[1])


def _port(sb: Sandbox) -> int:
    return int(sb.api_domain.rsplit(":", 1)[1])


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


def _post_head(sb: Sandbox, extra: str) -> bytes:
    token = sb.issue_access_token()
    return (
        f"POST /crm/{API_VERSION}/Leads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Zoho-oauthtoken {token}\r\n"
        f"Content-Type: application/json\r\n{extra}\r\n"
    ).encode()


def test_a_declared_gigabyte_is_refused_413_without_reading_it(served: Sandbox) -> None:
    head = _post_head(served, f"Content-Length: {1 << 30}\r\n")
    status, body = _exchange(served, head, b"x" * (4 * LIMIT))  # sends 256 KiB of the "1 GiB", no more
    assert (status, body["code"]) == (413, "LIMIT_EXCEEDED")
    assert served.records("Leads") == []


def test_a_chunked_body_past_the_limit_is_refused_413(served: Sandbox) -> None:
    head = _post_head(served, "Transfer-Encoding: chunked\r\n")
    chunk = b"x" * 8192
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(4 * LIMIT // len(chunk)))
    status, answer = _exchange(served, head, body)
    assert (status, answer["code"]) == (413, "LIMIT_EXCEEDED")
    with httpx.Client(base_url=served.base_url, headers=auth(served)) as client:  # still serving
        assert client.post("/Leads", json={"data": [{"Last_Name": "After"}]}).status_code == 201


def test_a_body_under_the_limit_is_served(served: Sandbox) -> None:
    data = json.dumps({"data": [{"Last_Name": "x" * 60}]}).encode()
    status, body = _exchange(served, _post_head(served, f"Content-Length: {len(data)}\r\n"), data)
    assert status == 201, body


@pytest.mark.parametrize("depth", [40, 1000, 4000])
@pytest.mark.parametrize("path", ["/Leads/search", "/Leads/actions/count"])
def test_criteria_nested_thousands_deep_are_invalid_query(api: httpx.Client, path: str, depth: int) -> None:
    criteria = "(" * depth + "Last_Name:equals:x" + ")" * depth
    assert error_of(api.get(path, params={"criteria": criteria})) == (400, "INVALID_QUERY")


def test_criteria_nested_a_little_still_work(api: httpx.Client) -> None:
    api.post("/Leads", json={"data": [{"Last_Name": "x"}]})
    criteria = "(" * 30 + "Last_Name:equals:x" + ")" * 30
    assert api.get("/Leads/actions/count", params={"criteria": criteria}).json() == {"count": 1}


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="needs Linux's F_SETPIPE_SZ to shrink a pipe")
def test_an_unread_stderr_pipe_never_wedges_the_server() -> None:
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)  # the smallest pipe: a few dozen log lines fill it
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "zoho_crm.testing", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=write_end,
        text=True,
        env=env,
    )
    os.close(write_end)
    try:
        assert process.stdout is not None
        printed: dict[str, str] = {}
        for line in process.stdout:
            if line.startswith("serving"):
                break
            key, _, value = line.strip().partition(": ")
            printed[key] = value
        host, port = printed["api_domain"].removeprefix("http://").split(":")
        for _ in range(300):  # each one makes uvicorn log a warning: far more than the pipe holds
            with socket.create_connection((host, int(port)), timeout=5) as conn:
                conn.sendall(b"NOT HTTP AT ALL\r\n\r\n")
                while conn.recv(4096):
                    pass
        headers = {"Authorization": f"Zoho-oauthtoken {printed['access_token']}"}
        # A wedged server (its log writes blocked on the full pipe) would fail this with ReadTimeout.
        answer = httpx.get(f"{printed['base_url']}/Leads/actions/count", headers=headers, timeout=10)
        assert answer.json() == {"count": 0}
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            out, _ = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:  # wedged: do not leave it behind
            process.kill()
            out, _ = process.communicate()
        logged = b""
        os.set_blocking(read_end, False)
        try:
            while chunk := os.read(read_end, 65536):
                logged += chunk
        except BlockingIOError:
            pass
        os.close(read_end)
    assert process.returncode == 0
    assert out.strip().endswith("stopped")
    assert b"Invalid HTTP request" in logged
    assert len(logged) <= 4096  # the rest was dropped, not waited for
