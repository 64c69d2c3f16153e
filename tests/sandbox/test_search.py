"""Search: criteria syntax and operators, email/phone/word, precedence, limits, index lag."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.sandbox.conftest import error_of
from zoho_crm.testing import ManualClock, Sandbox
from zoho_crm.testing._criteria import CriteriaError, parse_criteria

PEOPLE: list[dict[str, Any]] = [
    {"Last_Name": "Burns", "First_Name": "Pat", "Email": "burns@zylker.com", "Phone": "+1 (555) 0100", "Age": 31,
     "City": "Chennai", "Languages": ["English", "Tamil"], "Signed": "2024-01-15T10:00:00+05:30"},
    {"Last_Name": "Boyle", "First_Name": "Ann", "Email": "boyle@acme.com", "Mobile": "5550101", "Age": 45,
     "City": "Berlin, Mitte", "Languages": ["German"], "Signed": "2024-03-01T10:00:00+00:00"},
    {"Last_Name": "Sato", "First_Name": "Yuki", "Email": "yuki@zylker.com", "Age": 28, "City": "Osaka (Kita)",
     "Signed": "2023-12-31T23:00:00+00:00"},
]  # fmt: skip


def names(rows: list[dict[str, Any]], criteria: str) -> list[str]:
    predicate = parse_criteria(criteria)
    return [row["Last_Name"] for row in rows if predicate(row)]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ("(Last_Name:equals:burns)", ["Burns"]),
        ("Last_Name:equals:Burns", ["Burns"]),
        ("(Last_Name:not_equal:Burns)", ["Boyle", "Sato"]),
        ("(Last_Name:starts_with:B)", ["Burns", "Boyle"]),
        ("(Last_Name:in:Sato,Boyle)", ["Boyle", "Sato"]),
        ("(Age:greater_than:30)", ["Burns", "Boyle"]),
        ("(Age:greater_equal:31)", ["Burns", "Boyle"]),
        ("(Age:less_than:31)", ["Sato"]),
        ("(Age:less_equal:31)", ["Burns", "Sato"]),
        ("(Age:between:28,31)", ["Burns", "Sato"]),
        ("(Signed:greater_than:2024-01-15T04:00:00+00:00)", ["Burns", "Boyle"]),
        ("(Signed:less_than:2024-01-01T00:00:00+00:00)", ["Sato"]),
        ("((Last_Name:starts_with:B)and(Age:greater_than:40))", ["Boyle"]),
        ("((Last_Name:equals:Sato)or(Age:greater_than:40))", ["Boyle", "Sato"]),
        ("(((Last_Name:equals:Sato)or(Last_Name:equals:Burns))and(Age:less_than:30))", ["Sato"]),
        ("((Last_Name:equals:Sato)or(Last_Name:equals:Burns)and(Age:greater_than:40))", ["Sato"]),
        (r"(City:equals:Berlin\, Mitte)", ["Boyle"]),
        (r"(City:equals:Osaka \(Kita\))", ["Sato"]),
        (r"(City:in:Chennai,Berlin\, Mitte)", ["Burns", "Boyle"]),
        ("(Languages:equals:German)", ["Boyle"]),
        ("(Email:equals:yuki@zylker.com)", ["Sato"]),
        ("(Unknown_Field:equals:x)", []),
        # Zoho: on text, equals acts like contains (reference 1.7); numbers, ids and times compare exactly
        ("(Last_Name:equals:ur)", ["Burns"]),
        ("(Email:equals:zylker)", ["Burns", "Sato"]),
        ("(Age:equals:3)", []),
        ("(Last_Name:in:ur)", []),
        ("(Last_Name:not_equal:ur)", ["Burns", "Boyle", "Sato"]),
    ],
)
def test_criteria_operators(criteria: str, expected: list[str]) -> None:
    assert names(PEOPLE, criteria) == expected


def test_criteria_on_lookup_name_and_id() -> None:
    rows: list[dict[str, Any]] = [
        {"Last_Name": "a", "Account_Name": {"name": "Zylker", "id": "42"}},
        {"Last_Name": "b"},
    ]
    assert names(rows, "(Account_Name:equals:Zylker)") == ["a"]
    assert names(rows, "(Account_Name.id:equals:42)") == ["a"]


def test_ids_compare_exactly_not_as_floats() -> None:
    rows: list[dict[str, Any]] = [
        {"Last_Name": "a", "id": "3652397000001000001", "Account_Name": {"name": "Z", "id": "3652397000001000003"}},
        {"Last_Name": "b", "id": "3652397000001000002", "Account_Name": {"name": "Z", "id": "3652397000001000004"}},
    ]  # 19 digits: as floats, these ids are all equal
    assert names(rows, "(id:equals:3652397000001000002)") == ["b"]
    assert names(rows, "(Account_Name:equals:3652397000001000003)") == ["a"]
    assert names(rows, "(id:greater_than:3652397000001000001)") == ["b"]


def test_a_stored_decimal_equals_its_own_text() -> None:
    rows: list[dict[str, Any]] = [{"Last_Name": "a", "Amount": 0.1}, {"Last_Name": "b", "Amount": 0.3}]
    assert names(rows, "(Amount:equals:0.1)") == ["a"]  # exact decimals (Decimal("0.1") != 0.1) would miss it
    assert names(rows, "(Amount:between:0.1,0.3)") == ["a", "b"]


@pytest.mark.parametrize(
    "criteria",
    [
        "",
        "(Last_Name:equals:x",
        "(Last_Name:equals)",
        "(Last_Name:contains:x)",
        "(1Name:equals:x)",
        "((A:equals:1)xor(B:equals:2))",
        "(Age:between:1)",
        "(" + "and".join(f"(F{i}:equals:{i})" for i in range(11)) + ")",
        "(F:in:" + ",".join(str(i) for i in range(101)) + ")",
        "(Last_Name:equals:)",  # no value: on text, equals would match every record
        "(Age:between:1, )",
    ],
)
def test_malformed_criteria_are_refused(criteria: str) -> None:
    with pytest.raises(CriteriaError):
        parse_criteria(criteria)


def test_search_endpoint_returns_matches_with_info(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", PEOPLE)
    response = api.get("/Leads/search", params={"criteria": "(Last_Name:starts_with:B)", "fields": "Last_Name"})
    body = response.json()
    assert [r["Last_Name"] for r in body["data"]] == ["Boyle", "Burns"]
    assert set(body["data"][0]) == {"id", "Last_Name"}
    assert body["info"] == {"per_page": 200, "count": 2, "page": 1, "more_records": False}


def test_email_phone_and_word_search(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", PEOPLE)
    assert [r["Last_Name"] for r in api.get("/Leads/search", params={"email": "BURNS@zylker.com"}).json()["data"]] == [
        "Burns"
    ]
    assert [r["Last_Name"] for r in api.get("/Leads/search", params={"phone": "555-0101"}).json()["data"]] == ["Boyle"]
    assert [r["Last_Name"] for r in api.get("/Leads/search", params={"word": "zylker"}).json()["data"]] == [
        "Sato",
        "Burns",
    ]


def test_search_precedence_is_criteria_email_phone_word(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", PEOPLE)
    every = {"criteria": "(Last_Name:equals:Sato)", "email": "burns@zylker.com", "phone": "5550101", "word": "Berlin"}
    order = ["criteria", "email", "phone", "word"]
    expected = ["Sato", "Burns", "Boyle", "Boyle"]
    for position, name in enumerate(expected):
        params = {key: every[key] for key in order[position:]}
        assert [r["Last_Name"] for r in api.get("/Leads/search", params=params).json()["data"]] == [name]


def test_search_without_a_key_is_expected_param_missing(api: httpx.Client) -> None:
    response = api.get("/Leads/search", params={"fields": "Last_Name"})
    assert error_of(response) == (400, "EXPECTED_PARAM_MISSING")
    assert response.json()["details"]["expected_params"] == ["criteria", "email", "phone", "word"]


def test_search_errors(api: httpx.Client) -> None:
    assert error_of(api.get("/Leads/search", params={"criteria": "(Last_Name:like:x)"})) == (400, "INVALID_QUERY")
    assert error_of(api.get("/Leads/search", params={"word": "x"})) == (400, "INVALID_DATA")
    assert api.get("/Leads/search", params={"word": "nothing"}).status_code == 204


def test_criteria_on_a_field_the_module_lacks_are_an_invalid_query(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", PEOPLE)
    response = api.get("/Leads/search", params={"criteria": "(Last_Nmae:equals:Burns)"})
    assert error_of(response) == (400, "INVALID_QUERY")  # not 204, which would read as "no match"
    assert response.json()["details"] == {"api_name": "Last_Nmae", "reason": "invalid field name"}
    held = api.get("/Leads/search", params={"criteria": "(City:equals:Osaka)"})  # a field records hold: known
    assert [r["Last_Name"] for r in held.json()["data"]] == ["Sato"]


def test_search_reaches_at_most_2000_records(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", [{"Last_Name": f"Same {i}"} for i in range(2100)])
    query = {"criteria": "(Last_Name:starts_with:Same)", "fields": "Last_Name"}
    last = api.get("/Leads/search", params={**query, "page": 10}).json()
    assert last["info"]["count"] == 200
    assert last["info"]["more_records"] is True
    assert "next_page_token" not in last["info"]
    assert error_of(api.get("/Leads/search", params={**query, "page": 11})) == (400, "LIMIT_REACHED")


def test_search_index_lag_hides_fresh_writes(sb: Sandbox, api: httpx.Client, clock: ManualClock) -> None:
    sb.configure(search_index_lag=30)
    sb.seed("Leads", PEOPLE[:1])
    assert api.get("/Leads/search", params={"word": "Burns"}).status_code == 204
    assert api.get("/Leads/actions/count", params={"word": "Burns"}).json() == {"count": 0}
    clock.advance(30)
    assert api.get("/Leads/search", params={"word": "Burns"}).status_code == 200


@pytest.mark.parametrize(
    ("criteria", "stored"),
    [
        (r"(Last_Name:equals:C:\temp\x)", "C:\\temp\\x"),  # a backslash Zoho does not escape is itself
        ("(Last_Name:equals:ends in\\\\)", "ends in\\"),  # a trailing one is escaped
        (r"(Last_Name:equals:a\,b\(c\))", "a,b(c)"),
    ],
)
def test_only_the_characters_zoho_escapes_are_unescaped(criteria: str, stored: str) -> None:
    assert parse_criteria(criteria)({"Last_Name": stored})


def test_converted_leads_are_left_out_of_searches_and_counts_unless_asked_for(sb: Sandbox, api: httpx.Client) -> None:
    sb.seed("Leads", [{"Last_Name": "Plain"}, {"Last_Name": "Pconv", "$converted": True}])
    found = api.get("/Leads/search", params={"criteria": "(Last_Name:starts_with:P)"}).json()["data"]
    both = api.get("/Leads/search", params={"criteria": "(Last_Name:starts_with:P)", "converted": "both"})
    count = api.get("/Leads/actions/count").json()["count"]
    count_both = api.get("/Leads/actions/count", params={"converted": "both"}).json()["count"]
    assert [r["Last_Name"] for r in found] == ["Plain"]  # converted defaults to false, as for listings
    assert len(both.json()["data"]) == 2
    assert (count, count_both) == (1, 2)  # was 2: the count disagreed with what a listing holds
