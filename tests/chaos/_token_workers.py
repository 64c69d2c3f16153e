"""Processes that call a sandbox served on 127.0.0.1 until told to stop, sharing (or not) one token store.

Run under ``multiprocessing`` (spawn) by the token-sharing chaos tests. Each process reports a
:class:`~collections.Counter` of its calls: ``ok`` or the error's class and code.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any

from zoho_crm import AsyncZohoCRM, MemoryTokenStore, RefreshTokenCredentials, RetryPolicy, ZohoCRM
from zoho_crm.errors import ZohoError
from zoho_crm.tokens import FileTokenStore, TokenStore

NO_RETRY = RetryPolicy(max_attempts=1)


@dataclass(frozen=True)
class Job:
    api_domain: str
    accounts_url: str
    credentials: RefreshTokenCredentials
    store: str  # "file:<path>", "redis:<url>" or "memory" (every client its own token)
    workers: int  # threads (sync) or tasks (async) per process
    use_async: bool = False


def make_store(spec: str) -> TokenStore:
    kind, _, where = spec.partition(":")
    if kind == "file":
        return FileTokenStore(where)
    if kind == "redis":
        import redis

        from zoho_crm.tokens import RedisTokenStore

        return RedisTokenStore(redis.Redis.from_url(where, socket_timeout=5))
    return MemoryTokenStore()


def outcome(call: Any) -> str:
    try:
        call()
    except ZohoError as exc:
        return f"{type(exc).__name__}:{exc.code}"
    return "ok"


def client_kwargs(job: Job, store: TokenStore) -> dict[str, Any]:
    return {"api_domain": job.api_domain, "accounts_url": job.accounts_url, "token_store": store, "retry": NO_RETRY}


def run(job: Job, start: Any, ready: Any, stop: Any, results: Any) -> None:
    """Wait at the ``start`` barrier, release ``ready`` once per worker after its first call, call until ``stop``.

    The tally goes on ``results``.
    """
    tally: Counter[str] = Counter()
    try:
        if job.use_async:
            asyncio.run(_run_async(job, start, ready, stop, tally))
        else:
            _run_sync(job, start, ready, stop, tally)
    finally:
        results.put(dict(tally))


def _run_sync(job: Job, start: Any, ready: Any, stop: Any, tally: Counter[str]) -> None:
    shared = job.store != "memory"
    store = make_store(job.store)
    clients = [ZohoCRM(job.credentials, **client_kwargs(job, store if shared else MemoryTokenStore()))]
    if not shared:
        clients += [ZohoCRM(job.credentials, **client_kwargs(job, MemoryTokenStore())) for _ in range(job.workers - 1)]
    lock = threading.Lock()

    def work(crm: ZohoCRM) -> None:
        first = outcome(lambda: crm.records.count("Leads"))
        with lock:
            tally[first] += 1
        ready.release()
        while not stop.is_set():
            result = outcome(lambda: crm.records.count("Leads"))
            with lock:
                tally[result] += 1

    threads = [threading.Thread(target=work, args=(clients[i % len(clients)],)) for i in range(job.workers)]
    start.wait(timeout=120)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for crm in clients:
        crm.close()


async def _run_async(job: Job, start: Any, ready: Any, stop: Any, tally: Counter[str]) -> None:
    async with AsyncZohoCRM(job.credentials, **client_kwargs(job, make_store(job.store))) as crm:

        async def one() -> str:
            try:
                await crm.records.count("Leads")
            except ZohoError as exc:
                return f"{type(exc).__name__}:{exc.code}"
            return "ok"

        async def work() -> None:
            tally[await one()] += 1
            ready.release()
            while not stop.is_set():
                tally[await one()] += 1

        await asyncio.to_thread(start.wait, 120)
        await asyncio.gather(*(work() for _ in range(job.workers)))
