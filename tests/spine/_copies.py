"""A copy of the repository to edit and regenerate, as a maintainer would (tests of the spec-to-client path)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

IGNORED = shutil.ignore_patterns(".git", ".nox", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache", "site")


def copy_repository(tmp_path: Path) -> Path:
    """The working tree, without git or caches, under ``tmp_path/repo``."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=IGNORED, symlinks=True)
    return repo


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file (which must hold it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A command in the copy, its output captured (15 minutes at most)."""
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)
