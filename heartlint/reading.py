"""Read drafts from files and stdin into Draft objects, with clear one-line errors."""

from __future__ import annotations

import sys
from pathlib import Path

from .draft import Draft

MAX_BYTES = 1024 * 1024


class InputError(Exception):
    """A draft could not be read; the message is one line meant for the user."""


def read_path(path: Path | str, max_bytes: int = MAX_BYTES) -> Draft:
    """Read a draft file (or "-" for stdin)."""
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except FileNotFoundError:
            raise InputError("no such file") from None
        except IsADirectoryError:
            raise InputError("is a directory") from None
        except PermissionError:
            raise InputError("permission denied") from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    return Draft.from_text(decode(data, max_bytes), name)


def decode(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """Decode draft bytes as UTF-8 text, refusing binary, oversized and empty input."""
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {max_bytes // (1024 * 1024)} MB limit")
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not a text draft")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 text (byte {error.start}); save the draft as UTF-8") from None
    if not text.strip():
        raise InputError("empty draft")
    return text
