"""The README's main job: the scripted end-to-end scenario over real HTTP on loopback."""

from __future__ import annotations

import io

from zoho_crm.testing import demo


def test_end_to_end_scenario_over_loopback_http() -> None:
    out = io.StringIO()
    figures = demo.run(out)
    assert figures["upsert"] == {"outcomes": 250, "calls": 3, "inserted": 249, "updated": 1}
    assert figures["listed"] == 2249  # past 2,000: page tokens
    assert figures["count"] == 2249
    assert "lead24@example.com" in figures["search"]
    assert all(email.startswith("lead24") for email in figures["search"])
    assert figures["stale_update"] == "ALREADY_MODIFIED"
    assert (figures["linked"], figures["members"], figures["delinked"]) == (120, 120, 20)
    assert figures["external_title"] == "CTO"
    assert (figures["deleted"], figures["recycle_bin"]) == (5, 5)
    assert figures["empty_search"] == 0
    assert figures["token_refreshes"] == 1
    assert figures["server_requests"] > 20
    story = out.getvalue()
    assert "demo.py" in story  # says where its code is
    assert "Seeded before the client starts: 2,000 leads" in story
    assert "2,249 leads: the 2,000 seeded and the 249 inserted" in story
    assert "250 outcomes from 3 calls: 249 inserted, 1 updated" in story
    assert "120 linked, 120 listed, 20 delinked" in story
    assert "(" not in story.splitlines()[-1]  # no unlabelled tuples
    assert story.rstrip().endswith("every step answered as Zoho would.")
