from enum import Enum


class CountErrorCode(str, Enum):
    AMBIGUITY_DURING_PROCESSING = "AMBIGUITY_DURING_PROCESSING"
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    EXPECTED_FIELD_MISSING = "EXPECTED_FIELD_MISSING"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_QUERY = "INVALID_QUERY"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    REQUIRED_PARAM_MISSING = "REQUIRED_PARAM_MISSING"
    TERRITORY_NOT_ENABLED = "TERRITORY_NOT_ENABLED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "CountErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
