"""Read RFC 5322 / MIME messages (.eml): the body the writer wrote, decoded, with scopes.

The text/plain part is preferred, else text/html. When the chosen part is stored in the file
as is (no quoted-printable or base64, one charset), the draft is the whole file with the
headers and other parts as scopes, so findings point at the file's own lines ("positions":
"file"). Otherwise the draft is the decoded body and positions refer to it ("positions": "body").
"""

from __future__ import annotations

import email
import email.errors
from dataclasses import replace
from email import policy
from email.message import EmailMessage

from .charsets import UndecodableError, decode_bytes
from .draft import Draft
from .html_text import html_to_text
from .model import Scope
from .suppression import Directive

_PLAIN_TRANSFER = {None, "7bit", "8bit", "binary"}


class MimeError(ValueError):
    """The message has no readable text body."""


def draft_from_eml(data: bytes, path: str) -> Draft:
    """The draft inside an email message."""
    try:
        message = email.message_from_bytes(data, policy=policy.default)
        part = message.get_body(preferencelist=("plain", "html"))
    except (email.errors.MessageError, LookupError, ValueError, TypeError, IndexError) as error:
        raise MimeError(f"malformed MIME message: {error}") from None
    if part is None:
        raise MimeError("the message has no text/plain or text/html part")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise MimeError("the message body could not be decoded")
    try:
        body, _ = decode_bytes(payload, part.get_content_charset())
    except UndecodableError as error:
        raise MimeError(f"message body: {error}") from None
    if part.get_content_type() == "text/html":
        text, quotes, directives = html_to_text(body)
        return _body_draft(path, text, quotes, directives)
    return _in_file(data, path, body, part) or _body_draft(path, body, [])


def _in_file(data: bytes, path: str, body: str, part: EmailMessage) -> Draft | None:
    """The whole file as the draft, when the body appears in it verbatim."""
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
    inner = Draft.from_text(body, path)
    scopes += [Scope(s.kind, s.start + start, s.end + start) for s in inner.scopes]
    if end < len(source):
        scopes.append(Scope("mime", end, len(source)))
    directives = [replace(d, start=d.start + start, end=d.end + start) for d in inner.directives]
    return Draft(path=path, text=source, scopes=scopes, positions="file", directives=directives)


def _body_draft(path: str, text: str, quotes: list[Scope], directives: list[Directive] | None = None) -> Draft:
    draft = Draft.from_text(text, path, extra_scopes=quotes, directives=directives)
    draft.positions = "body"
    return draft
