"""Handlers of the metadata operations: fields, related lists, modules, the current user, the org.

Everything is drawn from the module registry (``Sandbox.register_module``, ``mark_external``,
``mark_unique``), so a module a test registers shows up with its fields, as Zoho's would.
"""

from __future__ import annotations

from typing import Any

from ._context import Context, Reply
from ._errors import ZohoError
from ._modules import ACTIVITY_LISTS, ANY_MODULE, ModuleDef

__all__ = ["HANDLERS", "NO_MODULE"]

NO_MODULE = ModuleDef(api_name="", id="0", required=(), duplicate_check_field=None, name_field="")
"""The module of a call that names none (``/settings/modules``, ``/users``, ``/org``)."""

_SYSTEM = (
    ("Owner", "ownerlookup", "jsonobject"),
    ("Created_By", "ownerlookup", "jsonobject"),
    ("Modified_By", "ownerlookup", "jsonobject"),
    ("Created_Time", "datetime", "string"),
    ("Modified_Time", "datetime", "string"),
)
_PEOPLE = ("First_Name", "Last_Name", "Full_Name", "Company", "Email")
_CLOSED_USERS = ("DeactiveUsers", "DeletedUsers", "NotConfirmedUsers")


def _label(api_name: str) -> str:
    return api_name.replace("_", " ")


def _module_ref(ctx: Context, name: str) -> dict[str, str]:
    if name == ANY_MODULE:
        return {"api_name": "se_module", "id": "0"}
    return {"api_name": name, "id": ctx.module_def(name).id}


def _field(module: ModuleDef, index: int, api_name: str, data_type: str, json_type: str) -> dict[str, Any]:
    return {
        "api_name": api_name,
        "id": str(int(module.id) + 1000 + index),
        "field_label": _label(api_name),
        "display_label": _label(api_name),
        "data_type": data_type,
        "json_type": json_type,
        "system_mandatory": api_name in module.required,
        "custom_field": module.name_field == "Name" and api_name not in ("Name", "Email", "Phone"),
        "read_only": data_type in ("datetime",) or api_name in ("Created_By", "Modified_By", "Full_Name"),
        "visible": True,
        "unique": {"casesensitive": False} if api_name in module.unique else None,
        "external": {"type": "org", "show": True} if api_name in module.external else None,
    }


def fields_of(ctx: Context, module: ModuleDef) -> list[dict[str, Any]]:
    """The fields the registry knows for ``module``: names, types, mandatory flags, lookups, unique, external."""
    names: list[str] = list(_PEOPLE if module.api_name in ("Leads", "Contacts") else ())
    for group in (
        [module.name_field],
        module.required,
        [module.duplicate_check_field] if module.duplicate_check_field else [],
        module.max_lengths,
        module.email_fields,
        module.phone_fields,
        module.lookups,
        module.unique,
        module.external,
        module.rich_text,
    ):
        names.extend(group)
    out: list[dict[str, Any]] = []
    for name in dict.fromkeys(names):
        if name in module.lookups:
            field = _field(module, len(out), name, "lookup", "jsonobject")
            field["lookup"] = {"module": _module_ref(ctx, module.lookups[name])}
        elif name in module.email_fields:
            field = _field(module, len(out), name, "email", "string")
        elif name in module.phone_fields:
            field = _field(module, len(out), name, "phone", "string")
        elif name in module.rich_text:  # a multi-line rich text field: up to 50,000 characters
            field = _field(module, len(out), name, "textarea", "string")
            field["textarea"] = {"type": "rich_text"}
        else:
            kind = "textarea" if name == "Note_Content" else "text"
            field = _field(module, len(out), name, kind, "string")
        field["length"] = module.max_lengths.get(name, 50_000 if name in module.rich_text else 255)
        out.append(field)
    for name, data_type, json_type in _SYSTEM:
        out.append(_field(module, len(out), name, data_type, json_type))
    return out


def _named_module(ctx: Context, name: str, where: dict[str, Any]) -> ModuleDef:
    module = ctx.store.modules.get(name)
    if module is None:
        raise ZohoError(400, "INVALID_MODULE", where, "the module name given seems to be invalid")
    return module


def get_fields(ctx: Context) -> Reply:
    """``GET /settings/fields?module=M``."""
    module = _named_module(ctx, ctx.params["module"], {"param_name": "module"})
    return Reply(200, {"fields": fields_of(ctx, module)})


def get_related_lists(ctx: Context) -> Reply:
    """``GET /settings/related_lists?module=M``."""
    module = _named_module(ctx, ctx.params["module"], {"param_name": "module"})
    lists = []
    for number, related in enumerate(module.related_lists.values(), start=1):
        special = related.api_name in ACTIVITY_LISTS
        target = ctx.store.modules.get(related.related_module)
        lists.append(
            {
                "api_name": related.api_name,
                "id": related.id,
                "name": _label(related.api_name),
                "display_label": _label(related.api_name),
                "href": f"{module.api_name}/{{ENTITYID}}/{related.api_name}",
                "type": "default",
                "visible": True,
                "sequence_number": str(number),
                "module": None if special or target is None else {"api_name": target.api_name, "id": target.id},
            }
        )
    return Reply(200, {"related_lists": lists})


def _module_meta(module: ModuleDef) -> dict[str, Any]:
    singular = module.api_name[:-1] if module.api_name.endswith("s") else module.api_name
    return {
        "api_name": module.api_name,
        "id": module.id,
        "module_name": module.api_name,
        "singular_label": _label(singular),
        "plural_label": _label(module.api_name),
        "api_supported": True,
        "generated_type": "custom" if module.name_field == "Name" else "default",
        "creatable": True,
        "editable": True,
        "deletable": True,
        "viewable": True,
        "visible": True,
    }


def get_modules(ctx: Context) -> Reply:
    """``GET /settings/modules``."""
    return Reply(200, {"modules": [_module_meta(module) for module in ctx.store.modules.values()]})


def get_module(ctx: Context) -> Reply:
    """``GET /settings/modules/{api_name}``."""
    module = _named_module(ctx, ctx.params["api_name"], {"resource_path_index": 2})
    return Reply(200, {"modules": [_module_meta(module)]})


def _user(ctx: Context) -> dict[str, Any]:
    user = ctx.store.user
    first, _, last = str(user["name"]).rpartition(" ")
    return {
        "id": user["id"],
        "full_name": user["name"],
        "first_name": first or None,
        "last_name": last,
        "email": user["email"],
        "status": "active",
        "confirm": True,
        "time_zone": "UTC",
        "role": {"name": "CEO", "id": str(int(user["id"]) + 1)},
        "profile": {"name": "Administrator", "id": str(int(user["id"]) + 2)},
    }


def get_users(ctx: Context) -> Reply:
    """``GET /users`` (the org's one user, whatever active ``type`` is asked)."""
    if ctx.params.get("type") in _CLOSED_USERS:
        return Reply(204)
    info = {"per_page": 200, "count": 1, "page": 1, "more_records": False}
    return Reply(200, {"users": [_user(ctx)], "info": info})


def get_org(ctx: Context) -> Reply:
    """``GET /org``."""
    org_id = ctx.state.org_id
    org = {
        "id": org_id,
        "company_name": "Zoho CRM Sandbox",
        "domain_name": f"org{org_id}",
        "primary_email": ctx.store.user["email"],
        "zgid": org_id,
        "time_zone": "UTC",
        "currency": "US Dollar - USD",
        "iso_code": "USD",
        "country_code": "US",
        "type": "sandbox",
    }
    return Reply(200, {"org": [org]})


HANDLERS = {
    "get_fields": get_fields,
    "get_related_lists": get_related_lists,
    "get_modules": get_modules,
    "get_module": get_module,
    "get_users": get_users,
    "get_org": get_org,
}
