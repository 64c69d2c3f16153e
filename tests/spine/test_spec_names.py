"""What a maintainer's spec edit may bring: generator/surface.py turns each into a method, keyword or resource
that compiles and works, or stops generation saying what to change.

Zoho's own OAS files name operations ``IDSUpdate`` or ``GETCVUpdate``, tags may hold spaces, a new
parameter may be called ``from``, ``filter``, ``self`` or ``timeout`` (a name every generated method uses),
and real v8 operations upload a file (``multipart/form-data``) or answer one (an attachment's download).
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.spine._copies import copy_repository, edit, run

sys.path.insert(0, str(ROOT / "generator"))
import generate
import surface

sys.path.remove(str(ROOT / "generator"))

SPEC = yaml.safe_load((ROOT / "spec" / "zoho-crm.yaml").read_text(encoding="utf-8"))


def _entry(name: str) -> dict[str, Any]:
    return {"name": name, "public": surface.public_name(name)}


def test_a_parameter_named_like_the_methods_own_arguments_gets_a_keyword_of_its_own() -> None:
    entries = [_entry(n) for n in ("self_", "timeout", "extra_body", "from_", "filter_", "x_trace_id", "trace_id")]
    entries[5].update(public="x_trace_id", explicit=True)  # x-zoho-keyword: the spec says which keeps trace_id
    surface._keywords(entries, surface.SURFACE_NAMES)
    assert {e["name"]: e["public"] for e in entries} == {
        "self_": "self_",
        "timeout": "timeout_",
        "extra_body": "extra_body_",
        "from_": "from_",
        "filter_": "filter",
        "x_trace_id": "x_trace_id",  # the query parameter trace_id keeps its name
        "trace_id": "trace_id",
    }
    assert [e["key"] for e in entries] == ["self", "timeout", "extra_body", "from_", "filter", "x_trace_id", "trace_id"]


def test_two_parameters_wanting_one_keyword_stop_generation_until_the_spec_names_one() -> None:
    # found by review: a query parameter ``external`` added beside the X-EXTERNAL header took the keyword
    # ``external`` from it, silently: calls that sent the header sent a query parameter instead
    entries = [_entry("x_external"), _entry("external")]
    with pytest.raises(surface.SpecError, match=r"\['external', 'x_external'\] would take the same keyword"):
        surface._keywords(entries, surface.SURFACE_NAMES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("getTags", "get_tags"), ("IDSUpdate", "ids_update"), ("get-stats", "get_stats"), ("filter", "filter_")],
)
def test_names_are_the_ones_openapi_python_client_gives(name: str, expected: str) -> None:
    assert surface.identifier(name) == expected
    assert surface.identifier("Tag Settings", "tag") == "tag_settings"


def test_the_field_prefix_is_the_generator_configs() -> None:
    config = yaml.safe_load((ROOT / "generator" / "config.yaml").read_text(encoding="utf-8"))
    assert config["field_prefix"] == surface.FIELD_PREFIX


def test_the_client_names_a_resource_may_not_take_are_every_attribute_of_the_facades() -> None:
    from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, ZohoCRM
    from zoho_crm_api.resources import RESOURCES

    credentials = AccessTokenCredentials("token-1234")
    with ZohoCRM(credentials) as crm:
        clients: list[object] = [crm, AsyncZohoCRM(credentials)]
        own = {n for client in clients for n in dir(client) if not n.startswith("_")} - set(RESOURCES)
    assert own == set(surface.CLIENT_NAMES)


def test_two_resources_of_one_class_name_stop_generation() -> None:
    with pytest.raises(surface.SpecError, match=r"tag 'v2Api' would be the resource crm\.v_2_api, but tag 'V2 Api'"):
        surface._attribute("v2Api", {}, {"v2_api": "V2 Api"})


def test_an_operation_constant_that_is_a_methods_stops_generation() -> None:
    listing = {"id": "list_method", "method": "list_method", "pagination": (), "user": [], "const": "_LIST_METHOD"}
    records = {"id": "get_records", "method": "get_records", "pagination": (), "const": "_GET_RECORDS",
               "user": [{"name": "list", "returns": "page"}]}  # fmt: skip
    with pytest.raises(surface.SpecError, match="get_records and list_method would both be the method _LIST_METHOD"):
        surface._method_names("records", [listing, records])


def test_a_nullable_or_one_of_parameter_is_typed_as_its_kinds() -> None:
    assert surface._type(str | None, None) == ("str | None", True)
    assert surface._type(int | str, None) == ("int | str", False)


def test_parameter_defaults_are_left_to_zoho_not_sent_by_the_builders() -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["parameters"]["PerPage"]["schema"]["default"] = 200
    spec["paths"]["/{module}"]["get"]["parameters"].append({"name": "x", "in": "query", "schema": {"default": 1}})
    builders = generate.without_parameter_defaults(spec)
    assert "default" not in builders["components"]["parameters"]["PerPage"]["schema"]
    assert builders["paths"]["/{module}"]["get"]["parameters"][-1]["schema"] == {}
    assert spec["components"]["parameters"]["PerPage"]["schema"]["default"] == 200  # the spec itself untouched


def _tagged(resource: str, tag: str = "metadata") -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    next(t for t in spec["tags"] if t["name"] == tag)["x-zoho-resource"] = resource
    return spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (_tagged("stats"), "tag 'metadata' would be the resource crm.stats, but the client has that attribute"),
        (_tagged("related"), "tag 'metadata' would be the resource crm.related, but tag 'related_records' has it"),
    ],
)
def test_a_resource_name_the_client_has_already_stops_generation(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(surface.SpecError, match=message):
        surface.resources(spec)


def _declared(op_id: str, **changes: Any) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    for item in spec["paths"].values():
        for node in item.values():
            if isinstance(node, dict) and node.get("operationId") == op_id:
                node["x-zoho-method"] = {**node["x-zoho-method"], **changes}
    return spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (_declared("get_fields", name="get_modules"), "get_modules and get_fields would both be the method"),
        (_declared("get_fields", name="with_raw_response"), "the method with_raw_response"),
        (_declared("get_records", iter="list"), "would both be the method list"),
    ],
)
def test_two_methods_of_one_name_stop_generation(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(surface.SpecError, match=message):
        surface.resources(spec)


def test_a_fixed_value_on_a_batched_write_stops_generation() -> None:
    """The batch runtime sends what the call gives: a fixed value would silently never be sent."""
    spec = _declared("upsert_records", fixed={"external": "External_Lead_ID"})
    with pytest.raises(surface.SpecError, match="upsert_records: x-zoho-method fixed is for single calls"):
        surface.resources(spec)


def test_a_body_argument_named_like_the_methods_own_stops_generation() -> None:
    with pytest.raises(surface.SpecError, match="body names 'timeout'"):
        surface.resources(_declared("update_record", body={"name": "timeout", "wrap": "data"}))


def test_a_renamed_positional_argument_never_takes_a_name_the_method_uses() -> None:
    spec = _declared("get_record", rename={"record_id": "timeout"})
    ops = [op for resource in surface.resources(spec) for op in resource["ops"] if op["id"] == "get_record"]
    get = ops[0]["user"][0]
    assert [(p["key"], p["public"]) for p in get["positional"]] == [("module", "module"), ("record_id", "timeout_")]


def test_a_spec_parameter_the_request_builder_lacks_stops_generation() -> None:
    spec = copy.deepcopy(SPEC)
    tags = {"name": "tags", "in": "query", "schema": {"type": "string"}}
    spec["paths"]["/{module}"]["get"]["parameters"].append(tags)
    with pytest.raises(surface.SpecError, match=r"get_records: parameter 'tags' \(query\) has no argument"):
        surface.resources(spec)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ({"deprecated": True}, ""),
        ({"deprecated": True, "x-zoho-deprecated": " Use\n  COQL. "}, "Use COQL."),
        ({"deprecated": False}, None),
        ({}, None),
    ],
)
def test_a_deprecation_and_its_note_are_read(node: dict[str, Any], expected: str | None) -> None:
    assert surface.deprecation("getTag", node) == expected


@pytest.mark.parametrize(
    "node",
    [{"deprecated": "yes"}, {"x-zoho-deprecated": "Use COQL."}, {"deprecated": True, "x-zoho-deprecated": " "}],
)
def test_a_deprecation_spelt_otherwise_stops_generation(node: dict[str, Any]) -> None:
    with pytest.raises(surface.SpecError, match=r"^getTag: legacy: deprecated is true or false"):
        surface.deprecation("getTag", {"name": "legacy", "in": "query", **node})


def test_a_required_parameter_cannot_be_deprecated_alone() -> None:
    with pytest.raises(surface.SpecError, match=r"^get_record: record_id is required: deprecate the operation"):
        surface.deprecation("get_record", {"name": "record_id", "in": "path", "required": True, "deprecated": True})


def test_a_deprecation_note_ends_with_one_full_stop() -> None:
    assert surface._deprecated_doc("Use COQL.") == surface._deprecated_doc("Use COQL") == "Deprecated: Use COQL."
    assert surface._deprecated_doc("") == "Deprecated."


def test_a_module_python_cannot_compile_is_never_written(tmp_path: Path) -> None:
    target = tmp_path / "records.py"
    with pytest.raises(surface.SpecError, match=r"records\.py, line 1: duplicate argument 'a'"):
        surface._write(target, "def f(a, a): pass\n")
    assert not target.exists()


NEW_PARAMETERS = """        - $ref: '#/components/parameters/XExternal'
        - {name: from, in: query, description: A keyword., schema: {type: integer, minimum: 1}}
        - {name: filter, in: query, description: A builtin., schema: {type: string, maxLength: 5}}
        - {name: self, in: query, description: The method's self., schema: {type: string}}
        - {name: timeout, in: query, description: The per-call timeout's name., schema: {type: integer}}
        - {name: per-group, in: query, description: A dashed name., schema: {type: integer}}
        - {name: X-Trace-Id, in: header, description: A header., schema: {type: string}, x-zoho-keyword: trace_header}
        - {name: trace_id, in: query, description: The header's name as a query parameter., schema: {type: string}}
        - {name: tags, in: query, description: A list., schema: {type: array, maxItems: 2, items: {type: string}}}
        - {name: levels, in: query, description: A list of integers., schema: {type: array, items: {type: integer}}}
        - {name: kinds, in: query, description: Enums., schema: {type: array, items: {type: string, enum: [a, b]}}}
        - {name: priority, in: query, description: An integer enum., schema: {type: integer, enum: [1, 2, 3]}}
        - {name: 'on', in: query, description: A date., schema: {type: string, format: date}}
        - {name: since, in: query, description: A date-time., schema: {type: string, format: date-time}}
        - {name: days, in: query, description: Dates., schema: {type: array, items: {type: string, format: date}}}
        - {name: q, in: query, description: Nullable., schema: {type: string, nullable: true}}
        - {name: ratio, in: query, description: A number., schema: {type: number}}
        - {name: mode, in: query, description: A default., schema: {type: string, enum: [a, b], default: a}}
        - {name: X-Note, in: header, description: A header., schema: {type: string}}
        - {name: sortKey, in: query, description: Camel case., schema: {type: string}}
        - {name: legacy, in: query, deprecated: true, x-zoho-deprecated: Use sortKey., schema: {type: string}}
      responses:
        '200':
          description: A page of records.
"""
INSERT_PARAMETERS = (  # the end of insert_records' description, and its parameters
    "        Costs 1 API credit per 10 records.\n"
    "      parameters:\n        - $ref: '#/components/parameters/XExternal'\n"
)
NEW_TAGS = """  - name: Tag Settings
    description: Tags of a module (a tag with a space, operations named as Zoho's OAS names them).
paths:
  /settings/tags:
    get:
      operationId: getTags
      tags: [Tag Settings]
      summary: Get the tags of a module
      parameters:
        - {name: module, in: query, required: true, schema: {type: string}}
      responses:
        '200':
          description: The tags.
          content:
            application/json:
              schema: {type: object, properties: {tags: {type: array, items: {type: object}}}}
    post:
      operationId: IDSCreate-Tags
      tags: [Tag Settings]
      summary: Create tags
      responses:
        '201':
          description: Created.
          content:
            application/json:
              schema: {type: object}
  /settings/tags/{tag_number}:
    get:
      operationId: getTag
      deprecated: true
      tags: [Tag Settings]
      summary: Get one tag
      parameters:
        - {name: tag_number, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: The tag.
          content:
            application/json; charset=utf-8:
              schema: {type: object}
  /{module}/{record_id}/Attachments:
    parameters:
      - $ref: '#/components/parameters/Module'
      - $ref: '#/components/parameters/RecordId'
    post:
      operationId: upload_attachment
      tags: [records]
      summary: Upload an attachment
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {type: object, required: [file], properties: {file: {type: string, format: binary}}}
      responses:
        '200':
          description: Uploaded.
          content:
            application/json:
              schema: {type: object}
  /{module}/{record_id}/Attachments/{attachment_id}:
    parameters:
      - $ref: '#/components/parameters/Module'
      - $ref: '#/components/parameters/RecordId'
      - {name: attachment_id, in: path, required: true, schema: {type: string, pattern: '^[0-9]+$'}}
    get:
      operationId: download_attachment
      tags: [records]
      summary: Download an attachment
      responses:
        '200':
          description: The file.
          content:
            image/png:
              schema: {type: string, format: binary}
        '204': {$ref: '#/components/responses/NoContent'}
"""

CHECK = r"""
import asyncio, datetime as dt, inspect, io, warnings
from email.parser import BytesParser
import httpx
from zoho_crm import AccessTokenCredentials, AsyncZohoCRM, ZohoCRM, ZohoValidationError
from zoho_crm.errors import ServerError
from zoho_crm.testing import sandbox
from zoho_crm_api.resources.records import RecordsResource

keywords = inspect.signature(RecordsResource.get_records).parameters
assert {"from_", "filter", "self_", "timeout_", "per_group", "trace_header", "trace_id", "timeout"} <= set(keywords)
with sandbox(mode="asgi") as sb:
    kwargs = dict(api_domain=sb.api_domain, accounts_url=sb.accounts_url)
    with ZohoCRM(sb.credentials, transport=sb.transport(), **kwargs) as crm:
        raw = crm.records.with_raw_response.get_records(
            "Leads", fields="Last_Name", from_=2, filter="a", self_="me", timeout_=5, per_group=3,
            trace_header="t-1", trace_id="q-1", timeout=10,
        )
        params = raw.request.url.params
        assert raw.status_code == 204, raw.text
        assert (params["from"], params["filter"], params["self"], params["timeout"]) == ("2", "a", "me", "5"), params
        assert (params["per-group"], params["trace_id"], raw.request.headers["X-Trace-Id"]) == ("3", "q-1", "t-1")
        raw = crm.records.with_raw_response.get_records(
            "Leads", fields="Last_Name", tags=["a", "b"], levels=(1, 2), kinds=["b"], priority=2,
            on="2024-03-04", since=dt.datetime(2024, 3, 4, 9, 30, 1, 500, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        )
        params = raw.request.url.params
        assert raw.status_code == 204, raw.text  # the sandbox reads a repeated key as the array
        assert (params.get_list("tags"), params.get_list("levels"), params["kinds"]) == (["a", "b"], ["1", "2"], "b")
        assert (params["priority"], params["on"], params["since"]) == ("2", "2024-03-04", "2024-03-04T09:30:01+05:00")
        raw = crm.records.with_raw_response.get_records("Leads", fields="Last_Name", since="2024-03-04T09:30:00Z")
        assert raw.request.url.params["since"] == "2024-03-04T09:30:00+00:00", raw.request.url
        assert "mode" not in raw.request.url.params, raw.request.url  # Zoho applies the default
        raw = crm.records.with_raw_response.get_records(
            "Leads", fields="Last_Name", days=["2024-03-04", dt.date(2024, 3, 5)], q="x", ratio=1.5, mode="b"
        )
        assert raw.status_code == 204, raw.text  # the sandbox reads a number too
        params = raw.request.url.params
        assert (params.get_list("days"), params["q"], params["ratio"], params["mode"]) == (
            ["2024-03-04", "2024-03-05"], "x", "1.5", "b"
        ), params
        raw = crm.tag_settings.with_raw_response.get_tag(5)
        assert raw.request.url.path.endswith("/settings/tags/5") and raw.status_code == 501, raw.request.url
        refusals = [
            ({"timeout_": "x"}, "timeout_"), ({"from_": 0}, "from_"), ({"filter": "abcdef"}, "filter"),
            ({"tags": ["a", "b", "c"]}, "tags takes 0 to 2 items"), ({"tags": "a"}, "tags must be a list"),
            ({"levels": ["x"]}, "levels[0] must be integer"), ({"kinds": ["c"]}, "kinds[0]: 'c' is not one of"),
            ({"priority": 4}, "priority: 4 is not one of 1, 2, 3"),
            ({"on": "March"}, "on: 'March' is not an ISO 8601 date"),
            ({"since": dt.datetime(2024, 3, 4)}, "since needs a timezone-aware datetime"),
            ({"days": ["4 March"]}, "days[0]: '4 March' is not an ISO 8601 date"),
            ({"ratio": float("nan")}, "ratio must be a finite number"),
            ({"note": "caf\u00e9"}, "note must be printable ASCII"),
            ({"note": "a\r\nb"}, "note must be printable ASCII"),
        ]
        hatches = [  # a declared parameter by the name it is sent as
            ({"extra_query": {"per-group": 9}}, "extra_query['per-group'] is a declared parameter"),
            ({"extra_query": {"sortkey": "x"}}, "extra_query['sortkey'] is a declared parameter"),
        ]
        for bad, named in refusals + hatches:
            try:
                crm.records.get_records("Leads", fields="Last_Name", **bad)
            except ZohoValidationError as exc:
                assert f"get_records: {named}" in str(exc), exc
            else:
                raise AssertionError(f"{bad} was sent")
        assert crm.records.list("Leads", fields="Last_Name", timeout_=5, filter="a").records == []
        sent = []

        class Recording(httpx.BaseTransport):
            def __init__(self, inner):
                self.inner = inner

            def handle_request(self, request):
                sent.append(request)
                return self.inner.handle_request(request)

        with ZohoCRM(sb.credentials, transport=Recording(sb.transport()), **kwargs) as listing:
            # a declared method sends each keyword where the raw method does (x-zoho-keyword: trace_header)
            listing.records.list("Leads", fields="Last_Name", trace_header="t-2", trace_id="q-2")
            request = sent[-1]
            assert (request.headers["X-Trace-Id"], request.url.params["trace_id"]) == ("t-2", "q-2"), request
        raw = crm.tag_settings.with_raw_response.get_tags(module="Leads")
        assert raw.status_code == 501 and raw.json()["details"]["operation_id"] == "getTags", raw.text
        try:
            crm.tag_settings.ids_create_tags()
        except ServerError as exc:
            assert exc.code == "NOT_SUPPORTED", exc
        else:
            raise AssertionError("no typed error")
        # a multipart body: the file as sent, under a boundary httpx chose (not the generator's fixed "+++")
        raw = crm.records.with_raw_response.upload_attachment(
            "Leads", "3652397000000624046", body={"file": ("a.txt", io.BytesIO(b"one --+++ two"), "text/plain")}
        )
        head = b"Content-Type: " + raw.request.headers["Content-Type"].encode() + b"\r\n\r\n"
        (part,) = BytesParser().parsebytes(head + raw.request.read()).get_payload()
        assert (part.get_filename(), part.get_payload(decode=True)) == ("a.txt", b"one --+++ two"), part
        assert "+++" not in raw.request.headers["Content-Type"], raw.request.headers
        try:
            crm.records.upload_attachment("Leads", "3652397000000624046", body={"file": object()})
        except ZohoValidationError as exc:
            assert "body['file']" in str(exc), exc
        else:
            raise AssertionError("an unsendable file was sent")

    png = {"Content-Type": "image/png"}
    photo = httpx.MockTransport(lambda request: httpx.Response(200, content=b"\x89PNG", headers=png))
    with ZohoCRM(AccessTokenCredentials("token-1234"), transport=photo, api_domain="https://www.zohoapis.com") as crm:
        assert crm.records.download_attachment("Leads", "3652397000000624046", "1") == b"\x89PNG"
        assert crm.stats["calls"] == 1, crm.stats  # a safe call, not retried as an unreadable JSON answer

    async def main():
        async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **kwargs) as acrm:
            raw = await acrm.records.with_raw_response.get_records("Leads", fields="Last_Name", timeout_=5)
            assert raw.request.url.params["timeout"] == "5", raw.request.url

    asyncio.run(main())

    # deprecated in the spec: the methods carry PEP 702's mark, and a call or a deprecated keyword warns
    from zoho_crm_api.resources.records import AsyncRecordsResource
    from zoho_crm_api.resources.tag_settings import AsyncTagSettingsResource, TagSettingsResource
    assert "deprecated" in TagSettingsResource.get_tag.__deprecated__
    assert not hasattr(RecordsResource.list, "__deprecated__")
    assert inspect.iscoroutinefunction(AsyncTagSettingsResource.get_tag)  # as every async method
    assert inspect.iscoroutinefunction(AsyncRecordsResource.count)
    assert "Deprecated: Use COQL." in RecordsResource.count.__doc__  # one full stop
    sent = []

    class Recording(httpx.BaseTransport):
        def __init__(self, inner):
            self.inner = inner

        def handle_request(self, request):
            sent.append(request.url)
            return self.inner.handle_request(request)
    assert "Deprecated: Use sortKey." in RecordsResource.get_records.__doc__
    client = ZohoCRM(sb.credentials, transport=Recording(sb.transport()), **kwargs)
    with client as crm, warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        crm.tag_settings.with_raw_response.get_tag(5)
        assert crm.records.count("Leads") == 0
        crm.records.with_raw_response.get_records("Leads", fields="Last_Name", legacy="x")
        crm.records.with_raw_response.get_records("Leads", fields="Last_Name")
        assert crm.metadata.current_user()["id"]  # the type it sends itself is deprecated: no warning
        for outcome in crm.records.insert_stream("Leads", [{"Last_Name": "Streamed"}], mode="a"):
            assert outcome.ok, outcome  # a streamed write sends its other parameters as a batch does
        assert sent[-1].params["mode"] == "a", sent[-1]
        before = len(sent)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a caller who makes deprecations errors: raised before sending
            for call in (
                lambda: list(crm.records.insert_stream("Leads", [{"Last_Name": "x"}] * 150, mode="a")),
                lambda: crm.records.insert("Leads", [{"Last_Name": "x"}] * 150, mode="a"),
                lambda: crm.tag_settings.get_tag(5),
            ):
                try:
                    call()
                except DeprecationWarning:
                    pass
                else:
                    raise AssertionError("no DeprecationWarning")
        assert len(sent) == before, sent[before:]

        async def deprecated_async():
            async with AsyncZohoCRM(sb.credentials, transport=sb.async_transport(), **kwargs) as acrm:
                await acrm.tag_settings.with_raw_response.get_tag(5)
                await acrm.records.with_raw_response.get_records("Leads", fields="Last_Name", legacy="x")

        asyncio.run(deprecated_async())
    # each at the caller's line (this script's), in the order called
    found = [(str(w.message), w.filename) for w in seen if w.category is DeprecationWarning]
    tag = "crm.tag_settings.with_raw_response.get_tag (getTag) is deprecated in the Zoho CRM API"
    count = "crm.records.count (get_record_count) is deprecated in the Zoho CRM API: Use COQL."
    legacy = "get_records: legacy is deprecated: Use sortKey."
    mode = "insert_records: mode is deprecated"
    assert found == [(m, "<string>") for m in (tag, count, legacy, mode, tag, legacy)], found
print("NAMES-OK")
"""
TYPED = """
from zoho_crm import ZohoCRM


def use(crm: ZohoCRM) -> None:
    crm.tag_settings.get_tag(5)
    crm.records.count("Leads")
    crm.records.list("Leads", fields="Last_Name")
"""


@pytest.mark.slow
def test_names_from_zohos_own_conventions_generate_a_working_surface(tmp_path: Path) -> None:
    repo = copy_repository(tmp_path)
    spec = repo / "spec" / "zoho-crm.yaml"
    get_records_end = "        - $ref: '#/components/parameters/XExternal'\n      responses:\n        '200':\n"
    edit(spec, get_records_end + "          description: A page of records.\n", NEW_PARAMETERS)
    edit(spec, "paths:\n", NEW_TAGS)
    edit(
        spec,
        INSERT_PARAMETERS,
        INSERT_PARAMETERS + "        - {name: mode, in: query, deprecated: true, schema: {type: string}}\n",
    )
    edit(
        spec,
        "      description: Which users (default",
        "      deprecated: true\n      description: Which users (default",
    )
    edit(
        spec,
        "      x-zoho-method: {name: count, returns: count}\n",
        "      deprecated: true\n      x-zoho-deprecated: Use COQL.\n"
        "      x-zoho-method: {name: count, returns: count}\n",
    )

    generated = run([sys.executable, "generator/generate.py"], repo)
    assert generated.returncode == 0, generated.stdout[-3000:] + generated.stderr[-3000:]
    env = {**os.environ, "PYTHONPATH": f"{repo / 'overlays'}{os.pathsep}{repo / 'generated'}"}
    checked = run([sys.executable, "-c", CHECK], repo, env)
    assert "NAMES-OK" in checked.stdout, checked.stdout[-3000:] + checked.stderr[-3000:]
    (repo / "typed.py").write_text(TYPED, encoding="utf-8")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--enable-error-code", "deprecated", "--cache-dir", os.devnull]
    typed = run([*mypy, "--config-file", os.devnull, "typed.py"], repo, {**env, "MYPYPATH": env["PYTHONPATH"]})
    flagged = [line.split(": error: ")[1] for line in typed.stdout.splitlines() if ": error: " in line]
    assert flagged == [
        "function zoho_crm_api.resources.tag_settings.TagSettingsResource.get_tag is deprecated: "
        "crm.tag_settings.get_tag (getTag) is deprecated in the Zoho CRM API  [deprecated]",
        "function zoho_crm_api.resources.records.RecordsResource.count is deprecated: "
        "crm.records.count (get_record_count) is deprecated in the Zoho CRM API: Use COQL.  [deprecated]",
    ], typed.stdout

    edit(spec, "  - name: Tag Settings\n", "  - name: Tag Settings\n    x-zoho-resource: stats\n")
    refused = run([sys.executable, "generator/generate.py"], repo)
    assert refused.returncode == 1, refused.stdout[-3000:] + refused.stderr[-3000:]
    assert refused.stderr.strip().splitlines()[-1] == (
        "generate: spec/zoho-crm.yaml: tag 'Tag Settings' would be the resource crm.stats, but the client has "
        "that attribute: name it with x-zoho-resource"
    )


def test_the_runtime_names_every_argument_by_the_keyword_its_method_takes() -> None:
    """The runtime's errors name arguments by ``_public`` (it cannot import the generator's naming rule)."""
    import importlib
    import inspect

    from zoho_crm._engine import operation
    from zoho_crm._runtime import _public
    from zoho_crm_api._runtime import Operation
    from zoho_crm_api.resources import RESOURCES

    checked = 0
    for attr in RESOURCES:
        module = importlib.import_module(f"zoho_crm_api.resources.{attr}")
        cls = getattr(module, surface.class_name(attr))
        for op in (value for value in vars(module).values() if isinstance(value, Operation)):
            method = op.name.rsplit(".", 1)[-1]
            taken = set(inspect.signature(getattr(cls, method)).parameters) - surface.SURFACE_NAMES - {"unknown"}
            assert taken == {_public(arg, op) for arg in inspect.signature(operation(op.name)[0]).parameters}, method
            checked += 1
    assert checked == sum(len(r["ops"]) for r in surface.resources(SPEC)), checked


def _edited(op_id: str, **changes: Any) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    for item in spec["paths"].values():
        for node in item.values():
            if isinstance(node, dict) and node.get("operationId") == op_id:
                node.update(changes)
    return spec


def _with_parameter(op_id: str, param: dict[str, Any]) -> dict[str, Any]:
    spec = copy.deepcopy(SPEC)
    for item in spec["paths"].values():
        for node in item.values():
            if isinstance(node, dict) and node.get("operationId") == op_id:
                node["parameters"] = [*node.get("parameters", []), param]
    return spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [  # found by review: each was read as if absent (x-zoho-exclude: page and page_token went together again)
        (_edited("get_records", **{"x-zoho-exclude": {"page": ["page_token"]}}), r"does not know \['x-zoho-exclude'\]"),
        (_edited("get_records", **{"x-zoho-retyr": "unsafe"}), r"does not know \['x-zoho-retyr'\]"),
        (
            _with_parameter(
                "get_records", {"name": "q", "in": "query", "schema": {"type": "string"}, "x-zoho-fromat": "csv"}
            ),
            r"get_records: q: parameter does not know \['x-zoho-fromat'\]",
        ),
        (_tagged("meta"), None),
    ],
)
def test_an_unknown_vendor_extension_stops_generation(spec: dict[str, Any], message: str | None) -> None:
    if message is None:  # a known one passes
        surface.resources(spec)
        return
    with pytest.raises(surface.SpecError, match=message):
        surface.resources(spec)


def test_a_query_parameter_named_body_stops_generation() -> None:
    # found by review: the keyword ``body: str`` was taken for the request body, and any string refused
    spec = _with_parameter("get_org", {"name": "body", "in": "query", "schema": {"type": "string"}})
    with pytest.raises(surface.SpecError, match="get_org: a query parameter named 'body' is not supported"):
        surface.resources(spec)


def test_a_batched_write_without_a_module_in_its_path_stops_generation() -> None:
    # found by review: generated and type-checked, then a bare KeyError: 'module' at the first call
    spec = copy.deepcopy(SPEC)
    spec["paths"]["/Notes"] = {"post": {**copy.deepcopy(spec["paths"]["/{module}"]["post"]), "parameters": []}}
    spec["paths"]["/Notes"]["post"]["operationId"] = "add_notes"
    spec["paths"]["/Notes"]["post"]["x-zoho-method"] = {"name": "add", "returns": "batch"}
    with pytest.raises(surface.SpecError, match=r"add_notes: x-zoho-batch writes to a module's records"):
        surface.resources(spec)


def test_a_yaml_slip_or_an_operation_id_used_twice_stops_generation_in_one_line(tmp_path: Path) -> None:
    """Both stop before anything runs (a slip printed a 50-line traceback; a pasted operation was generated)."""
    repo = copy_repository(tmp_path)
    spec = repo / "spec" / "zoho-crm.yaml"
    text = spec.read_text(encoding="utf-8")
    edit(spec, "      operationId: get_org\n", "      operationId: get_org\n     bad: [\n")
    slip = run([sys.executable, "generator/generate.py"], repo)
    line = text[: text.index("      operationId: get_org\n")].count("\n") + 2
    assert (slip.returncode, slip.stdout, slip.stderr.strip()) == (
        1,
        "",
        f"generate: spec/zoho-crm.yaml:{line}:6: expected <block end>, but found '<block mapping start>'",
    )
    spec.write_text(text.replace("operationId: get_org\n", "operationId: get_users\n"), encoding="utf-8")
    twice = run([sys.executable, "generator/generate.py"], repo)
    assert (twice.returncode, twice.stdout, twice.stderr.strip()) == (
        1,
        "",
        "generate: spec/zoho-crm.yaml: operationId get_users is used twice: GET /users and GET /org; give each its own",
    )
