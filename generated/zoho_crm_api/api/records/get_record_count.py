from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.count_error import CountError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.record_count import RecordCount
from ...models.server_error import ServerError
from ...models.tri_state import TriState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    *,
    cvid: str | Unset = UNSET,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cvid"] = cvid

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{module}/actions/count".format(
            module=quote(str(module), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AuthError
    | CountError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordCount
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = RecordCount.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = CountError.from_dict(response.json())

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
    AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError
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
    cvid: str | Unset = UNSET,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
) -> Response[
    AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError
]:
    """Count records

     Counts the module's records, optionally those of a custom view (`cvid`) or those matching
    a search (`criteria`, `email`, `phone`, `word`). `cvid` with a search parameter answers
    `AMBIGUITY_DURING_PROCESSING`. Counts can lag writes by 1 to 10 minutes.

    Args:
        module (str):  Example: Leads.
        cvid (str | Unset):
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        cvid=cvid,
        criteria=criteria,
        email=email,
        phone=phone,
        word=word,
        converted=converted,
        approved=approved,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    *,
    client: AuthenticatedClient,
    cvid: str | Unset = UNSET,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
) -> (
    AuthError
    | CountError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordCount
    | ServerError
    | None
):
    """Count records

     Counts the module's records, optionally those of a custom view (`cvid`) or those matching
    a search (`criteria`, `email`, `phone`, `word`). `cvid` with a search parameter answers
    `AMBIGUITY_DURING_PROCESSING`. Counts can lag writes by 1 to 10 minutes.

    Args:
        module (str):  Example: Leads.
        cvid (str | Unset):
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError
    """

    return sync_detailed(
        module=module,
        client=client,
        cvid=cvid,
        criteria=criteria,
        email=email,
        phone=phone,
        word=word,
        converted=converted,
        approved=approved,
    ).parsed


async def asyncio_detailed(
    module: str,
    *,
    client: AuthenticatedClient,
    cvid: str | Unset = UNSET,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
) -> Response[
    AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError
]:
    """Count records

     Counts the module's records, optionally those of a custom view (`cvid`) or those matching
    a search (`criteria`, `email`, `phone`, `word`). `cvid` with a search parameter answers
    `AMBIGUITY_DURING_PROCESSING`. Counts can lag writes by 1 to 10 minutes.

    Args:
        module (str):  Example: Leads.
        cvid (str | Unset):
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        cvid=cvid,
        criteria=criteria,
        email=email,
        phone=phone,
        word=word,
        converted=converted,
        approved=approved,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    *,
    client: AuthenticatedClient,
    cvid: str | Unset = UNSET,
    criteria: str | Unset = UNSET,
    email: str | Unset = UNSET,
    phone: str | Unset = UNSET,
    word: str | Unset = UNSET,
    converted: TriState | Unset = UNSET,
    approved: TriState | Unset = UNSET,
) -> (
    AuthError
    | CountError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RecordCount
    | ServerError
    | None
):
    """Count records

     Counts the module's records, optionally those of a custom view (`cvid`) or those matching
    a search (`criteria`, `email`, `phone`, `word`). `cvid` with a search parameter answers
    `AMBIGUITY_DURING_PROCESSING`. Counts can lag writes by 1 to 10 minutes.

    Args:
        module (str):  Example: Leads.
        cvid (str | Unset):
        criteria (str | Unset):  Example: (Last_Name:equals:Burns).
        email (str | Unset):
        phone (str | Unset):
        word (str | Unset):
        converted (TriState | Unset):
        approved (TriState | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | CountError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RecordCount | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            client=client,
            cvid=cvid,
            criteria=criteria,
            email=email,
            phone=phone,
            word=word,
            converted=converted,
            approved=approved,
        )
    ).parsed
