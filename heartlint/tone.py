"""Tone of a piece of text, from TextBlob's offline pattern analyser."""

from __future__ import annotations

from textblob import TextBlob


def subjectivity(text: str) -> float:
    """TextBlob subjectivity in [0, 1]: 0 is purely factual, 1 is very personal."""
    return float(TextBlob(text).sentiment.subjectivity) if text.strip() else 0.0

