"""Measure heartlint against a labelled corpus: per-rule precision/recall and verdict accuracy.

Run `python -m heartlint.evaluate [CORPUS_DIR]` to print the table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from heartlint.analysis.engine import Linter
from heartlint.analysis.packs import tomllib
from heartlint.reading.files import read_path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@dataclass
class LabelledDraft:
    """One corpus draft and the rule codes expected to fire on it."""

    path: Path
    expected: frozenset[str]


@dataclass
class RuleScore:
    """Counts of one rule over the corpus."""

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


@dataclass
class Evaluation:
    """Scores per rule, the verdict accuracy and every mismatch."""

    rules: dict[str, RuleScore] = field(default_factory=dict)
    verdicts_right: int = 0
    drafts: int = 0
    mismatches: list[tuple[Path, set[str], set[str]]] = field(default_factory=list)

    @property
    def verdict_accuracy(self) -> float:
        return self.verdicts_right / self.drafts if self.drafts else 1.0


def load_corpus(root: Path = DEFAULT_CORPUS) -> list[LabelledDraft]:
    """Every invented draft listed in a `labels.toml` below `root` (the real-derived drafts in
    `real/` are scored apart)."""
    drafts = []
    for labels_file in sorted(root.rglob("labels.toml")):
        if "real" in labels_file.relative_to(root).parts:
            continue
        labels = tomllib.loads(labels_file.read_text(encoding="utf-8"))
        for name, entry in sorted(labels.items()):
            drafts.append(LabelledDraft(labels_file.parent / name, frozenset(entry["expect"])))
    return drafts


def evaluate(linter: Linter, corpus: list[LabelledDraft]) -> Evaluation:
    """Lint every corpus draft and compare the rule codes found with the expected ones."""
    result = Evaluation(rules={rule.code: RuleScore() for rule in linter.pack.rules})
    error_codes = {rule.code for rule in linter.pack.rules if rule.severity == "error"}
    drafts = [read_path(item.path) for item in corpus]
    for item, linted in zip(corpus, linter.lint_drafts(drafts), strict=True):
        found = {f.code for f in linted.findings}
        for code, score in result.rules.items():
            if code in found and code in item.expected:
                score.true_positive += 1
            elif code in found:
                score.false_positive += 1
            elif code in item.expected:
                score.false_negative += 1
        result.drafts += 1
        result.verdicts_right += bool(found & error_codes) == bool(item.expected & error_codes)
        if found != item.expected:
            result.mismatches.append((item.path, set(item.expected - found), found - item.expected))
    return result


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


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation table; with --verbose, every draft whose findings differ."""
    args = sys.argv[1:] if argv is None else argv
    verbose = "--verbose" in args
    paths = [a for a in args if not a.startswith("--")]
    linter = Linter()
    evaluation = evaluate(linter, load_corpus(Path(paths[0]) if paths else DEFAULT_CORPUS))
    if verbose:
        for path, missed, extra in evaluation.mismatches:
            print(f"{path}: missed {sorted(missed)} extra {sorted(extra)}")
    print(format_table(evaluation, linter))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
