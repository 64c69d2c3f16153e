"""A client library for accessing Zoho CRM Records API"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

API_VERSION = "v8"
"""Zoho CRM REST API version this package was generated for (the spec's `version` server variable)."""

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> Any:
    """``Client`` and ``AuthenticatedClient``, imported on first use: code that only builds requests never needs them."""
    if name not in ("AuthenticatedClient", "Client"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import client

    value = getattr(client, name)
    globals()[name] = value
    return value
