"""The facades: :class:`ZohoCRM` (sync) and :class:`AsyncZohoCRM` (async)."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

import httpx

from zoho_crm_api import API_VERSION
from zoho_crm_api.resources import AsyncResources, SyncResources

from . import _batch
from . import _validation as check
from ._auth import ZohoAuth
from ._credentials import Credentials
from ._datacenter import DataCenter, Environment
from ._engine import DEFAULT_MAX_ANSWER_BYTES, AsyncEngine, SyncEngine, total_seconds
from ._logging import logger
from ._oauth import TokenManager
from ._runtime import AsyncRuntime, SyncRuntime
from .errors import ZohoValidationError
from .results import BatchResult, Outcome, Page, Success
from .retries import RetryPolicy
from .tokens import Token, TokenStore

__all__ = ["AsyncZohoCRM", "ZohoCRM"]


DEFAULT_CONCURRENCY = 10
"""Zoho's sub-concurrency limit for bulk writes (10 in every edition); the edition limits are 5 to 25."""


class _Setup:
    """What the sync and async facades share: endpoints, token manager, retry policy."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        data_center: DataCenter,
        environment: Environment,
        api_domain: str | None,
        accounts_url: str | None,
        token_store: TokenStore | None,
        retry: RetryPolicy | None,
        timeout: float | httpx.Timeout,
        max_concurrency: int,
        verify: bool,
        refresh_margin: float,
        on_refresh: Callable[[Token], None] | None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        if not verify:
            logger.warning("zoho_crm: TLS certificate verification is OFF (verify=False); never do this in production")
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
            raise ZohoValidationError(f"max_concurrency must be a positive int, got {max_concurrency!r}")
        if isinstance(max_answer_bytes, bool) or not isinstance(max_answer_bytes, int) or max_answer_bytes < 1:
            raise ZohoValidationError(f"max_answer_bytes must be a positive int, got {max_answer_bytes!r}")
        check.timeout(timeout)
        self.max_answer_bytes = max_answer_bytes
        self.api_domain = check.secure_url(api_domain or data_center.api_domain(environment), "api_domain")
        self.accounts_url = check.secure_url(accounts_url or data_center.accounts_url, "accounts_url")
        self.base_url = f"{self.api_domain}/crm/{API_VERSION}"
        self.retry = retry or RetryPolicy()
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout, connect=10.0)
        self.deadline = total_seconds(timeout)
        self.concurrency = max_concurrency
        self.verify = verify
        self.token_kwargs: dict[str, Any] = {
            "accounts_url": self.accounts_url,
            "store": token_store,
            "data_center": None if api_domain else data_center,
            "refresh_margin": refresh_margin,
            "on_refresh": on_refresh,
            "timeout": self.timeout,
            "verify": verify,
        }
        self.credentials = credentials
        self.follow_api_domain = api_domain is None

    def engine_kwargs(self) -> dict[str, Any]:
        """Arguments of the engine: the call deadline and the answer cap."""
        return {"timeout": self.timeout, "deadline": self.deadline, "max_answer_bytes": self.max_answer_bytes}

    def http_kwargs(self, tokens: TokenManager) -> dict[str, Any]:
        """Arguments of the ``httpx.Client``/``AsyncClient``: base URL, auth, timeouts, TLS, pool size."""
        return {
            "base_url": self.base_url,
            "auth": ZohoAuth(tokens, follow_api_domain=self.follow_api_domain, max_answer_bytes=self.max_answer_bytes),
            "timeout": self.timeout,
            "verify": self.verify,
            "limits": pool_limits(self.concurrency),
        }


def pool_limits(max_concurrency: int) -> httpx.Limits:
    """The connection pool: room for every lane a call may ask for, and a few single calls beside them.

    A call may ask for ``concurrency=`` up to ``max(max_concurrency, 25)`` (25: Zoho's highest edition limit).

    Every connection may stay alive (keep-alive = max connections): a pool with fewer keep-alive
    slots closes "surplus" idle connections, and httpcore 1.0.9 can close one it has just handed to a
    waiting request (encode/httpcore#1110), which then hangs until its read timeout (bench/README.md).
    """
    size = _batch.lane_cap(max_concurrency) + POOL_SPARE
    return httpx.Limits(max_connections=size, max_keepalive_connections=size)


POOL_SPARE = 5
"""Connections beyond the batch lanes: single calls and pages read while a batch runs."""


class ZohoCRM(SyncResources[BatchResult, Page, Success, Outcome]):
    """A Zoho CRM org, synchronously. Thread-safe: share one client.

    ```python
    leads = [{"Last_Name": "Burns", "Email": "burns@example.com"}]
    with ZohoCRM(RefreshTokenCredentials(client_id, client_secret, refresh_token), data_center=DataCenter.EU) as crm:
        result = crm.records.upsert("Leads", leads, duplicate_check_fields=["Email"]).raise_for_errors()
    ```

    Args:
        credentials: How to obtain access tokens: ``RefreshTokenCredentials``, ``AccessTokenCredentials``
            or ``ClientCredentials``.
        data_center: Where the org lives; picks the API domain and the accounts (token) server.
        environment: Production, sandbox or developer org of that data center.
        api_domain: Base URL of the API, overriding the data center (the sandbox's ``sb.api_domain``).
            Plain HTTP is refused except to loopback. When unset, the ``api_domain`` Zoho returns with a
            token is followed, but only within ``data_center``.
        accounts_url: Base URL of the token server, overriding the data center (``sb.accounts_url``).
        token_store: Where the access token lives (a ``TokenStore``): in memory by default;
            ``FileTokenStore(path)`` shares one token between processes.
        retry: What is retried and for how long (a ``RetryPolicy``); ``RetryPolicy(max_attempts=1)`` turns
            retries off.
        timeout: Seconds one attempt of a call may take in all (30 s: connect, send and the whole answer,
            however slowly it trickles; connecting alone: 10 s), or an ``httpx.Timeout`` (that
            bounds each phase, their sum the attempt); calls take ``timeout=`` too. Retries of a call end within
            ``retry.max_elapsed`` (60 s), or the timeout when longer.
        max_concurrency: Calls a batch sends at once (Zoho allows 10 concurrent bulk writes in every
            edition); ``concurrency=`` of a call overrides it, up to ``max(max_concurrency, 25)`` (the
            connection pool's lanes; more is refused with ``ZohoValidationError``).
        verify: Check TLS certificates. ``False`` logs a warning; never in production.
        refresh_margin: Seconds before expiry at which the token is renewed (at most a tenth of its lifetime).
        transport: An ``httpx.BaseTransport`` for API and token requests: the in-process sandbox
            (``sb.transport()``), a proxy, a recorder.
        on_refresh: Called with each new ``Token`` after a refresh (metrics, your own store).
        clock: Returns the time in epoch seconds (``time.time``); decides token expiry. Tests pass the
            sandbox's manual clock.
        max_answer_bytes: The largest answer read (64 MiB, far above Zoho's largest page); a larger
            one raises ``AnswerTooLargeError`` without reading the rest.
    """

    def __init__(
        self,
        credentials: Credentials,
        *,
        data_center: DataCenter = DataCenter.US,
        environment: Environment = Environment.PRODUCTION,
        api_domain: str | None = None,
        accounts_url: str | None = None,
        token_store: TokenStore | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        verify: bool = True,
        refresh_margin: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        on_refresh: Callable[[Token], None] | None = None,
        clock: Callable[[], float] = time.time,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        setup = _Setup(
            credentials, data_center=data_center, environment=environment, api_domain=api_domain,
            accounts_url=accounts_url, token_store=token_store, retry=retry, timeout=timeout,
            max_concurrency=max_concurrency, verify=verify, refresh_margin=refresh_margin, on_refresh=on_refresh,
            max_answer_bytes=max_answer_bytes,
        )  # fmt: skip
        self.tokens = TokenManager(credentials, transport=transport, clock=clock, **setup.token_kwargs)
        self._http = httpx.Client(transport=transport, **setup.http_kwargs(self.tokens))
        self.base_url = setup.base_url
        self._engine = SyncEngine(self._http, setup.retry, **setup.engine_kwargs())
        runtime = SyncRuntime(self._engine, setup.concurrency)
        self._bind_resources(runtime)  # every resource, as generated

    @property
    def stats(self) -> dict[str, int]:
        """Calls made and retries by reason, and token refreshes, since the client was made."""
        return {**self._engine.stats, "refreshes": self.tokens.refreshes}

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> ZohoCRM:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ZohoCRM(base_url={self.base_url!r})"


class AsyncZohoCRM(AsyncResources[BatchResult, Page, Success, Outcome]):
    """A Zoho CRM org, asynchronously: the same surface as [`ZohoCRM`][zoho_crm.ZohoCRM], awaited.

    ```python
    credentials = RefreshTokenCredentials(client_id, client_secret, refresh_token)
    async with AsyncZohoCRM(credentials, data_center=DataCenter.EU) as crm:
        result = await crm.records.insert("Leads", [{"Last_Name": "Burns"}])
    ```

    Args:
        credentials: How to obtain access tokens, as for ``ZohoCRM``.
        data_center: Where the org lives; picks the API domain and the accounts (token) server.
        environment: Production, sandbox or developer org of that data center.
        api_domain: Base URL of the API, overriding the data center (the sandbox's ``sb.api_domain``).
        accounts_url: Base URL of the token server, overriding the data center (``sb.accounts_url``).
        token_store: Where the access token lives (a ``TokenStore``): in memory by default.
        retry: What is retried and for how long (a ``RetryPolicy``).
        timeout: Seconds one attempt of a call may take in all (30 s), as for ``ZohoCRM``.
        max_concurrency: Calls a batch sends at once (10 by default, Zoho's limit for bulk writes);
            ``concurrency=`` of a call may ask for up to ``max(max_concurrency, 25)``.
        verify: Check TLS certificates. ``False`` logs a warning; never in production.
        refresh_margin: Seconds before expiry at which the token is renewed.
        transport: An ``httpx.AsyncBaseTransport`` for API and token requests (``sb.async_transport()``).
        on_refresh: Called with each new ``Token`` after a refresh.
        clock: Returns the time in epoch seconds (``time.time``); decides token expiry.
        max_answer_bytes: The largest answer read (64 MiB), as for ``ZohoCRM``.
    """

    def __init__(
        self,
        credentials: Credentials,
        *,
        data_center: DataCenter = DataCenter.US,
        environment: Environment = Environment.PRODUCTION,
        api_domain: str | None = None,
        accounts_url: str | None = None,
        token_store: TokenStore | None = None,
        retry: RetryPolicy | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_concurrency: int = DEFAULT_CONCURRENCY,
        verify: bool = True,
        refresh_margin: float = 60.0,
        transport: httpx.AsyncBaseTransport | None = None,
        on_refresh: Callable[[Token], None] | None = None,
        clock: Callable[[], float] = time.time,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        setup = _Setup(
            credentials, data_center=data_center, environment=environment, api_domain=api_domain,
            accounts_url=accounts_url, token_store=token_store, retry=retry, timeout=timeout,
            max_concurrency=max_concurrency, verify=verify, refresh_margin=refresh_margin, on_refresh=on_refresh,
            max_answer_bytes=max_answer_bytes,
        )  # fmt: skip
        self.tokens = TokenManager(credentials, async_transport=transport, clock=clock, **setup.token_kwargs)
        self._http = httpx.AsyncClient(transport=transport, **setup.http_kwargs(self.tokens))
        self.base_url = setup.base_url
        self._engine = AsyncEngine(self._http, setup.retry, **setup.engine_kwargs())
        runtime = AsyncRuntime(self._engine, setup.concurrency)
        self._bind_resources(runtime)

    @property
    def stats(self) -> dict[str, int]:
        """Calls made and retries by reason, and token refreshes, since the client was made."""
        return {**self._engine.stats, "refreshes": self.tokens.refreshes}

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> AsyncZohoCRM:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"AsyncZohoCRM(base_url={self.base_url!r})"
