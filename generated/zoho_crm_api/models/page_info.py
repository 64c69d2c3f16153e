from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PageInfo")


@_attrs_define
class PageInfo:
    """Paging information of a list response."""

    page: int | Unset = UNSET
    per_page: int | Unset = UNSET
    count: int | Unset = UNSET
    more_records: bool | Unset = UNSET
    next_page_token: None | str | Unset = UNSET
    previous_page_token: None | str | Unset = UNSET
    page_token_expiry: datetime.datetime | None | Unset = UNSET
    sort_by: str | Unset = UNSET
    sort_order: str | Unset = UNSET
    call: bool | Unset = UNSET
    email: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        page = self.page

        per_page = self.per_page

        count = self.count

        more_records = self.more_records

        next_page_token: None | str | Unset
        if isinstance(self.next_page_token, Unset):
            next_page_token = UNSET
        else:
            next_page_token = self.next_page_token

        previous_page_token: None | str | Unset
        if isinstance(self.previous_page_token, Unset):
            previous_page_token = UNSET
        else:
            previous_page_token = self.previous_page_token

        page_token_expiry: None | str | Unset
        if isinstance(self.page_token_expiry, Unset):
            page_token_expiry = UNSET
        elif isinstance(self.page_token_expiry, datetime.datetime):
            page_token_expiry = self.page_token_expiry.isoformat()
        else:
            page_token_expiry = self.page_token_expiry

        sort_by = self.sort_by

        sort_order = self.sort_order

        call = self.call

        email = self.email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if page is not UNSET:
            field_dict["page"] = page
        if per_page is not UNSET:
            field_dict["per_page"] = per_page
        if count is not UNSET:
            field_dict["count"] = count
        if more_records is not UNSET:
            field_dict["more_records"] = more_records
        if next_page_token is not UNSET:
            field_dict["next_page_token"] = next_page_token
        if previous_page_token is not UNSET:
            field_dict["previous_page_token"] = previous_page_token
        if page_token_expiry is not UNSET:
            field_dict["page_token_expiry"] = page_token_expiry
        if sort_by is not UNSET:
            field_dict["sort_by"] = sort_by
        if sort_order is not UNSET:
            field_dict["sort_order"] = sort_order
        if call is not UNSET:
            field_dict["call"] = call
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        page = d.pop("page", UNSET)

        per_page = d.pop("per_page", UNSET)

        count = d.pop("count", UNSET)

        more_records = d.pop("more_records", UNSET)

        def _parse_next_page_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_page_token = _parse_next_page_token(d.pop("next_page_token", UNSET))

        def _parse_previous_page_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous_page_token = _parse_previous_page_token(d.pop("previous_page_token", UNSET))

        def _parse_page_token_expiry(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                page_token_expiry_type_0 = datetime.datetime.fromisoformat(data)

                return page_token_expiry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        page_token_expiry = _parse_page_token_expiry(d.pop("page_token_expiry", UNSET))

        sort_by = d.pop("sort_by", UNSET)

        sort_order = d.pop("sort_order", UNSET)

        call = d.pop("call", UNSET)

        email = d.pop("email", UNSET)

        page_info = cls(
            page=page,
            per_page=per_page,
            count=count,
            more_records=more_records,
            next_page_token=next_page_token,
            previous_page_token=previous_page_token,
            page_token_expiry=page_token_expiry,
            sort_by=sort_by,
            sort_order=sort_order,
            call=call,
            email=email,
        )

        page_info.additional_properties = d
        return page_info

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
