from enum import Enum


class MethodErrorCode(str, Enum):
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "MethodErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
