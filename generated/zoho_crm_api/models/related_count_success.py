from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.related_list_ref import RelatedListRef


T = TypeVar("T", bound="RelatedCountSuccess")


@_attrs_define
class RelatedCountSuccess:
    count: int
    related_list: RelatedListRef
    """ A related list, by `api_name` or `id` (at least one). """

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        related_list = self.related_list.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "count": count,
                "related_list": related_list,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.related_list_ref import RelatedListRef  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        related_list = RelatedListRef.from_dict(d.pop("related_list"))

        related_count_success = cls(
            count=count,
            related_list=related_list,
        )

        return related_count_success
