"""zoho_crm: the Zoho CRM v8 client our services use."""

from ._client import ZohoCRM
from ._credentials import AccessTokenCredentials, ClientCredentials, Credentials, RefreshTokenCredentials
from ._datacenter import DataCenter, Environment

__all__ = [
    "AccessTokenCredentials",
    "ClientCredentials",
    "Credentials",
    "DataCenter",
    "Environment",
    "RefreshTokenCredentials",
    "ZohoCRM",
]
