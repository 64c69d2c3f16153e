"""A forked process (``multiprocessing``, a pre-forking server) never uses its parent's connections.

Two processes writing to one connection read each other's answers: a record of one process's
request handed to the other's caller.
"""

from __future__ import annotations

import os
import signal
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import FileTokenStore, MemoryTokenStore, ZohoCRM
from zoho_crm.testing import sandbox

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def local_port(response: httpx.Response) -> int:
    """The local port of the connection that carried ``response``."""
    port: int = response.extensions["network_stream"].get_extra_info("client_addr")[1]
    return port


def in_child(call: Callable[[], object]) -> str:
    """What ``call()`` gives in a forked child, as text (an error's type name when it raises)."""
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the sandbox's server thread: it stays in the parent
        pid = os.fork()
    if pid == 0:  # the child: report and leave, whatever happens
        said = "nothing"
        signal.alarm(60)  # a child that hangs is killed: the parent reads "" and the test fails
        try:
            said = str(call())
        except BaseException as exc:
            said = type(exc).__name__
        finally:
            os.write(write, said.encode())
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as answer:
        return answer.read()


def test_a_forked_child_opens_its_own_connection_and_the_parent_keeps_its() -> None:
    with sandbox(mode="http") as sb, ZohoCRM(sb.credentials, **client_kwargs(sb)) as crm:
        parent = local_port(crm.records.with_raw_response.get_record_count("Leads"))  # one idle connection now

        def port() -> int:
            return local_port(crm.records.with_raw_response.get_record_count("Leads"))

        children = {in_child(port) for _ in range(3)}
        again = port()
    assert all(port.isdigit() for port in children)  # every child's call went through
    assert str(parent) not in children  # none wrote to the parent's connection
    assert again == parent  # which the parent still uses


class HeldInParent(httpx.BaseTransport):
    """httpx's transport, except that the parent's token requests wait until ``release`` is set."""

    def __init__(self) -> None:
        self.inner, self.parent = httpx.HTTPTransport(), os.getpid()
        self.entered, self.release = threading.Event(), threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/oauth/v2/token") and os.getpid() == self.parent:
            self.entered.set()
            self.release.wait(60)
        return self.inner.handle_request(request)


def test_a_child_forked_while_a_thread_refreshes_refreshes_on_its_own() -> None:
    held = HeldInParent()
    with sandbox(mode="http") as sb, ZohoCRM(sb.credentials, **{**client_kwargs(sb), "timeout": 5.0},
                                             transport=held, token_store=MemoryTokenStore()) as crm:  # fmt: skip
        refreshing = threading.Thread(target=crm.records.count, args=("Leads",))
        refreshing.start()
        assert held.entered.wait(30)  # the parent's thread holds the client's and the store's locks
        child = in_child(lambda: crm.records.count("Leads"))  # the child has no such thread to wait for
        held.release.set()
        refreshing.join()
    assert child == "0"  # not an APITimeoutError after waiting for the parent's refresh
    assert sb.counters.token_refreshes == 2  # the parent's and the child's own


def test_a_child_forked_while_a_thread_refreshes_into_a_file_store_gets_that_token(tmp_path: Path) -> None:
    held, (told, tell) = HeldInParent(), os.pipe()
    with sandbox(mode="http") as sb, ZohoCRM(sb.credentials, **{**client_kwargs(sb), "timeout": 20.0}, transport=held,
                                             token_store=FileTokenStore(tmp_path / "token.json")) as crm:  # fmt: skip
        refreshing = threading.Thread(target=crm.records.count, args=("Leads",))
        refreshing.start()
        assert held.entered.wait(30)  # the parent's thread holds the client's lock and the file's

        def release_once_the_child_calls() -> None:
            os.read(told, 1)
            held.release.set()

        releasing = threading.Thread(target=release_once_the_child_calls)
        releasing.start()
        child = in_child(lambda: (os.write(tell, b"."), crm.records.count("Leads"))[1])
        releasing.join()
        refreshing.join()
    assert child == "0"  # it waited for the file's lock, then read the parent's token
    assert sb.counters.token_refreshes == 1  # the parent's, shared through the file


def test_a_forked_child_draws_its_own_retry_jitter() -> None:
    with sandbox(mode="http") as sb, ZohoCRM(sb.credentials, **client_kwargs(sb)) as crm:
        rng = crm._engine._rng
        child = float(in_child(rng.random))  # children retrying in step after a 429 would collide again
    assert child != rng.random()


def test_a_forked_child_takes_the_file_lock_its_parent_used(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "token.json")
    with store.lock():  # the parent's lock object has held the file (a refresh at start-up, say)
        pass

    def lock() -> str:
        with store.lock():
            return "locked"

    assert in_child(lock) == "locked"  # not a RuntimeError: every forked worker refreshing without the lock


def lock_in_child_while_a_parent_thread_holds_it(store: MemoryTokenStore | FileTokenStore) -> str:
    """What a child forked while a thread of this process holds ``store.lock()`` gets from its own ``lock()``."""
    entered, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.lock():
            entered.set()
            release.wait(60)

    def lock() -> str:
        with store.lock():
            return "locked"

    holder = threading.Thread(target=hold)
    holder.start()
    assert entered.wait(30)
    child = in_child(lock)
    release.set()
    holder.join()
    return child


def test_a_child_forked_while_a_parent_thread_holds_the_file_lock_waits_for_it(tmp_path: Path) -> None:
    child = lock_in_child_while_a_parent_thread_holds_it(FileTokenStore(tmp_path / "token.json", lock_timeout=0.5))
    assert child == "Timeout"  # the parent's refresh excludes the child's (not entered, not a RuntimeError)


class NamedStore(MemoryTokenStore):
    """A user's store compared by name: unhashable (``__eq__`` without ``__hash__``)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NamedStore) and other.name == self.name


def test_a_store_subclass_that_is_not_hashable_is_renewed_in_a_child() -> None:
    child = lock_in_child_while_a_parent_thread_holds_it(NamedStore("tokens"))  # made: not a TypeError
    assert child == "locked"  # the parent's thread's hold is not the child's


def test_a_child_forked_while_a_parent_thread_counts_a_call_makes_its_own_calls() -> None:
    with sandbox(mode="http") as sb, ZohoCRM(sb.credentials, **client_kwargs(sb)) as crm:
        assert crm.records.count("Leads") == 0
        counting = crm._engine._stats_lock  # as a parent's thread holds it, for a moment, at each call
        with counting:
            child = in_child(lambda: crm.records.count("Leads"))
    assert child == "0"  # not a child stuck on the lock until its alarm
