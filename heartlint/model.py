"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
INCIDENT_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) in the source text."""

    start: int
    end: int


@dataclass(frozen=True)
class Scope:
    """A part of the source excluded from linting (quoted history, signature, greeting…)."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Cue:
    """A span of the draft that a rule-pack pattern marked with a move."""

    move: str
    start: int
    end: int
    text: str
    pattern: str
    incident: bool = True


@dataclass(frozen=True)
class Sentence:
    """A sentence of the writer's text, with its position in the source."""

    start: int
    end: int
    text: str


@dataclass
class Finding:
    """One rule violation, anchored at a span of the source."""

    rule: str
    code: str
    severity: str
    message: str
    help: str
    start: int
    end: int


def selects(selector: str, finding: Finding) -> bool:
    """True when a selector (a rule id, a code, or a code prefix like "HL1") names the finding's rule."""
    return finding.rule == selector or finding.code.upper().startswith(selector.upper())


@dataclass
class FileResult:
    """Everything heartlint found in one file."""

    path: str
    incident: bool = False
    moves: list[Cue] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)
    error: str | None = None
    text: str = ""
    positions: str = "file"
    notices: list[str] = field(default_factory=list)
    fail_on: str = "error"
    sentences: list[Sentence] = field(default_factory=list)
