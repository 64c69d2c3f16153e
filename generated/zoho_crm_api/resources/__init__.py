"""Generated resources, one per spec tag (``x-zoho-resource`` names its attribute): do not edit.

:class:`SyncResources` and :class:`AsyncResources` give a facade every resource: ``ZohoCRM`` and
``AsyncZohoCRM`` inherit them and call ``_bind_resources`` with their runtime. A facade may set an
attribute first with a richer subclass of the generated resource (``crm.records``); the rest are
bound here, so a new tag in the spec is a new ``crm.<resource>`` with no hand-written code.

The resource modules are imported when a facade is made (or a class is asked for by name), not with
this package: importing the client stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Generic

from .._runtime import BatchT, OutcomeT, PageT, SuccessT

if TYPE_CHECKING:
    from .._runtime import AsyncRuntime, SyncRuntime
    from .coql import AsyncCoqlResource, CoqlResource
    from .metadata import AsyncMetadataResource, MetadataResource
    from .records import AsyncRecordsResource, RecordsResource
    from .related import AsyncRelatedResource, RelatedResource

__all__ = [
    "AsyncResources",
    "AsyncRecordsResource",
    "RecordsResource",
    "AsyncRelatedResource",
    "RelatedResource",
    "AsyncMetadataResource",
    "MetadataResource",
    "AsyncCoqlResource",
    "CoqlResource",
    "SyncResources",
]

RESOURCES = (
    "records",
    "related",
    "metadata",
    "coql",
)
"""Attribute names of the resources, in spec order."""

_MODULES = {
    "RecordsResource": "records",
    "AsyncRecordsResource": "records",
    "RelatedResource": "related",
    "AsyncRelatedResource": "related",
    "MetadataResource": "metadata",
    "AsyncMetadataResource": "metadata",
    "CoqlResource": "coql",
    "AsyncCoqlResource": "coql",
}
"""The module of each resource class."""


def __getattr__(name: str) -> Any:
    """A resource class, its module imported on first use (PEP 562)."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
    globals()[name] = value
    return value


class SyncResources(Generic[BatchT, PageT, SuccessT, OutcomeT]):
    """Every resource of the spec, synchronously."""

    records: RecordsResource[BatchT, PageT, SuccessT, OutcomeT]
    related: RelatedResource[BatchT, PageT, SuccessT, OutcomeT]
    metadata: MetadataResource[BatchT, PageT, SuccessT, OutcomeT]
    coql: CoqlResource[BatchT, PageT, SuccessT, OutcomeT]

    def _bind_resources(self, runtime: SyncRuntime[BatchT, PageT, SuccessT, OutcomeT]) -> None:
        """Set each resource the facade has not set itself."""
        if "records" not in self.__dict__:
            from .records import RecordsResource

            self.records = RecordsResource(runtime)
        if "related" not in self.__dict__:
            from .related import RelatedResource

            self.related = RelatedResource(runtime)
        if "metadata" not in self.__dict__:
            from .metadata import MetadataResource

            self.metadata = MetadataResource(runtime)
        if "coql" not in self.__dict__:
            from .coql import CoqlResource

            self.coql = CoqlResource(runtime)


class AsyncResources(Generic[BatchT, PageT, SuccessT, OutcomeT]):
    """Every resource of the spec, asynchronously."""

    records: AsyncRecordsResource[BatchT, PageT, SuccessT, OutcomeT]
    related: AsyncRelatedResource[BatchT, PageT, SuccessT, OutcomeT]
    metadata: AsyncMetadataResource[BatchT, PageT, SuccessT, OutcomeT]
    coql: AsyncCoqlResource[BatchT, PageT, SuccessT, OutcomeT]

    def _bind_resources(self, runtime: AsyncRuntime[BatchT, PageT, SuccessT, OutcomeT]) -> None:
        """Set each resource the facade has not set itself."""
        if "records" not in self.__dict__:
            from .records import AsyncRecordsResource

            self.records = AsyncRecordsResource(runtime)
        if "related" not in self.__dict__:
            from .related import AsyncRelatedResource

            self.related = AsyncRelatedResource(runtime)
        if "metadata" not in self.__dict__:
            from .metadata import AsyncMetadataResource

            self.metadata = AsyncMetadataResource(runtime)
        if "coql" not in self.__dict__:
            from .coql import AsyncCoqlResource

            self.coql = AsyncCoqlResource(runtime)
