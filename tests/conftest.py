"""Fixtures shared by every test folder."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    """The spec as shipped in the generated package (identical to spec/zoho-crm.yaml)."""
    return json.loads((files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8"))
