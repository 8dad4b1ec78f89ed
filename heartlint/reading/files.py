"""Read drafts from files and stdin into Draft objects, with clear one-line errors.

Reading is one pass: bytes (size-checked) → decoded text (by format) → Draft (with scopes).
"""

from __future__ import annotations

from pathlib import Path

from heartlint.reading.decoded import InputError
from heartlint.reading.decoding import decode
from heartlint.reading.draft import Draft
from heartlint.reading.raw import MAX_BYTES, check_size, read_bytes

__all__ = ["MAX_BYTES", "InputError", "draft_from_bytes", "read_bytes", "read_path"]


def read_path(path: Path | str, max_bytes: int = MAX_BYTES, name: str | None = None) -> Draft:
    """Read a draft file, or stdin for "-" (`name` tells its format, like "reply.eml")."""
    shown = str(path)
    return draft_from_bytes(read_bytes(shown, max_bytes), shown, name or shown, max_bytes)


def draft_from_bytes(data: bytes, path: str, name: str, max_bytes: int = MAX_BYTES) -> Draft:
    """The draft in `data`, read as the format `name`'s suffix (or its content) says."""
    check_size(data, max_bytes)
    draft = Draft.from_decoded(decode(data, name), path)
    if not draft.paragraphs():
        raise InputError("empty draft: no text outside quotes and signature")
    return draft
