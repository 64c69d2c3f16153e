"""The token flows that wait: getting a token (single flight) from the endpoint, and signing with it.

A request whose token is refused is signed with a fresh one and replayed (twice at most: see ``REPLAYS``).

``_auth`` puts them together with what sync and async share (``_oauth.TokenCore``, ``_oauth.AuthCore``).
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator

import httpx

from .._engine import SIGNED, cancel_at, deadline_of
from .._oauth import ACCEPT, ENDPOINT_ATTEMPTS, TOKEN_ANSWER_BYTES, AuthCore, ServerDown, TokenCore, refused_token
from .._store_lock import astore_lock
from ..errors import AnswerTooLargeError, InvalidResponseError
from ..tokens import Token
from ._engine import aread_capped

__all__ = ["AsyncAuthFlow", "AsyncTokenFlow"]

REPLAYS = 2
"""Replays of a request whose token was refused: one with a new token; a second only when that one
expired on its way (a refused token is not applied, so a replay is safe). A fresh token refused while
still valid holds refreshes back (``HOLD_BACK``)."""


class AsyncTokenFlow(TokenCore):
    """Getting a token: one refresh per expiry across the client's threads or tasks and the store's sharers."""

    async def aget(self, stale: str | None = None) -> Token:
        """A valid token; ``stale`` is one the API refused, which is never handed out again."""
        if self._usable(self._last, stale):
            return self._require(self._last)
        token = await self._aload()
        if self._usable(token, stale) or not self.can_refresh:
            return self._require(token)
        fresh = await self._ashielded(lambda: self._arenew(stale))
        if not self._usable(fresh, stale):  # another caller's renewal, ended a while ago or for another stale token
            fresh = await self._ashielded(lambda: self._arenew(stale))
        return fresh

    async def _arenew(self, stale: str | None) -> Token:
        """Under the locks: the token a sharer stored meanwhile, or a refresh (shielded with its locks)."""
        async with self._task_lock(), astore_lock(self.store, self.can_refresh):
            token = await self._aload()
            if self._usable(token, stale):
                return self._require(token)
            if token is not None and self._refused_again(token, stale):
                token = await self._amark_refused(token)
            self._hold_back(token)
            fresh = await self._arefresh()
            self._retire(token, stale)  # only once replaced: a failed refresh leaves them the store's to judge
            return self._probed(token, fresh)

    async def arefused(self, token: Token) -> None:
        """The API refused ``token`` right after a refresh: mark it in the store so every sharer holds back."""
        async with self._task_lock(), astore_lock(self.store, self.can_refresh):
            await self._amark_refused(token)

    async def _amark_refused(self, token: Token) -> Token | None:
        """Mark ``token`` refused in the store, if it still holds it: the store's token, marked or not."""
        current = await self._aload()
        marked = self._refusal(current, token)
        if marked is None:
            return current
        await self._asave(marked)
        return marked

    async def _arefresh(self) -> Token:
        last: Exception | None = None
        for attempt in range(ENDPOINT_ATTEMPTS):
            try:
                deadline = self._attempt_deadline()
                with cancel_at(deadline, time.monotonic):
                    response = await self._apost(deadline)
                token = self._accept(response)
                break
            except (httpx.TransportError, ServerDown, TimeoutError) as exc:  # TimeoutError: the deadline passed
                last = exc
                if attempt + 1 < ENDPOINT_ATTEMPTS:
                    await self._asleep(min(0.5 * 2**attempt, 4.0))
        else:
            raise self._down(last)
        await self._asave(token)
        return self._issued(token)

    async def _apost(self, deadline: float) -> httpx.Response:
        """One attempt at the token endpoint: its answer read in full, within ``deadline`` and the cap."""
        async with (
            httpx.AsyncClient(transport=self.async_pool(), timeout=self.timeout, verify=self.verify) as http,
            http.stream("POST", self.token_url, data=self._form(), headers=ACCEPT) as response,
        ):
            try:
                await aread_capped(response, TOKEN_ANSWER_BYTES, deadline)
            except (AnswerTooLargeError, InvalidResponseError) as exc:
                raise self._unreadable(response, exc) from None
        return response


class AsyncAuthFlow(AuthCore):
    """Signing: adds the token, and on a refused token refreshes and replays (see ``REPLAYS``)."""

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """Sign, send, and on a refused token refresh and replay (see ``REPLAYS``)."""
        token = await self.tokens.aget()
        self._sign(request, token)
        response = yield request
        for replay in range(REPLAYS + 1):
            if not (self.tokens.can_refresh and response.status_code == 401):
                return
            await aread_capped(response, self.max_answer_bytes, *deadline_of())
            if not refused_token(response):
                return
            if replay and not self.tokens.expired(token):  # a just-issued token refused: stop refreshing a while
                await self.tokens.arefused(token)
                return
            if replay == REPLAYS:
                return
            request.extensions.pop(SIGNED, None)  # refused, so not applied: never sent until signed anew
            token = await self.tokens.aget(stale=token.access_token)
            self._sign(request, token)
            response = yield request
