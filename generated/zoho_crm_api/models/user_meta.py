from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.named_ref import NamedRef


T = TypeVar("T", bound="UserMeta")


@_attrs_define
class UserMeta:
    """A user of the org."""

    id: str
    full_name: str | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: str | Unset = UNSET
    email: str | Unset = UNSET
    status: str | Unset = UNSET
    confirm: bool | Unset = UNSET
    time_zone: str | Unset = UNSET
    role: NamedRef | Unset = UNSET
    profile: NamedRef | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        full_name = self.full_name

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name = self.last_name

        email = self.email

        status = self.status

        confirm = self.confirm

        time_zone = self.time_zone

        role: dict[str, Any] | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.to_dict()

        profile: dict[str, Any] | Unset = UNSET
        if not isinstance(self.profile, Unset):
            profile = self.profile.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if email is not UNSET:
            field_dict["email"] = email
        if status is not UNSET:
            field_dict["status"] = status
        if confirm is not UNSET:
            field_dict["confirm"] = confirm
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if role is not UNSET:
            field_dict["role"] = role
        if profile is not UNSET:
            field_dict["profile"] = profile

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.named_ref import NamedRef  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        full_name = d.pop("full_name", UNSET)

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        last_name = d.pop("last_name", UNSET)

        email = d.pop("email", UNSET)

        status = d.pop("status", UNSET)

        confirm = d.pop("confirm", UNSET)

        time_zone = d.pop("time_zone", UNSET)

        _role = d.pop("role", UNSET)
        role: NamedRef | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = NamedRef.from_dict(_role)

        _profile = d.pop("profile", UNSET)
        profile: NamedRef | Unset
        if isinstance(_profile, Unset):
            profile = UNSET
        else:
            profile = NamedRef.from_dict(_profile)

        user_meta = cls(
            id=id,
            full_name=full_name,
            first_name=first_name,
            last_name=last_name,
            email=email,
            status=status,
            confirm=confirm,
            time_zone=time_zone,
            role=role,
            profile=profile,
        )

        user_meta.additional_properties = d
        return user_meta

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
