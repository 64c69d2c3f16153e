"""Prototype of the import-time fix, measured: a copy of ``generated/zoho_crm_api`` with lazy imports.

Nothing under ``generated/`` or ``generator/`` is changed: the copy is rewritten in a temporary folder,
in three cumulative steps, each of which a template change would produce:

A. ``models/__init__.py`` resolves its names on first use (PEP 562 ``__getattr__``) instead of importing
   all model modules (``models_init.py.jinja``);
B. ``zoho_crm_api/__init__.py`` does the same for ``Client``/``AuthenticatedClient`` (``package_init.py.jinja``);
C. each endpoint module imports its models and ``client`` only for type checking, and the response models
   inside ``_parse_response`` (``endpoint_module.py.jinja``): the overlay only calls ``_get_kwargs``;
D. (in a copy of ``overlays/``) ``asyncio`` is imported on first use in ``_batch``, ``_engine`` and
   ``_oauth`` (a sync-only program never needs it): a stand-in proxy here, local imports in a real fix.

Usage: ``python bench/prototypes/lazy_generated.py`` (prints best-of-N import times of ``zoho_crm``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from startup_benches import ROOT, import_seconds

GENERATED = ROOT / "generated" / "zoho_crm_api"

LAZY_GETATTR = '''

def __getattr__(name: str) -> object:
    """Import the module defining ``name`` on first use (PEP 562), so importing the package stays cheap."""
    import importlib

    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
'''


def lazy_init(path: Path) -> None:
    """Turn ``from .mod import Name`` lines of a package ``__init__`` into lazy names (kept for type checkers)."""
    text = path.read_text(encoding="utf-8")
    imports = re.findall(r"^from (\.[\w.]*) import ([\w, ]+)$", text, flags=re.M)
    lazy = {name.strip(): module for module, names in imports for name in names.split(",")}
    body = re.sub(r"^from \.[\w.]* import [\w, ]+\n", "", text, flags=re.M)
    typing_block = "\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n" + "".join(
        f"    from {module} import {name}\n" for name, module in lazy.items()
    )
    mapping = "\n_LAZY = {\n" + "".join(f"    {name!r}: {module!r},\n" for name, module in lazy.items()) + "}\n"
    # the generated docstrings are one line: keep it first
    doc, _, rest = body.partition('"""\n') if body.startswith('"""') else ("", "", body)
    head = doc + '"""\n' if doc else ""
    path.write_text(head + typing_block + mapping + rest + LAZY_GETATTR, encoding="utf-8")


def lazy_endpoint(path: Path) -> None:
    """Step C on one endpoint module."""
    text = path.read_text(encoding="utf-8")
    model_lines = re.findall(r"^from \.\.\.models\.\w+ import \w+$", text, flags=re.M)
    client_line = "from ...client import AuthenticatedClient, Client"
    kwargs_src = text[text.index("def _get_kwargs") : text.index("def _parse_response")]
    kwargs_body = kwargs_src[kwargs_src.index("-> dict[str, Any]:") :]
    runtime: list[str] = []
    deferred: list[str] = []
    for line in model_lines:
        name = line.rsplit(" ", 1)[1]
        (runtime if re.search(rf"\b{name}\b", kwargs_body) else deferred).append(line)
    for line in deferred:
        text = text.replace(line + "\n", "", 1)
    text = text.replace(client_line + "\n", "", 1)
    text = "from __future__ import annotations\n\nfrom typing import TYPE_CHECKING\n" + text
    block = "\nif TYPE_CHECKING:\n    " + client_line + "\n" + "".join(f"    {line}\n" for line in deferred)
    anchor = "from ...types import"
    at = text.index(anchor)
    end = text.index("\n", at) + 1
    text = text[:end] + block + text[end:]
    start = text.index("def _parse_response(")
    sig_end = re.compile(r"^[)\]]+:$|^\):$|^\) -> .*:$", re.M).search(text, start)
    assert sig_end is not None, path
    insert_at = sig_end.end() + 1
    local = "".join(f"    {line}\n" for line in deferred)
    text = text[:insert_at] + local + text[insert_at:]
    path.write_text(text, encoding="utf-8")


LAZY_ASYNCIO = """

class _LazyAsyncio:  # prototype stand-in for local ``import asyncio`` statements
    def __getattr__(self, name: str) -> object:
        import asyncio as module

        return getattr(module, name)


asyncio = _LazyAsyncio()
"""


def lazy_asyncio(folder: Path) -> Path:
    """Step D: a copy of ``overlays/`` whose modules import asyncio on first use; returns the copy."""
    target = folder / "overlays"
    shutil.copytree(ROOT / "overlays", target, ignore=shutil.ignore_patterns("__pycache__"))
    for module in (target / "zoho_crm").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        if "\nimport asyncio\n" in text:
            text = text.replace("\nimport asyncio\n", "\n", 1)
            last_import = max(m.end() for m in re.finditer(r"^(from \S+ import .+|import .+)$", text, flags=re.M))
            text = text[:last_import] + "\n" + LAZY_ASYNCIO + text[last_import:]
            module.write_text(text, encoding="utf-8")
    return target


def variant(folder: Path, steps: str) -> Path:
    """A copy of the generated package in ``folder`` with ``steps`` (of ``"ABC"``) applied; returns ``folder``."""
    target = folder / "zoho_crm_api"
    shutil.copytree(GENERATED, target)
    if "A" in steps:
        lazy_init(target / "models" / "__init__.py")
    if "B" in steps:
        lazy_init(target / "__init__.py")
    if "C" in steps:
        for module in sorted((target / "api").glob("*/*.py")):
            if module.name != "__init__.py":
                lazy_endpoint(module)
    return target.parent


SMOKE = """
import json, httpx
import zoho_crm
from zoho_crm import _plans
from zoho_crm_api.api.records import get_records, upsert_records
from zoho_crm_api.models import PageInfo, UpsertRecordsRequest
kw = get_records._get_kwargs(module="Leads", fields="Last_Name", per_page=200)
assert kw["params"]["per_page"] == 200
body = UpsertRecordsRequest.from_dict({"data": [{"Last_Name": "x"}], "duplicate_check_fields": ["Email"]})
assert upsert_records._get_kwargs("Leads", body=body)["json"]["data"] == [{"Last_Name": "x"}]
content = json.dumps({"data": [{"id": "1"}], "info": {"more_records": False, "per_page": 200}}).encode()
page = _plans.page_from(httpx.Response(200, content=content, request=httpx.Request("GET", "https://x/crm/v8/Leads")))
assert isinstance(page.info, PageInfo) and page.records == [{"id": "1"}]
print("ok")
"""


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory(prefix="zoho-lazy-") as tmp:
        for steps in ("", "A", "AB", "ABC", "ABCD"):
            generated = variant(Path(tmp) / steps, steps.replace("D", "")) if steps else GENERATED.parent
            overlays = lazy_asyncio(Path(tmp) / steps) if "D" in steps else ROOT / "overlays"
            env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(overlays), str(generated)]))
            smoke = subprocess.run([sys.executable, "-c", SMOKE], env=env, capture_output=True, text=True)
            status = "ok" if smoke.returncode == 0 else "BROKEN: " + smoke.stderr.strip().splitlines()[-1]
            best = min(import_seconds(sys.executable, "zoho_crm", runs=runs, env=env, without_cli=True))
            print(f"{steps or 'as generated':>12}: import zoho_crm {best * 1e3:6.1f} ms  (smoke test {status})")


if __name__ == "__main__":
    main()
