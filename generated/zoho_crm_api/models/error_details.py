from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_details_ambiguity_due_to_item import ErrorDetailsAmbiguityDueToItem
    from ..models.error_details_duplicate_record import ErrorDetailsDuplicateRecord
    from ..models.error_details_expected_fields_item import ErrorDetailsExpectedFieldsItem


T = TypeVar("T", bound="ErrorDetails")


@_attrs_define
class ErrorDetails:
    """Open; the keys depend on the code. The common ones are typed."""

    api_name: str | Unset = UNSET
    json_path: str | Unset = UNSET
    id: str | Unset = UNSET
    param_name: str | Unset = UNSET
    resource_path_index: int | Unset = UNSET
    expected_data_type: str | Unset = UNSET
    maximum_length: int | Unset = UNSET
    limit: int | Unset = UNSET
    supported_values: list[Any] | Unset = UNSET
    permissions: list[str] | Unset = UNSET
    expected_fields: list[ErrorDetailsExpectedFieldsItem] | Unset = UNSET
    ambiguity_due_to: list[ErrorDetailsAmbiguityDueToItem] | Unset = UNSET
    duplicate_record: ErrorDetailsDuplicateRecord | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_name = self.api_name

        json_path = self.json_path

        id = self.id

        param_name = self.param_name

        resource_path_index = self.resource_path_index

        expected_data_type = self.expected_data_type

        maximum_length = self.maximum_length

        limit = self.limit

        supported_values: list[Any] | Unset = UNSET
        if not isinstance(self.supported_values, Unset):
            supported_values = self.supported_values

        permissions: list[str] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = self.permissions

        expected_fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.expected_fields, Unset):
            expected_fields = []
            for expected_fields_item_data in self.expected_fields:
                expected_fields_item = expected_fields_item_data.to_dict()
                expected_fields.append(expected_fields_item)

        ambiguity_due_to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ambiguity_due_to, Unset):
            ambiguity_due_to = []
            for ambiguity_due_to_item_data in self.ambiguity_due_to:
                ambiguity_due_to_item = ambiguity_due_to_item_data.to_dict()
                ambiguity_due_to.append(ambiguity_due_to_item)

        duplicate_record: dict[str, Any] | Unset = UNSET
        if not isinstance(self.duplicate_record, Unset):
            duplicate_record = self.duplicate_record.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if api_name is not UNSET:
            field_dict["api_name"] = api_name
        if json_path is not UNSET:
            field_dict["json_path"] = json_path
        if id is not UNSET:
            field_dict["id"] = id
        if param_name is not UNSET:
            field_dict["param_name"] = param_name
        if resource_path_index is not UNSET:
            field_dict["resource_path_index"] = resource_path_index
        if expected_data_type is not UNSET:
            field_dict["expected_data_type"] = expected_data_type
        if maximum_length is not UNSET:
            field_dict["maximum_length"] = maximum_length
        if limit is not UNSET:
            field_dict["limit"] = limit
        if supported_values is not UNSET:
            field_dict["supported_values"] = supported_values
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if expected_fields is not UNSET:
            field_dict["expected_fields"] = expected_fields
        if ambiguity_due_to is not UNSET:
            field_dict["ambiguity_due_to"] = ambiguity_due_to
        if duplicate_record is not UNSET:
            field_dict["duplicate_record"] = duplicate_record

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_details_ambiguity_due_to_item import ErrorDetailsAmbiguityDueToItem  # noqa: PLC0415
        from ..models.error_details_duplicate_record import ErrorDetailsDuplicateRecord  # noqa: PLC0415
        from ..models.error_details_expected_fields_item import ErrorDetailsExpectedFieldsItem  # noqa: PLC0415

        d = dict(src_dict)
        api_name = d.pop("api_name", UNSET)

        json_path = d.pop("json_path", UNSET)

        id = d.pop("id", UNSET)

        param_name = d.pop("param_name", UNSET)

        resource_path_index = d.pop("resource_path_index", UNSET)

        expected_data_type = d.pop("expected_data_type", UNSET)

        maximum_length = d.pop("maximum_length", UNSET)

        limit = d.pop("limit", UNSET)

        supported_values = cast(list[Any], d.pop("supported_values", UNSET))

        permissions = cast(list[str], d.pop("permissions", UNSET))

        _expected_fields = d.pop("expected_fields", UNSET)
        expected_fields: list[ErrorDetailsExpectedFieldsItem] | Unset = UNSET
        if _expected_fields is not UNSET:
            expected_fields = []
            for expected_fields_item_data in _expected_fields:
                expected_fields_item = ErrorDetailsExpectedFieldsItem.from_dict(expected_fields_item_data)

                expected_fields.append(expected_fields_item)

        _ambiguity_due_to = d.pop("ambiguity_due_to", UNSET)
        ambiguity_due_to: list[ErrorDetailsAmbiguityDueToItem] | Unset = UNSET
        if _ambiguity_due_to is not UNSET:
            ambiguity_due_to = []
            for ambiguity_due_to_item_data in _ambiguity_due_to:
                ambiguity_due_to_item = ErrorDetailsAmbiguityDueToItem.from_dict(ambiguity_due_to_item_data)

                ambiguity_due_to.append(ambiguity_due_to_item)

        _duplicate_record = d.pop("duplicate_record", UNSET)
        duplicate_record: ErrorDetailsDuplicateRecord | Unset
        if isinstance(_duplicate_record, Unset):
            duplicate_record = UNSET
        else:
            duplicate_record = ErrorDetailsDuplicateRecord.from_dict(_duplicate_record)

        error_details = cls(
            api_name=api_name,
            json_path=json_path,
            id=id,
            param_name=param_name,
            resource_path_index=resource_path_index,
            expected_data_type=expected_data_type,
            maximum_length=maximum_length,
            limit=limit,
            supported_values=supported_values,
            permissions=permissions,
            expected_fields=expected_fields,
            ambiguity_due_to=ambiguity_due_to,
            duplicate_record=duplicate_record,
        )

        error_details.additional_properties = d
        return error_details

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
