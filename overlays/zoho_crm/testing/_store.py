"""The in-memory org: records per module, the recycle bin, value indexes and many-to-many links.

Not thread-safe by itself: every caller holds ``Store.lock``.
"""

from __future__ import annotations

import bisect
import itertools
import json
import threading
from collections.abc import Iterator
from typing import Any

from ._clock import format_time
from ._modules import ModuleDef, default_modules, link_related_lists

__all__ = ["DeletedEntry", "Store", "StoredRecord", "copy_json", "index_key"]

ID_BASE = 3_652_397 * 10**12
"""Record ids are 19-digit numbers: this org prefix plus a sequence."""

SYSTEM_FIELDS = ("id", "Created_Time", "Modified_Time", "Created_By", "Modified_By")


def copy_json(value: Any) -> Any:
    """A deep copy of a JSON value (dicts and lists rebuilt, scalars shared): faster than ``deepcopy``."""
    if isinstance(value, dict):
        return {key: copy_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [copy_json(item) for item in value]
    return value


def index_key(value: Any) -> str | None:
    """The normalized form duplicate checks compare (case-insensitive text); ``None`` for no value."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().casefold()
        return text or None
    if isinstance(value, dict):
        ident = value.get("id")
        return f"id:{ident}" if ident is not None else json.dumps(value, sort_keys=True)
    return json.dumps(value, sort_keys=True)


class StoredRecord:
    """One live record: its JSON fields (system fields included) and numeric timestamps."""

    __slots__ = ("created_at", "fields", "id", "modified_at", "module", "num", "photo")

    def __init__(self, module: str, num: int, fields: dict[str, Any], now: float) -> None:
        self.module = module
        self.num = num
        self.id = str(num)
        self.fields = fields
        self.created_at = now
        self.modified_at = now
        self.photo: tuple[str, bytes] | None = None
        """The record's photo (Upload a Photo): its file name and bytes."""


class DeletedEntry:
    """A record in the recycle bin (``type == "recycle"``) or permanently deleted."""

    __slots__ = ("created_by", "deleted_at", "deleted_by", "display_name", "fields", "id", "module", "num", "type")

    def __init__(self, record: StoredRecord, display_name: str | None, deleted_by: dict[str, Any], now: float) -> None:
        self.module = record.module
        self.num = record.num
        self.id = record.id
        self.fields: dict[str, Any] | None = record.fields
        self.display_name = display_name
        created = record.fields.get("Created_By")
        self.created_by: dict[str, Any] | None = (
            {"name": created.get("name"), "id": created.get("id")} if isinstance(created, dict) else None
        )
        self.deleted_by: dict[str, Any] | None = {"name": deleted_by["name"], "id": deleted_by["id"]}
        self.deleted_at = now
        self.type = "recycle"

    def to_json(self) -> dict[str, Any]:
        """The entry as the deleted-records list shows it."""
        return {
            "deleted_by": self.deleted_by,
            "id": self.id,
            "display_name": self.display_name,
            "type": self.type,
            "created_by": self.created_by,
            "deleted_time": format_time(self.deleted_at),
        }


class ModuleTable:
    """Records of one module, kept sorted by id, with value indexes on its key fields."""

    def __init__(self) -> None:
        self.records: dict[str, StoredRecord] = {}
        self.order: list[int] = []
        self.version = 0
        self.indexes: dict[str, dict[str, set[str]]] = {}
        self.deleted: dict[str, DeletedEntry] = {}
        self.sorted_cache: dict[str, tuple[int, list[tuple[int, int]]]] = {}


class Store:
    """Every module's records, the recycle bin and the many-to-many links of one sandbox org."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._sequence = itertools.count(1_000_000)
        self.version = 0
        self.modules: dict[str, ModuleDef] = default_modules(self.new_id() for _ in itertools.count())
        self._list_ids: dict[tuple[str, str], str] = {}
        link_related_lists(self.modules, self._list_ids)
        self.tables: dict[str, ModuleTable] = {name: ModuleTable() for name in self.modules}
        self.links: dict[tuple[str, str], dict[str, dict[str, dict[str, Any]]]] = {}
        """Relation → left record id → right record id → relation fields (and the mirror, keyed by "~")."""
        self.user: dict[str, Any] = {"name": "Sandbox Admin", "id": self.new_id(), "email": "admin@zoho-sandbox.test"}
        """The org's one user; records share this dict as their owner and creator (never change it in place)."""
        self._next_sweep = float("inf")
        self.query_cache: dict[tuple[Any, ...], tuple[int, list[str]]] = {}
        self.jobs: dict[str, Any] = {}
        """Background jobs by id (mass updates by custom view), in the order they were scheduled."""
        for name in self.modules:  # value indexes (duplicate checks, external ids) from the start
            self.reindex(name)

    # ids and modules ---------------------------------------------------------------------------

    def new_id(self) -> str:
        """A fresh 19-digit record id, increasing with time."""
        return str(self._new_num())

    def _new_num(self) -> int:
        return ID_BASE + next(self._sequence)

    def add_module(self, module: ModuleDef) -> None:
        """Register (or replace) a module and relink every related list."""
        self.modules[module.api_name] = module
        self.tables.setdefault(module.api_name, ModuleTable())
        link_related_lists(self.modules, self._list_ids)
        self.reindex(module.api_name)

    def reindex(self, module: str) -> None:
        """Rebuild the value indexes of ``module`` (after its key fields changed)."""
        table = self.tables[module]
        table.indexes = {field: {} for field in self.modules[module].key_fields()}
        for record in table.records.values():
            self._index(table, record, add=True)

    def _index(self, table: ModuleTable, record: StoredRecord, *, add: bool) -> None:
        for field, index in table.indexes.items():
            key = index_key(record.fields.get(field))
            if key is None:
                continue
            if add:
                index.setdefault(key, set()).add(record.id)
            else:
                holders = index.get(key)
                if holders is not None:
                    holders.discard(record.id)
                    if not holders:
                        del index[key]

    # records ------------------------------------------------------------------------------------

    def get(self, module: str, record_id: str) -> StoredRecord | None:
        """The live record, or ``None``."""
        return self.tables[module].records.get(record_id)

    def live(self, module: str) -> Iterator[StoredRecord]:
        """Live records of ``module`` in id order."""
        records = self.tables[module].records
        for num in self.tables[module].order:
            yield records[str(num)]

    def count(self, module: str) -> int:
        """Number of live records."""
        return len(self.tables[module].records)

    def find(self, module: str, field: str, value: Any) -> list[StoredRecord]:
        """Live records whose ``field`` equals ``value`` (normalized), oldest first."""
        key = index_key(value)
        if key is None:
            return []
        table = self.tables[module]
        index = table.indexes.get(field)
        if index is not None:
            ids = index.get(key)
            if not ids:
                return []
            if len(ids) == 1:
                return [table.records[next(iter(ids))]]
            return sorted((table.records[i] for i in ids), key=lambda record: record.num)
        return [record for record in self.live(module) if index_key(record.fields.get(field)) == key]

    def insert(self, module: str, fields: dict[str, Any], now: float, record_id: str | None = None) -> StoredRecord:
        """Store a new record with its system fields set; ``fields`` must already be valid."""
        table = self.tables[module]
        num = int(record_id) if record_id is not None else self._new_num()
        record = StoredRecord(module, num, {}, now)
        stamp = format_time(now)
        user = self.user  # shared by every record, never changed in place (fewer objects for the collector)
        record.fields = {
            "id": record.id,
            **fields,
            "Created_Time": stamp,
            "Modified_Time": stamp,
            "Created_By": user,
            "Modified_By": user,
        }
        record.fields.setdefault("Owner", user)
        self._derive(module, record.fields)
        table.records[record.id] = record
        if not table.order or num > table.order[-1]:
            table.order.append(num)
        else:
            bisect.insort(table.order, num)
        self._index(table, record, add=True)
        self._touch(table)
        return record

    def update(self, record: StoredRecord, changes: dict[str, Any], now: float) -> None:
        """Apply ``changes`` (already valid) and stamp the modification."""
        table = self.tables[record.module]
        self._index(table, record, add=False)
        record.fields.update(changes)
        record.fields["Modified_Time"] = format_time(now)
        record.fields["Modified_By"] = self.user
        record.modified_at = now
        self._derive(record.module, record.fields)
        self._index(table, record, add=True)
        self._touch(table)

    def delete(self, record: StoredRecord, now: float) -> DeletedEntry:
        """Move a live record to the recycle bin."""
        table = self.tables[record.module]
        self._index(table, record, add=False)
        del table.records[record.id]
        position = bisect.bisect_left(table.order, record.num)
        del table.order[position]
        module = self.modules[record.module]
        entry = DeletedEntry(record, module.display_name(record.fields), self.user, now)
        table.deleted[record.id] = entry
        self._next_sweep = min(self._next_sweep, now)
        self._touch(table)
        return entry

    def deleted_entry(self, module: str, record_id: str) -> DeletedEntry | None:
        """The recycle-bin or permanent entry of a deleted record, or ``None``."""
        return self.tables[module].deleted.get(record_id)

    def empty_recycle_bin(self, module: str | None, now: float) -> int:
        """Make recycle-bin entries permanent (of one module or all); return how many."""
        moved = 0
        for name in [module] if module else list(self.tables):
            for entry in self.tables[name].deleted.values():
                if entry.type == "recycle":
                    self._make_permanent(entry, now)
                    moved += 1
            self._touch(self.tables[name])
        return moved

    def sweep(self, now: float, recycle_retention: float, permanent_retention: float) -> None:
        """Age the recycle bin: recycle → permanent → gone, by deletion time."""
        if now < self._next_sweep + min(recycle_retention, permanent_retention):
            return
        next_sweep = float("inf")
        for table in self.tables.values():
            for record_id, entry in list(table.deleted.items()):
                age = now - entry.deleted_at
                if entry.type == "recycle" and age >= recycle_retention:
                    self._make_permanent(entry, entry.deleted_at)
                    table.version += 1
                if entry.type == "permanent" and age >= permanent_retention:
                    del table.deleted[record_id]
                    table.version += 1
                    continue
                next_sweep = min(next_sweep, entry.deleted_at)
        self._next_sweep = next_sweep

    @staticmethod
    def _make_permanent(entry: DeletedEntry, _now: float) -> None:
        entry.type = "permanent"
        entry.display_name = None
        entry.created_by = None
        entry.deleted_by = None
        entry.fields = None

    def ordered_keys(self, module: str, sort_by: str) -> list[int] | list[tuple[int, int]]:
        """Live records' sort keys, ascending: ids, or (whole seconds, id) for the time fields."""
        table = self.tables[module]
        if sort_by == "id":
            return table.order
        cached = table.sorted_cache.get(sort_by)
        if cached is not None and cached[0] == table.version:
            return cached[1]
        keys = sorted(
            (int(record.created_at if sort_by == "Created_Time" else record.modified_at), record.num)
            for record in table.records.values()
        )
        table.sorted_cache[sort_by] = (table.version, keys)
        return keys

    def _touch(self, table: ModuleTable) -> None:
        table.version += 1
        self.version += 1

    @staticmethod
    def _derive(module: str, fields: dict[str, Any]) -> None:
        if module == "Leads" or module == "Contacts":
            first, last = fields.get("First_Name"), fields.get("Last_Name")
            first = first if isinstance(first, str) and first else None
            last = last if isinstance(last, str) and last else None
            fields["Full_Name"] = f"{first} {last}" if first and last else first or last

    # many-to-many links --------------------------------------------------------------------------

    def link(self, relation: tuple[str, str], left: str, right: str, values: dict[str, Any]) -> None:
        """Link ``left`` (of ``relation[0]``) and ``right`` (of ``relation[1]``), merging relation fields."""
        forward = self.links.setdefault(relation, {})
        backward = self.links.setdefault((f"~{relation[0]}", relation[1]), {})
        current = forward.setdefault(left, {}).setdefault(right, {})
        current.update(values)
        backward.setdefault(right, {})[left] = current
        self.version += 1

    def unlink(self, relation: tuple[str, str], left: str, right: str) -> bool:
        """Remove a link; ``False`` if there was none."""
        forward = self.links.get(relation, {})
        if right not in forward.get(left, {}):
            return False
        del forward[left][right]
        del self.links[(f"~{relation[0]}", relation[1])][right][left]
        self.version += 1
        return True

    def linked(self, relation: tuple[str, str], record_id: str, *, from_left: bool) -> dict[str, dict[str, Any]]:
        """Ids linked to ``record_id`` (seen from the left or the right side) with their relation fields."""
        key = relation if from_left else (f"~{relation[0]}", relation[1])
        return self.links.get(key, {}).get(record_id, {})

    # copies for tests ------------------------------------------------------------------------------

    def snapshot(self, module: str) -> list[dict[str, Any]]:
        """Deep copies of the live records, in id order."""
        return [copy_json(record.fields) for record in self.live(module)]
