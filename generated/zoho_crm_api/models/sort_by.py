from enum import Enum


class SortBy(str, Enum):
    CREATED_TIME = "Created_Time"
    ID = "id"
    MODIFIED_TIME = "Modified_Time"

    def __str__(self) -> str:
        return str(self.value)
