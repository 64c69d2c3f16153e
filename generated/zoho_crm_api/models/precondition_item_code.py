from enum import Enum


class PreconditionItemCode(str, Enum):
    ALREADY_MODIFIED = "ALREADY_MODIFIED"

    def __str__(self) -> str:
        return str(self.value)
