"""Is a draft written in English? heartlint's patterns only make sense for English text."""

from __future__ import annotations

from spacy.tokens import Doc

MIN_WORDS = 8
MIN_LETTERS = 20
MIN_STOP_WORD_SHARE = 0.15
MAX_NON_LATIN_SHARE = 0.5


def looks_english(docs: list[Doc]) -> bool:
    """True unless the text is clearly in another language or script.

    English prose is about 40-50% stop words ("the", "we", "to"…); other languages written in
    Latin script score near 0. One-letter tokens (codes, initials) are not counted, and
    short drafts are given the benefit of the doubt.
    """
    letters = [c for doc in docs for c in doc.text if c.isalpha()]
    if len(letters) >= MIN_LETTERS:
        non_latin = sum(1 for c in letters if not ("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f"))
        if non_latin / len(letters) > MAX_NON_LATIN_SHARE:
            return False
    words = [t for doc in docs for t in doc if t.is_alpha and len(t) > 1]
    if len(words) < MIN_WORDS:
        return True
    return sum(t.is_stop for t in words) / len(words) >= MIN_STOP_WORD_SHARE
