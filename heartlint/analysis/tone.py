"""Tone of a piece of text, from TextBlob's offline pattern analyser.

TextBlob (and the NLTK it imports) loads on first use only: most drafts never need a tone
score, and the import costs most of a second.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


@functools.lru_cache(maxsize=1)
def _analyser() -> Callable[[str], Any]:
    from textblob import TextBlob

    return lambda text: TextBlob(text).sentiment


def polarity(text: str) -> float:
    """TextBlob polarity in [-1, 1]: negative to positive."""
    return float(_analyser()(text).polarity) if text.strip() else 0.0


def subjectivity(text: str) -> float:
    """TextBlob subjectivity in [0, 1]: 0 is purely factual, 1 is very personal."""
    return float(_analyser()(text).subjectivity) if text.strip() else 0.0
