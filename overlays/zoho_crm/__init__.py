"""zoho_crm: the Zoho CRM client our services use, for the API version in :data:`API_VERSION`.

One obvious call per job: batching past 100 records per call, pagination past 2,000 records,
token refresh, retries and typed errors are handled here. Sync (:class:`ZohoCRM`) and async
(:class:`AsyncZohoCRM`). A local Zoho CRM for tests lives in :mod:`zoho_crm.testing`.
"""

from typing import TYPE_CHECKING, Any

from zoho_crm_api import API_VERSION

from . import errors
from ._credentials import AccessTokenCredentials, ClientCredentials, Credentials, RefreshTokenCredentials
from ._datacenter import DataCenter, Environment
from ._sync._client import ZohoCRM
from .errors import (
    AnswerTooLargeError,
    APIConnectionError,
    APIError,
    APITimeoutError,
    BatchError,
    EventLoopError,
    PaginationError,
    ZohoError,
    ZohoValidationError,
)

if TYPE_CHECKING:
    from ._async._client import AsyncZohoCRM
    from .progress import progress_bar
    from .results import BatchResult, Failure, Outcome, Page, Record, Success
    from .retries import RetryPolicy
    from .tokens import FileTokenStore, LockingTokenStore, MemoryTokenStore, RedisTokenStore, Token, TokenStore

_LAZY = {
    "AsyncZohoCRM": "._async._client",
    "progress_bar": ".progress",
    **dict.fromkeys(("BatchResult", "Failure", "Outcome", "Page", "Record", "Success"), ".results"),
    "RetryPolicy": ".retries",
    **dict.fromkeys(
        ("FileTokenStore", "LockingTokenStore", "MemoryTokenStore", "RedisTokenStore", "Token", "TokenStore"), ".tokens"
    ),
}
"""Names imported on first use (PEP 562): ``import zoho_crm`` loads what ``ZohoCRM`` needs, not the async client,
progress bars or the token stores a program may never use."""


def __getattr__(name: str) -> Any:
    """A public name of :data:`_LAZY`, its module imported on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__version__ = "0.6.0"
"""The package version (semver: a breaking change in ``nox -s api_report`` means a major bump)."""

__all__ = [
    "API_VERSION",
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AccessTokenCredentials",
    "AnswerTooLargeError",
    "AsyncZohoCRM",
    "BatchError",
    "BatchResult",
    "ClientCredentials",
    "Credentials",
    "DataCenter",
    "Environment",
    "EventLoopError",
    "Failure",
    "FileTokenStore",
    "LockingTokenStore",
    "MemoryTokenStore",
    "Outcome",
    "Page",
    "PaginationError",
    "Record",
    "RedisTokenStore",
    "RefreshTokenCredentials",
    "RetryPolicy",
    "Success",
    "Token",
    "TokenStore",
    "ZohoCRM",
    "ZohoError",
    "ZohoValidationError",
    "__version__",
    "errors",
    "progress_bar",
]
