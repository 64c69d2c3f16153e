from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_meta_external_type_0 import FieldMetaExternalType0
    from ..models.field_meta_lookup import FieldMetaLookup
    from ..models.field_meta_unique_type_0 import FieldMetaUniqueType0


T = TypeVar("T", bound="FieldMeta")


@_attrs_define
class FieldMeta:
    """One field of a module (`GET /settings/fields`)."""

    api_name: str
    id: str
    data_type: str
    field_label: str | Unset = UNSET
    display_label: str | Unset = UNSET
    json_type: str | Unset = UNSET
    system_mandatory: bool | Unset = UNSET
    custom_field: bool | Unset = UNSET
    read_only: bool | Unset = UNSET
    visible: bool | Unset = UNSET
    length: int | Unset = UNSET
    unique: FieldMetaUniqueType0 | None | Unset = UNSET
    """ Present (an object) on unique fields. """
    external: FieldMetaExternalType0 | None | Unset = UNSET
    """ Present on external-ID fields (`type` is `org` or `user`). """
    lookup: FieldMetaLookup | Unset = UNSET
    """ On lookup fields, the module looked up (`se_module` for a multi-module lookup). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.field_meta_external_type_0 import FieldMetaExternalType0  # noqa: PLC0415
        from ..models.field_meta_unique_type_0 import FieldMetaUniqueType0  # noqa: PLC0415

        api_name = self.api_name

        id = self.id

        data_type = self.data_type

        field_label = self.field_label

        display_label = self.display_label

        json_type = self.json_type

        system_mandatory = self.system_mandatory

        custom_field = self.custom_field

        read_only = self.read_only

        visible = self.visible

        length = self.length

        unique: dict[str, Any] | None | Unset
        if isinstance(self.unique, Unset):
            unique = UNSET
        elif isinstance(self.unique, FieldMetaUniqueType0):
            unique = self.unique.to_dict()
        else:
            unique = self.unique

        external: dict[str, Any] | None | Unset
        if isinstance(self.external, Unset):
            external = UNSET
        elif isinstance(self.external, FieldMetaExternalType0):
            external = self.external.to_dict()
        else:
            external = self.external

        lookup: dict[str, Any] | Unset = UNSET
        if not isinstance(self.lookup, Unset):
            lookup = self.lookup.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_name": api_name,
                "id": id,
                "data_type": data_type,
            }
        )
        if field_label is not UNSET:
            field_dict["field_label"] = field_label
        if display_label is not UNSET:
            field_dict["display_label"] = display_label
        if json_type is not UNSET:
            field_dict["json_type"] = json_type
        if system_mandatory is not UNSET:
            field_dict["system_mandatory"] = system_mandatory
        if custom_field is not UNSET:
            field_dict["custom_field"] = custom_field
        if read_only is not UNSET:
            field_dict["read_only"] = read_only
        if visible is not UNSET:
            field_dict["visible"] = visible
        if length is not UNSET:
            field_dict["length"] = length
        if unique is not UNSET:
            field_dict["unique"] = unique
        if external is not UNSET:
            field_dict["external"] = external
        if lookup is not UNSET:
            field_dict["lookup"] = lookup

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_meta_external_type_0 import FieldMetaExternalType0  # noqa: PLC0415
        from ..models.field_meta_lookup import FieldMetaLookup  # noqa: PLC0415
        from ..models.field_meta_unique_type_0 import FieldMetaUniqueType0  # noqa: PLC0415

        d = dict(src_dict)
        api_name = d.pop("api_name")

        id = d.pop("id")

        data_type = d.pop("data_type")

        field_label = d.pop("field_label", UNSET)

        display_label = d.pop("display_label", UNSET)

        json_type = d.pop("json_type", UNSET)

        system_mandatory = d.pop("system_mandatory", UNSET)

        custom_field = d.pop("custom_field", UNSET)

        read_only = d.pop("read_only", UNSET)

        visible = d.pop("visible", UNSET)

        length = d.pop("length", UNSET)

        def _parse_unique(data: object) -> FieldMetaUniqueType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                unique_type_0 = FieldMetaUniqueType0.from_dict(data)

                return unique_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldMetaUniqueType0 | None | Unset, data)

        unique = _parse_unique(d.pop("unique", UNSET))

        def _parse_external(data: object) -> FieldMetaExternalType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_type_0 = FieldMetaExternalType0.from_dict(data)

                return external_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FieldMetaExternalType0 | None | Unset, data)

        external = _parse_external(d.pop("external", UNSET))

        _lookup = d.pop("lookup", UNSET)
        lookup: FieldMetaLookup | Unset
        if isinstance(_lookup, Unset):
            lookup = UNSET
        else:
            lookup = FieldMetaLookup.from_dict(_lookup)

        field_meta = cls(
            api_name=api_name,
            id=id,
            data_type=data_type,
            field_label=field_label,
            display_label=display_label,
            json_type=json_type,
            system_mandatory=system_mandatory,
            custom_field=custom_field,
            read_only=read_only,
            visible=visible,
            length=length,
            unique=unique,
            external=external,
            lookup=lookup,
        )

        field_meta.additional_properties = d
        return field_meta

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
