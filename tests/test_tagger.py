"""The learned components: shipped inside the package, loaded offline, in step with their data,
and combined with the patterns so that rules see moves, never the method."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy

import heartlint.analysis.tagger as tagger
from heartlint.analysis.hybrid import TAGGER, combine
from heartlint.analysis.tagger import (
    INCIDENT_DIR,
    MODELS_DIR,
    TAGGER_DIR,
    Classifier,
    load_tagger,
    models_fingerprint,
)
from heartlint.evaluation.realcorpus import load_real_corpus
from heartlint.evaluation.split import split
from heartlint.evaluation.train_tagger import data_hash, incident_examples, sentence_examples
from heartlint.model import Cue, Sentence


def _meta(folder):
    return json.loads((folder / "meta.json").read_text())["heartlint"]


def test_the_models_ship_inside_the_package_and_stay_small():
    size = sum(p.stat().st_size for p in MODELS_DIR.rglob("*") if p.is_file())
    assert (TAGGER_DIR / "meta.json").is_file() and (INCIDENT_DIR / "meta.json").is_file()
    assert size <= 20 * 1024 * 1024


def test_the_shipped_models_were_trained_on_the_current_training_split():
    """Fails when the corpus's labels change and the models were not rebuilt with
    `python3 -m heartlint.evaluation.train_tagger`."""
    train, _ = split(load_real_corpus())
    assert _meta(TAGGER_DIR)["data_sha256"] == data_hash(sentence_examples(train))
    assert _meta(INCIDENT_DIR)["data_sha256"] == data_hash(incident_examples(train))


def test_the_tagger_runs_on_the_linters_tokenizer_exactly_as_its_own_pipeline(linter):
    texts = ["We have refunded you.", "The courier lost it, not us.", "I'm so sorry we let you down!"]
    ours = load_tagger(linter.nlp).scores(texts)
    theirs = [doc.cats for doc in spacy.load(TAGGER_DIR).pipe(texts)]
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine == pytest.approx(reference)


def test_the_cache_key_covers_the_spacy_model_and_the_trained_models():
    fingerprint = models_fingerprint()
    assert "en_core_web_sm" in fingerprint
    assert _meta(TAGGER_DIR)["data_sha256"] in fingerprint
    assert _meta(INCIDENT_DIR)["data_sha256"] in fingerprint


@pytest.mark.parametrize("changed", ["config.cfg", "meta.json"])
def test_the_cache_key_changes_when_a_models_config_or_thresholds_do(tmp_path, monkeypatch, changed):
    """Retraining on the same data with another architecture or other thresholds changes results."""
    copy = tmp_path / "moves"
    copy.mkdir()
    for name in ("meta.json", "config.cfg"):
        shutil.copy(TAGGER_DIR / name, copy / name)
    monkeypatch.setattr(tagger, "TAGGER_DIR", copy)
    before = models_fingerprint()
    text = (copy / changed).read_text()
    (copy / changed).write_text(text.replace("0.", "0.0", 1))
    assert models_fingerprint() != before


DEFLECTION = (
    "Hi Jo,\n\nOnce a parcel leaves our warehouse, the courier decides when it arrives and we have no say"
    " over delivery times.\n\nBest, Al\n"
)


def test_patterns_only_never_reports_a_tagger_move(patterns):
    text = DEFLECTION
    result = patterns.lint_text(text)
    assert all(cue.pattern != TAGGER for cue in result.moves)


def test_a_tagger_move_spans_its_sentence_and_carries_a_confidence(linter, cli, tmp_path):
    text = DEFLECTION
    result = linter.lint_text(text)
    tagged = [cue for cue in result.moves if cue.pattern == TAGGER]
    assert tagged, result.moves
    for cue in tagged:
        assert text[cue.start : cue.end] == cue.text and cue.text.endswith(".")
        assert 0 < cue.confidence <= 1
    draft = tmp_path / "draft.txt"
    draft.write_text(text)
    _, out, _ = cli("--format", "json", str(draft))
    moves = json.loads(out)["files"][0]["moves"]
    assert any(m["pattern"] == TAGGER and "confidence" in m for m in moves)


SPREAD = [
    "Once a parcel leaves our depot the courier decides when it arrives.",
    "Our records show the order was packed on the day you placed it.",
    "The delivery times on the website are estimates and are not guaranteed.",
]


def _spread_draft(blame_scores, pattern_cues=(), blames=False):
    sentences, start = [], 0
    for sentence in SPREAD:
        sentences.append(Sentence(start, start + len(sentence), sentence))
        start += len(sentence) + 1
    scores = [{"blame": score} for score in blame_scores]
    tagger = Classifier(None, None, {"blame": 0.75}, "")
    return combine(list(pattern_cues), sentences, scores, tagger, "hybrid", blames=blames)


def test_blame_spread_over_a_letter_marks_its_most_blame_like_sentence():
    """No sentence reaches the blame threshold alone, but together they deflect."""
    cues = _spread_draft([0.5, 0.6, 0.45])
    assert [(c.move, c.text, c.pattern, c.confidence) for c in cues] == [("blame", SPREAD[1], TAGGER, 0.6)]


def test_weak_blame_scores_that_do_not_add_up_mark_nothing():
    assert _spread_draft([0.3, 0.4, 0.2]) == []


def test_spread_blame_adds_nothing_where_a_sentence_is_already_blame():
    pattern = Cue("blame", 0, len(SPREAD[0]), SPREAD[0], "courier-hands")
    assert _spread_draft([0.5, 0.6, 0.45], [pattern]) == [pattern]
    assert _spread_draft([0.5, 0.6, 0.45], [pattern], blames=True) == [pattern]


def _cue_on(index, move, pattern):
    """A pattern cue spanning SPREAD's sentence `index` (as `_spread_draft` lays them out)."""
    start = sum(len(sentence) + 1 for sentence in SPREAD[:index])
    return Cue(move, start, start + len(SPREAD[index]), SPREAD[index], pattern)


def test_spread_blame_never_lands_on_a_sentence_the_patterns_read_otherwise():
    """The likeliest sentence is sympathy by its pattern cue, so the next likeliest is marked;
    with every sentence read otherwise, none is."""
    sympathy = _cue_on(1, "empathy", "not-your-fault")
    cues = _spread_draft([0.5, 0.6, 0.45], [sympathy])
    assert [(c.move, c.text) for c in cues] == [("blame", SPREAD[0]), ("empathy", SPREAD[1])]
    everywhere = [_cue_on(0, "explanation", "due-to"), sympathy, _cue_on(2, "fix", "we-fixed")]
    assert _spread_draft([0.5, 0.6, 0.45], everywhere, blames=True) == everywhere


def test_a_draft_the_incident_classifier_finds_blaming_marks_its_most_blame_like_sentence():
    """Weak sentence scores alone mark nothing; the draft-level verdict marks the likeliest."""
    cues = _spread_draft([0.3, 0.4, 0.2], blames=True)
    assert [(c.move, c.text, c.pattern, c.confidence) for c in cues] == [("blame", SPREAD[1], TAGGER, 0.4)]


def test_the_shipped_incident_classifier_scores_whether_a_draft_blames(linter):
    model = linter._incident_model
    assert {"incident", "blames"} <= set(model.thresholds)
    deflecting, warm = model.scores(
        [
            "Once your parcel leaves our warehouse it is in the courier's hands, not ours. Delivery "
            "dates on the website are estimates. The address on the order is the one you typed, so "
            "please take it up with the courier.",
            "I'm so sorry your order arrived late. We have sent a new one by express today.",
        ]
    )
    assert deflecting["blames"] > warm["blames"]
    assert model.blames(deflecting["blames"]) and not model.blames(warm["blames"]) and not model.blames(None)
