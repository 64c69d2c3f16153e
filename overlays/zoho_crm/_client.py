"""What the facades share: endpoints, token manager, retry policy, connection pool.

The facades themselves: :class:`AsyncZohoCRM` in ``_async/_client.py``, :class:`ZohoCRM` generated from it in
``_sync/_client.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from zoho_crm_api import API_VERSION

from . import _validation as check
from ._auth import TokenManager, ZohoAuth
from ._datacenter import DataCenter, Environment
from ._engine import ACCEPT_ENCODING, DEFAULT_MAX_ANSWER_BYTES, sync_transport, total_seconds
from ._logging import logger
from .errors import ZohoValidationError
from .retries import RetryPolicy
from .tokens import Token, TokenStore

__all__ = ["DEFAULT_CONCURRENCY", "Setup", "attempt_timeout", "pool_limits", "retry_policy"]


DEFAULT_CONCURRENCY = 10
"""Zoho's sub-concurrency limit for bulk writes (10 in every edition); the edition limits are 5 to 25."""


class Setup:
    """What the sync and async facades share: endpoints, token manager, retry policy."""

    def __init__(
        self,
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
        for name, number in (("max_concurrency", max_concurrency), ("max_answer_bytes", max_answer_bytes)):
            if isinstance(number, bool) or not isinstance(number, int) or number < 1:
                raise ZohoValidationError(f"{name} must be a positive int, got {check.shown(number)}")
        self.timeout, self.deadline = attempt_timeout(timeout)
        for name, value, kind in (("data_center", data_center, DataCenter), ("environment", environment, Environment)):
            if not isinstance(value, kind):
                raise ZohoValidationError(f"{name} must be of type {kind.__name__}, got {type(value).__name__}")
        self.retry = retry_policy(retry)
        if not check.finite_number(refresh_margin) or refresh_margin < 0:
            raise ZohoValidationError(f"refresh_margin must be seconds (0 or more), got {check.shown(refresh_margin)}")
        if on_refresh is not None and not callable(on_refresh):
            raise ZohoValidationError(f"on_refresh must be callable, got {type(on_refresh).__name__}")
        self.max_answer_bytes = max_answer_bytes
        self.api_domain = check.base_url(api_domain or data_center.api_domain(environment), "api_domain")
        self.accounts_url = check.base_url(accounts_url or data_center.accounts_url, "accounts_url")
        self.base_url = f"{self.api_domain}/crm/{API_VERSION}"
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
        self.follow_api_domain = api_domain is None

    def engine_kwargs(self) -> dict[str, Any]:
        """Arguments of the engine: the call deadline and the answer cap."""
        return {"timeout": self.timeout, "deadline": self.deadline, "max_answer_bytes": self.max_answer_bytes}

    def async_pool(self, given: httpx.AsyncBaseTransport | None) -> httpx.AsyncBaseTransport | None:
        """The async client's transport: the one given, else httpx's (an attempt is cancelled at its deadline)."""
        if given is not None and not isinstance(given, httpx.AsyncBaseTransport):
            raise ZohoValidationError(f"transport must be an httpx.AsyncBaseTransport, got {type(given).__name__}")
        return given

    def sync_pool(self, given: httpx.BaseTransport | None) -> httpx.BaseTransport:
        """The sync client's transport: the one given, else httpx's with its socket waits cut at the deadline."""
        if given is not None and not isinstance(given, httpx.BaseTransport):
            raise ZohoValidationError(f"transport must be an httpx.BaseTransport, got {type(given).__name__}")
        return sync_transport(given, verify=self.verify, limits=pool_limits(self.concurrency))

    def http_kwargs(self, tokens: TokenManager) -> dict[str, Any]:
        """Arguments of the ``httpx.Client``/``AsyncClient``: base URL, auth, timeouts, TLS, pool size."""
        return {
            "base_url": self.base_url,
            "auth": ZohoAuth(tokens, follow_api_domain=self.follow_api_domain, max_answer_bytes=self.max_answer_bytes),
            "timeout": self.timeout,
            "verify": self.verify,
            "limits": pool_limits(self.concurrency),
            "headers": {"Accept-Encoding": ACCEPT_ENCODING},  # what CappedBody decodes within the cap
        }


def retry_policy(retry: RetryPolicy | None) -> RetryPolicy:
    """A client's retry policy: the one given, checked, or the default."""
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise ZohoValidationError(f"retry must be a RetryPolicy or None, got {type(retry).__name__}")
    return retry or RetryPolicy()


def attempt_timeout(timeout: float | httpx.Timeout) -> tuple[httpx.Timeout, float | None]:
    """A client's timeout, checked: per phase (connecting: 10 s when one number is given) and for a whole attempt."""
    check.timeout(timeout)
    phases = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout, connect=10.0)
    return phases, total_seconds(timeout)


def pool_limits(max_concurrency: int) -> httpx.Limits:
    """The connection pool: room for every lane a call may ask for, and a few single calls beside them.

    A call may ask for ``concurrency=`` up to ``max(max_concurrency, 25)`` (25: Zoho's highest edition limit).

    Every connection may stay alive (keep-alive = max connections): a pool with fewer keep-alive
    slots closes "surplus" idle connections, and httpcore 1.0.9 can close one it has just handed to a
    waiting request (encode/httpcore#1110), which then hangs until its read timeout (bench/README.md).
    """
    from ._batch import lane_cap  # with the first client, not with the package (import time)

    size = lane_cap(max_concurrency) + POOL_SPARE
    return httpx.Limits(max_connections=size, max_keepalive_connections=size)


POOL_SPARE = 5
"""Connections beyond the batch lanes: single calls and pages read while a batch runs."""
