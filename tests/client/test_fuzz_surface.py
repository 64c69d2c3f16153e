"""Every public method, every parameter, fed hostile values: a typed error (or a result), never a bare exception.

The promise under test: bad input is a ``ZohoValidationError`` raised before any request is sent; any
other failure is a ``ZohoError`` subclass. A ``TypeError``, ``AttributeError``, ``ValueError``,
``KeyError``, ``OverflowError``, ``RecursionError``... escaping a public call is a defect.

For each method of each resource (and of its ``with_raw_response`` view), a valid call is built from
``VALID`` (by parameter name, with per-method overrides), then ONE parameter is replaced by a hostile
value. The transport answers either Zoho's 400 envelope or a plausible success. A second sweep sends
VALID calls and has the transport answer hostile bodies. Iterators are stepped; coroutines awaited.

The defects this fuzzing found are pinned as explicit cases at the end (``DEFECTS``): they fail until fixed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import decimal
import enum
import inspect
import json
import math
import traceback
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    "related.get_related_records_count": {"body": {"get_related_records_count": [{"related_list": {"api_name": "Notes"}}]}},
    "coql.execute_coql_query": {"body": {"select_query": VALID["select_query"]}},
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
    "naive_datetime": lambda: dt.datetime(2024, 1, 1),  # noqa: DTZ001
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


def valid_kwargs(target: str, fn: Callable[..., Any]) -> dict[str, Any]:
    """A valid call of ``fn``: every required parameter, and the overrides of its method."""
    overrides = OVERRIDES.get(_key(target), {})
    kwargs: dict[str, Any] = {}
    for p in _params(fn):
        if p.name in overrides:
            kwargs[p.name] = overrides[p.name]
        elif p.default is inspect.Parameter.empty:
            kwargs[p.name] = VALID[p.name]
    return json.loads(json.dumps(kwargs))  # a fresh copy: a call may keep or change what it was given


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
    except BaseException as exc:  # noqa: BLE001 - every other type is the defect being looked for
        if isinstance(exc, KeyboardInterrupt):
            raise
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, limit=-6))
        return f"{where}: {type(exc).__name__}: {str(exc)[:200]}\n{tb}"
    return None


def call_sync(target: str, param: str, label: str, mode: str) -> str | None:
    box = Box(mode)
    with sync_client(box) as crm:
        fn = _targets(crm)[target]
        kwargs = valid_kwargs(target, fn)
        kwargs[param] = HOSTILE[label]()
        return judge(f"{target}({param}={label}) [{mode}]", box, lambda: _step_sync(fn(**kwargs)))


def call_async(target: str, param: str, label: str, mode: str) -> str | None:
    box = Box(mode)

    async def main() -> str | None:
        async with async_client(box) as crm:
            fn = _targets(crm)[target]
            kwargs = valid_kwargs(target, fn)
            kwargs[param] = HOSTILE[label]()
            failure: list[BaseException] = []

            async def attempt() -> None:
                try:
                    await _step_async(fn(**kwargs))
                except BaseException as exc:  # noqa: BLE001 - judged below, outside the loop
                    failure.append(exc)

            await attempt()

            def rethrow() -> None:
                if failure:
                    raise failure[0]

            return judge(f"async {target}({param}={label}) [{mode}]", box, rethrow)

    return asyncio.run(main())


# ---------------------------------------------------------------------------------------------------------------
# 1. one hostile argument at a time
# ---------------------------------------------------------------------------------------------------------------


def test_the_fuzzed_surface_is_every_public_method() -> None:
    assert len(SYNC_TARGETS) > 80
    for target in SYNC_TARGETS:
        valid_kwargs(target, _targets(_PROBE)[target])  # every required parameter has a valid value


def test_every_valid_call_is_accepted() -> None:
    """The baseline: without a hostile value, every call is sent (no validation error) and ends typed or well."""
    problems = []
    for target in SYNC_TARGETS:
        for mode in ("reject", "ok"):
            box = Box(mode)
            with sync_client(box) as crm:
                fn = _targets(crm)[target]
                kwargs = valid_kwargs(target, fn)
                try:
                    _step_sync(fn(**kwargs))
                except ZohoValidationError as exc:
                    problems.append(f"{target} [{mode}]: the valid call was refused: {exc}")
                except ZohoError:
                    pass
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("target", SYNC_TARGETS)
@settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_one_hostile_argument_sync(target: str, data: st.DataObject) -> None:
    fn = _targets(_PROBE)[target]
    param = data.draw(st.sampled_from(fuzzable(target, fn)), label="param")
    label = data.draw(st.sampled_from(sorted(HOSTILE)), label="value")
    mode = data.draw(st.sampled_from(["reject", "ok"]), label="mode")
    failure = call_sync(target, param, label, mode)
    assert failure is None, failure


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
    "metadata.module",
    "coql.query",
]


@pytest.mark.parametrize("target", ASYNC_SAMPLE)
@settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_one_hostile_argument_async(target: str, data: st.DataObject) -> None:
    fn = _targets(_PROBE)[target]
    param = data.draw(st.sampled_from(fuzzable(target, fn)), label="param")
    label = data.draw(st.sampled_from(sorted(HOSTILE)), label="value")
    mode = data.draw(st.sampled_from(["reject", "ok"]), label="mode")
    failure = call_async(target, param, label, mode)
    assert failure is None, failure
