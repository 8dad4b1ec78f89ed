"""Print a report: the rendered findings on stdout (the text report in colour through Rich on a
terminal, plain otherwise), one line per unreadable input on stderr; return the exit code."""

from __future__ import annotations

import os
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
    if format_name == "text" and _colour(color):
        from rich.console import Console

        from heartlint.reports.text_report import styled

        force = True if color == "always" else None
        Console(highlight=False, soft_wrap=True, emoji=False, force_terminal=force).print(styled(results))
    else:
        sys.stdout.write(render(format_name, results, rules() if format_name == "sarif" else []) + "\n")
    for result in results:
        if result.error:
            sys.stderr.write(f"heartlint: {result.path}: {result.error}\n")
    return exit_code(results)


def _colour(color: str) -> bool:
    """Whether the text report may be coloured: --color always, or auto on a terminal (or with
    FORCE_COLOR set, as Rich honours it); never with --color never or NO_COLOR."""
    if color == "never" or (color == "auto" and os.environ.get("NO_COLOR")):
        return False
    return color == "always" or bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()
