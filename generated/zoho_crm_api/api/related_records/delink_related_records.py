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
    *,
    ids: str,
    x_external: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_external, Unset):
        headers["X-EXTERNAL"] = x_external

    params: dict[str, Any] = {}

    params["ids"] = ids

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/{module}/{record_id}/{related_list}".format(
            module=quote(str(module), safe=""),
            record_id=quote(str(record_id), safe=""),
            related_list=quote(str(related_list), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
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

    if response.status_code == 207:
        response_207 = ActionResults.from_dict(response.json())

        return response_207

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ActionResults | DeleteError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_delete_bad_request_body_type_0 = DeleteError.from_dict(data)

                return componentsschemas_delete_bad_request_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_delete_bad_request_body_type_1 = ActionResults.from_dict(data)

            return componentsschemas_delete_bad_request_body_type_1

        response_400 = _parse_response_400(response.json())

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
    | ActionResults
    | DeleteError
    | AuthError
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
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    x_external: str | Unset = UNSET,
) -> Response[
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Delink related records in bulk

     Removes the relation between the parent and up to 100 related records (`ids`,
    comma-separated; external values with `X-EXTERNAL`). The records themselves stay. The
    relations are those of Update Related Records; a lookup's related list answers 400
    `NOT_SUPPORTED` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        related_list=related_list,
        ids=ids,
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
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    x_external: str | Unset = UNSET,
) -> (
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Delink related records in bulk

     Removes the relation between the parent and up to 100 related records (`ids`,
    comma-separated; external values with `X-EXTERNAL`). The records themselves stay. The
    relations are those of Update Related Records; a lookup's related list answers 400
    `NOT_SUPPORTED` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        record_id=record_id,
        related_list=related_list,
        client=client,
        ids=ids,
        x_external=x_external,
    ).parsed


async def asyncio_detailed(
    module: str,
    record_id: str,
    related_list: str,
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    x_external: str | Unset = UNSET,
) -> Response[
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Delink related records in bulk

     Removes the relation between the parent and up to 100 related records (`ids`,
    comma-separated; external values with `X-EXTERNAL`). The records themselves stay. The
    relations are those of Update Related Records; a lookup's related list answers 400
    `NOT_SUPPORTED` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        related_list=related_list,
        ids=ids,
        x_external=x_external,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    record_id: str,
    related_list: str,
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    x_external: str | Unset = UNSET,
) -> (
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Delink related records in bulk

     Removes the relation between the parent and up to 100 related records (`ids`,
    comma-separated; external values with `X-EXTERNAL`). The records themselves stay. The
    relations are those of Update Related Records; a lookup's related list answers 400
    `NOT_SUPPORTED` (see Decisions).

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        related_list (str):  Example: Notes.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            record_id=record_id,
            related_list=related_list,
            client=client,
            ids=ids,
            x_external=x_external,
        )
    ).parsed
