"""SARIF 2.1.0, for code-scanning style review of template repositories."""

from __future__ import annotations

import json
from typing import Any

from heartlint import __version__
from heartlint.analysis.packs import RuleDef
from heartlint.model import FileResult
from heartlint.reading.positions import LineIndex

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(results: list[FileResult], rules: list[RuleDef]) -> str:
    """The report as a SARIF log with one run."""
    index = {rule.code: i for i, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "heartlint",
                "version": __version__,
                "informationUri": "https://pypi.org/project/heartlint/",
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "results": [_result(r, f, index) for r in results for f in r.findings],
        "invocations": [
            {
                "executionSuccessful": not any(r.error for r in results),
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": r.error},
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}],
                    }
                    for r in results
                    if r.error
                ],
            }
        ],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)


def _rule(rule: RuleDef) -> dict[str, Any]:
    docs = rule.docs
    markdown = (
        f"**What it does**\n\n{docs['what']}\n\n**Why is this bad?**\n\n{docs['why']}\n\n"
        f"**Example**\n\n```\n{docs['bad']}\n```\n\n**Use instead**\n\n```\n{docs['good']}\n```"
    )
    return {
        "id": rule.code,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": docs["what"]},
        "help": {"text": f"{rule.help}\n\n{docs['why']}", "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["heartlint", rule.severity]},
    }


def _result(result: FileResult, finding, index: dict[str, int]) -> dict[str, Any]:
    lines = LineIndex(result.text)
    line, column = lines.line_col(finding.start)
    end_line, end_column = lines.line_col(finding.end)
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.message}\n{finding.help}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(result.path)},
                    "region": {
                        "startLine": line,
                        "startColumn": column,
                        "endLine": end_line,
                        "endColumn": end_column,
                        "charOffset": finding.start,
                        "charLength": finding.end - finding.start,
                        "snippet": {"text": result.text[finding.start : finding.end]},
                    },
                }
            }
        ],
    }
    if finding.code in index:
        entry["ruleIndex"] = index[finding.code]
    return entry


def _uri(path: str) -> str:
    return "stdin" if path == "-" else path.replace("\\", "/")
