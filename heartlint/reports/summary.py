"""Counts shared by the report formats."""

from __future__ import annotations

from collections import Counter

from heartlint.model import SEVERITIES, FileResult
from heartlint.reports.score import heart_score


def severity_counts(results: list[FileResult]) -> dict[str, int]:
    """Number of findings per severity over all files."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return counts


def batch_summary(results: list[FileResult], worst: int = 5, frequent: int = 5) -> list[str]:
    """Lines summarising a batch: counts, the most frequent rules, the lowest heart scores."""
    readable = [r for r in results if not r.error]
    severities = [{f.severity for f in r.findings} for r in readable]
    clean = sum(1 for s in severities if not s)
    errors = sum(1 for s in severities if "error" in s)
    warnings = sum(1 for s in severities if "warning" in s and "error" not in s)
    lines = [f"{len(readable)} drafts checked: {clean} clean, {errors} with errors, {warnings} with warnings only"]
    counts = Counter(code for r in readable for code in {f.code for f in r.findings})
    if counts:
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:frequent]
        lines.append("most frequent rules: " + ", ".join(f"{code} ({n})" for code, n in ordered))
    ranked = sorted(((heart_score(r), r.path) for r in readable if r.findings), key=lambda item: (item[0], item[1]))
    if ranked:
        lines.append("lowest heart scores: " + ", ".join(f"{path} ({score})" for score, path in ranked[:worst]))
    return lines


def move_sequence(result: FileResult) -> str:
    """The draft's moves in order, repeats folded: "FIX → EXPLANATION → APOLOGY"."""
    sequence: list[str] = []
    for cue in result.moves:
        name = cue.move.upper()
        if not sequence or sequence[-1] != name:
            sequence.append(name)
    return " → ".join(sequence)
