"""The hybrid decision: pattern cues where they are precise, the move tagger for recall.

A tagger move is added for a sentence when no pattern found that move there and it does not
contradict what the patterns found (a pattern's non-apology is not overruled by the tagger's
apology, nor the reverse). The tagger's cue spans its sentence and carries a confidence.
"""

from __future__ import annotations

import bisect
import re

from heartlint.analysis.tagger import Classifier
from heartlint.model import Cue, Sentence

METHODS = ("patterns", "tagger", "hybrid")
# Fragments (a name, an address line, "—", a sign-off without a verb) carry no move: the tagger
# would only echo its priors.
MIN_WORDS = 4
_WORD = re.compile(r"[^\W\d_]{2,}")
TAGGER = "tagger"
# A pattern apology gives way when the tagger scores "apology" below this share of its threshold.
OVERRULE_SHARE = 0.5
# A tagger move is not added where patterns found one of these in the same sentence, nor where
# a hidden move that masks it did ("sorry to bother you" masks the apology: `masks`).
_CONTRADICTED_BY = {
    "apology": {"non-apology", "empathy"},
    "non-apology": set(),
    "empathy": set(),
    "fix": set(),
    "explanation": {"blame"},
    "blame": {"empathy", "explanation"},
    "grovel": set(),
}
# ... and needs this confidence where patterns found one of these: "I'm sorry the transcript did
# not reach them by the date you were promised" is not blame, "Please accept our apologies for
# the failed migration" and "December is our busiest month" are not fixes, "the queue stalled,
# so your order was late" is not an apology, "the driver was reinstalled this morning" and "it
# must have been exhausting" are not excuses, "I'm so sorry your order was late" is no non-apology,
# and "the latest issue of our newsletter is out" (a problem word the patterns read as harmless,
# the hidden "no-problem" move) is neither an excuse nor blame.
_DOUBTED_BY = {
    "apology": {"explanation", "blame", "fix"},
    "non-apology": {"apology"},
    "explanation": {"fix", "empathy", "apology", "non-apology", "grovel", "no-problem"},
    "blame": {"apology", "fix", "no-problem"},
    "fix": {"apology", "non-apology", "empathy", "explanation", "blame"},
}
SURE_DESPITE_DOUBT = 0.6
# Deflection is often spread over a letter, each sentence a little ("after dispatch the carrier
# handles it", "our records show it was delivered", "the terms are clear"): when no sentence is
# blame on its own but the incident classifier scores the whole draft as blaming, or the blame
# scores of the draft's sentences add up to this, the most blame-like sentence is marked (the
# sum was chosen out of fold: 1.25-1.75 all raised blame recall, 0.38 -> 0.42-0.48, at the same
# share of ordinary mail failing).
SPREAD_BLAME = 1.5


def combine(
    cues: list[Cue],
    sentences: list[Sentence],
    scores: list[dict[str, float]],
    tagger: Classifier,
    method: str,
    masks: dict[str, set[str]] | None = None,
    blames: bool = False,
) -> list[Cue]:
    """The draft's cues under `method`: pattern cues, tagger cues, or both combined; `masks` are
    the pack's hidden moves and the moves each of them masks; `blames`: the draft as a whole
    blames or deflects (the incident classifier's verdict)."""
    masks = masks or {}
    kept = sorted((c for c in cues if method != TAGGER or c.move not in tagger.thresholds), key=lambda c: c.start)
    starts = [c.start for c in kept]
    dropped: set[int] = set()
    added: list[Cue] = []
    for sentence, sentence_scores in zip(sentences, scores, strict=True):
        if not _carries_a_move(sentence):
            continue
        tagged = tagger.labels(sentence_scores)
        if not tagged:
            continue
        inside = [i for i in range(*_within(starts, sentence)) if i not in dropped]
        dropped.update(_overruled(kept, inside, tagged, sentence_scores, tagger))
        found = {kept[i].move for i in inside if i not in dropped}
        for move, confidence in tagged.items():
            if move in found or found & _CONTRADICTED_BY.get(move, set()):
                continue
            if any(move in masks.get(other, ()) for other in found):
                continue
            if found & _DOUBTED_BY.get(move, set()) and confidence < SURE_DESPITE_DOUBT:
                continue
            if move == "fix" and sentence.negated:  # "we haven't refunded it yet"
                continue
            added.append(
                Cue(move, sentence.start, sentence.end, sentence.text, TAGGER, confidence=round(confidence, 3))
            )
    combined = sorted([c for i, c in enumerate(kept) if i not in dropped] + added, key=lambda c: (c.start, c.end))
    if "blame" in tagger.thresholds and not any(c.move == "blame" for c in combined):
        combined = sorted(combined + _spread_blame(sentences, scores, blames, combined), key=lambda c: (c.start, c.end))
    return combined


def _carries_a_move(sentence: Sentence) -> bool:
    """Fragments (a name, an address line, a sign-off without a verb) carry none (MIN_WORDS)."""
    return sentence.has_verb and len(_WORD.findall(sentence.text)) >= MIN_WORDS


def _spread_blame(
    sentences: list[Sentence], scores: list[dict[str, float]], blames: bool, cues: list[Cue]
) -> list[Cue]:
    """A blame cue on the most blame-like sentence when the draft blames as a whole or its
    sentences' blame adds up (SPREAD_BLAME); never on a sentence that one of `cues` (sorted by
    start) reads as what blame is not, or seldom is (`_CONTRADICTED_BY`, `_DOUBTED_BY`): "you did
    nothing wrong" is sympathy, "the van broke down" an explanation, "we replaced it" a fix."""
    scored = [
        (sentence_scores.get("blame", 0.0), sentence)
        for sentence, sentence_scores in zip(sentences, scores, strict=True)
        if _carries_a_move(sentence)
    ]
    if not scored or not (blames or sum(score for score, _ in scored) >= SPREAD_BLAME):
        return []
    starts = [c.start for c in cues]
    not_blame = _CONTRADICTED_BY["blame"] | _DOUBTED_BY["blame"]
    open_to_blame = [(score, s) for score, s in scored if not _moves_in(cues, starts, s) & not_blame]
    if not open_to_blame:
        return []
    score, sentence = max(open_to_blame, key=lambda pair: pair[0])
    return [Cue("blame", sentence.start, sentence.end, sentence.text, TAGGER, confidence=round(score, 3))]


def _moves_in(cues: list[Cue], starts: list[int], sentence: Sentence) -> set[str]:
    """The moves of the cues (sorted by start; `starts` are their starts) that start in the sentence."""
    first, last = _within(starts, sentence)
    return {c.move for c in cues[first:last]}


def _within(starts: list[int], sentence: Sentence) -> tuple[int, int]:
    """The index range of the cues (by their sorted `starts`) that start in the sentence."""
    return bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end)


def _overruled(
    kept: list[Cue], inside: list[int], tagged: dict[str, float], scores: dict[str, float], tagger: Classifier
) -> list[int]:
    """Pattern apologies the tagger confidently reads as something else: a non-apology ("sorry it
    didn't meet your expectations") or sympathy ("we regret that your parcel hasn't arrived")."""
    if not ({"non-apology", "empathy"} & set(tagged)):
        return []
    doubt = tagger.thresholds.get("apology", 1.0) * OVERRULE_SHARE
    if scores.get("apology", 1.0) >= doubt:
        return []
    return [i for i in inside if kept[i].move == "apology"]
