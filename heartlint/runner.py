"""Lint a list of paths: read each, lint the readable ones in one batch, keep input order."""

from __future__ import annotations

from .engine import Linter
from .model import FileResult
from .paths import STDIN, expand
from .reading import MAX_BYTES, InputError, read_path


def lint_paths(
    linter: Linter, arguments: list[str], stdin_filename: str | None = None, max_bytes: int = MAX_BYTES
) -> list[FileResult]:
    """One FileResult per input, in order; unreadable inputs carry an error instead of findings.

    `stdin_filename` names the format of "-" (e.g. "reply.eml"); without it stdin is sniffed.
    """
    results: list[FileResult] = []
    drafts = []
    slots = []
    for path, error in expand(arguments):
        result = FileResult(path=path, error=error)
        results.append(result)
        if error:
            continue
        try:
            drafts.append(read_path(path, max_bytes, name=stdin_filename if path == STDIN else None))
            slots.append(len(results) - 1)
        except InputError as problem:
            result.error = str(problem)
    for slot, linted in zip(slots, linter.lint_drafts(drafts)):
        results[slot] = linted
    return results
