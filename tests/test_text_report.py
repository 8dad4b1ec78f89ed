"""The plain text report is exactly what a Rich console prints for the coloured one, without
the colours: so a pipe, a hook or an editor gets the same characters as a terminal, and the
plain path never imports Rich."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from heartlint.reports.text_report import _CLEAN, plain, render, styled

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
STYLES = st.sampled_from(["", "bold", "bold red", "blue", "cyan"])
TRICKY = st.text(alphabet=st.sampled_from(list("ab [/]\\:\t\x07\x08\x0b\x0c\r é😀")), max_size=30)


def printed(text: Text) -> str:
    out = io.StringIO()
    Console(file=out, highlight=False, soft_wrap=True, emoji=False, no_color=True).print(text)
    return out.getvalue()


@given(st.lists(st.tuples(TRICKY, STYLES), max_size=6))
def test_a_plain_line_is_what_rich_prints(segments):
    text = Text()
    for part, style in segments:
        text.append(part.translate(_CLEAN), style or None)
    assert plain(segments) + "\n" == printed(text)


def test_the_corpus_report_is_the_same_plain_or_coloured(linter):
    from heartlint.runner import Runner, RunOptions

    results = Runner(RunOptions(isolated=True), nlp=linter.nlp).lint_paths(
        [str(CORPUS / "retail"), str(CORPUS / "wild-b")]
    )
    assert render(results) + "\n" == printed(styled(results))


def test_a_piped_report_does_not_import_rich():
    draft = str(Path(__file__).resolve().parent.parent / "examples" / "late-delivery.txt")
    script = (
        "import sys\nfrom heartlint.reports.output import emit\nfrom heartlint.model import FileResult\n"
        f"emit([FileResult(path={draft!r}, error='x')], 'text', 'auto', list)\n"
        "print('rich' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "False"
