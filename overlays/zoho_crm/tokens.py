"""Access tokens and where they are kept.

A :class:`TokenStore` lets processes and machines share one access token (Zoho issues at most 10 per
refresh token per 10 minutes, and keeps at most 15 alive): :class:`MemoryTokenStore` (default, one
process), :class:`FileTokenStore` (processes of one machine), :class:`RedisTokenStore` (any number of
machines), or your own object.

A custom store must provide ``load()`` and ``save()``, safe to call from several threads. For one
refresh per expiry across processes it must also provide ``lock()``: a context manager held around
"load, check, refresh, save", that excludes every other holder of the same store (in any process or
machine) and that may be entered in one thread and exited in another. It should give up with an
error after a bounded wait, and a lock that can outlive a crashed holder should expire on its own; if
it has a ``timeout`` (seconds) and a ``reacquire()`` method, as redis-py's, it is renewed while held.
Without ``lock()``, refreshes are single flight within one client only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ._fork import free_in_child, renewed_in_child
from ._validation import finite_number
from .errors import TokenStoreError

if TYPE_CHECKING:
    import redis

__all__ = ["FileTokenStore", "LockingTokenStore", "MemoryTokenStore", "RedisTokenStore", "Token", "TokenStore"]

LOCK_TIMEOUT = 120.0
"""Seconds another caller waits for a refresh under a store's lock: above the token endpoint's worst
case with the default timeout (3 attempts of at most 30 s each, and their backoff)."""
_TEMP_MAX_AGE = 60.0
_MAX_FILE = 64 * 1024  # a token file is a few hundred bytes


@dataclasses.dataclass(frozen=True, slots=True)
class Token:
    """An access token, when it expires (epoch seconds) and the API domain it was issued for.

    Attributes:
        access_token: The token itself (never in the repr).
        expires_at: When it expires, in epoch seconds.
        api_domain: The API domain the accounts server issued it for (``https://www.zohoapis.eu``...).
        issued_at: When it was issued, in epoch seconds.
        refused_at: Set when the API refused the token right after it was issued (see
            :class:`~zoho_crm.errors.TokenRefusedError`); stores keep it so that every sharer holds back.
        owner: Whose token it is: a digest of the credentials and accounts server that got it (no secret
            can be read back from it). A client ignores a stored token of another owner.
    """

    access_token: str = dataclasses.field(repr=False)
    expires_at: float
    api_domain: str | None = None
    issued_at: float | None = None
    refused_at: float | None = None
    owner: str | None = None

    def valid_for(self, seconds: float, now: float | None = None) -> bool:
        """Whether the token is still valid ``seconds`` from now.

        Args:
            seconds: The margin: how long the token must still be valid.
            now: The current time in epoch seconds (default: ``time.time()``).
        """
        return self.expires_at - seconds > (time.time() if now is None else now)

    def to_json(self) -> str:
        """The token as a JSON object (what stores write)."""
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str | bytes) -> Token | None:
        """A token read back from :meth:`to_json`; ``None`` when ``text`` is not one."""
        try:
            raw = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("access_token"), str):
            return None
        if not raw["access_token"].isascii() or not raw["access_token"].isprintable() or " " in raw["access_token"]:
            return None  # never put a planted control character into a header
        expires, issued, refused = (raw.get(name) for name in ("expires_at", "issued_at", "refused_at"))
        domain, owner = raw.get("api_domain"), raw.get("owner")
        if not finite_number(expires) or not all(t is None or finite_number(t) for t in (issued, refused)):
            return None
        if not all(v is None or isinstance(v, str) for v in (domain, owner)):
            return None
        if refused is not None and refused > time.time() + STORE_SKEW:
            refused = None  # a refusal in the future never happened (planted, or a clock far off): no hold-back
        return cls(raw["access_token"], expires, domain, issued, refused, owner)


STORE_SKEW = 300.0
"""Seconds a stored time may lie in the future (another machine's clock) and still be believed."""


@runtime_checkable
class TokenStore(Protocol):
    """Where the current access token lives. Implementations must be safe to call from several threads."""

    def load(self) -> Token | None:
        """The stored token, or ``None``."""

    def save(self, token: Token) -> None:
        """Replace the stored token.

        Args:
            token: The token to store.
        """


@runtime_checkable
class LockingTokenStore(TokenStore, Protocol):
    """A store whose ``lock()`` makes refreshes single flight across everyone sharing it (see the module)."""

    def lock(self) -> AbstractContextManager[object]:
        """Exclusive access to the store for one load-check-refresh-save."""


class MemoryTokenStore:
    """Keeps the token in this process; the clients sharing one make one refresh per expiry between them."""

    def __init__(self) -> None:
        self._token: Token | None = None
        self._refreshing = free_in_child()  # a forked child's sharers: a thread of the parent held it

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Held around a refresh by the clients sharing this store (``TimeoutError`` after ``LOCK_TIMEOUT``)."""
        if not self._refreshing.acquire(timeout=LOCK_TIMEOUT):
            raise TimeoutError(f"another client sharing this store has been refreshing for {LOCK_TIMEOUT:.0f} s")
        try:
            yield
        finally:
            self._refreshing.release()

    def load(self) -> Token | None:
        """The stored token, or ``None``."""
        return self._token

    def save(self, token: Token) -> None:
        """Replace the stored token.

        Args:
            token: The token to store.
        """
        self._token = token

    def __repr__(self) -> str:
        return "MemoryTokenStore()"


class FileTokenStore:
    """Keeps the token in a JSON file readable by its owner only (0600), replaced atomically.

    Processes of one machine that share the file make one refresh per expiry: ``lock()`` holds an
    inter-process lock (:mod:`filelock`, on ``<path>.lock``). A crash mid-write leaves the previous
    token (temporary file, flushed, renamed); temporary files a crash left are removed by later saves.
    The file is trusted only if it is a regular file (not a symlink), owned by the current user, and
    not writable by group or others: otherwise :meth:`load` raises :class:`TokenStoreError`.

    Args:
        path: The token file (created on the first save, with its folder).
        lock_timeout: How long, in seconds, a refresh waits for another process's refresh before it fails.
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        from filelock import FileLock  # only file-store users pay for it

        self.path = Path(path)
        self._thread_lock = free_in_child()
        self._file_lock = FileLock(
            self.path.with_name(self.path.name + ".lock"), timeout=lock_timeout, mode=0o600, thread_local=False
        )
        renewed_in_child(self, FileTokenStore._own_file_lock)

    def _own_file_lock(self) -> None:
        """In a forked child (``_fork``): a file lock of its own, the parent's kept as it is.

        filelock refuses a lock object inherited across a fork (older versions let the child believe it held
        the parent's lock): the child takes the file's lock anew, so it waits for the parent's refresh. The
        inherited object is never released: that would unlock the file for the parent too.
        """
        from filelock import FileLock

        old = self._file_lock
        self._file_lock = FileLock(old.lock_file, timeout=old.timeout, mode=0o600, thread_local=False)

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive use of the file, among threads and processes (``filelock.Timeout`` after ``lock_timeout``)."""
        if not self._thread_lock.acquire(timeout=max(self._file_lock.timeout, -1)):  # a thread of this process holds it
            from filelock import Timeout

            raise Timeout(str(self._file_lock.lock_file))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._file_lock:
                yield
        finally:
            self._thread_lock.release()

    def load(self) -> Token | None:
        """The stored token, or ``None`` when the file is missing or unreadable; a file not to trust raises."""
        try:
            # O_NONBLOCK: a FIFO planted at the path is refused below (not a regular file), not waited on
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise TokenStoreError(f"refusing to read the token file {self.path}: it is a symbolic link") from None
            return None
        with os.fdopen(fd, "rb") as f:
            self._check_trusted(os.fstat(f.fileno()))
            try:
                return Token.from_json(f.read(_MAX_FILE))
            except OSError:
                return None

    def _check_trusted(self, st: os.stat_result) -> None:
        problem = None
        if not stat.S_ISREG(st.st_mode):
            problem = "it is not a regular file"
        elif hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            problem = f"it is owned by user id {st.st_uid}, not by the current user ({os.geteuid()})"
        elif st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            problem = f"group or others can write it (mode {stat.S_IMODE(st.st_mode):04o}; expected 0600)"
        if problem:
            raise TokenStoreError(f"refusing to read the token file {self.path}: {problem}")

    def save(self, token: Token) -> None:
        """Write the token atomically, mode 0600.

        Args:
            token: The token to store.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._remove_stale_temp_files()
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)  # 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(token.to_json())
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _remove_stale_temp_files(self) -> None:
        """Remove temporary files a crashed writer left (older than a minute: a live writer takes milliseconds)."""
        old = time.time() - _TEMP_MAX_AGE
        for leftover in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.lstat().st_mtime < old:
                    leftover.unlink()

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"


class RedisTokenStore:
    """Keeps the token in Redis, shared by any number of processes and machines (extra ``[redis]``).

    ``lock()`` is a redis-py :class:`~redis.lock.Lock` on ``<key>:lock``: renewed while its holder
    refreshes, it expires by itself ``lock_timeout`` seconds after a holder crashed or froze, and a
    waiter gives up after ``wait_timeout`` (the token endpoint's worst case). The token's key does not
    expire: each refresh replaces it, and a client ignores a token that is not its own (:attr:`Token.owner`).
    Pass a synchronous ``redis.Redis`` client (async clients call it from worker threads, never on their
    event loop; a ``socket_timeout`` bounds how long a refresh waits for a Redis that is gone).

    Args:
        client: A synchronous ``redis.Redis`` client.
        key: The key holding the token (the lock is ``<key>:lock``); one key per refresh token.
        lock_timeout: Seconds after which a crashed (or frozen) holder's lock expires.
        wait_timeout: Seconds a waiter waits for a live holder's refresh before refreshing without the lock.
    """

    def __init__(
        self,
        client: redis.Redis,
        key: str = "zoho_crm:token",
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        wait_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self.client = client
        self.key = key
        self.lock_timeout = lock_timeout
        self.wait_timeout = wait_timeout

    def lock(self) -> AbstractContextManager[object]:
        """The distributed lock (``redis.exceptions.LockError`` when not obtained within ``wait_timeout``)."""
        lock: AbstractContextManager[object] = self.client.lock(
            f"{self.key}:lock", timeout=self.lock_timeout, blocking_timeout=self.wait_timeout, thread_local=False
        )
        return lock

    def load(self) -> Token | None:
        """The stored token, or ``None``."""
        raw: Any = self.client.get(self.key)
        return None if raw is None else Token.from_json(raw)

    def save(self, token: Token) -> None:
        """Replace the stored token.

        Args:
            token: The token to store.
        """
        self.client.set(self.key, token.to_json())

    def __repr__(self) -> str:
        return f"RedisTokenStore(key={self.key!r})"
