"""Errors the sandbox answers with, and the signals it raises to its caller."""

from __future__ import annotations

from typing import Any

__all__ = ["ContractViolation", "DroppedConnection", "ItemsRefusal", "ZohoError", "error_body"]

MESSAGES: dict[str, str] = {
    "INVALID_MODULE": "the module name given seems to be invalid",
    "INVALID_URL_PATTERN": "Please check if the URL trying to access is a correct one",
    "INVALID_REQUEST_METHOD": "The http request method type is not a valid one",
    "REQUIRED_PARAM_MISSING": "One of the expected parameter is missing",
    "EXPECTED_PARAM_MISSING": "One of the expected parameter is missing",
    "INVALID_DATA": "invalid data",
    "MANDATORY_NOT_FOUND": "required field not found",
    "DUPLICATE_DATA": "duplicate data",
    "LIMIT_EXCEEDED": "the limit has been exceeded",
    "LIMIT_REACHED": "search results are limited to 2000 records",
    "INVALID_QUERY": "invalid query formed",
    "PATTERN_NOT_MATCHED": "Please check whether the input values are correct",
    "AMBIGUITY_DURING_PROCESSING": "ambiguity while processing the request",
    "TOKEN_BOUND_DATA_MISMATCH": "the page_token does not belong to these parameters",
    "EXPIRED_VALUE": "the page_token has expired",
    "DISCRETE_PAGINATION_LIMIT_EXCEEDED": "page reaches only the first 2000 records; use page_token",
    "PAGINATION_LIMIT_EXCEEDED": "page_token reaches only the first 100000 records",
    "UNABLE_TO_PARSE_DATA_TYPE": "the ids are not formatted correctly",
    "NOT_ALLOWED": "the external field cannot be changed through its own value",
    "NOT_SUPPORTED": "the operation is not supported",
    "EXPECTED_FIELD_MISSING": "one of the expected fields is missing",
    "ALREADY_MODIFIED": "the record has been modified since the given time",
    "INVALID_TOKEN": "invalid oauth token",
    "INVALID_OAUTHTOKEN": "the oauth token has been invalidated",
    "AUTHENTICATION_FAILURE": "Authentication failed",
    "TOO_MANY_REQUESTS": "too many requests",
    "INTERNAL_ERROR": "Internal Server Error",
}


def error_body(code: str, details: dict[str, Any] | None = None, message: str | None = None) -> dict[str, Any]:
    """The Zoho error envelope ``{code, details, message, status: "error"}``."""
    return {
        "code": code,
        "details": dict(details or {}),
        "message": message or MESSAGES.get(code, code.lower().replace("_", " ")),
        "status": "error",
    }


class ZohoError(Exception):
    """A request refused as a whole: an HTTP status and the error envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        details: dict[str, Any] | None = None,
        message: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.details = dict(details or {})
        self.message = message
        self.headers = dict(headers or {})
        super().__init__(f"{status} {code} {self.details}")

    def body(self) -> dict[str, Any]:
        """The envelope to send."""
        return error_body(self.code, self.details, self.message)


class ItemsRefusal(ZohoError):
    """A request refused as a whole whose answer lists the items at fault in ``data[]`` (not the envelope).

    Zoho's 412: one ``ALREADY_MODIFIED`` item per record that changed (crm-oas, updateRecords' 412).
    """

    def __init__(self, status: int, code: str, items: list[dict[str, Any]]) -> None:
        super().__init__(status, code, {"items": len(items)})
        self.items = items

    def body(self) -> dict[str, Any]:
        """The answer: the items."""
        return {"data": self.items}


class ContractViolation(AssertionError):
    """The sandbox produced a response the spec does not allow: a bug in the sandbox."""


class DroppedConnection(Exception):
    """Raised inside the in-process app to make the transport report a dropped connection."""
