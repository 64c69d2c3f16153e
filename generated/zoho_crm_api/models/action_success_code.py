from enum import Enum


class ActionSuccessCode(str, Enum):
    SUCCESS = "SUCCESS"

    def __str__(self) -> str:
        return str(self.value)
