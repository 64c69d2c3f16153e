from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.minified_module import MinifiedModule


T = TypeVar("T", bound="FieldMetaLookup")


@_attrs_define
class FieldMetaLookup:
    """On lookup fields, the module looked up (`se_module` for a multi-module lookup)."""

    module: MinifiedModule | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        module: dict[str, Any] | Unset = UNSET
        if not isinstance(self.module, Unset):
            module = self.module.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if module is not UNSET:
            field_dict["module"] = module

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.minified_module import MinifiedModule  # noqa: PLC0415

        d = dict(src_dict)
        _module = d.pop("module", UNSET)
        module: MinifiedModule | Unset
        if isinstance(_module, Unset):
            module = UNSET
        else:
            module = MinifiedModule.from_dict(_module)

        field_meta_lookup = cls(
            module=module,
        )

        field_meta_lookup.additional_properties = d
        return field_meta_lookup

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
