from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.action_results import ActionResults
from ...models.auth_error import AuthError
from ...models.delete_error import DeleteError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    x_external: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_external, Unset):
        headers["X-EXTERNAL"] = x_external

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/{module}/{record_id}/{related_list}/{related_record_id}".format(
            module=quote(str(module), safe=""),
            record_id=quote(str(record_id), safe=""),
            related_list=quote(str(related_list), safe=""),
            related_record_id=quote(str(related_record_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ActionResults
    | AuthError
    | DeleteError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = ActionResults.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DeleteError.from_dict(response.json())

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
    ActionResults
    | AuthError
    | DeleteError
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
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_external: str | Unset = UNSET,
) -> Response[
    ActionResults
    | AuthError
    | DeleteError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Delink one related record

     Removes the relation between the parent and the record in the path (the relations of
    Update Related Records; a lookup's related list answers 400 `NOT_SUPPORTED`).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | AuthError | DeleteError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        related_list=related_list,
        related_record_id=related_record_id,
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
    x_external: str | Unset = UNSET,
) -> (
    ActionResults
    | AuthError
    | DeleteError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Delink one related record

     Removes the relation between the parent and the record in the path (the relations of
    Update Related Records; a lookup's related list answers 400 `NOT_SUPPORTED`).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | AuthError | DeleteError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        record_id=record_id,
        related_list=related_list,
        related_record_id=related_record_id,
        client=client,
        x_external=x_external,
    ).parsed


async def asyncio_detailed(
    module: str,
    record_id: str,
    related_list: str,
    related_record_id: str,
    *,
    client: AuthenticatedClient | Client,
    x_external: str | Unset = UNSET,
) -> Response[
    ActionResults
    | AuthError
    | DeleteError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Delink one related record

     Removes the relation between the parent and the record in the path (the relations of
    Update Related Records; a lookup's related list answers 400 `NOT_SUPPORTED`).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | AuthError | DeleteError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        related_list=related_list,
        related_record_id=related_record_id,
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
    x_external: str | Unset = UNSET,
) -> (
    ActionResults
    | AuthError
    | DeleteError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Delink one related record

     Removes the relation between the parent and the record in the path (the relations of
    Update Related Records; a lookup's related list answers 400 `NOT_SUPPORTED`).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        related_record_id (str): A record id, or an external value; never `.` or `..` (they would
            change the path). Example: 3652397000000624046.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | AuthError | DeleteError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            record_id=record_id,
            related_list=related_list,
            related_record_id=related_record_id,
            client=client,
            x_external=x_external,
        )
    ).parsed
