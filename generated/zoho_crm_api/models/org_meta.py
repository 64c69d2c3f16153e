from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrgMeta")


@_attrs_define
class OrgMeta:
    """The organization."""

    id: str
    company_name: str | Unset = UNSET
    domain_name: str | Unset = UNSET
    primary_email: str | Unset = UNSET
    zgid: str | Unset = UNSET
    time_zone: str | Unset = UNSET
    currency: str | Unset = UNSET
    iso_code: str | Unset = UNSET
    country_code: str | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        company_name = self.company_name

        domain_name = self.domain_name

        primary_email = self.primary_email

        zgid = self.zgid

        time_zone = self.time_zone

        currency = self.currency

        iso_code = self.iso_code

        country_code = self.country_code

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if domain_name is not UNSET:
            field_dict["domain_name"] = domain_name
        if primary_email is not UNSET:
            field_dict["primary_email"] = primary_email
        if zgid is not UNSET:
            field_dict["zgid"] = zgid
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone
        if currency is not UNSET:
            field_dict["currency"] = currency
        if iso_code is not UNSET:
            field_dict["iso_code"] = iso_code
        if country_code is not UNSET:
            field_dict["country_code"] = country_code
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        company_name = d.pop("company_name", UNSET)

        domain_name = d.pop("domain_name", UNSET)

        primary_email = d.pop("primary_email", UNSET)

        zgid = d.pop("zgid", UNSET)

        time_zone = d.pop("time_zone", UNSET)

        currency = d.pop("currency", UNSET)

        iso_code = d.pop("iso_code", UNSET)

        country_code = d.pop("country_code", UNSET)

        type_ = d.pop("type", UNSET)

        org_meta = cls(
            id=id,
            company_name=company_name,
            domain_name=domain_name,
            primary_email=primary_email,
            zgid=zgid,
            time_zone=time_zone,
            currency=currency,
            iso_code=iso_code,
            country_code=country_code,
            type_=type_,
        )

        org_meta.additional_properties = d
        return org_meta

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
