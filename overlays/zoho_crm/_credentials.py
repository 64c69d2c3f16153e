"""Credentials: how the client obtains access tokens. Secrets never appear in their repr."""

from __future__ import annotations

import dataclasses

__all__ = ["AccessTokenCredentials", "ClientCredentials", "Credentials", "RefreshTokenCredentials"]


@dataclasses.dataclass(frozen=True, slots=True)
class RefreshTokenCredentials:
    """A client id and secret with a refresh token: the client refreshes access tokens itself.

    Attributes:
        client_id: The OAuth client's id (Zoho API console).
        client_secret: The OAuth client's secret; never in a repr, log or error.
        refresh_token: The long-lived refresh token of the grant; never in a repr, log or error.
    """

    client_id: str
    client_secret: str = dataclasses.field(repr=False)
    refresh_token: str = dataclasses.field(repr=False)


@dataclasses.dataclass(frozen=True, slots=True)
class AccessTokenCredentials:
    """A fixed access token obtained elsewhere; it cannot be refreshed.

    Attributes:
        access_token: The token, sent as ``Zoho-oauthtoken``; never in a repr, log or error.
    """

    access_token: str = dataclasses.field(repr=False)


@dataclasses.dataclass(frozen=True, slots=True)
class ClientCredentials:
    """Self-client credentials (client-credentials grant) for one org.

    Attributes:
        client_id: The self client's id.
        client_secret: The self client's secret; never in a repr, log or error.
        soid: The org: ``ZohoCRM.<org id>``.
        scope: The scopes asked for, comma-separated.
    """

    client_id: str
    client_secret: str = dataclasses.field(repr=False)
    soid: str
    scope: str = "ZohoCRM.modules.ALL"


Credentials = RefreshTokenCredentials | AccessTokenCredentials | ClientCredentials
