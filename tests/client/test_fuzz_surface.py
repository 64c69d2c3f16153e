"""Every public method, every parameter, fed hostile values: a typed error (or a result), never a bare exception.

The promise under test: bad input is a ``ZohoValidationError`` raised before any request is sent; any
other failure is a ``ZohoError`` subclass. A ``TypeError``, ``AttributeError``, ``ValueError``,
``KeyError``, ``OverflowError``, ``RecursionError``... escaping a public call is a defect.

For each method of each resource (and of its ``with_raw_response`` view), a valid call is built from
``VALID`` (by parameter name, with per-method overrides), then ONE parameter is replaced by a hostile
value. The transport answers either Zoho's 400 envelope or a plausible success. A second sweep sends
VALID calls and has the transport answer hostile bodies; a third gives ``ZohoCRM(...)`` hostile settings.
Iterators are stepped; coroutines awaited.

The defects this fuzzing found (D1-D4, fixed) are kept as explicit cases at the end (``BAD_INPUT``, ``CONFIG``
and the count answer).
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import decimal
import enum
import inspect
import json
import math
import traceback
from collections.abc import AsyncIterator, Callable, Iterator
from importlib.resources import files
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests._openapi import resolve
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, RetryPolicy, ZohoCRM
from zoho_crm.errors import ZohoError, ZohoValidationError
from zoho_crm_api.resources import RESOURCES

GOOD_ID = "3652397000000624046"
NO_RETRY = RetryPolicy(max_attempts=1)

# ---------------------------------------------------------------------------------------------------------------
# valid values
# ---------------------------------------------------------------------------------------------------------------

LEAD = {"Last_Name": "x", "Email": "a@example.com"}

VALID: dict[str, Any] = {
    "module": "Leads",
    "record_id": GOOD_ID,
    "related_list": "Notes",
    "related_id": GOOD_ID,
    "related_record_id": GOOD_ID,
    "fields": ["Email"],
    "records": [LEAD],
    "record": {"Last_Name": "x"},
    "ids": [GOOD_ID],
    "api_name": "Leads",
    "job_id": GOOD_ID,
    "select_query": "select Last_Name from Leads where Last_Name is not null limit 1",
    "related_lists": ["Notes"],
}
WALKED_QUERY = "select Last_Name from Leads where Last_Name is not null"

# per method (``resource.method``, the raw view sharing the generated method's): what differs from VALID
OVERRIDES: dict[str, dict[str, Any]] = {
    "records.update": {"records": [{"id": GOOD_ID, "Last_Name": "x"}]},
    "records.update_stream": {"records": [{"id": GOOD_ID, "Last_Name": "x"}]},
    "records.mass_update": {"fields": {"Last_Name": "x"}, "ids": [GOOD_ID]},
    "records.delete_records": {"ids": GOOD_ID},
    "records.insert_records": {"body": {"data": [LEAD]}},
    "records.upsert_records": {"body": {"data": [LEAD]}},
    "records.update_records": {"body": {"data": [{"id": GOOD_ID, "Last_Name": "x"}]}},
    "records.update_record": {"body": {"data": [{"Last_Name": "x"}]}},
    "records.clone_record": {"body": {"data": [{"Last_Name": "y"}]}},
    "records.mass_update_records": {"body": {"data": [{"Last_Name": "x"}], "ids": [GOOD_ID]}},
    "records.search": {"word": "abcd"},
    "records.search_records": {"word": "abcd"},
    "records.iter_search": {"word": "abcd"},
    "records.iter_search_records": {"word": "abcd"},
    "related.update": {"related_list": "Campaigns", "records": [{"id": GOOD_ID, "Member_Status": "x"}]},
    "related.update_one": {"fields": {"Member_Status": "x"}},
    "related.delink_related_records": {"ids": GOOD_ID},
    "related.update_related_records": {"body": {"data": [{"id": GOOD_ID, "Member_Status": "x"}]}},
    "related.update_related_record": {"body": {"data": [{"Member_Status": "x"}]}},
    "related.get_related_records_count": {
        "body": {"get_related_records_count": [{"related_list": {"api_name": "Notes"}}]}
    },
    "coql.execute_coql_query": {"body": {"select_query": VALID["select_query"]}},
    "coql.iter": {"select_query": WALKED_QUERY},  # a walk adds its own limit clause
    "coql.iter_execute_coql_query": {"body": {"select_query": WALKED_QUERY}},
}

# ---------------------------------------------------------------------------------------------------------------
# hostile values
# ---------------------------------------------------------------------------------------------------------------


class Boom(Exception):
    """Raised by the hostile objects' own methods: the caller's exception, which may pass through as it is."""


class EvilDict(dict):  # type: ignore[type-arg]
    def get(self, *args: Any, **kwargs: Any) -> Any:
        raise Boom("get")

    def items(self) -> Any:
        raise Boom("items")

    def keys(self) -> Any:
        raise Boom("keys")

    def __iter__(self) -> Any:
        raise Boom("iter")


class Text(str):
    """A str subclass."""


class BadRepr:
    """An object whose repr fails (as a half-built ORM object's may)."""

    def __repr__(self) -> str:
        raise ValueError("no repr")


class Seconds(float):
    """A float subclass."""


class Color(enum.Enum):
    RED = "red"


class Module(str, enum.Enum):
    LEADS = "Leads"


class Number(enum.IntEnum):
    ONE = 1


def _deep_list(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def _deep_dict(depth: int) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def _gen() -> Iterator[Any]:
    yield {"Last_Name": "x"}
    yield object()


# factories: a fresh value each time (generators and mutable values are used up or changed by a call)
HOSTILE: dict[str, Callable[[], Any]] = {
    "None": lambda: None,
    "True": lambda: True,
    "False": lambda: False,
    "zero": lambda: 0,
    "negative": lambda: -1,
    "int64_plus_one": lambda: 2**63,
    "huge_int": lambda: 10**400,
    "nan": lambda: math.nan,
    "inf": lambda: math.inf,
    "minus_zero": lambda: -0.0,
    "float": lambda: 1.5,
    "empty_str": lambda: "",
    "crlf": lambda: "Leads\r\nX-Evil: 1",
    "nul": lambda: "a\x00b",
    "unicode": lambda: "L\u00e9ads\u202e\U0001f600",
    "surrogate": lambda: "\ud800",
    "long_str": lambda: "a" * 10_000,
    "long_digits": lambda: "1" * 10_000,
    "dotdot": lambda: "..",
    "percent": lambda: "%2e%2e",
    "bytes": lambda: b"Leads",
    "bytearray": lambda: bytearray(b"x"),
    "empty_list": list,
    "odd_list": lambda: [None, 1, "x", b"y", object(), math.nan],
    "tuple": lambda: ("Email", 1),
    "set": lambda: {"Email"},
    "frozenset": lambda: frozenset({1}),
    "empty_dict": dict,
    "nested_dict": lambda: {"a": {"b": {"c": [1, {"d": None}]}}},
    "non_str_keys": lambda: {1: "x", (2,): "y", None: "z"},
    "deep_list": lambda: _deep_list(1000),
    "deep_dict": lambda: _deep_dict(1000),
    "object": object,
    "str_subclass": lambda: Text("Leads"),
    "evil_dict": lambda: EvilDict(a=1),
    "generator": _gen,
    "naive_datetime": lambda: dt.datetime(2024, 1, 1),
    "aware_datetime": lambda: dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
    "date": lambda: dt.date(2024, 1, 1),
    "decimal": lambda: decimal.Decimal("1.5"),
    "decimal_nan": lambda: decimal.Decimal("NaN"),
    "enum": lambda: Color.RED,
    "str_enum": lambda: Module.LEADS,
    "int_enum": lambda: Number.ONE,
    "callable": lambda: print,
    "type": lambda: int,
    "list_of_dicts_with_objects": lambda: [{"Last_Name": object()}],
    "list_of_evil_dicts": lambda: [EvilDict(a=1)],
    "list_of_deep": lambda: [{"Last_Name": _deep_list(1000)}],
    "timeout_obj": lambda: httpx.Timeout(math.nan),
    "surrogate_values": lambda: {"x": "\ud800", "Last_Name": "\udfff"},
    "surrogate_list": lambda: ["\ud800"],
    "surrogate_pair_text": lambda: "ab\ud800cd",
    "huge_in_list": lambda: [10**400],
    "huge_values": lambda: {"x": 10**400, "Last_Name": "x"},
    "nan_values": lambda: {"x": math.nan, "y": math.inf},
    "complex": lambda: 1j,
    "memoryview": lambda: memoryview(b"x"),
    "bad_repr": lambda: BadRepr(),
    "float_subclass": lambda: Seconds(5.0),
    "list_of_huge_str": lambda: ["a" * 10_000],
    "many_items": lambda: [GOOD_ID] * 10_000,
}

# ---------------------------------------------------------------------------------------------------------------
# transports
# ---------------------------------------------------------------------------------------------------------------

REJECTION = {"code": "INVALID_DATA", "message": "x", "status": "error", "details": {}}
EMPTY_PAGE = {"data": [], "info": {"more_records": False, "per_page": 200, "page": 1, "count": 0}}
WRITTEN = {"data": [{"code": "SUCCESS", "status": "success", "message": "ok", "details": {"id": GOOD_ID}}]}


def _plausible(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.endswith("/count"):
        return httpx.Response(200, json={"count": 0})
    if path.endswith("/actions/get_related_records_count"):
        return httpx.Response(
            200, json={"get_related_records_count": [{"related_list": {"api_name": "Notes"}, "count": 0}]}
        )
    if request.method == "GET" or path.endswith("/coql"):
        return httpx.Response(200, json=EMPTY_PAGE)
    return httpx.Response(200, json=WRITTEN)


class Box:
    """A MockTransport answering as ``mode`` says, recording every request."""

    MAX_REQUESTS = 40

    def __init__(self, mode: str = "reject") -> None:
        self.mode = mode
        self.requests: list[httpx.Request] = []
        self.answer: Callable[[httpx.Request], httpx.Response] | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if len(self.requests) > self.MAX_REQUESTS:
            raise RuntimeError(f"more than {self.MAX_REQUESTS} requests for one call: a walk that does not stop")
        if self.answer is not None:
            return self.answer(request)
        if self.mode == "reject":
            return httpx.Response(400, json=REJECTION)
        return _plausible(request)


def sync_client(box: Box) -> ZohoCRM:
    return ZohoCRM(
        AccessTokenCredentials("t"),
        api_domain="http://127.0.0.1:9",
        transport=httpx.MockTransport(box),
        retry=NO_RETRY,
    )


def async_client(box: Box) -> AsyncZohoCRM:
    async def handler(request: httpx.Request) -> httpx.Response:
        return box(request)

    return AsyncZohoCRM(
        AccessTokenCredentials("t"),
        api_domain="http://127.0.0.1:9",
        transport=httpx.MockTransport(handler),
        retry=NO_RETRY,
    )


# ---------------------------------------------------------------------------------------------------------------
# the surface
# ---------------------------------------------------------------------------------------------------------------


def _targets(client: Any) -> dict[str, Callable[..., Any]]:
    """``resource.method`` (and ``resource.raw.method``) -> bound method, for every public method."""
    found: dict[str, Callable[..., Any]] = {}
    for attr in RESOURCES:
        resource = getattr(client, attr)
        for view, prefix in ((resource, attr), (resource.with_raw_response, f"{attr}.raw")):
            for name in dir(view):
                if name.startswith("_") or name == "with_raw_response":
                    continue
                member = getattr(view, name)
                if callable(member):
                    found[f"{prefix}.{name}"] = member
    return found


_PROBE = sync_client(Box())
SYNC_TARGETS = sorted(_targets(_PROBE))
_PROBE.close()


def _key(target: str) -> str:
    """The OVERRIDES key of a target: its raw twin shares the generated method's."""
    return target.replace(".raw.", ".")


def _params(fn: Callable[..., Any]) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(fn).parameters.values() if p.kind is not inspect.Parameter.VAR_KEYWORD]


def spec_body(target: str) -> Any:
    """A valid body of the operation ``target`` calls, from the spec alone (a new operation needs no override).

    A JSON body's first example; a ``multipart/form-data`` body's required fields (a file's bytes, else text).
    """
    name = _key(target).rsplit(".", 1)[-1]
    spec = json.loads((files("zoho_crm_api") / "openapi.json").read_text(encoding="utf-8"))
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and op.get("operationId") == name:
                content = resolve(spec, op["requestBody"])["content"]
                if "application/json" in content:
                    examples = content["application/json"].get("examples", {})
                    return resolve(spec, next(iter(examples.values())))["value"]
                form = resolve(spec, content["multipart/form-data"]["schema"])
                fields = form.get("properties", {})
                return {
                    key: b"\x89PNG\r\n\x1a\n" if fields.get(key, {}).get("format") == "binary" else "x"
                    for key in form.get("required", [])
                }
    raise KeyError(f"{target}: no operation {name!r} in the spec, and no override of its body")


def valid_kwargs(target: str, fn: Callable[..., Any]) -> dict[str, Any]:
    """A valid call of ``fn``: every required parameter, and the overrides of its method."""
    overrides = OVERRIDES.get(_key(target), {})
    kwargs: dict[str, Any] = {}
    for p in _params(fn):
        if p.name in overrides:
            kwargs[p.name] = overrides[p.name]
        elif p.default is inspect.Parameter.empty:
            kwargs[p.name] = spec_body(target) if p.name == "body" else VALID[p.name]
    return copy.deepcopy(kwargs)  # a fresh copy: a call may keep or change what it was given


def fuzzable(target: str, fn: Callable[..., Any]) -> list[str]:
    return [p.name for p in _params(fn)] + ["unknown_option"]


PAIRS = [(t, p) for t in SYNC_TARGETS for p in fuzzable(t, _targets(_PROBE)[t])]

# ---------------------------------------------------------------------------------------------------------------
# calling and judging
# ---------------------------------------------------------------------------------------------------------------

ACCEPTED = (ZohoError, Boom)


def _step_sync(result: Any) -> None:
    if isinstance(result, Iterator):
        try:
            for _ in range(3):
                next(result)
        except StopIteration:
            pass
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()


async def _step_async(result: Any) -> None:
    if inspect.isawaitable(result):
        result = await result
    if isinstance(result, AsyncIterator):
        try:
            for _ in range(3):
                await result.__anext__()
        except StopAsyncIteration:
            pass
        finally:
            aclose = getattr(result, "aclose", None)
            if aclose is not None:
                await aclose()


def judge(where: str, box: Box, run: Callable[[], None]) -> str | None:
    """None when the call kept the promise; else what went wrong (with the traceback)."""
    try:
        run()
    except ZohoValidationError as exc:
        if box.requests:
            return f"{where}: ZohoValidationError after {len(box.requests)} request(s) were sent: {exc}"
    except ACCEPTED:
        pass
    except BaseException as exc:  # every other type is the defect looked for
        if isinstance(exc, KeyboardInterrupt):
            raise
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-6))
        return f"{where}: {type(exc).__name__}: {str(exc)[:200]}\n{tb}"
    return None


def _value(label: str) -> Any:
    """A hostile value by its ``HOSTILE`` label, or a value hypothesis made (``random:<repr>``)."""
    return HOSTILE[label]() if label in HOSTILE else RANDOM[label]


RANDOM: dict[str, Any] = {}  # hypothesis' values, by a label naming them (kept for the failure message)


def call_sync(target: str, param: str, label: str, mode: str) -> str | None:
    box = Box(mode)
    with sync_client(box) as crm:
        fn = _targets(crm)[target]
        kwargs = valid_kwargs(target, fn)
        kwargs[param] = _value(label)
        return judge(f"{target}({param}={label}) [{mode}]", box, lambda: _step_sync(fn(**kwargs)))


async def _caught(fn: Callable[..., Any], kwargs: dict[str, Any]) -> BaseException | None:
    try:
        await _step_async(fn(**kwargs))
    except BaseException as exc:  # judged by the caller, outside the event loop
        return exc
    return None


def _rethrow(exc: BaseException | None) -> Callable[[], None]:
    def run() -> None:
        if exc is not None:
            raise exc

    return run


def call_async(target: str, param: str, label: str, mode: str) -> str | None:
    box = Box(mode)

    async def main() -> BaseException | None:
        async with async_client(box) as crm:
            fn = _targets(crm)[target]
            kwargs = valid_kwargs(target, fn)
            kwargs[param] = _value(label)
            return await _caught(fn, kwargs)

    return judge(f"async {target}({param}={label}) [{mode}]", box, _rethrow(asyncio.run(main())))


# ---------------------------------------------------------------------------------------------------------------
# 1. one hostile argument at a time
# ---------------------------------------------------------------------------------------------------------------


def test_the_fuzzed_surface_is_every_public_method() -> None:
    assert len(SYNC_TARGETS) > 80
    assert {"records.insert", "records.raw.get_records", "related.delink", "coql.query"} <= set(SYNC_TARGETS)
    for target in SYNC_TARGETS:
        valid_kwargs(target, _targets(_PROBE)[target])  # every required parameter has a valid value


@pytest.mark.parametrize("mode", ["reject", "ok"])
def test_every_valid_call_is_sent(mode: str) -> None:
    """The baseline: without a hostile value every call is sent, and ends in a result or a typed API error."""
    problems = []
    for target in SYNC_TARGETS:
        box = Box(mode)
        with sync_client(box) as crm:
            fn = _targets(crm)[target]
            try:
                _step_sync(fn(**valid_kwargs(target, fn)))
            except ZohoValidationError as exc:
                problems.append(f"{target}: the valid call was refused: {exc}")
            except ZohoError:
                pass
        if not box.requests:
            problems.append(f"{target}: the valid call sent nothing")
    assert not problems, "\n".join(problems)


NASTIEST = ["deep_list", "bad_repr", "surrogate_pair_text", "surrogate_values", "object", "huge_int", "evil_dict"]


@pytest.mark.parametrize("target", SYNC_TARGETS)
def test_the_nastiest_values_in_every_parameter(target: str) -> None:
    """Deterministic: each of the values that found defects, in every parameter of every method."""
    fn = _targets(_PROBE)[target]
    failures = [
        failure
        for param in fuzzable(target, fn)
        for label in NASTIEST
        if (failure := call_sync(target, param, label, "reject")) is not None
    ]
    assert not failures, f"{len(failures)} failures; the first:\n{failures[0]}"


_random_values = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(categories=["Cs", "Cc", "Cf", "Zl", "So"]), max_size=8),  # surrogates too
    st.integers(),
    st.floats(),
    st.binary(max_size=8),
    st.lists(st.one_of(st.text(max_size=5), st.integers(), st.none()), max_size=4),
    st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=5), st.integers(), st.floats()), max_size=3),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
)


@st.composite
def hostile_labels(draw: st.DrawFn) -> str:
    """A ``HOSTILE`` label (mostly), or a random value registered under a label of its own."""
    if draw(st.booleans()):
        return draw(st.sampled_from(sorted(HOSTILE)))
    value = draw(_random_values)
    label = f"random:{value!r:.80}"
    RANDOM[label] = value
    return label


ASYNC_SAMPLE = [
    "records.list",
    "records.iter",
    "records.get",
    "records.insert",
    "records.upsert_stream",
    "records.delete",
    "records.count",
    "records.get_records",
    "records.iter_get_records",
    "records.insert_records",
    "records.raw.update_records",
    "related.update",
    "related.count",
    "related.iter_of_deleted",
    "metadata.module",
    "coql.query",
]


@pytest.mark.parametrize(
    ("call", "target"), [(call_sync, t) for t in SYNC_TARGETS] + [(call_async, t) for t in ASYNC_SAMPLE]
)
@settings(max_examples=15, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_one_hostile_argument(
    call: Callable[[str, str, str, str], str | None], target: str, data: st.DataObject
) -> None:
    fn = _targets(_PROBE)[target]
    param = data.draw(st.sampled_from(fuzzable(target, fn)), label="param")
    label = data.draw(hostile_labels(), label="value")
    mode = data.draw(st.sampled_from(["reject", "ok"]), label="mode")
    failure = call(target, param, label, mode)
    assert failure is None, failure


CONSTRUCTOR = [p.name for p in inspect.signature(ZohoCRM).parameters.values()]


@pytest.mark.parametrize("param", CONSTRUCTOR)
def test_one_hostile_constructor_argument(param: str) -> None:
    """``ZohoCRM(...)`` is a public call too: a hostile setting is refused (at once or at the first call)."""
    failures = []
    for label in sorted(HOSTILE):
        box = Box("reject")
        kwargs: dict[str, Any] = {
            "credentials": AccessTokenCredentials("t"),
            "api_domain": "http://127.0.0.1:9",
            "transport": httpx.MockTransport(box),
            "retry": NO_RETRY,
        }
        kwargs[param] = _value(label)
        if param == "data_center":
            kwargs.pop("api_domain")  # the data center decides the domain only when none is given

        def run(kwargs: dict[str, Any] = kwargs) -> None:
            with ZohoCRM(**kwargs) as crm:
                crm.records.get("Leads", GOOD_ID)

        failure = judge(f"ZohoCRM({param}={label})", box, run)
        if failure is not None:
            failures.append(failure)
    assert not failures, f"{len(failures)} failures; the first:\n{failures[0]}"


# ---------------------------------------------------------------------------------------------------------------
# 2. a valid call, a hostile answer
# ---------------------------------------------------------------------------------------------------------------


def _deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def _streamed(status: int, body: bytes, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _: httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))


def _raw(status: int, body: bytes | str, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    content = body.encode() if isinstance(body, str) else body
    return lambda _: httpx.Response(status, headers=headers, content=content)


def _json(status: int, body: Any, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return _raw(status, json.dumps(body), **{"content-type": "application/json", **headers})


HUGE_DIGITS = "9" * 5000
ANSWERS: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "html_200": _raw(200, "<html><body>gateway</body></html>", **{"content-type": "text/html"}),
    "html_502": _raw(502, "<html>bad gateway</html>"),
    "truncated": _raw(200, '{"data": [{"id": "1'),
    "empty_200": _raw(200, ""),
    "not_utf8": _raw(200, b"\xff\xfe{\x00"),
    "list": _json(200, []),
    "null": _json(200, None),
    "string": _json(200, "x"),
    "number": _json(200, 1),
    "data_str": _json(200, {"data": "x"}),
    "data_odd_items": _json(200, {"data": [1, None, "x"]}),
    "data_dict": _json(200, {"data": {"id": GOOD_ID}}),
    "data_empty_dicts": _json(200, {"data": [{}, {}]}),
    "data_many": _json(200, {"data": [{"code": "SUCCESS", "status": "success", "details": {"id": GOOD_ID}}] * 150}),
    "item_odd_types": _json(200, {"data": [{"code": 1, "status": [], "message": {}, "details": "x"}]}),
    "item_error_odd": _json(200, {"data": [{"status": "error", "code": None, "message": None, "details": []}]}),
    "item_success_bad_id": _json(200, {"data": [{"code": "SUCCESS", "status": "success", "details": {"id": {}}}]}),
    "item_success_huge_id": _raw(
        200, '{"data": [{"code": "SUCCESS", "status": "success", "details": {"id": ' + HUGE_DIGITS + "}}]}"
    ),
    "huge_int": _raw(200, '{"data": [{"id": ' + HUGE_DIGITS + '}], "count": ' + HUGE_DIGITS + "}"),
    "huge_float": _raw(200, '{"data": [{"id": 1e400}], "count": 1e400}'),
    "count_huge_str": _json(200, {"count": HUGE_DIGITS}),
    "count_negative": _json(200, {"count": -1}),
    "count_float": _json(200, {"count": 1.5}),
    "info_odd": _json(200, {"data": [{"id": GOOD_ID}], "info": {"more_records": "yes", "page": "x", "per_page": -1}}),
    "info_not_dict": _json(200, {"data": [{"id": GOOD_ID}], "info": [1]}),
    "info_token_odd": _json(
        200, {"data": [{"id": GOOD_ID}], "info": {"more_records": True, "next_page_token": 5, "page": 10**30}}
    ),
    "more_forever_empty": _json(200, {"data": [], "info": {"more_records": True, "page": 1, "per_page": 200}}),
    "more_forever_token": _json(
        200, {"data": [], "info": {"more_records": True, "next_page_token": "t", "page": 1, "per_page": 200}}
    ),
    "deep_json": _raw(200, _deep_json(100_000)),
    "deep_json_in_data": _raw(200, b'{"data": [{"x": ' + _deep_json(900) + b"}]}"),
    "related_counts_odd": _json(200, {"get_related_records_count": [{"count": True}, 1, {"related_list": []}]}),
    "envelope_odd_400": _json(400, {"code": 123, "message": None, "details": [], "status": "error"}),
    "envelope_list_400": _json(400, {"code": ["INVALID_DATA"], "details": {"x": {"y": 1}}}),
    "envelope_200": _json(200, {"code": "INVALID_TOKEN", "message": "x", "status": "error", "details": None}),
    "error_401": _json(401, {"code": "INVALID_TOKEN", "message": "x", "status": "error"}),
    "error_403": _json(403, {"code": "OAUTH_SCOPE_MISMATCH", "message": "x", "status": "error"}),
    "error_404_html": _raw(404, "<html>"),
    "error_429_retry_after": _json(429, {"code": "TOO_MANY_REQUESTS"}, **{"Retry-After": "nan"}),
    "error_500_odd": _json(500, {"code": {}, "message": []}),
    "status_207_odd": _json(207, {"data": "x"}),
    "status_201_empty": _raw(201, ""),
    "status_202": _json(202, {"data": [{"code": "SCHEDULED", "status": "success", "details": {"job_id": 5}}]}),
    "status_204": _raw(204, ""),
    "status_304": _raw(304, ""),
    "status_302": _raw(302, "", Location="http://evil.example/"),
    "status_599": _raw(599, "x"),
    "status_100": _raw(100, ""),
    "gzip_garbage": _streamed(200, b"not gzip at all", **{"content-encoding": "gzip"}),
    "deflate_garbage": _streamed(200, b"\x78\x9c garbage", **{"content-encoding": "deflate"}),
    "brotli": _streamed(200, b"x", **{"content-encoding": "br"}),
    "content_length_lies": _streamed(200, b'{"data": []}', **{"content-length": "99999999999999999999999"}),
    "content_length_garbage": lambda _: httpx.Response(
        200, headers=[(b"content-length", "\u0661\u0662".encode())], stream=httpx.ByteStream(b'{"data": []}')
    ),
}


def answer_sync(target: str, answer: str) -> str | None:
    box = Box()
    box.answer = ANSWERS[answer]
    with sync_client(box) as crm:
        fn = _targets(crm)[target]
        kwargs = valid_kwargs(target, fn)
        return judge(f"{target}(valid) <- {answer}", box, lambda: _step_sync(fn(**kwargs)))


def answer_async(target: str, answer: str) -> str | None:
    box = Box()
    box.answer = ANSWERS[answer]

    async def main() -> BaseException | None:
        async with async_client(box) as crm:
            fn = _targets(crm)[target]
            return await _caught(fn, valid_kwargs(target, fn))

    return judge(f"async {target}(valid) <- {answer}", box, _rethrow(asyncio.run(main())))


@pytest.mark.parametrize("answer", sorted(ANSWERS))
def test_a_hostile_answer_to_every_valid_call(answer: str) -> None:
    failures = [f for target in SYNC_TARGETS if (f := answer_sync(target, answer)) is not None]
    failures += [f for target in ASYNC_SAMPLE if (f := answer_async(target, answer)) is not None]
    assert not failures, f"{len(failures)} failures; the first:\n{failures[0]}"


# ---------------------------------------------------------------------------------------------------------------
# 3. the defects found, one explicit case each (each failed before its fix)
# ---------------------------------------------------------------------------------------------------------------

EXT = "Contacts.External_Contact_ID"


def _deep() -> Any:
    return _deep_list(1000)


# input the client can refuse before sending: each must be a ZohoValidationError, and nothing sent
BAD_INPUT: dict[str, Callable[[ZohoCRM], Any]] = {
    # D1: an error message repr()s the caller's value unguarded: RecursionError (deep value), or the value's own
    # __repr__ error, escapes instead of the ZohoValidationError being built
    "d1_module_deep": lambda c: c.records.insert(_deep(), [LEAD]),
    "d1_module_bad_repr": lambda c: c.records.delete(BadRepr(), [GOOD_ID]),
    "d1_external_deep": lambda c: c.records.upsert("Leads", [LEAD], external=_deep()),
    "d1_if_modified_since_deep": lambda c: c.records.get("Leads", GOOD_ID, if_modified_since=_deep()),
    "d1_timeout_deep": lambda c: c.records.get_records("Leads", fields="Email", timeout=_deep()),
    "d1_timeout_bad_repr": lambda c: c.metadata.org(timeout=BadRepr()),
    "d1_concurrency_deep": lambda c: c.records.insert("Leads", [LEAD], concurrency=_deep()),
    "d1_on_progress_deep": lambda c: c.records.insert("Leads", [LEAD], on_progress=_deep()),
    "d1_trigger_deep": lambda c: c.records.insert("Leads", [LEAD], trigger=_deep()),
    "d1_dcf_deep": lambda c: c.records.upsert("Leads", [LEAD], duplicate_check_fields=[_deep()]),
    "d1_select_query_deep": lambda c: c.coql.query(_deep()),
    "d1_enum_deep": lambda c: c.records.list("Leads", fields=["Email"], sort_order=_deep()),  # enum.__new__'s %r
    "d1_enum_bad_repr": lambda c: c.metadata.get_users(type=BadRepr()),
    # D2: a lone surrogate passes every check (the patterns only refuse control characters) and the URL encoder
    # raises UnicodeEncodeError while the request is built
    "d2_query_word": lambda c: c.records.count("Leads", word="ab\ud800"),
    "d2_query_criteria": lambda c: c.records.search("Leads", criteria="(Email:equals:\ud800)"),
    "d2_query_page_token": lambda c: c.records.list("Leads", fields=["Email"], page_token="\ud800"),
    "d2_query_ids_external": lambda c: c.records.list("Contacts", fields=["Email"], ids=["\ud800"], external=EXT),
    "d2_extra_query": lambda c: c.records.get_records("Leads", fields="Email", extra_query={"x": "\ud800"}),
    "d2_path_external": lambda c: c.records.get("Contacts", "\ud800", external=EXT),
    "d2_path_external_write": lambda c: c.records.update_one("Contacts", "\ud800", {"Last_Name": "x"}, external=EXT),
    "d2_batch_delete_external": lambda c: c.records.delete("Contacts", ["\ud800"], external=EXT),  # a BatchError
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_hostile_input_found_by_fuzzing_is_a_validation_error(case: str) -> None:
    box = Box("ok")
    with sync_client(box) as crm, pytest.raises(ZohoValidationError):
        _step_sync(BAD_INPUT[case](crm))
    assert box.requests == []


@pytest.mark.parametrize("case", ["d1_module_deep", "d2_query_word", "d2_path_external"])
def test_hostile_input_found_by_fuzzing_is_a_validation_error_async(case: str) -> None:
    box = Box("ok")

    async def main() -> None:
        async with async_client(box) as crm:
            with pytest.raises(ZohoValidationError):
                await _step_async(BAD_INPUT[case](crm))  # type: ignore[arg-type]

    asyncio.run(main())
    assert box.requests == []


def test_a_count_of_more_than_4300_digits_is_an_invalid_response() -> None:
    # D3: record_count int()s any all-digit string: past 4,300 digits int() raises ValueError
    box = Box()
    box.answer = ANSWERS["count_huge_str"]
    with sync_client(box) as crm, pytest.raises(ZohoError):
        crm.records.count("Leads")


def _crm(**kwargs: Any) -> ZohoCRM:
    settings: dict[str, Any] = {"api_domain": "http://127.0.0.1:9", "retry": NO_RETRY, **kwargs}
    return ZohoCRM(settings.pop("credentials", AccessTokenCredentials("t")), **settings)


# D4: the client's own settings are not checked for type: a wrong one fails with a bare AttributeError, TypeError
# or ValueError, at construction or at the first call (some after a request was sent)
CONFIG: dict[str, Callable[[Box], Any]] = {
    "d4_credentials_not_credentials": lambda b: _crm(credentials="token", transport=httpx.MockTransport(b)),
    "d4_data_center_a_string": lambda b: ZohoCRM(AccessTokenCredentials("t"), data_center="eu"),  # type: ignore[arg-type]
    "d4_api_domain_not_a_string": lambda b: _crm(api_domain=1, transport=httpx.MockTransport(b)),
    "d4_accounts_url_a_list": lambda b: _crm(accounts_url=["https://x"], transport=httpx.MockTransport(b)),
    "d4_retry_not_a_policy": lambda b: _crm(retry=3, transport=httpx.MockTransport(b)).records.get("Leads", GOOD_ID),
    "d4_transport_not_a_transport": lambda b: _crm(transport=object()).records.get("Leads", GOOD_ID),
    "d4_retry_max_attempts_a_string": lambda b: _crm(
        retry=RetryPolicy(max_attempts="3"),  # type: ignore[arg-type]
        transport=httpx.MockTransport(b),
    ).records.get("Leads", GOOD_ID),
    "d4_retry_negative_backoff": lambda b: _crm(
        retry=RetryPolicy(initial_backoff=-1.0), transport=httpx.MockTransport(b)
    ).records.get("Leads", GOOD_ID),  # ValueError from time.sleep, after the first request
}


@pytest.mark.parametrize("case", sorted(CONFIG))
def test_a_bad_client_setting_is_a_validation_error(case: str) -> None:
    box = Box()
    box.answer = _json(503, {"code": "INTERNAL_ERROR", "message": "x", "status": "error"})
    with pytest.raises(ZohoValidationError):
        CONFIG[case](box)
    assert box.requests == []
