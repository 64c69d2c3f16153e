from enum import Enum


class CoqlErrorCode(str, Enum):
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    DUPLICATE_ALIAS = "DUPLICATE_ALIAS"
    DUPLICATE_DATA = "DUPLICATE_DATA"
    INVALID_ALIAS = "INVALID_ALIAS"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_QUERY = "INVALID_QUERY"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    REQUIRED_PARAM_MISSING = "REQUIRED_PARAM_MISSING"
    SYNTAX_ERROR = "SYNTAX_ERROR"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "CoqlErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
