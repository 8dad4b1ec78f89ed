"""Print a report: the rendered findings on stdout (Rich for the text report, so colours follow
the terminal), one line per unreadable input on stderr; return the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from heartlint.model import FileResult, exit_code
from heartlint.reports import render

if TYPE_CHECKING:
    from heartlint.analysis.packs import RuleDef

COLORS = ("auto", "always", "never")


def emit(results: list[FileResult], format_name: str, color: str, rules: Callable[[], list[RuleDef]]) -> int:
    """Print the report of `results` and return the exit code (0, 1 or 2)."""
    report = render(format_name, results, rules() if format_name == "sarif" else [])
    if format_name == "text":
        from rich.console import Console

        force = {"always": True, "never": False}.get(color)
        Console(highlight=False, soft_wrap=True, force_terminal=force, no_color=color == "never").print(report)
    else:
        sys.stdout.write(report + "\n")
    for result in results:
        if result.error:
            sys.stderr.write(f"heartlint: {result.path}: {result.error}\n")
    return exit_code(results)
