from enum import Enum


class PhotoSuccessCode(str, Enum):
    SUCCESS = "SUCCESS"

    def __str__(self) -> str:
        return str(self.value)
