"""The benchmark's own code still runs against the overlays it measures (``nox -s bench`` is not part of CI).

Figures 1a and 7 call private helpers (``_plans.page_from``, ``_writes.body_options``, ``_engine._request``):
a tidy that renames one must fail here, not in the next bench run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import cpu_benches  # noqa: E402
import page_fixture  # noqa: E402

sys.path.remove(str(BENCH))


def test_figure_7_builds_the_upsert_request_the_client_sends() -> None:
    payload = cpu_benches.upsert_payload(3)
    request = cpu_benches.serialise(payload)
    assert (request.method, request.url.path) == ("POST", "/crm/v8/Leads/upsert")
    assert json.loads(request.content) == payload


def test_figure_1a_parses_the_fixture_page() -> None:
    body = page_fixture.page_bytes(5)
    page = cpu_benches.parse_page(body, httpx.Request("GET", cpu_benches.LIST_URL))
    assert [record["id"] for record in page] == [record["id"] for record in json.loads(body)["data"]]
