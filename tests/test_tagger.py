"""The learned components: shipped inside the package, loaded offline, in step with their data,
and combined with the patterns so that rules see moves, never the method."""

from __future__ import annotations

import json

import pytest
import spacy

from heartlint.analysis.engine import Linter
from heartlint.analysis.hybrid import TAGGER
from heartlint.analysis.tagger import INCIDENT_DIR, MODELS_DIR, TAGGER_DIR, load_tagger, models_fingerprint
from heartlint.evaluation.realcorpus import load_real_corpus
from heartlint.evaluation.split import split
from heartlint.evaluation.train_tagger import data_hash, incident_examples, sentence_examples


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


DEFLECTION = (
    "Hi Jo,\n\nOnce a parcel leaves our warehouse it is in the courier's hands and we have no control"
    " over delivery times.\n\nBest, Al\n"
)


def test_patterns_only_never_reports_a_tagger_move(linter):
    text = DEFLECTION
    patterns = Linter(nlp=linter.nlp, method="patterns").lint_text(text)
    assert all(cue.pattern != TAGGER for cue in patterns.moves)


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
