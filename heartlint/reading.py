"""Read drafts from files and stdin into Draft objects, with clear one-line errors.

Plain text and Markdown are read as UTF-8. `.eml` files are MIME messages, `.html`/`.htm` files
are HTML; stdin and files with other suffixes are sniffed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .charsets import UndecodableError, decode_bytes
from .draft import Draft
from .html_text import html_to_text
from .mime import MimeError, draft_from_eml

MAX_BYTES = 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
_EML_START = re.compile(
    rb"^(?:(?:Return-Path|Received|From|To|Cc|Subject|Date|Message-ID|MIME-Version|Content-Type|"
    rb"Delivered-To|Reply-To|X-[\w-]+|In-Reply-To|References|Thread-Topic|Sender):[^\r\n]*\r?\n"
    rb"(?:[ \t][^\r\n]*\r?\n)*){2,}",
    re.IGNORECASE,
)
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[ >]|<table|<meta)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


class InputError(Exception):
    """A draft could not be read; the message is one line meant for the user."""


def read_path(path: Path | str, max_bytes: int = MAX_BYTES, name: str | None = None) -> Draft:
    """Read a draft file, or stdin for "-" (`name` tells its format, like "reply.eml")."""
    shown = str(path)
    return draft_from_bytes(read_bytes(shown, max_bytes), shown, name or shown, max_bytes)


def draft_from_bytes(data: bytes, path: str, name: str, max_bytes: int = MAX_BYTES) -> Draft:
    """The draft in `data`, read as the format `name`'s suffix (or its content) says."""
    _check_size(data, max_bytes)
    kind = _kind(name, data)
    if kind != "eml" and b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not a text draft")
    try:
        if kind == "eml":
            draft = draft_from_eml(data, path)
        elif kind == "html":
            text, quotes, directives = html_to_text(_decode_html(data))
            draft = Draft.from_text(text, path, extra_scopes=quotes, directives=directives)
            draft.positions = "text"
        else:
            draft = Draft.from_text(_decode_text(data), path)
    except MimeError as error:
        raise InputError(str(error)) from None
    if not draft.paragraphs():
        raise InputError("empty draft: no text outside quotes and signature")
    return draft


def _human(size: int) -> str:
    for unit, factor in (("MB", 1024**2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def _check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise InputError(f"file is larger than the {_human(max_bytes)} limit (see --max-size)")


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a draft file (stdin for "-"), refusing files over `max_bytes`."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        data = _open_and_read(path, max_bytes)
    _check_size(data, max_bytes)
    return data


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


def _kind(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".eml":
        return "eml"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if _EML_START.match(data):
        return "eml"
    return "html" if _HTML_START.match(data) else "text"


def _decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 text (byte {error.start}); save the draft as UTF-8") from None


def _decode_html(data: bytes) -> str:
    declared = _META_CHARSET.search(data[:4096])
    try:
        return decode_bytes(data, declared.group(1).decode("ascii") if declared else None)[0]
    except UndecodableError as error:
        raise InputError(str(error)) from None
