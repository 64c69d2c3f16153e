"""``multipart/form-data`` request bodies, as a handler of an operation that takes one reads them."""

from __future__ import annotations

import dataclasses
import email.parser
import email.policy

from ._errors import ZohoError

__all__ = ["FormPart", "parse_form"]


@dataclasses.dataclass(frozen=True)
class FormPart:
    """One field of a form: its bytes, and the file name and media type a file part carries."""

    data: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def text(self) -> str:
        """The field as text (UTF-8, undecodable bytes replaced)."""
        return self.data.decode("utf-8", "replace")


def _not_a_form(code: str) -> ZohoError:
    return ZohoError(400, code, {"expected_type": "Multipart Form Request"}, "invalid request")


def parse_form(content_type: str | None, body: bytes, code: str) -> dict[str, FormPart]:
    """The fields of a ``multipart/form-data`` body (the first of a name repeated), by name.

    A body of another media type, without a boundary or that does not parse answers 400 ``code`` with
    ``details.expected_type`` (Zoho's answer to an upload sent as anything but a form).
    """
    if not content_type or content_type.split(";")[0].strip().lower() != "multipart/form-data":
        raise _not_a_form(code)
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1", "replace")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not message.is_multipart() or message.defects:
        raise _not_a_form(code)
    fields: dict[str, FormPart] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in fields:
            continue
        payload = part.get_payload(decode=True)
        fields[name] = FormPart(
            payload if isinstance(payload, bytes) else b"",
            part.get_filename(),
            part.get_content_type() if part.get("content-type") else None,
        )
    return fields
