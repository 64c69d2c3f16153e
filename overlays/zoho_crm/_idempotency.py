"""Which upsert calls are safe to repeat: those in which every record names itself (docs/errors.md, "Retries").

Zoho inserts an upsert record that matches nothing, so repeating a call whose answer was lost would
insert its keyless records again. Zoho also checks user-defined unique fields, which the client does not know.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["SYSTEM_DUPLICATE_CHECK", "all_named", "key_fields"]

SYSTEM_DUPLICATE_CHECK: dict[str, str] = {
    "Leads": "Email",
    "Contacts": "Email",
    "Accounts": "Account_Name",
    "Deals": "Deal_Name",
    "Campaigns": "Campaign_Name",
    "Cases": "Subject",
    "Solutions": "Solution_Title",
    "Products": "Product_Name",
    "Vendors": "Vendor_Name",
    "PriceBooks": "Price_Book_Name",
    "Quotes": "Subject",
    "SalesOrders": "Subject",
    "PurchaseOrders": "Subject",
    "Invoices": "Subject",
}
"""The system-defined duplicate-check field of each standard module (Zoho's upsert documentation).

Custom modules are left out: their records name themselves only by ``id``, external field or
``duplicate_check_fields``."""


def key_fields(module: str, duplicate_check_fields: Sequence[str] | None, external: str | None) -> tuple[str, ...]:
    """The fields any one of which, holding a value, makes Zoho update a record rather than insert it."""
    fields: list[str] = []
    if duplicate_check_fields is not None:  # Zoho checks the given fields only (and unique fields)
        fields.extend(duplicate_check_fields)
    elif module in SYSTEM_DUPLICATE_CHECK:
        fields.append(SYSTEM_DUPLICATE_CHECK[module])
    for entry in (external or "").split(","):  # X-EXTERNAL: "Module.Field", possibly several, lookups too
        parts = entry.strip().split(".")
        if len(parts) == 2 and parts[0] == module and "->" not in parts[1]:
            fields.append(parts[1])
    fields.append("id")
    return tuple(dict.fromkeys(fields))


def _unnamed(records: Sequence[Any], key: str) -> list[Any]:
    """The records without a value for ``key`` that Zoho can match (a non-blank string or an integer)."""
    return [
        record
        for record in records
        if not (((kind := type(value := record.get(key))) is str and value and not value.isspace()) or kind is int)
    ]


def all_named(records: Sequence[Any], keys: tuple[str, ...]) -> bool:
    """Whether every record has a value for one of ``keys``: a chunk Zoho matches, safe to send again.

    Cheapest right after the chunk was encoded (its records are then in the CPU's cache).
    """
    left: Sequence[Any] = records
    for key in keys:  # one pass per key over the records still unnamed: usually one pass in all
        left = _unnamed(left, key) if left else left
    return not left
