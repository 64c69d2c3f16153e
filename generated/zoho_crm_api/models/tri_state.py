from enum import Enum


class TriState(str, Enum):
    BOTH = "both"
    FALSE = "false"
    TRUE = "true"

    def __str__(self) -> str:
        return str(self.value)
