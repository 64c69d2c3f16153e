from enum import Enum


class PermissionErrorCode(str, Enum):
    FEATURE_NOT_SUPPORTED = "FEATURE_NOT_SUPPORTED"
    NOT_SUPPORTED = "NOT_SUPPORTED"
    NO_PERMISSION = "NO_PERMISSION"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> "PermissionErrorCode | None":
        """Keep a code Zoho added after this spec was written instead of failing the parse."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
