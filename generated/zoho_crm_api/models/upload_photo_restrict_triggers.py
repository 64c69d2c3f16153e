from enum import Enum


class UploadPhotoRestrictTriggers(str, Enum):
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
