"""The end-to-end example: the client against the sandbox served over HTTP on loopback.

Run it with ``python -m zoho_crm.testing.demo`` (``nox -s demo``): no credentials, no network.
It walks through a service's whole day: token refresh, upsert past the 100-record limit, a listing
past 2,000 records, search, count, a conditional update refused with 412, related records,
external IDs, delete and the recycle bin, and an empty result.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

from zoho_crm import ZohoCRM
from zoho_crm.errors import PreconditionFailedError
from zoho_crm.testing import sandbox


def _say(step: str, detail: object) -> None:
    print(f"  {step:<44} {detail}")


def run(out: Any = None) -> dict[str, Any]:
    """Run the scenario; return its figures (the tests check them)."""
    figures: dict[str, Any] = {}
    with sandbox(mode="http") as sb:
        print(f"sandbox serving {sb.base_url} (token endpoint {sb.accounts_url}/oauth/v2/token)")
        sb.mark_external("Contacts", "External_Contact_ID")
        sb.seed("Leads", [{"Last_Name": f"Seed {i}", "Email": f"seed{i}@example.com"} for i in range(2000)])
        (campaign,) = sb.seed("Campaigns", [{"Campaign_Name": "Autumn launch"}])

        with ZohoCRM(sb.credentials, api_domain=sb.api_domain, accounts_url=sb.accounts_url) as crm:
            leads = [{"Last_Name": f"Lead {i}", "Email": f"lead{i}@example.com"} for i in range(249)]
            leads.append({"Last_Name": "Seed 0 renamed", "Email": "seed0@example.com"})  # exists: updated
            result = crm.records.upsert("Leads", leads, duplicate_check_fields=["Email"]).raise_for_errors()
            actions = [o.action for o in result.succeeded]
            figures["upsert"] = {"outcomes": len(result), "calls": result.calls, "inserted": actions.count("insert"),
                                 "updated": actions.count("update")}  # fmt: skip
            _say("upsert 250 leads", figures["upsert"])

            listed = list(crm.records.iter("Leads", fields=["Last_Name", "Email"]))
            figures["listed"] = len(listed)
            _say("list every lead (page, then page_token)", f"{len(listed)} records")

            found = crm.records.search("Leads", criteria="(Email:starts_with:lead24)")
            figures["search"] = sorted(r["Email"] for r in found)
            _say("search Email starts_with lead24", figures["search"])

            figures["count"] = crm.records.count("Leads")
            _say("count leads", figures["count"])

            target = result.ids[0]
            assert target is not None
            before = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
            try:
                crm.records.update_one("Leads", target, {"Company": "Too late"}, if_unmodified_since=before)
                figures["stale_update"] = "accepted"
            except PreconditionFailedError as exc:
                figures["stale_update"] = exc.code
            _say("update with a stale If-Unmodified-Since", figures["stale_update"])

            members = [{"id": r["id"], "Member_Status": "Invited"} for r in listed[:120]]
            figures["linked"] = len(crm.related.update("Campaigns", campaign, "Leads", members).succeeded)
            figures["members"] = len(list(crm.related.iter("Campaigns", campaign, "Leads", fields=["Last_Name"])))
            figures["delinked"] = len(
                crm.related.delink("Campaigns", campaign, "Leads", [m["id"] for m in members[:20]]).succeeded
            )
            _say(
                "campaign members linked / listed / delinked",
                (figures["linked"], figures["members"], figures["delinked"]),
            )

            crm.records.insert(
                "Contacts", [{"Last_Name": "Okafor", "External_Contact_ID": "crm-ext-42"}]
            ).raise_for_errors()
            ext = "Contacts.External_Contact_ID"
            crm.records.update_one("Contacts", "crm-ext-42", {"Title": "CTO"}, external=ext)
            contact = crm.records.get("Contacts", "crm-ext-42", external=ext)
            figures["external_title"] = contact["Title"] if contact else None
            _say("get/update a contact by external id", figures["external_title"])

            doomed = [r["id"] for r in listed[-5:]]
            figures["deleted"] = len(crm.records.delete("Leads", doomed).succeeded)
            figures["recycle_bin"] = len(list(crm.records.iter_deleted("Leads", type="recycle")))
            _say("delete 5 leads / recycle bin holds", (figures["deleted"], figures["recycle_bin"]))

            figures["empty_search"] = len(crm.records.search("Leads", email="nobody@example.com"))
            _say("search with no match (204)", f"{figures['empty_search']} records")
            figures["token_refreshes"] = crm.stats["refreshes"]
        figures["server_requests"] = sb.counters.total_requests
    print("demo finished: every step answered as Zoho would", file=out or sys.stdout)
    return figures


def main() -> None:
    """Entry point of ``python -m zoho_crm.testing.demo``."""
    run()


if __name__ == "__main__":
    main()
