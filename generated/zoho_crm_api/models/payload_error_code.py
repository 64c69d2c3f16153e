from enum import Enum


class PayloadErrorCode(str, Enum):
    FILE_SIZE_MORE_THAN_ALLOWED_SIZE = "FILE_SIZE_MORE_THAN_ALLOWED_SIZE"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "PayloadErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
