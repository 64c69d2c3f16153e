from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.job_not_found_error import JobNotFoundError
from ...models.mass_update_status_error import MassUpdateStatusError
from ...models.mass_update_status_response import MassUpdateStatusResponse
from ...models.method_error import MethodError
from ...models.permission_error import PermissionError_
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...types import UNSET, Response


def _get_kwargs(
    module: str,
    *,
    job_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["job_id"] = job_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/{module}/actions/mass_update".format(
            module=quote(str(module), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AuthError
    | JobNotFoundError
    | MassUpdateStatusError
    | MassUpdateStatusResponse
    | MethodError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = MassUpdateStatusResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = MassUpdateStatusError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = AuthError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = PermissionError_.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = JobNotFoundError.from_dict(response.json())

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
    AuthError
    | JobNotFoundError
    | MassUpdateStatusError
    | MassUpdateStatusResponse
    | MethodError
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
    job_id: str,
) -> Response[
    AuthError
    | JobNotFoundError
    | MassUpdateStatusError
    | MassUpdateStatusResponse
    | MethodError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Status of a mass update job

     The status of a job `mass_update_records` scheduled (with `cvid`): `Status` (`SCHEDULED`,
    `RUNNING`, `COMPLETED` or `FAILED`), and how many records the job holds (`Total_Count`),
    updated (`Updated_Count`), not updated yet (`Not_Updated_Count`) and failed
    (`Failed_Count`). An unknown `job_id`, or one of another module, answers 404 `NOT_FOUND`.
    No 204: neither the status page nor crm-oas (`mass_update.json`: 200 and 400) has one.

    Args:
        module (str):  Example: Leads.
        job_id (str):  Example: 554023000000506003.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | JobNotFoundError | MassUpdateStatusError | MassUpdateStatusResponse | MethodError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    module: str,
    *,
    client: AuthenticatedClient,
    job_id: str,
) -> (
    AuthError
    | JobNotFoundError
    | MassUpdateStatusError
    | MassUpdateStatusResponse
    | MethodError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Status of a mass update job

     The status of a job `mass_update_records` scheduled (with `cvid`): `Status` (`SCHEDULED`,
    `RUNNING`, `COMPLETED` or `FAILED`), and how many records the job holds (`Total_Count`),
    updated (`Updated_Count`), not updated yet (`Not_Updated_Count`) and failed
    (`Failed_Count`). An unknown `job_id`, or one of another module, answers 404 `NOT_FOUND`.
    No 204: neither the status page nor crm-oas (`mass_update.json`: 200 and 400) has one.

    Args:
        module (str):  Example: Leads.
        job_id (str):  Example: 554023000000506003.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | JobNotFoundError | MassUpdateStatusError | MassUpdateStatusResponse | MethodError | PermissionError_ | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        client=client,
        job_id=job_id,
    ).parsed


async def asyncio_detailed(
    module: str,
    *,
    client: AuthenticatedClient,
    job_id: str,
) -> Response[
    AuthError
    | JobNotFoundError
    | MassUpdateStatusError
    | MassUpdateStatusResponse
    | MethodError
    | PermissionError_
    | RateLimitError
    | ServerError
]:
    """Status of a mass update job

     The status of a job `mass_update_records` scheduled (with `cvid`): `Status` (`SCHEDULED`,
    `RUNNING`, `COMPLETED` or `FAILED`), and how many records the job holds (`Total_Count`),
    updated (`Updated_Count`), not updated yet (`Not_Updated_Count`) and failed
    (`Failed_Count`). An unknown `job_id`, or one of another module, answers 404 `NOT_FOUND`.
    No 204: neither the status page nor crm-oas (`mass_update.json`: 200 and 400) has one.

    Args:
        module (str):  Example: Leads.
        job_id (str):  Example: 554023000000506003.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | JobNotFoundError | MassUpdateStatusError | MassUpdateStatusResponse | MethodError | PermissionError_ | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    *,
    client: AuthenticatedClient,
    job_id: str,
) -> (
    AuthError
    | JobNotFoundError
    | MassUpdateStatusError
    | MassUpdateStatusResponse
    | MethodError
    | PermissionError_
    | RateLimitError
    | ServerError
    | None
):
    """Status of a mass update job

     The status of a job `mass_update_records` scheduled (with `cvid`): `Status` (`SCHEDULED`,
    `RUNNING`, `COMPLETED` or `FAILED`), and how many records the job holds (`Total_Count`),
    updated (`Updated_Count`), not updated yet (`Not_Updated_Count`) and failed
    (`Failed_Count`). An unknown `job_id`, or one of another module, answers 404 `NOT_FOUND`.
    No 204: neither the status page nor crm-oas (`mass_update.json`: 200 and 400) has one.

    Args:
        module (str):  Example: Leads.
        job_id (str):  Example: 554023000000506003.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | JobNotFoundError | MassUpdateStatusError | MassUpdateStatusResponse | MethodError | PermissionError_ | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            client=client,
            job_id=job_id,
        )
    ).parsed
