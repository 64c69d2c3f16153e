from enum import Enum


class RecordNotFoundErrorCode(str, Enum):
    INVALID_DATA = "INVALID_DATA"
    INVALID_URL_PATTERN = "INVALID_URL_PATTERN"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "RecordNotFoundErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
