from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.related_count_filter_field import RelatedCountFilterField


T = TypeVar("T", bound="RelatedCountFilter")


@_attrs_define
class RelatedCountFilter:
    comparator: str
    field: RelatedCountFilterField
    value: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comparator = self.comparator

        field = self.field.to_dict()

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comparator": comparator,
                "field": field,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_count_filter_field import RelatedCountFilterField  # noqa: PLC0415

        d = dict(src_dict)
        comparator = d.pop("comparator")

        field = RelatedCountFilterField.from_dict(d.pop("field"))

        value = d.pop("value")

        related_count_filter = cls(
            comparator=comparator,
            field=field,
            value=value,
        )

        related_count_filter.additional_properties = d
        return related_count_filter

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
