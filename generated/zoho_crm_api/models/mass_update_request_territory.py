from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MassUpdateRequestTerritory")


@_attrs_define
class MassUpdateRequestTerritory:
    """With `cvid`, only the view's records of this territory (`include_child`, default false)."""

    id: int | str
    """ A record id in a request body: a numeric string, or a JSON integer as the official SDKs
    send it (their `id` is a 64-bit integer). Answers always carry ids as strings.
     """
    include_child: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        include_child = self.include_child

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if include_child is not UNSET:
            field_dict["include_child"] = include_child

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))

        include_child = d.pop("include_child", UNSET)

        mass_update_request_territory = cls(
            id=id,
            include_child=include_child,
        )

        return mass_update_request_territory
