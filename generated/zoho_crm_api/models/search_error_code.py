from enum import Enum


class SearchErrorCode(str, Enum):
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    EXPECTED_PARAM_MISSING = "EXPECTED_PARAM_MISSING"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_QUERY = "INVALID_QUERY"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    LIMIT_REACHED = "LIMIT_REACHED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    NO_RECORDS_FOUND = "NO_RECORDS_FOUND"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "SearchErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
