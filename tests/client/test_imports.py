"""``import zoho_crm`` loads what ``ZohoCRM`` needs; everything else public is loaded on first use (PEP 562)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import zoho_crm

PROBE = """
import json, sys
sys.modules["click"] = None  # as bench figure 5: httpx's optional CLI is not ours to load
import zoho_crm
loaded = sorted(m for m in sys.modules if m.startswith(("zoho_crm", "zoho_crm_api", "redis", "httpcore", "attr")))
from zoho_crm import ZohoCRM
from zoho_crm.testing import sandbox
with sandbox() as sb:
    where = {"api_domain": sb.api_domain, "accounts_url": sb.accounts_url, "transport": sb.transport()}
    with ZohoCRM(sb.credentials, **where) as crm:
        crm.records.count("Leads")
used = sorted(m for m in sys.modules if m.startswith(("zoho_crm.", "zoho_crm_api.")))
print(json.dumps({"import": loaded, "used": used}))
"""

NOT_AT_IMPORT = (
    "zoho_crm._async._client",  # the async client
    "zoho_crm._async._runtime",
    "zoho_crm._streaming",
    "zoho_crm._batch",
    "zoho_crm.progress",
    "zoho_crm.results",
    "zoho_crm_api.resources.records",  # the generated resources: with the first client
    "zoho_crm_api.resources.metadata",
    "zoho_crm_api.models",
    "zoho_crm.testing",
    "zoho_crm._sync_deadline",  # with the first sync client, as httpx loads httpcore (60 ms here)
    "httpcore",
    "redis",
    "attr",  # the generated models' attrs (45 ms here): with the first answer read; the overlays use dataclasses
    "attrs",
)


def test_import_loads_what_the_sync_client_needs_and_a_call_loads_the_rest() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert "zoho_crm._sync._client" in found["import"]
    assert [m for m in NOT_AT_IMPORT if m in found["import"]] == []
    assert {"zoho_crm._sync._runtime", "zoho_crm_api.resources.records", "zoho_crm.results"} <= set(found["used"])
    assert "zoho_crm._async._runtime" not in found["used"]  # a sync program never loads the async runtime


def test_every_public_name_imports_and_is_the_object_its_module_defines() -> None:
    from zoho_crm import results, tokens
    from zoho_crm._async._client import AsyncZohoCRM

    namespace: dict[str, object] = {}
    exec("from zoho_crm import *", namespace)  # the star import: every name of __all__ must survive it
    assert set(zoho_crm.__all__) <= set(namespace)
    assert namespace["AsyncZohoCRM"] is AsyncZohoCRM
    assert namespace["BatchResult"] is results.BatchResult
    assert namespace["RedisTokenStore"] is tokens.RedisTokenStore
    assert set(zoho_crm.__all__) <= set(dir(zoho_crm))
    with pytest.raises(AttributeError, match="NoSuchName"):
        zoho_crm.NoSuchName  # type: ignore[attr-defined]  # noqa: B018
