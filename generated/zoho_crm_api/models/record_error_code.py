from enum import Enum


class RecordErrorCode(str, Enum):
    ALREADY_MODIFIED = "ALREADY_MODIFIED"
    AMBIGUITY_DURING_PROCESSING = "AMBIGUITY_DURING_PROCESSING"
    CANNOT_BE_UPDATED = "CANNOT_BE_UPDATED"
    DEPENDENT_FIELD_MISSING = "DEPENDENT_FIELD_MISSING"
    DEPENDENT_MISMATCH = "DEPENDENT_MISMATCH"
    DUPLICATE_DATA = "DUPLICATE_DATA"
    EXPECTED_FIELD_MISSING = "EXPECTED_FIELD_MISSING"
    ID_ALREADY_CONVERTED = "ID_ALREADY_CONVERTED"
    INTERNAL_ERROR = "INTERNAL_ERROR"
    INVALID_DATA = "INVALID_DATA"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
    NOT_ALLOWED = "NOT_ALLOWED"
    NOT_APPROVED = "NOT_APPROVED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    NO_PERMISSION = "NO_PERMISSION"
    RECORD_IN_BLUEPRINT = "RECORD_IN_BLUEPRINT"
    RECORD_LOCKED = "RECORD_LOCKED"
    UNABLE_TO_PARSE_DATA_TYPE = "UNABLE_TO_PARSE_DATA_TYPE"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "RecordErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
