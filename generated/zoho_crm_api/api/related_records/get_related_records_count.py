from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.count_error import CountError
from ...models.media_type_error import MediaTypeError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.related_records_count_request import RelatedRecordsCountRequest
from ...models.related_records_count_response import RelatedRecordsCountResponse
from ...models.server_error import ServerError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    record_id: str,
    *,
    body: RelatedRecordsCountRequest,
    x_external: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_external, Unset):
        headers["X-EXTERNAL"] = x_external

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/{module}/{record_id}/actions/get_related_records_count".format(
            module=quote(str(module), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AuthError
    | CountError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RelatedRecordsCountResponse
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = RelatedRecordsCountResponse.from_dict(response.json())

        return response_200

    if response.status_code == 207:
        response_207 = RelatedRecordsCountResponse.from_dict(response.json())

        return response_207

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

    if response.status_code == 415:
        response_415 = MediaTypeError.from_dict(response.json())

        return response_415

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
    AuthError
    | CountError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RelatedRecordsCountResponse
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
    body: RelatedRecordsCountRequest,
    x_external: str | Unset = UNSET,
) -> Response[
    AuthError
    | CountError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RelatedRecordsCountResponse
    | ServerError
]:
    """Count related records

     Counts the records in one or more related lists of a record. Each item names its list by
    `api_name` or `id` (at least one). Each item gets its own outcome, in input order:
    a count, or an error (`EXPECTED_FIELD_MISSING`, `INVALID_DATA`, ...); 207 when mixed.
    Not in Zoho's crm-oas; modelled from the v8 page and the official SDK.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        body (RelatedRecordsCountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | CountError | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RelatedRecordsCountResponse | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        body=body,
        x_external=x_external,
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
    body: RelatedRecordsCountRequest,
    x_external: str | Unset = UNSET,
) -> (
    AuthError
    | CountError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RelatedRecordsCountResponse
    | ServerError
    | None
):
    """Count related records

     Counts the records in one or more related lists of a record. Each item names its list by
    `api_name` or `id` (at least one). Each item gets its own outcome, in input order:
    a count, or an error (`EXPECTED_FIELD_MISSING`, `INVALID_DATA`, ...); 207 when mixed.
    Not in Zoho's crm-oas; modelled from the v8 page and the official SDK.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        body (RelatedRecordsCountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | CountError | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RelatedRecordsCountResponse | ServerError
    """

    return sync_detailed(
        module=module,
        record_id=record_id,
        client=client,
        body=body,
        x_external=x_external,
    ).parsed


async def asyncio_detailed(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RelatedRecordsCountRequest,
    x_external: str | Unset = UNSET,
) -> Response[
    AuthError
    | CountError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RelatedRecordsCountResponse
    | ServerError
]:
    """Count related records

     Counts the records in one or more related lists of a record. Each item names its list by
    `api_name` or `id` (at least one). Each item gets its own outcome, in input order:
    a count, or an error (`EXPECTED_FIELD_MISSING`, `INVALID_DATA`, ...); 207 when mixed.
    Not in Zoho's crm-oas; modelled from the v8 page and the official SDK.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        body (RelatedRecordsCountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | CountError | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RelatedRecordsCountResponse | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        body=body,
        x_external=x_external,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: RelatedRecordsCountRequest,
    x_external: str | Unset = UNSET,
) -> (
    AuthError
    | CountError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | RelatedRecordsCountResponse
    | ServerError
    | None
):
    """Count related records

     Counts the records in one or more related lists of a record. Each item names its list by
    `api_name` or `id` (at least one). Each item gets its own outcome, in input order:
    a count, or an error (`EXPECTED_FIELD_MISSING`, `INVALID_DATA`, ...); 207 when mixed.
    Not in Zoho's crm-oas; modelled from the v8 page and the official SDK.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        body (RelatedRecordsCountRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | CountError | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | RelatedRecordsCountResponse | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            record_id=record_id,
            client=client,
            body=body,
            x_external=x_external,
        )
    ).parsed
