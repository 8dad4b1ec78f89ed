"""The bytes of a draft file or stdin, size-checked, with clear one-line errors.

Standard library only: the lean client reads drafts with this before it talks to a server.
"""

from __future__ import annotations

import sys

from heartlint.reading.decoded import InputError

MAX_BYTES = 1024 * 1024


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a draft file (stdin for "-"), refusing files over `max_bytes`."""
    data = sys.stdin.buffer.read(max_bytes + 1) if path == "-" else _open_and_read(path, max_bytes)
    check_size(data, max_bytes)
    return data


def check_size(data: bytes, max_bytes: int) -> None:
    """Refuse `data` when it is over `max_bytes`."""
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {_human(max_bytes)} limit (see --max-size)")


def _human(size: int) -> str:
    for unit, factor in (("MB", 1024**2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


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
