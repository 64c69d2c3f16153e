"""``overlays/zoho_crm/_sync/`` is what generator/make_sync.py writes from ``_async/`` (each pair written once)."""

from __future__ import annotations

import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "generator"))
import make_sync

sys.path.remove(str(ROOT / "generator"))


def test_sync_twins_are_fresh_against_their_async_sources() -> None:
    stale = make_sync.stale()
    assert stale == [], f"overlays/zoho_crm/_sync is stale: run `nox -s generate` and commit. Differs: {stale}"


def test_every_sync_module_says_it_is_generated_and_names_its_source() -> None:
    rendered = make_sync.render()
    assert set(rendered) == {"__init__.py", *(p.name for p in make_sync.SOURCE.glob("*.py"))}
    for name, text in rendered.items():
        assert "do not edit" in text.splitlines()[0], name
        if name != "__init__.py":
            assert f"_async/{name}" in text.splitlines()[0]
            for left in ("async def", "await ", "AsyncEngine", "AsyncIterator"):
                assert left not in text, (name, left)
