from enum import Enum


class DeleteErrorCode(str, Enum):
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    CANNOT_DELETE = "CANNOT_DELETE"
    CANNOT_PERFORM_ACTION = "CANNOT_PERFORM_ACTION"
    CONVERTED_RECORD = "CONVERTED_RECORD"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    NOT_APPROVED = "NOT_APPROVED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    RECORD_LOCKED = "RECORD_LOCKED"
    REQUIRED_PARAM_MISSING = "REQUIRED_PARAM_MISSING"
    UNABLE_TO_PARSE_DATA_TYPE = "UNABLE_TO_PARSE_DATA_TYPE"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "DeleteErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
