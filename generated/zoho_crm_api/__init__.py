"""A client library for accessing Zoho CRM Records API"""

from .client import AuthenticatedClient, Client

API_VERSION = "v8"
"""Zoho CRM REST API version this package was generated for (the spec's `version` server variable)."""

__all__ = (
    "API_VERSION",
    "AuthenticatedClient",
    "Client",
)
