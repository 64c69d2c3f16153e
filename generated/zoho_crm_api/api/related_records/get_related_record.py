from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.method_error import MethodError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.read_error import ReadError
from ...models.record_not_found_error import RecordNotFoundError
from ...models.records_page import RecordsPage
from ...models.server_error import ServerError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    fields: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_modified_since, Unset):
        headers["If-Modified-Since"] = if_modified_since

    if not isinstance(x_external, Unset):
        headers["X-EXTERNAL"] = x_external

    params: dict[str, Any] = {}

    params["fields"] = fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{module}/{record_id}/{related_list}/{related_record_id}".format(
            module=quote(str(module), safe=""),
            record_id=quote(str(record_id), safe=""),
            related_list=quote(str(related_list), safe=""),
            related_record_id=quote(str(related_record_id), safe=""),
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
    | PermissionError_
    | RateLimitError
    | ReadError
    | RecordNotFoundError
    | RecordsPage
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
        response_400 = ReadError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AuthError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = PermissionError_.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = RecordNotFoundError.from_dict(response.json())

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
    | PermissionError_
    | RateLimitError
    | ReadError
    | RecordNotFoundError
    | RecordsPage
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
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | MethodError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RecordNotFoundError
    | RecordsPage
    | ServerError
]:
    """Get one related record

     Reads one record of a related list. With `X-EXTERNAL` naming both modules' external
    fields (comma-separated), both path ids hold external values. Not related: 204. A parent
    or related id that names no record: 404 `INVALID_DATA` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | MethodError | PermissionError_ | RateLimitError | ReadError | RecordNotFoundError | RecordsPage | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        related_list=related_list,
        related_record_id=related_record_id,
        fields=fields,
        if_modified_since=if_modified_since,
        x_external=x_external,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | MethodError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RecordNotFoundError
    | RecordsPage
    | ServerError
    | None
):
    """Get one related record

     Reads one record of a related list. With `X-EXTERNAL` naming both modules' external
    fields (comma-separated), both path ids hold external values. Not related: 204. A parent
    or related id that names no record: 404 `INVALID_DATA` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | MethodError | PermissionError_ | RateLimitError | ReadError | RecordNotFoundError | RecordsPage | ServerError
    """

    return sync_detailed(
        module=module,
        record_id=record_id,
        related_list=related_list,
        related_record_id=related_record_id,
        client=client,
        fields=fields,
        if_modified_since=if_modified_since,
        x_external=x_external,
    ).parsed


async def asyncio_detailed(
    module: str,
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | MethodError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RecordNotFoundError
    | RecordsPage
    | ServerError
]:
    """Get one related record

     Reads one record of a related list. With `X-EXTERNAL` naming both modules' external
    fields (comma-separated), both path ids hold external values. Not related: 204. A parent
    or related id that names no record: 404 `INVALID_DATA` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | MethodError | PermissionError_ | RateLimitError | ReadError | RecordNotFoundError | RecordsPage | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        related_list=related_list,
        related_record_id=related_record_id,
        fields=fields,
        if_modified_since=if_modified_since,
        x_external=x_external,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
    if_modified_since: str | Unset = UNSET,
    x_external: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | MethodError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RecordNotFoundError
    | RecordsPage
    | ServerError
    | None
):
    """Get one related record

     Reads one record of a related list. With `X-EXTERNAL` naming both modules' external
    fields (comma-separated), both path ids hold external values. Not related: 204. A parent
    or related id that names no record: 404 `INVALID_DATA` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.
        if_modified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | MethodError | PermissionError_ | RateLimitError | ReadError | RecordNotFoundError | RecordsPage | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            record_id=record_id,
            related_list=related_list,
            related_record_id=related_record_id,
            client=client,
            fields=fields,
            if_modified_since=if_modified_since,
            x_external=x_external,
        )
    ).parsed
