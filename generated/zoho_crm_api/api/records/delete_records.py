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
from ...models.precondition_error import PreconditionError
from ...models.precondition_results import PreconditionResults
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    *,
    ids: str,
    wf_trigger: bool | Unset = UNSET,
    x_external: str | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_external, Unset):
        headers["X-EXTERNAL"] = x_external

    if not isinstance(if_unmodified_since, Unset):
        headers["If-Unmodified-Since"] = if_unmodified_since

    params: dict[str, Any] = {}

    params["ids"] = ids

    params["wf_trigger"] = wf_trigger

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/{module}".format(
            module=quote(str(module), safe=""),
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
    | PreconditionError
    | PreconditionResults
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

    if response.status_code == 412:

        def _parse_response_412(data: object) -> PreconditionError | PreconditionResults:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_precondition_body_type_0 = PreconditionResults.from_dict(data)

                return componentsschemas_precondition_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_precondition_body_type_1 = PreconditionError.from_dict(data)

            return componentsschemas_precondition_body_type_1

        response_412 = _parse_response_412(response.json())

        return response_412

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
    | PreconditionError
    | PreconditionResults
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
    ids: str,
    wf_trigger: bool | Unset = UNSET,
    x_external: str | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> Response[
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | PreconditionError
    | PreconditionResults
    | RateLimitError
    | ServerError
]:
    """Delete records in bulk

     Moves up to 100 records (comma-separated `ids`) to the recycle bin. With
    `X-EXTERNAL: Module.Field`, `ids` holds external values and `details` echoes the field.
    `wf_trigger=false` skips delete workflows.

    Args:
        module (str):  Example: Leads.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        wf_trigger (bool | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        if_unmodified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | PreconditionError | PreconditionResults | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        ids=ids,
        wf_trigger=wf_trigger,
        x_external=x_external,
        if_unmodified_since=if_unmodified_since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    wf_trigger: bool | Unset = UNSET,
    x_external: str | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> (
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | PreconditionError
    | PreconditionResults
    | RateLimitError
    | ServerError
    | None
):
    """Delete records in bulk

     Moves up to 100 records (comma-separated `ids`) to the recycle bin. With
    `X-EXTERNAL: Module.Field`, `ids` holds external values and `details` echoes the field.
    `wf_trigger=false` skips delete workflows.

    Args:
        module (str):  Example: Leads.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        wf_trigger (bool | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        if_unmodified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | PreconditionError | PreconditionResults | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        client=client,
        ids=ids,
        wf_trigger=wf_trigger,
        x_external=x_external,
        if_unmodified_since=if_unmodified_since,
    ).parsed


async def asyncio_detailed(
    module: str,
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    wf_trigger: bool | Unset = UNSET,
    x_external: str | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> Response[
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | PreconditionError
    | PreconditionResults
    | RateLimitError
    | ServerError
]:
    """Delete records in bulk

     Moves up to 100 records (comma-separated `ids`) to the recycle bin. With
    `X-EXTERNAL: Module.Field`, `ids` holds external values and `details` echoes the field.
    `wf_trigger=false` skips delete workflows.

    Args:
        module (str):  Example: Leads.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        wf_trigger (bool | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        if_unmodified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | PreconditionError | PreconditionResults | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        ids=ids,
        wf_trigger=wf_trigger,
        x_external=x_external,
        if_unmodified_since=if_unmodified_since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    *,
    client: AuthenticatedClient | Client,
    ids: str,
    wf_trigger: bool | Unset = UNSET,
    x_external: str | Unset = UNSET,
    if_unmodified_since: str | Unset = UNSET,
) -> (
    ActionResults
    | ActionResults
    | DeleteError
    | AuthError
    | MethodError
    | NotFoundError
    | PermissionError_
    | PreconditionError
    | PreconditionResults
    | RateLimitError
    | ServerError
    | None
):
    """Delete records in bulk

     Moves up to 100 records (comma-separated `ids`) to the recycle bin. With
    `X-EXTERNAL: Module.Field`, `ids` holds external values and `details` echoes the field.
    `wf_trigger=false` skips delete workflows.

    Args:
        module (str):  Example: Leads.
        ids (str): Comma-separated ids or external values, at most 100, no control characters.
            Example: 3652397000000624046,3652397000000624047.
        wf_trigger (bool | Unset):
        x_external (str | Unset): One or more external-field paths, comma-separated. Example:
            Contacts.External_Contact_ID.
        if_unmodified_since (str | Unset): ISO-8601 date-time with an offset or `Z`, for example
            `2019-07-25T15:26:49+05:30`. Example: 2019-07-25T15:26:49+05:30.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | ActionResults | DeleteError | AuthError | MethodError | NotFoundError | PermissionError_ | PreconditionError | PreconditionResults | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            client=client,
            ids=ids,
            wf_trigger=wf_trigger,
            x_external=x_external,
            if_unmodified_since=if_unmodified_since,
        )
    ).parsed
