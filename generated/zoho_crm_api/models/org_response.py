from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.org_meta import OrgMeta


T = TypeVar("T", bound="OrgResponse")


@_attrs_define
class OrgResponse:
    org: list[OrgMeta]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        org = []
        for org_item_data in self.org:
            org_item = org_item_data.to_dict()
            org.append(org_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "org": org,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.org_meta import OrgMeta  # noqa: PLC0415

        d = dict(src_dict)
        org = []
        _org = d.pop("org")
        for org_item_data in _org:
            org_item = OrgMeta.from_dict(org_item_data)

            org.append(org_item)

        org_response = cls(
            org=org,
        )

        org_response.additional_properties = d
        return org_response

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
