from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.related_list_meta import RelatedListMeta


T = TypeVar("T", bound="RelatedListsResponse")


@_attrs_define
class RelatedListsResponse:
    related_lists: list[RelatedListMeta]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        related_lists = []
        for related_lists_item_data in self.related_lists:
            related_lists_item = related_lists_item_data.to_dict()
            related_lists.append(related_lists_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "related_lists": related_lists,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_list_meta import RelatedListMeta  # noqa: PLC0415

        d = dict(src_dict)
        related_lists = []
        _related_lists = d.pop("related_lists")
        for related_lists_item_data in _related_lists:
            related_lists_item = RelatedListMeta.from_dict(related_lists_item_data)

            related_lists.append(related_lists_item)

        related_lists_response = cls(
            related_lists=related_lists,
        )

        related_lists_response.additional_properties = d
        return related_lists_response

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
