"""Turn bytes into text: the declared charset first, strict UTF-8 second, charset-normalizer last."""

from __future__ import annotations

import codecs
import contextlib


class UndecodableError(ValueError):
    """No charset gives a plausible text."""


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text and the name of the charset that decoded it."""
    for charset in _candidates(declared):
        try:
            return data.decode(charset), charset
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise UndecodableError("cannot determine the text encoding")
    return str(best), best.encoding


def _candidates(declared: str | None) -> list[str]:
    names = []
    if declared:
        with contextlib.suppress(LookupError):
            names.append(codecs.lookup(declared.strip().strip('"')).name)
    return [*names, "utf-8"]
