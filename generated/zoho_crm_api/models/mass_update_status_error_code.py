from enum import Enum


class MassUpdateStatusErrorCode(str, Enum):
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "MassUpdateStatusErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
