"""Tone scores are TextBlob's own, without importing the textblob package (and NLTK) on a cold start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from heartlint.analysis.tone import polarity, subjectivity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
VOCABULARY = "I am so sorry not never very terribly awful great kind bad really n't wonderful late order :) ! . ,"
WORDS = st.sampled_from([*VOCABULARY.split(), "we", "refunded", "you", "disappointed", "happy"])


def textblob_scores(text: str) -> tuple[float, float]:
    from textblob import TextBlob

    sentiment = TextBlob(text).sentiment
    return sentiment.polarity, sentiment.subjectivity


@settings(max_examples=200, deadline=None)  # the first call imports TextBlob
@given(st.lists(WORDS, min_size=1, max_size=14).map(" ".join))
def test_scores_equal_textblobs(text):
    assert (polarity(text), subjectivity(text)) == textblob_scores(text)


def test_scores_equal_textblobs_on_real_drafts():
    for draft in EXAMPLES.glob("*.txt"):
        for paragraph in draft.read_text().split("\n\n"):
            if paragraph.strip():
                assert (polarity(paragraph), subjectivity(paragraph)) == textblob_scores(paragraph)


def test_scoring_does_not_import_nltk():
    script = (
        "import sys\nfrom heartlint.analysis.tone import subjectivity\n"
        "subjectivity('So sorry!')\nprint('nltk' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout
    assert out.strip() == "False"
