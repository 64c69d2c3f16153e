from enum import Enum


class DeletedType(str, Enum):
    ALL = "all"
    PERMANENT = "permanent"
    RECYCLE = "recycle"

    def __str__(self) -> str:
        return str(self.value)
