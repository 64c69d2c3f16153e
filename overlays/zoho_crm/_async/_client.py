"""The facade users hold: :class:`AsyncZohoCRM`, a Zoho CRM org and every resource of the spec."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

import httpx

from zoho_crm_api.resources import AsyncResources

from .._auth import TokenManager
from .._client import DEFAULT_CONCURRENCY, Setup, attempt_timeout, retry_policy
from .._credentials import Credentials
from .._datacenter import DataCenter, Environment
from .._engine import DEFAULT_MAX_ANSWER_BYTES
from ..retries import RetryPolicy
from ..tokens import Token, TokenStore
from ._engine import AsyncEngine

if TYPE_CHECKING:  # named as strings in the base class: the result types are not imported with the client
    from ..results import BatchResult, Outcome, Page, Success  # noqa: F401

__all__ = ["AsyncZohoCRM"]


class AsyncZohoCRM(AsyncResources["BatchResult", "Page", "Success", "Outcome"]):
    """A Zoho CRM org, asynchronously. Share one client: it is safe to use from many threads or tasks at once.

    ```python
    leads = [{"Last_Name": "Burns", "Email": "burns@example.com"}]
    credentials = RefreshTokenCredentials(client_id, client_secret, refresh_token)
    async with AsyncZohoCRM(credentials, data_center=DataCenter.EU) as crm:
        result = await crm.records.upsert("Leads", leads, duplicate_check_fields=["Email"])
        result.raise_for_errors()
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
        transport: An ``httpx.AsyncBaseTransport`` for API and token requests: the in-process sandbox
            (``sb.async_transport()``), a proxy, a recorder.
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
        transport: httpx.AsyncBaseTransport | None = None,
        on_refresh: Callable[[Token], None] | None = None,
        clock: Callable[[], float] = time.time,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
    ) -> None:
        setup = Setup(
            data_center=data_center, environment=environment, api_domain=api_domain,
            accounts_url=accounts_url, token_store=token_store, retry=retry, timeout=timeout,
            max_concurrency=max_concurrency, verify=verify, refresh_margin=refresh_margin, on_refresh=on_refresh,
            max_answer_bytes=max_answer_bytes,
        )  # fmt: skip
        self.tokens = TokenManager(credentials, async_transport=transport, clock=clock, **setup.token_kwargs)
        self._http = httpx.AsyncClient(transport=setup.async_pool(transport), **setup.http_kwargs(self.tokens))
        self.base_url = setup.base_url
        self._concurrency = setup.concurrency
        self._bind(AsyncEngine(self._http, setup.retry, **setup.engine_kwargs()))

    def _bind(self, engine: AsyncEngine) -> None:
        from ._runtime import AsyncRuntime  # with the first client, not with the package (import time)

        self._engine = engine
        self._bind_resources(AsyncRuntime(engine, self._concurrency))  # every resource, as generated

    def with_options(
        self, *, retry: RetryPolicy | None = None, timeout: float | httpx.Timeout | None = None
    ) -> AsyncZohoCRM:
        """The same client with another retry policy or timeout, sharing its connections, token and ``stats``.

        ```python
        async with AsyncZohoCRM(RefreshTokenCredentials(client_id, client_secret, refresh_token)) as crm:
            fail_fast = crm.with_options(retry=RetryPolicy(max_attempts=1), timeout=5)
            org = await fail_fast.metadata.org()  # one attempt of at most 5 s
        ```

        Closing either closes both.

        Args:
            retry: The copy's ``RetryPolicy``; unset, this client's.
            timeout: Seconds one attempt of the copy's calls may take, or an ``httpx.Timeout``; unset, this
                client's.
        """
        engine = copy.copy(self._engine)
        if retry is not None:
            engine.retry = retry_policy(retry)
        if timeout is not None:
            engine.timeout, engine.deadline = attempt_timeout(timeout)
        client = object.__new__(type(self))
        client.tokens, client._http, client.base_url = self.tokens, self._http, self.base_url
        client._concurrency = self._concurrency
        client._bind(engine)
        return client

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
