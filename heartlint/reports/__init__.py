"""Report formats: each turns a list of FileResults (and the rules that produced them) into text."""

from __future__ import annotations

from collections.abc import Callable

from heartlint.analysis.packs import RuleDef
from heartlint.model import FileResult
from heartlint.reports import github_report, html_report, json_report, sarif_report, text_report

Formatter = Callable[[list[FileResult], list[RuleDef]], str]

FORMATS: dict[str, Formatter] = {
    "text": lambda results, rules: text_report.render(results),
    "json": lambda results, rules: json_report.render(results),
    "sarif": sarif_report.render,
    "github": lambda results, rules: github_report.render(results),
    "html": lambda results, rules: html_report.render(results),
}
