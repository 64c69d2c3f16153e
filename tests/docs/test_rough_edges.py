"""The rough edges a new user meets first: a missing extra, the demo's story, the README's install line."""

from __future__ import annotations

import subprocess
import sys

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
