from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mass_update_request_data_item import MassUpdateRequestDataItem
    from ..models.mass_update_request_territory import MassUpdateRequestTerritory


T = TypeVar("T", bound="MassUpdateRequest")


@_attrs_define
class MassUpdateRequest:
    """The field values to set, and which records (`ids`, or `cvid` and maybe `territory`)."""

    data: list[MassUpdateRequestDataItem]
    """ The field values every record gets: field API names and values, one field (three in
    Deals). Email, lookup, multi-line, line-item and read-only fields cannot be mass updated.
     """
    ids: list[int | str] | Unset = UNSET
    """ The records to update at once, at most 500 (one outcome each). """
    cvid: str | Unset = UNSET
    """ The custom view whose records a scheduled job updates (at most 50,000). """
    territory: MassUpdateRequestTerritory | Unset = UNSET
    """ With `cvid`, only the view's records of this territory (`include_child`, default false). """
    over_write: bool | Unset = UNSET
    """ Multi-select picklists get exactly the given values (default false, the values are added). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        ids: list[int | str] | Unset = UNSET
        if not isinstance(self.ids, Unset):
            ids = []
            for ids_item_data in self.ids:
                ids_item: int | str
                ids_item = ids_item_data
                ids.append(ids_item)

        cvid = self.cvid

        territory: dict[str, Any] | Unset = UNSET
        if not isinstance(self.territory, Unset):
            territory = self.territory.to_dict()

        over_write = self.over_write

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if ids is not UNSET:
            field_dict["ids"] = ids
        if cvid is not UNSET:
            field_dict["cvid"] = cvid
        if territory is not UNSET:
            field_dict["territory"] = territory
        if over_write is not UNSET:
            field_dict["over_write"] = over_write

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mass_update_request_data_item import MassUpdateRequestDataItem  # noqa: PLC0415
        from ..models.mass_update_request_territory import MassUpdateRequestTerritory  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = MassUpdateRequestDataItem.from_dict(data_item_data)

            data.append(data_item)

        _ids = d.pop("ids", UNSET)
        ids: list[int | str] | Unset = UNSET
        if _ids is not UNSET:
            ids = []
            for ids_item_data in _ids:

                def _parse_ids_item(data: object) -> int | str:
                    return cast(int | str, data)

                ids_item = _parse_ids_item(ids_item_data)

                ids.append(ids_item)

        cvid = d.pop("cvid", UNSET)

        _territory = d.pop("territory", UNSET)
        territory: MassUpdateRequestTerritory | Unset
        if isinstance(_territory, Unset):
            territory = UNSET
        else:
            territory = MassUpdateRequestTerritory.from_dict(_territory)

        over_write = d.pop("over_write", UNSET)

        mass_update_request = cls(
            data=data,
            ids=ids,
            cvid=cvid,
            territory=territory,
            over_write=over_write,
        )

        mass_update_request.additional_properties = d
        return mass_update_request

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
