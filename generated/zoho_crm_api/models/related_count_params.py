from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.related_count_filter import RelatedCountFilter


T = TypeVar("T", bound="RelatedCountParams")


@_attrs_define
class RelatedCountParams:
    approved: bool | Unset = UNSET
    approval_state: str | Unset = UNSET
    converted: bool | Unset = UNSET
    category: str | Unset = UNSET
    associated: bool | Unset = UNSET
    filters: RelatedCountFilter | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved = self.approved

        approval_state = self.approval_state

        converted = self.converted

        category = self.category

        associated = self.associated

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if approved is not UNSET:
            field_dict["approved"] = approved
        if approval_state is not UNSET:
            field_dict["approval_state"] = approval_state
        if converted is not UNSET:
            field_dict["converted"] = converted
        if category is not UNSET:
            field_dict["category"] = category
        if associated is not UNSET:
            field_dict["associated"] = associated
        if filters is not UNSET:
            field_dict["filters"] = filters

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_count_filter import RelatedCountFilter  # noqa: PLC0415

        d = dict(src_dict)
        approved = d.pop("approved", UNSET)

        approval_state = d.pop("approval_state", UNSET)

        converted = d.pop("converted", UNSET)

        category = d.pop("category", UNSET)

        associated = d.pop("associated", UNSET)

        _filters = d.pop("filters", UNSET)
        filters: RelatedCountFilter | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = RelatedCountFilter.from_dict(_filters)

        related_count_params = cls(
            approved=approved,
            approval_state=approval_state,
            converted=converted,
            category=category,
            associated=associated,
            filters=filters,
        )

        related_count_params.additional_properties = d
        return related_count_params

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
