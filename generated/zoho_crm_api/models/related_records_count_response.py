from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.action_error import ActionError
    from ..models.related_count_success import RelatedCountSuccess


T = TypeVar("T", bound="RelatedRecordsCountResponse")


@_attrs_define
class RelatedRecordsCountResponse:
    get_related_records_count: list[ActionError | RelatedCountSuccess]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.action_error import ActionError  # noqa: PLC0415

        get_related_records_count = []
        for get_related_records_count_item_data in self.get_related_records_count:
            get_related_records_count_item: dict[str, Any]
            if isinstance(get_related_records_count_item_data, ActionError):
                get_related_records_count_item = get_related_records_count_item_data.to_dict()
            else:
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
        from ..models.action_error import ActionError  # noqa: PLC0415
        from ..models.related_count_success import RelatedCountSuccess  # noqa: PLC0415

        d = dict(src_dict)
        get_related_records_count = []
        _get_related_records_count = d.pop("get_related_records_count")
        for get_related_records_count_item_data in _get_related_records_count:

            def _parse_get_related_records_count_item(data: object) -> ActionError | RelatedCountSuccess:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    get_related_records_count_item_type_0 = ActionError.from_dict(data)

                    return get_related_records_count_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                get_related_records_count_item_type_1 = RelatedCountSuccess.from_dict(data)

                return get_related_records_count_item_type_1

            get_related_records_count_item = _parse_get_related_records_count_item(get_related_records_count_item_data)

            get_related_records_count.append(get_related_records_count_item)

        related_records_count_response = cls(
            get_related_records_count=get_related_records_count,
        )

        related_records_count_response.additional_properties = d
        return related_records_count_response

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
