"""``crm.records``: every Records operation, sync (:class:`Records`) and async (:class:`AsyncRecords`)."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator, Sequence
from typing import Any

from . import _batch, _idempotency, _plans, _streaming
from . import _validation as check
from ._engine import AsyncEngine, SyncEngine, Timeout
from ._pagination import anumbered, awalk, numbered, walk
from .results import BatchResult, Outcome, Page, Record, Success

# Generated endpoint modules, named by operationId and imported on first use (``import zoho_crm`` stays light).
clone_record = "records.clone_record"
delete_record = "records.delete_record"
delete_records = "records.delete_records"
get_deleted_records = "records.get_deleted_records"
get_record = "records.get_record"
get_record_count = "records.get_record_count"
get_records = "records.get_records"
insert_records = "records.insert_records"
search_records = "records.search_records"
update_record = "records.update_record"
update_records = "records.update_records"
upsert_records = "records.upsert_records"


_WRITES: dict[str, str] = {"insert": insert_records, "update": update_records, "upsert": upsert_records}


class _Base:
    def __init__(self, concurrency: int) -> None:
        self._concurrency = concurrency

    @staticmethod
    def _write_plan(
        kind: str, module: str, records: object, *, external: str | None, if_unmodified_since: _plans.DateTime,
        extra: dict[str, Any],
    ) -> _batch.Prepared:  # fmt: skip
        """Chunks and the generated call arguments of each, all checked before any request is sent."""
        module = check.api_name(module)
        items = check.records(records)
        if kind == "update":
            _plans.require_ids(items, external, "records")
        headers = _plans.conditional(external, if_unmodified_since)
        return _batch.plan(items, _plans.write_arguments(kind, module, extra, headers))

    @staticmethod
    def _delete_plan(
        module: str, ids: Iterable[str], *, wf_trigger: bool | None, external: str | None
    ) -> _batch.Prepared:
        path = {"module": check.api_name(module), **_plans.conditional(external, wf_trigger=wf_trigger)}
        return _batch.plan(check.record_ids(ids, external=external is not None), _plans.ids_arguments(path))


class Records(_Base):
    """Records of any module (sync)."""

    def __init__(self, engine: SyncEngine, concurrency: int) -> None:
        super().__init__(concurrency)
        self._engine = engine

    def get(
        self,
        module: str,
        record_id: str,
        *,
        fields: Iterable[str] | None = None,
        external: str | None = None,
        if_modified_since: _plans.DateTime = None,
        timeout: Timeout = None,
        **options: Any,
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

    def list(self, module: str, *, fields: Iterable[str] | str, timeout: Timeout = None, **options: Any) -> Page:
        """One page of records (``page`` or ``page_token``, ``per_page`` ≤ 200, sorting, filters)."""
        params = _plans.list_params(module, fields=fields, **options)
        return _plans.page_from(self._engine.send(get_records, params, idempotent=True, timeout=timeout))

    def iter(
        self, module: str, *, fields: Iterable[str] | str, per_page: int = 200, timeout: Timeout = None, **options: Any
    ) -> Iterator[Record]:
        """Every record, page by page (one page in memory), past 2,000 records with page tokens."""
        base = _plans.list_params(module, fields=fields, per_page=per_page, **options)
        yield from walk(self._engine, get_records, base, per_page, timeout)

    def search(self, module: str, *, timeout: Timeout = None, **options: Any) -> Page:
        """One page of a search: ``criteria``, ``email``, ``phone`` or ``word``."""
        params = _plans.search_params(module, **options)
        return _plans.page_from(self._engine.send(search_records, params, idempotent=True, timeout=timeout))

    def iter_search(
        self, module: str, *, per_page: int = 200, timeout: Timeout = None, **options: Any
    ) -> Iterator[Record]:
        """Every search result (Zoho stops searches at 2,000 records)."""
        yield from numbered(lambda n: self.search(module, page=n, per_page=per_page, timeout=timeout, **options),
                            per_page, _plans.DISCRETE_LIMIT)  # fmt: skip

    def count(self, module: str, *, timeout: Timeout = None, **options: Any) -> int:
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

    def _run_batch(
        self, kind: str, module: str, records: object, *, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, extra: dict[str, Any], concurrency: int | None,
        on_progress: _batch.ProgressCallback | None, timeout: Timeout,
    ) -> BatchResult:  # fmt: skip
        chunks, prepared, total = self._write_plan(
            kind, module, records, external=external, if_unmodified_since=if_unmodified_since, extra=extra
        )
        safe = _idempotency.batch_safety(kind, module, chunks, external, extra.get("duplicate_check_fields"))
        call = _batch.sync_caller(self._engine, _WRITES[kind], prepared, idempotent=safe, timeout=timeout)
        return _batch.run_sync(
            chunks, call, concurrency=_batch.lanes(concurrency, self._concurrency), total=total, on_progress=on_progress
        )

    def insert(
        self, module: str, records: Iterable[dict[str, Any]], *, trigger: Sequence[str] | None = None,
        lar_id: str | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        apply_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        concurrency: int | None = None, on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """Insert any number of records (100 per call). Retried only when provably not sent."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        extra.update(_plans.compact(lar_id=lar_id, apply_feature_execution=apply_feature_execution))
        return self._run_batch("insert", module, records, external=external, extra=extra, concurrency=concurrency,
                           on_progress=on_progress, timeout=timeout)  # fmt: skip

    def update(
        self, module: str, records: Iterable[dict[str, Any]], *, trigger: Sequence[str] | None = None,
        skip_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, concurrency: int | None = None,
        on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """Update any number of records, each naming itself by ``id`` (or by its external field)."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        return self._run_batch("update", module, records, external=external, if_unmodified_since=if_unmodified_since,
                           extra=extra, concurrency=concurrency, on_progress=on_progress, timeout=timeout)  # fmt: skip

    def upsert(
        self, module: str, records: Iterable[dict[str, Any]], *, duplicate_check_fields: Sequence[str] | None = None,
        trigger: Sequence[str] | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        external: str | None = None, concurrency: int | None = None,
        on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """Insert or update any number of records, matched by ``duplicate_check_fields`` in order.

        A call is repeated after a lost answer only when every record in it names itself (``id``, external
        field, or a value for the duplicate check: see ``zoho_crm._idempotency``); else it is sent like an insert.
        """
        extra = _plans.write_options(trigger, skip_feature_execution)
        if duplicate_check_fields is not None:
            extra["duplicate_check_fields"] = _plans.field_names(duplicate_check_fields, "duplicate_check_fields")
        return self._run_batch("upsert", module, records, external=external, extra=extra, concurrency=concurrency,
                           on_progress=on_progress, timeout=timeout)  # fmt: skip

    def insert_stream(
        self, module: str, records: Iterable[dict[str, Any]], *, trigger: Sequence[str] | None = None,
        lar_id: str | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        apply_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        concurrency: int | None = None, timeout: Timeout = None,
    ) -> Iterator[Outcome]:  # fmt: skip
        """:meth:`insert` in constant memory: records read 100 at a time, one outcome per record yielded in order.

        Each chunk is checked as it is read, not all before the first call: a bad record fails its
        chunk (nothing of it sent) and the stream goes on (see ``zoho_crm._streaming``, docs/batching.md).
        """
        extra = _plans.write_options(trigger, skip_feature_execution)
        extra.update(_plans.compact(lar_id=lar_id, apply_feature_execution=apply_feature_execution))
        lanes = _batch.lanes(concurrency, self._concurrency)
        return _streaming.sync_writes(self._engine, _WRITES["insert"], "insert", module, records, external=external,
                                       extra=extra, concurrency=lanes, timeout=timeout)  # fmt: skip

    def update_stream(
        self, module: str, records: Iterable[dict[str, Any]], *, trigger: Sequence[str] | None = None,
        skip_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, concurrency: int | None = None, timeout: Timeout = None,
    ) -> Iterator[Outcome]:  # fmt: skip
        """:meth:`update` in constant memory (see :meth:`insert_stream`)."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        lanes = _batch.lanes(concurrency, self._concurrency)
        return _streaming.sync_writes(self._engine, _WRITES["update"], "update", module, records, external=external,
                                       extra=extra, concurrency=lanes, timeout=timeout,
                                       if_unmodified_since=if_unmodified_since)  # fmt: skip

    def upsert_stream(
        self, module: str, records: Iterable[dict[str, Any]], *, duplicate_check_fields: Sequence[str] | None = None,
        trigger: Sequence[str] | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        external: str | None = None, concurrency: int | None = None, timeout: Timeout = None,
    ) -> Iterator[Outcome]:  # fmt: skip
        """:meth:`upsert` in constant memory, one outcome per record yielded in order (see :meth:`insert_stream`)."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        if duplicate_check_fields is not None:
            extra["duplicate_check_fields"] = _plans.field_names(duplicate_check_fields, "duplicate_check_fields")
        lanes = _batch.lanes(concurrency, self._concurrency)
        return _streaming.sync_writes(self._engine, _WRITES["upsert"], "upsert", module, records, external=external,
                                       extra=extra, concurrency=lanes, timeout=timeout)  # fmt: skip

    def delete(
        self, module: str, ids: Iterable[str], *, wf_trigger: bool | None = None, external: str | None = None,
        concurrency: int | None = None, on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """Delete any number of records by id (or external value), 100 per call."""
        chunks, prepared, total = self._delete_plan(module, ids, wf_trigger=wf_trigger, external=external)
        call = _batch.sync_caller(self._engine, delete_records, prepared, idempotent=True, timeout=timeout)
        return _batch.run_sync(
            chunks, call, concurrency=_batch.lanes(concurrency, self._concurrency), total=total, on_progress=on_progress
        )

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


class AsyncRecords(_Base):
    """Records of any module (async): the same calls as :class:`Records`, awaited."""

    def __init__(self, engine: AsyncEngine, concurrency: int) -> None:
        super().__init__(concurrency)
        self._engine = engine

    async def get(
        self, module: str, record_id: str, *, fields: Iterable[str] | None = None, external: str | None = None,
        if_modified_since: _plans.DateTime = None, timeout: Timeout = None, **options: Any,
    ) -> Record | None:  # fmt: skip
        """See :meth:`Records.get`."""
        params = _plans.get_params(
            module, record_id, fields=fields, external=external, if_modified_since=if_modified_since, **options
        )
        response = await self._engine.send(get_record, params, idempotent=True, timeout=timeout)
        return _plans.first_record(_plans.page_from(response))

    async def list(self, module: str, *, fields: Iterable[str] | str, timeout: Timeout = None, **options: Any) -> Page:
        """See :meth:`Records.list`."""
        params = _plans.list_params(module, fields=fields, **options)
        return _plans.page_from(await self._engine.send(get_records, params, idempotent=True, timeout=timeout))

    async def iter(
        self, module: str, *, fields: Iterable[str] | str, per_page: int = 200, timeout: Timeout = None, **options: Any
    ) -> AsyncIterator[Record]:
        """See :meth:`Records.iter`."""
        base = _plans.list_params(module, fields=fields, per_page=per_page, **options)
        async for record in awalk(self._engine, get_records, base, per_page, timeout):
            yield record

    async def search(self, module: str, *, timeout: Timeout = None, **options: Any) -> Page:
        """See :meth:`Records.search`."""
        params = _plans.search_params(module, **options)
        return _plans.page_from(await self._engine.send(search_records, params, idempotent=True, timeout=timeout))

    async def iter_search(
        self, module: str, *, per_page: int = 200, timeout: Timeout = None, **options: Any
    ) -> AsyncIterator[Record]:
        """See :meth:`Records.iter_search`."""
        search = lambda n: self.search(module, page=n, per_page=per_page, timeout=timeout, **options)  # noqa: E731
        async for record in anumbered(search, per_page, _plans.DISCRETE_LIMIT):
            yield record

    async def count(self, module: str, *, timeout: Timeout = None, **options: Any) -> int:
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

    async def _run_batch(
        self, kind: str, module: str, records: object, *, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, extra: dict[str, Any], concurrency: int | None,
        on_progress: _batch.ProgressCallback | None, timeout: Timeout,
    ) -> BatchResult:  # fmt: skip
        chunks, prepared, total = self._write_plan(
            kind, module, records, external=external, if_unmodified_since=if_unmodified_since, extra=extra
        )
        safe = _idempotency.batch_safety(kind, module, chunks, external, extra.get("duplicate_check_fields"))
        call = _batch.async_caller(self._engine, _WRITES[kind], prepared, idempotent=safe, timeout=timeout)
        return await _batch.run_async(
            chunks, call, concurrency=_batch.lanes(concurrency, self._concurrency), total=total, on_progress=on_progress
        )

    async def insert(
        self, module: str, records: Iterable[dict[str, Any]], *, trigger: Sequence[str] | None = None,
        lar_id: str | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        apply_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        concurrency: int | None = None, on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """See :meth:`Records.insert`."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        extra.update(_plans.compact(lar_id=lar_id, apply_feature_execution=apply_feature_execution))
        return await self._run_batch("insert", module, records, external=external, extra=extra,
                                 concurrency=concurrency, on_progress=on_progress, timeout=timeout)  # fmt: skip

    async def update(
        self, module: str, records: Iterable[dict[str, Any]], *, trigger: Sequence[str] | None = None,
        skip_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        if_unmodified_since: _plans.DateTime = None, concurrency: int | None = None,
        on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """See :meth:`Records.update`."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        return await self._run_batch("update", module, records, external=external,
                                 if_unmodified_since=if_unmodified_since, extra=extra, concurrency=concurrency,
                                 on_progress=on_progress, timeout=timeout)  # fmt: skip

    async def upsert(
        self, module: str, records: Iterable[dict[str, Any]], *, duplicate_check_fields: Sequence[str] | None = None,
        trigger: Sequence[str] | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        external: str | None = None, concurrency: int | None = None,
        on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """See :meth:`Records.upsert`."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        if duplicate_check_fields is not None:
            extra["duplicate_check_fields"] = _plans.field_names(duplicate_check_fields, "duplicate_check_fields")
        return await self._run_batch("upsert", module, records, external=external, extra=extra,
                                 concurrency=concurrency, on_progress=on_progress, timeout=timeout)  # fmt: skip

    def insert_stream(
        self, module: str, records: Iterable[dict[str, Any]] | AsyncIterable[dict[str, Any]], *,
        trigger: Sequence[str] | None = None, lar_id: str | None = None,
        skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        apply_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        concurrency: int | None = None, timeout: Timeout = None,
    ) -> AsyncIterator[Outcome]:  # fmt: skip
        """See :meth:`Records.insert_stream` (``async for``; ``records`` may be an async iterable)."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        extra.update(_plans.compact(lar_id=lar_id, apply_feature_execution=apply_feature_execution))
        lanes = _batch.lanes(concurrency, self._concurrency)
        return _streaming.async_writes(self._engine, _WRITES["insert"], "insert", module, records, external=external,
                                       extra=extra, concurrency=lanes, timeout=timeout)  # fmt: skip

    def update_stream(
        self, module: str, records: Iterable[dict[str, Any]] | AsyncIterable[dict[str, Any]], *,
        trigger: Sequence[str] | None = None, skip_feature_execution: Sequence[dict[str, Any]] | None = None,
        external: str | None = None, if_unmodified_since: _plans.DateTime = None, concurrency: int | None = None,
        timeout: Timeout = None,
    ) -> AsyncIterator[Outcome]:  # fmt: skip
        """See :meth:`Records.update_stream`."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        lanes = _batch.lanes(concurrency, self._concurrency)
        return _streaming.async_writes(self._engine, _WRITES["update"], "update", module, records, external=external,
                                       extra=extra, concurrency=lanes, timeout=timeout,
                                       if_unmodified_since=if_unmodified_since)  # fmt: skip

    def upsert_stream(
        self, module: str, records: Iterable[dict[str, Any]] | AsyncIterable[dict[str, Any]], *,
        duplicate_check_fields: Sequence[str] | None = None, trigger: Sequence[str] | None = None,
        skip_feature_execution: Sequence[dict[str, Any]] | None = None, external: str | None = None,
        concurrency: int | None = None, timeout: Timeout = None,
    ) -> AsyncIterator[Outcome]:  # fmt: skip
        """See :meth:`Records.upsert_stream` (``async for``; ``records`` may be an async iterable)."""
        extra = _plans.write_options(trigger, skip_feature_execution)
        if duplicate_check_fields is not None:
            extra["duplicate_check_fields"] = _plans.field_names(duplicate_check_fields, "duplicate_check_fields")
        lanes = _batch.lanes(concurrency, self._concurrency)
        return _streaming.async_writes(self._engine, _WRITES["upsert"], "upsert", module, records, external=external,
                                       extra=extra, concurrency=lanes, timeout=timeout)  # fmt: skip

    async def delete(
        self, module: str, ids: Iterable[str], *, wf_trigger: bool | None = None, external: str | None = None,
        concurrency: int | None = None, on_progress: _batch.ProgressCallback | None = None, timeout: Timeout = None,
    ) -> BatchResult:  # fmt: skip
        """See :meth:`Records.delete`."""
        chunks, prepared, total = self._delete_plan(module, ids, wf_trigger=wf_trigger, external=external)
        call = _batch.async_caller(self._engine, delete_records, prepared, idempotent=True, timeout=timeout)
        return await _batch.run_async(
            chunks, call, concurrency=_batch.lanes(concurrency, self._concurrency), total=total, on_progress=on_progress
        )

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
