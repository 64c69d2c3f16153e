from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_append_values import RecordAppendValues
    from ..models.tag import Tag
    from ..models.user_lookup import UserLookup


T = TypeVar("T", bound="Record")


@_attrs_define
class Record:
    """A record. Open: every org has its own custom fields, and every unknown key is kept.
    System fields are typed; `id` is a numeric string set by Zoho.

    """

    id: str | Unset = UNSET
    """ Record id (numeric string). """
    owner: UserLookup | Unset = UNSET
    """ A user reference (Owner, Created_By, Modified_By). """
    created_by: UserLookup | Unset = UNSET
    """ A user reference (Owner, Created_By, Modified_By). """
    modified_by: UserLookup | Unset = UNSET
    """ A user reference (Owner, Created_By, Modified_By). """
    created_time: datetime.datetime | Unset = UNSET
    """ ISO-8601 with an offset; Zoho sends seconds, at most microseconds are kept. """
    modified_time: datetime.datetime | Unset = UNSET
    """ ISO-8601 with an offset; Zoho sends seconds, at most microseconds are kept. """
    tag: list[Tag] | Unset = UNSET
    approval_state: str | Unset = UNSET
    """ approved, approval_process_pending, ... (read with `fields=$approval_state`). """
    append_values: RecordAppendValues | Unset = UNSET
    """ Per multi-select field, `true` appends the given values, `false` replaces them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        owner: dict[str, Any] | Unset = UNSET
        if not isinstance(self.owner, Unset):
            owner = self.owner.to_dict()

        created_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.created_by, Unset):
            created_by = self.created_by.to_dict()

        modified_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.modified_by, Unset):
            modified_by = self.modified_by.to_dict()

        created_time: str | Unset = UNSET
        if not isinstance(self.created_time, Unset):
            created_time = self.created_time.isoformat()

        modified_time: str | Unset = UNSET
        if not isinstance(self.modified_time, Unset):
            modified_time = self.modified_time.isoformat()

        tag: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tag, Unset):
            tag = []
            for tag_item_data in self.tag:
                tag_item = tag_item_data.to_dict()
                tag.append(tag_item)

        approval_state = self.approval_state

        append_values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.append_values, Unset):
            append_values = self.append_values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if owner is not UNSET:
            field_dict["Owner"] = owner
        if created_by is not UNSET:
            field_dict["Created_By"] = created_by
        if modified_by is not UNSET:
            field_dict["Modified_By"] = modified_by
        if created_time is not UNSET:
            field_dict["Created_Time"] = created_time
        if modified_time is not UNSET:
            field_dict["Modified_Time"] = modified_time
        if tag is not UNSET:
            field_dict["Tag"] = tag
        if approval_state is not UNSET:
            field_dict["$approval_state"] = approval_state
        if append_values is not UNSET:
            field_dict["$append_values"] = append_values

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_append_values import RecordAppendValues  # noqa: PLC0415
        from ..models.tag import Tag  # noqa: PLC0415
        from ..models.user_lookup import UserLookup  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        _owner = d.pop("Owner", UNSET)
        owner: UserLookup | Unset
        if isinstance(_owner, Unset):
            owner = UNSET
        else:
            owner = UserLookup.from_dict(_owner)

        _created_by = d.pop("Created_By", UNSET)
        created_by: UserLookup | Unset
        if isinstance(_created_by, Unset):
            created_by = UNSET
        else:
            created_by = UserLookup.from_dict(_created_by)

        _modified_by = d.pop("Modified_By", UNSET)
        modified_by: UserLookup | Unset
        if isinstance(_modified_by, Unset):
            modified_by = UNSET
        else:
            modified_by = UserLookup.from_dict(_modified_by)

        _created_time = d.pop("Created_Time", UNSET)
        created_time: datetime.datetime | Unset
        if isinstance(_created_time, Unset):
            created_time = UNSET
        else:
            created_time = datetime.datetime.fromisoformat(_created_time)

        _modified_time = d.pop("Modified_Time", UNSET)
        modified_time: datetime.datetime | Unset
        if isinstance(_modified_time, Unset):
            modified_time = UNSET
        else:
            modified_time = datetime.datetime.fromisoformat(_modified_time)

        _tag = d.pop("Tag", UNSET)
        tag: list[Tag] | Unset = UNSET
        if _tag is not UNSET:
            tag = []
            for tag_item_data in _tag:
                tag_item = Tag.from_dict(tag_item_data)

                tag.append(tag_item)

        approval_state = d.pop("$approval_state", UNSET)

        _append_values = d.pop("$append_values", UNSET)
        append_values: RecordAppendValues | Unset
        if isinstance(_append_values, Unset):
            append_values = UNSET
        else:
            append_values = RecordAppendValues.from_dict(_append_values)

        record = cls(
            id=id,
            owner=owner,
            created_by=created_by,
            modified_by=modified_by,
            created_time=created_time,
            modified_time=modified_time,
            tag=tag,
            approval_state=approval_state,
            append_values=append_values,
        )

        record.additional_properties = d
        return record

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
