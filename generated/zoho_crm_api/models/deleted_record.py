from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deleted_record_type import DeletedRecordType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.nullable_user_lookup_type_0 import NullableUserLookupType0


T = TypeVar("T", bound="DeletedRecord")


@_attrs_define
class DeletedRecord:
    id: str
    type_: DeletedRecordType
    display_name: None | str | Unset = UNSET
    deleted_by: None | NullableUserLookupType0 | Unset = UNSET
    """ A user reference, or null (deleted-record entries of permanently deleted records). """
    created_by: None | NullableUserLookupType0 | Unset = UNSET
    """ A user reference, or null (deleted-record entries of permanently deleted records). """
    deleted_time: datetime.datetime | Unset = UNSET
    """ ISO-8601 with an offset; Zoho sends seconds, at most microseconds are kept. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.nullable_user_lookup_type_0 import NullableUserLookupType0  # noqa: PLC0415

        id = self.id

        type_ = self.type_.value

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        deleted_by: dict[str, Any] | None | Unset
        if isinstance(self.deleted_by, Unset):
            deleted_by = UNSET
        elif isinstance(self.deleted_by, NullableUserLookupType0):
            deleted_by = self.deleted_by.to_dict()
        else:
            deleted_by = self.deleted_by

        created_by: dict[str, Any] | None | Unset
        if isinstance(self.created_by, Unset):
            created_by = UNSET
        elif isinstance(self.created_by, NullableUserLookupType0):
            created_by = self.created_by.to_dict()
        else:
            created_by = self.created_by

        deleted_time: str | Unset = UNSET
        if not isinstance(self.deleted_time, Unset):
            deleted_time = self.deleted_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if deleted_by is not UNSET:
            field_dict["deleted_by"] = deleted_by
        if created_by is not UNSET:
            field_dict["created_by"] = created_by
        if deleted_time is not UNSET:
            field_dict["deleted_time"] = deleted_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.nullable_user_lookup_type_0 import NullableUserLookupType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        type_ = DeletedRecordType(d.pop("type"))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_deleted_by(data: object) -> None | NullableUserLookupType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_nullable_user_lookup_type_0 = NullableUserLookupType0.from_dict(data)

                return componentsschemas_nullable_user_lookup_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NullableUserLookupType0 | Unset, data)

        deleted_by = _parse_deleted_by(d.pop("deleted_by", UNSET))

        def _parse_created_by(data: object) -> None | NullableUserLookupType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_nullable_user_lookup_type_0 = NullableUserLookupType0.from_dict(data)

                return componentsschemas_nullable_user_lookup_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NullableUserLookupType0 | Unset, data)

        created_by = _parse_created_by(d.pop("created_by", UNSET))

        _deleted_time = d.pop("deleted_time", UNSET)
        deleted_time: datetime.datetime | Unset
        if isinstance(_deleted_time, Unset):
            deleted_time = UNSET
        else:
            deleted_time = datetime.datetime.fromisoformat(_deleted_time)

        deleted_record = cls(
            id=id,
            type_=type_,
            display_name=display_name,
            deleted_by=deleted_by,
            created_by=created_by,
            deleted_time=deleted_time,
        )

        deleted_record.additional_properties = d
        return deleted_record

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
