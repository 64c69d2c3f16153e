"""Typed errors. Every error Zoho or the network can cause is a :class:`ZohoError`.

- Client-side checks (bad input caught before any request) raise :class:`ZohoValidationError`,
  which is also a :class:`ValueError`.
- An API answer that refuses a request raises a :class:`APIError` subclass chosen by family; match a
  specific Zoho code with ``err.code == "INVALID_DATA"`` or ``err.matches("INVALID_DATA")``.
- Token-endpoint failures raise :class:`TokenError` subclasses that say what to fix.

No message, repr or attribute ever holds an access token, refresh token or client secret: the client's
own are replaced wherever Zoho echoes them (unless shorter than 4 characters, which Zoho never issues),
and anything shaped like one is masked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .results import BatchResult

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AnswerTooLargeError",
    "AuthenticationError",
    "BatchError",
    "ConflictError",
    "EventLoopError",
    "InsecureTransportError",
    "InvalidClientError",
    "InvalidRequestError",
    "InvalidResponseError",
    "InvalidTokenGrantError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "ServerError",
    "TokenEndpointError",
    "TokenError",
    "TokenRefreshThrottledError",
    "WaitTimeoutError",
    "ZohoError",
    "ZohoValidationError",
]


_SECRETS = re.compile(
    r"(?i)((?:zoho-oauthtoken|bearer)\s+)[^\s\"',;}\]]+"
    r"|((?:access_token|refresh_token|client_secret|authorization)[\"']?\s*[:=]\s*[\"']?(?:(?:zoho-oauthtoken|bearer)\s+)?)[^\s\"'&,;}\]]+"
    r"|1000\.[0-9a-f]{32}\.[0-9a-f]{32}"
)
REDACTED = "[redacted]"


def redact(text: str, *secrets: str) -> str:
    """``text`` with each of ``secrets`` and anything shaped like a token or secret replaced by ``[redacted]``."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    return _SECRETS.sub(lambda m: (m.group(1) or m.group(2) or "") + REDACTED, text)


def redact_value(value: Any, secrets: tuple[str, ...] = (), depth: int = 0) -> Any:
    """``value`` (JSON-like) with :func:`redact` applied to every string in it."""
    if isinstance(value, str):
        return redact(value, *secrets)
    if depth > 20:
        return REDACTED
    if isinstance(value, Mapping):
        return {redact_value(k, secrets, depth) if isinstance(k, str) else k: redact_value(v, secrets, depth + 1)
                for k, v in value.items()}  # fmt: skip
    if isinstance(value, (list, tuple)):
        return [redact_value(v, secrets, depth + 1) for v in value]
    return value


def _rebuild(cls: type[ZohoError], args: tuple[Any, ...]) -> ZohoError:
    """Unpickle an error without calling its ``__init__`` (its state follows)."""
    error = cls.__new__(cls)
    error.args = args
    return error


class ZohoError(Exception):
    """Base of every error this package raises.

    Its message, ``code`` and ``details`` never hold a token or secret (anything shaped like one is redacted),
    and it survives pickling (all subclasses, ``BatchError`` with its ``result``).

    Args:
        message: What went wrong, in words.
        status_code: The HTTP status of Zoho's answer, when there was one.
        code: Zoho's error code (``INVALID_DATA``, ``DUPLICATE_DATA``...), when Zoho gave one.
        details: Zoho's ``details`` object (the field at fault, the limit reached...).
        method: The HTTP method of the call.
        url: The URL of the call (never holding a token).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        code: str | None = None,
        details: Mapping[str, Any] | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        message = redact(message)
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.code = None if code is None else redact(code)
        self.details: dict[str, Any] = redact_value(dict(details), ()) if details else {}
        self.method = method
        self.url = url

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args), self.__dict__)

    def matches(self, *codes: str) -> bool:
        """Whether Zoho's code is one of ``codes``.

        Args:
            codes: Zoho error codes, such as ``"DUPLICATE_DATA"``.
        """
        return self.code in codes

    def __str__(self) -> str:
        parts = [self.message]
        if self.code:
            parts.insert(0, f"[{self.code}]")
        if self.status_code is not None:
            parts.insert(0, f"HTTP {self.status_code}")
        if self.method and self.url:
            parts.append(f"({self.method} {self.url})")
        if self.details:
            parts.append(f"details={self.details}")
        return " ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code!r}, code={self.code!r}, message={self.message!r})"


class ZohoValidationError(ZohoError, ValueError):
    """Input refused on our side, before any request was sent."""


class InsecureTransportError(ZohoValidationError):
    """Refused to send a token over plain HTTP to a host other than loopback."""


class APIError(ZohoError):
    """Zoho answered with an error status."""


class InvalidRequestError(APIError):
    """400: invalid request or data (``INVALID_DATA``, ``MANDATORY_NOT_FOUND``, ``LIMIT_EXCEEDED``, ...)."""


class ConflictError(InvalidRequestError):
    """A duplicate (``DUPLICATE_DATA``) or a locked record (``RECORD_LOCKED``)."""


class AuthenticationError(APIError):
    """401: the access token is missing, invalid or expired even after a refresh, or lacks the scope."""


class PermissionDeniedError(APIError):
    """403: the user may not do this (``NO_PERMISSION``, ``NOT_SUPPORTED``)."""


class NotFoundError(APIError):
    """404: no such API (``INVALID_URL_PATTERN``), or no such mass update job (``NOT_FOUND``)."""


class PreconditionFailedError(APIError):
    """412: the record changed after ``If-Unmodified-Since`` (``ALREADY_MODIFIED``); nothing was written."""


class RateLimitError(APIError):
    """429: daily credits or the concurrency limit exhausted (``TOO_MANY_REQUESTS``), after retries."""


class ServerError(APIError):
    """5xx: Zoho failed (``INTERNAL_ERROR``), after retries."""


class InvalidResponseError(APIError):
    """Zoho's answer could not be read (not JSON, truncated, an HTML error page, an unexpected status)."""


class AnswerTooLargeError(InvalidResponseError):
    """An answer larger than the client's ``max_answer_bytes``: the rest of it was not read."""


class PaginationError(InvalidResponseError):
    """A listing that would never end: a page token or page seen before, or endless empty pages claiming more."""


class WaitTimeoutError(ZohoError, TimeoutError):
    """A job did not end within ``max_wait``: its last status is in ``details`` (the job goes on at Zoho)."""


class APIConnectionError(ZohoError):
    """The request could not be completed: connection refused, dropped, or a protocol error.

    ``never_sent`` is true when the failure proves the request never reached Zoho (connect errors).
    """

    never_sent: bool = False


class APITimeoutError(APIConnectionError):
    """The request did not complete within its timeout."""


class EventLoopError(ZohoError, RuntimeError):
    """An ``AsyncZohoCRM`` used from an event loop other than the one it first ran in: make one client per loop."""


class TokenError(ZohoError):
    """The token endpoint refused to issue an access token."""


class InvalidClientError(TokenError):
    """``invalid_client``: wrong client id or secret, or an accounts server of another data center."""


class InvalidTokenGrantError(TokenError):
    """``invalid_code``: the refresh token (or grant code) is revoked, expired or wrong."""


class TokenRefreshThrottledError(TokenError):
    """``Access Denied``: more than 10 access tokens asked for one refresh token within 10 minutes."""


class TokenEndpointError(TokenError):
    """The token endpoint is unreachable or answered something unreadable, after bounded retries."""


class BatchError(ZohoError):
    """Some items of a batch failed: ``failures`` lists them, ``result`` is the whole ``BatchResult``.

    Raised by ``BatchResult.raise_for_errors()``, and by a batch call that its ``on_progress`` callback
    (or a bug) stopped: then ``result`` holds one outcome per input item (the items never sent fail with
    code ``NOT_SENT``) and the callback's exception is the ``__cause__``.

    Args:
        message: A summary (how many items failed, with which codes).
        failures: The :class:`~zoho_crm.Failure` of each item that failed, in input order.
        result: The whole :class:`~zoho_crm.BatchResult` (one outcome per input item).
    """

    def __init__(self, message: str, failures: list[Any], result: BatchResult | None = None) -> None:
        from .results import BatchResult  # results imports this module

        super().__init__(message)
        self.failures = failures
        self.result: BatchResult = result if result is not None else BatchResult(tuple(failures))


_BY_STATUS: dict[int, type[APIError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: InvalidRequestError,
    412: PreconditionFailedError,
    413: InvalidRequestError,
    415: InvalidRequestError,
    429: RateLimitError,
}
_CONFLICT_CODES = frozenset({"DUPLICATE_DATA", "RECORD_LOCKED"})
_STATUS_OF_CODE = {
    "INVALID_TOKEN": 401,
    "INVALID_OAUTHTOKEN": 401,
    "AUTHENTICATION_FAILURE": 401,
    "OAUTH_SCOPE_MISMATCH": 401,
    "NO_PERMISSION": 403,
    "NOT_SUPPORTED": 403,
    "INVALID_URL_PATTERN": 404,
    "ALREADY_MODIFIED": 412,
    "TOO_MANY_REQUESTS": 429,
    "INTERNAL_ERROR": 500,
}
"""The status Zoho answers each code with, for an error envelope that came with a 2xx (any other code: 400)."""


def error_class(status_code: int, code: str | None) -> type[APIError]:
    """The exception class for an error answer (an unexpected status: :class:`InvalidResponseError`).

    Zoho's error envelope answered with a 2xx gets the class of its code, as the 4xx it stands for would.
    """
    if code in _CONFLICT_CODES:
        return ConflictError
    if status_code < 400 and code is not None:
        status_code = _STATUS_OF_CODE.get(code, 400)
    if status_code >= 500:
        return ServerError
    return _BY_STATUS.get(status_code, InvalidResponseError)


class TokenRefusedError(AuthenticationError, TokenError):
    """The API refused an access token right after it was issued: refreshing again would not help.

    No new token is asked for until ``HOLD_BACK`` seconds (2 minutes) after the refusal; calls
    meanwhile fail with this error before anything is sent.
    """


class TokenStoreError(TokenError):
    """A token store cannot be trusted (e.g. a token file that is a symlink, another user's, or writable by others)."""


__all__ += ["TokenRefusedError", "TokenStoreError"]
