"""``crm.metadata``: the org's modules, fields, related lists, current user and org (read-only), sync and async.

The generated operations (``get_fields``, ``get_modules``...) answer Zoho's whole envelope; these few
methods unwrap it to the list (or the one item) a caller wants.

Answers are Zoho's JSON objects as dicts (``api_name``, ``data_type``, ``system_mandatory``, ...),
so a service can discover a module's custom field API names.
"""

from __future__ import annotations

from typing import Any

import httpx

from zoho_crm_api.resources.metadata import AsyncMetadataResource, MetadataResource

from . import _validation as check
from ._engine import AsyncEngine, SyncEngine, Timeout, api_error, read_json
from ._runtime import AsyncRuntime, SyncRuntime
from .errors import InvalidResponseError
from .results import BatchResult, Outcome, Page, Success

__all__ = ["AsyncMetadata", "Metadata"]

Call = tuple[str, dict[str, Any], str]
"""A metadata read: generated operation, its arguments, and the answer's list key."""


def _modules() -> Call:
    return "metadata.get_modules", {}, "modules"


def _module(api_name: str) -> Call:
    return "metadata.get_module", {"api_name": check.api_name(api_name)}, "modules"


def _fields(module: str) -> Call:
    return "metadata.get_fields", {"module": check.api_name(module)}, "fields"


def _related_lists(module: str) -> Call:
    return "metadata.get_related_lists", {"module": check.api_name(module)}, "related_lists"


def _current_user() -> Call:
    from zoho_crm_api.models import UserType

    return "metadata.get_users", {"type_": UserType.CURRENTUSER}, "users"


def _org() -> Call:
    return "metadata.get_org", {}, "org"


def _items(response: httpx.Response, key: str) -> list[dict[str, Any]]:
    """The answer's ``key`` list (empty on 204); a typed error for an error answer or another shape."""
    if response.status_code == 204:
        return []
    if response.status_code != 200:
        raise api_error(response)
    payload = read_json(response)
    items = payload.get(key) if isinstance(payload, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InvalidResponseError(f"answer has no {key}[] list", status_code=200, url=str(response.request.url))
    return items


def _one(items: list[dict[str, Any]], what: str) -> dict[str, Any]:
    if not items:
        raise InvalidResponseError(f"answer has no {what}", status_code=204)
    return items[0]


class Metadata(MetadataResource[BatchResult, Page, Success, Outcome]):
    """Metadata reads (sync); each is one GET, retried like any read."""

    def __init__(self, runtime: SyncRuntime, engine: SyncEngine) -> None:
        super().__init__(runtime)
        self._engine = engine

    def _get(self, call: Call, timeout: Timeout) -> list[dict[str, Any]]:
        op, params, key = call
        return _items(self._engine.send(op, params, idempotent=True, timeout=timeout), key)

    def modules(self, *, timeout: Timeout = None) -> list[dict[str, Any]]:
        """Every module of the org (``api_name``, ``id``, ``generated_type``, ``api_supported``, ...).

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return self._get(_modules(), timeout)

    def module(self, api_name: str, *, timeout: Timeout = None) -> dict[str, Any]:
        """One module by API name (``ZohoError`` ``INVALID_MODULE`` if the org has none).

        Args:
            api_name: The module's API name (``Leads``, ``Custom_Module1``).
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return _one(self._get(_module(api_name), timeout), "module")

    def fields(self, module: str, *, timeout: Timeout = None) -> list[dict[str, Any]]:
        """The fields of ``module``: API names, data types, mandatory, lookup, unique and external flags.

        Args:
            module: The module's API name.
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return self._get(_fields(module), timeout)

    def related_lists(self, module: str, *, timeout: Timeout = None) -> list[dict[str, Any]]:
        """The related lists of ``module`` (``api_name``, related ``module``, ``href``).

        Args:
            module: The module's API name.
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return self._get(_related_lists(module), timeout)

    def current_user(self, *, timeout: Timeout = None) -> dict[str, Any]:
        """The user the access token belongs to.

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return _one(self._get(_current_user(), timeout), "user")

    def org(self, *, timeout: Timeout = None) -> dict[str, Any]:
        """The organization (``id``, ``company_name``, ``time_zone``, ...).

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return _one(self._get(_org(), timeout), "org")


class AsyncMetadata(AsyncMetadataResource[BatchResult, Page, Success, Outcome]):
    """Metadata reads (async); see :class:`Metadata`."""

    def __init__(self, runtime: AsyncRuntime, engine: AsyncEngine) -> None:
        super().__init__(runtime)
        self._engine = engine

    async def _get(self, call: Call, timeout: Timeout) -> list[dict[str, Any]]:
        op, params, key = call
        return _items(await self._engine.send(op, params, idempotent=True, timeout=timeout), key)

    async def modules(self, *, timeout: Timeout = None) -> list[dict[str, Any]]:
        """See :meth:`Metadata.modules`.

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return await self._get(_modules(), timeout)

    async def module(self, api_name: str, *, timeout: Timeout = None) -> dict[str, Any]:
        """See :meth:`Metadata.module`.

        Args:
            api_name: The module's API name.
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return _one(await self._get(_module(api_name), timeout), "module")

    async def fields(self, module: str, *, timeout: Timeout = None) -> list[dict[str, Any]]:
        """See :meth:`Metadata.fields`.

        Args:
            module: The module's API name.
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return await self._get(_fields(module), timeout)

    async def related_lists(self, module: str, *, timeout: Timeout = None) -> list[dict[str, Any]]:
        """See :meth:`Metadata.related_lists`.

        Args:
            module: The module's API name.
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return await self._get(_related_lists(module), timeout)

    async def current_user(self, *, timeout: Timeout = None) -> dict[str, Any]:
        """See :meth:`Metadata.current_user`.

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return _one(await self._get(_current_user(), timeout), "user")

    async def org(self, *, timeout: Timeout = None) -> dict[str, Any]:
        """See :meth:`Metadata.org`.

        Args:
            timeout: Seconds (or an ``httpx.Timeout``) for this call instead of the client's.
        """
        return _one(await self._get(_org(), timeout), "org")
