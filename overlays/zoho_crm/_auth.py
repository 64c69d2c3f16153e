"""The httpx ``Auth`` that signs requests with ``Authorization: Zoho-oauthtoken <token>``."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Generator

import httpx

from ._oauth import TokenManager
from ._validation import secure_url

__all__ = ["ZohoAuth"]

# 401 codes that mean "this token is no good": refresh once and replay once.
REFRESH_CODES = frozenset({"INVALID_TOKEN", "INVALID_OAUTHTOKEN", "AUTHENTICATION_FAILURE"})


def _refused_token(response: httpx.Response) -> bool:
    if response.status_code != 401:
        return False
    try:
        code = json.loads(response.content).get("code")
    except (ValueError, AttributeError):
        return False
    return code in REFRESH_CODES


class ZohoAuth(httpx.Auth):
    """Adds the token, refreshing it before expiry; on a refused token refreshes once and replays once."""

    def __init__(self, tokens: TokenManager) -> None:
        self.tokens = tokens

    @staticmethod
    def _sign(request: httpx.Request, access_token: str) -> None:
        secure_url(str(request.url), "request URL")
        request.headers["Authorization"] = f"Zoho-oauthtoken {access_token}"

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign, send, and on a refused token refresh and replay once."""
        token = self.tokens.get()
        self._sign(request, token.access_token)
        response = yield request
        if self.tokens.can_refresh and response.status_code == 401:
            response.read()
            if _refused_token(response):
                self._sign(request, self.tokens.get(stale=token.access_token).access_token)
                yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Async :meth:`sync_auth_flow`."""
        token = await self.tokens.aget()
        self._sign(request, token.access_token)
        response = yield request
        if self.tokens.can_refresh and response.status_code == 401:
            await response.aread()
            if _refused_token(response):
                self._sign(request, (await self.tokens.aget(stale=token.access_token)).access_token)
                yield request

    def __repr__(self) -> str:
        return "ZohoAuth()"
