"""The Python API, as an integration would call it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import heartlint
from heartlint.model import FileResult

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_lint_text_returns_typed_results():
    result = heartlint.lint_text("We have refunded you. Sorry!")
    assert isinstance(result, FileResult) and result.incident and result.error is None
    assert [f.code for f in result.findings] == ["HL101", "HL102", "HL301", "HL303"]
    fix = result.findings[0]
    assert (fix.rule, fix.severity, result.text[fix.start : fix.end]) == (
        "fix-before-apology",
        "error",
        "We have refunded",
    )


def test_lint_text_options_and_formats():
    assert [f.code for f in heartlint.lint_text("We have refunded you. Sorry!", select=["HL1"]).findings] == [
        "HL101",
        "HL102",
    ]
    assert heartlint.lint_text("I'll send the deck tomorrow.").findings == []
    assert heartlint.lint_text("I'll send the deck tomorrow.", incident="always").findings
    html = heartlint.lint_text(
        "<p>I'm so sorry, I know how stressful this was.</p><p>We refunded you.</p>", name="x.html"
    )
    assert html.positions == "text" and html.findings == []
    assert heartlint.lint_text("", name="x.txt").error == "empty draft: no text outside quotes and signature"
    with pytest.raises(ValueError):
        heartlint.lint_text("x", incident="sometimes")


def test_lint_paths_like_the_cli():
    results = heartlint.lint_paths([EXAMPLES])
    assert [Path(r.path).name for r in results] == ["late-delivery-better.txt", "late-delivery.txt"]
    assert results[0].findings == [] and {f.code for f in results[1].findings} >= {"HL101", "HL103", "HL202"}


def test_import_heartlint_does_not_load_spacy():
    code = "import sys, heartlint; print('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
