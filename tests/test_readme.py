"""The README's rule table is generated from the rule files and must stay in sync."""

from __future__ import annotations

from pathlib import Path

from heartlint.analysis.packs import load_pack
from heartlint.reports.ruledocs import rules_markdown

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_rule_table_matches_rule_files():
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- rules-table:start -->\n") + len("<!-- rules-table:start -->\n")
    end = text.index("<!-- rules-table:end -->")
    assert text[start:end].strip() == rules_markdown(load_pack())


def test_quick_start_has_two_commands():
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands == [
        'python3 -m pip install -e ".[test]" && heartlint examples/late-delivery.txt',
        "python3 -m pytest -q",
    ]
    assert "python3 -m pytest -q" in (README.parent / ".ci" / "run").read_text()
