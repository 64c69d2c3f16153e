"""Regenerate ``generated/`` from ``spec/``: what ``nox -s generate`` runs.

Steps: load the spec (one YAML file; a split spec would be bundled here first, since
openapi-python-client refuses non-local ``$ref``), write it as JSON, run openapi-python-client
with ``--fail-on-warning`` and our templates, format the result with the pinned ruff, and run
datamodel-code-generator for the second, independent reading of the schemas (pydantic models
used by the differential tests). Then ``make_sync.py`` writes ``overlays/zoho_crm/_sync/`` from ``_async/``.
Output is deterministic: running it twice changes nothing.

Usage: ``python generator/generate.py [--out DIR]`` (default: ``generated/``).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_sync
import surface

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "zoho-crm.yaml"
CONFIG = ROOT / "generator" / "config.yaml"
TEMPLATES = ROOT / "generator" / "templates"
BIN = Path(sys.executable).parent
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

CLIENT_PACKAGE = "zoho_crm_api"
MODELS_PACKAGE = "zoho_crm_models"
README = """# generated/ — do not edit

Output of `nox -s generate` (generator/generate.py) from `spec/zoho-crm.yaml`:

- `zoho_crm_api/`: the attrs + httpx client (openapi-python-client), shipped in the wheel,
  with the spec itself as `zoho_crm_api/openapi.json`.
- `zoho_crm_models/`: pydantic models of the same schemas (datamodel-code-generator), the
  independent second reading used by the differential tests; not shipped.

Change the spec, `generator/config.yaml` or `generator/templates/`, then regenerate.
A test fails when this folder is stale.
"""


def load_spec() -> dict[str, Any]:
    """The spec as one document (bundling point for a future multi-file spec); a YAML slip is one line."""
    try:
        with SPEC.open(encoding="utf-8") as f:
            spec: dict[str, Any] = yaml.safe_load(f)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{SPEC.relative_to(ROOT)}:{mark.line + 1}:{mark.column + 1}" if mark else SPEC.relative_to(ROOT)
        raise SystemExit(f"generate: {where}: {exc.problem or exc.context}") from None
    return spec


def unique_operation_ids(spec: dict[str, Any]) -> None:
    """Each ``operationId`` names one operation: a second (an operation pasted, its id kept) stops generation."""
    seen: dict[str, str] = {}
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op_id = item.get(method, {}).get("operationId") if isinstance(item, dict) else None
            if op_id in seen:
                raise surface.SpecError(
                    f"operationId {op_id} is used twice: {seen[op_id]} and {method.upper()} {path}; give each its own"
                )
            if op_id is not None:
                seen[op_id] = f"{method.upper()} {path}"


def api_version(spec: dict[str, Any]) -> str:
    """The API version: the ``version`` variable of the spec's server, the one place it lives."""
    return str(spec["servers"][0]["variables"]["version"]["default"])


def without_parameter_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec as openapi-python-client reads it: no parameter has a ``default``.

    Zoho applies a parameter's default when it is left out; a request builder would send it on every
    call instead (and with it one of a pair ``x-zoho-excludes`` forbids). The sandbox and the change
    report read the spec as written.
    """
    spec = copy.deepcopy(spec)
    items = [op for path in spec["paths"].values() for op in [path, *path.values()] if isinstance(op, dict)]
    declared = [
        *spec.get("components", {}).get("parameters", {}).values(),
        *(p for op in items for p in op.get("parameters", [])),
    ]
    for param in declared:
        if isinstance(param.get("schema"), dict):
            param["schema"].pop("default", None)
    return spec


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run([str(a) for a in args], check=False, env={**os.environ, **(env or {})})
    if done.returncode:  # its own messages are above: no traceback under them
        tool = args[2] if args[1] == "-m" else Path(args[0]).name
        raise SystemExit(f"generate: {tool} failed (exit {done.returncode}); its messages are above")


def ruff(*args: str | Path) -> None:
    run(sys.executable, "-m", "ruff", *args)


def generate(out: Path) -> None:
    spec = load_spec()
    unique_operation_ids(spec)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        spec_json = tmp / "openapi.json"
        spec_json.write_text(json.dumps(spec, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        builders_json = tmp / "builders.json"
        builders_json.write_text(json.dumps(without_parameter_defaults(spec)), encoding="utf-8")
        config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
        config["package_version_override"] = api_version(spec)
        config_path = tmp / "config.yaml"
        config_path.write_text(yaml.safe_dump(config), encoding="utf-8")

        stage = tmp / "out"
        stage.mkdir()
        client_dir = stage / CLIENT_PACKAGE
        run(
            BIN / "openapi-python-client",
            "generate",
            "--path",
            builders_json,
            "--config",
            config_path,
            "--custom-template-path",
            TEMPLATES,
            "--meta",
            "none",
            "--output-path",
            client_dir,
            "--overwrite",
            "--fail-on-warning",
        )
        shutil.copy(spec_json, client_dir / "openapi.json")
        (client_dir / "py.typed").write_text("# Marker file for PEP 561\n", encoding="utf-8")
        surface.render(spec, client_dir, api_version(spec))

        models_dir = stage / MODELS_PACKAGE
        models_dir.mkdir()
        # The pydantic reading cannot carry a pattern on a date-time (AwareDatetime); it keeps microseconds
        # anyway, which is what the pattern says. That one notice is expected, so it is not shown.
        run(
            BIN / "datamodel-codegen",
            "--input",
            spec_json,
            "--input-file-type",
            "openapi",
            "--output",
            models_dir / "__init__.py",
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--target-python-version",
            "3.10",
            "--use-standard-collections",
            "--use-union-operator",
            "--field-constraints",
            "--use-schema-description",
            "--disable-timestamp",
            "--allow-extra-fields",
            "--field-type-collision-strategy",
            "rename-type",
            "--formatters",
            "builtin",
            env={"PYTHONWARNINGS": "ignore:Pydantic does not take pattern on AwareDatetime"},
        )
        (stage / "README.md").write_text(README, encoding="utf-8")

        fmt = ("--isolated", "--target-version", "py310", "--line-length", "120")
        ruff("check", *fmt, "--select", "F401,I,UP", "--fix-only", "--quiet", stage)
        ruff("format", *fmt, "--quiet", stage)

        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(stage, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    out = parser.parse_args().out.resolve()
    try:
        generate(out)
    except surface.SpecError as exc:
        raise SystemExit(f"generate: {SPEC.relative_to(ROOT)}: {exc}") from None
    if out == (ROOT / "generated").resolve():  # not for a copy (the staleness test): tests/spine/test_make_sync.py
        make_sync.write()  # overlays/zoho_crm/_sync/ from _async/ (unasync)


if __name__ == "__main__":
    main()
