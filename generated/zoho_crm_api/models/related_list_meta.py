from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.related_list_meta_module_type_0 import RelatedListMetaModuleType0


T = TypeVar("T", bound="RelatedListMeta")


@_attrs_define
class RelatedListMeta:
    """One related list of a module (`GET /settings/related_lists`)."""

    api_name: str
    id: str
    name: str | Unset = UNSET
    display_label: str | Unset = UNSET
    href: None | str | Unset = UNSET
    type_: str | Unset = UNSET
    visible: bool | Unset = UNSET
    sequence_number: str | Unset = UNSET
    module: None | RelatedListMetaModuleType0 | Unset = UNSET
    """ The related module (null for lists that are not a module's records). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.related_list_meta_module_type_0 import RelatedListMetaModuleType0  # noqa: PLC0415

        api_name = self.api_name

        id = self.id

        name = self.name

        display_label = self.display_label

        href: None | str | Unset
        if isinstance(self.href, Unset):
            href = UNSET
        else:
            href = self.href

        type_ = self.type_

        visible = self.visible

        sequence_number = self.sequence_number

        module: dict[str, Any] | None | Unset
        if isinstance(self.module, Unset):
            module = UNSET
        elif isinstance(self.module, RelatedListMetaModuleType0):
            module = self.module.to_dict()
        else:
            module = self.module

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_name": api_name,
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if display_label is not UNSET:
            field_dict["display_label"] = display_label
        if href is not UNSET:
            field_dict["href"] = href
        if type_ is not UNSET:
            field_dict["type"] = type_
        if visible is not UNSET:
            field_dict["visible"] = visible
        if sequence_number is not UNSET:
            field_dict["sequence_number"] = sequence_number
        if module is not UNSET:
            field_dict["module"] = module

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_list_meta_module_type_0 import RelatedListMetaModuleType0  # noqa: PLC0415

        d = dict(src_dict)
        api_name = d.pop("api_name")

        id = d.pop("id")

        name = d.pop("name", UNSET)

        display_label = d.pop("display_label", UNSET)

        def _parse_href(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        href = _parse_href(d.pop("href", UNSET))

        type_ = d.pop("type", UNSET)

        visible = d.pop("visible", UNSET)

        sequence_number = d.pop("sequence_number", UNSET)

        def _parse_module(data: object) -> None | RelatedListMetaModuleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                module_type_0 = RelatedListMetaModuleType0.from_dict(data)

                return module_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RelatedListMetaModuleType0 | Unset, data)

        module = _parse_module(d.pop("module", UNSET))

        related_list_meta = cls(
            api_name=api_name,
            id=id,
            name=name,
            display_label=display_label,
            href=href,
            type_=type_,
            visible=visible,
            sequence_number=sequence_number,
            module=module,
        )

        related_list_meta.additional_properties = d
        return related_list_meta

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
