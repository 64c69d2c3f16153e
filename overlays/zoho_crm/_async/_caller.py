"""A batch's exchange of one chunk: sent by the engine, its answer left for the batch to read.

The batch loop (``_run.py``) and the stream loop (``_stream.py``) call it once per chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx

from .. import _validation as check
from .._batch import Answers, AsyncCall, Finish, Idempotent, OnSent, call_failed, finish_of, halted
from .._engine import Timeout
from ..errors import APIConnectionError, TokenError, ZohoError, ZohoValidationError
from ._engine import AsyncEngine

__all__ = ["async_caller"]


def async_caller(
    engine: AsyncEngine,
    op: str,
    prepared: dict[int, dict[str, Any]],
    *,
    idempotent: Idempotent,
    timeout: Timeout,
    answers: Answers = "any",
) -> AsyncCall:
    """The per-chunk exchange of a batch; its :data:`~zoho_crm._batch.Finish` gives one outcome per item.

    A ``first`` exchange leaves its answer unread (the batch reads it once the slot is free again);
    a repeated one reads it in the engine, which asks again for an unreadable answer to a safe call.
    A token refused (or a client closed) before the request went out raises :class:`~zoho_crm._batch.Halt`.
    ``on_sent`` is called when the request has gone out (see ``AsyncEngine.send``).
    """
    check.call_timeout(timeout)
    engine.check_loop()  # a client used where it cannot serve: raised here, before the batch starts

    async def call(start: int, part: Sequence[Any], first: bool, on_sent: OnSent) -> Finish:
        safe = idempotent if isinstance(idempotent, bool) else idempotent[start]
        try:
            answer: httpx.Response | APIConnectionError = await engine.send(
                op, prepared[start], idempotent=safe, timeout=timeout, read=not first, on_sent=on_sent
            )
        except APIConnectionError as exc:
            if exc.never_sent and engine.http.is_closed:  # closed: no later chunk can go out either
                raise halted(exc, start, part) from None
            answer = exc
        except (TokenError, ZohoValidationError) as exc:  # raised before this attempt went out
            raise halted(exc, start, part) from exc
        except ZohoError as exc:  # any other: raised once the request may have gone out
            return call_failed(start, part, exc, safe)
        return finish_of(start, part, answer, safe, first, prepared, answers)

    return call
