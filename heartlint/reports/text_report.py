"""The human-readable report: one block per finding, the move sequence, a summary line.

Styling uses Rich markup; the CLI prints it through a Rich console, which drops the colours
when the output is not a terminal.
"""

from __future__ import annotations

from rich.markup import escape

from heartlint.model import FileResult, Finding
from heartlint.reading.positions import LineIndex
from heartlint.reports.summary import batch_summary, move_sequence, severity_counts

MAX_SHOWN = 160
CONTEXT = 40
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}


def render(results: list[FileResult]) -> str:
    """The report as Rich markup text."""
    blocks: list[str] = []
    for result in results:
        if result.error:
            blocks.append(f"[bold]{escape(result.path)}[/]: [bold red]error:[/] {escape(result.error)}")
            continue
        index = LineIndex(result.text)
        blocks.extend(_finding(result.path, index, finding) for finding in result.findings)
        blocks.append(_file_line(result))
    if len(results) > 1:
        blocks.extend(escape(line) for line in batch_summary(results))
    blocks.append(_summary(results))
    return "\n".join(blocks)


def _finding(path: str, index: LineIndex, finding: Finding) -> str:
    line, column = index.line_col(finding.start)
    end_line, end_column = index.line_col(finding.end)
    source = index.line_text(line).replace("\t", " ")
    width = max(1, (end_column if end_line == line else len(source) + 1) - column)
    shown, offset = _window(source, column - 1, width)
    gutter = " " * len(str(line))
    style = SEVERITY_STYLE[finding.severity]
    return "\n".join(
        [
            f"[bold]{escape(path)}:{line}:{column}:[/] [{style}]{finding.code}[/] "
            f"[{style}]\\[{finding.severity}][/] {escape(finding.message)}",
            f" [blue]{line} |[/] {escape(shown)}",
            f" [blue]{gutter} |[/] {' ' * offset}[{style}]{'^' * min(width, len(shown) - offset + 1)}[/]",
            f" [blue]{gutter} =[/] [bold]help:[/] {escape(finding.help)}",
        ]
    )


def _window(source: str, start: int, width: int) -> tuple[str, int]:
    """The part of a long line around the span, and where the span starts in it."""
    if len(source) <= MAX_SHOWN:
        return source, start
    left = max(0, start - CONTEXT)
    right = min(len(source), start + min(width, MAX_SHOWN - 2 * CONTEXT) + CONTEXT)
    prefix = "…" if left else ""
    return prefix + source[left:right] + ("…" if right < len(source) else ""), start - left + len(prefix)


def _file_line(result: FileResult) -> str:
    head = f"[bold]{escape(result.path)}[/]: "
    lines = []
    if result.incident:
        lines.append(head + f"moves: {escape(move_sequence(result) or 'no moves found')}")
    elif not result.notices:
        lines.append(head + "not an incident reply, no rules apply")
    lines.extend(head + f"[cyan]notice:[/] {escape(notice)}" for notice in result.notices)
    return "\n".join(lines)


def _summary(results: list[FileResult]) -> str:
    counts = severity_counts(results)
    unreadable = sum(1 for r in results if r.error)
    files = f"{len(results)} file{'s' if len(results) != 1 else ''} checked"
    parts = [
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
        f"{counts['info']} info",
    ]
    if unreadable:
        parts.append(f"{unreadable} unreadable")
    return f"[bold]{files}:[/] {', '.join(parts)}."
