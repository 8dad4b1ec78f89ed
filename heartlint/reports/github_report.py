"""GitHub Actions workflow commands: one annotation per finding (`::error file=…,line=…::…`)."""

from __future__ import annotations

from heartlint.model import FileResult
from heartlint.reading.positions import LineIndex

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(results: list[FileResult]) -> str:
    """One workflow command per finding, and one per unreadable file."""
    lines = []
    for result in results:
        if result.error:
            lines.append(f"::error file={_property(result.path)}::{_data(result.error)}")
            continue
        index = LineIndex(result.text)
        for finding in result.findings:
            line, column = index.line_col(finding.start)
            end_line, end_column = index.line_col(finding.end)
            properties = (
                f"file={_property(result.path)},line={line},col={column},endLine={end_line},"
                f"endColumn={end_column},title={_property(f'{finding.code} {finding.rule}')}"
            )
            lines.append(
                f"::{COMMANDS[finding.severity]} {properties}::{_data(finding.message + ' — ' + finding.help)}"
            )
    return "\n".join(lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
