"""The httpx ``Auth`` that signs requests with ``Authorization: Zoho-oauthtoken <token>``."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Generator

import httpx

from ._engine import DEFAULT_MAX_ANSWER_BYTES, aread_capped, read_capped
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

    A replay refused again means Zoho refuses even a just-issued token: the token manager then holds
    back (:class:`~zoho_crm.errors.TokenRefusedError`) instead of refreshing on every call.

    With ``follow_api_domain``, requests go to the ``api_domain`` Zoho returned with the token (the
    token manager keeps it only when it belongs to the configured data center).
    """

    def __init__(
        self, tokens: TokenManager, *, follow_api_domain: bool = False, max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    ) -> None:
        self.tokens = tokens
        self.follow_api_domain = follow_api_domain
        self.max_answer_bytes = max_answer_bytes  # a 401's body is read here: capped like any answer

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
            read_capped(response, self.max_answer_bytes)
            if _refused_token(response):
                fresh = self.tokens.get(stale=token.access_token)
                self._sign(request, fresh)
                response = yield request
                if response.status_code == 401:
                    read_capped(response, self.max_answer_bytes)
                    if _refused_token(response):  # a just-issued token refused: stop refreshing for a while
                        self.tokens.refused(fresh)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Async :meth:`sync_auth_flow`."""
        token = await self.tokens.aget()
        self._sign(request, token)
        response = yield request
        if self.tokens.can_refresh and response.status_code == 401:
            await aread_capped(response, self.max_answer_bytes)
            if _refused_token(response):
                fresh = await self.tokens.aget(stale=token.access_token)
                self._sign(request, fresh)
                response = yield request
                if response.status_code == 401:
                    await aread_capped(response, self.max_answer_bytes)
                    if _refused_token(response):
                        await self.tokens.arefused(fresh)

    def __repr__(self) -> str:
        return "ZohoAuth()"
