"""Zoho's official SDK (``zohocrmsdk8-0``) converting the same page offline: the parse baseline.

Run as a script by ``bench/run.py`` (in the bench session's venv, or any interpreter given with
``--sdk-python``), it prints one JSON object. The SDK is initialised without any network:

- ``OAuthToken(access_token=<dummy>, find_user=False)``: with an access token and no expiry, the SDK
  only saves it to the token store (no refresh, and no current-user lookup since ``find_user=False``);
- a ``FileStore`` (CSV) and the ``resource_path`` in a temporary folder;
- the field-metadata cache written beforehand at ``<resource_path>/resources/<name>.json``, where
  ``<name>`` is ``base64(environment URL + access token minus its last 32 characters)``
  (``Converter.get_encoded_file_name``). Its shape is ``{"FIELDS-LAST-MODIFIED-TIME": <ms>,
  "<module lower-cased>": {"<Field_API_Name>": {"name", "type", ["structure_name", "module", "lookup",
  "picklist", "values", "required", "skip-mandatory"]}}}``, what ``Utility.get_fields_details`` /
  ``Utility.set_data_type`` write after ``GET /settings/fields``; built here with the SDK's own
  API-type tables (``Utility.fill_data_type``). It holds the module and the modules its lookups name
  (the SDK fetches those too), the smallest cache the SDK accepts, hence the fastest for it.

Then ``JSONConverter(handler).get_response(json.loads(body), "...record.response_handler")`` with the
handler's module set to ``Leads`` is exactly what ``CommonAPIHandler.api_call`` does for
``RecordOperations.get_records`` (it calls it via ``get_wrapped_response``). The SDK re-reads and
re-parses the whole cache file for every record and every record lookup, so its time grows with
the cache size, reported here.
"""

from __future__ import annotations

import argparse
import base64
import gc
import json
import statistics
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import page_fixture

SDK = "zohocrmsdk.src.com.zoho"
RESPONSE_HANDLER = f"{SDK}.crm.api.record.response_handler"
DUMMY_ACCESS_TOKEN = "1000." + "0" * 32 + "." + "b" * 32
"""Shaped like a Zoho access token; never sent anywhere."""

SYSTEM_MANDATORY = {"Leads": "Last_Name", "Accounts": "Account_Name", "Campaigns": "Campaign_Name"}


def field_detail(meta: dict[str, Any], module: str) -> dict[str, Any] | None:
    """One field's cache entry, as ``Utility.set_data_type`` writes it (``None``: the SDK leaves it out)."""
    from zohocrmsdk.src.com.zoho.crm.api.util.constants import Constants
    from zohocrmsdk.src.com.zoho.crm.api.util.utility import Utility

    Utility.fill_data_type()
    api_type, name = meta["data_type"], meta["api_name"]
    detail: dict[str, Any] = {}
    if SYSTEM_MANDATORY.get(module) == name:
        detail[Constants.REQUIRED] = True
    if name.lower() == Constants.LAYOUT.lower():
        return {
            **detail,
            Constants.NAME: name,
            Constants.TYPE: Constants.LAYOUT_NAMESPACE,
            Constants.STRUCTURE_NAME: Constants.LAYOUT_NAMESPACE,
            Constants.LOOKUP: True,
        }
    if api_type not in Utility.apitype_vs_datatype:
        return None
    detail[Constants.TYPE] = Utility.apitype_vs_datatype[api_type]
    if Constants.LOOKUP in api_type:
        detail[Constants.LOOKUP] = True
    if Constants.OWNER_LOOKUP in api_type or Constants.CONSENT_LOOKUP in api_type:
        detail[Constants.SKIP_MANDATORY] = True
    if api_type in Utility.apitype_vs_structurename:
        detail[Constants.STRUCTURE_NAME] = Utility.apitype_vs_structurename[api_type]
    if api_type == Constants.PICKLIST and meta.get("pick_list_values"):
        detail[Constants.PICKLIST] = True
        detail[Constants.VALUES] = list(meta["pick_list_values"])
    if api_type == Constants.LOOKUP and meta.get("lookup_module"):
        detail[Constants.MODULE] = meta["lookup_module"]
        if meta["lookup_module"].lower() == Constants.ACCOUNTS:
            detail[Constants.SKIP_MANDATORY] = True
    detail[Constants.NAME] = name
    return detail


def field_cache(module_fields: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The SDK's field-metadata file for these modules."""
    from zohocrmsdk.src.com.zoho.crm.api.util.constants import Constants

    cache: dict[str, Any] = {Constants.FIELDS_LAST_MODIFIED_TIME: time.time() * 1000}
    for module, fields in module_fields.items():
        entries = {}
        for meta in fields:
            if meta["api_name"] in Constants.KEYS_TO_SKIP:
                continue
            detail = field_detail(meta, module)
            if detail is not None:
                entries[meta["api_name"]] = detail
        cache[module.lower()] = entries
    return cache


def initialise(folder: Path, extra_modules: int = 0) -> Path:
    """Initialise the SDK offline in ``folder``; write the field cache; return its path.

    ``extra_modules`` pads the cache with copies of the module's fields under other names, as a
    cache filled by ``auto_refresh_fields`` for a whole org would be (to show the SDK's sensitivity).
    """
    from zohocrmsdk.src.com.zoho.api.authenticator.oauth_token import OAuthToken
    from zohocrmsdk.src.com.zoho.api.authenticator.store.file_store import FileStore
    from zohocrmsdk.src.com.zoho.api.logger import Logger
    from zohocrmsdk.src.com.zoho.crm.api.dc import USDataCenter
    from zohocrmsdk.src.com.zoho.crm.api.initializer import Initializer
    from zohocrmsdk.src.com.zoho.crm.api.sdk_config import SDKConfig
    from zohocrmsdk.src.com.zoho.crm.api.util.constants import Constants
    from zohocrmsdk.src.com.zoho.crm.api.util.converter import Converter

    resources = folder / Constants.FIELD_DETAILS_DIRECTORY
    resources.mkdir(parents=True, exist_ok=True)
    Initializer.initialize(
        environment=USDataCenter.PRODUCTION(),
        token=OAuthToken(access_token=DUMMY_ACCESS_TOKEN, find_user=False),
        store=FileStore(file_path=str(folder / "sdk_tokens.txt")),
        sdk_config=SDKConfig(auto_refresh_fields=False, pick_list_validation=False),
        resource_path=str(folder),
        logger=Logger.get_instance(Logger.Levels.NOTSET),
    )
    name: str = Converter.get_encoded_file_name()
    expected = base64.b64encode(("https://www.zohoapis.com" + DUMMY_ACCESS_TOKEN[:-32]).encode()).decode() + ".json"
    assert name == expected, (name, expected)
    path: Path = resources / name
    modules = dict(page_fixture.MODULE_FIELDS)
    modules.update({f"Custom_Module{i}": page_fixture.FIELDS for i in range(extra_modules)})
    path.write_text(json.dumps(field_cache(modules)), encoding="utf-8")
    return path


def convert(body: bytes, module: str = page_fixture.MODULE) -> Any:
    """The page as the SDK's objects: a ``record.ResponseWrapper`` of ``record.Record``."""
    from zohocrmsdk.src.com.zoho.crm.api.util.common_api_handler import CommonAPIHandler
    from zohocrmsdk.src.com.zoho.crm.api.util.json_converter import JSONConverter

    handler = CommonAPIHandler()
    handler.set_module_api_name(module)
    return JSONConverter(handler).get_response(json.loads(body), RESPONSE_HANDLER)


def check(wrapper: Any, size: int) -> None:
    """The conversion really produced typed records (guards against a silently empty result)."""
    from zohocrmsdk.src.com.zoho.crm.api.record import Record, ResponseWrapper
    from zohocrmsdk.src.com.zoho.crm.api.users import MinifiedUser
    from zohocrmsdk.src.com.zoho.crm.api.util import Choice

    assert isinstance(wrapper, ResponseWrapper), type(wrapper)
    records = wrapper.get_data()
    assert len(records) == size
    assert all(isinstance(r, Record) for r in records)
    first = records[0]
    assert isinstance(first.get_key_value("Owner"), MinifiedUser), first.get_key_value("Owner")
    assert isinstance(first.get_key_value("Lead_Source"), Choice)
    assert hasattr(first.get_key_value("Created_Time"), "tzinfo")


def measure(body: bytes, size: int, repeat: int, warmup: int, extra_modules: int = 0) -> dict[str, Any]:
    """Seconds per conversion of ``body``, plus what the cache held."""
    with tempfile.TemporaryDirectory(prefix="zoho-sdk-bench-") as tmp:
        cache_path = initialise(Path(tmp), extra_modules)
        for _ in range(warmup):
            check(convert(body), size)
        times = []
        for _ in range(repeat):
            gc.collect()
            started = time.perf_counter()
            convert(body)
            times.append(time.perf_counter() - started)
        cache = json.loads(cache_path.read_text(encoding="utf-8"))
        modules = {k: v for k, v in cache.items() if isinstance(v, dict)}
        return {
            "times": times,
            "median": statistics.median(times),
            "cache_bytes": cache_path.stat().st_size,
            "cache_modules": sorted(modules),
            "cache_fields": sum(len(v) for v in modules.values()),
            "sdk_version": metadata.version("zohocrmsdk8-0"),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", type=Path, help="page body file (default: the fixture page)")
    parser.add_argument("--size", type=int, default=page_fixture.PAGE_SIZE)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--extra-modules", type=int, default=0, help="pad the field cache with N more modules")
    args = parser.parse_args()
    body = args.page.read_bytes() if args.page else page_fixture.page_bytes(args.size)
    print(json.dumps(measure(body, args.size, args.repeat, args.warmup, args.extra_modules)))


if __name__ == "__main__":
    main()
