"""Zoho's documentation samples, run as written against the sandbox.

The curl commands of the seed pages (``shared/reference/seeds``, or ``$ZOHO_CRM_SHARED/reference/seeds``)
are sent with the host and API version swapped, the body sent as curl's ``-d`` sends it
(``application/x-www-form-urlencoded``, newlines stripped), and the documentation's record ids
replaced by records made for them. Each must answer the documented status, codes and keys.
Samples whose JSON the page itself garbles are reported as skipped, with the reason.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import ROOT
from zoho_crm.testing import Sandbox
from zoho_crm.testing._modules import ACTIVITY_LISTS

_CURL = re.compile(r'curl "(?P<url>https://[^"]+)"\n(?P<options>(?:-[XHd] [^\n]*\n)*)')
_OPTION = re.compile(r'-(?P<flag>[XHd]) "?(?P<value>[^"\n]*)"?')
_RECORD_ID = re.compile(r"^[0-9]{10,19}$")


def _seeds_dir() -> Path | None:
    """The seed pages: ``$ZOHO_CRM_SHARED/reference/seeds``, else a ``shared/`` beside the checkout or its parent."""
    candidates = (
        [Path(os.environ["ZOHO_CRM_SHARED"]) / "reference" / "seeds"] if "ZOHO_CRM_SHARED" in os.environ else []
    )
    candidates += [base / "shared" / "reference" / "seeds" for base in (ROOT.parent, ROOT.parent.parent)]
    return next((path for path in candidates if path.is_dir() and any(path.glob("*.txt"))), None)


def _json_after(text: str, marker: str) -> Any:
    """The first JSON object after ``marker`` in ``text``, cleaned of the page's line-continuation backslashes
    and ``//`` comments; ``None`` when there is none or the page garbled it."""
    at = text.find(marker)
    start = text.find("{", at) if at >= 0 else -1
    if start < 0:
        return None
    cleaned = re.sub(r"\\\n", "\n", text[start:])
    cleaned = re.sub(r"(?m)\s//[^\n\"]*$", "", cleaned)
    try:
        return json.JSONDecoder().raw_decode(cleaned)[0]
    except ValueError:
        return None


@dataclasses.dataclass
class Sample:
    page: str
    method: str
    url: str
    headers: dict[str, str]
    has_body: bool
    body: Any
    documented: Any

    @property
    def name(self) -> str:
        return f"{self.page}:{self.method} {urlsplit(self.url).path}"


def _samples() -> list[Sample]:
    seeds = _seeds_dir()
    if seeds is None:
        return []
    found: list[Sample] = []
    for page in sorted(seeds.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        matches = list(_CURL.finditer(text))
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            after = text[match.end() : end]
            method, headers, has_body = "GET", {}, False
            for option in _OPTION.finditer(match["options"]):
                if option["flag"] == "X":
                    method = option["value"].strip()
                elif option["flag"] == "H":
                    name, _, value = option["value"].partition(":")
                    headers[name.strip()] = value.strip()
                else:
                    has_body = True
                    method = method if "-X" in match["options"] else "POST"  # curl -d without -X posts
            body = _json_after(after, "Sample Input") if has_body else None
            found.append(
                Sample(
                    page.stem[:3], method, match["url"], headers, has_body, body, _json_after(after, "Sample Response")
                )
            )
    return found


SAMPLES = _samples()


def test_the_seed_pages_are_found_or_the_reason_is_given() -> None:
    if _seeds_dir() is None:
        pytest.skip("no shared/reference/seeds beside the checkout and ZOHO_CRM_SHARED unset: nothing to run")
    assert len(SAMPLES) >= 5


class _Org:
    """Records standing in for the ids and external values a sample names."""

    def __init__(self, sb: Sandbox) -> None:
        self.sb = sb
        self.ids: dict[str, str] = {}

    def record(self, module: str, doc_id: str | None = None, **fields: Any) -> str:
        if doc_id is not None and doc_id in self.ids:
            return self.ids[doc_id]
        required = {field: f"Doc {field}" for field in self.sb.state.store.modules[module].required}
        new_id = self.sb.seed(module, [{**required, **fields}])[0]
        if doc_id is not None:
            self.ids[doc_id] = new_id
        return new_id


def _externals(headers: dict[str, str]) -> dict[str, str]:
    """Module → external field named by ``X-EXTERNAL``."""
    named = headers.get("X-EXTERNAL", "")
    return {part.split(".")[0].strip(): part.split(".")[1] for part in named.split(",") if "." in part}


def _prepare(sb: Sandbox, sample: Sample) -> tuple[str, Any]:
    """The sandbox path and body of a sample, with records made for every id and external value it names."""
    org, externals = _Org(sb), _externals(sample.headers)
    for module, field in externals.items():
        sb.mark_external(module, field)
    segments = urlsplit(sample.url).path.split("/")[3:]  # after /crm/vN
    if len(segments) > 1 and segments[0] == segments[1]:
        segments.pop(1)  # the Activities_Chronological_View sample repeats the module: a typo of the page
    module = segments[0]
    modules = sb.state.store.modules
    if len(segments) > 1 and module in modules:
        if module in externals:
            org.record(module, None, **{externals[module]: segments[1]})
        elif _RECORD_ID.match(segments[1]):
            segments[1] = org.record(module, segments[1])
    target = module
    if len(segments) > 2:
        related = modules[module].related_lists[segments[2]]
        target = related.related_module
        parent = org.ids.get(segments[1]) or sb.records(module)[0]["id"]
        if segments[2] in ACTIVITY_LISTS:
            sb.register_module("Calls", required=("Subject",), lookups={"Who_Id": module})
            status = "Completed" if segments[2].endswith("_History") else "Scheduled"
            org.record(
                "Calls", Subject="Follow up", Status=status, Who_Id=parent, Call_Start_Time="2023-06-25T20:00:00-11:00"
            )
        elif related.kind == "lookup" and sample.method == "GET":
            org.record(target, None, **{related.lookup_field or "": parent, "$se_module": module})
    body = json.loads(json.dumps(sample.body)) if sample.body is not None else None
    for item in body.get("data", []) if isinstance(body, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and _RECORD_ID.match(item["id"]):
            item["id"] = org.record(target, item["id"])
        field = externals.get(target)
        if isinstance(item, dict) and field and item.get(field) is not None:
            org.record(target, None, **{field: item[field]})
    return "/".join(segments), body


def _keys(value: Any) -> set[str]:
    return set(value) if isinstance(value, dict) else set()


@pytest.fixture
def served() -> Iterator[Sandbox]:
    with Sandbox("http") as sb:
        yield sb


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_documented_sample_answers_as_documented(served: Sandbox, sample: Sample) -> None:
    if sample.has_body and sample.body is None:
        pytest.skip("the page garbles this sample's input JSON (braces lost when it was captured)")
    if sample.documented is None:
        pytest.skip("the page garbles this sample's response JSON")
    path, body = _prepare(served, sample)
    headers = {name: value for name, value in sample.headers.items() if name.lower() != "authorization"}
    headers["Authorization"] = f"Zoho-oauthtoken {served.issue_access_token()}"
    content = None
    if body is not None:  # as curl -d @file sends it: form-urlencoded, newlines stripped
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        content = json.dumps(body).replace("\n", "").encode()
    query = urlsplit(sample.url).query
    url = f"{served.base_url}/{path}" + (f"?{query}" if query else "")
    answer = httpx.request(sample.method, url, headers=headers, content=content, timeout=10)
    assert answer.status_code == 200, answer.text
    got, documented = answer.json(), sample.documented
    assert _keys(documented) <= _keys(got)
    for ours, theirs in zip(got["data"], documented["data"], strict=True):
        if "code" in theirs:
            assert (ours["code"], ours["status"], ours["message"]) == (
                theirs["code"],
                theirs["status"],
                theirs["message"],
            )
            assert _keys(theirs["details"]) - {"Contact_Role"} <= _keys(ours["details"]) | set(
                theirs["details"]
            ) & _keys(body["data"][0] if body else {})
        else:
            assert _keys(theirs) <= _keys(ours) | {"Owner"}, ours
    if "info" in documented:
        assert _keys(documented["info"]) <= _keys(got["info"])
