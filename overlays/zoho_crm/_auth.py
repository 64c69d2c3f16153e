"""The httpx ``Auth`` that signs requests with ``Authorization: Zoho-oauthtoken <token>``."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Generator

import httpx

from ._oauth import TokenManager
from ._validation import secure_url
from .tokens import Token

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
    """Adds the token, refreshing it before expiry; on a refused token refreshes once and replays once.

    With ``follow_api_domain``, requests go to the ``api_domain`` Zoho returned with the token (the
    token manager keeps it only when it belongs to the configured data center).
    """

    def __init__(self, tokens: TokenManager, *, follow_api_domain: bool = False) -> None:
        self.tokens = tokens
        self.follow_api_domain = follow_api_domain

    def _sign(self, request: httpx.Request, token: Token) -> None:
        if self.follow_api_domain and token.api_domain:
            domain = httpx.URL(token.api_domain)
            request.url = request.url.copy_with(scheme=domain.scheme, host=domain.host, port=domain.port)
            request.headers["Host"] = request.url.netloc.decode("ascii")
        secure_url(str(request.url), "request URL")
        request.headers["Authorization"] = f"Zoho-oauthtoken {token.access_token}"

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign, send, and on a refused token refresh and replay once."""
        token = self.tokens.get()
        self._sign(request, token)
        response = yield request
        if self.tokens.can_refresh and response.status_code == 401:
            response.read()
            if _refused_token(response):
                self._sign(request, self.tokens.get(stale=token.access_token))
                yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Async :meth:`sync_auth_flow`."""
        token = await self.tokens.aget()
        self._sign(request, token)
        response = yield request
        if self.tokens.can_refresh and response.status_code == 401:
            await response.aread()
            if _refused_token(response):
                self._sign(request, await self.tokens.aget(stale=token.access_token))
                yield request

    def __repr__(self) -> str:
        return "ZohoAuth()"
