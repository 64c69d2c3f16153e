"""The client side of the live figures, run in its own process against the sandbox served by ``live_benches``.

The sandbox serves from a thread of the parent process; the client runs here so that the two never
share a GIL (on 2 cores: one for the server, one for the client) and so that memory figures are the
client's alone. Usage: ``python client_worker.py {e2e|batch|raw_batch|stream} '<json settings>'``;
prints one JSON object.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import resource
import sys
import threading
import time
import tracemalloc
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import orjson
import page_fixture
from harness import compare, median

from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, BatchResult, Page, RefreshTokenCredentials, ZohoCRM


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
    from zoho_crm import _batch, _engine, _plans, _runtime

    if name in ("pop_parsed", "pop_parsed_unbind"):
        original = _engine.read_json
        key = getattr(_engine, "_PARSED", None)
        unbind = name == "pop_parsed_unbind"

        def read_json(response: httpx.Response) -> Any:
            parsed = response.__dict__.pop(key, None) if key else None
            if unbind and getattr(response.stream, "_response", None) is response:
                response.stream._response = None
            return parsed if parsed is not None else original(response)

        for module in (_engine, _plans, _batch, _runtime):
            if hasattr(module, "read_json"):
                module.read_json = read_json  # type: ignore[attr-defined]


def settled(result: BatchResult) -> BatchResult:
    """What a job reads of its result inside the timing, as the raw references count their successes: the
    failures and the ids (the ``Success`` objects are built on first access, which a job need not make)."""
    result.failed, result.ids  # noqa: B018
    return result


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
            settled(result)
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
                box["result"] = settled(await crm.records.upsert(cfg["module"], records, **options))
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


def _neutral_client(cfg: dict[str, Any], cls: Any = ZohoCRM) -> Any:
    """A client on the neutral server with the default ``max_concurrency`` (calls ask for their own)."""
    return cls(AccessTokenCredentials("bench-token"), api_domain=cfg["base_url"])


def neutral_batch(cfg: dict[str, Any]) -> dict[str, Any]:
    """``records.upsert`` of ``count`` records at ``concurrency`` (sync, async) or the raw reference, neutral server."""
    if cfg["mode"] == "raw":
        return _raw_upserts(cfg, cfg["base_url"] + "/crm/v8", {"Content-Type": "application/json"})
    if cfg["mode"] == "raw_async":
        return _raw_async_upserts(cfg)
    records = page_fixture.upsert_records(cfg["count"], tag=cfg["tag"])
    warmup = page_fixture.upsert_records(cfg["concurrency"] * 100, tag=cfg["tag"] + "w")
    options = {"duplicate_check_fields": ["Email"], "concurrency": cfg["concurrency"]}
    box: dict[str, Any] = {}
    if cfg["mode"] == "sync":
        with _neutral_client(cfg) as crm:
            crm.records.upsert(cfg["module"], warmup, **options)
            cpu, started = time.process_time(), time.perf_counter()
            box["result"] = settled(crm.records.upsert(cfg["module"], records, **options))
            box["elapsed"], box["cpu"] = time.perf_counter() - started, time.process_time() - cpu
            box["stats"] = crm.stats
    else:

        async def go() -> None:
            async with _neutral_client(cfg, AsyncZohoCRM) as crm:
                await crm.records.upsert(cfg["module"], warmup, **options)
                cpu, started = time.process_time(), time.perf_counter()
                box["result"] = settled(await crm.records.upsert(cfg["module"], records, **options))
                box["elapsed"], box["cpu"] = time.perf_counter() - started, time.process_time() - cpu
                box["stats"] = crm.stats

        asyncio.run(go())
    result = box["result"]
    return {
        "seconds": box["elapsed"],
        "calls": result.calls,
        "succeeded": len(result.succeeded),
        "failed": sorted({f.code for f in result.failed}),
        "stats": box["stats"],
        "client_cpu_s": box["cpu"],
    }


def _chunks(cfg: dict[str, Any]) -> tuple[list[list[dict[str, Any]]], list[list[dict[str, Any]]]]:
    """The records of a raw reference in chunks of 100, and its warm-up's."""
    records = page_fixture.upsert_records(cfg["count"], tag=cfg["tag"])
    warmup = page_fixture.upsert_records(cfg["concurrency"] * 100, tag=cfg["tag"] + "w")
    return [records[i : i + 100] for i in range(0, len(records), 100)], [
        warmup[i : i + 100] for i in range(0, len(warmup), 100)
    ]


def _body(chunk: list[dict[str, Any]]) -> bytes:
    """A raw reference's request body: encoded in the lane that sends it, with orjson, as a raw program must."""
    return orjson.dumps({"data": chunk, "duplicate_check_fields": ["Email"]})


def _raw_upserts(cfg: dict[str, Any], base_url: str, headers: dict[str, str]) -> dict[str, Any]:
    """The raw-httpx reference: the same records, each chunk encoded (orjson) and sent on ``concurrency`` threads.

    Nothing is checked; the encoding is timed, as any program sending records pays for it (our client
    encodes every chunk before its first request: that check-first rule is part of its cost).
    """
    chunks, warm = _chunks(cfg)
    limits = httpx.Limits(max_connections=cfg["concurrency"] + 5, max_keepalive_connections=cfg["concurrency"] + 5)
    with httpx.Client(base_url=base_url, limits=limits, timeout=30) as raw:

        def send(chunk: list[dict[str, Any]]) -> int:
            response = raw.post(f"/{cfg['module']}/upsert", content=_body(chunk), headers=headers)
            data = orjson.loads(response.content)["data"]
            return sum(1 for item in data if item.get("status") == "success")

        with ThreadPoolExecutor(cfg["concurrency"]) as pool:
            sum(pool.map(send, warm))
            cpu, started = time.process_time(), time.perf_counter()
            succeeded = sum(pool.map(send, chunks))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": elapsed, "calls": len(chunks), "succeeded": succeeded, "client_cpu_s": cpu, "failed": []}


def _raw_async_upserts(cfg: dict[str, Any]) -> dict[str, Any]:
    """The same calls over raw ``httpx.AsyncClient``, ``concurrency`` tasks at once (a semaphore)."""
    chunks, warm = _chunks(cfg)
    limits = httpx.Limits(max_connections=cfg["concurrency"] + 5, max_keepalive_connections=cfg["concurrency"] + 5)
    box: dict[str, Any] = {}

    async def go() -> None:
        gate = asyncio.Semaphore(cfg["concurrency"])
        headers = {"Content-Type": "application/json"}
        async with httpx.AsyncClient(base_url=cfg["base_url"] + "/crm/v8", limits=limits, timeout=30) as raw:

            async def send(chunk: list[dict[str, Any]]) -> int:
                async with gate:
                    response = await raw.post(f"/{cfg['module']}/upsert", content=_body(chunk), headers=headers)
                data = orjson.loads(response.content)["data"]
                return sum(1 for item in data if item.get("status") == "success")

            await asyncio.gather(*(send(chunk) for chunk in warm))
            cpu, started = time.process_time(), time.perf_counter()
            box["succeeded"] = sum(await asyncio.gather(*(send(chunk) for chunk in chunks)))
            box["elapsed"], box["cpu"] = time.perf_counter() - started, time.process_time() - cpu

    asyncio.run(go())
    return {"seconds": box["elapsed"], "calls": len(chunks), "succeeded": box["succeeded"], "client_cpu_s": box["cpu"],
            "failed": []}  # fmt: skip


def generated_records(count: int, tag: str) -> Iterator[dict[str, Any]]:
    """``count`` upsert items made as they are read: 1,000 fixture records cycled, each a copy with its own email."""
    base = page_fixture.upsert_records(1000, tag=tag)
    for n in range(count):
        record = dict(base[n % 1000])
        record["Email"] = f"{n}.{record['Email']}"
        yield record


class RssPeak:
    """The peak RSS of this process, sampled every 20 ms by a thread while in the ``with`` block."""

    def __init__(self) -> None:
        self.peak = current_rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, current_rss())

    def __enter__(self) -> RssPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, current_rss())


def neutral_stream(cfg: dict[str, Any]) -> dict[str, Any]:
    """``records.upsert_stream`` of ``count`` generated records (or the raw reference), peak RSS growth and time."""
    count, concurrency = cfg["count"], cfg["concurrency"]
    if cfg["mode"] == "raw":
        return _raw_stream(cfg)
    with _neutral_client(cfg) as crm:
        options = {"duplicate_check_fields": ["Email"], "concurrency": concurrency}
        warm = sum(o.ok for o in crm.records.upsert_stream(cfg["module"], generated_records(2500, "w"), **options))
        gc.collect()
        before = current_rss()
        with RssPeak() as rss:
            cpu, started = time.process_time(), time.perf_counter()
            ok = seen = 0
            for outcome in crm.records.upsert_stream(cfg["module"], generated_records(count, "s"), **options):
                ok += outcome.ok
                seen += 1
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        stats = crm.stats
    return {
        "seconds": elapsed,
        "records": seen,
        "succeeded": ok,
        "warmup_succeeded": warm,
        "rss_before_bytes": before,
        "rss_growth_bytes": rss.peak - before,
        "client_cpu_s": cpu,
        "calls": stats.get("calls", 0),
    }


def _raw_stream(cfg: dict[str, Any]) -> dict[str, Any]:
    """The raw reference for a stream: chunks of 100 read from the same generator, encoded (orjson) just before
    sending on ``concurrency`` threads, at most ``2 x concurrency`` chunks ahead; successes counted."""
    import orjson

    concurrency = cfg["concurrency"]
    limits = httpx.Limits(max_connections=concurrency + 5, max_keepalive_connections=concurrency + 5)
    headers = {"Content-Type": "application/json"}
    with httpx.Client(base_url=cfg["base_url"] + "/crm/v8", limits=limits, timeout=30) as raw:

        def send(part: list[dict[str, Any]]) -> int:
            body = orjson.dumps({"data": part, "duplicate_check_fields": ["Email"]})
            data = orjson.loads(raw.post(f"/{cfg['module']}/upsert", content=body, headers=headers).content)["data"]
            return sum(1 for item in data if item.get("status") == "success")

        def run(records: Iterator[dict[str, Any]]) -> int:
            done = 0
            window: deque[Any] = deque()
            with ThreadPoolExecutor(concurrency) as pool:
                while part := list(itertools.islice(records, 100)):
                    window.append(pool.submit(send, part))
                    if len(window) >= 2 * concurrency:
                        done += window.popleft().result()
                done += sum(future.result() for future in window)
            return done

        run(generated_records(2500, "w"))
        gc.collect()
        before = current_rss()
        with RssPeak() as rss:
            cpu, started = time.process_time(), time.perf_counter()
            ok = run(generated_records(cfg["count"], "s"))
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "seconds": elapsed,
        "records": cfg["count"],
        "succeeded": ok,
        "rss_before_bytes": before,
        "rss_growth_bytes": rss.peak - before,
        "client_cpu_s": cpu,
    }


JOBS = {
    "e2e": e2e,
    "batch": batch,
    "raw_batch": raw_batch,
    "stream": stream,
    "one_page": one_page_bytes,
    "neutral_batch": neutral_batch,
    "neutral_stream": neutral_stream,
}

if __name__ == "__main__":
    job, settings = sys.argv[1], json.loads(sys.argv[2])
    out = JOBS[job](settings)
    if "ours" in out:
        out["ours_median"], out["raw_median"] = median(out["ours"]), median(out["raw"])
    print(json.dumps(out))
