from enum import Enum


class WriteErrorCode(str, Enum):
    ALREADY_USED = "ALREADY_USED"
    AUTHORIZATION_FAILED = "AUTHORIZATION_FAILED"
    CANNOT_BE_UPDATED = "CANNOT_BE_UPDATED"
    CANNOT_PERFORM_ACTION = "CANNOT_PERFORM_ACTION"
    CANNOT_PROCESS = "CANNOT_PROCESS"
    CONVERTED_RECORD = "CONVERTED_RECORD"
    DATA_MISMATCH = "DATA_MISMATCH"
    DEPENDENT_FIELD_MISSING = "DEPENDENT_FIELD_MISSING"
    DEPENDENT_MISMATCH = "DEPENDENT_MISMATCH"
    DUPLICATE_DATA = "DUPLICATE_DATA"
    EXPECTED_FIELD_MISSING = "EXPECTED_FIELD_MISSING"
    INVALID_DATA = "INVALID_DATA"
    INVALID_MODULE = "INVALID_MODULE"
    INVALID_REQUEST_METHOD = "INVALID_REQUEST_METHOD"
    LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
    MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
    MAPPING_MISMATCH = "MAPPING_MISMATCH"
    NOT_ALLOWED = "NOT_ALLOWED"
    NOT_APPROVED = "NOT_APPROVED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    RECORD_LOCKED = "RECORD_LOCKED"
    REQUIRED_PARAM_MISSING = "REQUIRED_PARAM_MISSING"
    STORAGE_SPACE_EXCEEDED = "STORAGE_SPACE_EXCEEDED"
    TERRITORY_NOT_ENABLED = "TERRITORY_NOT_ENABLED"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "WriteErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
