from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.photo_success_code import PhotoSuccessCode
from ..models.photo_success_status import PhotoSuccessStatus

if TYPE_CHECKING:
    from ..models.photo_success_details import PhotoSuccessDetails


T = TypeVar("T", bound="PhotoSuccess")


@_attrs_define
class PhotoSuccess:
    """A photo set or removed."""

    code: PhotoSuccessCode
    details: PhotoSuccessDetails
    message: str
    status: PhotoSuccessStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        details = self.details.to_dict()

        message = self.message

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "details": details,
                "message": message,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.photo_success_details import PhotoSuccessDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = PhotoSuccessCode(d.pop("code"))

        details = PhotoSuccessDetails.from_dict(d.pop("details"))

        message = d.pop("message")

        status = PhotoSuccessStatus(d.pop("status"))

        photo_success = cls(
            code=code,
            details=details,
            message=message,
            status=status,
        )

        photo_success.additional_properties = d
        return photo_success

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
