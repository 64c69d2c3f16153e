"""The ``Sandbox`` object tests hold, and the ``sandbox()`` context manager."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

from .._credentials import ClientCredentials, RefreshTokenCredentials
from ._app import SandboxApp
from ._clock import Clock
from ._config import SandboxConfig
from ._errors import ContractViolation
from ._limits import Counters
from ._modules import ANY_MODULE, FIELD_NAME, MODULE_NAME, custom_module
from ._state import SandboxState
from ._store import copy_json
from ._transports import SandboxASGITransport, SandboxSyncTransport

if TYPE_CHECKING:
    from ._server import LoopbackServer

__all__ = ["Sandbox", "sandbox"]

IN_PROCESS_DOMAIN = "https://zoho-sandbox.test"
MODES = ("asgi", "http")


class Sandbox:
    """A local Zoho CRM org, at the client's ``API_VERSION``, with its accounts server.

    ``mode="asgi"`` runs the app in-process (use :meth:`transport` / :meth:`async_transport`) under
    ``origin`` (default ``https://zoho-sandbox.test``: no TLS happens in-process, and clients that
    insist on https accept it); ``mode="http"`` serves it with uvicorn on
    ``host:port`` (port 0: a free one). Other keyword arguments are :class:`SandboxConfig` settings.
    Use it as a context manager.
    """

    def __init__(
        self,
        mode: str = "asgi",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        origin: str = IN_PROCESS_DOMAIN,
        **config: Any,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        self.state = SandboxState(SandboxConfig().replace(**config))
        self.app = SandboxApp(self.state)
        self._server: LoopbackServer | None = None
        self._portal: BlockingPortal | None = None
        self._portal_context: contextlib.AbstractContextManager[BlockingPortal] | None = None
        self._portal_lock = threading.Lock()
        self._violations_seen = 0
        if mode == "http":
            from ._server import LoopbackServer  # uvicorn only when serving over HTTP

            self._server = LoopbackServer(self.app, host, port)
            self._origin = self._server.url
        else:
            self._origin = origin.rstrip("/")
        self.state.api_domain = self.state.config.api_domain or self._origin

    # lifecycle ---------------------------------------------------------------------------------------

    def start(self) -> Sandbox:
        """Start serving (http mode); returns ``self``."""
        if self._server is not None:
            self._server.start()
        return self

    def close(self) -> None:
        """Stop the server and the in-process event loop; raise violations the HTTP clients never saw."""
        if self._server is not None:
            self._server.stop()
            self._server = None
        with self._portal_lock:
            if self._portal_context is not None:
                self._portal_context.__exit__(None, None, None)
                self._portal_context = self._portal = None
        unseen = self.state.violations[self._violations_seen :] if self.mode == "http" else []
        self._violations_seen = len(self.state.violations)
        if unseen and self.state.config.strict_responses:
            raise ContractViolation("responses broke the spec: " + " | ".join(unseen[:5]))

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            self.close()
        else:
            with contextlib.suppress(ContractViolation):
                self.close()

    # addresses and credentials -----------------------------------------------------------------------

    @property
    def api_domain(self) -> str:
        """Origin of the API: ``http://127.0.0.1:PORT`` (http mode) or ``https://zoho-sandbox.test``."""
        return self._origin

    @property
    def accounts_url(self) -> str:
        """Origin of the accounts server (same as the API): the token URL is ``{accounts_url}/oauth/v2/token``."""
        return self._origin

    @property
    def base_url(self) -> str:
        """``{api_domain}/crm/{API_VERSION}``."""
        return f"{self._origin}{self.app.contract.base_path}"

    @property
    def credentials(self) -> RefreshTokenCredentials:
        """Client id, secret and refresh token valid for this sandbox."""
        auth = self.state.auth
        return RefreshTokenCredentials(auth.client_id, auth.client_secret, auth.refresh_token)

    @property
    def client_credentials(self) -> ClientCredentials:
        """Self-client credentials (client-credentials grant) for this sandbox's org."""
        auth = self.state.auth
        return ClientCredentials(auth.client_id, auth.client_secret, auth.soid)

    def issue_access_token(self, lifetime: float | None = None) -> str:
        """A valid access token without going through OAuth (not throttled, not capped)."""
        with self.state.lock:
            return self.state.auth.issue_direct(self.state.now(), lifetime or self.state.config.token_lifetime)

    def expire_tokens(self) -> int:
        """Expire every access token issued so far (they now get 401 ``INVALID_TOKEN``); returns how many."""
        with self.state.lock:
            return self.state.auth.expire_all(self.state.now())

    # transports --------------------------------------------------------------------------------------

    def _get_portal(self) -> BlockingPortal:
        with self._portal_lock:
            if self._portal is None:
                self._portal_context = start_blocking_portal()
                self._portal = self._portal_context.__enter__()
            return self._portal

    def transport(self) -> httpx.BaseTransport | None:
        """Transport for a sync ``httpx.Client``: the in-process app (asgi mode), ``None`` in http mode."""
        if self.mode == "http":
            return None
        return SandboxSyncTransport(SandboxASGITransport(app=self.app), self._get_portal)

    def async_transport(self) -> httpx.AsyncBaseTransport | None:
        """Transport for an ``httpx.AsyncClient``: the in-process app (asgi mode), ``None`` in http mode."""
        if self.mode == "http":
            return None
        return SandboxASGITransport(app=self.app)

    # settings and observations ------------------------------------------------------------------------

    def configure(self, **changes: Any) -> None:
        """Change settings (the names of :class:`SandboxConfig`)."""
        self.state.configure(**changes)

    @property
    def config(self) -> SandboxConfig:
        """Current settings."""
        return self.state.config

    @property
    def clock(self) -> Clock:
        """The clock in use (a :class:`ManualClock` if one was configured)."""
        return self.state.config.clock

    @property
    def fault_seed(self) -> int:
        """Seed of the fault sequence: pass it as ``seed=`` to replay a run."""
        return self.state.faults.seed

    @property
    def counters(self) -> Counters:
        """A snapshot of the counters."""
        return self.state.counters_snapshot()

    def reset_counters(self) -> None:
        """Zero the counters."""
        with self.state.lock:
            in_flight = self.state.counters.in_flight
            self.state.counters.reset()
            self.state.counters.in_flight = in_flight

    @property
    def violations(self) -> list[str]:
        """Every contract violation the app produced (normally none)."""
        with self.state.lock:
            return list(self.state.violations)

    # modules -------------------------------------------------------------------------------------------

    def register_module(
        self,
        api_name: str,
        *,
        required: Iterable[str] = ("Name",),
        duplicate_check_field: str | None = "Name",
        unique: Iterable[str] = (),
        external: Iterable[str] = (),
        lookups: dict[str, str] | None = None,
    ) -> None:
        """Add a custom module (``lookups`` maps a lookup field to its target module)."""
        if not MODULE_NAME.match(api_name):
            raise ValueError(f"invalid module API name {api_name!r}")
        store = self.state.store
        with self.state.lock:
            for target in (lookups or {}).values():
                if target != ANY_MODULE and target not in store.modules and target != api_name:
                    raise ValueError(f"unknown lookup target {target!r}")
            module = custom_module(
                api_name,
                store.new_id(),
                store.new_id(),
                required=required,
                duplicate_check_field=duplicate_check_field,
                unique=unique,
                external=external,
                lookups=lookups or {},
            )
            store.add_module(module)

    def _field_list(self, module: str, field: str, kind: str) -> list[str]:
        store = self.state.store
        if module not in store.modules:
            raise KeyError(f"unknown module {module!r}")
        if not FIELD_NAME.match(field):
            raise ValueError(f"invalid field API name {field!r}")
        fields: list[str] = getattr(store.modules[module], kind)
        return fields

    def mark_external(self, module: str, field: str) -> None:
        """Make ``field`` an (org-based) external-ID field of ``module``."""
        with self.state.lock:
            fields = self._field_list(module, field, "external")
            if field not in fields:
                fields.append(field)
                self.state.store.reindex(module)

    def mark_unique(self, module: str, field: str) -> None:
        """Make ``field`` a unique field of ``module`` (duplicates refused, checked by upsert)."""
        with self.state.lock:
            fields = self._field_list(module, field, "unique")
            if field not in fields:
                fields.append(field)
                self.state.store.reindex(module)

    def mark_rich_text(self, module: str, field: str) -> None:
        """Make ``field`` a rich text field of ``module`` (listings cut it to 500 characters)."""
        with self.state.lock:
            fields = self._field_list(module, field, "rich_text")
            if field not in fields:
                fields.append(field)

    def photo(self, module: str, record_id: str) -> bytes | None:
        """The photo of a live record (Upload a Photo), if it has one."""
        with self.state.lock:
            record = self.state.store.get(module, record_id)
            return record.photo[1] if record is not None and record.photo is not None else None

    def custom_view_id(self, module: str) -> str:
        """Id of the module's built-in custom view, the one ``cvid`` the sandbox accepts."""
        return self.state.store.modules[module].view_id

    # data ------------------------------------------------------------------------------------------------

    def seed(self, module: str, records: Iterable[dict[str, Any]]) -> list[str]:
        """Insert records directly (no validation); system fields are set, lookups named. Returns the ids."""
        store = self.state.store
        with self.state.lock:
            definition = store.modules[module]
            now = self.state.now()
            ids: list[str] = []
            for record in records:
                fields: dict[str, Any] = copy_json(record)
                for system in ("id", "Created_Time", "Modified_Time"):
                    fields.pop(system, None)
                for field, target in definition.lookups.items():
                    value = fields.get(field)
                    if isinstance(value, str):
                        value = fields[field] = {"id": value}
                    if isinstance(value, dict) and "id" in value:
                        named = value.get("module")
                        where = named.get("api_name") if isinstance(named, dict) else fields.get("$se_module", target)
                        found = (
                            store.get(where, str(value["id"]))
                            if isinstance(where, str) and where in store.modules
                            else None
                        )
                        if found is not None and isinstance(where, str):
                            value.setdefault("name", store.modules[where].display_name(found.fields))
                            if target == ANY_MODULE:
                                value["module"] = {"api_name": where, "id": store.modules[where].id}
                fields.pop("$se_module", None)
                ids.append(store.insert(module, fields, now).id)
            return ids

    def records(self, module: str) -> list[dict[str, Any]]:
        """Copies of the live records of ``module``, oldest first."""
        with self.state.lock:
            return self.state.store.snapshot(module)

    def record(self, module: str, record_id: str) -> dict[str, Any] | None:
        """A copy of one live record, or ``None``."""
        with self.state.lock:
            found = self.state.store.get(module, record_id)
            return copy_json(found.fields) if found else None

    def deleted(self, module: str) -> list[dict[str, Any]]:
        """The module's deleted-record entries (recycle bin and permanent), as the API lists them."""
        with self.state.lock:
            return [entry.to_json() for entry in self.state.store.tables[module].deleted.values()]

    def empty_recycle_bin(self, module: str | None = None) -> int:
        """Delete recycle-bin entries permanently (of one module or all); returns how many."""
        with self.state.lock:
            return self.state.store.empty_recycle_bin(module, self.state.now())

    def relate(self, module: str, record_id: str, related_list: str, related_id: str, **relation_fields: Any) -> None:
        """Link two records through a related list directly: a documented relation, or a lookup (the API cannot)."""
        store = self.state.store
        with self.state.lock:
            related = store.modules[module].related_lists[related_list]
            parent, child = store.get(module, record_id), store.get(related.related_module, related_id)
            if parent is None or child is None:
                raise KeyError("both records must exist")
            if related.kind == "m2m":
                assert related.relation is not None
                pair = (record_id, related_id) if module == related.relation[0] else (related_id, record_id)
                store.link(related.relation, *pair, relation_fields)
            else:
                assert related.lookup_field is not None
                shown: dict[str, Any] = {"name": store.modules[module].display_name(parent.fields), "id": parent.id}
                if store.modules[related.related_module].lookups[related.lookup_field] == ANY_MODULE:
                    shown["module"] = {"api_name": module, "id": store.modules[module].id}
                store.update(child, {related.lookup_field: shown}, self.state.now())


@contextlib.contextmanager
def sandbox(mode: str = "asgi", **config: Any) -> Iterator[Sandbox]:
    """A started :class:`Sandbox`, closed on exit.

    ``config``: ``host``/``port`` (http mode), ``origin`` (asgi mode) and :class:`SandboxConfig` settings.
    """
    with Sandbox(mode, **config) as started:
        yield started
