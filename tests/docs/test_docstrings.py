"""The API reference (docs/reference.md, rendered by mkdocstrings) describes every parameter of the public surface:
each constructor and public method of what ``zoho_crm`` exports, and each public function."""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import zoho_crm

# Google style: an "Args:" section (attrs classes: "Attributes:", their fields), one "name: text" entry per
# parameter, continuation lines indented further. mkdocstrings warns (and --strict fails) on entries that name
# no parameter; this test fails on parameters with no entry.


def documented_args(doc: str) -> list[str]:
    section = re.search(r"^(?:Args|Attributes):\n((?:(?: {4}.*)?\n)+)", inspect.cleandoc(doc) + "\n", re.MULTILINE)
    return re.findall(r"^ {4}(\w+):", section.group(1), re.MULTILINE) if section else []


def public_callables() -> Iterator[tuple[str, Callable[..., Any], list[str]]]:
    """(qualified name, object, parameter names) of every constructor, public method and function exported."""
    for name in zoho_crm.__all__:
        obj = getattr(zoho_crm, name)
        if inspect.isfunction(obj):
            yield name, obj, list(inspect.signature(obj).parameters)
        if not inspect.isclass(obj) or issubclass(obj, enum.Enum):
            continue
        if not getattr(obj, "_is_protocol", False) and "__init__" in vars(obj):  # else its base's documents it
            yield name, obj, list(inspect.signature(obj).parameters)
        for member, attr in vars(obj).items():
            if inspect.isfunction(attr) and not member.startswith("_"):
                parameters = [p for p in inspect.signature(attr).parameters if p not in ("self", "cls")]
                yield f"{name}.{member}", attr, parameters


PUBLIC = list(public_callables())


@pytest.mark.parametrize(("where", "obj", "parameters"), PUBLIC, ids=[where for where, _, _ in PUBLIC])
def test_every_parameter_is_described(where: str, obj: Callable[..., Any], parameters: list[str]) -> None:
    documented = documented_args(obj.__doc__ or "")
    assert sorted(documented) == sorted(parameters), f"{where}: described {documented}, takes {parameters}"


def test_the_surface_checked_is_the_whole_surface() -> None:
    names = {where for where, _, _ in PUBLIC}
    assert {"ZohoCRM", "AsyncZohoCRM", "RetryPolicy", "FileTokenStore", "BatchResult", "progress_bar"} <= names


def generated_methods() -> Iterator[tuple[str, Callable[..., Any], list[str]]]:
    """Every public method of the resources (generated, sync and async, ``crm.metadata``'s unwrapping reads
    included; the raw twins point at these)."""
    import zoho_crm_api.resources as package

    modules = [importlib.import_module(f"{package.__name__}.{i.name}") for i in pkgutil.iter_modules(package.__path__)]
    for module in modules:
        for name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__ or name.endswith("WithRawResponse"):
                continue
            for member, attr in vars(cls).items():
                if inspect.isfunction(attr) and not member.startswith("_"):
                    kinds = inspect.signature(attr).parameters.values()
                    parameters = [p.name for p in kinds if p.name != "self" and p.kind is not p.VAR_KEYWORD]
                    yield f"{name}.{member}", attr, parameters


GENERATED = list(generated_methods())


@pytest.mark.parametrize(("where", "obj", "parameters"), GENERATED, ids=[where for where, _, _ in GENERATED])
def test_every_generated_parameter_is_described(where: str, obj: Callable[..., Any], parameters: list[str]) -> None:
    documented = documented_args(obj.__doc__ or "")
    assert sorted(documented) == sorted(parameters), f"{where}: described {documented}, takes {parameters}"


def test_the_generated_surface_is_checked() -> None:
    names = {where for where, _, _ in GENERATED}
    assert {"RecordsResource.upsert", "AsyncRecordsResource.iter", "RelatedResource.delink"} <= names
    assert {"MetadataResource.get_fields", "RecordsResource.upsert_stream", "AsyncMetadataResource.fields"} <= names
    assert {"MetadataResource.current_user", "AsyncMetadataResource.org"} <= names
