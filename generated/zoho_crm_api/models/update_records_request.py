from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger import Trigger
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.record_with_id import RecordWithId
    from ..models.skip_feature_execution import SkipFeatureExecution


T = TypeVar("T", bound="UpdateRecordsRequest")


@_attrs_define
class UpdateRecordsRequest:
    data: list[RecordWithId]
    trigger: list[Trigger] | Unset = UNSET
    skip_feature_execution: list[SkipFeatureExecution] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        trigger: list[str] | Unset = UNSET
        if not isinstance(self.trigger, Unset):
            trigger = []
            for trigger_item_data in self.trigger:
                trigger_item = trigger_item_data.value
                trigger.append(trigger_item)

        skip_feature_execution: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.skip_feature_execution, Unset):
            skip_feature_execution = []
            for skip_feature_execution_item_data in self.skip_feature_execution:
                skip_feature_execution_item = skip_feature_execution_item_data.to_dict()
                skip_feature_execution.append(skip_feature_execution_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if trigger is not UNSET:
            field_dict["trigger"] = trigger
        if skip_feature_execution is not UNSET:
            field_dict["skip_feature_execution"] = skip_feature_execution

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.record_with_id import RecordWithId  # noqa: PLC0415
        from ..models.skip_feature_execution import SkipFeatureExecution  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = RecordWithId.from_dict(data_item_data)

            data.append(data_item)

        _trigger = d.pop("trigger", UNSET)
        trigger: list[Trigger] | Unset = UNSET
        if _trigger is not UNSET:
            trigger = []
            for trigger_item_data in _trigger:
                trigger_item = Trigger(trigger_item_data)

                trigger.append(trigger_item)

        _skip_feature_execution = d.pop("skip_feature_execution", UNSET)
        skip_feature_execution: list[SkipFeatureExecution] | Unset = UNSET
        if _skip_feature_execution is not UNSET:
            skip_feature_execution = []
            for skip_feature_execution_item_data in _skip_feature_execution:
                skip_feature_execution_item = SkipFeatureExecution.from_dict(skip_feature_execution_item_data)

                skip_feature_execution.append(skip_feature_execution_item)

        update_records_request = cls(
            data=data,
            trigger=trigger,
            skip_feature_execution=skip_feature_execution,
        )

        update_records_request.additional_properties = d
        return update_records_request

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
