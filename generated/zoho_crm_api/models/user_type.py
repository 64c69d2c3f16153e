from enum import Enum


class UserType(str, Enum):
    ACTIVECONFIRMEDADMINS = "ActiveConfirmedAdmins"
    ACTIVECONFIRMEDUSERS = "ActiveConfirmedUsers"
    ACTIVEUSERS = "ActiveUsers"
    ADMINUSERS = "AdminUsers"
    ALLUSERS = "AllUsers"
    CONFIRMEDREPORTINGUSERS = "ConfirmedReportingUsers"
    CONFIRMEDUSERS = "ConfirmedUsers"
    CURRENTUSER = "CurrentUser"
    DEACTIVEUSERS = "DeactiveUsers"
    DELETEDUSERS = "DeletedUsers"
    NOTCONFIRMEDUSERS = "NotConfirmedUsers"

    def __str__(self) -> str:
        return str(self.value)
