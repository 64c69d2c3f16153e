"""``nox -s bench``: every performance figure of the client side by side with its baseline, in one run.

Prints a table and writes ``bench/results/latest.md`` and ``bench/results/latest.json`` (date, machine,
each figure's value, baseline, ratio, goal and pass/fail). Usage::

    python bench/run.py [--quick] [--only parse,serialise,...] [--sdk-python PATH] [--strict]

Figures (keys for ``--only``): ``parse`` (1: page parse vs json.loads and vs the official SDK),
``e2e`` (2), ``batch`` (3), ``stream`` (4), ``import`` (5), ``regenerate`` (6), ``serialise`` (7),
``scale`` (8: upserts at concurrency 10/25 against raw httpx on a neutral server), ``million`` (9: a
1,000,000-record streaming upsert, peak RSS growth).
Exit status 0 unless ``--strict`` and a goal was missed (benchmarks inform; CI does not gate on them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
for _path in (BENCH_DIR, ROOT / "generated", ROOT / "overlays"):  # measure the work tree, installed or not
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from harness import Figure, machine  # noqa: E402

GROUPS = ("parse", "serialise", "import", "regenerate", "e2e", "batch", "stream", "scale", "million")
ORDER = [
    "parse_vs_json",
    "parse_vs_sdk",
    "e2e_overhead",
    "batch_sync",
    "batch_async",
    "stream_memory",
    "import_time",
    "regenerate",
    "serialise_upsert",
    *(f"scale_{n}k_c{c}_{m}" for n in (10, 100) for c in (10, 25) for m in ("sync", "async")),
    "million_stream_memory",
    "million_stream_time",
]
NUMBERS = {
    "parse_vs_json": "1a",
    "parse_vs_sdk": "1b",
    "e2e_overhead": "2",
    "batch_sync": "3a",
    "batch_async": "3b",
    "stream_memory": "4",
    "import_time": "5",
    "regenerate": "6",
    "serialise_upsert": "7",
    **{
        f"scale_{n}k_c{c}_{m}": f"8{letter}"
        for letter, (n, c, m) in zip(
            "abcdefgh", [(n, c, m) for n in (10, 100) for c in (10, 25) for m in ("sync", "async")], strict=True
        )
    },
    "million_stream_memory": "9a",
    "million_stream_time": "9b",
}


def log(message: str) -> None:
    """Progress on stderr (the table goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def collect(groups: set[str], *, quick: bool, sdk_python: str) -> list[Figure]:
    """Run the selected figures (CPU-bound ones first, while the machine is quiet)."""
    import cpu_benches
    import live_benches
    import startup_benches

    repeat = 5 if quick else 15
    figures: list[Figure] = []
    sdk_ok = cpu_benches.sdk_available(sdk_python)
    if "parse" in groups:
        log("1. parse a 200-record page: ours, json.loads, official SDK")
        figures += cpu_benches.run_parse(repeat, sdk_python)
    if "serialise" in groups:
        log("7. serialise a 100-record upsert body")
        figures += cpu_benches.run_serialise(repeat)
    if "import" in groups or "regenerate" in groups:
        log("5./6. import time in fresh interpreters, regeneration")
        figures += startup_benches.run(
            sdk_python, sdk_ok, 5 if quick else 9, do_import="import" in groups, do_regenerate="regenerate" in groups
        )
    live = [g for g in ("e2e", "batch", "stream", "scale", "million") if g in groups]
    if live:
        log(f"2./3./4./8./9. live figures on loopback: {', '.join(live)}")
        figures += live_benches.run(
            repeat=10 if quick else 20, batch_reps=3 if quick else 11, stream_count=100_000, only=set(live)
        )
    return sorted(figures, key=lambda f: ORDER.index(f.key) if f.key in ORDER else len(ORDER))


def fmt_value(value: float | None, unit: str) -> str:
    """A value with its unit, precision by magnitude."""
    if value is None:
        return "—"
    digits = 3 if abs(value) < 10 else 2 if abs(value) < 100 else 1
    return f"{value:.{digits}f} {unit}"


def fmt_result(figure: Figure) -> str:
    """PASS, FAIL or n/a."""
    return {True: "PASS", False: "FAIL", None: "n/a"}[figure.passed]


def rows(figures: list[Figure]) -> list[list[str]]:
    """The table's cells."""
    table = []
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "—"
        baseline = f"{fmt_value(f.baseline, f.unit)} ({f.baseline_name})" if f.baseline is not None else "—"
        table.append(
            [NUMBERS.get(f.key, "?"), f.name, fmt_value(f.value, f.unit), baseline, ratio, f.goal, fmt_result(f)]
        )
    return table


HEADER = ["#", "Figure", "Value", "Baseline (same run)", "Ratio", "Goal", "Result"]


def text_table(figures: list[Figure]) -> str:
    """The table for the terminal."""
    cells = [HEADER, *rows(figures)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(figures: list[Figure], info: dict[str, object]) -> str:
    """The results as markdown: the table, then each figure's notes."""
    out = [
        "# Benchmark results",
        "",
        f"{info['date']} · {info['machine']['cpu']} · {info['machine']['cores']} cores · "  # type: ignore[index]
        f"Python {info['machine']['python']} · `python bench/run.py{info['args']}`",  # type: ignore[index]
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "|".join("---" for _ in HEADER) + "|",
    ]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows(figures)]
    out += ["", "## Notes", ""]
    out += [f"- **{NUMBERS.get(f.key, '?')}. {f.name}**: {f.notes}" for f in figures if f.notes]
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run, noisier figures)")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated subset of {', '.join(GROUPS)}")
    parser.add_argument(
        "--sdk-python", default=sys.executable, help="interpreter that has zohocrmsdk8-0 installed (default: this one)"
    )
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results", help="folder for latest.md/.json")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()
    groups = {g.strip() for g in args.only.split(",") if g.strip()}
    unknown = groups - set(GROUPS)
    if unknown:
        parser.error(f"unknown figure group(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    figures = collect(groups, quick=args.quick, sdk_python=args.sdk_python)
    argv = " ".join(sys.argv[1:])
    info: dict[str, object] = {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "args": f" {argv}" if argv else "",
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(text_table(figures))
    for f in figures:
        if f.notes:
            print(f"  {NUMBERS.get(f.key, '?')}: {f.notes}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.md").write_text(markdown(figures, info), encoding="utf-8")
    document = {
        **info,
        "figures": [f.as_json() for f in figures],
        "summary": {
            k: sum(1 for f in figures if f.passed is v)
            for k, v in (("passed", True), ("failed", False), ("not_measured", None))
        },
    }
    (args.out / "latest.json").write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
    log(f"done in {info['seconds']} s; wrote {args.out / 'latest.md'} and latest.json")
    missed = [f.key for f in figures if f.passed is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
