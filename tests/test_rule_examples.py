"""Every rule's own bad/good examples (from its rule file) behave as documented."""

from __future__ import annotations

import pytest

from heartlint.analysis.packs import load_pack

RULES = load_pack().rules
FAILING = [(r.code, text) for r in RULES for text in r.fail_examples]
PASSING = [(r.code, text) for r in RULES for text in r.pass_examples]


def test_every_rule_has_docs_and_examples():
    for rule in RULES:
        assert all(rule.docs[key].strip() for key in ("what", "why", "bad", "good")), rule.code
        assert rule.fail_examples and rule.pass_examples, rule.code


@pytest.mark.parametrize("code,text", FAILING)
def test_bad_example_fires(codes, code, text):
    assert code in codes(text)


@pytest.mark.parametrize("code,text", PASSING)
def test_good_example_is_clean(codes, code, text):
    assert code not in codes(text)
