from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.fields_response import FieldsResponse
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.read_error import ReadError
from ...models.server_error import ServerError
from ...types import UNSET, Response


def _get_kwargs(
    *,
    module: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["module"] = module

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/settings/fields",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | AuthError
    | FieldsResponse
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = FieldsResponse.from_dict(response.json())

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
    | FieldsResponse
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | ServerError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    module: str,
) -> Response[
    Any
    | AuthError
    | FieldsResponse
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | ServerError
]:
    """Fields of a module

     The fields of `module`: API names, data types, mandatory flags, lengths, lookups (with their
    target module), unique and external fields. Custom fields are listed with `custom_field: true`.

    Args:
        module (str):  Example: Leads.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | FieldsResponse | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    module: str,
) -> (
    Any
    | AuthError
    | FieldsResponse
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | ServerError
    | None
):
    """Fields of a module

     The fields of `module`: API names, data types, mandatory flags, lengths, lookups (with their
    target module), unique and external fields. Custom fields are listed with `custom_field: true`.

    Args:
        module (str):  Example: Leads.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | FieldsResponse | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | ServerError
    """

    return sync_detailed(
        client=client,
        module=module,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    module: str,
) -> Response[
    Any
    | AuthError
    | FieldsResponse
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | ServerError
]:
    """Fields of a module

     The fields of `module`: API names, data types, mandatory flags, lengths, lookups (with their
    target module), unique and external fields. Custom fields are listed with `custom_field: true`.

    Args:
        module (str):  Example: Leads.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | FieldsResponse | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    module: str,
) -> (
    Any
    | AuthError
    | FieldsResponse
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ReadError
    | ServerError
    | None
):
    """Fields of a module

     The fields of `module`: API names, data types, mandatory flags, lengths, lookups (with their
    target module), unique and external fields. Custom fields are listed with `custom_field: true`.

    Args:
        module (str):  Example: Leads.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | FieldsResponse | MethodError | NotFoundError | PermissionError_ | RateLimitError | ReadError | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            module=module,
        )
    ).parsed
