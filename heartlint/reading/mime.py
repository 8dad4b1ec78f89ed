"""Read RFC 5322 / MIME messages (.eml): the body the writer wrote, decoded.

The text/plain part is preferred, else text/html. When the chosen part is stored in the file
as is (no quoted-printable or base64, one charset), the text is the whole file with the body
marked, so findings point at the file's own lines ("positions": "file"). Otherwise the text is
the decoded body and positions refer to it ("positions": "body").
"""

from __future__ import annotations

import email.errors
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.policy import Policy
from typing import cast

from heartlint.model import Scope, Span
from heartlint.reading.charsets import UndecodableError, decode_bytes
from heartlint.reading.decoded import DecodedText, InputError

_PLAIN_TRANSFER = {None, "7bit", "8bit", "binary"}


def decode_eml(data: bytes) -> DecodedText:
    """The text of the body inside an email message."""
    try:
        message = BytesParser(_Message, policy=_PLAIN_HEADERS).parsebytes(data)
        part = message.get_body(preferencelist=("plain", "html"))
    except (email.errors.MessageError, LookupError, ValueError, TypeError, IndexError) as error:
        raise InputError(f"malformed MIME message: {error}") from None
    if part is None:
        raise InputError("the message has no text/plain or text/html part")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise InputError("the message body could not be decoded")
    try:
        body, _ = decode_bytes(payload, part.get_content_charset())
    except UndecodableError as error:
        raise InputError(f"message body: {error}") from None
    if part.get_content_type() == "text/html":
        from heartlint.reading.html_text import html_to_text  # lxml and inscriptis: only for HTML

        text, quotes, directives = html_to_text(body)
        return DecodedText(text, positions="body", scopes=quotes, directives=directives)
    return _in_file(data, body, part) or DecodedText(body, positions="body")


class _Message(EmailMessage):
    """A message whose headers are read as plain strings (compat32), not parsed into header
    objects again at every lookup: that parsing was most of the cost of reading a message."""

    def is_attachment(self) -> bool:
        return self.get_content_disposition() == "attachment"


_PLAIN_HEADERS = cast("Policy[_Message]", policy.compat32)


def _in_file(data: bytes, body: str, part: MIMEPart) -> DecodedText | None:
    """The whole file with the body marked, when the body appears in it verbatim."""
    encoding = (part.get("content-transfer-encoding") or "").strip().lower() or None
    if encoding not in _PLAIN_TRANSFER:
        return None
    try:
        source = data.decode(part.get_content_charset() or "utf-8")
    except (UnicodeDecodeError, LookupError):
        return None
    start = source.rfind(body) if body else -1
    if start < 0:
        return None
    end = start + len(body)
    scopes = [Scope("headers", 0, start)] if start else []
    if end < len(source):
        scopes.append(Scope("mime", end, len(source)))
    return DecodedText(source, positions="file", body=Span(start, end), scopes=scopes)
