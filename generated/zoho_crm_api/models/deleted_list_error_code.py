from enum import Enum


class DeletedListErrorCode(str, Enum):
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    PATTERN_NOT_MATCHED = "PATTERN_NOT_MATCHED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "DeletedListErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
