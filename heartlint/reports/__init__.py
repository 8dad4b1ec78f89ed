"""Report formats: each turns a list of FileResults (and the rules that produced them) into text.

Each format's module is imported only when it is used, so printing a text or JSON report does
not load what the HTML report needs (TextBlob).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from heartlint.model import FileResult

if TYPE_CHECKING:
    from heartlint.analysis.packs import RuleDef

FORMATS = ("text", "json", "sarif", "github", "html")
_NEEDS_RULES = {"sarif"}


def render(name: str, results: list[FileResult], rules: list[RuleDef]) -> str:
    """The report in format `name` (one of FORMATS)."""
    if name not in FORMATS:
        raise ValueError(f"unknown report format {name!r}")
    module = import_module(f"heartlint.reports.{name}_report")
    return module.render(results, rules) if name in _NEEDS_RULES else module.render(results)
