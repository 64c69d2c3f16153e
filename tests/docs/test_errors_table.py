"""docs/errors.md's table of errors against ``zoho_crm.errors``: every class listed, every stated base true."""

from __future__ import annotations

import builtins
import re

from tests.conftest import ROOT
from zoho_crm import errors
from zoho_crm.retries import RetryPolicy

PAGE = ROOT / "docs" / "errors.md"
NAMED_IN_PROSE = {"ZohoError", "APIError"}
"""Bases the prose before the table names (every error is a ``ZohoError``; the status families ``APIError``s)."""


def _first_cells() -> list[str]:
    table = PAGE.read_text(encoding="utf-8").split("| error | when |", 1)[1].split("\n\n", 1)[0]
    return [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]


def _cls(name: str) -> type:
    found = getattr(errors, name, None) or getattr(builtins, name)
    assert isinstance(found, type), name
    return found


def test_the_table_lists_every_public_error_class() -> None:
    listed = {name for cell in _first_cells() for name in re.findall(r"`(\w+)`", cell)} & set(errors.__all__)
    assert listed == set(errors.__all__) - NAMED_IN_PROSE
    text = PAGE.read_text(encoding="utf-8")
    assert all(re.search(rf"`(zoho_crm\.)?{name}`", text) for name in NAMED_IN_PROSE)


def test_every_base_the_table_states_is_a_base() -> None:
    stated = 0
    for cell in _first_cells():
        for name, said in re.findall(r"`(\w+)` \(([^)]*)\)", cell):
            for base in re.findall(r"`(\w+)`", said):
                assert issubclass(_cls(name), _cls(base)), f"{name} is not a {base}"
                stated += 1
    assert stated >= 8


def test_the_status_families_are_api_errors_and_the_retried_5xx_are_named() -> None:
    cells = _first_cells()
    names = [re.findall(r"`(\w+)`", cell)[0] for cell in cells]
    family = names[names.index("AuthenticationError") : names.index("InvalidResponseError") + 1]
    assert all(issubclass(_cls(name), errors.APIError) for name in family)
    *first, last = sorted(s for s in RetryPolicy().retry_statuses if s >= 500)
    assert f"{', '.join(map(str, first))} or {last} after the retries" in PAGE.read_text(encoding="utf-8")
