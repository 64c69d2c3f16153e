from enum import Enum


class AuthErrorCode(str, Enum):
    AUTHENTICATION_FAILURE = "AUTHENTICATION_FAILURE"
    INVALID_OAUTHTOKEN = "INVALID_OAUTHTOKEN"
    INVALID_TOKEN = "INVALID_TOKEN"
    OAUTH_SCOPE_MISMATCH = "OAUTH_SCOPE_MISMATCH"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "AuthErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
