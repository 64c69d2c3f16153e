from enum import Enum


class UpsertAction(str, Enum):
    INSERT = "insert"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
