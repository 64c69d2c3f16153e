"""Reading records: get, list, sorting, pagination with page and page_token, count, deleted records."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sandbox.conftest import error_of, leads
from zoho_crm.testing import ManualClock, Sandbox


def list_all(api: httpx.Client, path: str = "/Leads", **params: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Follow page 1..N then next_page_token; return the ids and the queries sent."""
    ids: list[str] = []
    queries: list[dict[str, Any]] = []
    query: dict[str, Any] = {"fields": "Last_Name", **params}
    while True:
        queries.append(query)
        response = api.get(path, params=query)
        if response.status_code == 204:
            return ids, queries
        body = response.json()
        ids += [r["id"] for r in body["data"]]
        info = body["info"]
        if not info["more_records"]:
            return ids, queries
        base = {k: v for k, v in query.items() if k not in ("page", "page_token")}
        page = info["page"] + 1
        if "page_token" not in query and page * int(str(query.get("per_page", 200))) <= 2000:
            query = {**base, "page": page}
        else:
            query = {**base, "page_token": info["next_page_token"]}


def test_get_record_and_unknown_id_is_204(sb: Sandbox, api: httpx.Client) -> None:
    (record,) = sb.seed("Leads", [{"Last_Name": "x", "Company": "Z"}])
    body = api.get(f"/Leads/{record}").json()
    assert set(body) == {"data"}
    assert body["data"][0]["Company"] == "Z"
    only = api.get(f"/Leads/{record}", params={"fields": "Company"}).json()["data"][0]
    assert only == {"id": record, "Company": "Z"}
    missing = api.get("/Leads/3652397000000000001")
    assert (missing.status_code, missing.content) == (204, b"")


def test_list_needs_fields_and_at_most_50(api: httpx.Client) -> None:
    assert error_of(api.get("/Leads")) == (400, "REQUIRED_PARAM_MISSING")
    assert api.get("/Leads").json()["details"] == {"param_name": "fields"}
    fifty = ",".join(f"F{i}" for i in range(50))
    assert api.get("/Leads", params={"fields": fifty}).status_code == 204
    response = api.get("/Leads", params={"fields": fifty + ",F50"})
    assert error_of(response) == (400, "LIMIT_EXCEEDED")
    assert response.json()["details"] == {"param_name": "fields", "limit": 50}


def test_empty_list_is_204_with_empty_body(api: httpx.Client) -> None:
    response = api.get("/Leads", params={"fields": "Last_Name"})
    assert (response.status_code, response.content) == (204, b"")


def test_list_default_order_is_id_desc_and_info_is_complete(sb: Sandbox, api: httpx.Client) -> None:
    ids = sb.seed("Leads", leads(5))
    body = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2}).json()
    assert [r["id"] for r in body["data"]] == [ids[4], ids[3]]
    assert body["data"][0] == {"id": ids[4], "Last_Name": "Lead 4"}
    info = body["info"]
    assert info["per_page"] == 2
    assert info["count"] == 2
    assert info["page"] == 1
    assert info["more_records"] is True
    assert info["next_page_token"]
    assert info["page_token_expiry"] == "2023-11-15T22:13:20+00:00"
    assert (info["sort_by"], info["sort_order"]) == ("id", "desc")


def test_sort_by_and_sort_order(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    ids = sb.seed("Leads", leads(3))
    clock.advance(5)
    api.put(f"/Leads/{ids[0]}", json={"data": [{"Company": "touched"}]})
    asc = api.get("/Leads", params={"fields": "Last_Name", "sort_order": "asc"}).json()["data"]
    assert [r["id"] for r in asc] == ids
    by_modified = api.get("/Leads", params={"fields": "Last_Name", "sort_by": "Modified_Time"}).json()["data"]
    assert [r["id"] for r in by_modified] == [ids[0], ids[2], ids[1]]
    bad = api.get("/Leads", params={"fields": "Last_Name", "sort_by": "Last_Name"})
    assert error_of(bad) == (400, "INVALID_DATA")
    assert bad.json()["details"]["supported_values"] == ["id", "Created_Time", "Modified_Time"]


@pytest.mark.parametrize(("param", "value"), [("per_page", "201"), ("per_page", "0"), ("page", "0"), ("page", "x")])
def test_page_parameters_out_of_range_are_invalid_data(api: httpx.Client, param: str, value: str) -> None:
    response = api.get("/Leads", params={"fields": "Last_Name", param: value})
    assert error_of(response) == (400, "INVALID_DATA")
    assert response.json()["details"]["param_name"] == param


def test_page_alone_reaches_2000_records_then_page_token_takes_over(sb: Sandbox, api: httpx.Client) -> None:
    ids = sb.seed("Leads", leads(2345))
    assert error_of(api.get("/Leads", params={"fields": "Last_Name", "page": 11})) == (
        400,
        "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
    )
    assert error_of(api.get("/Leads", params={"fields": "Last_Name", "page": 21, "per_page": 100})) == (
        400,
        "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
    )
    seen, queries = list_all(api)
    assert seen == list(reversed(ids))
    assert sum("page_token" in q for q in queries) == 2
    assert max(int(str(q["page"])) for q in queries if "page" in q) == 10


def test_page_token_continues_after_any_page_and_reports_previous(sb: Sandbox, api: httpx.Client) -> None:
    ids = sb.seed("Leads", leads(7))[::-1]
    first = api.get("/Leads", params={"fields": "Last_Name", "per_page": 3}).json()["info"]
    second = api.get("/Leads", params={"fields": "Last_Name", "per_page": 3, "page_token": first["next_page_token"]})
    body = second.json()
    assert [r["id"] for r in body["data"]] == ids[3:6]
    assert body["info"]["page"] == 2
    assert body["info"]["previous_page_token"] is None
    third = api.get(
        "/Leads", params={"fields": "Last_Name", "per_page": 3, "page_token": body["info"]["next_page_token"]}
    )
    assert [r["id"] for r in third.json()["data"]] == ids[6:]
    assert third.json()["info"]["more_records"] is False
    assert third.json()["info"]["next_page_token"] is None
    assert third.json()["info"]["previous_page_token"] == first["next_page_token"]


def test_page_token_is_bound_to_the_query(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", leads(5))
    token = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2}).json()["info"]["next_page_token"]
    changed = api.get("/Leads", params={"fields": "Last_Name,Email", "per_page": 2, "page_token": token})
    assert error_of(changed) == (400, "TOKEN_BOUND_DATA_MISMATCH")
    added = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2, "sort_order": "asc", "page_token": token})
    assert error_of(added) == (400, "TOKEN_BOUND_DATA_MISMATCH")
    bogus = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2, "page_token": "nope"})
    assert error_of(bogus) == (400, "INVALID_DATA")
    ambiguous = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2, "page": 2, "page_token": token})
    assert error_of(ambiguous) == (400, "AMBIGUITY_DURING_PROCESSING")
    assert api.get("/Leads", params={"fields": "Last_Name", "per_page": 2, "page_token": token}).status_code == 200


def test_page_token_expires(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    sb.seed("Leads", leads(3))
    token = api.get("/Leads", params={"fields": "Last_Name", "per_page": 1}).json()["info"]["next_page_token"]
    clock.advance(86400)
    fresh = {"Authorization": f"Zoho-oauthtoken {sb.issue_access_token()}"}
    expired = api.get("/Leads", params={"fields": "Last_Name", "per_page": 1, "page_token": token}, headers=fresh)
    assert error_of(expired) == (400, "EXPIRED_VALUE")


def test_page_token_reaches_the_configured_record_limit(sb: Sandbox, api: httpx.Client) -> None:
    sb.configure(page_token_record_limit=4)
    sb.seed("Leads", leads(6))
    token = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2}).json()["info"]["next_page_token"]
    token = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2, "page_token": token}).json()["info"][
        "next_page_token"
    ]
    past = api.get("/Leads", params={"fields": "Last_Name", "per_page": 2, "page_token": token})
    assert error_of(past) == (400, "PAGINATION_LIMIT_EXCEEDED")


def test_ids_filter_and_unknown_ids(sb: Sandbox, api: httpx.Client) -> None:
    ids = sb.seed("Leads", leads(4))
    body = api.get("/Leads", params={"fields": "Last_Name", "ids": f"{ids[1]},{ids[3]},3652397000000000001"}).json()
    assert [r["id"] for r in body["data"]] == [ids[3], ids[1]]
    assert api.get("/Leads", params={"fields": "Last_Name", "ids": "3652397000000000001"}).status_code == 204


def test_if_modified_since_filters_reads_and_answers_304(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    ids = sb.seed("Leads", leads(3))
    since = {"If-Modified-Since": "2023-11-14T22:13:20+00:00"}
    listed = api.get("/Leads", params={"fields": "Last_Name"}, headers=since)
    assert (listed.status_code, listed.content) == (304, b"")
    assert api.get(f"/Leads/{ids[0]}", headers=since).status_code == 304
    clock.advance(1)
    api.put(f"/Leads/{ids[1]}", json={"data": [{"Company": "new"}]})
    changed = api.get("/Leads", params={"fields": "Last_Name"}, headers=since).json()["data"]
    assert [r["id"] for r in changed] == [ids[1]]
    assert api.get(f"/Leads/{ids[1]}", headers=since).status_code == 200
    assert api.get(f"/Leads/{ids[0]}", headers={"If-Modified-Since": "2023-11-14T22:13:19+00:00"}).status_code == 200
    assert error_of(api.get(f"/Leads/{ids[0]}", headers={"If-Modified-Since": "yesterday"})) == (400, "INVALID_DATA")


def test_cvid_is_the_modules_view_and_cannot_go_with_sort_by(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", leads(2))
    view = sb.custom_view_id("Leads")
    assert len(api.get("/Leads", params={"fields": "Last_Name", "cvid": view}).json()["data"]) == 2
    unknown = api.get("/Leads", params={"fields": "Last_Name", "cvid": "123"})
    assert error_of(unknown) == (400, "INVALID_DATA")
    both = api.get("/Leads", params={"fields": "Last_Name", "cvid": view, "sort_by": "id"})
    assert error_of(both) == (400, "AMBIGUITY_DURING_PROCESSING")


def test_territories_only_for_some_modules(api: httpx.Client) -> None:
    assert error_of(api.get("/Leads", params={"fields": "Last_Name", "territory_id": "1"})) == (400, "INVALID_MODULE")
    assert error_of(api.get("/Deals", params={"fields": "Deal_Name", "territory_id": "1"})) == (400, "INVALID_DATA")


def test_count_and_cvid_ambiguity(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", leads(3))
    assert api.get("/Leads/actions/count").json() == {"count": 3}
    assert api.get("/Leads/actions/count", params={"email": "lead1@example.com"}).json() == {"count": 1}
    assert api.get("/Leads/actions/count", params={"criteria": "(Last_Name:starts_with:Lead)"}).json() == {"count": 3}
    response = api.get("/Leads/actions/count", params={"cvid": sb.custom_view_id("Leads"), "word": "Lead"})
    assert error_of(response) == (400, "AMBIGUITY_DURING_PROCESSING")
    assert response.json()["details"]["ambiguity_due_to"] == [{"param_name": "cvid"}, {"param_name": "word"}]
    assert api.get("/Leads/actions/count", params={"cvid": sb.custom_view_id("Leads")}).json() == {"count": 3}


def test_deleted_records_recycle_and_permanent(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    ids = sb.seed("Leads", leads(3))
    assert api.get("/Leads/deleted").status_code == 204
    api.delete("/Leads", params={"ids": ids[0]})
    clock.advance(10)
    api.delete("/Leads", params={"ids": ids[1]})
    body = api.get("/Leads/deleted", params={"type": "recycle"}).json()
    assert [e["id"] for e in body["data"]] == [ids[1], ids[0]]
    entry = body["data"][1]
    assert entry["display_name"] == "Lead 0"
    assert entry["type"] == "recycle"
    assert entry["deleted_time"] == "2023-11-14T22:13:20+00:00"
    assert set(entry["deleted_by"]) == {"name", "id"}
    assert body["info"] == {"per_page": 200, "count": 2, "page": 1, "more_records": False}
    assert sb.empty_recycle_bin("Leads") == 2
    permanent = api.get("/Leads/deleted", params={"type": "permanent"}).json()["data"]
    assert {(e["type"], e["display_name"], e["deleted_by"], e["created_by"]) for e in permanent} == {
        ("permanent", None, None, None)
    }
    assert api.get("/Leads/deleted", params={"type": "recycle"}).status_code == 204
    bad = api.get("/Leads/deleted", params={"type": "trash"})
    assert error_of(bad) == (400, "PATTERN_NOT_MATCHED")
    assert bad.json()["details"]["param_name"] == "type"


def test_recycle_bin_ages_into_permanent_then_disappears(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    (record,) = sb.seed("Leads", leads(1))
    api.delete(f"/Leads/{record}")
    clock.advance(60 * 86400)
    fresh = {"Authorization": f"Zoho-oauthtoken {sb.issue_access_token()}"}
    assert api.get("/Leads/deleted", headers=fresh).json()["data"][0]["type"] == "permanent"
    clock.advance(60 * 86400)
    fresh = {"Authorization": f"Zoho-oauthtoken {sb.issue_access_token()}"}
    assert api.get("/Leads/deleted", headers=fresh).status_code == 204


def test_deleted_records_if_modified_since(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    (record,) = sb.seed("Leads", leads(1))
    api.delete(f"/Leads/{record}")
    since = {"If-Modified-Since": "2023-11-14T22:13:20+00:00"}
    assert api.get("/Leads/deleted", headers=since).status_code == 304
    assert api.get("/Leads/deleted", headers={"If-Modified-Since": "2023-11-14T22:13:19+00:00"}).status_code == 200


def test_unknown_module_is_invalid_module(api: httpx.Client) -> None:
    for response in (
        api.get("/Nope", params={"fields": "x"}),
        api.post("/Nope", json={"data": [{}]}),
        api.get("/Nope/search", params={"word": "xx"}),
        api.delete("/Nope", params={"ids": "1"}),
        api.get("/Nope/deleted"),
    ):
        assert error_of(response) == (400, "INVALID_MODULE")
        assert response.json()["details"] == {"resource_path_index": 0}
