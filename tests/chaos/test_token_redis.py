"""Replicas sharing a RedisTokenStore: a real redis-server on a free loopback port, the sandbox on 127.0.0.1.

Zoho allows about 10 refreshes per 10 minutes per refresh token and 15 live access tokens (the
sandbox enforces both). 4 processes x 10 threads sharing the store make one refresh per expiry,
with no throttle and no token invalidated; the same load with a token per client is invalidated.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

from tests.chaos._token_sharing import drive, issue_times, most_per_expiry, wait_for
from tests.chaos._token_workers import Job
from zoho_crm import Token
from zoho_crm.testing import Sandbox, sandbox

REDIS_SERVER = shutil.which("redis-server")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        REDIS_SERVER is None and not os.environ.get("CI"),
        reason="redis-server is not installed (apt install redis-server); CI installs it and never skips",
    ),
]

PROCESSES = 4
THREADS = 10
TOKENS = 5  # five token lifetimes
LIFETIME = 2.0


class RedisServer:
    """A throwaway redis-server on 127.0.0.1 (no persistence: a restart loses every key)."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert REDIS_SERVER is not None
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, 30, "redis-server to answer")

    def _answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def jobs(sb: Sandbox, store: str) -> list[Job]:
    return [Job(sb.api_domain, sb.accounts_url, sb.credentials, store, THREADS) for _ in range(PROCESSES)]


def extra_refreshes(times: list[float]) -> int:
    """Tokens issued within half a lifetime of the one before: refreshes beyond one per expiry."""
    return sum(1 for before, after in itertools.pairwise(times) if after - before < LIFETIME / 2)


def test_replicas_sharing_a_redis_store_refresh_once_per_expiry(
    redis_server: RedisServer, report: Counter[str]
) -> None:
    with sandbox(mode="http", token_lifetime=LIFETIME) as sb:
        tally = drive(sb, jobs(sb, f"redis:{redis_server.url}"), TOKENS)
        times = issue_times(sb)
        throttles = sb.counters.token_errors.get("Access Denied", 0)
        invalidated = sb.counters.rejected.get("INVALID_OAUTHTOKEN", 0)
    report["replicas sharing Redis: refreshes per expiry"] = most_per_expiry(times, LIFETIME)
    report["replicas sharing Redis: throttles"] += throttles
    report["replicas sharing Redis: INVALID_OAUTHTOKEN"] += invalidated
    assert (throttles, invalidated) == (0, 0)
    assert most_per_expiry(times, LIFETIME) == 1, times
    assert len(times) >= TOKENS
    assert set(tally) == {"ok"}, tally


def test_the_same_load_without_sharing_is_invalidated(redis_server: RedisServer) -> None:
    with sandbox(mode="http", token_lifetime=LIFETIME, refresh_limit=10_000) as sb:
        tally = drive(sb, jobs(sb, "memory"), PROCESSES * THREADS)  # every client its own token
        invalidated = sb.counters.rejected.get("INVALID_OAUTHTOKEN", 0)
    assert invalidated > 0  # the 16th token invalidated the oldest, again and again
    assert sum(tally.values()) > 0


def test_a_redis_restart_midway_costs_at_most_one_extra_refresh(redis_server: RedisServer) -> None:
    """Restarted between two expiries (every key lost): replicas carry on with the token they hold."""
    with sandbox(mode="http", token_lifetime=LIFETIME) as sb:

        def restart_between_expiries() -> None:
            wait_for(lambda: time.time() > issue_times(sb)[1] + LIFETIME / 4, LIFETIME, "mid-lifetime")
            redis_server.restart()
            import redis

            assert not redis.Redis.from_url(redis_server.url).exists("zoho_crm:token")  # the shared token is gone

        tally = drive(sb, jobs(sb, f"redis:{redis_server.url}"), TOKENS, midway=restart_between_expiries)
        times = issue_times(sb)
        throttles = sb.counters.token_errors.get("Access Denied", 0)
    assert throttles == 0
    assert extra_refreshes(times) <= 1, times
    assert set(tally) == {"ok"}, tally


def test_a_refresh_slower_than_the_locks_expiry_keeps_the_lock(redis_server: RedisServer) -> None:
    """A slow token endpoint: the holder renews its lock, so a second replica waits instead of refreshing too."""
    import httpx
    import redis

    from zoho_crm import DataCenter, RedisTokenStore, RefreshTokenCredentials
    from zoho_crm._auth import TokenManager

    minted: list[str] = []
    started, release = threading.Event(), threading.Event()

    def accounts(request: httpx.Request) -> httpx.Response:
        minted.append(f"1000.tok{len(minted)}.x")
        if len(minted) == 1:  # Zoho minted the token; its answer is late
            started.set()
            release.wait(30)
        return httpx.Response(200, json={"access_token": minted[-1], "expires_in": 3600})

    ttl = 0.6

    def replica() -> TokenManager:  # one per machine: its own Redis connection
        store = RedisTokenStore(redis.Redis.from_url(redis_server.url), lock_timeout=ttl)
        credentials = RefreshTokenCredentials("id", "secret", "rt")
        return TokenManager(credentials, accounts_url="https://accounts.zoho.com", store=store,
                            data_center=DataCenter.US, transport=httpx.MockTransport(accounts))  # fmt: skip

    first, second = replica(), replica()
    got: dict[str, str] = {}
    holder = threading.Thread(target=lambda: got.setdefault("first", first.get().access_token))
    holder.start()
    assert started.wait(10)
    held_since = time.monotonic()
    wait_for(lambda: time.monotonic() > held_since + 3 * ttl, 10, "three lifetimes of the lock")
    assert redis.Redis.from_url(redis_server.url).exists("zoho_crm:token:lock")  # renewed, not expired
    waiter = threading.Thread(target=lambda: got.setdefault("second", second.get().access_token))
    waiter.start()
    release.set()
    holder.join(10)
    waiter.join(10)
    assert minted == ["1000.tok0.x"]
    assert got == {"first": "1000.tok0.x", "second": "1000.tok0.x"}
    assert not redis.Redis.from_url(redis_server.url).exists("zoho_crm:token:lock")  # released, renewal stopped


def test_an_async_call_cancelled_mid_refresh_keeps_the_store_locked_until_the_refresh_ends(
    redis_server: RedisServer,
) -> None:
    """The refresh outlives its caller (its deadline passed): the lock stays with it, so no replica refreshes too."""
    import asyncio

    import httpx
    import redis

    from zoho_crm import AsyncZohoCRM, RedisTokenStore, RefreshTokenCredentials, RetryPolicy
    from zoho_crm.errors import APITimeoutError

    hits: list[int] = []
    store = redis.Redis.from_url(redis_server.url)

    async def run() -> str:
        release = asyncio.Event()

        async def handler(request: httpx.Request) -> httpx.Response:
            if request.url.path.endswith("/oauth/v2/token"):
                hits.append(1)
                await release.wait()  # Zoho minted the token; its answer is late
                return httpx.Response(200, json={"access_token": "1000.tok.x", "expires_in": 3600})
            return httpx.Response(200, json={"count": 1})

        async with AsyncZohoCRM(RefreshTokenCredentials("id", "secret", "rt"), api_domain="https://www.zohoapis.com",
                                accounts_url="https://accounts.zoho.com", transport=httpx.MockTransport(handler),
                                retry=RetryPolicy(max_attempts=1), timeout=0.3,
                                token_store=RedisTokenStore(store)) as crm:  # fmt: skip
            with pytest.raises(APITimeoutError):
                await crm.records.count("Leads")
            assert store.exists("zoho_crm:token:lock")  # the refresh still runs, and holds the lock
            release.set()
            return (await crm.tokens.aget()).access_token  # the same refresh, joined

    assert asyncio.run(run()) == "1000.tok.x"
    assert hits == [1]
    assert not store.exists("zoho_crm:token:lock")


def test_a_redis_lock_taken_after_its_loop_ended_is_released_not_kept_alive(redis_server: RedisServer) -> None:
    """A renewal abandoned by asyncio.run's end while it waited: the lock its thread gets later is given back."""
    import redis

    from tests.client.test_token_store_contents import Issuer, _abandon_a_renewal_waiting_for, _lock_waiters_done
    from zoho_crm import RedisTokenStore

    client = redis.Redis.from_url(redis_server.url)
    store = RedisTokenStore(client, key="k", lock_timeout=1.5, wait_timeout=10)
    other = client.lock("k:lock", timeout=30, thread_local=False)  # another replica is refreshing
    assert other.acquire()
    _abandon_a_renewal_waiting_for(store, Issuer())
    other.release()  # the waiting thread now gets the lock, for a renewal that no longer exists
    _lock_waiters_done()
    assert client.get("k:lock") is None  # given back, its renewal stopped (it was renewed for good)


class FreezingProxy:
    """A TCP proxy in front of redis-server that can stop passing bytes on (a Redis that stops answering)."""

    def __init__(self, port: int) -> None:
        self.upstream = ("127.0.0.1", port)
        self.flowing = threading.Event()
        self.flowing.set()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.server.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def freeze(self) -> None:
        self.flowing.clear()

    def thaw(self) -> None:
        self.flowing.set()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:  # closed
                return
            upstream = socket.create_connection(self.upstream)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                self.flowing.wait()  # frozen: what was sent waits here, unanswered
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def close(self) -> None:
        self.thaw()
        self.server.close()


def test_a_redis_that_stops_answering_never_stalls_an_async_clients_loop(redis_server: RedisServer) -> None:
    """Redis freezes right after the token endpoint answers, so the save hangs under the lock (no socket_timeout):
    the loop's other tasks run on, the caller's timeout fires while Redis is frozen, and once Redis answers again
    the token is saved and the lock given back."""
    import asyncio

    import httpx
    import redis

    from zoho_crm import AsyncZohoCRM, RedisTokenStore, RefreshTokenCredentials, RetryPolicy

    proxy = FreezingProxy(redis_server.port)
    watchdog = threading.Timer(20, proxy.thaw)  # the old code blocks the loop: end the freeze so it fails, not hangs
    watchdog.start()
    direct = redis.Redis.from_url(redis_server.url)
    minted: list[str] = []
    beats = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/v2/token"):
            minted.append(f"1000.tok{len(minted)}.x")
            proxy.freeze()  # Redis stops answering now: the lock is held, the save is next
            return httpx.Response(200, json={"access_token": minted[-1], "expires_in": 3600})
        return httpx.Response(200, json={"count": 1})

    async def heartbeat() -> None:
        while True:
            await asyncio.sleep(0)
            beats[0] += not proxy.flowing.is_set()

    async def run() -> str:
        store = RedisTokenStore(redis.Redis(port=proxy.port))  # no socket_timeout: a frozen Redis hangs its callers
        async with AsyncZohoCRM(RefreshTokenCredentials("id", "secret", "rt"), api_domain="https://www.zohoapis.com",
                                accounts_url="https://accounts.zoho.com", transport=httpx.MockTransport(handler),
                                retry=RetryPolicy(max_attempts=1), token_store=store) as crm:  # fmt: skip
            beating = asyncio.ensure_future(heartbeat())
            try:
                await asyncio.wait_for(crm.records.count("Leads"), 0.5)
                outcome = "answered"
            except asyncio.TimeoutError:
                outcome = "timed out while Redis was frozen" if not proxy.flowing.is_set() else "timed out late"
            for _ in range(1000):
                await asyncio.sleep(0)
            frozen, beaten = not proxy.flowing.is_set(), beats[0]
            beating.cancel()
            assert (outcome, frozen) == ("timed out while Redis was frozen", True)
            assert beaten >= 100, beaten
            assert direct.exists("zoho_crm:token:lock")  # the refresh holds the lock while its save waits
            proxy.thaw()
            await asyncio.wait_for(crm.records.count("Leads"), 30)
            return (await crm.tokens.aget()).access_token

    try:
        assert asyncio.run(run()) == "1000.tok0.x"
        wait_for(lambda: not direct.exists("zoho_crm:token:lock"), 10, "the lock to be given back")
        saved = Token.from_json(direct.get("zoho_crm:token"))  # type: ignore[arg-type]
        assert saved is not None
        assert saved.access_token == "1000.tok0.x"
        assert minted == ["1000.tok0.x"]
    finally:
        watchdog.cancel()
        proxy.close()
