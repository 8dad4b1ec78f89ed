"""Counts shared by the report formats."""

from __future__ import annotations

from ..model import SEVERITIES, FileResult


def severity_counts(results: list[FileResult]) -> dict[str, int]:
    """Number of findings per severity over all files."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        for finding in result.findings:
            counts[finding.severity] += 1
    return counts


def move_sequence(result: FileResult) -> str:
    """The draft's moves in order, repeats folded: "FIX → EXPLANATION → APOLOGY"."""
    sequence: list[str] = []
    for cue in result.moves:
        name = cue.move.upper()
        if not sequence or sequence[-1] != name:
            sequence.append(name)
    return " → ".join(sequence)
