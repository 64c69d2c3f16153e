"""A forked process (``multiprocessing``, a pre-forking server) never uses its parent's connections.

Two processes writing to one connection read each other's answers: a record of one process's
request handed to the other's caller.
"""

from __future__ import annotations

import os
import warnings

import httpx
import pytest

from tests.client.conftest import client_kwargs
from zoho_crm import ZohoCRM
from zoho_crm.testing import sandbox

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def local_port(response: httpx.Response) -> int:
    """The local port of the connection that carried ``response``."""
    port: int = response.extensions["network_stream"].get_extra_info("client_addr")[1]
    return port


def in_child(crm: ZohoCRM) -> int:
    """The local port a forked child's first call goes out on (0: the call failed)."""
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the sandbox's server thread: it stays in the parent
        pid = os.fork()
    if pid == 0:  # the child: report and leave, whatever happens
        port = 0
        try:
            port = local_port(crm.records.with_raw_response.get_record_count("Leads"))
        finally:
            os.write(write, str(port).encode())
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    with os.fdopen(read) as answer:
        return int(answer.read())


def test_a_forked_child_opens_its_own_connection_and_the_parent_keeps_its() -> None:
    with sandbox(mode="http") as sb, ZohoCRM(sb.credentials, **client_kwargs(sb)) as crm:
        parent = local_port(crm.records.with_raw_response.get_record_count("Leads"))  # one idle connection now
        children = {in_child(crm) for _ in range(3)}
        again = local_port(crm.records.with_raw_response.get_record_count("Leads"))
    assert 0 not in children  # every child's call went through
    assert parent not in children  # none wrote to the parent's connection
    assert again == parent  # which the parent still uses
