from enum import Enum


class DeletedRecordType(str, Enum):
    PERMANENT = "permanent"
    RECYCLE = "recycle"

    def __str__(self) -> str:
        return str(self.value)
