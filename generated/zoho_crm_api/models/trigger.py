from enum import Enum


class Trigger(str, Enum):
    APPROVAL = "approval"
    BLUEPRINT = "blueprint"
    ORCHESTRATION = "orchestration"
    PATHFINDER = "pathfinder"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
