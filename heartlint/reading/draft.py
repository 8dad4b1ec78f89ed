"""The Draft: the source text as read, plus the scopes excluded from linting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from heartlint.model import Scope, Span
from heartlint.reading.decoded import DecodedText
from heartlint.reading.scopes import find_scopes
from heartlint.reading.suppression import Directive, find_directives

_BLANK_LINES = re.compile(r"\n[ \t\r]*\n\s*")
MAX_PARAGRAPH = 20_000
_BREAK = re.compile(r"[.!?]\s|\n|\s")


@dataclass
class Draft:
    """The text of one draft and where its lintable parts are."""

    path: str
    text: str
    scopes: list[Scope] = field(default_factory=list)
    positions: str = "file"
    directives: list[Directive] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> Draft:
        """A draft from plain text (its scopes found in it)."""
        return cls.from_decoded(DecodedText(text), path)

    @classmethod
    def from_decoded(cls, decoded: DecodedText, path: str) -> Draft:
        """Find quoted history, signature, greeting, sign-off and suppression comments in the
        writer's part of a decoded text, beside the scopes decoding already found (whose text
        is not searched again)."""
        body = decoded.body or Span(0, len(decoded.text))
        part = decoded.text[body.start : body.end]
        directives = decoded.directives + [_shifted(d, body.start) for d in find_directives(part)]
        comments = [Scope("comment", d.start, d.end) for d in directives]
        known = sorted(decoded.scopes + comments, key=lambda s: s.start)
        inner = [Scope(k.kind, k.start - body.start, k.end - body.start) for k in known if _inside(k, body)]
        found = [
            Scope(s.kind, s.start + body.start, s.end + body.start)
            for s in find_scopes(_blanked(part, inner))
            if not any(_inside(s, k) for k in inner)
        ]
        return cls(
            path=path,
            text=decoded.text,
            scopes=sorted(known + found, key=lambda s: s.start),
            positions=decoded.positions,
            directives=directives,
        )

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
        return [piece for span in spans for piece in _bounded(self.text, span)]

    def body_text(self) -> str:
        """The writer's own text: the paragraphs, separated by blank lines."""
        return "\n\n".join(self.text[p.start : p.end] for p in self.paragraphs())

    def _unscoped_regions(self) -> list[Span]:
        regions, position = [], 0
        for scope in sorted(self.scopes, key=lambda s: s.start):
            if scope.start > position:
                regions.append(Span(position, scope.start))
            position = max(position, scope.end)
        if position < len(self.text):
            regions.append(Span(position, len(self.text)))
        return regions


def _blanked(text: str, scopes: list[Scope]) -> str:
    """The text with every scope's characters (except line breaks) blanked out."""
    if not scopes:
        return text
    chars = list(text)
    for scope in scopes:
        for index in range(scope.start, scope.end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


def _shifted(directive: Directive, offset: int) -> Directive:
    return replace(directive, start=directive.start + offset, end=directive.end + offset)


def _inside(scope: Scope | Span, outer: Scope | Span) -> bool:
    return outer.start <= scope.start and scope.end <= outer.end


def _bounded(text: str, span: Span) -> list[Span]:
    """Split a paragraph longer than MAX_PARAGRAPH at sentence ends (else spaces) so the parser
    never sees a text it cannot handle; ordinary drafts are never split."""
    pieces, start = [], span.start
    while span.end - start > MAX_PARAGRAPH:
        window = text[start : start + MAX_PARAGRAPH]
        cut = max((m.end() for m in _BREAK.finditer(window, MAX_PARAGRAPH // 2)), default=MAX_PARAGRAPH)
        pieces.append(Span(start, start + cut))
        start += cut
    pieces.append(Span(start, span.end))
    return [p for p in pieces if text[p.start : p.end].strip()]


def _trimmed(chunk: str, base: int, start: int, end: int) -> list[Span]:
    piece = chunk[start:end]
    stripped = piece.strip()
    if not stripped:
        return []
    lead = len(piece) - len(piece.lstrip())
    return [Span(base + start + lead, base + start + lead + len(stripped))]
