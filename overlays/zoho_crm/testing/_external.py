"""``X-EXTERNAL``: which external-ID fields a request uses instead of record ids."""

from __future__ import annotations

import dataclasses

from ._errors import ZohoError
from ._modules import ANY_MODULE, ModuleDef

__all__ = ["Externals", "parse_external"]


@dataclasses.dataclass(frozen=True)
class Externals:
    """The parsed header: base fields per module, and external fields of lookups."""

    base: dict[str, str] = dataclasses.field(default_factory=dict)
    """Module → its external field (path ids, ``ids`` and body items use its values)."""
    lookups: dict[tuple[str, str, str], str] = dataclasses.field(default_factory=dict)
    """(module, lookup field, target module) → external field of the target."""

    def field_for(self, module: str) -> str | None:
        """The external field naming records of ``module``, if the header gives one."""
        return self.base.get(module)

    def lookup_field(self, module: str, lookup: str, target: str) -> str | None:
        """The external field a lookup of ``module`` uses to name its ``target`` record, if any."""
        return self.lookups.get((module, lookup, target))


NONE = Externals()


def _refuse(entry: str, reason: str) -> ZohoError:
    return ZohoError(400, "INVALID_DATA", {"param_name": "X-EXTERNAL", "value": entry}, f"X-EXTERNAL: {reason}")


def parse_external(header: str | None, modules: dict[str, ModuleDef]) -> Externals:
    """Parse ``Module.Field``, ``Module.Lookup.Field`` and ``Module.Lookup->Target.Field`` entries.

    Every named module must exist and every named field must be marked external in its module.
    """
    if not header:
        return NONE
    base: dict[str, str] = {}
    lookups: dict[tuple[str, str, str], str] = {}
    for raw in header.split(","):
        entry = raw.strip()
        if "->" in entry:
            left, _, right = entry.partition("->")
            left_parts, right_parts = left.split("."), right.split(".")
            if len(left_parts) != 2 or len(right_parts) != 2:
                raise _refuse(entry, "nested lookups (subforms, line items) are not supported by the sandbox")
            (module, lookup), (target, field) = left_parts, right_parts
        else:
            parts = entry.split(".")
            if len(parts) == 2:
                module, field = parts
                lookup, target = "", module
            elif len(parts) == 3:
                module, lookup, field = parts
                target = modules[module].lookups.get(lookup, "") if module in modules else ""
            else:
                raise _refuse(entry, "nested lookups (subforms, line items) are not supported by the sandbox")
        if module not in modules:
            raise _refuse(entry, f"unknown module {module}")
        if lookup:
            kind = modules[module].lookups.get(lookup)
            if kind is None or (kind != ANY_MODULE and kind != target) or (kind == ANY_MODULE and "->" not in entry):
                raise _refuse(entry, f"{lookup} is not a lookup of {module} to {target or 'that module'}")
        if target not in modules or field not in modules[target].external:
            raise _refuse(entry, f"{field} is not an external field of {target or module}")
        if lookup:
            lookups[(module, lookup, target)] = field
        else:
            base[module] = field
    return Externals(base, lookups)
