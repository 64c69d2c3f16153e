"""``crm.records``: every Records operation, sync (:class:`Records`) and async (:class:`AsyncRecords`)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from zoho_crm_api.resources.records import AsyncRecordsResource, RecordsResource

from . import _options, _plans
from ._engine import AsyncEngine, SyncEngine, Timeout
from ._pagination import anumbered, awalk, numbered, walk
from ._runtime import AsyncRuntime, SyncRuntime
from .results import BatchResult, Page, Record, Success

if TYPE_CHECKING:
    from typing_extensions import Unpack

# Generated endpoint modules, named by operationId and imported on first use (``import zoho_crm`` stays light).
clone_record = "records.clone_record"
delete_record = "records.delete_record"
get_deleted_records = "records.get_deleted_records"
get_record = "records.get_record"
get_record_count = "records.get_record_count"
get_records = "records.get_records"
search_records = "records.search_records"
update_record = "records.update_record"


class Records(RecordsResource[BatchResult]):
    """Records of any module (sync): these calls, and every generated ``records`` operation (``get_records``...)."""

    def __init__(self, engine: SyncEngine, concurrency: int) -> None:
        super().__init__(SyncRuntime(engine, concurrency))
        self._engine = engine

    @_options.accepts(_options.GetOptions)
    def get(
        self,
        module: str,
        record_id: str,
        *,
        fields: Iterable[str] | None = None,
        external: str | None = None,
        if_modified_since: _plans.DateTime = None,
        timeout: Timeout = None,
        **options: Unpack[_options.GetOptions],
    ) -> Record | None:
        """One record, or ``None`` when there is none (or it has not changed since ``if_modified_since``).

        ``external="Contacts.External_Contact_ID"`` reads by external value instead of record id.
        ``options``: ``cvid``, ``converted``, ``approved``, ``territory_id``, ``include_child``.
        """
        params = _plans.get_params(
            module, record_id, fields=fields, external=external, if_modified_since=if_modified_since, **options
        )
        return _plans.first_record(
            _plans.page_from(self._engine.send(get_record, params, idempotent=True, timeout=timeout))
        )

    @_options.accepts(_options.ListOptions)
    def list(
        self,
        module: str,
        *,
        fields: Iterable[str] | str,
        timeout: Timeout = None,
        **options: Unpack[_options.ListOptions],
    ) -> Page:
        """One page of records (``page`` or ``page_token``, ``per_page`` ≤ 200, sorting, filters)."""
        params = _plans.list_params(module, fields=fields, **options)
        return _plans.page_from(self._engine.send(get_records, params, idempotent=True, timeout=timeout))

    @_options.accepts(_options.IterOptions)
    def iter(
        self,
        module: str,
        *,
        fields: Iterable[str] | str,
        per_page: int = 200,
        timeout: Timeout = None,
        **options: Unpack[_options.IterOptions],
    ) -> Iterator[Record]:
        """Every record, page by page (one page in memory), past 2,000 records with page tokens."""
        base = _plans.list_params(module, fields=fields, per_page=per_page, **options)
        yield from walk(self._engine, get_records, base, per_page, timeout)

    @_options.accepts(_options.SearchOptions)
    def search(self, module: str, *, timeout: Timeout = None, **options: Unpack[_options.SearchOptions]) -> Page:
        """One page of a search: ``criteria``, ``email``, ``phone`` or ``word``."""
        params = _plans.search_params(module, **options)
        return _plans.page_from(self._engine.send(search_records, params, idempotent=True, timeout=timeout))

    @_options.accepts(_options.SearchIterOptions)
    def iter_search(
        self,
        module: str,
        *,
        per_page: int = 200,
        timeout: Timeout = None,
        **options: Unpack[_options.SearchIterOptions],
    ) -> Iterator[Record]:
        """Every search result (Zoho stops searches at 2,000 records)."""
        yield from numbered(lambda n: self.search(module, page=n, per_page=per_page, timeout=timeout, **options),
                            per_page, _plans.DISCRETE_LIMIT)  # fmt: skip

    @_options.accepts(_options.CountOptions)
    def count(self, module: str, *, timeout: Timeout = None, **options: Unpack[_options.CountOptions]) -> int:
        """How many records (optionally of a ``cvid`` or matching ``criteria``/``email``/``phone``/``word``)."""
        params = _plans.count_params(module, **options)
        return _plans.record_count(self._engine.send(get_record_count, params, idempotent=True, timeout=timeout))

    def deleted(
        self, module: str, *, type: str | None = None, page: int | None = None, per_page: int | None = None,
        timeout: Timeout = None,
    ) -> Page:  # fmt: skip
        """One page of deleted records (``type``: all, recycle or permanent)."""
        params = _plans.deleted_params(module, type, page, per_page)
        return _plans.page_from(self._engine.send(get_deleted_records, params, idempotent=True, timeout=timeout))

    def iter_deleted(self, module: str, *, type: str | None = None, per_page: int = 200) -> Iterator[Record]:
        """Every deleted-record entry."""
        yield from numbered(lambda n: self.deleted(module, type=type, page=n, per_page=per_page), per_page)

    def update_one(
        self, module: str, record_id: str, record: dict[str, Any], *, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, trigger: Sequence[str] | None = None, timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """Update one record; raises a typed error (e.g. ``PreconditionFailedError``) when it fails."""
        params = _plans.update_one_params(
            module, record_id, record, external=external, if_unmodified_since=if_unmodified_since, trigger=trigger
        )
        return _plans.single_outcome(self._engine.send(update_record, params, idempotent=True, timeout=timeout), record)

    def delete_one(
        self, module: str, record_id: str, *, external: str | None = None, wf_trigger: bool | None = None,
        if_unmodified_since: _plans.DateTime = None, timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """Delete one record."""
        params = _plans.delete_one_params(
            module, record_id, external=external, wf_trigger=wf_trigger, if_unmodified_since=if_unmodified_since
        )
        response = self._engine.send(delete_record, params, idempotent=True, timeout=timeout)
        return _plans.single_outcome(response, record_id)

    def clone(
        self, module: str, record_id: str, overrides: dict[str, Any] | None = None, *, external: str | None = None,
        timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """Clone a record, optionally overriding fields of the copy; returns the new record's id."""
        params = _plans.clone_params(module, record_id, overrides, external)
        response = self._engine.send(clone_record, params, idempotent=False, timeout=timeout)
        return _plans.single_outcome(response, overrides)


class AsyncRecords(AsyncRecordsResource[BatchResult]):
    """Records of any module (async): the same calls as :class:`Records`, awaited."""

    def __init__(self, engine: AsyncEngine, concurrency: int) -> None:
        super().__init__(AsyncRuntime(engine, concurrency))
        self._engine = engine

    @_options.accepts(_options.GetOptions)
    async def get(
        self, module: str, record_id: str, *, fields: Iterable[str] | None = None, external: str | None = None,
        if_modified_since: _plans.DateTime = None, timeout: Timeout = None, **options: Unpack[_options.GetOptions],
    ) -> Record | None:  # fmt: skip
        """See :meth:`Records.get`."""
        params = _plans.get_params(
            module, record_id, fields=fields, external=external, if_modified_since=if_modified_since, **options
        )
        response = await self._engine.send(get_record, params, idempotent=True, timeout=timeout)
        return _plans.first_record(_plans.page_from(response))

    @_options.accepts(_options.ListOptions)
    async def list(
        self,
        module: str,
        *,
        fields: Iterable[str] | str,
        timeout: Timeout = None,
        **options: Unpack[_options.ListOptions],
    ) -> Page:
        """See :meth:`Records.list`."""
        params = _plans.list_params(module, fields=fields, **options)
        return _plans.page_from(await self._engine.send(get_records, params, idempotent=True, timeout=timeout))

    @_options.accepts(_options.IterOptions)
    async def iter(
        self,
        module: str,
        *,
        fields: Iterable[str] | str,
        per_page: int = 200,
        timeout: Timeout = None,
        **options: Unpack[_options.IterOptions],
    ) -> AsyncIterator[Record]:
        """See :meth:`Records.iter`."""
        base = _plans.list_params(module, fields=fields, per_page=per_page, **options)
        async for record in awalk(self._engine, get_records, base, per_page, timeout):
            yield record

    @_options.accepts(_options.SearchOptions)
    async def search(self, module: str, *, timeout: Timeout = None, **options: Unpack[_options.SearchOptions]) -> Page:
        """See :meth:`Records.search`."""
        params = _plans.search_params(module, **options)
        return _plans.page_from(await self._engine.send(search_records, params, idempotent=True, timeout=timeout))

    @_options.accepts(_options.SearchIterOptions)
    async def iter_search(
        self,
        module: str,
        *,
        per_page: int = 200,
        timeout: Timeout = None,
        **options: Unpack[_options.SearchIterOptions],
    ) -> AsyncIterator[Record]:
        """See :meth:`Records.iter_search`."""
        search = lambda n: self.search(module, page=n, per_page=per_page, timeout=timeout, **options)  # noqa: E731
        async for record in anumbered(search, per_page, _plans.DISCRETE_LIMIT):
            yield record

    @_options.accepts(_options.CountOptions)
    async def count(self, module: str, *, timeout: Timeout = None, **options: Unpack[_options.CountOptions]) -> int:
        """See :meth:`Records.count`."""
        params = _plans.count_params(module, **options)
        return _plans.record_count(await self._engine.send(get_record_count, params, idempotent=True, timeout=timeout))

    async def deleted(
        self, module: str, *, type: str | None = None, page: int | None = None, per_page: int | None = None,
        timeout: Timeout = None,
    ) -> Page:  # fmt: skip
        """See :meth:`Records.deleted`."""
        params = _plans.deleted_params(module, type, page, per_page)
        response = await self._engine.send(get_deleted_records, params, idempotent=True, timeout=timeout)
        return _plans.page_from(response)

    async def iter_deleted(self, module: str, *, type: str | None = None, per_page: int = 200) -> AsyncIterator[Record]:
        """See :meth:`Records.iter_deleted`."""
        async for record in anumbered(lambda n: self.deleted(module, type=type, page=n, per_page=per_page), per_page):
            yield record

    async def update_one(
        self, module: str, record_id: str, record: dict[str, Any], *, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, trigger: Sequence[str] | None = None, timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """See :meth:`Records.update_one`."""
        params = _plans.update_one_params(
            module, record_id, record, external=external, if_unmodified_since=if_unmodified_since, trigger=trigger
        )
        response = await self._engine.send(update_record, params, idempotent=True, timeout=timeout)
        return _plans.single_outcome(response, record)

    async def delete_one(
        self, module: str, record_id: str, *, external: str | None = None, wf_trigger: bool | None = None,
        if_unmodified_since: _plans.DateTime = None, timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """See :meth:`Records.delete_one`."""
        params = _plans.delete_one_params(
            module, record_id, external=external, wf_trigger=wf_trigger, if_unmodified_since=if_unmodified_since
        )
        response = await self._engine.send(delete_record, params, idempotent=True, timeout=timeout)
        return _plans.single_outcome(response, record_id)

    async def clone(
        self, module: str, record_id: str, overrides: dict[str, Any] | None = None, *, external: str | None = None,
        timeout: Timeout = None,
    ) -> Success:  # fmt: skip
        """See :meth:`Records.clone`."""
        params = _plans.clone_params(module, record_id, overrides, external)
        response = await self._engine.send(clone_record, params, idempotent=False, timeout=timeout)
        return _plans.single_outcome(response, overrides)
