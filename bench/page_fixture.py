"""A realistic Zoho CRM list page, generated deterministically (standard library only).

One ``Leads`` record carries 50 keys (``id``, 45 fields, 4 ``$`` meta keys), as
``GET /crm/v8/Leads?fields=...`` returns them: user lookups (``Owner``, ``Created_By``), record
lookups, picklists and a multi-select picklist, date-times with offsets, dates, currencies,
booleans, tags, the layout, custom fields and Zoho's ``$`` meta keys. :data:`FIELDS` is the field
metadata of the module (what ``GET /settings/fields?module=Leads`` would say), from which the
official SDK's field cache is built.

Imported by the official-SDK baseline, which runs in a venv without our client: keep it stdlib-only.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

MODULE = "Leads"
PAGE_SIZE = 200
ORG_PREFIX = 3652397 * 10**12

SALUTATIONS = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof."]
LEAD_SOURCES = [
    "Advertisement",
    "Cold Call",
    "Employee Referral",
    "External Referral",
    "Online Store",
    "Partner",
    "Public Relations",
    "Sales Email Alias",
    "Seminar Partner",
    "Trade Show",
    "Web Download",
    "Web Research",
    "Chat",
]
LEAD_STATUSES = [
    "Attempted to Contact",
    "Contact in Future",
    "Contacted",
    "Junk Lead",
    "Lost Lead",
    "Not Contacted",
    "Pre-Qualified",
    "Not Qualified",
]
INDUSTRIES = [
    "ASP (Application Service Provider)",
    "Data/Telecom OEM",
    "ERP (Enterprise Resource Planning)",
    "Government/Military",
    "Large Enterprise",
    "ManagementISV",
    "MSP (Management Service Provider)",
    "Network Equipment Enterprise",
    "Non-management ISV",
    "Optical Networking",
    "Service Provider",
    "Small/Medium Enterprise",
    "Storage Equipment",
    "Storage Service Provider",
    "Systems Integrator",
    "Wireless Industry",
]
RATINGS = ["Acquired", "Active", "Market Failed", "Project Cancelled", "Shut Down"]
CURRENCIES = ["USD", "EUR", "GBP", "INR"]
UNSUBSCRIBE_MODES = ["Consent form", "Manual", "Unsubscribe link", "Zoho campaigns"]
REGIONS = ["North America", "EMEA", "APAC", "LATAM"]
PRODUCTS = ["CRM", "Analytics", "Desk", "Books", "Campaigns", "SalesIQ", "Projects"]
TAGS = [("VIP", "#57B1FD"), ("Webinar 2024", "#F48435"), ("Hot", "#E7A826"), ("Renewal", "#63C57E")]
FIRST_NAMES = [
    "Christopher",
    "Carissa",
    "James",
    "Felix",
    "Sage",
    "Kris",
    "Capla",
    "Leota",
    "Michael",
    "Theola",
    "Aarav",
    "Sofia",
    "Kenji",
    "Amara",
    "Lukas",
    "Priya",
    "Mateo",
    "Yuki",
    "Ngozi",
    "Elena",
]
LAST_NAMES = [
    "Maclead",
    "Kidman",
    "Venere",
    "Paputchi",
    "Wieser",
    "Marrier",
    "Paprocki",
    "Foller",
    "Butt",
    "Dilliard",
    "Sharma",
    "Rossi",
    "Tanaka",
    "Okafor",
    "Müller",
    "Iyer",
    "García",
    "Sato",
    "Eze",
    "Petrova",
]
COMPANIES = [
    "Chemel",
    "Feltz Printing Service",
    "Printing Dimensions",
    "Chapman",
    "Rangoni Of Florence",
    "Morlong Associates",
    "Commercial Press",
    "Truhlar And Truhlar",
    "King",
    "Oh My Goodknits Inc",
]
CITIES = [
    ("Chicago", "IL", "US"),
    ("Berlin", "BE", "DE"),
    ("Chennai", "TN", "IN"),
    ("London", "ENG", "GB"),
    ("Austin", "TX", "US"),
    ("Lyon", "ARA", "FR"),
    ("Osaka", "27", "JP"),
    ("Toronto", "ON", "CA"),
]
USERS = [
    {"name": "Patricia Boyle", "id": str(ORG_PREFIX + 1_000_101), "email": "patricia.boyle@zylker.test"},
    {"name": "Rajesh Kumar", "id": str(ORG_PREFIX + 1_000_102), "email": "rajesh.kumar@zylker.test"},
    {"name": "Ana Souza", "id": str(ORG_PREFIX + 1_000_103), "email": "ana.souza@zylker.test"},
]
LAYOUT = {"display_label": "Standard", "name": "Standard", "id": str(ORG_PREFIX + 91_023)}


def _field(api_name: str, data_type: str, **extra: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {"api_name": api_name, "data_type": data_type, "custom_field": False, **extra}
    return meta


def _picklist(api_name: str, values: list[str], custom: bool = False) -> dict[str, Any]:
    return _field(api_name, "picklist", pick_list_values=["-None-", *values], custom_field=custom)


FIELDS: list[dict[str, Any]] = [
    _field("Owner", "ownerlookup"),
    _field("Company", "text"),
    _picklist("Salutation", SALUTATIONS),
    _field("First_Name", "text"),
    _field("Last_Name", "text"),
    _field("Full_Name", "text"),
    _field("Designation", "text"),
    _field("Email", "email"),
    _field("Secondary_Email", "email"),
    _field("Phone", "phone"),
    _field("Mobile", "phone"),
    _field("Website", "website"),
    _picklist("Lead_Source", LEAD_SOURCES),
    _picklist("Lead_Status", LEAD_STATUSES),
    _picklist("Industry", INDUSTRIES),
    _picklist("Rating", RATINGS),
    _field("No_of_Employees", "integer"),
    _field("Annual_Revenue", "currency"),
    _field("Email_Opt_Out", "boolean"),
    _field("Street", "text"),
    _field("City", "text"),
    _field("State", "text"),
    _field("Zip_Code", "text"),
    _field("Country", "text"),
    _field("Description", "textarea"),
    _field("Created_By", "ownerlookup"),
    _field("Modified_By", "ownerlookup"),
    _field("Created_Time", "datetime"),
    _field("Modified_Time", "datetime"),
    _field("Last_Activity_Time", "datetime"),
    _field("Tag", "text", json_type="jsonarray"),
    _picklist("Currency", CURRENCIES),
    _field("Exchange_Rate", "double"),
    _field("Layout", "layout"),
    _field("Converted_Account", "lookup", lookup_module="Accounts"),
    _picklist("Unsubscribed_Mode", UNSUBSCRIBE_MODES),
    _field("Unsubscribed_Time", "datetime"),
    # custom fields
    _field("Budget", "currency", custom_field=True),
    _field("Preferred_Contact_Date", "date", custom_field=True),
    _field("Product_Interest", "multiselectpicklist", custom_field=True, pick_list_values=PRODUCTS),
    _field("Partner_Account", "lookup", lookup_module="Accounts", custom_field=True),
    _field("Campaign_Source", "lookup", lookup_module="Campaigns", custom_field=True),
    _field("Next_Follow_Up", "datetime", custom_field=True),
    _field("Discount_Percent", "percent", custom_field=True),
    _picklist("Region", REGIONS, custom=True),
]
"""Field metadata of the module, in layout order (``id`` and the ``$`` keys are not fields)."""

FIELD_NAMES = [f["api_name"] for f in FIELDS]
"""What a list call asks for (``fields=``, at most 50)."""

READ_ONLY = {
    "Full_Name",
    "Created_By",
    "Modified_By",
    "Created_Time",
    "Modified_Time",
    "Last_Activity_Time",
    "Tag",
    "Converted_Account",
    "Unsubscribed_Mode",
    "Unsubscribed_Time",
    "Layout",
    "Owner",
    "Exchange_Rate",
}
"""Fields an upsert body leaves out (system-set, or set through other APIs)."""

ACCOUNTS_FIELDS: list[dict[str, Any]] = [
    _field("Owner", "ownerlookup"),
    _field("Account_Name", "text"),
    _field("Account_Number", "text"),
    _field("Phone", "phone"),
    _field("Website", "website"),
    _field("Industry", "picklist", pick_list_values=["-None-", *INDUSTRIES]),
    _field("Annual_Revenue", "currency"),
    _field("Employees", "integer"),
    _field("Billing_City", "text"),
    _field("Billing_Country", "text"),
    _field("Description", "textarea"),
    _field("Parent_Account", "lookup", lookup_module="Accounts"),
]
CAMPAIGNS_FIELDS: list[dict[str, Any]] = [
    _field("Owner", "ownerlookup"),
    _field("Campaign_Name", "text"),
    _field("Type", "picklist", pick_list_values=["-None-", "Webinar", "Trade Show", "Email", "Advertisement"]),
    _field("Status", "picklist", pick_list_values=["-None-", "Planning", "Active", "Complete"]),
    _field("Start_Date", "date"),
    _field("End_Date", "date"),
    _field("Budgeted_Cost", "currency"),
    _field("Expected_Revenue", "currency"),
    _field("Description", "textarea"),
]
MODULE_FIELDS: dict[str, list[dict[str, Any]]] = {
    MODULE: FIELDS,
    "Accounts": ACCOUNTS_FIELDS,
    "Campaigns": CAMPAIGNS_FIELDS,
}
"""Field metadata of the module and of every module its lookups point to."""

_BASE_TIME = dt.datetime(2024, 3, 4, 9, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))
_OFFSETS = [dt.timezone(dt.timedelta(hours=h, minutes=m)) for h, m in ((5, 30), (0, 0), (-5, 0), (1, 0))]


def _stamp(rng: random.Random, days: int = 400) -> str:
    moment = _BASE_TIME + dt.timedelta(seconds=rng.randrange(days * 86400))
    return moment.astimezone(rng.choice(_OFFSETS)).isoformat(timespec="seconds")


def _maybe(rng: random.Random, value: Any, fill: float = 0.7) -> Any:
    return value if rng.random() < fill else None


def make_record(rng: random.Random, n: int, *, full: bool = True) -> dict[str, Any]:
    """Record ``n``: all 50 keys as a list call returns them (``full``), or only an upsert body's writable fields."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    company = rng.choice(COMPANIES)
    city, state, country = rng.choice(CITIES)
    handle = f"{first}.{last}{n}".lower().replace("ü", "u").replace("í", "i")
    owner, creator, modifier = rng.choice(USERS), rng.choice(USERS), rng.choice(USERS)
    created = _stamp(rng)
    record: dict[str, Any] = {
        "Owner": dict(owner),
        "Company": company,
        "Salutation": _maybe(rng, rng.choice(SALUTATIONS)),
        "First_Name": first,
        "Last_Name": last,
        "Full_Name": f"{first} {last}",
        "Designation": _maybe(rng, rng.choice(["CEO", "CTO", "VP Sales", "Purchasing Manager", "Analyst"])),
        "Email": f"{handle}@{company.split()[0].lower()}.test",
        "Secondary_Email": _maybe(rng, f"{handle}@mail.test", 0.3),
        "Phone": f"+1-555-{rng.randrange(10**7):07d}",
        "Mobile": _maybe(rng, f"+1-555-{rng.randrange(10**7):07d}"),
        "Website": _maybe(rng, f"https://www.{company.split()[0].lower()}.test"),
        "Lead_Source": rng.choice(LEAD_SOURCES),
        "Lead_Status": rng.choice(LEAD_STATUSES),
        "Industry": _maybe(rng, rng.choice(INDUSTRIES)),
        "Rating": _maybe(rng, rng.choice(RATINGS), 0.5),
        "No_of_Employees": rng.randrange(1, 50_000),
        "Annual_Revenue": round(rng.uniform(10_000, 50_000_000), 2),
        "Email_Opt_Out": rng.random() < 0.1,
        "Street": f"{rng.randrange(1, 9999)} {rng.choice(['Main St', 'Oak Ave', 'Pine Rd', 'Elm Blvd'])}",
        "City": city,
        "State": state,
        "Zip_Code": f"{rng.randrange(10000, 99999)}",
        "Country": country,
        "Description": _maybe(
            rng,
            f"Met {first} at {rng.choice(LEAD_SOURCES).lower()}; interested in a "
            f"{rng.choice(PRODUCTS)} rollout for {rng.randrange(5, 500)} seats. "
            "Follow up after the budget review.",
            0.6,
        ),
        "Created_By": dict(creator),
        "Modified_By": dict(modifier),
        "Created_Time": created,
        "Modified_Time": _stamp(rng),
        "Last_Activity_Time": _maybe(rng, _stamp(rng)),
        "Tag": [
            {"name": name, "id": str(ORG_PREFIX + 77_000 + i), "color_code": color}
            for i, (name, color) in enumerate(TAGS)
            if rng.random() < 0.25
        ],
        "Currency": rng.choice(CURRENCIES),
        "Exchange_Rate": rng.choice([1.0, 0.92, 0.79, 83.12]),
        "Layout": dict(LAYOUT),
        "Converted_Account": _maybe(rng, {"name": company, "id": str(ORG_PREFIX + 2_000_000 + n)}, 0.15),
        "Unsubscribed_Mode": _maybe(rng, rng.choice(UNSUBSCRIBE_MODES), 0.05),
        "Unsubscribed_Time": _maybe(rng, _stamp(rng), 0.05),
        "Budget": _maybe(rng, round(rng.uniform(1_000, 250_000), 2)),
        "Preferred_Contact_Date": _maybe(rng, (_BASE_TIME.date() + dt.timedelta(days=rng.randrange(365))).isoformat()),
        "Product_Interest": rng.sample(PRODUCTS, rng.randrange(0, 4)),
        "Partner_Account": _maybe(rng, {"name": rng.choice(COMPANIES), "id": str(ORG_PREFIX + 3_000_000 + n)}, 0.4),
        "Campaign_Source": _maybe(rng, {"name": "Spring Webinar 2024", "id": str(ORG_PREFIX + 4_000_001)}, 0.5),
        "Next_Follow_Up": _maybe(rng, _stamp(rng, 60)),
        "Discount_Percent": _maybe(rng, rng.choice([0, 5, 10, 12.5, 20])),
        "Region": rng.choice(REGIONS),
    }
    if not full:
        return {key: value for key, value in record.items() if key not in READ_ONLY and value is not None}
    return {
        "id": str(ORG_PREFIX + 5_000_000 + n),
        **record,
        "$currency_symbol": {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}[record["Currency"]],
        "$approved": True,
        "$approval": {"delegate": False, "approve": False, "reject": False, "resubmit": False},
        "$converted": record["Converted_Account"] is not None,
    }


def page_dict(size: int = PAGE_SIZE, *, seed: int = 20240304, page: int = 1) -> dict[str, Any]:
    """A list response: ``data`` (``size`` records) and ``info``."""
    rng = random.Random(seed + page)
    data = [make_record(rng, (page - 1) * size + i) for i in range(size)]
    info = {
        "per_page": size,
        "next_page_token": "c8582xx9e7c6d2a9f1b6c0f4e3d2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4",
        "count": size,
        "sort_by": "id",
        "page": page,
        "previous_page_token": None,
        "page_token_expiry": "2024-03-05T09:30:00+05:30",
        "sort_order": "desc",
        "more_records": True,
    }
    return {"data": data, "info": info}


def page_bytes(size: int = PAGE_SIZE, *, seed: int = 20240304) -> bytes:
    """The page as Zoho sends it: compact UTF-8 JSON."""
    return json.dumps(page_dict(size, seed=seed), ensure_ascii=False, separators=(",", ":")).encode()


LEAN_FIELDS = ("First_Name", "Last_Name", "Email", "Company", "Phone", "Lead_Source", "Lead_Status", "Region")
"""A lean upsert item: what a sign-up form or a sync job typically writes."""


def upsert_records(count: int, *, seed: int = 7, tag: str = "", lean: bool = False) -> list[dict[str, Any]]:
    """``count`` upsert items (writable fields only), unique by ``Email``; ``tag`` makes a fresh set of emails.

    ``lean``: only :data:`LEAN_FIELDS` (8 fields) instead of every writable field (about 28).
    """
    rng = random.Random(seed)
    records = []
    for n in range(count):
        record = make_record(rng, n, full=False)
        if lean:
            record = {key: record[key] for key in LEAN_FIELDS if key in record}
        local, _, domain = record["Email"].partition("@")
        record["Email"] = f"{local}{tag}@{domain}"
        records.append(record)
    return records
