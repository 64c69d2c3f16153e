from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record import Record
    from ..models.skip_feature_execution import SkipFeatureExecution


T = TypeVar("T", bound="CloneRecordRequest")


@_attrs_define
class CloneRecordRequest:
    data: list[Record] | Unset = UNSET
    skip_feature_execution: list[SkipFeatureExecution] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        skip_feature_execution: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.skip_feature_execution, Unset):
            skip_feature_execution = []
            for skip_feature_execution_item_data in self.skip_feature_execution:
                skip_feature_execution_item = skip_feature_execution_item_data.to_dict()
                skip_feature_execution.append(skip_feature_execution_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if skip_feature_execution is not UNSET:
            field_dict["skip_feature_execution"] = skip_feature_execution

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record import Record  # noqa: PLC0415
        from ..models.skip_feature_execution import SkipFeatureExecution  # noqa: PLC0415

        d = dict(src_dict)
        _data = d.pop("data", UNSET)
        data: list[Record] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = Record.from_dict(data_item_data)

                data.append(data_item)

        _skip_feature_execution = d.pop("skip_feature_execution", UNSET)
        skip_feature_execution: list[SkipFeatureExecution] | Unset = UNSET
        if _skip_feature_execution is not UNSET:
            skip_feature_execution = []
            for skip_feature_execution_item_data in _skip_feature_execution:
                skip_feature_execution_item = SkipFeatureExecution.from_dict(skip_feature_execution_item_data)

                skip_feature_execution.append(skip_feature_execution_item)

        clone_record_request = cls(
            data=data,
            skip_feature_execution=skip_feature_execution,
        )

        clone_record_request.additional_properties = d
        return clone_record_request

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
