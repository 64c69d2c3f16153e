"""The API reference (docs/reference.md, rendered by mkdocstrings) documents every constructor parameter."""

from __future__ import annotations

import inspect
import re

import pytest

import zoho_crm

# Google style: an "Args:" section (attrs classes: "Attributes:", their fields), one "name: text" entry per
# parameter, continuation lines indented further. mkdocstrings warns (and --strict fails) on entries that name
# no parameter; this test fails on parameters with no entry.
DOCUMENTED = (
    zoho_crm.ZohoCRM,
    zoho_crm.AsyncZohoCRM,
    zoho_crm.RefreshTokenCredentials,
    zoho_crm.AccessTokenCredentials,
    zoho_crm.ClientCredentials,
)


def documented_args(doc: str) -> list[str]:
    section = re.search(r"^(?:Args|Attributes):\n((?:(?: {4}.*)?\n)+)", inspect.cleandoc(doc) + "\n", re.MULTILINE)
    assert section, "no Args: or Attributes: section"
    return re.findall(r"^ {4}(\w+):", section.group(1), re.MULTILINE)


@pytest.mark.parametrize("cls", DOCUMENTED, ids=lambda c: c.__name__)
def test_every_constructor_parameter_is_described(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters)
    assert documented_args(cls.__doc__ or "") == parameters
