from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.records_page import RecordsPage
from ...models.search_error import SearchError
from ...models.server_error import ServerError
from ...models.tri_state import TriState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    *,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    cvid: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_external, Unset):
        headers["X-EXTERNAL"] = x_external

    params: dict[str, Any] = {}

    params["criteria"] = criteria

    params["email"] = email

    params["phone"] = phone

    params["word"] = word

    json_converted: str | Unset = UNSET
    if not isinstance(converted, Unset):
        json_converted = converted.value

    params["converted"] = json_converted

    json_approved: str | Unset = UNSET
    if not isinstance(approved, Unset):
        json_approved = approved.value

    params["approved"] = json_approved

    params["page"] = page

    params["per_page"] = per_page

    params["fields"] = fields

    params["cvid"] = cvid

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{module}/search".format(
            module=quote(str(module), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordsPage
    | SearchError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = RecordsPage.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = SearchError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AuthError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = PermissionError_.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = NotFoundError.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = MethodError.from_dict(response.json())

        return response_405

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ServerError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordsPage
    | SearchError
    | ServerError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    module: str,
    *,
    client: AuthenticatedClient,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    cvid: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordsPage
    | SearchError
    | ServerError
]:
    """Search records

     Send one of `criteria`, `email`, `phone` or `word` (if several, only the first in that
    order is used; none gives `EXPECTED_PARAM_MISSING`). `criteria` is
    `((api_name:operator:value)and/or(...))` with at most 10 conditions; operators equals,
    starts_with, in (at most 100 values), not_equal, greater_equal, greater_than, less_equal,
    less_than, between; on text, equals acts like contains. Escape `(`, `)`, `,` and a
    trailing backslash in values with a backslash. `word` needs at
    least 2 characters. At most 2,000 records in all (`LIMIT_REACHED` past that); no page
    tokens. Recently written records may be missing for a while (index lag): 204.

    Args:
        module (str):  Example: Leads.
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):
        page (int | Unset):
        per_page (int | Unset):
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        cvid (str | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordsPage | SearchError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        criteria=criteria,
        email=email,
        phone=phone,
        word=word,
        converted=converted,
        approved=approved,
        page=page,
        per_page=per_page,
        fields=fields,
        cvid=cvid,
        x_external=x_external,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    *,
    client: AuthenticatedClient,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    cvid: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordsPage
    | SearchError
    | ServerError
    | None
):
    """Search records

     Send one of `criteria`, `email`, `phone` or `word` (if several, only the first in that
    order is used; none gives `EXPECTED_PARAM_MISSING`). `criteria` is
    `((api_name:operator:value)and/or(...))` with at most 10 conditions; operators equals,
    starts_with, in (at most 100 values), not_equal, greater_equal, greater_than, less_equal,
    less_than, between; on text, equals acts like contains. Escape `(`, `)`, `,` and a
    trailing backslash in values with a backslash. `word` needs at
    least 2 characters. At most 2,000 records in all (`LIMIT_REACHED` past that); no page
    tokens. Recently written records may be missing for a while (index lag): 204.

    Args:
        module (str):  Example: Leads.
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):
        page (int | Unset):
        per_page (int | Unset):
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        cvid (str | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordsPage | SearchError | ServerError
    """

    return sync_detailed(
        module=module,
        client=client,
        criteria=criteria,
        email=email,
        phone=phone,
        word=word,
        converted=converted,
        approved=approved,
        page=page,
        per_page=per_page,
        fields=fields,
        cvid=cvid,
        x_external=x_external,
    ).parsed


async def asyncio_detailed(
    module: str,
    *,
    client: AuthenticatedClient,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    cvid: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordsPage
    | SearchError
    | ServerError
]:
    """Search records

     Send one of `criteria`, `email`, `phone` or `word` (if several, only the first in that
    order is used; none gives `EXPECTED_PARAM_MISSING`). `criteria` is
    `((api_name:operator:value)and/or(...))` with at most 10 conditions; operators equals,
    starts_with, in (at most 100 values), not_equal, greater_equal, greater_than, less_equal,
    less_than, between; on text, equals acts like contains. Escape `(`, `)`, `,` and a
    trailing backslash in values with a backslash. `word` needs at
    least 2 characters. At most 2,000 records in all (`LIMIT_REACHED` past that); no page
    tokens. Recently written records may be missing for a while (index lag): 204.

    Args:
        module (str):  Example: Leads.
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):
        page (int | Unset):
        per_page (int | Unset):
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        cvid (str | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordsPage | SearchError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        criteria=criteria,
        email=email,
        phone=phone,
        word=word,
        converted=converted,
        approved=approved,
        page=page,
        per_page=per_page,
        fields=fields,
        cvid=cvid,
        x_external=x_external,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    *,
    client: AuthenticatedClient,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    fields: str | Unset = UNSET,
    cvid: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordsPage
    | SearchError
    | ServerError
    | None
):
    """Search records

     Send one of `criteria`, `email`, `phone` or `word` (if several, only the first in that
    order is used; none gives `EXPECTED_PARAM_MISSING`). `criteria` is
    `((api_name:operator:value)and/or(...))` with at most 10 conditions; operators equals,
    starts_with, in (at most 100 values), not_equal, greater_equal, greater_than, less_equal,
    less_than, between; on text, equals acts like contains. Escape `(`, `)`, `,` and a
    trailing backslash in values with a backslash. `word` needs at
    least 2 characters. At most 2,000 records in all (`LIMIT_REACHED` past that); no page
    tokens. Recently written records may be missing for a while (index lag): 204.

    Args:
        module (str):  Example: Leads.
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):
        page (int | Unset):
        per_page (int | Unset):
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        cvid (str | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordsPage | SearchError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            client=client,
            criteria=criteria,
            email=email,
            phone=phone,
            word=word,
            converted=converted,
            approved=approved,
            page=page,
            per_page=per_page,
            fields=fields,
            cvid=cvid,
            x_external=x_external,
        )
    ).parsed
