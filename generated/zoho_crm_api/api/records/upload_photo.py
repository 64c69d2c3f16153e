from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_error import AuthError
from ...models.method_error import MethodError
from ...models.not_found_error import NotFoundError
from ...models.payload_error import PayloadError
from ...models.permission_error import PermissionError_
from ...models.photo_error import PhotoError
from ...models.photo_success import PhotoSuccess
from ...models.photo_upload import PhotoUpload
from ...models.rate_limit_error import RateLimitError
from ...models.server_error import ServerError
from ...models.upload_photo_restrict_triggers import UploadPhotoRestrictTriggers
from ...types import UNSET, Response, Unset


def _get_kwargs(
    module: str,
    record_id: str,
    *,
    body: PhotoUpload,
    restrict_triggers: UploadPhotoRestrictTriggers | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_restrict_triggers: str | Unset = UNSET
    if not isinstance(restrict_triggers, Unset):
        json_restrict_triggers = restrict_triggers.value

    params["restrict_triggers"] = json_restrict_triggers

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/{module}/{record_id}/photo".format(
            module=quote(str(module), safe=""),
            record_id=quote(str(record_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AuthError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | PhotoError
    | PhotoSuccess
    | RateLimitError
    | ServerError
    | None
):
    if response.status_code == 200:
        response_200 = PhotoSuccess.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = PhotoError.from_dict(response.json())

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
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | PhotoError
    | PhotoSuccess
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
    *,
    client: AuthenticatedClient | Client,
    body: PhotoUpload,
    restrict_triggers: UploadPhotoRestrictTriggers | Unset = UNSET,
) -> Response[
    AuthError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | PhotoError
    | PhotoSuccess
    | RateLimitError
    | ServerError
]:
    """Upload a record's photo

     Sets the photo of a record (Leads, Contacts, Accounts, Products, Deals, Vendors and custom
    modules), replacing the one it had: a multipart `file` in PNG, JPEG, GIF or BMP, at most
    10 MB and 10 megapixels. `restrict_triggers=workflow` keeps workflows from running. A
    locked record answers `RECORD_LOCKED`; an unknown id `INVALID_DATA`. Repeating it leaves
    the same photo: safe to retry.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        restrict_triggers (UploadPhotoRestrictTriggers | Unset):
        body (PhotoUpload): The multipart form of a photo upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | MethodError | NotFoundError | PayloadError | PermissionError_ | PhotoError | PhotoSuccess | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        body=body,
        restrict_triggers=restrict_triggers,
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
    body: PhotoUpload,
    restrict_triggers: UploadPhotoRestrictTriggers | Unset = UNSET,
) -> (
    AuthError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | PhotoError
    | PhotoSuccess
    | RateLimitError
    | ServerError
    | None
):
    """Upload a record's photo

     Sets the photo of a record (Leads, Contacts, Accounts, Products, Deals, Vendors and custom
    modules), replacing the one it had: a multipart `file` in PNG, JPEG, GIF or BMP, at most
    10 MB and 10 megapixels. `restrict_triggers=workflow` keeps workflows from running. A
    locked record answers `RECORD_LOCKED`; an unknown id `INVALID_DATA`. Repeating it leaves
    the same photo: safe to retry.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        restrict_triggers (UploadPhotoRestrictTriggers | Unset):
        body (PhotoUpload): The multipart form of a photo upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | MethodError | NotFoundError | PayloadError | PermissionError_ | PhotoError | PhotoSuccess | RateLimitError | ServerError
    """

    return sync_detailed(
        module=module,
        record_id=record_id,
        client=client,
        body=body,
        restrict_triggers=restrict_triggers,
    ).parsed


async def asyncio_detailed(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PhotoUpload,
    restrict_triggers: UploadPhotoRestrictTriggers | Unset = UNSET,
) -> Response[
    AuthError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | PhotoError
    | PhotoSuccess
    | RateLimitError
    | ServerError
]:
    """Upload a record's photo

     Sets the photo of a record (Leads, Contacts, Accounts, Products, Deals, Vendors and custom
    modules), replacing the one it had: a multipart `file` in PNG, JPEG, GIF or BMP, at most
    10 MB and 10 megapixels. `restrict_triggers=workflow` keeps workflows from running. A
    locked record answers `RECORD_LOCKED`; an unknown id `INVALID_DATA`. Repeating it leaves
    the same photo: safe to retry.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        restrict_triggers (UploadPhotoRestrictTriggers | Unset):
        body (PhotoUpload): The multipart form of a photo upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthError | MethodError | NotFoundError | PayloadError | PermissionError_ | PhotoError | PhotoSuccess | RateLimitError | ServerError]
    """

    kwargs = _get_kwargs(
        module=module,
        record_id=record_id,
        body=body,
        restrict_triggers=restrict_triggers,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    module: str,
    record_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: PhotoUpload,
    restrict_triggers: UploadPhotoRestrictTriggers | Unset = UNSET,
) -> (
    AuthError
    | MethodError
    | NotFoundError
    | PayloadError
    | PermissionError_
    | PhotoError
    | PhotoSuccess
    | RateLimitError
    | ServerError
    | None
):
    """Upload a record's photo

     Sets the photo of a record (Leads, Contacts, Accounts, Products, Deals, Vendors and custom
    modules), replacing the one it had: a multipart `file` in PNG, JPEG, GIF or BMP, at most
    10 MB and 10 megapixels. `restrict_triggers=workflow` keeps workflows from running. A
    locked record answers `RECORD_LOCKED`; an unknown id `INVALID_DATA`. Repeating it leaves
    the same photo: safe to retry.

    Args:
        module (str):  Example: Leads.
        record_id (str): A record id, or an external value; never `.` or `..` (they would change
            the path). Example: 3652397000000624046.
        restrict_triggers (UploadPhotoRestrictTriggers | Unset):
        body (PhotoUpload): The multipart form of a photo upload.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthError | MethodError | NotFoundError | PayloadError | PermissionError_ | PhotoError | PhotoSuccess | RateLimitError | ServerError
    """

    return (
        await asyncio_detailed(
            module=module,
            record_id=record_id,
            client=client,
            body=body,
            restrict_triggers=restrict_triggers,
        )
    ).parsed
