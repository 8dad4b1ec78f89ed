"""What decoding a draft's bytes produces: its text and what is already known about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from heartlint.model import Scope, Span
from heartlint.reading.suppression import Directive


class InputError(Exception):
    """A draft could not be read; the message is one line meant for the user."""


@dataclass
class DecodedText:
    """A draft's text after decoding, before its scopes are found.

    `positions` says what offsets into `text` refer to: the file itself ("file"), the decoded
    body of an email ("body") or the rendered text of HTML ("text"). `body` is the part the
    writer wrote when the text holds more (an email's headers and other MIME parts); `scopes`
    and `directives` are those already found while decoding (HTML quote blocks, comments).
    """

    text: str
    positions: str = "file"
    body: Span | None = None
    scopes: list[Scope] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
