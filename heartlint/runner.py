"""Lint a list of paths: read each, lint the readable ones in one batch, keep input order."""

from __future__ import annotations

from .engine import Linter
from .model import FileResult
from .paths import expand
from .reading import InputError, read_path


def lint_paths(linter: Linter, arguments: list[str]) -> list[FileResult]:
    """One FileResult per input, in order; unreadable inputs carry an error instead of findings."""
    results: list[FileResult] = []
    drafts = []
    slots = []
    for path, error in expand(arguments):
        result = FileResult(path=path, error=error)
        results.append(result)
        if error:
            continue
        try:
            drafts.append(read_path(path))
            slots.append(len(results) - 1)
        except InputError as problem:
            result.error = str(problem)
    for slot, linted in zip(slots, linter.lint_drafts(drafts)):
        results[slot] = linted
    return results
