from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CoqlQueryRequest")


@_attrs_define
class CoqlQueryRequest:
    """One COQL select statement."""

    select_query: str
    """ The COQL select statement, e.g.
    `select Last_Name, Email from Leads where Email is not null order by Last_Name limit 0, 200`
    (one page; a walk of every page takes it without `limit`, which each page adds).
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        select_query = self.select_query

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "select_query": select_query,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        select_query = d.pop("select_query")

        coql_query_request = cls(
            select_query=select_query,
        )

        coql_query_request.additional_properties = d
        return coql_query_request

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
