from enum import Enum


class PhotoErrorCode(str, Enum):
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    FILE_SIZE_MORE_THAN_ALLOWED_SIZE = "FILE_SIZE_MORE_THAN_ALLOWED_SIZE"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST = "INVALID_REQUEST"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    RECORD_LOCKED = "RECORD_LOCKED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "PhotoErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
