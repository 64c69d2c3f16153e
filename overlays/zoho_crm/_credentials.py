"""Credentials: how the client obtains access tokens. Secrets never appear in their repr."""

from __future__ import annotations

import attrs

__all__ = ["AccessTokenCredentials", "ClientCredentials", "Credentials", "RefreshTokenCredentials"]


@attrs.frozen
class RefreshTokenCredentials:
    """A client id and secret with a refresh token: the client refreshes access tokens itself."""

    client_id: str
    client_secret: str = attrs.field(repr=False)
    refresh_token: str = attrs.field(repr=False)


@attrs.frozen
class AccessTokenCredentials:
    """A fixed access token obtained elsewhere; it cannot be refreshed."""

    access_token: str = attrs.field(repr=False)


@attrs.frozen
class ClientCredentials:
    """Self-client credentials (client-credentials grant) for one org: ``soid`` is ``ZohoCRM.<org id>``."""

    client_id: str
    client_secret: str = attrs.field(repr=False)
    soid: str
    scope: str = "ZohoCRM.modules.ALL"


Credentials = RefreshTokenCredentials | AccessTokenCredentials | ClientCredentials
