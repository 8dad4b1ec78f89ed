"""The closed set of check kinds that rule definitions instantiate.

Each check looks at the ordered cues (and sentences) of an incident reply and returns the
spans it fires on, with values for the rule's message template.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from heartlint.analysis.tone import subjectivity
from heartlint.model import Cue, Sentence

Hit = tuple[int, int, dict[str, Any]]


@dataclass
class Analysis:
    """What the checks see of one draft: body sentences, visible cues and hidden signal cues."""

    text: str
    sentences: list[Sentence]
    cues: list[Cue]
    signals: list[Cue] = field(default_factory=list)

    def of(self, *moves: str) -> list[Cue]:
        return [cue for cue in self.cues if cue.move in moves]

    def body_start(self) -> tuple[int, int]:
        """The first sentence of the body: where findings about something missing point."""
        if self.sentences:
            return self.sentences[0].start, self.sentences[0].end
        return 0, 0


def _cue_hit(cue: Cue, **values: Any) -> Hit:
    return cue.start, cue.end, {"text": cue.text, **values}


def check_order(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """Cues of `move` before the first `anchor` cue (or, with position = "after", after it)."""
    cues = analysis.of(check["move"])
    anchors = analysis.of(check["anchor"])
    first_anchor = anchors[0].start if anchors else None
    if check.get("position", "before") == "after":
        offending = [c for c in cues if first_anchor is not None and c.start > first_anchor]
    else:
        offending = [c for c in cues if first_anchor is None or c.start < first_anchor]
    if not offending:
        return []
    return [_cue_hit(offending[0], count=len(offending), missing=first_anchor is None)]


def check_required(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """No cue of `move` at all."""
    if analysis.of(check["move"]) or not analysis.sentences:
        return []
    start, end = analysis.body_start()
    return [(start, end, {"text": analysis.text[start:end]})]


def check_forbidden(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """Every cue of `move`."""
    return [_cue_hit(cue) for cue in analysis.of(check["move"])]


def check_count(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """More than `max` cues of `move`: fires on the first one over the limit."""
    cues = analysis.of(check["move"])
    limit = int(check["max"])
    return [_cue_hit(cues[limit], count=len(cues))] if len(cues) > limit else []


def check_wording(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """Cues of `move` exist but none of them uses any of `words`."""
    cues = analysis.of(check["move"])
    words = {w.lower() for w in check["words"]}
    if not cues or any(words & set(re.findall(r"[\w']+", c.text.lower())) for c in cues):
        return []
    return [_cue_hit(cues[0])]


def check_tone(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """Before the first `move` cue there is no `heart` cue and the text is nearly neutral.

    Words of the `unscored` signal moves (the problem itself: "wrong", "late") are left out of
    the tone score: they describe what happened, not how the writer sounds.
    """
    targets = analysis.of(check["move"])
    if not targets or not analysis.sentences:
        return []
    first = targets[0].start
    if any(c.start < first for c in analysis.of(*check["heart"])):
        return []
    masked = [(c.start, c.end) for c in analysis.signals if c.move in check.get("unscored", ())]
    opening = " ".join(
        _without(analysis.text, s.start, min(s.end, first), masked) for s in analysis.sentences if s.start < first
    )
    score = subjectivity(opening)
    if score > float(check["max_subjectivity"]):
        return []
    start, end = analysis.body_start()
    return [(start, end, {"text": analysis.text[start:end], "subjectivity": round(score, 2)})]


def _without(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    """text[start:end] with the characters of every hole blanked out."""
    chars = list(text[start:end])
    for hole_start, hole_end in holes:
        for index in range(max(hole_start, start), min(hole_end, end)):
            chars[index - start] = " "
    return "".join(chars)


_WORD = re.compile(r"[^\W\d_]+")


def check_focus(analysis: Analysis, check: dict[str, Any]) -> list[Hit]:
    """In the first `sentences` body sentences, `self` words outnumber `other` words by `ratio`."""
    opening = analysis.sentences[: int(check["sentences"])]
    words = [w.lower() for s in opening for w in _WORD.findall(s.text)]
    own = sum(w in check["self"] for w in words)
    theirs = sum(w in check["other"] for w in words)
    if own < int(check["min_self"]) or own < float(check["ratio"]) * theirs:
        return []
    start, end = opening[0].start, opening[-1].end
    return [(start, end, {"text": analysis.text[start:end], "self": own, "other": theirs})]


CHECKS: dict[str, Callable[[Analysis, dict[str, Any]], list[Hit]]] = {
    "order": check_order,
    "required": check_required,
    "forbidden": check_forbidden,
    "count": check_count,
    "wording": check_wording,
    "tone": check_tone,
    "focus": check_focus,
}
