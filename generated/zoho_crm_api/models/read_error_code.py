from enum import Enum


class ReadErrorCode(str, Enum):
    AMBIGUITY_DURING_PROCESSING = "AMBIGUITY_DURING_PROCESSING"
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    DISCRETE_PAGINATION_LIMIT_EXCEEDED = "DISCRETE_PAGINATION_LIMIT_EXCEEDED"
    EXPIRED_VALUE = "EXPIRED_VALUE"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    NOT_FOUND = "NOT_FOUND"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    NO_RECORDS_FOUND = "NO_RECORDS_FOUND"
    PAGINATION_LIMIT_EXCEEDED = "PAGINATION_LIMIT_EXCEEDED"
    REQUIRED_PARAM_MISSING = "REQUIRED_PARAM_MISSING"
    TERRITORY_NOT_ENABLED = "TERRITORY_NOT_ENABLED"
    TOKEN_BOUND_DATA_MISMATCH = "TOKEN_BOUND_DATA_MISMATCH"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "ReadErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
