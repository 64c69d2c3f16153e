"""Fresh-interpreter figures: import time of ``zoho_crm`` vs the official SDK (5), regeneration (6)."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import Figure, failed, skipped

ROOT = Path(__file__).resolve().parent.parent
IMPORT_GOAL = "≤ 100 ms and < ⅓ of the SDK's"
REGEN_GOAL = "≤ 10 s"
SDK_RECORD_MODULE = "zohocrmsdk.src.com.zoho.crm.api.record"

_TIMER = "import time as _t; _s = _t.perf_counter(); import {module}; print(_t.perf_counter() - _s)"
_NO_CLICK = "import sys; sys.modules['click'] = None; "
"""Makes ``import click`` fail, as in an environment without httpx's optional CLI extras (click, rich, pygments).
httpx imports them at import time when they are installed (``httpx._main``), which costs ~35 ms here."""


_PYCACHE = tempfile.mkdtemp(prefix="zoho-bench-pycache-")
atexit.register(shutil.rmtree, _PYCACHE, ignore_errors=True)


def bytecode_env(env: dict[str, str] | None) -> dict[str, str]:
    """``env`` with bytecode caching on, in a private folder: every side is measured from warm ``.pyc`` files.

    (``PYTHONDONTWRITEBYTECODE`` would make the work tree's modules compile on every import, while an
    installed SDK has its ``.pyc`` files from pip; the private prefix also keeps the work tree clean.)
    """
    result = dict(os.environ if env is None else env)
    result.pop("PYTHONDONTWRITEBYTECODE", None)
    result["PYTHONPYCACHEPREFIX"] = _PYCACHE
    return result


def import_seconds(
    python: str, module: str, *, runs: int, env: dict[str, str] | None = None, without_cli: bool = False
) -> list[float]:
    """Seconds to ``import module`` in ``runs`` fresh interpreters (after one run that writes bytecode)."""
    code = (_NO_CLICK if without_cli else "") + _TIMER.format(module=module)
    env = bytecode_env(env)
    times = []
    for i in range(runs + 1):
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
        if i:
            times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def import_profile(python: str, module: str, *, env: dict[str, str] | None = None, top: int = 12) -> list[str]:
    """The modules with the largest cumulative import time (``python -X importtime``), for the notes."""
    out = subprocess.run(
        [python, "-X", "importtime", "-c", _NO_CLICK + f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        env=bytecode_env(env),
        cwd=ROOT,
    )
    rows = []
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            rows.append((int(match.group(2)), int(match.group(1)), len(match.group(3)) // 2, match.group(4)))
    rows.sort(reverse=True)
    return [f"{name} {cum / 1000:.1f} ms (self {own / 1000:.1f})" for cum, own, _depth, name in rows[:top]]


def client_env() -> dict[str, str]:
    """The environment that imports the client from the work tree (``overlays``, ``generated``)."""
    env = dict(os.environ)
    paths = [str(ROOT / "overlays"), str(ROOT / "generated")]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def bench_import(sdk_python: str, runs: int, sdk_ok: bool) -> Figure:
    """Figure 5: best of ``runs`` fresh imports of ``zoho_crm`` against the SDK's record module."""
    key, name = "import_time", "Import zoho_crm (fresh interpreter, best of N)"
    env = client_env()
    with_cli = import_seconds(sys.executable, "zoho_crm", runs=runs, env=env)
    without_cli = import_seconds(sys.executable, "zoho_crm", runs=runs, env=env, without_cli=True)
    httpx_alone = import_seconds(sys.executable, "httpx, attrs", runs=runs, env=env, without_cli=True)
    ours = min(without_cli)
    notes = (
        f"with httpx's optional CLI deps installed (click/rich, as in this venv): {min(with_cli) * 1e3:.0f} ms; "
        f"httpx+attrs alone: {min(httpx_alone) * 1e3:.0f} ms"
    )
    details = {
        "ours_s": without_cli,
        "ours_with_httpx_cli_s": with_cli,
        "httpx_attrs_s": httpx_alone,
        "profile": import_profile(sys.executable, "zoho_crm", env=env),
    }
    if not sdk_ok:
        figure = Figure(
            key, name, ours * 1e3, "ms", goal=IMPORT_GOAL, notes=notes + "; SDK not installed", details=details
        )
        figure.passed = False if ours > 0.100 else None
        return figure
    sdk = import_seconds(sdk_python, SDK_RECORD_MODULE, runs=runs, env=env)
    details["sdk_s"] = sdk
    figure = Figure(
        key,
        name,
        ours * 1e3,
        "ms",
        f"SDK {SDK_RECORD_MODULE}",
        min(sdk) * 1e3,
        IMPORT_GOAL,
        notes=notes,
        details=details,
    )
    figure.passed = ours <= 0.100 and figure.ratio is not None and figure.ratio < 1 / 3
    return figure


def bench_regenerate(runs: int) -> Figure:
    """Figure 6: ``python generator/generate.py --out <tmp>`` end to end, best of ``runs``."""
    key, name = "regenerate", "Regenerate the client (generator/generate.py --out tmp)"
    probe = subprocess.run([sys.executable, "-c", "import yaml, openapi_python_client"], capture_output=True)
    if probe.returncode != 0:
        return skipped(key, name, "s", REGEN_GOAL, "generator requirements are not installed")
    times = []
    try:
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="zoho-regen-") as tmp:
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, str(ROOT / "generator" / "generate.py"), "--out", str(Path(tmp) / "generated")],
                    check=True,
                    capture_output=True,
                    cwd=ROOT,
                    timeout=120,
                )
                times.append(time.perf_counter() - started)
    except subprocess.SubprocessError as exc:
        return failed(key, name, "s", REGEN_GOAL, exc)
    best = min(times)
    figure = Figure(
        key,
        name,
        best,
        "s",
        "budget",
        10.0,
        REGEN_GOAL,
        notes="runs: " + ", ".join(f"{t:.2f} s" for t in times),
        details={"runs_s": times},
    )
    figure.passed = best <= 10.0
    return figure


def run(
    sdk_python: str, sdk_ok: bool, runs: int, *, do_import: bool = True, do_regenerate: bool = True
) -> list[Figure]:
    """Figures 5 and 6."""
    figures = []
    if do_import:
        try:
            figures.append(bench_import(sdk_python, runs, sdk_ok))
        except Exception as exc:
            figures.append(failed("import_time", "Import zoho_crm", "ms", IMPORT_GOAL, exc))
    if do_regenerate:
        figures.append(bench_regenerate(max(2, runs // 3)))
    return figures
