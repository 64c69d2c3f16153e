from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.upsert_action import UpsertAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="SkipFeatureExecution")


@_attrs_define
class SkipFeatureExecution:
    """A feature to skip, for example `cadences`; on upsert, `action` picks which outcome skips it."""

    name: str
    action: UpsertAction | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if action is not UNSET:
            field_dict["action"] = action

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        _action = d.pop("action", UNSET)
        action: UpsertAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = UpsertAction(_action)

        skip_feature_execution = cls(
            name=name,
            action=action,
        )

        skip_feature_execution.additional_properties = d
        return skip_feature_execution

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
