from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_success_code import ActionSuccessCode
from ..models.action_success_status import ActionSuccessStatus
from ..models.upsert_action import UpsertAction
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.action_details import ActionDetails


T = TypeVar("T", bound="ActionSuccess")


@_attrs_define
class ActionSuccess:
    """A record written. Mutually exclusive with `ActionError` through `status` and `code`.
    Upsert adds `action` and `duplicate_field` (null on insert).

    """

    code: ActionSuccessCode
    details: ActionDetails
    """ What Zoho wrote (id, times, users); on delete, the id (and external field). """
    message: str
    status: ActionSuccessStatus
    action: UpsertAction | Unset = UNSET
    duplicate_field: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code.value

        details = self.details.to_dict()

        message = self.message

        status = self.status.value

        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        duplicate_field: None | str | Unset
        if isinstance(self.duplicate_field, Unset):
            duplicate_field = UNSET
        else:
            duplicate_field = self.duplicate_field

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
        if action is not UNSET:
            field_dict["action"] = action
        if duplicate_field is not UNSET:
            field_dict["duplicate_field"] = duplicate_field

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_details import ActionDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = ActionSuccessCode(d.pop("code"))

        details = ActionDetails.from_dict(d.pop("details"))

        message = d.pop("message")

        status = ActionSuccessStatus(d.pop("status"))

        _action = d.pop("action", UNSET)
        action: UpsertAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = UpsertAction(_action)

        def _parse_duplicate_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        duplicate_field = _parse_duplicate_field(d.pop("duplicate_field", UNSET))

        action_success = cls(
            code=code,
            details=details,
            message=message,
            status=status,
            action=action,
            duplicate_field=duplicate_field,
        )

        action_success.additional_properties = d
        return action_success

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
