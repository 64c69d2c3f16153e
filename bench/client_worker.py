"""The client side of the live figures, run in its own process against the sandbox served by ``live_benches``.

The sandbox serves from a thread of the parent process; the client runs here so that the two never
share a GIL (on 2 cores: one for the server, one for the client) and so that memory figures are the
client's alone. Usage: ``python client_worker.py {e2e|batch|raw_batch|stream} '<json settings>'``;
prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import page_fixture
from harness import compare, median

from zoho_crm import AsyncZohoCRM, Page, RefreshTokenCredentials, ZohoCRM


def client_kwargs(cfg: dict[str, Any]) -> dict[str, Any]:
    """The sandbox's endpoints and credentials for a ``ZohoCRM``/``AsyncZohoCRM``."""
    return {
        "credentials": RefreshTokenCredentials(**cfg["credentials"]),
        "api_domain": cfg["api_domain"],
        "accounts_url": cfg["accounts_url"],
    }


def e2e(cfg: dict[str, Any]) -> dict[str, Any]:
    """One 200-record page through ``ZohoCRM.records.list`` vs raw ``httpx.Client`` + ``json.loads``."""
    fields = cfg["fields"]
    params: dict[str, str | int] = {"fields": ",".join(fields), "per_page": 200, "converted": "both"}
    headers = {"Authorization": f"Zoho-oauthtoken {cfg['access_token']}"}
    with ZohoCRM(**client_kwargs(cfg)) as crm, httpx.Client(base_url=cfg["api_domain"] + "/crm/v8") as raw:

        def ours() -> Page:
            page = crm.records.list(cfg["module"], fields=fields, per_page=200, converted="both")
            assert len(page) == 200
            return page

        def baseline() -> object:
            response = raw.get(f"/{cfg['module']}", params=params, headers=headers)
            assert response.status_code == 200
            data = json.loads(response.content)
            assert len(data["data"]) == 200
            return data

        keys = len(ours().records[0])
        samples = compare({"ours": ours, "raw": baseline}, repeat=cfg["repeat"], number=cfg["number"], warmup=2)
        stats = crm.stats
    return {"ours": samples["ours"], "raw": samples["raw"], "stats": stats, "keys_per_record": keys}


def apply_prototype(name: str | None) -> None:
    """Monkeypatch a proposed fix into this worker's client, to measure its gain (never in the real figures).

    - ``pop_parsed``: the parsed body cached on the ``httpx.Response`` is taken off it when read, so it
      is not kept alive by httpx's Response ↔ BoundSyncStream reference cycle until a full collection.
    - ``pop_parsed_unbind``: the same, and that cycle broken once the body is read.
    """
    from zoho_crm import _batch, _engine, _plans, _records, _related

    if name in ("pop_parsed", "pop_parsed_unbind"):
        original = _engine.read_json
        key = getattr(_engine, "_PARSED", None)
        unbind = name == "pop_parsed_unbind"

        def read_json(response: httpx.Response) -> Any:
            parsed = response.__dict__.pop(key, None) if key else None
            if unbind and getattr(response.stream, "_response", None) is response:
                response.stream._response = None
            return parsed if parsed is not None else original(response)

        for module in (_engine, _plans, _batch, _records, _related):
            if hasattr(module, "read_json"):
                module.read_json = read_json  # type: ignore[attr-defined]


def batch(cfg: dict[str, Any]) -> dict[str, Any]:
    """``records.upsert`` of ``count`` records (sync or async client), wall time of the call alone."""
    apply_prototype(cfg.get("prototype"))
    records = page_fixture.upsert_records(cfg["count"], tag=cfg["tag"], lean=cfg.get("lean", False))
    warmup = page_fixture.upsert_records(cfg["concurrency"] * 100, tag=cfg["tag"] + "w", lean=cfg.get("lean", False))
    options = {"duplicate_check_fields": ["Email"], "concurrency": cfg["concurrency"]}
    if cfg["mode"] == "sync":
        with ZohoCRM(**client_kwargs(cfg), max_concurrency=cfg["concurrency"]) as crm:
            crm.records.upsert(cfg["module"], warmup, **options)  # token, connections, code paths warmed
            cpu, started = time.process_time(), time.perf_counter()
            result = crm.records.upsert(cfg["module"], records, **options)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
            stats = crm.stats
    else:
        box: dict[str, Any] = {}

        async def go() -> None:
            # Results go in ``box``, not in the task's result: on Python 3.11, asyncio.run's SIGINT
            # handling reprs the finished main task, result included (a full BatchResult repr).
            async with AsyncZohoCRM(**client_kwargs(cfg), max_concurrency=cfg["concurrency"]) as crm:
                await crm.records.upsert(cfg["module"], warmup, **options)
                cpu, started = time.process_time(), time.perf_counter()
                box["result"] = await crm.records.upsert(cfg["module"], records, **options)
                box["elapsed"], box["cpu"] = time.perf_counter() - started, time.process_time() - cpu
                box["stats"] = crm.stats

        asyncio.run(go())
        result, elapsed, cpu, stats = box["result"], box["elapsed"], box["cpu"], box["stats"]
    failures = sorted({f.code for f in result.failed})
    return {
        "seconds": elapsed,
        "calls": result.calls,
        "succeeded": len(result.succeeded),
        "failed": failures,
        "stats": stats,
        "client_cpu_s": cpu,
    }


def raw_batch(cfg: dict[str, Any]) -> dict[str, Any]:
    """The same upsert calls with pre-encoded bodies over raw ``httpx.Client`` on ``concurrency`` threads.

    Not a goal: it shows how close a minimal client gets to the floor against this sandbox, which
    separates the sandbox's own overhead from the client's.
    """
    records = page_fixture.upsert_records(cfg["count"], tag=cfg["tag"], lean=cfg.get("lean", False))
    bodies = [
        json.dumps({"data": records[i : i + 100], "duplicate_check_fields": ["Email"]}).encode()
        for i in range(0, len(records), 100)
    ]
    headers = {"Authorization": f"Zoho-oauthtoken {cfg['access_token']}", "Content-Type": "application/json"}
    limits = httpx.Limits(max_connections=cfg["concurrency"] + 5, max_keepalive_connections=cfg["concurrency"])
    warmup = page_fixture.upsert_records(cfg["concurrency"] * 100, tag=cfg["tag"] + "w", lean=cfg.get("lean", False))
    warm_bodies = [json.dumps({"data": warmup[i : i + 100]}).encode() for i in range(0, len(warmup), 100)]
    with httpx.Client(base_url=cfg["api_domain"] + "/crm/v8", limits=limits, timeout=30) as raw:

        def send(body: bytes) -> int:
            response = raw.post(f"/{cfg['module']}/upsert", content=body, headers=headers)
            data = json.loads(response.content)["data"]
            return sum(1 for item in data if item.get("status") == "success")

        with ThreadPoolExecutor(cfg["concurrency"]) as pool:
            sum(pool.map(send, warm_bodies))
            cpu, started = time.process_time(), time.perf_counter()
            succeeded = sum(pool.map(send, bodies))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": elapsed, "calls": len(bodies), "succeeded": succeeded, "client_cpu_s": cpu}


def current_rss() -> int:
    """Resident set size now, in bytes (Linux ``/proc``; 0 elsewhere).

    (``ru_maxrss`` cannot be used: Linux carries the high-water mark of the parent, which holds the
    sandbox's 100,000 records, across ``fork``/``exec`` into this process.)
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * resource.getpagesize()
    except OSError:
        return 0


def stream(cfg: dict[str, Any]) -> dict[str, Any]:
    """Iterate every record with ``records.iter``, twice: RSS growth untraced, then the traced peak.

    The figure is the traced pass's peak over its baseline (Python allocations of the client alone);
    the first pass gives the peak RSS growth without tracemalloc's own bookkeeping, and its speed.
    """
    apply_prototype(cfg.get("prototype"))
    with ZohoCRM(**client_kwargs(cfg)) as crm:
        crm.records.count(cfg["module"])  # token, connection and lazy imports outside the measurement
        rss_before = rss_peak = current_rss()
        started = time.perf_counter()
        count = 0
        for _record in crm.records.iter(cfg["module"], fields=cfg["fields"], per_page=200, converted="both"):
            count += 1
            if count % 200 == 0:
                rss_peak = max(rss_peak, current_rss())
        untraced = time.perf_counter() - started

        tracemalloc.start()
        baseline, _ = tracemalloc.get_traced_memory()
        traced_count = 0
        for _record in crm.records.iter(cfg["module"], fields=cfg["fields"], per_page=200, converted="both"):
            traced_count += 1
        del _record
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        calls = crm.stats.get("calls", 0)
    return {
        "records": min(count, traced_count),
        "peak_growth_bytes": peak - baseline,
        "retained_bytes": current - baseline,
        "rss_growth_bytes": rss_peak - rss_before,
        "seconds_untraced": untraced,
        "calls": calls,
    }


def one_page_bytes(cfg: dict[str, Any]) -> dict[str, Any]:
    """Traced memory of holding one page (its body and its parsed records): the streaming figure's yardstick."""
    body = page_fixture.page_bytes()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    held = bytes(body), json.loads(body)
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    return {"page_bytes": after - before, "page_peak_bytes": peak - before}


JOBS = {"e2e": e2e, "batch": batch, "raw_batch": raw_batch, "stream": stream, "one_page": one_page_bytes}

if __name__ == "__main__":
    job, settings = sys.argv[1], json.loads(sys.argv[2])
    out = JOBS[job](settings)
    if "ours" in out:
        out["ours_median"], out["raw_median"] = median(out["ours"]), median(out["raw"])
    print(json.dumps(out))
