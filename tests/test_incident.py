"""Incident detection on everyday mail: replies after a problem are checked even when they name
no problem; ordinary mail stays quiet even when it says "sorry" or "issue"."""

from __future__ import annotations

import pytest

from heartlint.analysis.tagger import Classifier
from heartlint.reading.draft import Draft

QUIET_MAIL = [
    "Hi Dana,\n\nSorry to bother you again. Could we find 30 minutes next week to go through the "
    "proposal? Tuesday or Thursday afternoon both work for me.\n\nBest,\nOmar\n",
    "Hello everyone,\n\nThe latest issue of our newsletter is out: three new recipes, a look behind "
    "the scenes at the bakery, and our spring opening hours.\n\nEnjoy,\nThe Crumb team\n",
    "Hi Lee,\n\nNo problem at all, thanks for letting me know. I've attached the signed contract and "
    "look forward to starting on the 3rd.\n\nCheers,\nPriya\n",
    "Dear Mr Holt,\n\nThis is a friendly reminder that invoice 2291 for March is now due. You can pay "
    "by bank transfer or card using the link below.\n\nKind regards,\nAccounts\n",
    "Hi Sam,\n\nThank you so much for the lovely review! It was a pleasure having you and your family "
    "stay with us, and we hope to welcome you back next summer.\n\nWarm wishes,\nElena\n",
    # A thank-you note that says why: reasons are no sign that anything went wrong.
    "Dear organisers,\n\nI want to thank you for this year's festival. Because of the extra volunteers you "
    "found, the talks ran on time and the queues were short. It was a huge success and we are proud to "
    "support it.\n\nWarm wishes,\nNell\n",
]


@pytest.mark.parametrize("text", QUIET_MAIL)
def test_ordinary_mail_gets_no_error(linter, text):
    result = linter.lint_text(text)
    assert not [f.code for f in result.findings if f.severity == "error"], result.moves


EDITIONS = [
    "Hi all,\n\nIn this issue: the spring fair, three new members and the date of the AGM.\n\nBest,\nAnn\n",
    "Hello,\n\nWelcome to issue 12 of the allotment bulletin, with news from the seed swap.\n\nAnn\n",
    "Hi Raj,\n\nThanks for the pull request. It closes issue #40, so I'll merge it today.\n\nAnn\n",
]


@pytest.mark.parametrize("text", EDITIONS)
def test_a_numbered_issue_or_this_issue_of_a_newsletter_is_no_problem_even_for_patterns_alone(patterns, text):
    result = patterns.lint_text(text)
    assert not [f.code for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize(
    "text",
    [
        "Hi Jo,\n\nThe app is back up now, grab it here: https://example.com/app\n\nMarta\n",
        "Sure thing, I've restored chapter 4 as it was before the edit.\n",
        "It should be fixed now, please try again.\n",
        "Thanks for the report, this is fixed in 2.3.1.\n",
        "Ought to be working again now. Cheers for the report!\n",
        "Removing the app and installing it again should fix this.\n",
    ],
)
def test_a_reply_that_restores_something_for_the_client_is_an_incident_reply(patterns, text):
    """Terse replies that put something right never name the problem; the remedy shows it."""
    assert patterns.lint_text(text).incident


@pytest.mark.parametrize(
    "text",
    [
        "Hi all,\n\nI've recovered from the flu and I'm back at work on Monday.\n\nAnn\n",
        "Hello,\n\nYour favourite mug is back in stock, in three new colours.\n\nThe Clay Shop\n",
        "Hi all,\n\nThe AGM is fixed on Tuesday at 7pm, and the price is fixed in the contract.\n\nAnn\n",
    ],
)
def test_everyday_recoveries_and_restocks_are_not_remedies(patterns, text):
    assert not patterns.lint_text(text).incident


@pytest.mark.parametrize(
    "text",
    [
        "Hi Dana,\n\nSorry to bother you again. Could we find 30 minutes next week to go through the "
        "proposal? No problem if Tuesday doesn't work.\n\nBest,\nOmar\n",
        "Hi Jo,\n\nApologies for chasing, but have you had a chance to look at the quote?\n\nThanks,\nMia\n",
        "Hi Raj,\n\nSorry for the slow reply! The slides from Thursday are attached.\n\nBest,\nAnn\n",
    ],
)
def test_courtesy_apologies_and_late_reply_apologies_are_no_sign_of_an_incident(patterns, text):
    """Even for the patterns alone: "sorry to bother you" is no apology at all, "sorry for the
    slow reply" apologises for the reply only."""
    result = patterns.lint_text(text)
    assert not result.incident, result.moves
    assert not [c for c in result.moves if c.move == "apology" and "bother" in c.text]


def test_a_late_reply_apology_still_counts_as_the_apology_of_an_incident_reply(patterns):
    text = "Hi Sam,\n\nSorry for the late reply. We charged you twice by mistake and have refunded it.\n\nLee\n"
    result = patterns.lint_text(text)
    assert result.incident
    assert "HL201" not in {f.code for f in result.findings}


def test_the_tagger_does_not_put_back_the_apology_a_courtesy_masks(linter):
    """Even where the tagger reads the sentence as an apology (its apology threshold set low)."""
    text = "Hi Ana,\n\nI am so sorry to bother you with this again. Is the contract signed?\n\nJo\n"
    (evidence,) = linter.gather([Draft.from_text(text)])
    assert evidence.move_scores[0]["apology"] > 0.2
    eager = Classifier(None, linter.nlp, {"apology": 0.2}, "")
    assert "apology" not in {c.move for c in linter.decide(evidence, tagger=eager).moves}
