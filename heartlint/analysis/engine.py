"""The linter: parse drafts, find cues, decide whether a draft is an incident reply, run the rules."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language

from heartlint.analysis.checks import CHECKS, Analysis
from heartlint.analysis.cues import CueMatcher
from heartlint.analysis.language import looks_english
from heartlint.analysis.nlp import Paragraph, load_pipeline, parse
from heartlint.analysis.packs import Pack, RuleDef, load_pack
from heartlint.model import INCIDENT_MODES, Cue, FileResult, Finding
from heartlint.reading.draft import Draft
from heartlint.reading.suppression import suppress

NOT_ENGLISH = "not checked: heartlint only checks drafts written in English"
INCIDENT_MOVES = frozenset({"apology", "non-apology", "empathy", "explanation", "blame", "problem"})


class Linter:
    """A loaded spaCy pipeline and rule pack, ready to lint many drafts."""

    def __init__(self, pack: Pack | None = None, nlp: Language | None = None, incident: str = "auto") -> None:
        if incident not in INCIDENT_MODES:
            raise ValueError(f"incident must be one of {', '.join(INCIDENT_MODES)}")
        self.nlp = nlp or load_pipeline()
        self.pack = pack or load_pack()
        self.incident_mode = incident
        self._matcher = CueMatcher(self.pack, self.nlp)
        self._hidden = {c.move for c in self.pack.cue_sets if c.hidden}

    def lint_text(self, text: str, path: str = "-") -> FileResult:
        """Lint one draft given as plain text."""
        return self.lint_drafts([Draft.from_text(text, path)])[0]

    def lint_drafts(self, drafts: Iterable[Draft]) -> list[FileResult]:
        """Lint drafts in one batch through the parser."""
        drafts = list(drafts)
        return [
            self._lint(draft, paragraphs) for draft, paragraphs in zip(drafts, parse(drafts, self.nlp), strict=True)
        ]

    def _lint(self, draft: Draft, paragraphs: list[Paragraph]) -> FileResult:
        if not looks_english([p.doc for p in paragraphs]):
            return FileResult(
                path=draft.path, text=draft.text, scopes=draft.scopes, positions=draft.positions, notices=[NOT_ENGLISH]
            )
        cues = self._matcher.cues(paragraphs, draft.text)
        visible = [c for c in cues if c.move not in self._hidden]
        result = FileResult(
            path=draft.path, text=draft.text, moves=visible, scopes=draft.scopes, positions=draft.positions
        )
        result.incident = self._is_incident(cues)
        sentences = [s for p in paragraphs for s in p.sentences(draft.text)]
        result.sentences = sentences
        if result.incident:
            signals = [c for c in cues if c.move in self._hidden]
            analysis = Analysis(draft.text, sentences, visible, signals)
            findings = sorted(
                (f for rule in self.pack.rules for f in self._apply(rule, analysis)),
                key=lambda f: (f.start, f.code),
            )
            result.findings, result.notices = suppress(findings, draft.directives, draft.text)
        return result

    def _is_incident(self, cues: list[Cue]) -> bool:
        if self.incident_mode != "auto":
            return self.incident_mode == "always"
        return any(c.move in INCIDENT_MOVES and c.incident for c in cues)

    @staticmethod
    def _apply(rule: RuleDef, analysis: Analysis) -> list[Finding]:
        findings = []
        for check in rule.checks:
            for start, end, values in CHECKS[check["kind"]](analysis, check):
                findings.append(
                    Finding(
                        rule=rule.id,
                        code=rule.code,
                        severity=rule.severity,
                        message=rule.message.format_map(_Defaults(values)),
                        help=rule.help.format_map(_Defaults(values)),
                        start=start,
                        end=end,
                    )
                )
        return findings


class _Defaults(dict):
    """Format values where a missing key renders as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""
