"""Token refreshes under interrupts: a batch stops waiting for one, a lock nobody waits for is given back,
and a program that exits gives a running refresh time to end (to save its token and release the lock)."""

from __future__ import annotations

import asyncio
import gc
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import BatchResult, FileTokenStore, RetryPolicy, ZohoCRM
from zoho_crm._store_lock import astore_lock
from zoho_crm.testing import Sandbox

ROOT = Path(__file__).resolve().parents[2]


def test_an_interrupted_batch_stops_waiting_for_a_refresh_that_does_not_end(sb: Sandbox) -> None:
    """The token endpoint hangs; Ctrl-C comes: the calls waiting for the token end at once, not at their deadline."""
    inner, main, release = sb.transport(), threading.main_thread().ident, threading.Event()
    assert main is not None

    class HangingTokens(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if "/oauth/" in request.url.path:
                signal.pthread_kill(main, signal.SIGINT)
                release.wait(60)  # until the test is over
            return inner.handle_request(request)

    kwargs = {**client_kwargs(sb), "timeout": 5.0, "retry": RetryPolicy(max_attempts=1)}  # the deadline is final
    try:
        with ZohoCRM(sb.credentials, transport=HangingTokens(), **kwargs) as crm, pytest.raises(
            KeyboardInterrupt
        ) as raised:  # fmt: skip
            crm.records.insert("Leads", [{"Last_Name": f"L{i}"} for i in range(300)], concurrency=3)
    finally:
        release.set()
    result: BatchResult = raised.value.result  # type: ignore[attr-defined]
    messages = Counter(o.message for o in result)
    assert sum(messages.values()) == 300
    stopped = {"not sent: the batch was interrupted", "not sent: the batch stopped before this call"}
    assert set(messages) <= stopped, messages  # not "the access token was not ready" at the deadline
    assert sb.counters.requests.get("insert_records", 0) == 0


def test_a_store_lock_had_after_its_loop_was_closed_is_given_back(tmp_path: Path) -> None:
    """An async refresh waits for the file store's lock; its loop is closed (not by asyncio.run) meanwhile."""
    store = FileTokenStore(tmp_path / "token.json", lock_timeout=2)
    holding, release = threading.Event(), threading.Event()

    def another_refresh() -> None:
        with store.lock():
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=another_refresh)
    holder.start()
    assert holding.wait(30)

    async def waiter() -> None:
        async with astore_lock(store):
            pass  # never reached

    loop = asyncio.new_event_loop()
    task = loop.create_task(waiter())
    for _ in range(3):
        loop.run_until_complete(asyncio.sleep(0))  # the waiter reaches its wait
    loop.close()
    del task
    gc.collect()  # the pending task is destroyed
    release.set()
    holder.join()
    for thread in threading.enumerate():
        if thread.name in ("zoho-crm-token-lock-wait", "zoho-crm-token-lock-release", "zoho-crm-token-lock-watch"):
            thread.join(30)
    with store.lock():  # the lock is free again (filelock.Timeout otherwise)
        pass


EXIT_SCRIPT = """
import time
from pathlib import Path
from zoho_crm import _oauth

def refresh():
    time.sleep(0.5)  # a slow token endpoint
    Path(__import__("sys").argv[1]).write_text("saved")
    raise RuntimeError("done")

_oauth._Refresh(refresh)
raise KeyboardInterrupt  # Ctrl-C: the program ends while the refresh runs
"""


def test_a_program_ending_during_a_refresh_lets_it_end(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    env = {"PYTHONPATH": f"{ROOT / 'overlays'}:{ROOT / 'generated'}"}
    ended = subprocess.run(
        [sys.executable, "-c", EXIT_SCRIPT, str(saved)], env=env, capture_output=True, text=True, timeout=60
    )
    assert ended.returncode != 0  # the KeyboardInterrupt
    assert saved.read_text() == "saved", ended.stderr  # the daemon refresh thread was not frozen at exit
