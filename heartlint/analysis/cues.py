"""Mark spans of parsed paragraphs with moves, using a pack's cue patterns."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from heartlint.analysis.nlp import Paragraph
from heartlint.analysis.packs import CuePattern, CueSet, Pack, PackError
from heartlint.model import Cue


class CueMatcher:
    """All cue patterns of a pack, compiled for spaCy's matchers.

    Each token or dependency pattern gets its own matcher behind a gate: the values its required
    tokens must have (`LOWER`, `LEMMA`, `ORTH`, `NORM`, `POS`, `TAG` or `DEP` equal to or `IN` a
    list: a word, a part of speech, a dependency such as "neg"). A paragraph that lacks them
    cannot match, so that matcher is skipped. A token pattern of bounded length runs only on the
    few tokens where a match can hold its rarest required value, an unbounded one (`*`, `+`) only
    on the sentences that hold all its required values: the matcher's cost per token is paid on a
    handful of tokens, not on the whole paragraph.
    """

    def __init__(self, pack: Pack, nlp: Language) -> None:
        self._gated: list[_Gated] = []
        # Per attribute, value → the requirements (numbered across patterns, the same values of the
        # same attribute once) that value meets.
        self._meets: dict[int, dict[int, list[int]]] = {attr: {} for attr in _GATE_ATTRS}
        self._numbers: dict[tuple[int, frozenset[int]], int] = {}
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._patterns: dict[str, tuple[CueSet, CuePattern]] = {}
        self._order: dict[str, int] = {}
        self._masks = pack.masks
        for index, cue_set in enumerate(pack.cue_sets):
            for pattern in cue_set.patterns:
                key = f"{index}:{cue_set.move}:{pattern.id}"
                self._patterns[key] = (cue_set, pattern)
                self._order[key] = len(self._order)
                try:
                    if pattern.tokens is not None:
                        matcher = Matcher(nlp.vocab, validate=True)
                        matcher.add(key, [pattern.tokens])
                        reach = _reach(pattern.tokens)
                        needs, offsets = self._needs(pattern.tokens, nlp)
                        self._gated.append(_Gated(needs, matcher, None, reach, offsets))
                    elif pattern.dependency is not None:
                        dependencies = DependencyMatcher(nlp.vocab, validate=True)
                        dependencies.add(key, [pattern.dependency])
                        nodes = [node.get("RIGHT_ATTRS", {}) for node in pattern.dependency]
                        needs, _ = self._needs(nodes, nlp)
                        self._gated.append(_Gated(needs, None, dependencies, None, {}))
                    else:
                        self._phrases.add(key, [nlp.make_doc(phrase) for phrase in pattern.phrases])
                except (ValueError, KeyError) as error:
                    first_line = str(error).strip().splitlines()[0]
                    raise PackError(f"{cue_set.source}: pattern '{pattern.id}': {first_line}") from None

    def _needs(self, specs: list[dict[str, Any]], nlp: Language) -> tuple[frozenset[int], dict[int, tuple[int, int]]]:
        """Number a pattern's requirements and index them by the values that meet them; for a
        token pattern, also how far from a match's start the tokens needing each can be (fewest
        and most tokens before them: optional tokens may be absent)."""
        offsets: dict[int, tuple[int, int]] = {}
        for index, requirement in _required_values(specs, nlp):
            if requirement not in self._numbers:
                self._numbers[requirement] = len(self._numbers)
                attr, words = requirement
                for word in words:
                    self._meets[attr].setdefault(word, []).append(self._numbers[requirement])
            number = self._numbers[requirement]
            fewest = sum(1 for spec in specs[:index] if spec.get("OP") != "?")
            low, high = offsets.get(number, (fewest, index))
            offsets[number] = (min(low, fewest), max(high, index))
        return frozenset(offsets), offsets

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every pattern that matches the paragraph."""
        where: dict[int, set[int]] = {}  # requirement → the token positions that meet it
        for attr, column in zip(_GATE_ATTRS, doc.to_array(_GATE_ATTRS).T.tolist(), strict=True):
            meets = self._meets[attr]
            positions: dict[int, list[int]] = {}  # word → where it is
            for position, word in enumerate(column):
                if word in meets:
                    positions.setdefault(word, []).append(position)
            for word, found in positions.items():
                for number in meets[word]:
                    where.setdefault(number, set()).update(found)
        sentence_of = _sentence_bounds(doc)
        matches = self._phrases(doc)
        for gated in self._gated:
            if not gated.needs <= where.keys():
                continue
            if gated.dependencies is not None:
                if _windows(gated, where, sentence_of, len(doc)):  # a parse tree never crosses a sentence
                    matches += [(match_id, min(ids), max(ids) + 1) for match_id, ids in gated.dependencies(doc)]
            elif gated.tokens is not None:
                for start, end in _windows(gated, where, sentence_of, len(doc)):
                    matches += [(match_id, start + s, start + e) for match_id, s, e in gated.tokens(doc[start:end])]
        return matches

    def cues(self, paragraphs: list[Paragraph], source: str) -> list[Cue]:
        """Every cue of a draft in source order.

        Overlapping cues compete by precedence, then length; hidden moves (incident signals)
        compete only among themselves.
        """
        visible: list[tuple[int, int, int, Cue]] = []
        hidden: list[tuple[int, int, int, Cue]] = []
        for paragraph in paragraphs:
            doc = paragraph.doc
            for match_id, start, end in self._matches(doc):
                key = doc.vocab.strings[match_id]
                cue_set, pattern = self._patterns[key]
                span = doc[start:end]
                if pattern.negatable and _negated(span):
                    continue
                if pattern.extend:
                    span = _to_phrase_end(span)
                src_start, src_end = paragraph.source_range(span)
                cue = Cue(cue_set.move, src_start, src_end, source[src_start:src_end], pattern.id, pattern.incident)
                group = hidden if cue_set.hidden else visible
                group.append((cue_set.precedence, src_end - src_start, self._order[key], cue))
        signals = _resolve_overlaps(hidden)
        kept = _unmasked(_resolve_overlaps(visible), signals, self._masks) + signals
        return sorted(kept, key=lambda c: (c.start, c.end))


def _unmasked(visible: list[Cue], signals: list[Cue], masks: dict[str, set[str]]) -> list[Cue]:
    """Visible cues that no hidden cue masks: one of a move that masks theirs, overlapping them."""
    masking = [s for s in signals if s.move in masks]
    return [
        cue
        for cue in visible
        if not any(cue.move in masks[s.move] and s.start < cue.end and cue.start < s.end for s in masking)
    ]


def _resolve_overlaps(candidates: list[tuple[int, int, int, Cue]]) -> list[Cue]:
    """Keep the best of overlapping cues: higher precedence first, then the longer one, then the
    one whose pattern comes first in the pack."""
    starts: list[int] = []
    kept: list[Cue] = []
    for _, _, _, cue in sorted(candidates, key=lambda c: (-c[0], -c[1], c[3].start, c[2])):
        index = bisect.bisect_left(starts, cue.start)
        if index > 0 and kept[index - 1].end > cue.start:
            continue
        if index < len(kept) and kept[index].start < cue.end:
            continue
        starts.insert(index, cue.start)
        kept.insert(index, cue)
    return kept


_GATE_NAMES = {"LOWER": LOWER, "LEMMA": LEMMA, "ORTH": ORTH, "NORM": NORM, "DEP": DEP, "TAG": TAG, "POS": POS}
_GATE_ATTRS = list(_GATE_NAMES.values())


@dataclass(frozen=True)
class _Gated:
    """One pattern's matcher and its requirements, all of which a paragraph must meet (hold a
    token with one of the values) for it to run; for token patterns, how many tokens a match can
    span (None: unbounded) and per requirement the fewest and most tokens a match has before the
    token that meets it."""

    needs: frozenset[int]
    tokens: Matcher | None
    dependencies: DependencyMatcher | None
    reach: int | None
    offsets: dict[int, tuple[int, int]]


def _reach(specs: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of the token pattern can span, None if a `*` or `+` makes it
    unbounded."""
    if any(spec.get("OP") not in (None, "?", "!") for spec in specs):
        return None
    return len(specs)


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of the sentence each token is in."""
    bounds: list[tuple[int, int]] = []
    for sentence in doc.sents:
        bounds.extend([(sentence.start, sentence.end)] * len(sentence))
    return bounds


def _windows(
    gated: _Gated, where: dict[int, set[int]], sentence_of: list[tuple[int, int]], length: int
) -> list[tuple[int, int]]:
    """The token ranges a pattern can match in, overlapping ones merged: a bounded token pattern
    only where a match can hold a position of its rarest required value (exactly the matches of
    the whole paragraph); an unbounded one or a dependency pattern only in the sentences that hold
    all its required values (a parse tree never crosses a sentence); the whole paragraph for a
    pattern without requirements."""
    if not gated.needs:
        return [(0, length)]
    anchor = min(gated.needs, key=lambda number: len(where[number]))
    ranges: list[tuple[int, int]] = []
    for position in sorted(where[anchor]):
        if gated.reach is not None:
            fewest, most = gated.offsets[anchor]
            start, end = max(0, position - most), min(length, position - fewest + gated.reach)
        else:
            start, end = sentence_of[position]
            if not all(any(start <= p < end for p in where[number]) for number in gated.needs):
                continue
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
        else:
            ranges.append((start, end))
    return ranges


def _required_values(specs: list[dict[str, Any]], nlp: Language) -> tuple[tuple[int, tuple[int, frozenset[int]]], ...]:
    """For every token a pattern cannot skip, its index and the values (hashed, per attribute) one
    of which it must have; tokens with an operator other than "+" and other predicates do not gate."""
    required = []
    for index, spec in enumerate(specs):
        if spec.get("OP") not in (None, "+"):
            continue
        for name, value in spec.items():
            attr = _GATE_NAMES.get(name.upper())
            words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if attr is not None and isinstance(words, list):
                required.append((index, (attr, frozenset(nlp.vocab.strings.add(word) for word in words))))
    return tuple(required)


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
