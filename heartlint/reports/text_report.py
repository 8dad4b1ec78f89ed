"""The human-readable report: one block per finding, the move sequence, a summary line.

Each line is a list of (text, style) segments. `render` gives the plain text (what a pipe, a
hook or an editor gets, with no import of Rich); `styled` gives the same text as a Rich `Text`
with colours, for a terminal. Both drop the control characters a Rich console drops and show a
tab as one space, so both print the same characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heartlint.model import FileResult, Finding
from heartlint.reading.positions import LineIndex
from heartlint.reports.summary import batch_summary, move_sequence, severity_counts

if TYPE_CHECKING:
    from rich.text import Text

MAX_SHOWN = 160
CONTEXT = 40
SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "bold cyan"}
# The control characters a Rich console drops (bell, backspace, vertical tab, form feed, CR);
# a tab becomes one space (Rich would expand it by cell widths).
_CLEAN = {**dict.fromkeys((7, 8, 11, 12, 13)), 9: " "}
Segment = tuple[str, str]
Line = list[Segment]


def render(results: list[FileResult]) -> str:
    """The report as plain text."""
    return "\n".join(plain(line) for line in report_lines(results))


def styled(results: list[FileResult]) -> Text:
    """The report as a Rich Text with its colours (Rich is imported only here)."""
    from rich.text import Text

    text = Text()
    for number, line in enumerate(report_lines(results)):
        if number:
            text.append("\n")
        for part, style in line:
            text.append(part.translate(_CLEAN), style or None)
    return text


def plain(line: Line) -> str:
    return "".join(part for part, _ in line).translate(_CLEAN)


def report_lines(results: list[FileResult]) -> list[Line]:
    """Every line of the report, as segments."""
    lines: list[Line] = []
    for result in results:
        if result.error:
            lines.append([(result.path, "bold"), (": ", ""), ("error:", "bold red"), (f" {result.error}", "")])
            continue
        index = LineIndex(result.text)
        for finding in result.findings:
            lines.extend(_finding(result.path, index, finding))
        lines.extend(_file_lines(result))
    if len(results) > 1:
        lines.extend([(text, "")] for text in batch_summary(results))
    lines.append(_summary(results))
    return lines


def _finding(path: str, index: LineIndex, finding: Finding) -> list[Line]:
    line, column = index.line_col(finding.start)
    end_line, end_column = index.line_col(finding.end)
    source = index.line_text(line).replace("\t", " ")
    width = max(1, (end_column if end_line == line else len(source) + 1) - column)
    shown, offset = _window(source, column - 1, width)
    gutter = " " * len(str(line))
    style = SEVERITY_STYLE[finding.severity]
    return [
        [
            (f"{path}:{line}:{column}:", "bold"),
            (" ", ""),
            (finding.code, style),
            (" ", ""),
            (f"[{finding.severity}]", style),
            (f" {finding.message}", ""),
        ],
        [(" ", ""), (f"{line} |", "blue"), (f" {shown}", "")],
        [
            (" ", ""),
            (f"{gutter} |", "blue"),
            (" " + " " * offset, ""),
            ("^" * min(width, len(shown) - offset + 1), style),
        ],
        [(" ", ""), (f"{gutter} =", "blue"), (" ", ""), ("help:", "bold"), (f" {finding.help}", "")],
    ]


def _window(source: str, start: int, width: int) -> tuple[str, int]:
    """The part of a long line around the span, and where the span starts in it."""
    if len(source) <= MAX_SHOWN:
        return source, start
    left = max(0, start - CONTEXT)
    right = min(len(source), start + min(width, MAX_SHOWN - 2 * CONTEXT) + CONTEXT)
    prefix = "…" if left else ""
    return prefix + source[left:right] + ("…" if right < len(source) else ""), start - left + len(prefix)


def _file_lines(result: FileResult) -> list[Line]:
    head: Line = [(result.path, "bold"), (": ", "")]
    lines: list[Line] = []
    if result.incident:
        lines.append([*head, (f"moves: {move_sequence(result) or 'no moves found'}", "")])
    elif not result.notices:
        lines.append([*head, ("not an incident reply, no rules apply", "")])
    lines.extend([*head, ("notice:", "cyan"), (f" {notice}", "")] for notice in result.notices)
    return lines


def _summary(results: list[FileResult]) -> Line:
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
    return [(f"{files}:", "bold"), (f" {', '.join(parts)}.", "")]
