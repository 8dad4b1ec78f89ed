"""The heart score: one number (0-100) to rank drafts and templates.

    score = 100 - 25 × (distinct error rules) - 10 × (distinct warning rules) - 3 × (distinct info rules)

floored at 0. A rule counts once per draft however often it fires; drafts that are not incident
replies score 100. Unreadable files have no score.
"""

from __future__ import annotations

from heartlint.model import FileResult

PENALTY = {"error": 25, "warning": 10, "info": 3}


def heart_score(result: FileResult) -> int | None:
    """The draft's heart score, or None for a file that could not be read."""
    if result.error:
        return None
    rules = {(f.code, f.severity) for f in result.findings}
    return max(0, 100 - sum(PENALTY[severity] for _, severity in rules))
