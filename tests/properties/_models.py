"""The two readings of the spec's schemas, behind one interface.

- attrs (openapi-python-client, ``zoho_crm_api``): ``Model.from_dict(x).to_dict()``; response
  bodies go through the endpoint module's own ``_parse_response``, as the generated client does.
- pydantic (datamodel-code-generator, ``zoho_crm_models``): ``Model.model_validate(x)`` then
  ``model_dump(mode="json", by_alias=True, exclude_unset=True)``.
"""

from __future__ import annotations

import copy
import importlib
import json
from types import ModuleType
from typing import Any

import httpx

import zoho_crm_api.models as attrs_models
import zoho_crm_models as pydantic_models
from tests.properties import _spec
from zoho_crm_api import API_VERSION, Client

_CLIENT = Client(base_url=f"https://www.zohoapis.com/crm/{API_VERSION}", raise_on_unexpected_status=True)


def attrs_class(name: str) -> Any:
    """The attrs model of component schema ``name`` (``PermissionError`` is ``PermissionError_``)."""
    model = getattr(attrs_models, name, None) or getattr(attrs_models, name + "_", None)
    if model is None:
        raise LookupError(f"zoho_crm_api.models has no class for the spec's schema {name}")
    return model


def pydantic_class(name: str) -> Any:
    """The pydantic model of component schema ``name``."""
    model = getattr(pydantic_models, name, None)
    if model is None:
        raise LookupError(f"zoho_crm_models has no class for the spec's schema {name}")
    return model


def endpoint(op_id: str) -> ModuleType:
    """The generated module of an operation (``zoho_crm_api.api.<tag>.<operationId>``)."""
    return importlib.import_module(f"zoho_crm_api.api.{_spec.OPERATIONS[op_id].tag}.{op_id}")


def attrs_request_trip(name: str, instance: Any) -> Any:
    """``from_dict`` then ``to_dict`` (on a copy), checked JSON-serialisable as httpx will send it."""
    out = attrs_class(name).from_dict(copy.deepcopy(instance)).to_dict()
    json.dumps(out, allow_nan=False)
    return out


def attrs_response_trip(op_id: str, status: int, instance: Any) -> Any:
    """Parse an answer of ``op_id`` with the generated ``_parse_response``, then ``to_dict``."""
    request = httpx.Request(_spec.OPERATIONS[op_id].method, f"https://www.zohoapis.com/crm/{API_VERSION}/x")
    response = httpx.Response(status, json=copy.deepcopy(instance), request=request)
    parsed = endpoint(op_id)._parse_response(client=_CLIENT, response=response)
    out = parsed.to_dict()
    json.dumps(out, allow_nan=False)
    return out


def pydantic_trip(name: str, instance: Any) -> Any:
    """``model_validate`` then ``model_dump`` to JSON-compatible values, keys by alias, unset left out."""
    model = pydantic_class(name).model_validate(copy.deepcopy(instance))
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)
