"""Bytes to text, by format: plain text and Markdown (UTF-8), HTML, and email messages.

The format comes from the name's suffix, else from the content (stdin, unknown suffixes).
"""

from __future__ import annotations

import re
from pathlib import Path

from heartlint.reading.charsets import UndecodableError, decode_bytes
from heartlint.reading.decoded import DecodedText, InputError
from heartlint.reading.mime import decode_eml

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
_EML_START = re.compile(
    rb"^(?:(?:Return-Path|Received|From|To|Cc|Subject|Date|Message-ID|MIME-Version|Content-Type|"
    rb"Delivered-To|Reply-To|X-[\w-]+|In-Reply-To|References|Thread-Topic|Sender):[^\r\n]*\r?\n"
    rb"(?:[ \t][^\r\n]*\r?\n)*){2,}",
    re.IGNORECASE,
)
_HTML_START = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<div|<p[ >]|<table|<meta)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


def decode(data: bytes, name: str) -> DecodedText:
    """The text in `data`, read as the format `name`'s suffix (or the content) says."""
    kind = _kind(name, data)
    if kind != "eml" and b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not a text draft")
    if kind == "eml":
        return decode_eml(data)
    if kind == "html":
        from heartlint.reading.html_text import html_to_text  # lxml and inscriptis: only for HTML

        text, quotes, directives = html_to_text(_decode_html(data))
        return DecodedText(text, positions="text", scopes=quotes, directives=directives)
    return DecodedText(_decode_text(data))


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
