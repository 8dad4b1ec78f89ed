"""Report formats: each turns a list of FileResults into output text."""

from __future__ import annotations

from collections.abc import Callable

from ..model import FileResult
from . import json_report, text_report

Formatter = Callable[[list[FileResult]], str]

FORMATS: dict[str, Formatter] = {
    "text": text_report.render,
    "json": json_report.render,
}
