"""Read drafts from files and stdin into Draft objects, with clear one-line errors.

Reading is one pass: bytes (size-checked) → decoded text (by format) → Draft (with scopes).
"""

from __future__ import annotations

import sys
from pathlib import Path

from heartlint.reading.decoded import InputError
from heartlint.reading.decoding import decode
from heartlint.reading.draft import Draft

MAX_BYTES = 1024 * 1024


def read_path(path: Path | str, max_bytes: int = MAX_BYTES, name: str | None = None) -> Draft:
    """Read a draft file, or stdin for "-" (`name` tells its format, like "reply.eml")."""
    shown = str(path)
    return draft_from_bytes(read_bytes(shown, max_bytes), shown, name or shown, max_bytes)


def draft_from_bytes(data: bytes, path: str, name: str, max_bytes: int = MAX_BYTES) -> Draft:
    """The draft in `data`, read as the format `name`'s suffix (or its content) says."""
    _check_size(data, max_bytes)
    draft = Draft.from_decoded(decode(data, name), path)
    if not draft.paragraphs():
        raise InputError("empty draft: no text outside quotes and signature")
    return draft


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a draft file (stdin for "-"), refusing files over `max_bytes`."""
    data = sys.stdin.buffer.read(max_bytes + 1) if path == "-" else _open_and_read(path, max_bytes)
    _check_size(data, max_bytes)
    return data


def _human(size: int) -> str:
    for unit, factor in (("MB", 1024**2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {_human(max_bytes)} limit (see --max-size)")


def _open_and_read(path: str, max_bytes: int) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
