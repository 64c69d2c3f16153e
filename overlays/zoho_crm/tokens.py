"""Access tokens and where they are kept.

A :class:`TokenStore` lets several processes share one access token (Zoho issues at most 10 per
refresh token per 10 minutes): :class:`MemoryTokenStore` (default), :class:`FileTokenStore`
(mode 0600, atomic writes), or your own object with ``load``/``save`` (a database, a cache).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Protocol, runtime_checkable

import attrs

__all__ = ["FileTokenStore", "MemoryTokenStore", "Token", "TokenStore"]


@attrs.frozen
class Token:
    """An access token, when it expires (epoch seconds) and the API domain it was issued for."""

    access_token: str = attrs.field(repr=False)
    expires_at: float
    api_domain: str | None = None
    issued_at: float | None = None

    def valid_for(self, seconds: float, now: float | None = None) -> bool:
        """Whether the token is still valid ``seconds`` from now."""
        return self.expires_at - seconds > (time.time() if now is None else now)


@runtime_checkable
class TokenStore(Protocol):
    """Where the current access token lives. Implementations must be safe to call from several threads."""

    def load(self) -> Token | None:
        """The stored token, or ``None``."""

    def save(self, token: Token) -> None:
        """Replace the stored token."""


class MemoryTokenStore:
    """Keeps the token in this process."""

    def __init__(self) -> None:
        self._token: Token | None = None

    def load(self) -> Token | None:
        """The stored token, or ``None``."""
        return self._token

    def save(self, token: Token) -> None:
        """Replace the stored token."""
        self._token = token

    def __repr__(self) -> str:
        return "MemoryTokenStore()"


class FileTokenStore:
    """Keeps the token in a JSON file readable by its owner only (0600), replaced atomically.

    A crash mid-write leaves the previous token: the new one is written to a temporary file in the
    same folder, flushed to disk, then renamed over the old file.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def load(self) -> Token | None:
        """The stored token, or ``None`` when the file is missing or unreadable."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            issued = raw.get("issued_at")
            return Token(
                str(raw["access_token"]),
                float(raw["expires_at"]),
                raw.get("api_domain"),
                float(issued) if issued is not None else None,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, token: Token) -> None:
        """Write the token atomically, mode 0600."""
        payload = json.dumps(
            {
                "access_token": token.access_token,
                "expires_at": token.expires_at,
                "api_domain": token.api_domain,
                "issued_at": token.issued_at,
            }
        )
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)  # created 0600
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(payload)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"
