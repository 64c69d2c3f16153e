from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModuleMeta")


@_attrs_define
class ModuleMeta:
    """One module of the org (`GET /settings/modules`)."""

    api_name: str
    id: str
    module_name: str | Unset = UNSET
    singular_label: str | Unset = UNSET
    plural_label: str | Unset = UNSET
    api_supported: bool | Unset = UNSET
    generated_type: str | Unset = UNSET
    creatable: bool | Unset = UNSET
    editable: bool | Unset = UNSET
    deletable: bool | Unset = UNSET
    viewable: bool | Unset = UNSET
    visible: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_name = self.api_name

        id = self.id

        module_name = self.module_name

        singular_label = self.singular_label

        plural_label = self.plural_label

        api_supported = self.api_supported

        generated_type = self.generated_type

        creatable = self.creatable

        editable = self.editable

        deletable = self.deletable

        viewable = self.viewable

        visible = self.visible

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_name": api_name,
                "id": id,
            }
        )
        if module_name is not UNSET:
            field_dict["module_name"] = module_name
        if singular_label is not UNSET:
            field_dict["singular_label"] = singular_label
        if plural_label is not UNSET:
            field_dict["plural_label"] = plural_label
        if api_supported is not UNSET:
            field_dict["api_supported"] = api_supported
        if generated_type is not UNSET:
            field_dict["generated_type"] = generated_type
        if creatable is not UNSET:
            field_dict["creatable"] = creatable
        if editable is not UNSET:
            field_dict["editable"] = editable
        if deletable is not UNSET:
            field_dict["deletable"] = deletable
        if viewable is not UNSET:
            field_dict["viewable"] = viewable
        if visible is not UNSET:
            field_dict["visible"] = visible

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_name = d.pop("api_name")

        id = d.pop("id")

        module_name = d.pop("module_name", UNSET)

        singular_label = d.pop("singular_label", UNSET)

        plural_label = d.pop("plural_label", UNSET)

        api_supported = d.pop("api_supported", UNSET)

        generated_type = d.pop("generated_type", UNSET)

        creatable = d.pop("creatable", UNSET)

        editable = d.pop("editable", UNSET)

        deletable = d.pop("deletable", UNSET)

        viewable = d.pop("viewable", UNSET)

        visible = d.pop("visible", UNSET)

        module_meta = cls(
            api_name=api_name,
            id=id,
            module_name=module_name,
            singular_label=singular_label,
            plural_label=plural_label,
            api_supported=api_supported,
            generated_type=generated_type,
            creatable=creatable,
            editable=editable,
            deletable=deletable,
            viewable=viewable,
            visible=visible,
        )

        module_meta.additional_properties = d
        return module_meta

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
