"""The versioned JSON report of SPEC §5."""

from __future__ import annotations

import json
from typing import Any

from heartlint import __version__
from heartlint.model import FileResult
from heartlint.reading.positions import LineIndex
from heartlint.reports.score import heart_score
from heartlint.reports.summary import severity_counts

SCHEMA_VERSION = 1


def file_object(result: FileResult) -> dict[str, Any]:
    """The JSON object of one file."""
    index = LineIndex(result.text)
    moves = []
    for cue in result.moves:
        line, column = index.line_col(cue.start)
        move = {
            "move": cue.move,
            "line": line,
            "column": column,
            "start": cue.start,
            "end": cue.end,
            "text": cue.text,
            "pattern": cue.pattern,
        }
        if cue.confidence is not None:
            move["confidence"] = cue.confidence
        moves.append(move)
    findings = []
    for finding in result.findings:
        line, column = index.line_col(finding.start)
        end_line, end_column = index.line_col(finding.end)
        findings.append(
            {
                "rule": finding.rule,
                "code": finding.code,
                "severity": finding.severity,
                "message": finding.message,
                "help": finding.help,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "start": finding.start,
                "end": finding.end,
                "excerpt": result.text[finding.start : finding.end],
            }
        )
    scopes = []
    for scope in result.scopes:
        line, _ = index.line_col(scope.start)
        end_line, _ = index.line_col(max(scope.start, scope.end - 1))
        scopes.append({"kind": scope.kind, "line": line, "end_line": end_line, "start": scope.start, "end": scope.end})
    return {
        "path": result.path,
        "incident": result.incident,
        "heart_score": heart_score(result),
        "moves": moves,
        "findings": findings,
        "scopes": scopes,
        "positions": result.positions,
        "notices": result.notices,
        "error": result.error,
    }


def render(results: list[FileResult]) -> str:
    """The whole report as a JSON document."""
    report = {
        "heartlint": __version__,
        "schema": SCHEMA_VERSION,
        "files": [file_object(result) for result in results],
        "summary": {"files": len(results), **severity_counts(results)},
    }
    return json.dumps(report, ensure_ascii=False, indent=2)
