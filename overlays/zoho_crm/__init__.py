"""zoho_crm: the Zoho CRM v8 client our services use.

One obvious call per job: batching past 100 records per call, pagination past 2,000 records,
token refresh, retries and typed errors are handled here. Sync (:class:`ZohoCRM`) and async
(:class:`AsyncZohoCRM`). A local Zoho CRM for tests lives in :mod:`zoho_crm.testing`.
"""

from zoho_crm_api import API_VERSION

from . import errors
from ._async._client import AsyncZohoCRM
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
from .progress import progress_bar
from .results import BatchResult, Failure, Outcome, Page, Record, Success
from .retries import RetryPolicy
from .tokens import FileTokenStore, LockingTokenStore, MemoryTokenStore, RedisTokenStore, Token, TokenStore

__version__ = "0.2.0"
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
