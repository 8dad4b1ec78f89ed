"""The cue matcher runs each pattern only where it can match (where a match can hold its rarest
required value, or in the sentences holding all its required values) and finds what running
every pattern on whole paragraphs finds, save an unbounded pattern's matches across a sentence
boundary."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from spacy.attrs import DEP, LOWER, POS

from heartlint.analysis.cues import _Gated, _reach, _required_values, _windows
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


def test_a_bounded_pattern_runs_only_where_a_match_can_hold_its_rarest_word():
    # "sorry" , "but": a match starts one or two tokens before "but" and spans at most 3 tokens.
    gated = _Gated(frozenset({0, 1}), None, None, 3, {0: (0, 0), 1: (1, 2)})
    sentence_of = [(0, 40)] * 40
    where = {0: {3, 20, 30}, 1: {10}}
    assert _windows(gated, where, sentence_of, 40) == [(8, 12)]


def test_parts_of_speech_and_dependencies_gate_a_pattern_as_words_do(linter):
    """A "did not" pattern is skipped where nothing is negated: its `DEP = "neg"` token gates it,
    with the same value the parser gives the negation."""
    specs = [{"POS": "VERB"}, {"DEP": "neg"}, {"LOWER": {"IN": ["did", "had"]}}, {"TAG": "VBN", "OP": "?"}]
    required = dict(_required_values(specs, linter.nlp))
    assert {index: attr for index, (attr, _) in required.items()} == {0: POS, 1: DEP, 2: LOWER}
    doc = linter.nlp("The courier did not ring the bell.")
    assert required[1][1] <= set(doc.to_array([DEP]).tolist())
    assert required[0][1] <= set(doc.to_array([POS]).tolist())
