"""COQL in the sandbox: the parser, the evaluator over the store, Zoho's errors and limits, over HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.sandbox.conftest import error_of
from zoho_crm.testing import Sandbox
from zoho_crm.testing._coql import Comparison, Condition, Logical, Query, parse_query, run_query
from zoho_crm.testing._errors import ZohoError
from zoho_crm.testing._store import Store

PEOPLE: list[dict[str, Any]] = [
    {"Last_Name": "Burns", "First_Name": "Pat", "Email": "burns@zylker.com", "Age": 31, "City": "Chennai",
     "Languages": ["English", "Tamil"], "Signed": "2024-01-15T10:00:00+05:30", "Active": True},
    {"Last_Name": "Boyle", "First_Name": "Ann", "Email": "boyle@acme.com", "Age": 45, "City": "Berlin",
     "Languages": ["German"], "Signed": "2024-03-01T10:00:00+00:00", "Active": False},
    {"Last_Name": "Sato", "First_Name": "Yuki", "Email": "yuki@zylker.com", "Age": 28, "City": "O'Hara",
     "Signed": "2023-12-31T23:00:00+00:00"},
    {"Last_Name": "Nobody", "Email": None, "Age": None, "City": ""},
]  # fmt: skip


def coql(api: httpx.Client, text: str) -> httpx.Response:
    return api.post("/coql", json={"select_query": text})


def names(api: httpx.Client, where: str, tail: str = "") -> list[str]:
    response = coql(api, f"select Last_Name from Contacts where {where} {tail}")
    if response.status_code == 204:
        assert response.content == b""
        return []
    assert response.status_code == 200, response.text
    return [row["Last_Name"] for row in response.json()["data"]]


@pytest.fixture
def people(sb: Sandbox) -> list[str]:
    return sb.seed("Contacts", PEOPLE)


# parsing ------------------------------------------------------------------------------------------


def test_a_query_parses_into_fields_module_criteria_order_and_window() -> None:
    query = parse_query(
        "SELECT Last_Name, 'External', Account_Name.Account_Name FROM Contacts "
        "Where ((Age >= 30 AND Email like '%@zylker.com') or City in ('Berlin', 'O''Hara')) "
        "Order By Age DESC, Last_Name limit 10, 50"
    )
    assert query == Query(
        fields=("Last_Name", "External", "Account_Name.Account_Name"),
        module="Contacts",
        where=Logical(
            "or",
            Logical("and", Comparison("Age", ">=", ("30",)), Comparison("Email", "like", ("%@zylker.com",))),
            Comparison("City", "in", ("Berlin", "O'Hara")),
        ),
        order_by=(("Age", True), ("Last_Name", False)),
        offset=10,
        limit=50,
    )


@pytest.mark.parametrize(
    ("tail", "window"),
    [("", (0, 200)), ("limit 5", (0, 5)), ("limit 5, 7", (5, 7)), ("limit 7 offset 5", (5, 7)),
     ("limit 2000", (0, 2000)), ("limit 98000, 2000", (98000, 2000))],
)  # fmt: skip
def test_limit_forms(tail: str, window: tuple[int, int]) -> None:
    query = parse_query(f"select id from Leads where id is not null {tail}")
    assert (query.offset, query.limit) == window


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("Age between 28 and 31", Comparison("Age", "between", ("28", "31"))),
        ("Email is null", Comparison("Email", "is null", ())),
        ("Email IS NOT NULL", Comparison("Email", "is not null", ())),
        ("City not in ('a', \"b\")", Comparison("City", "not in", ("a", "b"))),
        ("City not like 'B%'", Comparison("City", "not like", ("B%",))),
        ("Lead_Source = Advertisement", Comparison("Lead_Source", "=", ("Advertisement",))),
        (r"City = 'O\'Hara'", Comparison("City", "=", ("O'Hara",))),
        ("Age != -3.5", Comparison("Age", "!=", ("-3.5",))),
        ("((((Age < 3))))", Comparison("Age", "<", ("3",))),
    ],
)
def test_criteria_forms(where: str, expected: Condition) -> None:
    assert parse_query(f"select id from Leads where {where}").where == expected


def refusal(text: str) -> tuple[str, dict[str, Any]]:
    with pytest.raises(ZohoError) as refused:
        parse_query(text)
    assert refused.value.status == 400
    return refused.value.code, refused.value.details


@pytest.mark.parametrize(
    ("text", "code", "details"),
    [
        ("select Last_Name from Leads", "SYNTAX_ERROR", {"clause": "where"}),
        ("select Last_Name from Leads order by Last_Name", "SYNTAX_ERROR", {"clause": "where"}),
        ("select from Leads where id is not null", "SYNTAX_ERROR", {"near": "from"}),
        ("select * from Leads where id is not null", "SYNTAX_ERROR", {"near": "* from Leads where i"}),
        ("select id Leads where id is not null", "SYNTAX_ERROR", {"near": "Leads"}),
        ("select id from Leads where", "SYNTAX_ERROR", {"near": ""}),
        ("select id from Leads where Email = 'open", "SYNTAX_ERROR", {"near": "'open"}),
        ("select id from Leads where Email ~ 'x'", "SYNTAX_ERROR", {"near": "~ 'x'"}),
        ("select id from Leads where (Age > 1", "SYNTAX_ERROR", {"near": ""}),
        ("select id from Leads where Age > 1 and Age < 5 and Age != 3", "SYNTAX_ERROR", {"near": "and"}),
        ("select id from Leads where (Age > 1 and Age < 5 or Age = 9)", "SYNTAX_ERROR", {"near": "or"}),
        ("select id from Leads where Age between 1", "SYNTAX_ERROR", {"near": ""}),
        ("select id from Leads where Email is not 'x'", "SYNTAX_ERROR", {"near": "'x'"}),
        ("select id from Leads where id is not null limit 5.5", "SYNTAX_ERROR", {"near": "5.5"}),
        ("select id from Leads where id is not null limit 5 junk", "SYNTAX_ERROR", {"near": "junk"}),
        ("select id from Leads where id is not null limit 0", "INVALID_QUERY",
         {"clause": "limit", "reason": "limit is at least 1"}),
        ("select id from Leads where id is not null limit 2001", "LIMIT_EXCEEDED", {"clause": "limit", "limit": 2000}),
        ("select id from Leads where id is not null limit 99000, 1001", "LIMIT_EXCEEDED",
         {"clause": "offset", "limit": 100_000}),
        ("select id, Email, id from Leads where id is not null", "DUPLICATE_DATA", {"column_name": "id"}),
        ("select id from Leads where id is not null order by id, id", "DUPLICATE_DATA", {"column_name": "id"}),
        ("select COUNT(id) from Leads where id is not null", "NOT_SUPPORTED",
         {"clause": "select", "function": "COUNT"}),
        ("select id from Leads where id in (select id from Contacts where id is not null)", "NOT_SUPPORTED",
         {"clause": "where"}),
        ("select id from Leads where id is not null group by Email", "NOT_SUPPORTED", {"clause": "group by"}),
    ],
)  # fmt: skip
def test_malformed_queries_are_refused_as_zoho_does(text: str, code: str, details: dict[str, Any]) -> None:
    assert refusal(text) == (code, details)


def test_the_limits_of_a_query() -> None:
    fields = ", ".join(f"F{i}" for i in range(51))
    assert refusal(f"select {fields} from Leads where id is not null") == (
        "LIMIT_EXCEEDED",
        {"clause": "select", "limit": 50},
    )
    assert len(parse_query(f"select {fields.rsplit(',', 1)[0]} from Leads where id is not null").fields) == 50
    criteria = "(Age = 1)"
    for i in range(2, 27):  # 26 criteria, two per pair of brackets
        criteria = f"({criteria} or Age = {i})"
    assert refusal(f"select id from Leads where {criteria}") == ("LIMIT_EXCEEDED", {"clause": "where", "limit": 25})
    assert refusal("select id from Leads where Age in (" + ", ".join(map(str, range(101))) + ")") == (
        "LIMIT_EXCEEDED",
        {"clause": "where", "operator": "in", "limit": 100},
    )
    order = ", ".join(f"F{i}" for i in range(11))
    assert refusal(f"select id from Leads where id is not null order by {order}") == (
        "LIMIT_EXCEEDED",
        {"clause": "order by", "limit": 10},
    )
    deep = "(" * 40 + "Age = 1" + ")" * 40
    assert refusal(f"select id from Leads where {deep}")[0] == "SYNTAX_ERROR"


# evaluation, over HTTP ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("Last_Name = 'burns'", ["Burns"]),
        ("Last_Name != 'Burns'", ["Boyle", "Sato", "Nobody"]),
        ("Age > 30", ["Burns", "Boyle"]),
        ("Age >= 31", ["Burns", "Boyle"]),
        ("Age < 31", ["Sato"]),
        ("Age <= 31", ["Burns", "Sato"]),
        ("Age != 31", ["Boyle", "Sato"]),  # a missing Age compares with nothing: Nobody is not != 31
        ("Age between 28 and 31", ["Burns", "Sato"]),
        ("Last_Name in ('Sato', 'boyle')", ["Boyle", "Sato"]),
        ("Last_Name not in ('Sato', 'Boyle')", ["Burns", "Nobody"]),
        ("Email like '%@zylker.com'", ["Burns", "Sato"]),
        ("Email like 'b%'", ["Burns", "Boyle"]),
        ("Email like '%OYL%'", ["Boyle"]),
        ("Email not like '%zylker%'", ["Boyle"]),
        ("Email is null", ["Nobody"]),
        ("City is null", ["Nobody"]),  # an empty string is no value
        ("Age is not null", ["Burns", "Boyle", "Sato"]),
        ("City = 'O''Hara'", ["Sato"]),
        ("Languages = 'german'", ["Boyle"]),  # a multi-value field matches by any of its values
        ("Active = true", ["Burns"]),
        ("Active = 'false'", ["Boyle"]),
        ("Signed > '2024-01-15T04:00:00+00:00'", ["Burns", "Boyle"]),
        ("Signed < '2024-01-01T00:00:00Z'", ["Sato"]),
        ("(Last_Name like 'B%' and Age > 40)", ["Boyle"]),
        ("(Last_Name = 'Sato' or Age > 40)", ["Boyle", "Sato"]),
        ("((Last_Name = 'Sato' or Last_Name = 'Burns') and Age < 30)", ["Sato"]),
        ("(Last_Name = 'Sato' or (Last_Name = 'Burns' and Age < 30))", ["Sato"]),
    ],
)
def test_operators(api: httpx.Client, people: list[str], where: str, expected: list[str]) -> None:
    assert names(api, where) == expected


def test_an_answer_holds_the_selected_fields_and_id_with_lookups_as_ids(sb: Sandbox, api: httpx.Client) -> None:
    (account,) = sb.seed("Accounts", [{"Account_Name": "Zylker", "Phone": "555"}])
    (contact,) = sb.seed("Contacts", [{"Last_Name": "Burns", "Account_Name": {"id": account, "name": "Zylker"}}])
    response = coql(
        api,
        "select Last_Name, Email, Account_Name, Account_Name.Account_Name, Account_Name.id, Owner.email "
        "from Contacts where Account_Name.Account_Name = 'zylker'",
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": [
            {
                "id": contact,
                "Last_Name": "Burns",
                "Email": None,
                "Account_Name": {"id": account},
                "Account_Name.Account_Name": "Zylker",
                "Account_Name.id": account,
                "Owner.email": sb.state.store.user["email"],
            }
        ],
        "info": {"count": 1, "more_records": False},
    }
    assert names(api, f"Account_Name = '{account}'") == ["Burns"]  # a lookup compares by id
    assert names(api, "Account_Name.Phone is null") == []


def test_order_by_several_fields_missing_values_first_ties_by_id(api: httpx.Client, sb: Sandbox) -> None:
    sb.seed("Contacts", [{"Last_Name": "a", "Age": 2}, {"Last_Name": "b", "Age": 1}, {"Last_Name": "c"},
                         {"Last_Name": "d", "Age": 2}, {"Last_Name": "E", "Age": 1}])  # fmt: skip
    assert names(api, "Last_Name is not null") == ["a", "b", "c", "d", "E"]  # default: ascending id
    assert names(api, "Last_Name is not null", "order by Age") == ["c", "b", "E", "a", "d"]
    assert names(api, "Last_Name is not null", "order by Age desc") == ["a", "d", "b", "E", "c"]
    assert names(api, "Last_Name is not null", "order by Age desc, Last_Name desc") == ["d", "a", "E", "b", "c"]
    assert names(api, "Last_Name is not null", "order by Last_Name desc") == ["E", "d", "c", "b", "a"]


def test_limit_and_offset_page_through_with_more_records(api: httpx.Client, sb: Sandbox) -> None:
    sb.seed("Contacts", [{"Last_Name": f"L{i:03}", "Age": i} for i in range(250)])
    first = coql(api, "select Last_Name from Contacts where Age >= 0").json()
    assert (first["info"], first["data"][-1]["Last_Name"]) == ({"count": 200, "more_records": True}, "L199")
    second = coql(api, "select Last_Name from Contacts where Age >= 0 order by Age limit 200, 200").json()
    assert (second["info"], second["data"][0]["Last_Name"]) == ({"count": 50, "more_records": False}, "L200")
    exact = coql(api, "select Last_Name from Contacts where Age >= 0 limit 50 offset 200").json()
    assert exact["info"] == {"count": 50, "more_records": False}
    past = coql(api, "select Last_Name from Contacts where Age >= 0 limit 250, 10")
    assert (past.status_code, past.content) == (204, b"")


@pytest.mark.parametrize(
    ("text", "code", "details"),
    [
        ("select id from Leadz where id is not null", "INVALID_QUERY", {"module": "Leadz"}),
        ("select Emial from Contacts where id is not null", "INVALID_QUERY",
         {"column_name": "Emial", "clause": "select"}),
        ("select id from Contacts where Nope = 1", "INVALID_QUERY", {"column_name": "Nope", "clause": "where"}),
        ("select id from Contacts where id is not null order by Nope", "INVALID_QUERY",
         {"column_name": "Nope", "clause": "order by"}),
        ("select Last_Name.x from Contacts where id is not null", "INVALID_QUERY",
         {"column_name": "Last_Name.x", "clause": "select"}),
        ("select Owner.phone from Contacts where id is not null", "INVALID_QUERY",
         {"column_name": "Owner.phone", "clause": "select"}),
        ("select id from Contacts", "SYNTAX_ERROR", {"clause": "where"}),
        ("select id from Contacts where id is not null limit 5000", "LIMIT_EXCEEDED",
         {"clause": "limit", "limit": 2000}),
    ],
)  # fmt: skip
def test_errors_over_http_are_zoho_shaped_400s(
    api: httpx.Client, sb: Sandbox, people: list[str], text: str, code: str, details: dict[str, Any]
) -> None:
    response = coql(api, text)
    assert error_of(response) == (400, code)
    assert response.json()["details"] == details
    assert sb.violations == []


def test_a_field_is_known_from_the_registry_or_from_any_record(api: httpx.Client, sb: Sandbox) -> None:
    assert coql(api, "select Custom_Score from Contacts where id is not null").status_code == 400
    sb.seed("Contacts", [{"Last_Name": "x", "Custom_Score": 3}])
    assert coql(api, "select Custom_Score from Contacts where Custom_Score = 3").json()["data"][0]["Custom_Score"] == 3
    sb.register_module("Projects", required=("Name",))
    assert coql(api, "select Name from Projects where Name is not null").status_code == 204


@pytest.mark.parametrize(
    ("body", "code"),
    [({}, "REQUIRED_PARAM_MISSING"), ({"select_query": 5}, "INVALID_DATA"), ({"select_query": ""}, "SYNTAX_ERROR")],
)
def test_a_body_without_a_query_is_refused(api: httpx.Client, body: dict[str, Any], code: str) -> None:
    assert error_of(api.post("/coql", json=body)) == (400, code)


def test_coql_sees_a_record_at_once_and_is_a_post_only(api: httpx.Client, sb: Sandbox) -> None:
    created = api.post("/Contacts", json={"data": [{"Last_Name": "Fresh"}]})
    assert created.status_code == 201
    assert names(api, "Last_Name = 'Fresh'") == ["Fresh"]  # no index lag, unlike search
    assert error_of(api.get("/coql")) == (400, "INVALID_REQUEST_METHOD")
    assert sb.counters.requests["execute_coql_query"] == 1


# the where clause against a Python filter -------------------------------------------------------------

_TEXT = st.sampled_from(["a", "b", "A", "ab", "ba", "abc", "B"])
_RECORDS = st.lists(
    st.fixed_dictionaries({"Name": st.none() | _TEXT, "Score": st.none() | st.integers(-3, 3)}), max_size=12
)


@st.composite
def _comparison(draw: st.DrawFn) -> tuple[str, Comparison]:
    field = draw(st.sampled_from(["Name", "Score"]))
    values = _TEXT if field == "Name" else st.integers(-4, 4).map(str)
    ops = ["=", "!=", ">", ">=", "<", "<=", "in", "not in", "between", "is null", "is not null"]
    op = draw(st.sampled_from([*ops, "like", "not like"] if field == "Name" else ops))
    quote = (lambda v: f"'{v}'") if field == "Name" else str
    if op in ("is null", "is not null"):
        return f"{field} {op}", Comparison(field, op, ())
    if op in ("in", "not in"):
        many = draw(st.lists(values, min_size=1, max_size=4))
        return f"{field} {op} ({', '.join(map(quote, many))})", Comparison(field, op, tuple(many))
    if op == "between":
        low, high = draw(values), draw(values)
        return f"{field} between {quote(low)} and {quote(high)}", Comparison(field, op, (low, high))
    if op in ("like", "not like"):
        pattern = draw(st.sampled_from(["{}%", "%{}", "%{}%", "{}"])).format(draw(_TEXT))
        return f"{field} {op} '{pattern}'", Comparison(field, op, (pattern,))
    value = draw(values)
    return f"{field} {op} {quote(value)}", Comparison(field, op, (value,))


def _joined(children: st.SearchStrategy[tuple[str, Condition]]) -> st.SearchStrategy[tuple[str, Condition]]:
    return st.tuples(st.sampled_from(["and", "or"]), children, children).map(
        lambda t: (f"({t[1][0]} {t[0]} {t[2][0]})", Logical(t[0], t[1][1], t[2][1]))
    )


_WHERE = st.recursive(_comparison(), _joined, max_leaves=8)


def _holds(condition: Condition, record: dict[str, Any]) -> bool:
    """The where clause as plain Python: SQL's missing values, case-insensitive text."""
    if isinstance(condition, Logical):
        left, right = _holds(condition.left, record), _holds(condition.right, record)
        return left and right if condition.operator == "and" else left or right
    value, op, wanted = record[condition.field], condition.operator, condition.values
    if op in ("is null", "is not null"):
        return (value is None) == (op == "is null")
    if value is None:
        return False
    key: Any = str.casefold if isinstance(value, str) else int
    if op in ("like", "not like"):
        pattern = wanted[0].casefold()
        text = value.casefold()
        core = pattern.strip("%")
        found = {
            (True, True): core in text,
            (False, True): text.startswith(core),
            (True, False): text.endswith(core),
            (False, False): text == core,
        }[(pattern.startswith("%"), pattern.endswith("%"))]
        return found == (op == "like")
    mine, given = key(value), [key(w) for w in wanted]
    return {
        "=": mine == given[0], "!=": mine != given[0], ">": mine > given[0], ">=": mine >= given[0],
        "<": mine < given[0], "<=": mine <= given[0], "in": mine in given, "not in": mine not in given,
        "between": len(given) == 2 and given[0] <= mine <= given[-1],
    }[op]  # fmt: skip


@settings(max_examples=300, deadline=None, database=None)
@given(records=_RECORDS, where=_WHERE, order=st.sampled_from(["", "asc", "desc"]), window=st.tuples(
    st.integers(0, 14), st.integers(1, 14)))  # fmt: skip
def test_a_query_selects_what_a_python_filter_selects_in_order(
    records: list[dict[str, Any]], where: tuple[str, Condition], order: str, window: tuple[int, int]
) -> None:
    store = Store()
    stored = [store.insert("Leads", {"Last_Name": "x", **record}, 0.0) for record in records]
    text, condition = where
    tail = f"order by Score {order}" if order else ""
    query = parse_query(f"select Name, Score from Leads where {text} {tail} limit {window[0]}, {window[1]}")
    assert query.where == condition
    rows, more = run_query(query, store, lambda module: ["Name", "Score"])
    expected = [record for record in stored if _holds(condition, record.fields)]  # ascending ids
    if order:  # missing first ascending, last descending; ties in id order
        expected.sort(key=lambda r: (r.fields["Score"] is not None, r.fields["Score"] or 0), reverse=order == "desc")
    offset, limit = window
    assert [row["id"] for row in rows] == [record.id for record in expected[offset : offset + limit]]
    assert more == (len(expected) > offset + limit)
    assert all(row.keys() == {"id", "Name", "Score"} for row in rows)
