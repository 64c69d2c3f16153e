"""The synchronous client facade (thin start: construction and reading a record)."""

from __future__ import annotations

from collections.abc import Generator
from types import TracebackType
from typing import Any

import httpx
from zoho_crm_api import API_VERSION
from zoho_crm_api import Client as _GeneratedClient
from zoho_crm_api.api.records import get_record
from zoho_crm_api.models import RecordsPage

from ._credentials import AccessTokenCredentials, Credentials
from ._datacenter import DataCenter, Environment

__all__ = ["ZohoCRM"]


class _StaticTokenAuth(httpx.Auth):
    """Sends ``Authorization: Zoho-oauthtoken <token>``."""

    def __init__(self, token: str) -> None:
        self._header = f"Zoho-oauthtoken {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class ZohoCRM:
    """Client for one Zoho CRM org."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        data_center: DataCenter = DataCenter.US,
        environment: Environment = Environment.PRODUCTION,
        api_domain: str | None = None,
        timeout: float = 30.0,
    ) -> None:
        if not isinstance(credentials, AccessTokenCredentials):
            raise NotImplementedError("only AccessTokenCredentials in this first cut")
        self.api_domain = (api_domain or data_center.api_domain(environment)).rstrip("/")
        self._http = httpx.Client(
            base_url=f"{self.api_domain}/crm/{API_VERSION}",
            auth=_StaticTokenAuth(credentials.access_token),
            timeout=timeout,
        )
        self._api = _GeneratedClient(base_url=str(self._http.base_url)).set_httpx_client(self._http)
        self.records = _Records(self._api)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> ZohoCRM:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class _Records:
    def __init__(self, api: _GeneratedClient) -> None:
        self._api = api

    def get(self, module: str, record_id: str) -> dict[str, Any] | None:
        """One record as a dict, or ``None`` when Zoho has no such record (204)."""
        response = get_record.sync_detailed(module, record_id, client=self._api)
        if isinstance(response.parsed, RecordsPage):
            return response.parsed.data[0].to_dict()
        if response.status_code == 204:
            return None
        raise RuntimeError(f"Zoho answered {response.status_code}")
