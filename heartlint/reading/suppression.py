"""Suppression comments in templates: `<!-- heartlint: disable=HL102 -->` … `<!-- heartlint: enable -->`.

HTML comments never reach the client's inbox (mail clients and Markdown renderers drop them).
A `disable` without codes turns off every rule; codes may be rule codes, code prefixes or ids.
A `disable` that suppresses nothing is reported as a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from heartlint.model import Finding, selects
from heartlint.reading.positions import LineIndex

DIRECTIVE = re.compile(r"<!--\s*heartlint:\s*(disable|enable)\b\s*(?:=\s*([\w ,-]*?))?\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    """One suppression comment: where it is, what it does, to which rules (empty: all)."""

    start: int
    end: int
    action: str
    rules: tuple[str, ...]

    def covers(self, finding: Finding) -> bool:
        return not self.rules or any(selects(rule, finding) for rule in self.rules)


def parse_directive(comment: str, start: int, end: int) -> Directive | None:
    """The directive in one HTML comment, if it is one."""
    match = DIRECTIVE.fullmatch(comment.strip())
    if not match:
        return None
    rules = tuple(r.strip() for r in (match.group(2) or "").split(",") if r.strip())
    return Directive(start, end, match.group(1).lower(), rules)


def find_directives(text: str) -> list[Directive]:
    """Every suppression comment in a plain-text or Markdown draft."""
    found = (parse_directive(m.group(), m.start(), m.end()) for m in DIRECTIVE.finditer(text))
    return [d for d in found if d]


def suppress(findings: list[Finding], directives: list[Directive], text: str) -> tuple[list[Finding], list[str]]:
    """Findings not disabled at their position, and notices for disables that suppressed nothing."""
    if not directives:
        return findings, []
    ordered = sorted(directives, key=lambda d: d.start)
    used: set[Directive] = set()
    kept = []
    for finding in findings:
        active = _active(ordered, finding)
        if active:
            used.add(active)
        else:
            kept.append(finding)
    index = LineIndex(text)
    notices = [
        f"line {index.line_col(d.start)[0]}: 'heartlint: disable{_codes(d)}' suppresses nothing"
        for d in ordered
        if d.action == "disable" and d not in used
    ]
    return kept, notices


def _active(directives: list[Directive], finding: Finding) -> Directive | None:
    """The disable directive in force for a finding at its position, if any."""
    active = None
    for directive in directives:
        if directive.start > finding.start:
            break
        if directive.covers(finding):
            active = directive if directive.action == "disable" else None
    return active


def _codes(directive: Directive) -> str:
    return "=" + ",".join(directive.rules) if directive.rules else ""
