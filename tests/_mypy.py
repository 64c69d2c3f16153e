"""``mypy --strict`` on a file of user code, with the overlays and the generated package importable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import zoho_crm
import zoho_crm_api


def strict_errors(path: Path) -> tuple[list[str], str]:
    """The ``error:`` lines mypy --strict reports for ``path`` (no config, no cache), and its whole output."""
    overlays = Path(zoho_crm.__file__).parent.parent
    generated = Path(zoho_crm_api.__file__).parent.parent
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull, "--config-file", os.devnull, str(path)],
        env={**os.environ, "MYPYPATH": f"{overlays}{os.pathsep}{generated}"},
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in checked.stdout.splitlines() if ": error:" in line], checked.stdout
