"""``TokenManager`` and the httpx ``Auth`` that signs requests with ``Authorization: Zoho-oauthtoken <token>``.

Each is what sync and async share (``_oauth``) with the sync and async flows (``_async/_oauth.py``, written
once; ``_sync/_oauth.py`` generated from it).
"""

from __future__ import annotations

from ._async._oauth import AsyncAuthFlow, AsyncTokenFlow
from ._sync._oauth import SyncAuthFlow, SyncTokenFlow

__all__ = ["TokenManager", "ZohoAuth"]


class TokenManager(SyncTokenFlow, AsyncTokenFlow):
    """Hands out a valid access token, refreshing it when it is about to expire or was refused.

    ``refresh_margin`` seconds before expiry the token is renewed. Concurrent callers that find it
    expired wait for one refresh and reuse its result: a lock for threads, one for tasks, and the
    store's ``lock()`` for other processes. The token in use is kept in memory, so a store that fails
    (logged once) never makes every call refresh. Refreshes that would not help are held back
    (``HOLD_BACK``): after a just-issued token is refused, or after an answer the client cannot use.
    ``get``/``refused`` for threads, ``aget``/``arefused`` for tasks.
    """


class ZohoAuth(SyncAuthFlow, AsyncAuthFlow):
    """Adds the token, refreshing it before expiry; on a refused token refreshes and replays.

    A replay refused again while its token is still valid means Zoho refuses even a just-issued token:
    the token manager then holds back (:class:`~zoho_crm.errors.TokenRefusedError`) instead of
    refreshing on every call.

    With ``follow_api_domain``, requests go to the ``api_domain`` Zoho returned with the token (the
    token manager keeps it only when it belongs to the configured data center).
    """
