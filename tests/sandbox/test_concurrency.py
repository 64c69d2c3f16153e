"""Many clients at once (threads through the sync transport, tasks through the async one)."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import anyio
import anyio.lowlevel
import httpx
import pytest

from tests.sandbox.conftest import auth, leads
from zoho_crm.testing import Sandbox


def test_threads_through_the_in_process_transport(sb: Sandbox) -> None:
    with httpx.Client(base_url=sb.base_url, transport=sb.transport(), headers=auth(sb)) as client:

        def work(batch: int) -> list[str]:
            inserted = client.post("/Leads", json={"data": leads(25, start=batch * 25)}).json()["data"]
            ids = [item["details"]["id"] for item in inserted]
            client.put("/Leads", json={"data": [{"id": i, "Company": f"C{batch}"} for i in ids]})
            client.delete("/Leads", params={"ids": ids[0]})
            return ids[1:]

        with ThreadPoolExecutor(10) as pool:
            kept = [i for batch in pool.map(work, range(20)) for i in batch]
    records = sb.records("Leads")
    assert sorted(r["id"] for r in records) == sorted(kept)
    assert all(r["Company"].startswith("C") for r in records)
    assert len(sb.deleted("Leads")) == 20
    assert sb.counters.requests == {"insert_records": 20, "update_records": 20, "delete_records": 20}


@pytest.mark.anyio
async def test_tasks_through_the_async_transport_with_latency(sb: Sandbox, aapi: httpx.AsyncClient) -> None:
    sb.configure(latency=0.01)
    results: list[int] = []

    async def upsert(batch: int) -> None:
        response = await aapi.post("/Leads/upsert", json={"data": leads(10, start=batch % 5 * 10)})
        results.append(response.status_code)

    async with anyio.create_task_group() as group:
        for batch in range(20):
            group.start_soon(upsert, batch)
    assert results == [200] * 20
    assert len(sb.records("Leads")) == 50  # every batch of 10 emails upserted 4 times: no duplicates
    assert sb.counters.max_in_flight > 1


def test_seed_and_reads_from_other_threads_while_serving(sb: Sandbox, api: httpx.Client) -> None:
    def seed(n: int) -> int:
        return len(sb.seed("Leads", leads(50, start=n * 50)))

    with ThreadPoolExecutor(4) as pool:
        seeded = sum(pool.map(seed, range(8)))
        counts = [api.get("/Leads/actions/count").json()["count"] for _ in range(5)]
    assert seeded == 400
    assert counts == sorted(counts)
    assert api.get("/Leads/actions/count").json() == {"count": 400}


@pytest.mark.anyio
async def test_a_read_is_answered_between_the_slices_of_a_bulk_write(sb: Sandbox, aapi: httpx.AsyncClient) -> None:
    sb.configure(work_slice=0.0)  # one item a slice
    counts: list[int] = []
    written: list[int] = []

    async def upsert() -> None:
        response = await aapi.post("/Leads/upsert", json={"data": leads(100)})
        written.append(response.status_code)

    async def poll() -> None:
        while not written and len(counts) < 500:
            counts.append((await aapi.get("/Leads/actions/count")).json()["count"])
            await anyio.lowlevel.checkpoint()  # in-process requests never wait on a socket: let the upsert task run

    async with anyio.create_task_group() as group:
        group.start_soon(upsert)
        group.start_soon(poll)
    assert written == [200]
    # Reads went on while the upsert worked: they saw it half done (one call never holds up the loop).
    assert any(0 < count < 100 for count in counts), counts
    assert counts == sorted(counts)
    assert len(sb.records("Leads")) == 100


@pytest.mark.anyio
async def test_bulk_writes_work_one_at_a_time_oldest_first(sb: Sandbox, aapi: httpx.AsyncClient) -> None:
    sb.configure(work_slice=0.0)
    order: list[int] = []

    async def insert(batch: int) -> None:
        response = await aapi.post("/Leads", json={"data": leads(30, start=batch * 30)})
        assert response.status_code == 201
        order.append(batch)

    async with anyio.create_task_group() as group:
        for batch in range(3):
            group.start_soon(insert, batch)
    by_email = {r["Email"]: int(r["id"]) for r in sb.records("Leads")}
    ids = [[by_email[f"lead{i}@example.com"] for i in range(b * 30, b * 30 + 30)] for b in order]
    # Each call's records are written together, the calls in the order they started their work.
    assert [max(first) < min(second) for first, second in itertools.pairwise(ids)] == [True, True]
    assert len(by_email) == 90
