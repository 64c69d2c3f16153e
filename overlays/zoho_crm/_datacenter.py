"""Zoho data centers and environments: which accounts server and API domain to use."""

from __future__ import annotations

import enum

__all__ = ["DataCenter", "Environment"]


class Environment(enum.Enum):
    """The kind of Zoho CRM org: production, sandbox or developer edition."""

    PRODUCTION = "www"
    SANDBOX = "sandbox"
    DEVELOPER = "developer"


class DataCenter(enum.Enum):
    """A Zoho data center: its API domain suffix and its accounts (token) server."""

    US = ("com", "https://accounts.zoho.com")
    EU = ("eu", "https://accounts.zoho.eu")
    IN = ("in", "https://accounts.zoho.in")
    AU = ("com.au", "https://accounts.zoho.com.au")
    JP = ("jp", "https://accounts.zoho.jp")
    CA = ("ca", "https://accounts.zohocloud.ca")
    CN = ("com.cn", "https://accounts.zoho.com.cn")
    SA = ("sa", "https://accounts.zoho.sa")

    @property
    def tld(self) -> str:
        """Domain suffix of the data center's hosts (``com``, ``eu``, ``com.au``, ...)."""
        return self.value[0]

    @property
    def accounts_url(self) -> str:
        """Base URL of the data center's Zoho Accounts server."""
        return self.value[1]

    def api_domain(self, environment: Environment = Environment.PRODUCTION) -> str:
        """API domain of this data center for ``environment``, e.g. ``https://www.zohoapis.eu``."""
        return f"https://{environment.value}.zohoapis.{self.tld}"

    def owns(self, url: str) -> bool:
        """Whether ``url`` is exactly an API domain of this data center (any environment), nothing added."""
        return url.removesuffix("/") in {self.api_domain(env) for env in Environment}
