"""Mark spans of parsed paragraphs with moves, using a pack's cue patterns."""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Span as SpacySpan

from heartlint.analysis.nlp import Paragraph
from heartlint.analysis.packs import CuePattern, CueSet, Pack, PackError
from heartlint.model import Cue


class CueMatcher:
    """All cue patterns of a pack compiled into one Matcher and one PhraseMatcher."""

    def __init__(self, pack: Pack, nlp: Language) -> None:
        self._matcher = Matcher(nlp.vocab, validate=True)
        self._dependencies = DependencyMatcher(nlp.vocab, validate=True)
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._patterns: dict[str, tuple[CueSet, CuePattern]] = {}
        for index, cue_set in enumerate(pack.cue_sets):
            for pattern in cue_set.patterns:
                key = f"{index}:{cue_set.move}:{pattern.id}"
                self._patterns[key] = (cue_set, pattern)
                try:
                    if pattern.tokens is not None:
                        self._matcher.add(key, [pattern.tokens])
                    elif pattern.dependency is not None:
                        self._dependencies.add(key, [pattern.dependency])
                    else:
                        self._phrases.add(key, [nlp.make_doc(phrase) for phrase in pattern.phrases])
                except (ValueError, KeyError) as error:
                    first_line = str(error).strip().splitlines()[0]
                    raise PackError(f"{cue_set.source}: pattern '{pattern.id}': {first_line}") from None

    def cues(self, paragraphs: list[Paragraph], source: str) -> list[Cue]:
        """Every cue of a draft in source order.

        Overlapping cues compete by precedence, then length; hidden moves (incident signals)
        compete only among themselves.
        """
        visible: list[tuple[int, int, Cue]] = []
        hidden: list[tuple[int, int, Cue]] = []
        for paragraph in paragraphs:
            doc = paragraph.doc
            matches = self._matcher(doc) + self._phrases(doc)
            matches += [(match_id, min(ids), max(ids) + 1) for match_id, ids in self._dependencies(doc)]
            for match_id, start, end in matches:
                cue_set, pattern = self._patterns[doc.vocab.strings[match_id]]
                span = doc[start:end]
                if pattern.negatable and _negated(span):
                    continue
                if pattern.extend:
                    span = _to_phrase_end(span)
                src_start, src_end = paragraph.source_range(span)
                cue = Cue(cue_set.move, src_start, src_end, source[src_start:src_end], pattern.id, pattern.incident)
                group = hidden if cue_set.hidden else visible
                group.append((cue_set.precedence, src_end - src_start, cue))
        kept = _resolve_overlaps(visible) + _resolve_overlaps(hidden)
        return sorted(kept, key=lambda c: (c.start, c.end))


def _resolve_overlaps(candidates: list[tuple[int, int, Cue]]) -> list[Cue]:
    """Keep the best of overlapping cues: higher precedence first, then the longer one."""
    starts: list[int] = []
    kept: list[Cue] = []
    for _, _, cue in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2].start)):
        index = bisect.bisect_left(starts, cue.start)
        if index > 0 and kept[index - 1].end > cue.start:
            continue
        if index < len(kept) and kept[index].start < cue.end:
            continue
        starts.insert(index, cue.start)
        kept.insert(index, cue)
    return kept


def _to_phrase_end(span: SpacySpan) -> SpacySpan:
    """Extend a span over the rest of the phrase its last word opens ("due to a" → "due to a
    warehouse system upgrade"), stopping at punctuation and at the end of the sentence."""
    last = span[-1]
    anchor = last.head if last.dep_ in ("det", "amod", "compound", "nummod", "poss", "advmod") else last
    end = max(span.end, anchor.right_edge.i + 1)
    for token in span.doc[span.end : end]:
        if token.is_punct or token.is_sent_start:
            end = token.i
            break
    return span.doc[span.start : max(end, span.end)]


_CLAUSE_LINKS = frozenset({"ROOT", "advcl", "ccomp", "conj", "parataxis", "relcl", "xcomp", "csubj", "acl"})


def _negated(span: SpacySpan) -> bool:
    """True when a word of the span is negated ("not", "never"), or the word it belongs to within
    its own clause is ("this was not your fault"). A negation in another clause, or one after the
    cue ("the courier lost it, not us"), does not count."""
    for token in span:
        if token.dep_ == "neg":
            return True
        words = (token,) if token.dep_ in _CLAUSE_LINKS else (token, token.head)
        if any(child.dep_ == "neg" and child.i < span.end for word in words for child in word.children):
            return True
    return False
