"""The cue matcher runs each pattern only where it can match (around its rarest required word,
or in the sentences holding all its required words) and finds what running every pattern on
whole paragraphs finds, save an unbounded pattern's matches across a sentence boundary."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from heartlint.analysis.cues import _reach
from heartlint.analysis.nlp import parse
from heartlint.reading.draft import Draft

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _everywhere(matcher, doc) -> set[tuple[int, int, int]]:
    """Every pattern run on the whole paragraph, less an unbounded pattern's matches across a
    sentence boundary: the matches the windows must reproduce."""
    found = set(matcher._phrases(doc))
    for gated in matcher._gated:
        if gated.tokens is not None:
            found.update(
                (key, start, end)
                for key, start, end in gated.tokens(doc)
                if gated.reach is not None or doc[start].sent == doc[end - 1].sent
            )
        else:
            found.update((key, min(ids), max(ids) + 1) for key, ids in gated.dependencies(doc))
    return found


def _sample_drafts(count: int) -> list[Draft]:
    paths = sorted(CORPUS.rglob("*.txt"))
    random.Random(7).shuffle(paths)
    return [Draft.from_text(path.read_text(encoding="utf-8"), str(path)) for path in paths[:count]]


def test_windowed_matching_finds_what_whole_paragraphs_find(linter):
    matcher = linter._matcher
    drafts = _sample_drafts(250)
    compared = 0
    for paragraphs in parse(drafts, linter.nlp):
        for paragraph in paragraphs:
            assert set(matcher._matches(paragraph.doc)) == _everywhere(matcher, paragraph.doc), paragraph.doc.text
            compared += 1
    assert compared > 500


@pytest.mark.parametrize(
    ("specs", "reach"),
    [
        ([{"LOWER": "sorry"}, {"IS_PUNCT": True, "OP": "?"}, {"LOWER": "but"}], 3),
        ([{"LOWER": "we"}, {"POS": "ADV", "OP": "*"}, {"LEMMA": "regret"}], None),
        ([{"LOWER": "you"}, {"POS": "ADV", "OP": "+"}], None),
    ],
)
def test_a_patterns_reach_is_its_length_unless_a_wildcard_makes_it_unbounded(specs, reach):
    assert _reach(specs) == reach


def test_an_unbounded_pattern_never_reaches_into_the_sentence_before(moves):
    # "i-am-sorry" allows adverbs and punctuation between "I am" and "sorry"; it used to take in
    # the previous sentence and report "I am. Sorry" as the apology.
    assert moves("I am. Sorry") == [("apology", "Sorry")]
