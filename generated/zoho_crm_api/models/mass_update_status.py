from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mass_update_status_status import MassUpdateStatusStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="MassUpdateStatus")


@_attrs_define
class MassUpdateStatus:
    """A mass update job."""

    status: MassUpdateStatusStatus
    total_count: int | Unset = UNSET
    """ Records the job holds. """
    updated_count: int | Unset = UNSET
    """ Records updated. """
    not_updated_count: int | Unset = UNSET
    """ Records not updated yet. """
    failed_count: int | Unset = UNSET
    """ Records the job could not update. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        total_count = self.total_count

        updated_count = self.updated_count

        not_updated_count = self.not_updated_count

        failed_count = self.failed_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "Status": status,
            }
        )
        if total_count is not UNSET:
            field_dict["Total_Count"] = total_count
        if updated_count is not UNSET:
            field_dict["Updated_Count"] = updated_count
        if not_updated_count is not UNSET:
            field_dict["Not_Updated_Count"] = not_updated_count
        if failed_count is not UNSET:
            field_dict["Failed_Count"] = failed_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = MassUpdateStatusStatus(d.pop("Status"))

        total_count = d.pop("Total_Count", UNSET)

        updated_count = d.pop("Updated_Count", UNSET)

        not_updated_count = d.pop("Not_Updated_Count", UNSET)

        failed_count = d.pop("Failed_Count", UNSET)

        mass_update_status = cls(
            status=status,
            total_count=total_count,
            updated_count=updated_count,
            not_updated_count=not_updated_count,
            failed_count=failed_count,
        )

        mass_update_status.additional_properties = d
        return mass_update_status

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
