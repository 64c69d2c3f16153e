"""Handlers of a record's photo: download, upload, delete (``/{module}/{record_id}/photo``)."""

from __future__ import annotations

from collections.abc import Callable

from ._context import Context, Reply
from ._errors import ZohoError
from ._forms import FormPart
from ._modules import STANDARD_MODULES
from ._store import StoredRecord

__all__ = ["HANDLERS", "MAX_PHOTO_BYTES"]

PHOTO_MODULES = frozenset({"Leads", "Contacts", "Accounts", "Products", "Deals", "Vendors"})
"""The standard modules with photos (the v8 upload page; custom modules have them too)."""
MAX_PHOTO_BYTES = 10 * 1024 * 1024
"""The largest photo (the v8 upload page: 10 MB)."""
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
"""How a PNG, JPEG, GIF or BMP file starts: the formats the upload page allows."""
SUCCESS = {"code": "SUCCESS", "details": {}, "status": "success"}


def _found(ctx: Context) -> StoredRecord | None:
    """The record whose photo the call is about, if any; ``INVALID_MODULE`` for a module without photos."""
    name = ctx.module.api_name
    if name not in PHOTO_MODULES and name in STANDARD_MODULES:
        raise ZohoError(400, "INVALID_MODULE", {"resource_path_index": 0}, "The given module is not supported in API")
    return ctx.resolve(name, ctx.params["record_id"])


def _record(ctx: Context) -> StoredRecord:
    """The record whose photo the call changes; ``INVALID_DATA`` for an unknown id, as the photo pages say."""
    name = ctx.module.api_name
    record = _found(ctx)
    if record is None:
        raise ZohoError(
            400, "INVALID_DATA", ctx.missing(name, ctx.params["record_id"]), "the id given seems to be invalid"
        )
    return record


def download_photo(ctx: Context) -> Reply:
    """``GET /{module}/{record_id}/photo``: the bytes, or 204 without a photo (see the spec's decision)."""
    record = _found(ctx)
    if record is None or record.photo is None:
        return Reply(204)
    filename, data = record.photo
    disposition = f'attachment; filename="{filename}"'
    return Reply(200, data, {"Content-Type": "application/x-download", "Content-Disposition": disposition})


def upload_photo(ctx: Context) -> Reply:
    """``POST /{module}/{record_id}/photo``: a form's ``file``, a PNG, JPEG, GIF or BMP of at most 10 MB."""
    record = _record(ctx)
    form: dict[str, FormPart] = ctx.body
    file = form["file"]
    if len(file.data) > MAX_PHOTO_BYTES:
        raise ZohoError(
            400,
            "FILE_SIZE_MORE_THAN_ALLOWED_SIZE",
            {"param_name": "file", "limit": MAX_PHOTO_BYTES},
            "the photo is larger than 10 MB",
        )
    if not file.data.startswith(IMAGE_MAGIC):
        raise ZohoError(400, "INVALID_DATA", {"param_name": "file"}, "the file is not a PNG, JPEG, GIF or BMP image")
    record.photo = (file.filename or "photo", file.data)
    return Reply(200, {**SUCCESS, "message": "photo uploaded successfully"})


def delete_photo(ctx: Context) -> Reply:
    """``DELETE /{module}/{record_id}/photo``: ``INVALID_DATA`` when the record has none."""
    record = _record(ctx)
    if record.photo is None:
        raise ZohoError(400, "INVALID_DATA", {}, "No such photo exists")
    record.photo = None
    return Reply(200, {**SUCCESS, "message": "Photo deleted"})


HANDLERS: dict[str, Callable[[Context], Reply]] = {
    "download_photo": download_photo,
    "upload_photo": upload_photo,
    "delete_photo": delete_photo,
}
