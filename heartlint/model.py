"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
INCIDENT_MODES = ("auto", "always", "never")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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
    """A span of the draft marked with a move: by a rule-pack pattern (`pattern` is its id), or
    by the move tagger (`pattern` is "tagger", the span is the sentence, with a confidence)."""

    move: str
    start: int
    end: int
    text: str
    pattern: str
    incident: bool = True
    confidence: float | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of the writer's text, with its position in the source, whether it has a verb
    (headings, names and sign-offs do not) and whether its main verb is negated."""

    start: int
    end: int
    text: str
    has_verb: bool = True
    negated: bool = False


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


def exit_code(results: list[FileResult]) -> int:
    """2 when an input could not be linted, 1 when findings reach a draft's fail level, else 0."""
    if any(result.error for result in results):
        return EXIT_ERROR
    for result in results:
        failing = SEVERITIES[: SEVERITIES.index(result.fail_on) + 1]
        if any(f.severity in failing for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_CLEAN
