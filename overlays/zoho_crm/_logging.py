"""The ``zoho_crm`` logger, with anything that looks like a secret masked before it is written."""

from __future__ import annotations

import logging
import re

__all__ = ["RedactingFilter", "logger"]

_SECRET = re.compile(
    r"(?P<header>Zoho-oauthtoken\s+)\S+"
    r"|(?P<param>(?:access_token|refresh_token|client_secret|token|code)=)[^&\s\"']+"
    r"|\b1000\.[0-9a-fA-F]{16,}\.[0-9a-fA-F]{16,}\b"
)


def _mask(match: re.Match[str]) -> str:
    return (match.group("header") or match.group("param") or "") + "[redacted]"


class RedactingFilter(logging.Filter):
    """Masks access tokens, refresh tokens and client secrets in a record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message with secrets masked; never drop the record."""
        message = record.getMessage()
        masked = _SECRET.sub(_mask, message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


logger = logging.getLogger("zoho_crm")
logger.addFilter(RedactingFilter())
