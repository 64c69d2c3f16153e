"""Every ```python example of the README and of docs/ runs, in order, against a sandbox on loopback.

An example written for a real org (``ZohoCRM(credentials, data_center=DataCenter.EU)``) gets a hidden
setup: ``client_id``, ``client_secret``, ``refresh_token`` and ``soid`` are the sandbox's, and a client
built without ``api_domain``/``accounts_url`` is pointed at the sandbox. The blocks of one page share a
namespace, as a reader who runs them one after the other would. Other fences (bash, console) are not run.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from zoho_crm import _client
from zoho_crm.testing import Sandbox, sandbox

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def examples(page: Path) -> list[tuple[int, str]]:
    """Each ```python block of ``page``: its first line number and its code."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in FENCE.finditer(text)]


@pytest.fixture
def org(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox on loopback standing in for the real org; clients with no explicit URLs go to it."""
    with sandbox(mode="http") as sb:
        setup = _client._Setup.__init__

        def pointed(
            self: Any, credentials: Any, *, api_domain: str | None, accounts_url: str | None, **kw: Any
        ) -> None:
            setup(
                self,
                credentials,
                api_domain=api_domain or sb.api_domain,
                accounts_url=accounts_url or sb.accounts_url,
                **kw,
            )

        monkeypatch.setattr(_client._Setup, "__init__", pointed)
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


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_example_runs(page: Path, org: Sandbox) -> None:
    credentials = org.credentials
    namespace: dict[str, Any] = {
        "__name__": "__docs__",
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
        "refresh_token": credentials.refresh_token,
        "soid": org.client_credentials.soid,
    }
    for line, code in examples(page):
        run_block(code, f"{page.relative_to(ROOT)}:{line}", namespace)
