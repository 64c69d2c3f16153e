"""The rough edges a new user meets first: a missing extra, the demo's story, the README's install line."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

# Runs in a fresh interpreter: the sandbox's validator made unimportable, as in an install without the extra.
WITHOUT_EXTRA = """
import sys
sys.modules["openapi_schema_validator"] = None  # import fails with ModuleNotFoundError, as when not installed
import zoho_crm  # the client itself needs no extra
try:
    import zoho_crm.testing
except ModuleNotFoundError as exc:
    print("NAME", exc.name)
    print("MESSAGE", exc)
"""


def test_importing_the_sandbox_without_its_extra_says_which_extra_to_install() -> None:
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_EXTRA], capture_output=True, text=True, check=True, timeout=60
    )
    assert "NAME openapi_schema_validator" in result.stdout
    assert 'pip install "zoho-crm-client[sandbox]"' in result.stdout, result.stdout


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```bash\n(.*?)```", section, re.DOTALL)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_the_readme_installs_what_ci_installs_and_runs_what_ci_runs() -> None:
    """The README's path and CI's are the same: nox with uv (no "uv binary not found"), the same sessions."""
    install, *commands = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_install = re.search(r"-m pip install --quiet (.+)", ci.split("README's install line", 1)[1])
    assert ci_install is not None
    assert install.split() == ["pip", "install", *ci_install.group(1).split()]
    assert "uv" in install.split()
    test_command = re.search(r"# The README's test command:\n(.+)\n", ci)
    assert test_command is not None
    assert test_command.group(1).strip() in commands
    assert "docs" in test_command.group(1).split()
