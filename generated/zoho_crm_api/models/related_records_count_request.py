from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.related_count_query import RelatedCountQuery


T = TypeVar("T", bound="RelatedRecordsCountRequest")


@_attrs_define
class RelatedRecordsCountRequest:
    get_related_records_count: list[RelatedCountQuery]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        get_related_records_count = []
        for get_related_records_count_item_data in self.get_related_records_count:
            get_related_records_count_item = get_related_records_count_item_data.to_dict()
            get_related_records_count.append(get_related_records_count_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "get_related_records_count": get_related_records_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_count_query import RelatedCountQuery  # noqa: PLC0415

        d = dict(src_dict)
        get_related_records_count = []
        _get_related_records_count = d.pop("get_related_records_count")
        for get_related_records_count_item_data in _get_related_records_count:
            get_related_records_count_item = RelatedCountQuery.from_dict(get_related_records_count_item_data)

            get_related_records_count.append(get_related_records_count_item)

        related_records_count_request = cls(
            get_related_records_count=get_related_records_count,
        )

        related_records_count_request.additional_properties = d
        return related_records_count_request

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
