"""Getting access tokens from Zoho Accounts, once per expiry however many callers ask (single flight)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import asyncio

from ._credentials import AccessTokenCredentials, ClientCredentials, Credentials, RefreshTokenCredentials
from ._datacenter import DataCenter
from ._logging import logger
from .errors import (
    InvalidClientError,
    InvalidTokenGrantError,
    TokenEndpointError,
    TokenError,
    TokenRefreshThrottledError,
)
from .tokens import MemoryTokenStore, Token, TokenStore

TOKEN_PATH = "/oauth/v2/token"  # noqa: S105 - a URL path, not a secret
_ENDPOINT_ATTEMPTS = 3
_NEVER = float("inf")


class TokenManager:
    """Hands out a valid access token, refreshing it when it is about to expire or was refused.

    ``refresh_margin`` seconds before expiry the token is renewed. Concurrent callers that find it
    expired wait for one refresh and reuse its result: a lock for threads, one for tasks.
    """

    def __init__(
        self,
        credentials: Credentials,
        *,
        accounts_url: str,
        store: TokenStore | None = None,
        data_center: DataCenter | None = None,
        refresh_margin: float = 60.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        on_refresh: Callable[[Token], None] | None = None,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = 30.0,
        verify: bool = True,
    ) -> None:
        self.credentials = credentials
        self.token_url = accounts_url.rstrip("/") + TOKEN_PATH
        self.store: TokenStore = store if store is not None else MemoryTokenStore()
        self.data_center = data_center
        self.refresh_margin = refresh_margin
        self.refreshes = 0
        self._clock = clock
        self._sleep = sleep
        self._on_refresh = on_refresh
        self.transport = transport
        self.async_transport = async_transport
        self.timeout = httpx.Timeout(timeout) if not isinstance(timeout, httpx.Timeout) else timeout
        self.verify = verify
        self._thread_lock = threading.Lock()
        self._task_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}
        if isinstance(credentials, AccessTokenCredentials):
            self.store.save(Token(credentials.access_token, _NEVER))

    @property
    def can_refresh(self) -> bool:
        """Whether a refused token can be replaced (not with a fixed access token)."""
        return not isinstance(self.credentials, AccessTokenCredentials)

    def _usable(self, token: Token | None, stale: str | None) -> bool:
        if token is None or token.access_token == stale:
            return False
        if not self.can_refresh:
            return True
        now = self._clock()
        # Renew `refresh_margin` early, but never more than a tenth of the token's lifetime early.
        lifetime = token.expires_at - token.issued_at if token.issued_at else self.refresh_margin * 10
        return token.valid_for(min(self.refresh_margin, lifetime / 10), now)

    def get(self, stale: str | None = None) -> Token:
        """A valid token; ``stale`` is one the API refused, which is never handed out again."""
        token = self.store.load()
        if self._usable(token, stale) or not self.can_refresh:
            return self._require(token)
        with self._thread_lock:
            token = self.store.load()
            if self._usable(token, stale):
                return self._require(token)
            return self._refresh_sync()

    async def aget(self, stale: str | None = None) -> Token:
        """Async :meth:`get`: one refresh per expiry across every task of the loop."""
        token = self.store.load()
        if self._usable(token, stale) or not self.can_refresh:
            return self._require(token)
        import asyncio  # only async users pay for it

        loop = asyncio.get_running_loop()
        lock = self._task_locks.setdefault(loop, asyncio.Lock())
        async with lock:
            token = self.store.load()
            if self._usable(token, stale):
                return self._require(token)
            return await self._refresh_async()

    @staticmethod
    def _require(token: Token | None) -> Token:
        if token is None:
            raise TokenError("no access token available")
        return token

    def _form(self) -> dict[str, str]:
        creds = self.credentials
        if isinstance(creds, RefreshTokenCredentials):
            return {
                "grant_type": "refresh_token",
                "client_id": creds.client_id,
                "client_secret": creds.client_secret,
                "refresh_token": creds.refresh_token,
            }
        if isinstance(creds, ClientCredentials):
            return {
                "grant_type": "client_credentials",
                "client_id": creds.client_id,
                "client_secret": creds.client_secret,
                "scope": creds.scope,
                "soid": creds.soid,
            }
        raise TokenError("a fixed access token cannot be refreshed")

    def _refresh_sync(self) -> Token:
        last: Exception | None = None
        for attempt in range(_ENDPOINT_ATTEMPTS):
            try:
                with httpx.Client(transport=self.transport, timeout=self.timeout, verify=self.verify) as http:
                    response = http.post(self.token_url, data=self._form())
                return self._accept(response)
            except (httpx.TransportError, TokenEndpointError) as exc:
                last = exc
                if attempt + 1 < _ENDPOINT_ATTEMPTS:
                    self._sleep(min(0.5 * 2**attempt, 4.0))
        raise self._down(last)

    async def _refresh_async(self) -> Token:
        last: Exception | None = None
        for attempt in range(_ENDPOINT_ATTEMPTS):
            try:
                async with httpx.AsyncClient(
                    transport=self.async_transport, timeout=self.timeout, verify=self.verify
                ) as http:
                    response = await http.post(self.token_url, data=self._form())
                return self._accept(response)
            except (httpx.TransportError, TokenEndpointError) as exc:
                last = exc
                if attempt + 1 < _ENDPOINT_ATTEMPTS:
                    import asyncio

                    await asyncio.sleep(min(0.5 * 2**attempt, 4.0))
        raise self._down(last)

    def _down(self, last: Exception | None) -> TokenEndpointError:
        reason = type(last).__name__ if last is not None else "no answer"
        return TokenEndpointError(
            f"the token endpoint {self.token_url} failed {_ENDPOINT_ATTEMPTS} times ({reason}); "
            "check the accounts URL and the network",
            method="POST",
            url=self.token_url,
        )

    def _accept(self, response: httpx.Response) -> Token:
        if response.status_code >= 500:
            raise TokenEndpointError(f"token endpoint answered HTTP {response.status_code}")
        try:
            body: Any = response.json()
        except ValueError:
            raise TokenEndpointError(f"token endpoint answered HTTP {response.status_code} without JSON") from None
        if not isinstance(body, Mapping):
            raise TokenEndpointError("token endpoint answered JSON that is not an object")
        if "access_token" not in body:
            raise self._refused(body, response.status_code)
        expires_in = float(body.get("expires_in", 3600))
        if "expires_in_sec" in body:  # legacy: expires_in was in milliseconds
            expires_in = float(body["expires_in_sec"])
        now = self._clock()
        token = Token(str(body["access_token"]), now + expires_in, self._domain(body.get("api_domain")), now)
        self.store.save(token)
        self.refreshes += 1
        logger.debug("zoho_crm: access token refreshed, valid %.0f s", expires_in)
        if self._on_refresh is not None:
            self._on_refresh(token)
        return token

    def _domain(self, api_domain: object) -> str | None:
        """Keep Zoho's ``api_domain`` only when it belongs to the configured data center."""
        if not isinstance(api_domain, str) or self.data_center is None:
            return None
        return api_domain if self.data_center.owns(api_domain) else None

    def _refused(self, body: Mapping[str, Any], status: int) -> TokenError:
        error = str(body.get("error", "unknown"))
        kw: dict[str, Any] = {"status_code": status, "code": error, "method": "POST", "url": self.token_url}
        if error == "invalid_client":
            return InvalidClientError(
                "Zoho refused the client (invalid_client): check client_id and client_secret, and that the "
                "accounts server matches the data center where the client was registered",
                **kw,
            )
        if error in ("invalid_code", "invalid_grant"):
            return InvalidTokenGrantError(
                f"Zoho refused the refresh token ({error}): it was revoked, expired or belongs to another "
                "client; generate a new one",
                **kw,
            )
        if error.lower() == "access denied":
            return TokenRefreshThrottledError(
                "Zoho throttled token refreshes (Access Denied: at most 10 access tokens per refresh token "
                "per 10 minutes); share tokens through a TokenStore instead of refreshing in every process",
                **kw,
            )
        return TokenError(f"the token endpoint refused: {error}", **kw)
