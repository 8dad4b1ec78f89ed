"""Scores of a linter over labelled drafts: per-rule precision and recall, the draft verdict
(fails on an error-level finding or not), macro F1 over the core rules, incident detection."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heartlint.analysis.engine import Linter
from heartlint.reading.files import read_path

CORE_RULES = ("HL101", "HL102", "HL103", "HL201", "HL202", "HL301", "HL401")


@dataclass(frozen=True)
class Labelled:
    """A draft file, the rule codes expected on it, and (when known) whether it is an incident reply."""

    path: Path
    expected: frozenset[str]
    incident: bool | None = None
    kind: str = ""


@dataclass
class RuleScore:
    """Counts of one rule over the drafts."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = 2 * self.true_positive + self.false_positive + self.false_negative
        return 2 * self.true_positive / total if total else 1.0


@dataclass
class Evaluation:
    """Scores per rule, the verdict accuracy, incident detection and every mismatch."""

    rules: dict[str, RuleScore] = field(default_factory=dict)
    verdicts_right: int = 0
    drafts: int = 0
    incident: RuleScore = field(default_factory=RuleScore)
    quiet_mail: int = 0
    quiet_mail_failed: int = 0
    mismatches: list[tuple[Path, set[str], set[str]]] = field(default_factory=list)
    # Per kind of draft (real-derived corpus): [right verdicts, drafts].
    kinds: dict[str, list[int]] = field(default_factory=dict)

    @property
    def verdict_accuracy(self) -> float:
        return self.verdicts_right / self.drafts if self.drafts else 1.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the core rules (those scored)."""
        scores = [self.rules[code].f1 for code in CORE_RULES if code in self.rules]
        return sum(scores) / len(scores) if scores else 1.0

    @property
    def quiet_mail_failure_rate(self) -> float:
        """Share of drafts that are not incident replies that still fail with an error."""
        return self.quiet_mail_failed / self.quiet_mail if self.quiet_mail else 0.0

    def add(
        self,
        found: set[str],
        expected: frozenset[str],
        error_codes: set[str],
        incident: bool = False,
        expected_incident: bool | None = None,
        kind: str = "",
    ) -> None:
        """Count one draft: its rules, its verdict (fails on an error-level rule or not), the
        verdict per kind of draft and, when its label says whether it is an incident reply, the
        incident decision."""
        for code, score in self.rules.items():
            count(score, code in found, code in expected)
        self.drafts += 1
        fails = bool(found & error_codes)
        right = fails == bool(expected & error_codes)
        self.verdicts_right += right
        if kind:
            tally = self.kinds.setdefault(kind, [0, 0])
            tally[0] += right
            tally[1] += 1
        if expected_incident is not None:
            count(self.incident, incident, expected_incident)
            if not expected_incident:
                self.quiet_mail += 1
                self.quiet_mail_failed += fails


def evaluate(linter: Linter, corpus: Sequence[Labelled]) -> Evaluation:
    """Lint every draft and compare the rule codes found with the expected ones."""
    result = Evaluation(rules={rule.code: RuleScore() for rule in linter.pack.rules})
    error_codes = {rule.code for rule in linter.pack.rules if rule.severity == "error"}
    drafts = [read_path(item.path) for item in corpus]
    for item, linted in zip(corpus, linter.lint_drafts(drafts), strict=True):
        found = {f.code for f in linted.findings}
        result.add(found, item.expected, error_codes, linted.incident, item.incident, item.kind)
        if found != item.expected:
            result.mismatches.append((item.path, set(item.expected - found), found - item.expected))
    return result


def count(score: RuleScore, found: bool, expected: bool) -> None:
    """Add one draft's outcome to a score."""
    if found and expected:
        score.true_positive += 1
    elif found:
        score.false_positive += 1
    elif expected:
        score.false_negative += 1


def format_table(evaluation: Evaluation, linter: Linter) -> str:
    """The per-rule table and the verdict line, as plain text."""
    severity = {rule.code: rule.severity for rule in linter.pack.rules}
    lines = [f"{'rule':<7} {'severity':<8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}"]
    for code, score in sorted(evaluation.rules.items()):
        lines.append(
            f"{code:<7} {severity[code]:<8} {score.true_positive:>4} {score.false_positive:>4} "
            f"{score.false_negative:>4} {score.precision:>9.2f} {score.recall:>7.2f}"
        )
    lines.append(
        f"verdict accuracy: {evaluation.verdict_accuracy:.3f} ({evaluation.verdicts_right}/{evaluation.drafts} drafts)"
    )
    return "\n".join(lines)


def format_comparison(evaluations: dict[str, Evaluation]) -> str:
    """Per rule, precision/recall of each method side by side; then verdict, macro F1, incidents."""
    methods = list(evaluations)
    header = f"{'rule':<18}" + "".join(f" {m + ' P/R':>17}" for m in methods)
    lines = [header]
    codes = sorted(next(iter(evaluations.values())).rules)
    for code in codes:
        cells = [f"{e.rules[code].precision:.2f} / {e.rules[code].recall:.2f}" for e in evaluations.values()]
        lines.append(f"{code:<18}" + "".join(f" {cell:>17}" for cell in cells))
    rows = {
        "verdict": [f"{e.verdict_accuracy:.3f}" for e in evaluations.values()],
        "macro F1 (7)": [f"{e.macro_f1:.3f}" for e in evaluations.values()],
        "incident P/R": [f"{e.incident.precision:.2f} / {e.incident.recall:.2f}" for e in evaluations.values()],
        "quiet mail failed": [
            f"{e.quiet_mail_failed}/{e.quiet_mail} ({e.quiet_mail_failure_rate:.0%})" for e in evaluations.values()
        ],
    }
    for name, cells in rows.items():
        lines.append(f"{name:<18}" + "".join(f" {cell:>17}" for cell in cells))
    last_method, last = methods[-1], evaluations[methods[-1]]
    if last.kinds:
        tallies = sorted(last.kinds.items())
        by_kind = ", ".join(f"{kind} {right / total:.2f} ({total})" for kind, (right, total) in tallies)
        lines.append(f"verdict by kind ({last_method}): {by_kind}")
    return "\n".join(lines)
