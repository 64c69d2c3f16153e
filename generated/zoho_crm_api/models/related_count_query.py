from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.related_count_params import RelatedCountParams
    from ..models.related_list_ref import RelatedListRef


T = TypeVar("T", bound="RelatedCountQuery")


@_attrs_define
class RelatedCountQuery:
    related_list: RelatedListRef
    """ A related list, by `api_name` or `id` (at least one). """
    params: RelatedCountParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        related_list = self.related_list.to_dict()

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "related_list": related_list,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_count_params import RelatedCountParams  # noqa: PLC0415
        from ..models.related_list_ref import RelatedListRef  # noqa: PLC0415

        d = dict(src_dict)
        related_list = RelatedListRef.from_dict(d.pop("related_list"))

        _params = d.pop("params", UNSET)
        params: RelatedCountParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = RelatedCountParams.from_dict(_params)

        related_count_query = cls(
            related_list=related_list,
            params=params,
        )

        related_count_query.additional_properties = d
        return related_count_query

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
