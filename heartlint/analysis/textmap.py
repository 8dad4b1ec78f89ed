"""Text prepared for the parser, with a map back to source offsets.

Line breaks inside a paragraph and runs of spaces become one space, and template
placeholders ({{first_name}}, [Client Name], %NAME%, <<x>>, {x}, $name) become one opaque
name, so that neither breaks a sentence nor a cue pattern. Every character of the prepared
text remembers the source range it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

PLACEHOLDER = re.compile(
    r"\{\{\s*[^{}\n]{1,60}?\s*\}\}"
    r"|\{[A-Za-z_][\w.\- ]{0,40}\}"
    r"|\[(?:[A-Z][\w'.-]*)(?: [A-Z][\w'.-]*){0,4}\]"
    r"|%[A-Z][A-Z0-9_]{0,40}%"
    r"|<<\s*[\w .-]{1,40}\s*>>"
    r"|\$[a-z_][a-z0-9_]{1,40}\b"
)
_WHITESPACE = re.compile(r"\s+")
_PLACEHOLDER_NAME = "Sam"
_PLACEHOLDER_VALUE = "ABC123"


@dataclass
class MappedText:
    """Prepared text plus, for each of its characters, the source [start, end) it stands for."""

    text: str
    starts: list[int]
    ends: list[int]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of the prepared-text range [start, end)."""
        return self.starts[start], self.ends[end - 1]


def prepare(source: str, start: int, end: int) -> MappedText:
    """Prepare source[start:end] for parsing."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(text: str, src_start: int, src_end: int) -> None:
        pieces.append(text)
        starts.extend([src_start] * len(text))
        ends.extend([src_end] * len(text))

    def copy(src_start: int, src_end: int) -> None:
        pieces.append(source[src_start:src_end])
        starts.extend(range(src_start, src_end))
        ends.extend(range(src_start + 1, src_end + 1))

    position = start
    for match in _tokens(source, start, end):
        copy(position, match.start())
        if match.group().isspace():
            emit(" ", match.start(), match.end())
        else:
            emit(_stand_in(match.group()), match.start(), match.end())
        position = match.end()
    copy(position, end)
    return MappedText("".join(pieces), starts, ends)


_REPLACED = re.compile(f"{PLACEHOLDER.pattern}|{_WHITESPACE.pattern}")


def _tokens(source: str, start: int, end: int) -> Iterator[re.Match[str]]:
    for match in _REPLACED.finditer(source, start, end):
        if match.group().isspace() and match.group() == " ":
            continue
        yield match


def _stand_in(placeholder: str) -> str:
    return _PLACEHOLDER_NAME if "name" in placeholder.lower() else _PLACEHOLDER_VALUE
