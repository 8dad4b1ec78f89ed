"""Accuracy over the labelled corpus: the quality bar of SPEC §6."""

from __future__ import annotations

import pytest

from heartlint.evaluate import evaluate, format_table, load_corpus

MIN_DRAFTS = 150


@pytest.fixture(scope="module")
def evaluation(linter):
    corpus = load_corpus()
    assert len(corpus) >= MIN_DRAFTS
    result = evaluate(linter, corpus)
    print(format_table(result, linter))
    return result


def _severity(linter, code):
    return next(r.severity for r in linter.pack.rules if r.code == code)


def test_error_rules_are_precise_and_complete(linter, evaluation):
    for code, score in evaluation.rules.items():
        if _severity(linter, code) == "error":
            assert score.precision >= 0.9, (code, score)
            assert score.recall >= 0.85, (code, score)


def test_warning_rules_are_usable(linter, evaluation):
    for code, score in evaluation.rules.items():
        if _severity(linter, code) == "warning":
            assert score.precision >= 0.8, (code, score)
            assert score.recall >= 0.8, (code, score)


def test_verdict_accuracy(evaluation):
    assert evaluation.verdict_accuracy >= 0.95


def test_corpus_covers_every_rule(linter):
    expected = {code for item in load_corpus() for code in item.expected}
    assert {rule.code for rule in linter.pack.rules} <= expected


def test_corpus_has_clean_and_non_incident_drafts():
    corpus = load_corpus()
    assert sum(1 for item in corpus if not item.expected) >= 40
