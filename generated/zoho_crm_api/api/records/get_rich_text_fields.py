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
from ...models.read_error import ReadError
from ...models.rich_text_page import RichTextPage
from ...models.server_error import ServerError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    record_id: str,
    *,
    fields: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["fields"] = fields

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{module}/{record_id}/actions/fetch_full_data".format(
            module=quote(str(module), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
        "params": params,
    }

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
    | ReadError
    | RichTextPage
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = RichTextPage.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
    | ReadError
    | RichTextPage
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
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RichTextPage
    | ServerError
]:
    """Get a record's rich text fields in full

     Reads the rich text fields of one record in full (listings cut them to 500 characters):
    `data` holds one item, the record's `id` and each rich text field. `fields` names the rich
    text fields to read (default: all of them); other kinds of field are not read. An unknown
    id answers 204.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | RichTextPage | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        fields=fields,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RichTextPage
    | ServerError
    | None
):
    """Get a record's rich text fields in full

     Reads the rich text fields of one record in full (listings cut them to 500 characters):
    `data` holds one item, the record's `id` and each rich text field. `fields` names the rich
    text fields to read (default: all of them); other kinds of field are not read. An unknown
    id answers 204.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | RichTextPage | ServerError
    """

    return sync_detailed(
        module=module,
        record_id=record_id,
        client=client,
        fields=fields,
    ).parsed


async def asyncio_detailed(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> Response[
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RichTextPage
    | ServerError
]:
    """Get a record's rich text fields in full

     Reads the rich text fields of one record in full (listings cut them to 500 characters):
    `data` holds one item, the record's `id` and each rich text field. `fields` names the rich
    text fields to read (default: all of them); other kinds of field are not read. An unknown
    id answers 204.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | RichTextPage | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        fields=fields,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    fields: str | Unset = UNSET,
) -> (
    Any
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | RichTextPage
    | ServerError
    | None
):
    """Get a record's rich text fields in full

     Reads the rich text fields of one record in full (listings cut them to 500 characters):
    `data` holds one item, the record's `id` and each rich text field. `fields` names the rich
    text fields to read (default: all of them); other kinds of field are not read. An unknown
    id answers 204.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        fields (str | Unset): Comma-separated field API names, at most 50. Example:
            Last_Name,Email,Company.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | RichTextPage | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            record_id=record_id,
            client=client,
            fields=fields,
        )
    ).parsed
