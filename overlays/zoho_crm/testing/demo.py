"""The end-to-end example: the client against the sandbox served over HTTP on loopback.

Run it with ``python -m zoho_crm.testing.demo`` (``nox -s demo``): no credentials, no network.
It walks through a service's whole day: token refresh, upsert past the 100-record limit, a listing
past 2,000 records, search, count, a conditional update refused with 412, related records,
external IDs, delete and the recycle bin, and an empty result.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any, TextIO

from zoho_crm import ZohoCRM
from zoho_crm.errors import PreconditionFailedError
from zoho_crm.testing import sandbox

SEEDED_LEADS = 2000


def run(out: TextIO | None = None) -> dict[str, Any]:
    """Run the scenario, telling it on ``out`` (stdout by default); return its figures (the tests check them)."""
    out = out or sys.stdout
    figures: dict[str, Any] = {}

    def say(text: str) -> None:
        print(text, file=out)

    def step(title: str, result: str) -> None:
        say(f"\n{title}\n   -> {result}")

    say("A service's day against a local Zoho CRM: no credentials, no network.")
    say(f"The code of every step below: {Path(__file__).resolve()}")
    with sandbox(mode="http") as sb:
        say(f"\nThe sandbox serves {sb.base_url} and issues tokens at {sb.accounts_url}/oauth/v2/token.")
        sb.mark_external("Contacts", "External_Contact_ID")
        sb.seed("Leads", [{"Last_Name": f"Seed {i}", "Email": f"seed{i}@example.com"} for i in range(SEEDED_LEADS)])
        (campaign,) = sb.seed("Campaigns", [{"Campaign_Name": "Autumn launch"}])
        say(f'Seeded before the client starts: {SEEDED_LEADS:,} leads and one campaign, "Autumn launch".')

        with ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url) as crm:
            leads = [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(249)]
            leads.append({"Last_Name": "Seed 0 renamed", "Email": "seed0@example.com"})  # exists: updated
            result = crm.records.upsert("Leads", leads, duplicate_check_fields=["Email"]).raise_for_errors()
            actions = [o.action for o in result.succeeded]
            figures["upsert"] = {"outcomes": len(result), "calls": result.calls, "inserted": actions.count("insert"),
                                 "updated": actions.count("update")}  # fmt: skip
            up = figures["upsert"]
            step(
                "1. Upsert 250 leads matched by Email: 249 new, and seed0@example.com again (Zoho takes 100 a call).",
                f"{up['outcomes']} outcomes from {up['calls']} calls: "
                f"{up['inserted']} inserted, {up['updated']} updated.",
            )

            listed = list(crm.records.iter("Leads", fields=["Last_Name", "Email"]))
            figures["listed"] = len(listed)
            step(
                "2. Read every lead with records.iter (page after page, following Zoho's page_token).",
                f"{len(listed):,} leads: the {SEEDED_LEADS:,} seeded and the {up['inserted']} inserted.",
            )

            found = crm.records.search("Leads", criteria="(Email:starts_with:lead24)")
            figures["search"] = sorted(r["Email"] for r in found)
            step(
                "3. Search leads whose Email starts with lead24.",
                f"{len(found)} found: {', '.join(figures['search'][:3])}, ...",
            )

            figures["count"] = crm.records.count("Leads")
            step("4. Count the leads.", f"{figures['count']:,}.")

            target = result.ids[0]
            assert target is not None
            before = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
            try:
                crm.records.update_one("Leads", target, {"Company": "Too late"}, if_unmodified_since=before)
                figures["stale_update"] = "accepted"
            except PreconditionFailedError as exc:
                figures["stale_update"] = exc.code
            step(
                "5. Update a lead only if unchanged since 2000 (If-Unmodified-Since): it changed since.",
                f"refused with PreconditionFailedError, Zoho code {figures['stale_update']}.",
            )

            members = [{"id": r["id"], "Member_Status": "Invited"} for r in listed[:120]]
            figures["linked"] = len(crm.related.update("Campaigns", campaign, "Leads", members).succeeded)
            figures["members"] = len(list(crm.related.iter("Campaigns", campaign, "Leads", fields=["Last_Name"])))
            figures["delinked"] = len(
                crm.related.delink("Campaigns", campaign, "Leads", [m["id"] for m in members[:20]]).succeeded
            )
            step(
                "6. Invite 120 leads to the campaign, list its members, then remove 20 (related records).",
                f"{figures['linked']} linked, {figures['members']} listed, {figures['delinked']} delinked.",
            )

            crm.records.insert(
                "Contacts", [{"Last_Name": "Okafor", "External_Contact_ID": "crm-ext-42"}]
            ).raise_for_errors()
            ext = "Contacts.External_Contact_ID"
            crm.records.update_one("Contacts", "crm-ext-42", {"Title": "CTO"}, external=ext)
            contact = crm.records.get("Contacts", "crm-ext-42", external=ext)
            figures["external_title"] = contact["Title"] if contact else None
            step(
                "7. Insert a contact with our own id crm-ext-42, then update and read it by that id (X-EXTERNAL).",
                f"its Title reads {figures['external_title']!r}.",
            )

            doomed = [r["id"] for r in listed[-5:]]
            figures["deleted"] = len(crm.records.delete("Leads", doomed).succeeded)
            figures["recycle_bin"] = len(list(crm.records.iter_deleted("Leads", type="recycle")))
            step(
                "8. Delete 5 leads, then list the recycle bin.",
                f"{figures['deleted']} deleted, {figures['recycle_bin']} in the recycle bin.",
            )

            figures["empty_search"] = len(crm.records.search("Leads", email="nobody@example.com"))
            step(
                "9. Search for an email nobody has (Zoho answers 204).", f"{figures['empty_search']} records, no error."
            )
            figures["token_refreshes"] = crm.stats["refreshes"]
        figures["server_requests"] = sb.counters.total_requests
    say(
        f"\nDone: {figures['server_requests']} requests, {figures['token_refreshes']} token refresh; "
        "every step answered as Zoho would."
    )
    return figures


def main() -> None:
    """Entry point of ``python -m zoho_crm.testing.demo``."""
    run()


if __name__ == "__main__":
    main()
