from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.deleted_list_error import DeletedListError
from ...models.deleted_records_page import DeletedRecordsPage
from ...models.deleted_type import DeletedType
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    *,
    type_: DeletedType | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_modified_since, Unset):
        headers["If-Modified-Since"] = if_modified_since

    params: dict[str, Any] = {}

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params["page"] = page

    params["per_page"] = per_page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{module}/deleted".format(
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
    | DeletedListError
    | DeletedRecordsPage
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = DeletedRecordsPage.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = DeletedListError.from_dict(response.json())

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
    | DeletedListError
    | DeletedRecordsPage
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
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
    client: AuthenticatedClient | Client,
    type_: DeletedType | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | DeletedListError
    | DeletedRecordsPage
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """List deleted records

     Lists deleted records: `type=recycle` (recycle bin, kept 60 days), `permanent`
    (kept 120 days) or `all` (default). `per_page` at most 200. Permanently deleted entries
    have null `deleted_by`, `display_name` and `created_by`.

    Args:
        module (str):  Example: Leads.
        type_ (DeletedType | Unset):
        page (int | Unset):
        per_page (int | Unset):
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | DeletedListError | DeletedRecordsPage | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        type_=type_,
        page=page,
        per_page=per_page,
        if_modified_since=if_modified_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    *,
    client: AuthenticatedClient | Client,
    type_: DeletedType | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | DeletedListError
    | DeletedRecordsPage
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """List deleted records

     Lists deleted records: `type=recycle` (recycle bin, kept 60 days), `permanent`
    (kept 120 days) or `all` (default). `per_page` at most 200. Permanently deleted entries
    have null `deleted_by`, `display_name` and `created_by`.

    Args:
        module (str):  Example: Leads.
        type_ (DeletedType | Unset):
        page (int | Unset):
        per_page (int | Unset):
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | DeletedListError | DeletedRecordsPage | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        client=client,
        type_=type_,
        page=page,
        per_page=per_page,
        if_modified_since=if_modified_since,
    ).parsed


async def asyncio_detailed(
    module: str,
    *,
    client: AuthenticatedClient | Client,
    type_: DeletedType | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | DeletedListError
    | DeletedRecordsPage
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """List deleted records

     Lists deleted records: `type=recycle` (recycle bin, kept 60 days), `permanent`
    (kept 120 days) or `all` (default). `per_page` at most 200. Permanently deleted entries
    have null `deleted_by`, `display_name` and `created_by`.

    Args:
        module (str):  Example: Leads.
        type_ (DeletedType | Unset):
        page (int | Unset):
        per_page (int | Unset):
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | DeletedListError | DeletedRecordsPage | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        type_=type_,
        page=page,
        per_page=per_page,
        if_modified_since=if_modified_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    *,
    client: AuthenticatedClient | Client,
    type_: DeletedType | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | DeletedListError
    | DeletedRecordsPage
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """List deleted records

     Lists deleted records: `type=recycle` (recycle bin, kept 60 days), `permanent`
    (kept 120 days) or `all` (default). `per_page` at most 200. Permanently deleted entries
    have null `deleted_by`, `display_name` and `created_by`.

    Args:
        module (str):  Example: Leads.
        type_ (DeletedType | Unset):
        page (int | Unset):
        per_page (int | Unset):
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | DeletedListError | DeletedRecordsPage | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            client=client,
            type_=type_,
            page=page,
            per_page=per_page,
            if_modified_since=if_modified_since,
        )
    ).parsed
