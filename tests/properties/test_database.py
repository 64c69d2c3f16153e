"""A test run leaves the checkout clean: the committed example database is read, never written."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import ROOT
from tests.properties._profiles import DATABASE, DB_DIR, LOCAL_DB_DIR


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_saves_deletes_and_moves_never_touch_the_committed_examples() -> None:
    before = _files(DB_DIR)
    assert before, "the committed examples are gone"
    key = b"tests/properties/test_database.py: a key no property uses"
    DATABASE.save(key, b"first")
    assert set(DATABASE.fetch(key)) == {b"first"}  # new failures are still kept, elsewhere
    DATABASE.move(key, key + b".secondary", b"first")
    DATABASE.delete(key + b".secondary", b"first")
    assert _files(DB_DIR) == before


def test_new_examples_go_to_a_git_ignored_folder() -> None:
    assert ROOT in LOCAL_DB_DIR.parents
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(LOCAL_DB_DIR / "some-key" / "some-value")], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0, f"{LOCAL_DB_DIR} is not git-ignored"
