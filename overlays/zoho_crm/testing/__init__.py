"""zoho_crm.testing: a local, contract-checked Zoho CRM (records, related records, OAuth) for tests.

Use it like moto: ``with sandbox() as sb:`` runs the org in-process (give ``sb.transport()`` or
``sb.async_transport()`` to an httpx client on ``sb.base_url``); ``sandbox(mode="http")`` serves it
with uvicorn on 127.0.0.1. ``python -m zoho_crm.testing`` serves one from the command line.
Every request and response is checked against the shipped OpenAPI spec.

Needs the ``sandbox`` extra (uvicorn for HTTP mode, openapi-schema-validator).
"""

_EXTRA = "sandbox"
_EXTRA_MODULES = {"openapi_schema_validator", "jsonschema", "uvicorn", "httptools"}

try:
    from ._clock import Clock, ManualClock
    from ._config import SandboxConfig
    from ._errors import ContractViolation
    from ._limits import Counters
    from ._sandbox import Sandbox, sandbox
    from ._state import SandboxState
except ModuleNotFoundError as exc:  # the package is installed without its extra
    if (exc.name or "").partition(".")[0] not in _EXTRA_MODULES:
        raise
    raise ModuleNotFoundError(
        f"zoho_crm.testing needs the {_EXTRA!r} extra ({exc.name} is not installed): "
        f'pip install "zoho-crm-client[{_EXTRA}]"',
        name=exc.name,
    ) from exc

__all__ = [
    "Clock",
    "ContractViolation",
    "Counters",
    "ManualClock",
    "Sandbox",
    "SandboxConfig",
    "SandboxState",
    "sandbox",
]
