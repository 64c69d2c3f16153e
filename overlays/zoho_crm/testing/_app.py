"""The ASGI app: routing, OAuth, limits, injected faults, contract checks, then the handlers."""

from __future__ import annotations

import asyncio
import inspect
import json
import math
import time
import warnings
import weakref
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, unquote

import anyio
import orjson

from ._context import Context, Reply, Work
from ._contract import Contract, Operation, load_contract, raise_violations
from ._coql_api import HANDLERS as COQL_HANDLERS
from ._errors import DroppedConnection, ZohoError, error_body
from ._external import parse_external
from ._forms import parse_form
from ._mass_update_api import HANDLERS as MASS_UPDATE_HANDLERS
from ._mass_update_api import run_due_jobs
from ._metadata_api import HANDLERS as METADATA_HANDLERS
from ._metadata_api import NO_MODULE
from ._photo_api import HANDLERS as PHOTO_HANDLERS
from ._records_api import HANDLERS as RECORD_HANDLERS
from ._records_api import write_cost
from ._related_api import HANDLERS as RELATED_HANDLERS
from ._state import SandboxState

__all__ = ["SandboxApp"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

HANDLERS = {
    **RECORD_HANDLERS,
    **PHOTO_HANDLERS,
    **MASS_UPDATE_HANDLERS,
    **RELATED_HANDLERS,
    **METADATA_HANDLERS,
    **COQL_HANDLERS,
}
BULK = frozenset(name for name, handler in HANDLERS.items() if inspect.isgeneratorfunction(handler))
"""Operations whose handler works item by item (its work runs in slices, its body read with it)."""
TOKEN_PATH = "/oauth/v2/token"  # noqa: S105 - a URL path, not a secret
REVOKE_PATH = "/oauth/v2/token/revoke"
JSON_TYPE = "application/json;charset=UTF-8"


def not_modelled(operation_id: str) -> Reply:
    """The answer of a spec operation without a handler: a Zoho-shaped 501 naming it."""
    message = f"the sandbox does not model {operation_id} yet (add a handler in zoho_crm.testing)"
    return Reply(501, error_body("NOT_SUPPORTED", {"operation_id": operation_id}, message))


class _Drop(Exception):
    """Close the connection without (the rest of) a response."""


async def _until(deadline: float) -> None:
    """Sleep until ``deadline`` on the event loop's clock (not at all if it has passed)."""
    remaining = deadline - anyio.current_time()
    if remaining > 0:
        await anyio.sleep(remaining)


class _Request:
    def __init__(self, scope: Scope, body: bytes) -> None:
        self.method: str = scope["method"].upper()
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        self.raw_path = raw_path.split(b"?", 1)[0].decode("latin-1")
        self.path = unquote(self.raw_path)
        query_string: bytes = scope.get("query_string", b"")
        self.repeated: dict[str, list[str]] = {}  # every value of each key: an array parameter's items
        for key, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, encoding="utf-8"):
            self.repeated.setdefault(key, []).append(value)
        self.query = {key: values[0] for key, values in self.repeated.items()}
        self.headers: dict[str, str] = {}
        for name, value in scope.get("headers", []):
            self.headers.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
        self.body = body


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The request body, or ``None`` past ``limit`` bytes (read no further: a 1 GB POST costs nothing)."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length" and value.strip().isdigit() and int(value) > limit:
            return None
    body = bytearray()
    while True:
        message = await receive()
        body.extend(message.get("body", b""))
        if len(body) > limit:
            return None
        if not message.get("more_body"):
            return bytes(body)


def _string_ids(body: Any) -> None:
    """Integer ids of a body as strings: ``data[].id``, ``get_related_records_count[].related_list.id``.

    The official SDKs type ids as 64-bit integers and send them as JSON numbers.
    """
    if not isinstance(body, dict):
        return
    holders = body.get("data")
    if not isinstance(holders, list):
        counts = body.get("get_related_records_count")
        holders = (
            [item.get("related_list") for item in counts if isinstance(item, dict)] if isinstance(counts, list) else []
        )
    for item in holders:
        if isinstance(item, dict):
            value = item.get("id")
            if isinstance(value, int) and not isinstance(value, bool):
                item["id"] = str(value)


class SandboxApp:
    """The sandbox's ASGI application.

    ``connection_dropper`` is set by the loopback server: it closes the socket of a request's
    connection. Without it (in-process), a drop raises :class:`DroppedConnection` to the transport.
    """

    def __init__(self, state: SandboxState, contract: Contract | None = None) -> None:
        self.state = state
        self.contract = contract or load_contract()
        self.connection_dropper: Callable[[Scope], Awaitable[None]] | None = None
        self._work_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self.unmodelled = frozenset(self.contract.operations) - set(HANDLERS)
        """Spec operations the sandbox has no handler for: they answer 501 ``NOT_SUPPORTED``."""
        if self.unmodelled:
            warnings.warn(
                f"zoho_crm.testing: not modelled, answering 501 NOT_SUPPORTED: {', '.join(sorted(self.unmodelled))}",
                stacklevel=2,
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """ASGI entry point."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        arrived = anyio.current_time()
        body = await _read_body(scope, receive, self.state.config.max_body_bytes)
        if body is None:
            status, payload, headers = self._encode(self._generic(413, "LIMIT_EXCEEDED"))
            headers.append((b"connection", b"close"))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": payload})
            return
        request = _Request(scope, body)
        try:
            status, payload, headers = await self._handle(request, arrived)
        except _Drop:
            if self.connection_dropper is not None:
                await self.connection_dropper(scope)
                return
            raise DroppedConnection("connection dropped by the sandbox (injected fault)") from None
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    @staticmethod
    async def _lifespan(receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    # pipeline ------------------------------------------------------------------------------------

    async def _handle(self, request: _Request, arrived: float) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        if request.path in (TOKEN_PATH, REVOKE_PATH):
            return self._encode(self._accounts(request))
        base = self.contract.base_path + "/"
        routed = None
        if request.raw_path.startswith(base):
            segments = [unquote(s) for s in request.raw_path[len(base) :].split("/")]
            routed = self.contract.route(segments)
        if routed is None:
            return self._encode(self._generic(404, "INVALID_URL_PATTERN"))
        operations, path_params = routed
        op = operations.get(request.method)
        if op is None:  # 400, as Zoho's operation pages and OAS examples say (see the spec's decisions)
            return self._encode(self._generic(400, "INVALID_REQUEST_METHOD"))
        state = self.state
        with state.lock:
            state.counters.requests[op.operation_id] += 1
            config = state.config
            try:
                state.auth.authenticate(request.headers.get("authorization"), state.now())
            except ZohoError as unauthorized:
                return self._encode(self._checked(op, self._error(unauthorized)))
            limit = config.concurrency_limit
            if limit is not None and state.counters.in_flight >= limit:
                busy = ZohoError(429, "TOO_MANY_REQUESTS", {"limit": limit}, "concurrency limit exceeded")
                return self._encode(self._checked(op, self._error(busy)))
            state.counters.in_flight += 1
            state.counters.max_in_flight = max(state.counters.max_in_flight, state.counters.in_flight)
            faulty = config.fault_operations is None or op.operation_id in config.fault_operations
            draws = state.faults.draw() if faulty else (1.0, 1.0)
            before = state.faults.before(draws[0], config.drop_rate, config.fault_rate_5xx)
            after = (
                None if before else state.faults.after(draws[1], config.drop_after_commit_rate, config.truncate_rate)
            )
            if before:
                state.counters.faults[before] += 1
        try:
            answer = None
            if before != "drop":
                reply = (
                    Reply(500, error_body("INTERNAL_ERROR"))
                    if before == "http_500"
                    else self._process(op, request, path_params)
                )
                if not isinstance(reply, Reply):
                    reply = await self._work(reply)
                answer = self._encode(self._checked(op, reply))
            # The latency runs from the call's arrival: the work above happens within it, as on a
            # server whose calls run in parallel, so concurrent calls do not queue behind each other.
            await _until(arrived + config.latency)
        finally:
            with state.lock:
                state.counters.in_flight -= 1
        if answer is None:
            raise _Drop
        status, payload, headers = answer
        if after == "truncate" and not payload:
            after = None  # nothing to cut: no fault
        if after:
            with state.lock:
                state.counters.faults[after] += 1
        if after == "drop_after_commit":
            raise _Drop
        if after == "truncate":
            payload = payload[: len(payload) // 2]
            headers = [(k, str(len(payload)).encode() if k == b"content-length" else v) for k, v in headers]
        return status, payload, headers

    async def _work(self, work: Work) -> Reply:
        """Run a bulk call's work (it yields before each item) to its reply, in slices (``work_slice``).

        Bulk calls work one at a time, oldest first; between slices the loop reads new requests and
        sends the answers that fall due. So one call's processing delays another call's arrival or
        answer by a slice at most, as on a server whose calls run in parallel (on one event loop, a
        100-record upsert would otherwise hold up everything else for its whole 1.5-4 ms).
        """
        loop = asyncio.get_running_loop()
        lock = self._work_locks.get(loop)
        if lock is None:
            lock = self._work_locks[loop] = asyncio.Lock()
        async with lock:
            while True:
                await asyncio.sleep(0)
                reply = self._advance(work, time.perf_counter() + self.state.config.work_slice)
                if reply is not None:
                    return reply

    def _advance(self, work: Work, deadline: float) -> Reply | None:
        """Run ``work`` under ``state.lock`` until ``deadline`` (one step at least); its reply once it is done."""
        with self.state.lock:
            try:
                next(work)
                while time.perf_counter() < deadline:
                    next(work)
            except StopIteration as done:
                reply: Reply = done.value
                return reply
            except ZohoError as refused:
                return self._error(refused)
        return None

    def _process(self, op: Operation, request: _Request, path_params: dict[str, str]) -> Reply | Work:
        """The reply of a call, or for a bulk write its work, run by :meth:`_work` (reading its body included)."""
        if op.operation_id in self.unmodelled:
            return not_modelled(op.operation_id)
        work = self._call(op, request, path_params)
        if op.operation_id in BULK:
            return work
        reply = self._advance(work, math.inf)  # nothing in it yields: done at once
        assert reply is not None
        return reply

    def _call(self, op: Operation, request: _Request, path_params: dict[str, str]) -> Work:
        """Everything a call does: its checks, its handler, the credits header."""
        prepared = self._prepare(op, request, path_params)
        if isinstance(prepared, Reply):
            return prepared
        ctx, cost = prepared
        credits, daily = self.state.credits, self.state.config.daily_credits
        try:
            answer = HANDLERS[op.operation_id](ctx)
            reply = answer if isinstance(answer, Reply) else (yield from answer)
        except ZohoError as refused:  # refused as a whole, as by the checks before: no credit spent
            credits.refund(ctx.now, cost)
            refused.headers.update(credits.header(daily))
            raise
        reply.headers.update(credits.header(daily))
        return reply

    def _prepare(self, op: Operation, request: _Request, path_params: dict[str, str]) -> tuple[Context, int] | Reply:
        """A call's context and the credits it spent, or the reply refusing it; under ``state.lock``."""
        state = self.state
        now = state.now()
        config = state.config
        state.store.sweep(now, config.recycle_retention, config.permanent_retention)
        try:
            if "module" in path_params:
                module = state.store.modules.get(path_params["module"])
                if module is None:
                    raise ZohoError(400, "INVALID_MODULE", {"resource_path_index": 0})
            else:  # metadata: the module, if any, is a query parameter its handler reads
                module = NO_MODULE
            params = op.parse_params(path_params, request.query, request.headers, request.repeated)
            body = self._body(op, request)
            externals = parse_external(params.get("X-EXTERNAL"), state.store.modules)
            cost = write_cost(op.operation_id, body)
            if config.daily_credits is not None:
                remaining = state.credits.remaining(now, config.daily_credits)
                if remaining < cost:
                    raise ZohoError(
                        429,
                        "TOO_MANY_REQUESTS",
                        {"limit": config.daily_credits},
                        "the daily API credits are used up",
                        {"X-API-CREDITS-REMAINING": str(remaining)},
                    )
            state.credits.spend(now, cost)
        except ZohoError as refused:
            return self._error(refused)
        ctx = Context(state, op, params, request.query, request.headers, body, module, externals, now)
        run_due_jobs(ctx)  # background jobs whose time has come, before the call sees the records
        return ctx, cost

    def _body(self, op: Operation, request: _Request) -> Any:
        if op.form is not None:  # a form: its fields by name (FormPart), the required ones present
            if not request.body.strip() and not op.body_required:
                return None
            code = op.pick(400, "INVALID_REQUEST", "INVALID_DATA")
            form = parse_form(request.headers.get("content-type"), request.body, code)
            for name in op.form:
                if name not in form:
                    code = op.pick(400, "REQUIRED_PARAM_MISSING", "MANDATORY_NOT_FOUND", "INVALID_DATA")
                    raise ZohoError(400, code, {"param_name": name}, f"the form has no {name}")
            return form
        if op.body is None:
            return None
        if not request.body.strip():
            if op.body_required:
                raise ZohoError(400, "REQUIRED_PARAM_MISSING", {"param_name": "body"}, "the request body is missing")
            return None
        # JSON whatever the Content-Type, as Zoho reads it: curl's `-d @file.json` sends
        # form-urlencoded, the official SDKs send none at all.
        try:
            body = orjson.loads(request.body)  # strict, as Zoho is: no NaN, no lone surrogates
        except ValueError:
            raise ZohoError(
                400, "INVALID_DATA", {"reason": "the body is not valid JSON"}, "invalid JSON body"
            ) from None
        _string_ids(body)
        refused = op.body_envelope_error(body)
        if refused is not None:
            raise refused
        return body

    def _error(self, refused: ZohoError) -> Reply:
        self.state.counters.rejected[refused.code] += 1
        return Reply(refused.status, refused.body(), refused.headers)

    def _generic(self, status: int, code: str) -> Reply:
        with self.state.lock:
            self.state.counters.rejected[code] += 1
        reply = Reply(status, error_body(code))
        self._enforce("(no operation)", self.contract.check_generic(status, reply.body))
        return reply

    def _checked(self, op: Operation, reply: Reply) -> Reply:
        if op.operation_id in self.unmodelled:
            return reply  # the spec does not list 501: the answer of the sandbox, not of Zoho
        mode = self.state.config.response_validation
        content_type = next((v for k, v in reply.headers.items() if k.lower() == "content-type"), None)
        violations = op.response_violations(reply.status, reply.body, mode, content_type)
        if violations and self._enforce(f"{op.operation_id} -> {reply.status}", violations):
            return Reply(500, error_body("INTERNAL_ERROR", {"reason": "sandbox contract violation"}))
        return reply

    def _enforce(self, where: str, violations: list[str]) -> bool:
        """Record violations; raise them in-process, or tell the caller to answer 500 (strict, over HTTP)."""
        if not violations:
            return False
        with self.state.lock:
            self.state.violations.append(f"{where}: " + "; ".join(violations[:5]))
        if not self.state.config.strict_responses:
            return False
        if self.connection_dropper is None:
            raise_violations(where, violations)
        return True

    # accounts server -------------------------------------------------------------------------------

    def _accounts(self, request: _Request) -> Reply:
        state = self.state
        if request.method != "POST":
            return Reply(405, {"error": "invalid_request_method"})
        form = dict(request.query)
        if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            form.update(parse_qsl(request.body.decode("latin-1"), keep_blank_values=True, encoding="utf-8"))
        with state.lock:
            now, config = state.now(), state.config
            if request.path == REVOKE_PATH:
                state.counters.requests["oauth_revoke"] += 1
                status, body = state.auth.revoke(form.get("token", ""))
                return Reply(status, body)
            state.counters.requests["oauth_token"] += 1
            body = state.auth.grant(
                form,
                now,
                lifetime=config.token_lifetime,
                api_domain=state.api_domain,
                refresh_limit=config.refresh_limit,
                refresh_window=config.refresh_window,
                max_active=config.max_active_tokens,
            )
            if "access_token" in body:
                state.counters.token_refreshes += 1
            else:
                state.counters.token_errors[str(body.get("error"))] += 1
            return Reply(200, body)

    @staticmethod
    def _encode(reply: Reply) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers.items()]
        if reply.body is None:
            return reply.status, b"", headers
        if isinstance(reply.body, (bytes, bytearray)):  # a download: its media type set by the handler
            if not any(k == b"content-type" for k, _ in headers):
                headers.append((b"content-type", b"application/octet-stream"))
            return reply.status, bytes(reply.body), [*headers, (b"content-length", str(len(reply.body)).encode())]
        try:
            payload = orjson.dumps(reply.body)
        except TypeError:  # a key that is not a string: the standard library writes it as one
            payload = json.dumps(reply.body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        headers += [(b"content-type", JSON_TYPE.encode()), (b"content-length", str(len(payload)).encode())]
        return reply.status, payload, headers
