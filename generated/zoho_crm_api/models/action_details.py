from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_lookup import UserLookup


T = TypeVar("T", bound="ActionDetails")


@_attrs_define
class ActionDetails:
    """What Zoho wrote (id, times, users); on delete, the id (and external field)."""

    id: str | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    """ ISO-8601 with an offset; Zoho sends seconds, at most microseconds are kept. """
    modified_time: datetime.datetime | Unset = UNSET
    """ ISO-8601 with an offset; Zoho sends seconds, at most microseconds are kept. """
    created_by: UserLookup | Unset = UNSET
    """ A user reference (Owner, Created_By, Modified_By). """
    modified_by: UserLookup | Unset = UNSET
    """ A user reference (Owner, Created_By, Modified_By). """
    approval_state: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        created_time: str | Unset = UNSET
        if not isinstance(self.created_time, Unset):
            created_time = self.created_time.isoformat()

        modified_time: str | Unset = UNSET
        if not isinstance(self.modified_time, Unset):
            modified_time = self.modified_time.isoformat()

        created_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.created_by, Unset):
            created_by = self.created_by.to_dict()

        modified_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.modified_by, Unset):
            modified_by = self.modified_by.to_dict()

        approval_state = self.approval_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if created_time is not UNSET:
            field_dict["Created_Time"] = created_time
        if modified_time is not UNSET:
            field_dict["Modified_Time"] = modified_time
        if created_by is not UNSET:
            field_dict["Created_By"] = created_by
        if modified_by is not UNSET:
            field_dict["Modified_By"] = modified_by
        if approval_state is not UNSET:
            field_dict["$approval_state"] = approval_state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_lookup import UserLookup  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

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

        approval_state = d.pop("$approval_state", UNSET)

        action_details = cls(
            id=id,
            created_time=created_time,
            modified_time=modified_time,
            created_by=created_by,
            modified_by=modified_by,
            approval_state=approval_state,
        )

        action_details.additional_properties = d
        return action_details

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
