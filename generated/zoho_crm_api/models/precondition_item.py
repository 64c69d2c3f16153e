from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.precondition_item_code import PreconditionItemCode
from ..models.precondition_item_status import PreconditionItemStatus

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="PreconditionItem")


@_attrs_define
class PreconditionItem:
    """A record that changed after `If-Unmodified-Since`; `details` holds its `id` and audit fields."""

    code: PreconditionItemCode
    details: ErrorDetails
    """ Open; the keys depend on the code. The common ones are typed. """
    message: str
    status: PreconditionItemStatus
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
        from ..models.error_details import ErrorDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = PreconditionItemCode(d.pop("code"))

        details = ErrorDetails.from_dict(d.pop("details"))

        message = d.pop("message")

        status = PreconditionItemStatus(d.pop("status"))

        precondition_item = cls(
            code=code,
            details=details,
            message=message,
            status=status,
        )

        precondition_item.additional_properties = d
        return precondition_item

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
