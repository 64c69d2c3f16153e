from enum import Enum


class MassUpdateErrorCode(str, Enum):
    AMBIGUITY_DURING_PROCESSING = "AMBIGUITY_DURING_PROCESSING"
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    CANNOT_PERFORM_ACTION = "CANNOT_PERFORM_ACTION"
    CANNOT_PROCESS = "CANNOT_PROCESS"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
    NOT_APPROVED = "NOT_APPROVED"
    NO_RECORDS_FOUND = "NO_RECORDS_FOUND"
    RECORD_IN_BLUEPRINT = "RECORD_IN_BLUEPRINT"
    RECORD_LOCKED = "RECORD_LOCKED"
    REQUIRED_PARAM_MISSING = "REQUIRED_PARAM_MISSING"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "MassUpdateErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
