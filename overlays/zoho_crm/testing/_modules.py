"""The modules a sandbox knows: required fields, duplicate-check fields, lookups and related lists."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

__all__ = [
    "ACTIVITY_LISTS",
    "ACTIVITY_MODULES",
    "ANY_MODULE",
    "CLOSED_STATUSES",
    "RELATIONS",
    "STANDARD_MODULES",
    "ModuleDef",
    "RelatedListDef",
    "default_modules",
    "link_related_lists",
]

ANY_MODULE = "*"
"""Target of a multi-module lookup (a Note's ``Parent_Id``)."""

ACTIVITY_MODULES = ("Tasks", "Events", "Calls")
"""Modules whose records the activity lists gather (when the org has them: register them)."""
ACTIVITY_LISTS = ("Activities_Chronological_View", "Activities_Chronological_View_History")
"""Zoho's special related lists: open and closed activities of a record, each row with ``$module``."""
CLOSED_STATUSES = frozenset({"Completed", "Closed", "Held", "Not Held"})
"""An activity whose ``Status`` is one of these is in the history list, else in the open one."""

MODULE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,99}$")
FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclasses.dataclass
class RelatedListDef:
    """A related list of a module.

    ``kind`` is ``"lookup"`` (read-only: records of ``related_module`` whose ``lookup_field`` points at the
    parent), ``"m2m"`` (links kept in the relation ``relation``, carrying ``relation_fields``: the only kind
    Update and Delink Related Records change; an m2m list with a ``lookup_field`` also lists, read-only, the
    records whose lookup points at the parent) or ``"activities"`` (read-only: the records of
    :data:`ACTIVITY_MODULES` whose lookups point at the parent).
    """

    api_name: str
    id: str
    kind: str
    related_module: str
    lookup_field: str | None = None
    relation: tuple[str, str] | None = None
    relation_fields: tuple[str, ...] = ()

    @property
    def writable(self) -> bool:
        """Whether Update and Delink Related Records may change this list (a documented relation)."""
        return self.kind == "m2m"


@dataclasses.dataclass
class ModuleDef:
    """What the sandbox knows of one module."""

    api_name: str
    id: str
    required: tuple[str, ...]
    duplicate_check_field: str | None
    name_field: str
    unique: list[str] = dataclasses.field(default_factory=list)
    external: list[str] = dataclasses.field(default_factory=list)
    lookups: dict[str, str] = dataclasses.field(default_factory=dict)
    """Lookup field → target module (:data:`ANY_MODULE` for a multi-module lookup)."""
    email_fields: tuple[str, ...] = ()
    phone_fields: tuple[str, ...] = ()
    max_lengths: dict[str, int] = dataclasses.field(default_factory=dict)
    territories: bool = False
    view_id: str = ""
    """Id of the module's one custom view ("All records"): the only ``cvid`` it accepts."""
    related_lists: dict[str, RelatedListDef] = dataclasses.field(default_factory=dict)
    rich_text: list[str] = dataclasses.field(default_factory=list)
    """Rich text fields: listings cut them to 500 characters, Get Rich Text Fields reads them in full."""

    def key_fields(self) -> list[str]:
        """Fields with a value index: the duplicate-check field, unique, external and lookup fields."""
        fields = [self.duplicate_check_field] if self.duplicate_check_field else []
        return list(dict.fromkeys([*fields, *self.unique, *self.external, *self.lookups]))

    def display_name(self, fields: dict[str, object]) -> str | None:
        """The name lookups to this record show (``Full_Name`` for people)."""
        value = fields.get(self.name_field)
        return value if isinstance(value, str) else None


_PEOPLE_EMAILS = ("Email", "Secondary_Email")
_PEOPLE_PHONES = ("Phone", "Mobile", "Home_Phone", "Other_Phone", "Fax")

_STANDARD: tuple[tuple[str, tuple[str, ...], str | None, str, dict[str, str], dict[str, int], bool], ...] = (
    # api_name, required, duplicate-check field, name field, lookups, max lengths, territories
    ("Leads", ("Last_Name",), "Email", "Full_Name", {}, {"Last_Name": 80, "First_Name": 40, "Email": 100}, False),
    (
        "Contacts",
        ("Last_Name",),
        "Email",
        "Full_Name",
        {"Account_Name": "Accounts"},
        {"Last_Name": 80, "First_Name": 40, "Email": 100},
        True,
    ),
    ("Accounts", ("Account_Name",), "Account_Name", "Account_Name", {}, {"Account_Name": 200}, True),
    (
        "Deals",
        ("Deal_Name", "Stage"),
        "Deal_Name",
        "Deal_Name",
        {"Account_Name": "Accounts", "Contact_Name": "Contacts", "Campaign_Source": "Campaigns"},
        {"Deal_Name": 120},
        True,
    ),
    ("Campaigns", ("Campaign_Name",), "Campaign_Name", "Campaign_Name", {}, {"Campaign_Name": 120}, False),
    ("Products", ("Product_Name",), "Product_Name", "Product_Name", {}, {"Product_Name": 120}, False),
    ("Notes", ("Note_Content",), None, "Note_Title", {"Parent_Id": ANY_MODULE}, {"Note_Title": 120}, False),
)

STANDARD_MODULES = frozenset(row[0] for row in _STANDARD)
"""The modules every sandbox starts with; any other is a custom module a test registered."""

RELATIONS: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    # left module, right module, relation fields, listed from the right module too
    ("Campaigns", "Leads", ("Member_Status",), True),
    ("Campaigns", "Contacts", ("Member_Status",), True),
    ("Products", "Leads", (), True),
    ("Products", "Accounts", (), True),
    ("Products", "Contacts", (), True),
    ("Products", "Deals", (), True),
    ("Products", "Price_Books", (), True),
    ("Appointments__s", "Services__s", (), True),
    ("Contacts", "Deals", ("Contact_Role",), False),
)
"""The relations Update and Delink Related Records support (the spec's decision; each is linked when both
modules exist). Contacts → Deals is the contact-role link of the external-ID page's sample; a deal's
``Contact_Name`` contact is listed there too, read-only."""


def default_modules(new_id: Iterable[str]) -> dict[str, ModuleDef]:
    """The standard modules, with ids drawn from ``new_id``."""
    ids = iter(new_id)
    modules: dict[str, ModuleDef] = {}
    for api_name, required, duplicate, name_field, lookups, lengths, territories in _STANDARD:
        people = api_name in ("Leads", "Contacts")
        modules[api_name] = ModuleDef(
            api_name=api_name,
            id=next(ids),
            required=required,
            duplicate_check_field=duplicate,
            name_field=name_field,
            lookups=dict(lookups),
            email_fields=_PEOPLE_EMAILS if people else (),
            phone_fields=_PEOPLE_PHONES if people else ("Phone",) if api_name == "Accounts" else (),
            max_lengths={**lengths, "Note_Content": 32000} if api_name == "Notes" else dict(lengths),
            territories=territories,
            view_id=next(ids),
        )
    return modules


def custom_module(
    api_name: str,
    module_id: str,
    view_id: str,
    *,
    required: Iterable[str],
    duplicate_check_field: str | None,
    unique: Iterable[str],
    external: Iterable[str],
    lookups: dict[str, str],
) -> ModuleDef:
    """A module a test registers."""
    return ModuleDef(
        api_name=api_name,
        id=module_id,
        required=tuple(required),
        duplicate_check_field=duplicate_check_field,
        name_field="Name",
        unique=list(unique),
        external=list(external),
        lookups=dict(lookups),
        email_fields=("Email",),
        phone_fields=("Phone",),
        max_lengths={"Name": 120},
        view_id=view_id,
    )


def link_related_lists(modules: dict[str, ModuleDef], list_id: dict[tuple[str, str], str]) -> None:
    """(Re)build every module's related lists from :data:`RELATIONS` and the lookups.

    ``list_id`` maps (module, related list) to a stable id and is filled for new lists.
    """

    def make(
        parent: str,
        related: str,
        kind: str,
        lookup_field: str | None = None,
        relation: tuple[str, str] | None = None,
        relation_fields: tuple[str, ...] = (),
    ) -> None:
        if related in modules[parent].related_lists:
            return
        if kind == "m2m":  # the related module's lookup to the parent, if any, lists read-only
            lookup_field = next((f for f, t in modules[related].lookups.items() if t == parent), None)
        key = (parent, related)
        if key not in list_id:
            list_id[key] = str(int(modules[parent].id) + 100 + len(list_id))
        modules[parent].related_lists[related] = RelatedListDef(
            api_name=related,
            id=list_id[key],
            kind=kind,
            related_module=related,
            lookup_field=lookup_field,
            relation=relation,
            relation_fields=relation_fields,
        )

    for module in modules.values():
        module.related_lists.clear()
    for left, right, fields, both in RELATIONS:
        if left in modules and right in modules:
            make(left, right, "m2m", relation=(left, right), relation_fields=fields)
            if both:
                make(right, left, "m2m", relation=(left, right), relation_fields=fields)
    for child in modules.values():
        for field, target in child.lookups.items():
            if target == ANY_MODULE:
                for parent in modules.values():
                    if parent.api_name != child.api_name:
                        make(parent.api_name, child.api_name, "lookup", lookup_field=field)
            elif target in modules:
                make(target, child.api_name, "lookup", lookup_field=field)
    for module in modules.values():
        if module.api_name not in ACTIVITY_MODULES and module.api_name != "Notes":
            for name in ACTIVITY_LISTS:
                make(module.api_name, name, "activities")
