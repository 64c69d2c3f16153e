"""``crm.related``: records related to a parent through a related list, sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from zoho_crm_api.resources.related import AsyncRelatedResource, RelatedResource

from . import _options, _plans
from . import _validation as check
from ._engine import AsyncEngine, SyncEngine, Timeout
from ._pagination import awalk, walk
from ._runtime import AsyncRuntime, SyncRuntime
from .results import BatchResult, Page, Record, Success

if TYPE_CHECKING:
    from typing_extensions import Unpack

# Generated endpoint modules, named by operationId and imported on first use (``import zoho_crm`` stays light).
delink_related_record = "related_records.delink_related_record"
get_deleted_record_related_records = "related_records.get_deleted_record_related_records"
get_related_record = "related_records.get_related_record"
get_related_records = "related_records.get_related_records"
get_related_records_count = "related_records.get_related_records_count"
update_related_record = "related_records.update_related_record"


def _list_params(
    module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, external: str | None,
    **options: Any,
) -> dict[str, Any]:  # fmt: skip
    params = _plans.list_params(module, fields=fields, external=external, **options)
    params.update(_plans.related_path(module, record_id, related_list, external))
    return params


def _deleted_params(
    module: str, record_id: str, related_list: str, fields: Iterable[str] | str, page: int, per_page: int
) -> dict[str, Any]:
    params = _plans.related_path(module, record_id, related_list, None)
    params.update(fields=check.fields(fields, required=True), page=check.page(page), per_page=check.per_page(per_page))
    return params


def _count_params(module: str, record_id: str, related_lists: Sequence[str], external: str | None) -> dict[str, Any]:
    return {**_plans.record_path(module, record_id, external), **_plans.conditional(external),
            "body": _plans.count_body(related_lists)}  # fmt: skip


class Related(RelatedResource[BatchResult]):
    """Related records (sync): these calls, and every generated ``related_records`` operation."""

    def __init__(self, engine: SyncEngine, concurrency: int) -> None:
        super().__init__(SyncRuntime(engine, concurrency))
        self._engine = engine

    @_options.accepts(_options.RelatedListOptions)
    def list(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str,
        external: str | None = None, timeout: Timeout = None, **options: Unpack[_options.RelatedListOptions],
    ) -> Page:  # fmt: skip
        """One page of the related list (``page``/``page_token``, ``per_page`` ≤ 200, ``ids``, sorting)."""
        params = _list_params(module, record_id, related_list, fields=fields, external=external, **options)
        return _plans.page_from(self._engine.send(get_related_records, params, idempotent=True, timeout=timeout))

    @_options.accepts(_options.RelatedIterOptions)
    def iter(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, per_page: int = 200,
        external: str | None = None, timeout: Timeout = None, **options: Unpack[_options.RelatedIterOptions],
    ) -> Iterator[Record]:  # fmt: skip
        """Every related record, page by page, past 2,000 with page tokens."""
        base = _list_params(module, record_id, related_list, fields=fields, external=external, per_page=per_page,
                            **options)  # fmt: skip
        yield from walk(self._engine, get_related_records, base, per_page, timeout)

    def get(
        self, module: str, record_id: str, related_list: str, related_id: str, *,
        fields: Iterable[str] | str | None = None, external: str | None = None,
        if_modified_since: _plans.DateTime = None, timeout: Timeout = None,
    ) -> Record | None:  # fmt: skip
        """One related record, or ``None`` when it is not related."""
        params = _plans.related_one_params(
            module, record_id, related_list, related_id, external, fields=check.fields(fields),
            if_modified_since=check.header_datetime(if_modified_since, "if_modified_since"),
        )  # fmt: skip
        response = self._engine.send(get_related_record, params, idempotent=True, timeout=timeout)
        return _plans.first_record(_plans.page_from(response))

    def update_one(
        self, module: str, record_id: str, related_list: str, related_id: str, fields: dict[str, Any] | None = None,
        *, external: str | None = None, timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """Link one record (or update its relation fields)."""
        params = _plans.related_one_params(module, record_id, related_list, related_id, external)
        params["body"] = _plans.body(_plans.body_model("related_update_one"), {"data": check.records([fields or {}])})
        return _plans.single_outcome(
            self._engine.send(update_related_record, params, idempotent=True, timeout=timeout), related_id
        )

    def delink_one(
        self, module: str, record_id: str, related_list: str, related_id: str, *, external: str | None = None,
        timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """Remove one relation."""
        params = _plans.related_one_params(module, record_id, related_list, related_id, external)
        return _plans.single_outcome(
            self._engine.send(delink_related_record, params, idempotent=True, timeout=timeout), related_id
        )

    def count(
        self, module: str, record_id: str, related_lists: Sequence[str], *, external: str | None = None,
        timeout: Timeout = None,
    ) -> dict[str, int]:  # fmt: skip
        """How many records each related list holds: ``{"Notes": 3, ...}``."""
        params = _count_params(module, record_id, related_lists, external)
        return _plans.related_counts(
            self._engine.send(get_related_records_count, params, idempotent=True, timeout=timeout)
        )

    def list_of_deleted(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, page: int = 1,
        per_page: int = 200, timeout: Timeout = None,
    ) -> Page:  # fmt: skip
        """One page of the related records of a record in the recycle bin."""
        params = _deleted_params(module, record_id, related_list, fields, page, per_page)
        response = self._engine.send(get_deleted_record_related_records, params, idempotent=True, timeout=timeout)
        return _plans.page_from(response)

    def iter_of_deleted(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, per_page: int = 200
    ) -> Iterator[Record]:
        """Every related record of a record in the recycle bin."""
        page_no = 1
        while True:
            page = self.list_of_deleted(module, record_id, related_list, fields=fields, page=page_no, per_page=per_page)
            yield from page.records
            if not page.more_records or not page.records:
                return
            page_no += 1


class AsyncRelated(AsyncRelatedResource[BatchResult]):
    """Related records (async): the same calls as :class:`Related`, awaited."""

    def __init__(self, engine: AsyncEngine, concurrency: int) -> None:
        super().__init__(AsyncRuntime(engine, concurrency))
        self._engine = engine

    @_options.accepts(_options.RelatedListOptions)
    async def list(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str,
        external: str | None = None, timeout: Timeout = None, **options: Unpack[_options.RelatedListOptions],
    ) -> Page:  # fmt: skip
        """See :meth:`Related.list`."""
        params = _list_params(module, record_id, related_list, fields=fields, external=external, **options)
        return _plans.page_from(await self._engine.send(get_related_records, params, idempotent=True, timeout=timeout))

    @_options.accepts(_options.RelatedIterOptions)
    async def iter(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, per_page: int = 200,
        external: str | None = None, timeout: Timeout = None, **options: Unpack[_options.RelatedIterOptions],
    ) -> AsyncIterator[Record]:  # fmt: skip
        """See :meth:`Related.iter`."""
        base = _list_params(module, record_id, related_list, fields=fields, external=external, per_page=per_page,
                            **options)  # fmt: skip
        async for record in awalk(self._engine, get_related_records, base, per_page, timeout):
            yield record

    async def get(
        self, module: str, record_id: str, related_list: str, related_id: str, *,
        fields: Iterable[str] | str | None = None, external: str | None = None,
        if_modified_since: _plans.DateTime = None, timeout: Timeout = None,
    ) -> Record | None:  # fmt: skip
        """See :meth:`Related.get`."""
        params = _plans.related_one_params(
            module, record_id, related_list, related_id, external, fields=check.fields(fields),
            if_modified_since=check.header_datetime(if_modified_since, "if_modified_since"),
        )  # fmt: skip
        response = await self._engine.send(get_related_record, params, idempotent=True, timeout=timeout)
        return _plans.first_record(_plans.page_from(response))

    async def update_one(
        self, module: str, record_id: str, related_list: str, related_id: str, fields: dict[str, Any] | None = None,
        *, external: str | None = None, timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """See :meth:`Related.update_one`."""
        params = _plans.related_one_params(module, record_id, related_list, related_id, external)
        params["body"] = _plans.body(_plans.body_model("related_update_one"), {"data": check.records([fields or {}])})
        response = await self._engine.send(update_related_record, params, idempotent=True, timeout=timeout)
        return _plans.single_outcome(response, related_id)

    async def delink_one(
        self, module: str, record_id: str, related_list: str, related_id: str, *, external: str | None = None,
        timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """See :meth:`Related.delink_one`."""
        params = _plans.related_one_params(module, record_id, related_list, related_id, external)
        response = await self._engine.send(delink_related_record, params, idempotent=True, timeout=timeout)
        return _plans.single_outcome(response, related_id)

    async def count(
        self, module: str, record_id: str, related_lists: Sequence[str], *, external: str | None = None,
        timeout: Timeout = None,
    ) -> dict[str, int]:  # fmt: skip
        """See :meth:`Related.count`."""
        params = _count_params(module, record_id, related_lists, external)
        return _plans.related_counts(
            await self._engine.send(get_related_records_count, params, idempotent=True, timeout=timeout)
        )

    async def list_of_deleted(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, page: int = 1,
        per_page: int = 200, timeout: Timeout = None,
    ) -> Page:  # fmt: skip
        """See :meth:`Related.list_of_deleted`."""
        params = _deleted_params(module, record_id, related_list, fields, page, per_page)
        response = await self._engine.send(get_deleted_record_related_records, params, idempotent=True, timeout=timeout)
        return _plans.page_from(response)

    async def iter_of_deleted(
        self, module: str, record_id: str, related_list: str, *, fields: Iterable[str] | str, per_page: int = 200
    ) -> AsyncIterator[Record]:
        """See :meth:`Related.iter_of_deleted`."""
        page_no = 1
        while True:
            page = await self.list_of_deleted(
                module, record_id, related_list, fields=fields, page=page_no, per_page=per_page
            )
            for record in page.records:
                yield record
            if not page.more_records or not page.records:
                return
            page_no += 1
