"""The Draft: the source text as read, plus the scopes excluded from linting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Scope, Span
from .scopes import find_scopes

_BLANK_LINES = re.compile(r"\n[ \t\r]*\n\s*")


@dataclass
class Draft:
    """The text of one draft and where its lintable parts are."""

    path: str
    text: str
    scopes: list[Scope] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> "Draft":
        """Build a draft from plain text, finding quoted history, signature, greeting and sign-off."""
        return cls(path=path, text=text, scopes=find_scopes(text))

    def paragraphs(self) -> list[Span]:
        """The writer's own text, split on blank lines, with every scope cut out."""
        spans: list[Span] = []
        for region in self._unscoped_regions():
            chunk = self.text[region.start : region.end]
            position = 0
            for blank in _BLANK_LINES.finditer(chunk):
                spans.extend(_trimmed(chunk, region.start, position, blank.start()))
                position = blank.end()
            spans.extend(_trimmed(chunk, region.start, position, len(chunk)))
        return spans

    def _unscoped_regions(self) -> list[Span]:
        regions, position = [], 0
        for scope in sorted(self.scopes, key=lambda s: s.start):
            if scope.start > position:
                regions.append(Span(position, scope.start))
            position = max(position, scope.end)
        if position < len(self.text):
            regions.append(Span(position, len(self.text)))
        return regions


def _trimmed(chunk: str, base: int, start: int, end: int) -> list[Span]:
    piece = chunk[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    lead = len(piece) - len(piece.lstrip())
    return [Span(base + start + lead, base + start + lead + len(stripped))]
