"""The linter: parse drafts, find cues, decide whether a draft is an incident reply, run the rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from heartlint.analysis.checks import CHECKS, Analysis
from heartlint.analysis.cues import CueMatcher
from heartlint.analysis.hybrid import METHODS, TAGGER, combine
from heartlint.analysis.language import looks_english
from heartlint.analysis.nlp import load_pipeline, parse
from heartlint.analysis.packs import Pack, RuleDef, load_pack
from heartlint.analysis.tagger import BLAMES, INCIDENT, Classifier, load_incident_classifier, load_tagger
from heartlint.model import INCIDENT_MODES, Cue, FileResult, Finding, Sentence
from heartlint.reading.draft import Draft
from heartlint.reading.suppression import suppress

NOT_ENGLISH = "not checked: heartlint only checks drafts written in English"
INCIDENT_MOVES = frozenset({"apology", "non-apology", "empathy", "explanation", "blame", "problem", "remedy"})
STRONG_INCIDENT_MOVES = frozenset({"apology", "non-apology", "blame"})
NEAR = 0.6
# A tagger move backs the incident classifier only when the tagger is this sure of it ...
SURE = 0.3
# ... and never an explanation the tagger found: ordinary mail gives reasons as often (why an
# application was declined, why prices rise, why the office is closed). Pattern explanations of
# a failure ("a bug in our release", "our system went down") still back it.
NOT_BACKING_FROM_TAGGER = frozenset({"explanation"})
# The incident classifier needs no backing cue when it is this sure (rebuttals of a complaint
# often have no cue a pattern or the tagger finds).
SURE_INCIDENT = 0.9


@dataclass
class Evidence:
    """What the linter found out about one draft before deciding: whether it is English, the
    pattern cues, the sentences, and the learned models' scores (per sentence, and for the whole
    draft: is it an incident reply, does it blame anyone)."""

    draft: Draft
    english: bool
    cues: list[Cue]
    sentences: list[Sentence]
    move_scores: list[dict[str, float]]
    incident_score: float | None
    blame_score: float | None = None


class Linter:
    """A loaded spaCy pipeline and rule pack, ready to lint many drafts."""

    def __init__(
        self, pack: Pack | None = None, nlp: Language | None = None, incident: str = "auto", method: str = "hybrid"
    ) -> None:
        if incident not in INCIDENT_MODES:
            raise ValueError(f"incident must be one of {', '.join(INCIDENT_MODES)}")
        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}")
        self.nlp = nlp or load_pipeline()
        self.pack = pack or load_pack()
        self.incident_mode = incident
        self.method = method
        self._tagger = load_tagger(self.nlp) if method != "patterns" else None
        self._incident_model = load_incident_classifier(self.nlp) if method != "patterns" else None
        self._matcher = CueMatcher(self.pack, self.nlp)
        self._hidden = {c.move for c in self.pack.cue_sets if c.hidden}
        self._masks = self.pack.masks

    def lint_text(self, text: str, path: str = "-") -> FileResult:
        """Lint one draft given as plain text."""
        return self.lint_drafts([Draft.from_text(text, path)])[0]

    def lint_drafts(self, drafts: Iterable[Draft]) -> list[FileResult]:
        """Lint drafts in one batch through the parser."""
        return [self.decide(evidence) for evidence in self.gather(list(drafts))]

    def gather(self, drafts: list[Draft]) -> list[Evidence]:
        """Parse the drafts and collect the evidence: pattern cues, sentences, model scores."""
        parsed = parse(drafts, self.nlp)
        sentences = [
            [s for p in paragraphs for s in p.sentences(d.text)] for d, paragraphs in zip(drafts, parsed, strict=True)
        ]
        move_scores = self._sentence_scores(sentences)
        draft_scores = self._draft_scores(drafts)
        return [
            Evidence(
                draft=draft,
                english=looks_english([p.doc for p in paragraphs]),
                cues=self._matcher.cues(paragraphs, draft.text),
                sentences=draft_sentences,
                move_scores=scores,
                incident_score=whole.get(INCIDENT),
                blame_score=whole.get(BLAMES),
            )
            for draft, paragraphs, draft_sentences, scores, whole in zip(
                drafts, parsed, sentences, move_scores, draft_scores, strict=True
            )
        ]

    def _sentence_scores(self, sentences: list[list[Sentence]]) -> list[list[dict[str, float]]]:
        """The tagger's move scores for every sentence, in one batch."""
        if self._tagger is None:
            return [[] for _ in sentences]
        flat = iter(self._tagger.scores([s.text for per_draft in sentences for s in per_draft]))
        return [[next(flat) for _ in per_draft] for per_draft in sentences]

    def _draft_scores(self, drafts: list[Draft]) -> list[dict[str, float]]:
        """The incident classifier's probabilities (incident reply, blames) for every draft, in one
        batch."""
        if self._incident_model is None:
            return [{} for _ in drafts]
        return self._incident_model.scores([draft.body_text() for draft in drafts])

    def decide(
        self, evidence: Evidence, tagger: Classifier | None = None, incident_model: Classifier | None = None
    ) -> FileResult:
        """The moves, incident verdict and findings of one draft from its evidence (the models'
        thresholds may be given, as when they are tuned)."""
        draft, sentences = evidence.draft, evidence.sentences
        tagger = tagger or self._tagger
        incident_model = incident_model or self._incident_model
        if not evidence.english:
            return FileResult(
                path=draft.path, text=draft.text, scopes=draft.scopes, positions=draft.positions, notices=[NOT_ENGLISH]
            )
        cues = evidence.cues
        if tagger is not None and evidence.move_scores:
            blames = incident_model.blames(evidence.blame_score) if incident_model is not None else False
            cues = combine(cues, sentences, evidence.move_scores, tagger, self.method, self._masks, blames)
        visible = [c for c in cues if c.move not in self._hidden]
        result = FileResult(
            path=draft.path, text=draft.text, moves=visible, scopes=draft.scopes, positions=draft.positions
        )
        result.incident = self._is_incident(cues, evidence.incident_score, incident_model)
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

    def _is_incident(self, cues: list[Cue], score: float | None, model: Classifier | None) -> bool:
        """Patterns alone: any incident cue (a heart move, a problem word, a remedy for the
        client). With the classifier: its verdict, when some cue backs it (a fix alone never
        makes an incident) or it is very sure; a strong pattern cue (an apology, non-apology or
        blame phrase that signals a problem, not "regret to inform" or "as a reminder") tips a
        score that is near."""
        if self.incident_mode != "auto":
            return self.incident_mode == "always"
        cued = any(
            c.move in INCIDENT_MOVES
            and c.incident
            and (c.confidence is None or (c.confidence >= SURE and c.move not in NOT_BACKING_FROM_TAGGER))
            for c in cues
        )
        if score is None or model is None:
            return cued
        threshold = model.thresholds.get(INCIDENT, 0.5)
        strong = any(c.move in STRONG_INCIDENT_MOVES and c.incident and c.pattern != TAGGER for c in cues)
        return (cued and score >= threshold) or score >= SURE_INCIDENT or (strong and score >= threshold * NEAR)

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
