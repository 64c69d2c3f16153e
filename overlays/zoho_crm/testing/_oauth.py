"""Zoho Accounts for one sandbox: the token endpoint, access-token checks, throttles."""

from __future__ import annotations

import collections
import dataclasses
import secrets
from typing import Any

from ._errors import ZohoError

__all__ = ["TokenAuthority"]

HEADER_PREFIX = "Zoho-oauthtoken "
THROTTLED: dict[str, Any] = {
    "error": "Access Denied",
    "error_description": "You have made too many requests continuously. Please try again after some time.",
    "status": "failure",
}


def _token() -> str:
    return f"1000.{secrets.token_hex(16)}.{secrets.token_hex(16)}"


@dataclasses.dataclass
class AccessToken:
    """An access token and why it may no longer work."""

    value: str
    expires_at: float
    source: str | None
    """The refresh token (or ``client:<id>``) that minted it; ``None`` if issued directly."""
    invalidated: bool = False
    revoked: bool = False


class TokenAuthority:
    """Issues and checks tokens. Callers hold the sandbox lock."""

    def __init__(self, org_id: str) -> None:
        self.client_id = f"1000.{secrets.token_hex(15).upper()}"
        self.client_secret = secrets.token_hex(21)
        self.refresh_token = _token()
        self.org_id = org_id
        self.revoked_refresh_tokens: set[str] = set()
        self.tokens: dict[str, AccessToken] = {}
        self._minted: dict[str, collections.deque[float]] = collections.defaultdict(collections.deque)
        self._active: dict[str, collections.deque[AccessToken]] = collections.defaultdict(collections.deque)

    @property
    def soid(self) -> str:
        """The ``soid`` of the client-credentials grant: ``ZohoCRM.<org id>``."""
        return f"ZohoCRM.{self.org_id}"

    def grant(
        self,
        form: dict[str, str],
        now: float,
        *,
        lifetime: float,
        api_domain: str,
        refresh_limit: int,
        refresh_window: float,
        max_active: int,
    ) -> dict[str, Any]:
        """Answer ``POST /oauth/v2/token``: the token body, or an ``error`` body (Zoho sends both as 200)."""
        grant_type = form.get("grant_type", "")
        if grant_type not in ("refresh_token", "client_credentials", "authorization_code"):
            return {"error": "unsupported_grant_type"}
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return {"error": "invalid_client"}
        if grant_type == "authorization_code":
            return {"error": "invalid_code"}
        scope: str | None = None
        if grant_type == "refresh_token":
            source = form.get("refresh_token", "")
            if source != self.refresh_token or source in self.revoked_refresh_tokens:
                return {"error": "invalid_code"}
        else:
            soid = form.get("soid")
            if not soid:
                return {"error": "missing_org_info"}
            if soid != self.soid:
                return {"error": "invalid_client"}
            source = f"client:{self.client_id}"
            scope = form.get("scope") or "ZohoCRM.modules.ALL"
        minted = self._minted[source]
        while minted and minted[0] <= now - refresh_window:
            minted.popleft()
        if len(minted) >= refresh_limit:
            return dict(THROTTLED)
        minted.append(now)
        token = self._mint(source, now, lifetime, max_active)
        body: dict[str, Any] = {
            "access_token": token.value,
            "api_domain": api_domain,
            "token_type": "Bearer",
            "expires_in": int(lifetime),
        }
        if scope:
            body["scope"] = scope
        return body

    def _mint(self, source: str | None, now: float, lifetime: float, max_active: int) -> AccessToken:
        token = AccessToken(_token(), now + lifetime, source)
        self.tokens[token.value] = token
        if source is not None:
            active = collections.deque(
                t for t in self._active[source] if t.expires_at > now and not (t.revoked or t.invalidated)
            )
            while len(active) >= max_active:
                active.popleft().invalidated = True
            active.append(token)
            self._active[source] = active
        if len(self.tokens) > 10_000:
            self._forget_expired(now)
        return token

    def _forget_expired(self, now: float) -> None:
        for value in [v for v, t in self.tokens.items() if t.expires_at < now - 86400]:
            del self.tokens[value]

    def issue_direct(self, now: float, lifetime: float) -> str:
        """A valid access token outside the OAuth flow (no throttle, no active-token cap)."""
        return self._mint(None, now, lifetime, 0).value

    def expire_all(self, now: float) -> int:
        """Make every access token issued so far expired; returns how many were live."""
        live = 0
        for token in self.tokens.values():
            if token.expires_at > now:
                token.expires_at = now
                live += 1
        return live

    def revoke(self, token: str) -> tuple[int, dict[str, Any]]:
        """``POST /oauth/v2/token/revoke?token=``: a refresh token (and its access tokens) or an access token."""
        if token == self.refresh_token and token not in self.revoked_refresh_tokens:
            self.revoked_refresh_tokens.add(token)
            for access in self.tokens.values():
                if access.source == token:
                    access.revoked = True
            return 200, {"status": "success"}
        issued = self.tokens.get(token)
        if issued is not None and not issued.revoked:
            issued.revoked = True
            return 200, {"status": "success"}
        return 400, {"status": "failure", "error": "invalid_token"}

    def authenticate(self, header: str | None, now: float) -> None:
        """Check ``Authorization: Zoho-oauthtoken <token>``; :class:`ZohoError` 401 if it does not pass."""
        if not header or not header.startswith(HEADER_PREFIX) or not header[len(HEADER_PREFIX) :].strip():
            raise ZohoError(401, "AUTHENTICATION_FAILURE")
        token = self.tokens.get(header[len(HEADER_PREFIX) :].strip())
        if token is None or token.revoked or token.expires_at <= now:
            raise ZohoError(401, "INVALID_TOKEN")
        if token.invalidated:
            raise ZohoError(401, "INVALID_OAUTHTOKEN")
