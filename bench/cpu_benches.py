"""In-process CPU figures: parsing a 200-record page (1) and serialising a 100-record upsert body (7)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import httpx
import page_fixture
from harness import Figure, compare, failed, median, paired, skipped, spread

from zoho_crm import _engine, _plans, _writes
from zoho_crm.results import Page
from zoho_crm_api.resources.records import _UPSERT_RECORDS as UPSERT

BENCH_DIR = Path(__file__).resolve().parent
LIST_URL = "https://www.zohoapis.com/crm/v8/Leads"
HTTP = httpx.Client(base_url="https://www.zohoapis.com/crm/v8")
"""Only builds requests (never sends): the engine needs a client for its base URL."""
PARSE_GOAL = "≤ 3x json.loads"
SDK_GOAL = "≥ 10x faster (≤ 0.10x)"
SERIALISE_GOAL = "≤ 3x json.dumps"


def parse_page(body: bytes, request: httpx.Request) -> Page:
    """Our path: the answer's bytes → :class:`Page` (records and generated ``PageInfo``)."""
    response = httpx.Response(200, content=body, request=request, headers={"content-type": "application/json"})
    return _plans.page_from(response)


def bench_parse(repeat: int) -> tuple[Figure, bytes]:
    """Figure 1a: ``page_from`` against ``json.loads`` alone, same bytes, interleaved."""
    body = page_fixture.page_bytes()
    request = httpx.Request("GET", LIST_URL, params={"fields": ",".join(page_fixture.FIELD_NAMES), "per_page": 200})
    page = parse_page(body, request)
    assert len(page.records) == page_fixture.PAGE_SIZE
    assert page.more_records
    assert page.next_page_token
    samples = compare(
        {"ours": lambda: parse_page(body, request), "json.loads": lambda: json.loads(body)},
        repeat=repeat,
        number=30,
        warmup=2,
    )
    ours, base = median(samples["ours"]), median(samples["json.loads"])
    figure = Figure(
        "parse_vs_json",
        "Parse a 200-record page (50 keys/record) → Page",
        ours * 1e3,
        "ms",
        "json.loads alone",
        base * 1e3,
        PARSE_GOAL,
        notes=f"page {len(body) / 1024:.0f} KiB; ours {spread(samples['ours'])}, "
        f"json.loads {spread(samples['json.loads'])}",
        paired_ratio=paired(samples["ours"], samples["json.loads"]),
    )
    figure.passed = figure.ratio is not None and figure.ratio <= 3.0
    return figure, body


def sdk_available(python: str) -> bool:
    """Whether ``python`` can import Zoho's official SDK."""
    probe = subprocess.run([python, "-c", "import zohocrmsdk.src.com.zoho.crm.api.record"], capture_output=True)
    return probe.returncode == 0


def bench_sdk(ours_ms: float | None, body: bytes, python: str, repeat: int) -> Figure:
    """Figure 1b: our parse against the official SDK's ``JSONConverter.get_response`` on the same page."""
    key, name = "parse_vs_sdk", "Parse the same page: ours vs official SDK (zohocrmsdk8-0)"
    if not sdk_available(python):
        return skipped(key, name, "ms", SDK_GOAL, f"zohocrmsdk8-0 is not importable by {python}")
    try:
        with tempfile.TemporaryDirectory(prefix="zoho-bench-") as tmp:
            page_file = Path(tmp) / "page.json"
            page_file.write_bytes(body)
            run = subprocess.run(
                [python, str(BENCH_DIR / "sdk_baseline.py"), "--page", str(page_file), "--repeat", str(repeat)],
                capture_output=True,
                text=True,
                check=True,
                timeout=300,
            )
        result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        return failed(key, name, "ms", SDK_GOAL, exc)
    sdk_ms = result["median"] * 1e3
    cache = (
        f"SDK {result['sdk_version']} field cache {result['cache_bytes']:,} bytes "
        f"({len(result['cache_modules'])} modules: {', '.join(result['cache_modules'])}; "
        f"{result['cache_fields']} fields)"
    )
    figure = Figure(
        key, name, ours_ms, "ms", "official SDK JSONConverter", sdk_ms, SDK_GOAL, notes=cache, details=result
    )
    ratio = figure.ratio
    figure.passed = ratio is not None and ratio <= 0.1
    if ratio:
        figure.notes += f"; SDK is {1 / ratio:.1f}x slower"
    return figure


def upsert_payload(count: int = 100) -> dict[str, Any]:
    """The body dict ``records.upsert`` builds for one call (``data`` plus its options)."""
    return {"data": page_fixture.upsert_records(count), "duplicate_check_fields": ["Email"]}


def plan_chunk(payload: dict[str, Any]) -> dict[str, Any]:
    """The chunk's generated-call arguments as ``records.upsert`` plans them: options checked (``_writes.body_options``:
    their types and the generated model) once, the body encoded (and so checked) by ``_json``."""
    extra = _writes.body_options(UPSERT, {k: v for k, v in payload.items() if k != "data"})
    return _plans.chunk_arguments({"module": "Leads"}, extra, {})(payload["data"])


def serialise(payload: dict[str, Any]) -> httpx.Request:
    """Our whole path to the request: the chunk planned, then built by the engine (generated ``_get_kwargs``)."""
    return _engine._request(HTTP, "records.upsert_records", plan_chunk(payload))


def bench_serialise(repeat: int) -> Figure:
    """Figure 7: building a 100-record upsert request body against ``json.dumps`` of the same dicts."""
    payload = upsert_payload()
    sent = json.loads(serialise(payload).content)
    assert sent == payload, "the client changed the body it sends"
    planned = plan_chunk(payload)
    samples = compare(
        {
            "ours": lambda: serialise(payload),
            "json.dumps": lambda: json.dumps(payload),
            "plan (encode)": lambda: plan_chunk(payload),
            "build request": lambda: _engine._request(HTTP, "records.upsert_records", planned),
        },
        repeat=repeat,
        number=50,
        warmup=2,
    )
    ours, base = median(samples["ours"]), median(samples["json.dumps"])
    parts = {k: median(samples[k]) * 1e3 for k in ("plan (encode)", "build request")}
    figure = Figure(
        "serialise_upsert",
        "Serialise a 100-record upsert body",
        ours * 1e3,
        "ms",
        "json.dumps alone",
        base * 1e3,
        SERIALISE_GOAL,
        notes=f"{len(json.dumps(payload)) / 1024:.0f} KiB; " + ", ".join(f"{k} {v:.3f} ms" for k, v in parts.items()),
        details={"parts_ms": parts},
        paired_ratio=paired(samples["ours"], samples["json.dumps"]),
    )
    figure.passed = figure.ratio is not None and figure.ratio <= 3.0
    return figure


def run_parse(repeat: int, sdk_python: str) -> list[Figure]:
    """Figures 1a and 1b."""
    try:
        parse, body = bench_parse(repeat)
    except Exception as exc:
        return [failed("parse_vs_json", "Parse a 200-record page", "ms", PARSE_GOAL, exc)]
    return [parse, bench_sdk(parse.value, body, sdk_python, max(5, repeat // 2))]


def run_serialise(repeat: int) -> list[Figure]:
    """Figure 7."""
    try:
        return [bench_serialise(repeat)]
    except Exception as exc:
        return [failed("serialise_upsert", "Serialise a 100-record upsert body", "ms", SERIALISE_GOAL, exc)]
