"""Access tokens from Zoho Accounts, once per expiry however many callers ask (single flight); signing requests.

Single flight holds among the threads and tasks of one client, and among every process or machine
sharing a store that offers ``lock()`` (:class:`FileTokenStore`, :class:`RedisTokenStore`).

What sync and async share is here (:class:`TokenCore`, :class:`AuthCore`); the flows that wait (lock,
send, sleep) are written once in ``_async/_oauth.py`` and generated into ``_sync/``; ``_auth`` puts
them together as ``TokenManager`` and ``ZohoAuth``.
"""

from __future__ import annotations

import atexit
import collections
import concurrent.futures
import copy
import dataclasses
import re
import threading
import time
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import asyncio

    from ._auth import TokenManager

from ._credentials import AccessTokenCredentials, ClientCredentials, Credentials, RefreshTokenCredentials
from ._datacenter import DataCenter
from ._engine import (
    ACCEPT_ENCODING,
    DEFAULT_MAX_ANSWER_BYTES,
    SIGNED,
    STOP,
    Interrupted,
    check_stop,
    deadline_of,
    sync_transport,
)
from ._fork import free_in_child, renewed_in_child
from ._json import loads
from ._logging import logger
from ._store_lock import PENDING, held_lock, in_thread, off_loop
from ._validation import described, finite_number, secure_url
from .errors import (
    InvalidClientError,
    InvalidTokenGrantError,
    TokenEndpointError,
    TokenError,
    TokenRefreshThrottledError,
    TokenRefusedError,
    TokenStoreError,
    ZohoError,
    ZohoValidationError,
    redact,
)
from .tokens import STORE_SKEW, MemoryTokenStore, Token, TokenStore

_UNREADABLE = object()
TOKEN_PATH = "/oauth/v2/token"  # noqa: S105 - a URL path, not a secret
ENDPOINT_ATTEMPTS = 3
TOKEN_ANSWER_BYTES = 64 * 1024
"""The most a token endpoint's answer may hold (decoded): a token answer is a few hundred bytes."""
ACCEPT = {"Accept-Encoding": ACCEPT_ENCODING}
_NEVER = float("inf")
HOLD_BACK = 120.0
"""Seconds without a refresh after the API refused a just-issued token, or the token endpoint gave an
answer the client cannot use: at most 5 refreshes per 10 minutes spent that way (Zoho allows 10)."""
ENDPOINT_READ_LIMIT = 30.0
"""Seconds an attempt at the token endpoint may take to answer in full, when its timeout sets none."""
MIN_LIFETIME = 1.0
"""Shortest ``expires_in`` accepted: a shorter one would make nearly every call refresh."""
_CLEAN_DOMAIN = re.compile(r"[!-~]+")  # printable ASCII, no space or control character


class ServerDown(TokenEndpointError):
    """A 5xx from the token endpoint: retried (a malformed 200 is not: Zoho may have minted a token)."""

    @classmethod
    def of(cls, response: httpx.Response) -> ServerDown:
        """The error of a 5xx answer."""
        return cls(f"token endpoint answered HTTP {response.status_code}")


class _Lent(httpx.BaseTransport):
    """The client's own transport, lent to one token request: closing that request's client leaves it open."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.inner.handle_request(request)


class _AsyncLent(httpx.AsyncBaseTransport):
    """:class:`_Lent` for the async flow."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(request)


EXIT_WAIT = 5.0
"""Seconds a program that exits (a Ctrl-C, say) gives the refreshes still running to end: to save their
token and give back the store's lock (a daemon thread frozen at exit would leave a Redis lock held)."""

_STOP_POLL = 0.05
"""How often a call waiting for a refresh looks whether its batch was interrupted (seconds)."""

_RUNNING: set[_Refresh] = set()


@atexit.register
def _finish_refreshes() -> None:
    """At exit: wait, at most :data:`EXIT_WAIT` in all, for the refreshes and async store calls still running."""
    end = time.monotonic() + EXIT_WAIT
    for running in list(_RUNNING):
        running.done.wait(max(end - time.monotonic(), 0.0))
    concurrent.futures.wait(list(PENDING), max(end - time.monotonic(), 0.0))


class _Refresh:
    """A sync refresh running in a thread of its own: its token (or error) kept for whoever waits for it."""

    def __init__(self, refresh: Callable[[], Token]) -> None:
        self.done = threading.Event()
        self._outcome: Token | BaseException | None = None
        _RUNNING.add(self)
        try:
            threading.Thread(target=self._run, args=(refresh,), name="zoho-crm-token-refresh", daemon=True).start()
        except RuntimeError:  # no new thread at interpreter shutdown (Python 3.12+): refresh in this one
            self._run(refresh)

    def _run(self, refresh: Callable[[], Token]) -> None:
        try:
            self._outcome = refresh()
        except BaseException as exc:  # raised to the callers that still wait
            self._outcome = exc
        finally:
            self.done.set()
            _RUNNING.discard(self)

    def result(self) -> Token:
        """The token, or the refresh's error: a copy for each caller, with the refresh's own traceback.

        One exception object raised in many threads would gather all their frames.
        """
        error = self._outcome
        if isinstance(error, BaseException):
            try:
                own = copy.copy(error)
            except Exception:  # an exception that cannot be copied: raised as it is
                own = error
            raise own.with_traceback(error.__traceback__)
        assert error is not None  # set before done
        return error


class TokenCore:
    """What a token manager's sync and async flows share (``_auth.TokenManager`` puts them together, and says how)."""

    def __init__(
        self,
        credentials: Credentials,
        *,
        accounts_url: str,
        store: TokenStore | None = None,
        data_center: DataCenter | None = None,
        refresh_margin: float = 60.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        on_refresh: Callable[[Token], None] | None = None,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = 30.0,
        verify: bool = True,
    ) -> None:
        if not isinstance(credentials, (RefreshTokenCredentials, AccessTokenCredentials, ClientCredentials)):
            raise ZohoValidationError(
                f"credentials must be RefreshTokenCredentials, AccessTokenCredentials or ClientCredentials, "
                f"got {type(credentials).__name__}"
            )
        self.credentials = credentials
        self.token_url = accounts_url.rstrip("/") + TOKEN_PATH
        self.store: TokenStore = store if store is not None else MemoryTokenStore()
        self.data_center = data_center
        self.refresh_margin = refresh_margin
        self.refreshes = 0
        self._clock = clock
        self._sleep = sleep
        self._on_refresh = on_refresh
        self.transport = transport
        self.async_transport = async_transport
        self.timeout = httpx.Timeout(timeout) if not isinstance(timeout, httpx.Timeout) else timeout
        self.verify = verify
        self._lock = free_in_child()
        self._task_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}
        self._refreshing: asyncio.Future[Token] | None = None  # an async refresh, run to its end
        self._running: _Refresh | None = None  # a sync one, in its thread
        self._shield_lock = free_in_child()
        self._retired: collections.deque[str] = collections.deque(maxlen=8)  # tokens refreshes replaced
        self._last: Token | None = None  # the token this client last used: kept if the store fails
        self._reading: concurrent.futures.Future[Token | None] | None = None  # an async read of the store
        self._store_failing = False
        self._probe: str | None = None
        self._paused_until = -_NEVER
        self._pause_reason = ""
        self.owner = owner_of(credentials, self.token_url)
        self._foreign_seen = False
        if isinstance(credentials, AccessTokenCredentials):
            self._last = Token(credentials.access_token, _NEVER, owner=self.owner)  # never stored: not shared
        renewed_in_child(self, TokenCore._forget_threads)

    def _forget_threads(self) -> None:
        """In a forked child (``_fork``): the parent's threads and their refreshes are gone (its locks are free)."""
        self._running, self._refreshing, self._reading, self._task_locks = None, None, None, {}
        _RUNNING.clear()  # nothing for the child's exit to wait for
        PENDING.clear()

    @property
    def can_refresh(self) -> bool:
        """Whether a refused token can be replaced (not with a fixed access token)."""
        return not isinstance(self.credentials, AccessTokenCredentials)

    def _usable(self, token: Token | None, stale: str | None) -> bool:
        if token is None or token.access_token == stale:
            return False
        if not self.can_refresh:
            return True
        if token.refused_at is not None:
            return False
        now = self._clock()
        # Renew `refresh_margin` early, but never more than a tenth of the token's lifetime early.
        lifetime = token.expires_at - token.issued_at if token.issued_at else self.refresh_margin * 10
        return token.valid_for(min(self.refresh_margin, lifetime / 10), now)

    def expired(self, token: Token) -> bool:
        """Whether ``token`` has expired by this client's clock (then a 401 on it is no refusal)."""
        return not token.valid_for(0, self._clock())

    def _refusal(self, current: Token | None, token: Token) -> Token | None:
        """``current`` (the store's token) marked refused, if it is ``token``, unmarked and unexpired; else ``None``.

        An expired one was not refused: it expired in flight, and a refresh helps (no hold-back).
        """
        if self.expired(token):
            return None
        if current is not None and current.access_token == token.access_token and current.refused_at is None:
            logger.warning("zoho_crm: the API refused an access token right after it was issued; holding back")
            return dataclasses.replace(current, refused_at=self._clock())
        return None

    def _refused_again(self, token: Token, stale: str | None) -> bool:
        """Whether the token issued after a hold-back (the store's ``token``) was refused too: hold back again."""
        return stale is not None and stale == self._probe == token.access_token

    def _probed(self, old: Token | None, new: Token) -> Token:
        """Remember a token issued after a hold-back: if the API refuses it too, hold back again at once."""
        if old is not None and old.refused_at is not None:
            self._probe = new.access_token
        return new

    def _hold_back(self, token: Token | None) -> None:
        """Raise instead of refreshing while a refresh would not help (see ``HOLD_BACK``)."""
        now = self._clock()
        refused = token.refused_at if token is not None else None
        if refused is not None and now < refused + HOLD_BACK and refused <= now + STORE_SKEW:  # a future one: planted
            raise TokenRefusedError(
                "Zoho refused an access token right after issuing it (401), so refreshing again would not "
                f"help; no new token is asked for until {refused + HOLD_BACK - now:.0f} s from now. "
                "Check the client's scopes, the org and the data center",
                status_code=401,
                code="INVALID_TOKEN",
            )
        if now < self._paused_until:
            raise TokenEndpointError(
                f"{self._pause_reason}; no new token is asked for until {self._paused_until - now:.0f} s from now",
                method="POST",
                url=self.token_url,
            )

    def _load(self) -> Token | None:
        """The store's token (its ``api_domain`` checked like Zoho's), or this client's if the store's is not valid."""
        return self._checked(self._read())

    async def _aload(self) -> Token | None:
        """The async :meth:`_load`: the store is read in a worker thread, never on the event loop.

        Under the store's lock, in turn with the other store calls made under it; otherwise callers
        share a read already under way (a store that hangs holds one thread, not one per caller).
        """
        import asyncio

        if not self._store_waits:
            return self._load()
        if held_lock():
            return self._checked(await off_loop(self._read))
        if self._reading is None or self._reading.done():
            self._reading = in_thread(self._read, at_exit=False)  # nothing to finish at exit
        return self._checked(await asyncio.wrap_future(self._reading))

    @property
    def _store_waits(self) -> bool:
        """Whether the store's calls may wait (any store but the default :class:`MemoryTokenStore`)."""
        return type(self.store) is not MemoryTokenStore

    def _read(self) -> Token | None:
        """The store's token as stored; ``None`` when the store cannot be read (logged once)."""
        try:
            return self.store.load()
        except TokenStoreError:
            raise
        except Exception as exc:  # a store that is down: carry on with the token in memory
            self._store_trouble("read from", exc)
            return None

    def _checked(self, token: Token | None) -> Token | None:
        """A token read from the store, or ``None``, once checked (see :meth:`_load`)."""
        if token is not None and token.refused_at is None and token.access_token in self._retired:
            token = None  # this client refreshed past it: the store missed the newer one (its write failed)
        if token is not None and token.owner is not None and token.owner != self.owner:
            if not self._foreign_seen:
                logger.warning(
                    "zoho_crm: the token store %r holds another client's token (other credentials or accounts "
                    "server); it is not used: give each refresh token its own store or key", self.store,
                )  # fmt: skip
                self._foreign_seen = True
            token = None
        if token is not None and token.api_domain is not None and self._domain(token.api_domain) is None:
            if self.data_center is not None and any(dc.owns(token.api_domain) for dc in DataCenter):
                token = None  # issued in another data center (a store shared across them): not this client's
            else:
                token = dataclasses.replace(token, api_domain=None)
        last, now = self._last, self._clock()
        # The store's token wins while it is valid: its expiry was computed with another machine's clock,
        # so it is not compared with this client's own (a fast clock would keep a refused token).
        if last is not None and (token is None or (not token.valid_for(0, now) and last.valid_for(0, now))):
            return last
        self._last = token
        return token

    def _save(self, token: Token) -> None:
        self._last = token = self._owned(token)
        self._write(token)

    async def _asave(self, token: Token) -> None:
        """The async :meth:`_save`: the store is written in a worker thread, never on the event loop.

        The token is handed out once the store has it (or once the write failed: then it is kept in memory
        only), so the callers that join the refresh get it as its lock is given back. A caller cancelled
        meanwhile stops waiting; the write goes on to its end, and the lock, if held, is given back after it.
        """
        token = self._owned(token)
        if self._store_waits:
            await off_loop(lambda: self._write(token))
        else:
            self._write(token)
        self._last = token

    def _owned(self, token: Token) -> Token:
        """``token`` as this client's (:attr:`Token.owner` set)."""
        return token if token.owner == self.owner else dataclasses.replace(token, owner=self.owner)

    def _write(self, token: Token) -> None:
        try:
            self.store.save(token)
        except Exception as exc:  # redacted of ``token`` too: an async save ends before it is ``_last``
            self._store_trouble("write to", exc, token.access_token)
        else:
            self._store_failing = False

    def _store_trouble(self, action: str, exc: Exception, *also: str) -> None:
        if not self._store_failing:
            logger.warning(
                "zoho_crm: could not %s the token store %r (%s); the token is kept in this process only",
                action, self.store, redact(described(exc), *self._secrets(), *also),
            )  # fmt: skip
        self._store_failing = True

    def _secrets(self) -> tuple[str, ...]:
        """What must never be shown: the credentials' secrets and the last access token."""
        names = ("client_secret", "refresh_token", "access_token")
        return (*(getattr(self.credentials, n, "") for n in names), *([self._last.access_token] if self._last else []))

    def _thread_lock(self) -> threading.Lock:
        """The lock of this client's threads (the sync flow's ``_task_lock``)."""
        return self._lock

    def _task_lock(self) -> asyncio.Lock:
        """The lock of this client's tasks on the running loop."""
        import asyncio  # only async users pay for it

        return self._task_locks.setdefault(asyncio.get_running_loop(), asyncio.Lock())

    async def _ashielded(self, refresh: Callable[[], Coroutine[Any, Any, Token]]) -> Token:
        """``refresh()`` run to its end even when its caller is cancelled (an attempt's deadline, a task).

        A token Zoho granted is then saved, not lost with the caller (each lost one is one of the 15 live
        tokens and of the 10 refreshes per 10 minutes); the next caller waits for that same refresh.
        """
        import asyncio

        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.ensure_future(refresh())
            self._refreshing.add_done_callback(lambda done: done.cancelled() or done.exception())  # retrieved
        return await asyncio.shield(self._refreshing)

    def _shielded(self, refresh: Callable[[], Token]) -> Token:
        """The sync :meth:`_ashielded`: within a call's attempt, the refresh runs on in a thread of its own.

        The attempt waits for it until its deadline (``TimeoutError`` then, as an async attempt is
        cancelled); the refresh goes on to its end and saves the token, and the next caller waits for it.
        """
        deadline, clock = deadline_of()
        if deadline is None:
            return refresh()
        with self._shield_lock:
            if self._running is None or self._running.done.is_set():
                self._running = _Refresh(refresh)
            running = self._running
        end, stop = time.monotonic() + max(deadline - clock(), 0.0), STOP.get()
        while not running.done.wait(max(end - time.monotonic(), 0.0) if stop is None else _STOP_POLL):
            if stop is not None and stop.is_set():  # the batch was interrupted: its call waits no more
                raise Interrupted
            if time.monotonic() >= end:
                raise TimeoutError("the call's attempt ended while its token was refreshed (the refresh goes on)")
        return running.result()

    async def _asleep(self, seconds: float) -> None:
        """Wait between token endpoint attempts (the sync flow's ``_sleep``: injectable)."""
        import asyncio

        await asyncio.sleep(seconds)

    @staticmethod
    def _require(token: Token | None) -> Token:
        if token is None:
            raise TokenError("no access token available")
        return token

    def _form(self) -> dict[str, str]:
        creds = self.credentials
        if isinstance(creds, RefreshTokenCredentials):
            return {
                "grant_type": "refresh_token",
                "client_id": creds.client_id,
                "client_secret": creds.client_secret,
                "refresh_token": creds.refresh_token,
            }
        if isinstance(creds, ClientCredentials):
            return {
                "grant_type": "client_credentials",
                "client_id": creds.client_id,
                "client_secret": creds.client_secret,
                "scope": creds.scope,
                "soid": creds.soid,
            }
        raise TokenError("a fixed access token cannot be refreshed")

    def _down(self, last: Exception | None) -> TokenEndpointError:
        reason = type(last).__name__ if last is not None else "no answer"
        return TokenEndpointError(
            f"the token endpoint {self.token_url} failed {ENDPOINT_ATTEMPTS} times ({reason}); "
            "check the accounts URL and the network",
            method="POST",
            url=self.token_url,
        )

    def _attempt_deadline(self) -> float:
        """When an attempt at the token endpoint gives up (its longest timeout from now)."""
        phases = (self.timeout.connect, self.timeout.write, self.timeout.read, self.timeout.pool)
        return time.monotonic() + max((p for p in phases if p is not None), default=ENDPOINT_READ_LIMIT)

    def sync_pool(self) -> httpx.BaseTransport:
        """The sync flow's transport: the one given (lent), else httpx's with its socket waits cut at the deadline."""
        if self.transport is not None:
            return _Lent(self.transport)
        return sync_transport(None, verify=self.verify, limits=httpx.Limits())

    def async_pool(self) -> httpx.AsyncBaseTransport | None:
        """The async flow's transport: the one given (lent), else httpx's (an attempt is cancelled at its deadline)."""
        return None if self.async_transport is None else _AsyncLent(self.async_transport)

    def _retire(self, token: Token | None, stale: str | None) -> None:
        """Remember the tokens a refresh replaces: a store that still holds one (its write failed) is not believed."""
        self._retired.extend(t for t in (stale, token.access_token if token else None) if t is not None)

    def _accept(self, response: httpx.Response) -> Token:
        if response.status_code >= 500:
            raise ServerDown.of(response)
        try:
            return self._token_from(response)
        except TokenEndpointError as exc:
            raise self._held_back(exc) from None

    def _held_back(self, error: TokenEndpointError) -> TokenEndpointError:
        """An answer the client cannot use: Zoho may have minted a token, so hold back instead of asking again."""
        self._paused_until = self._clock() + HOLD_BACK
        self._pause_reason = error.message
        return error

    def _unreadable(self, response: httpx.Response, exc: ZohoError) -> TokenEndpointError:
        """An answer too large to read, or not in its declared encoding (a 5xx's: asked again)."""
        if response.status_code >= 500:
            return ServerDown.of(response)
        return self._held_back(self._unusable(response, f"an answer that cannot be read ({exc.message})"))

    def _token_from(self, response: httpx.Response) -> Token:
        try:
            body: Any = response.json()
        except (ValueError, RecursionError):  # raised below: its __context__ would hold the body
            body = _UNREADABLE
        if body is _UNREADABLE:
            raise self._unusable(response, "a body that is not JSON")
        if not isinstance(body, Mapping):
            raise self._unusable(response, "JSON that is not an object")
        if "access_token" not in body:
            if not isinstance(body.get("error"), str):
                raise self._unusable(response, "neither an access_token nor an error")
            raise self._refused(body, response.status_code)
        access_token = body["access_token"]
        if not isinstance(access_token, str) or not _CLEAN_DOMAIN.fullmatch(access_token):
            raise self._unusable(response, "an access_token that is not a token")
        expires_in = body.get("expires_in_sec", body.get("expires_in", 3600))  # _sec: legacy, in seconds
        if not finite_number(expires_in):
            raise self._unusable(
                response, f"an expires_in that is not a number of seconds ({type(expires_in).__name__})"
            )
        if expires_in < MIN_LIFETIME:
            raise self._unusable(response, f"expires_in {expires_in} (at least {MIN_LIFETIME:.0f} s expected)")
        now = self._clock()
        return Token(access_token, now + expires_in, self._answered_domain(response, body.get("api_domain")), now)

    def _issued(self, token: Token) -> Token:
        """A refreshed token, once saved: counted, logged and handed to ``on_refresh``."""
        self.refreshes += 1
        logger.debug("zoho_crm: access token refreshed, valid %.0f s", token.expires_at - (token.issued_at or 0.0))
        if self._on_refresh is not None:
            self._on_refresh(token)
        return token

    def _unusable(self, response: httpx.Response, what: str) -> TokenEndpointError:
        return TokenEndpointError(
            f"the token endpoint answered HTTP {response.status_code} with {what}",
            status_code=response.status_code,
            method="POST",
            url=self.token_url,
        )

    def _answered_domain(self, response: httpx.Response, api_domain: object) -> str | None:
        if api_domain is None:
            return None
        if not isinstance(api_domain, str) or not _CLEAN_DOMAIN.fullmatch(api_domain):
            raise self._unusable(response, "an api_domain that is not a plain URL")
        return self._domain(api_domain)

    def _domain(self, api_domain: str) -> str | None:
        """Keep an ``api_domain`` (from Zoho or a store) only when it belongs to the configured data center."""
        if self.data_center is None or not _CLEAN_DOMAIN.fullmatch(api_domain):
            return None
        return api_domain if self.data_center.owns(api_domain) else None

    def _refused(self, body: Mapping[str, Any], status: int) -> TokenError:
        error = redact(str(body.get("error", "unknown")), *self._secrets())  # what Zoho echoed
        kw: dict[str, Any] = {"status_code": status, "code": error, "method": "POST", "url": self.token_url}
        if error == "invalid_client":
            return InvalidClientError(
                "Zoho refused the client (invalid_client): check client_id and client_secret, and that the "
                "accounts server matches the data center where the client was registered",
                **kw,
            )
        if error in ("invalid_code", "invalid_grant"):
            return InvalidTokenGrantError(
                f"Zoho refused the refresh token ({error}): it was revoked, expired or belongs to another "
                "client; generate a new one",
                **kw,
            )
        if error.lower() == "access denied":
            return TokenRefreshThrottledError(
                "Zoho throttled token refreshes (Access Denied: at most 10 access tokens per refresh token "
                "per 10 minutes); share tokens through a TokenStore instead of refreshing in every process",
                **kw,
            )
        return TokenError(f"the token endpoint refused: {error}", **kw)


def owner_of(credentials: Credentials, token_url: str) -> str:
    """:attr:`Token.owner` for tokens these credentials get from ``token_url``: a digest, no secret in clear."""
    import hashlib  # once per client, not paid on import

    if isinstance(credentials, RefreshTokenCredentials):
        parts = ["refresh", credentials.client_id, credentials.refresh_token]
    elif isinstance(credentials, ClientCredentials):
        parts = ["client", credentials.client_id, credentials.soid, credentials.scope]
    else:
        parts = ["access", credentials.access_token]
    return hashlib.sha256("\0".join([token_url, *parts]).encode()).hexdigest()[:24]


REFRESH_CODES = frozenset({"INVALID_TOKEN", "INVALID_OAUTHTOKEN", "AUTHENTICATION_FAILURE"})
"""401 codes that mean "this token is no good": refresh and replay (``REPLAYS``)."""


def refused_token(response: httpx.Response) -> bool:
    """Whether an answer (already read) refuses the request's token."""
    if response.status_code != 401:
        return False
    try:
        payload = loads(response.content)
    except ValueError:  # not JSON, or nested past orjson's limit
        return False
    code = payload.get("code") if isinstance(payload, dict) else None
    return isinstance(code, str) and code in REFRESH_CODES


class AuthCore(httpx.Auth):
    """What ``_auth.ZohoAuth``'s sync and async flows share: the token manager and the signing."""

    def __init__(
        self, tokens: TokenManager, *, follow_api_domain: bool = False, max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    ) -> None:
        self.tokens = tokens
        self.follow_api_domain = follow_api_domain
        self.max_answer_bytes = max_answer_bytes  # a 401's body is read here: capped like any answer

    def _sign(self, request: httpx.Request, token: Token) -> None:
        if self.follow_api_domain and token.api_domain:
            domain = httpx.URL(token.api_domain)
            request.url = request.url.copy_with(scheme=domain.scheme, host=domain.host, port=domain.port)
            request.headers["Host"] = request.url.netloc.decode("ascii")
        secure_url(str(request.url), "request URL")
        check_stop()  # the token came after the batch was interrupted: the request stays unsent
        request.headers["Authorization"] = f"Zoho-oauthtoken {token.access_token}"
        request.extensions[SIGNED] = True

    def __repr__(self) -> str:
        return "ZohoAuth()"
