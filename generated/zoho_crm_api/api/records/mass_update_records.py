from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.action_results import ActionResults
from ...models.auth_error import AuthError
from ...models.mass_update_error import MassUpdateError
from ...models.mass_update_request import MassUpdateRequest
from ...models.media_type_error import MediaTypeError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.payload_error import PayloadError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...types import Response


def _get_kwargs(
    module: str,
    *,
    body: MassUpdateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/{module}/actions/mass_update".format(
            module=quote(str(module), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ActionResults
    | ActionResults
    | MassUpdateError
    | AuthError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = ActionResults.from_dict(response.json())

        return response_200

    if response.status_code == 202:
        response_202 = ActionResults.from_dict(response.json())

        return response_202

    if response.status_code == 207:
        response_207 = ActionResults.from_dict(response.json())

        return response_207

    if response.status_code == 400:

        def _parse_response_400(data: object) -> ActionResults | MassUpdateError:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_mass_update_bad_request_body_type_0 = MassUpdateError.from_dict(data)

                return componentsschemas_mass_update_bad_request_body_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_mass_update_bad_request_body_type_1 = ActionResults.from_dict(data)

            return componentsschemas_mass_update_bad_request_body_type_1

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

    if response.status_code == 413:
        response_413 = PayloadError.from_dict(response.json())

        return response_413

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
    ActionResults
    | ActionResults
    | MassUpdateError
    | AuthError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PayloadError
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
    client: AuthenticatedClient,
    body: MassUpdateRequest,
) -> Response[
    ActionResults
    | ActionResults
    | MassUpdateError
    | AuthError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Mass update records

     Sets the same value of one field (up to three in Deals) on many records of a module. With
    `ids` (at most 500), the records are updated at once and the answer holds one outcome per
    id, in input order (200; 207 when some failed; 400 when every id failed; an unknown id is
    `INVALID_DATA`). With
    `cvid` (every record of a custom view, or of one of its territories with `territory`; at
    most 50,000 records), a background job is scheduled: the answer's one item carries
    `details.job_id`, which `get_mass_update_status` follows; another job for the same view
    while one is pending answers 202 `ALREADY_SCHEDULED`. Send `ids` or `cvid`, not both.
    Email, lookup, multi-line, line-item and read-only fields cannot be mass updated
    (`INVALID_DATA`). A multi-select picklist gets the given values added, or replaced with
    `over_write: true`. Not for Notes. Prefer `update_records` to give each record its own values.

    Args:
        module (str):  Example: Leads.
        body (MassUpdateRequest): The field values to set, and which records (`ids`, or `cvid` and
            maybe `territory`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | ActionResults | MassUpdateError | AuthError | MediaTypeError | MethodError | NotFoundError | PayloadError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    *,
    client: AuthenticatedClient,
    body: MassUpdateRequest,
) -> (
    ActionResults
    | ActionResults
    | MassUpdateError
    | AuthError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Mass update records

     Sets the same value of one field (up to three in Deals) on many records of a module. With
    `ids` (at most 500), the records are updated at once and the answer holds one outcome per
    id, in input order (200; 207 when some failed; 400 when every id failed; an unknown id is
    `INVALID_DATA`). With
    `cvid` (every record of a custom view, or of one of its territories with `territory`; at
    most 50,000 records), a background job is scheduled: the answer's one item carries
    `details.job_id`, which `get_mass_update_status` follows; another job for the same view
    while one is pending answers 202 `ALREADY_SCHEDULED`. Send `ids` or `cvid`, not both.
    Email, lookup, multi-line, line-item and read-only fields cannot be mass updated
    (`INVALID_DATA`). A multi-select picklist gets the given values added, or replaced with
    `over_write: true`. Not for Notes. Prefer `update_records` to give each record its own values.

    Args:
        module (str):  Example: Leads.
        body (MassUpdateRequest): The field values to set, and which records (`ids`, or `cvid` and
            maybe `territory`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | ActionResults | MassUpdateError | AuthError | MediaTypeError | MethodError | NotFoundError | PayloadError | PermissionError_ | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    module: str,
    *,
    client: AuthenticatedClient,
    body: MassUpdateRequest,
) -> Response[
    ActionResults
    | ActionResults
    | MassUpdateError
    | AuthError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Mass update records

     Sets the same value of one field (up to three in Deals) on many records of a module. With
    `ids` (at most 500), the records are updated at once and the answer holds one outcome per
    id, in input order (200; 207 when some failed; 400 when every id failed; an unknown id is
    `INVALID_DATA`). With
    `cvid` (every record of a custom view, or of one of its territories with `territory`; at
    most 50,000 records), a background job is scheduled: the answer's one item carries
    `details.job_id`, which `get_mass_update_status` follows; another job for the same view
    while one is pending answers 202 `ALREADY_SCHEDULED`. Send `ids` or `cvid`, not both.
    Email, lookup, multi-line, line-item and read-only fields cannot be mass updated
    (`INVALID_DATA`). A multi-select picklist gets the given values added, or replaced with
    `over_write: true`. Not for Notes. Prefer `update_records` to give each record its own values.

    Args:
        module (str):  Example: Leads.
        body (MassUpdateRequest): The field values to set, and which records (`ids`, or `cvid` and
            maybe `territory`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResults | ActionResults | MassUpdateError | AuthError | MediaTypeError | MethodError | NotFoundError | PayloadError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    *,
    client: AuthenticatedClient,
    body: MassUpdateRequest,
) -> (
    ActionResults
    | ActionResults
    | MassUpdateError
    | AuthError
    | MediaTypeError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Mass update records

     Sets the same value of one field (up to three in Deals) on many records of a module. With
    `ids` (at most 500), the records are updated at once and the answer holds one outcome per
    id, in input order (200; 207 when some failed; 400 when every id failed; an unknown id is
    `INVALID_DATA`). With
    `cvid` (every record of a custom view, or of one of its territories with `territory`; at
    most 50,000 records), a background job is scheduled: the answer's one item carries
    `details.job_id`, which `get_mass_update_status` follows; another job for the same view
    while one is pending answers 202 `ALREADY_SCHEDULED`. Send `ids` or `cvid`, not both.
    Email, lookup, multi-line, line-item and read-only fields cannot be mass updated
    (`INVALID_DATA`). A multi-select picklist gets the given values added, or replaced with
    `over_write: true`. Not for Notes. Prefer `update_records` to give each record its own values.

    Args:
        module (str):  Example: Leads.
        body (MassUpdateRequest): The field values to set, and which records (`ids`, or `cvid` and
            maybe `territory`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResults | ActionResults | MassUpdateError | AuthError | MediaTypeError | MethodError | NotFoundError | PayloadError | PermissionError_ | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            client=client,
            body=body,
        )
    ).parsed
