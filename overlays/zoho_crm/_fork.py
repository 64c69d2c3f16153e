"""A forked child starts afresh: none of its parent's connections, held locks or running refreshes.

Two processes writing to one connection read each other's answers; a lock one of the parent's threads
held, or a refresh it ran, would never end in the child, whose only thread is the one that forked.
Objects holding such state register a ``renew`` here, called in the child (``os.register_at_fork``).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["free_in_child", "renewed_in_child"]

T = TypeVar("T")

_RENEW: dict[int, tuple[weakref.ref[Any], Callable[[Any], None]]] = {}
"""By ``id``: an owner need not be hashable (a user's store subclass with ``__eq__``), nor unequal to another."""


def renewed_in_child(owner: T, renew: Callable[[T], None]) -> T:
    """``owner``, whose ``renew(owner)`` runs in every child forked while it lives (``renew`` holds no reference)."""
    key = id(owner)

    def gone(_: object) -> None:
        _RENEW.pop(key, None)

    _RENEW[key] = (weakref.ref(owner, gone), renew)
    return owner


def free_in_child() -> threading.Lock:
    """A thread lock a forked child finds free, whoever held it (a thread of the parent), shared by copies."""
    return renewed_in_child(threading.Lock(), _free)


def _free(lock: threading.Lock) -> None:
    reinit = getattr(lock, "_at_fork_reinit", None)  # CPython's, as the threading module's own locks use it
    if reinit is not None:
        reinit()


def _renew() -> None:
    for ref, renew in list(_RENEW.values()):
        if (owner := ref()) is not None:
            renew(owner)


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_renew)
