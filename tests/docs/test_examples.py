"""Every ```python example of the README, of docs/ and of the docstrings the API reference renders runs, in
order, against a sandbox on loopback.

An example written for a real org (``ZohoCRM(credentials, data_center=DataCenter.EU)``) gets a hidden
setup: ``client_id``, ``client_secret``, ``refresh_token`` and ``soid`` are the sandbox's, and a client
built without ``api_domain``/``accounts_url`` is pointed at the sandbox. The blocks of one page share a
namespace, as a reader who runs them one after the other would. Other fences (bash, console) are not run.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import zoho_crm
from tests.conftest import ROOT
from zoho_crm import _client
from zoho_crm.testing import Sandbox, sandbox

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def examples(page: Path) -> list[tuple[int, str]]:
    """Each ```python block of ``page``: its first line number and its code."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in FENCE.finditer(text)]


def docstrings() -> dict[str, str]:
    """The docstrings of every module, class, function and method of ``zoho_crm``, by qualified name."""
    found: dict[str, str] = {}
    for info in pkgutil.walk_packages(zoho_crm.__path__, "zoho_crm."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        found[info.name] = module.__doc__ or ""
        for name, obj in vars(module).items():
            if getattr(obj, "__module__", None) != info.name or not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            found[f"{info.name}.{name}"] = obj.__doc__ or ""
            for member, attr in vars(obj).items() if inspect.isclass(obj) else ():
                if inspect.isfunction(attr) or isinstance(attr, property):
                    found[f"{info.name}.{name}.{member}"] = attr.__doc__ or ""
    return found


DOCSTRING_EXAMPLES = {
    where: [m.group(1) for m in FENCE.finditer(inspect.cleandoc(doc))]
    for where, doc in docstrings().items()
    if "```python" in doc
}


@pytest.fixture
def org(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox on loopback standing in for the real org; clients with no explicit URLs go to it."""
    with sandbox(mode="http") as sb:
        setup = _client.Setup.__init__

        def pointed(self: Any, *, api_domain: str | None, accounts_url: str | None, **kw: Any) -> None:
            setup(
                self,
                api_domain=api_domain or sb.api_domain,
                accounts_url=accounts_url or sb.accounts_url,
                **kw,
            )

        monkeypatch.setattr(_client.Setup, "__init__", pointed)
        monkeypatch.chdir(tmp_path)  # examples that write files (a token store) write here
        yield sb


def run_block(code: str, where: str, namespace: dict[str, Any]) -> None:
    compiled = compile(code, where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    if compiled.co_flags & inspect.CO_COROUTINE:
        asyncio.run(eval(compiled, namespace))
    else:
        exec(compiled, namespace)


def test_the_pages_hold_examples() -> None:
    counts = {page.relative_to(ROOT).as_posix(): len(examples(page)) for page in PAGES}
    assert counts["README.md"] >= 2
    assert sum(counts.values()) >= 10, counts


def hidden_setup(org: Sandbox) -> dict[str, Any]:
    """What an example for a real org takes as given: its credentials (the sandbox's)."""
    credentials = org.credentials
    return {
        "__name__": "__docs__",
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
        "refresh_token": credentials.refresh_token,
        "soid": org.client_credentials.soid,
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_runs(page: Path, org: Sandbox) -> None:
    namespace = hidden_setup(org)
    for line, code in examples(page):
        run_block(code, f"{page.relative_to(ROOT)}:{line}", namespace)


@pytest.mark.parametrize("where", sorted(DOCSTRING_EXAMPLES))
def test_every_docstring_example_runs(where: str, org: Sandbox) -> None:
    """Docstring examples assume ``from zoho_crm import *``, as the API reference shows them."""
    namespace = hidden_setup(org) | {name: getattr(zoho_crm, name) for name in zoho_crm.__all__}
    for number, code in enumerate(DOCSTRING_EXAMPLES[where], 1):
        run_block(code, f"{where} (example {number})", namespace)


def test_the_docstrings_hold_examples() -> None:
    assert {"zoho_crm._sync._client.ZohoCRM", "zoho_crm._async._client.AsyncZohoCRM"} <= set(DOCSTRING_EXAMPLES)
