from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.coql_error import CoqlError
from ...models.coql_page import CoqlPage
from ...models.coql_query_request import CoqlQueryRequest
from ...models.media_type_error import MediaTypeError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...types import Response


def _get_kwargs(
    *,
    body: CoqlQueryRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/coql",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    Any
    | AuthError
    | CoqlError
    | CoqlPage
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = CoqlPage.from_dict(response.json())

        return response_200

    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 400:
        response_400 = CoqlError.from_dict(response.json())

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
    Any
    | AuthError
    | CoqlError
    | CoqlPage
    | MediaTypeError
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
    *,
    client: AuthenticatedClient,
    body: CoqlQueryRequest,
) -> Response[
    Any
    | AuthError
    | CoqlError
    | CoqlPage
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Get records through a COQL query

     Runs one COQL select and answers one page of records:
    `select <fields> from <module> where <criteria> [order by <field> [asc|desc], ...] [limit
    [<offset>,] <count>]`
    (or `limit <count> offset <offset>`). Keywords are case-insensitive. At most 50 fields
    (`id` always comes back; lookups as `{id}`; `Lookup.Field` reads through a lookup).
    `where` is required: at most 25 criteria, two per pair of brackets (`((A and B) or C)`),
    with `=`, `!=`, `>`, `>=`, `<`, `<=`, `like` (`'x%'`, `'%x'`, `'%x%'`), `not like`, `in` and
    `not in` (at most 100 values), `between 'a' and 'b'`, `is null`, `is not null`. `order by`
    takes at most 10 fields (default: `id` ascending). `limit` is 200 by default, at most 2,000,
    and offset + limit at most 100,000. A read, though a POST: safe to repeat. Nothing matched:
    204 with an empty body. A bad query is a 400: `SYNTAX_ERROR`, `INVALID_QUERY` (unknown module
    or field), `LIMIT_EXCEEDED` or `DUPLICATE_DATA`.

    Args:
        body (CoqlQueryRequest): One COQL select statement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | CoqlError | CoqlPage | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CoqlQueryRequest,
) -> (
    Any
    | AuthError
    | CoqlError
    | CoqlPage
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Get records through a COQL query

     Runs one COQL select and answers one page of records:
    `select <fields> from <module> where <criteria> [order by <field> [asc|desc], ...] [limit
    [<offset>,] <count>]`
    (or `limit <count> offset <offset>`). Keywords are case-insensitive. At most 50 fields
    (`id` always comes back; lookups as `{id}`; `Lookup.Field` reads through a lookup).
    `where` is required: at most 25 criteria, two per pair of brackets (`((A and B) or C)`),
    with `=`, `!=`, `>`, `>=`, `<`, `<=`, `like` (`'x%'`, `'%x'`, `'%x%'`), `not like`, `in` and
    `not in` (at most 100 values), `between 'a' and 'b'`, `is null`, `is not null`. `order by`
    takes at most 10 fields (default: `id` ascending). `limit` is 200 by default, at most 2,000,
    and offset + limit at most 100,000. A read, though a POST: safe to repeat. Nothing matched:
    204 with an empty body. A bad query is a 400: `SYNTAX_ERROR`, `INVALID_QUERY` (unknown module
    or field), `LIMIT_EXCEEDED` or `DUPLICATE_DATA`.

    Args:
        body (CoqlQueryRequest): One COQL select statement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | CoqlError | CoqlPage | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CoqlQueryRequest,
) -> Response[
    Any
    | AuthError
    | CoqlError
    | CoqlPage
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Get records through a COQL query

     Runs one COQL select and answers one page of records:
    `select <fields> from <module> where <criteria> [order by <field> [asc|desc], ...] [limit
    [<offset>,] <count>]`
    (or `limit <count> offset <offset>`). Keywords are case-insensitive. At most 50 fields
    (`id` always comes back; lookups as `{id}`; `Lookup.Field` reads through a lookup).
    `where` is required: at most 25 criteria, two per pair of brackets (`((A and B) or C)`),
    with `=`, `!=`, `>`, `>=`, `<`, `<=`, `like` (`'x%'`, `'%x'`, `'%x%'`), `not like`, `in` and
    `not in` (at most 100 values), `between 'a' and 'b'`, `is null`, `is not null`. `order by`
    takes at most 10 fields (default: `id` ascending). `limit` is 200 by default, at most 2,000,
    and offset + limit at most 100,000. A read, though a POST: safe to repeat. Nothing matched:
    204 with an empty body. A bad query is a 400: `SYNTAX_ERROR`, `INVALID_QUERY` (unknown module
    or field), `LIMIT_EXCEEDED` or `DUPLICATE_DATA`.

    Args:
        body (CoqlQueryRequest): One COQL select statement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | AuthError | CoqlError | CoqlPage | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CoqlQueryRequest,
) -> (
    Any
    | AuthError
    | CoqlError
    | CoqlPage
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Get records through a COQL query

     Runs one COQL select and answers one page of records:
    `select <fields> from <module> where <criteria> [order by <field> [asc|desc], ...] [limit
    [<offset>,] <count>]`
    (or `limit <count> offset <offset>`). Keywords are case-insensitive. At most 50 fields
    (`id` always comes back; lookups as `{id}`; `Lookup.Field` reads through a lookup).
    `where` is required: at most 25 criteria, two per pair of brackets (`((A and B) or C)`),
    with `=`, `!=`, `>`, `>=`, `<`, `<=`, `like` (`'x%'`, `'%x'`, `'%x%'`), `not like`, `in` and
    `not in` (at most 100 values), `between 'a' and 'b'`, `is null`, `is not null`. `order by`
    takes at most 10 fields (default: `id` ascending). `limit` is 200 by default, at most 2,000,
    and offset + limit at most 100,000. A read, though a POST: safe to repeat. Nothing matched:
    204 with an empty body. A bad query is a 400: `SYNTAX_ERROR`, `INVALID_QUERY` (unknown module
    or field), `LIMIT_EXCEEDED` or `DUPLICATE_DATA`.

    Args:
        body (CoqlQueryRequest): One COQL select statement.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | AuthError | CoqlError | CoqlPage | MediaTypeError | MethodError | NotFoundError | PermissionError_ | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
