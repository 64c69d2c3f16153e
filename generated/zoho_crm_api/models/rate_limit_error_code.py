from enum import Enum


class RateLimitErrorCode(str, Enum):
    TOO_MANY_REQUESTS = "TOO_MANY_REQUESTS"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "RateLimitErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
