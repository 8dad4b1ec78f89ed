"""Moves and the tricky cases the rules depend on: negation, sympathy, non-apologies, order."""

from __future__ import annotations

import pytest

from heartlint.analysis.engine import Linter


def kinds(moves, text):
    return [move for move, _ in moves(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I'm so sorry. This was not your fault.",
        "I am very sorry, you did nothing wrong here.",
        "We're sorry. None of this is on you.",
        "I'm sorry. It wasn't anything you did.",
    ],
)
def test_negated_blame_is_empathy(codes, moves, text):
    assert "blame" not in kinds(moves, text)
    assert "empathy" in kinds(moves, text)
    assert "HL401" not in codes(text)


def test_refusing_excuses_is_not_an_explanation(moves):
    text = "I'm very sorry. I won't make excuses: we let you down."
    assert "explanation" not in kinds(moves, text)


def test_understanding_frustration_is_empathy_not_blame(moves):
    text = "I understand you're frustrated, and I'm sorry."
    assert kinds(moves, text) == ["empathy", "apology"]


def test_sorry_to_hear_is_empathy_not_apology(codes, moves):
    text = "I'm sorry to hear your order arrived damaged. A replacement ships today."
    assert "apology" not in kinds(moves, text)
    assert "empathy" in kinds(moves, text)
    assert "HL201" in codes(text)


def test_regretting_what_befell_them_is_sympathy_and_regretting_our_failure_an_apology(pattern_moves):
    assert kinds(pattern_moves, "We truly regret that the parcel has not reached you.") == ["empathy"]
    assert kinds(pattern_moves, "We regret that we missed your delivery.") == ["apology"]
    assert kinds(pattern_moves, "We regret the delay.") == ["apology"]


def test_sorry_to_hear_about_their_expectations_stays_sympathy_and_owning_it_stays_an_apology(pattern_moves):
    assert kinds(pattern_moves, "We're sorry to hear the visit fell short of your expectations.")[0] == "empathy"
    for owned in (
        "I'm very sorry that we did not meet your expectations this time.",
        "We're sorry your visit fell short of the standards we hold ourselves to.",
    ):
        assert kinds(pattern_moves, owned)[0] == "apology"


@pytest.mark.parametrize(
    "text",
    [
        "We're sorry for any inconvenience.",
        "I'm sorry if you feel we were slow.",
        "Sorry, but that is our policy.",
        "We regret any confusion.",
        "Mistakes were made.",
        "Apologies if this caused trouble.",
        "I am sorry the stay did not meet your expectations.",
        "We regret that your experience fell short of your expectations.",
    ],
)
def test_non_apologies(codes, moves, text):
    assert "non-apology" in kinds(moves, text)
    assert "apology" not in kinds(moves, text)
    assert {"HL202", "HL201"} <= codes(text)


def test_order_is_by_position(moves):
    assert kinds(moves, "I'm so sorry — I've refunded you.") == ["apology", "fix"]
    assert kinds(moves, "I've refunded you and I'm sorry.") == ["fix", "apology"]


@pytest.mark.parametrize(
    "text",
    [
        "Please clear your cache and try again.",
        "Have you tried restarting the router?",
        "Going forward we will text you before every visit.",
        "Good news! The sync issue is resolved.",
        "Your replacement shipped this morning.",
        "We have restarted the server.",
    ],
)
def test_fix_phrasings(moves, text):
    assert "fix" in kinds(moves, text)


@pytest.mark.parametrize(
    "text",
    [
        "You should have read the terms.",
        "As I mentioned, the deadline was Friday.",
        "Per my last email, the refund was processed.",
        "As clearly stated in our terms, sale items are final.",
        "It looks like you entered the wrong card number.",
        "The courier lost your parcel.",
        "This is out of our hands.",
        "I had nothing to do with that booking.",
        "The new hire didn't follow the checklist.",
        "After dispatch, delivery is in the carrier's hands.",
        "That part is in the hands of your bank.",
    ],
)
def test_blame_phrasings(moves, text):
    assert "blame" in kinds(moves, text)


def test_a_case_in_our_own_hands_is_no_deflection(pattern_moves):
    assert "blame" not in kinds(pattern_moves, "Your case is now in the hands of our specialists.")


@pytest.mark.parametrize(
    "text",
    ["Great news: you claimed the voucher in time.", "Just because it's Friday, everything is 10% off."],
)
def test_claiming_an_offer_and_a_sales_line_are_no_blame(pattern_moves, text):
    assert "blame" not in kinds(pattern_moves, text)


@pytest.mark.parametrize(
    "text,cue",
    [
        # Putting the fault on the client's own equipment.
        ("If that won't download either, it's almost certainly your antivirus.", "certainly your antivirus"),
        ("That sounds like a problem with your server setup.", "like a problem with your server"),
        ("It's probably your bank, and it should sort itself out.", "probably your bank"),
        # Disputing the client's account, rebuking the complaint, a third party's end.
        ("Your party waited about an hour, not the two hours you claim.", "you claim"),
        ("The screenshot shows a warning, despite your claim that there was none.", "despite your claim"),
        ("One star just because the colour isn't to your liking?", "just because the"),
        ("We have the issue template for good reason.", "the issue template"),
        ("The delay was at their end, not ours.", "at their end"),
    ],
)
def test_blame_patterns_mark_the_deflecting_words(pattern_moves, text, cue):
    assert ("blame", cue) in pattern_moves(text)


@pytest.mark.parametrize(
    "text",
    [
        "We found a problem with your order and refunded it.",
        "Please check your browser settings and try again.",
        "There was a problem with our server last night.",
    ],
)
def test_the_clients_setup_named_without_blame(pattern_moves, text):
    assert "blame" not in kinds(pattern_moves, text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry you don't like our pricing, but we don't give refunds.",
        "We are sorry for your bad luck, but as the glass broke during fitting, we cannot accept responsibility.",
        "We are very sorry for the inconvenience, but we have to follow this procedure.",
        "I'm sorry the table wasn't what you hoped for, but please understand that we were fully booked.",
    ],
)
def test_an_apology_taken_back_by_a_refusal_is_a_non_apology(pattern_moves, text):
    found = kinds(pattern_moves, text)
    assert "non-apology" in found and "apology" not in found


@pytest.mark.parametrize(
    "text",
    [
        "I'm so sorry we missed your delivery, but we won't let it happen again.",
        "I am sorry for the disruption, but I don't think it can be avoided.",
        "I'm sorry for the delay, but I've refunded you and we can't wait to see you again.",
    ],
)
def test_an_apology_with_a_but_that_refuses_nothing_stays(pattern_moves, text):
    assert "apology" in kinds(pattern_moves, text)


@pytest.mark.parametrize(
    "text",
    [
        "The delay was caused by a warehouse backlog.",
        "Due to a migration, some invoices were duplicated.",
        "Our server crashed on Monday.",
        "We were short-staffed over the holidays.",
    ],
)
def test_explanation_phrasings(moves, text):
    assert "explanation" in kinds(moves, text)


def test_owning_it_is_not_an_explanation(moves):
    assert "explanation" not in kinds(moves, "I'm very sorry, we made a mistake with your invoice.")


@pytest.mark.parametrize(
    "text",
    [
        "Thanks so much for the lovely review! We'll send you a discount code for your next visit.",
        "Great talking today. I'll walk your team through the proposal on Thursday.",
        "No problem at all, I'll send the contract over this afternoon.",
    ],
)
def test_non_incident_drafts_get_no_findings(linter, text):
    result = linter.lint_text(text)
    assert not result.incident
    assert result.findings == []


def test_incident_mode_always_checks_everything():

    strict = Linter(incident="always")
    result = strict.lint_text("I'll send the contract over this afternoon.")
    assert result.incident
    assert "HL101" in {f.code for f in result.findings}


def test_grovelling_and_too_many_apologies(codes):
    assert "HL204" in codes("I'm so sorry, I'm an idiot.")
    assert "HL204" in codes("Sorry! I'm so sorry. Really sorry. I apologize, I'm sorry.")
    assert "HL204" not in codes("I'm so sorry. I know how frustrating this was.")


def test_apology_substitute_needs_sorry(codes):
    assert "HL203" in codes("We apologize for the error. I understand your frustration.")
    assert "HL203" not in codes("I'm sorry, and I apologize for the error.")


def test_explanation_after_apology_is_internal_details(codes):
    found = codes("I'm so sorry. The outage was caused by a failed database migration.")
    assert "HL104" in found and "HL103" not in found


@pytest.mark.parametrize(
    "text,move",
    [
        ("A replacement for the cracked serving platter (order 10-44817) was dispatched this morning.", "fix"),
        ("We changed couriers last month.", "explanation"),
        ("In January we moved all accounts onto a new billing system.", "explanation"),
        ("Our supplier failed to deliver the milk, so some items could not be picked.", "blame"),
        ("The driver says nobody was home.", "blame"),
    ],
)
def test_grammar_based_cues(moves, text, move):
    """Dependency patterns find subject and verb however far apart they are."""
    assert move in kinds(moves, text)


def test_negation_in_another_clause_does_not_cancel_a_cue(moves):
    assert "blame" in kinds(moves, "The courier lost your parcel, so it could not be delivered.")
    assert "fix" not in kinds(moves, "We haven't refunded the charge yet.")


def test_typos_and_lowercase(moves):
    assert kinds(moves, "sry about that!! i know how annoying it is")[:2] == ["apology", "empathy"]
    assert "blame" in kinds(moves, "you didnt leave the key in the box")
