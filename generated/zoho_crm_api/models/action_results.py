from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.action_error import ActionError
    from ..models.action_success import ActionSuccess


T = TypeVar("T", bound="ActionResults")


@_attrs_define
class ActionResults:
    data: list[ActionError | ActionSuccess]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.action_success import ActionSuccess  # noqa: PLC0415

        data = []
        for data_item_data in self.data:
            data_item: dict[str, Any]
            if isinstance(data_item_data, ActionSuccess):
                data_item = data_item_data.to_dict()
            else:
                data_item = data_item_data.to_dict()

            data.append(data_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_error import ActionError  # noqa: PLC0415
        from ..models.action_success import ActionSuccess  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:

            def _parse_data_item(data: object) -> ActionError | ActionSuccess:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_action_result_type_0 = ActionSuccess.from_dict(data)

                    return componentsschemas_action_result_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_action_result_type_1 = ActionError.from_dict(data)

                return componentsschemas_action_result_type_1

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        action_results = cls(
            data=data,
        )

        action_results.additional_properties = d
        return action_results

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
