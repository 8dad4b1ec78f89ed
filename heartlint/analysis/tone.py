"""Tone of a piece of text, from TextBlob's offline pattern analyser.

`TextBlob(text).sentiment` imports the whole `textblob` package, whose `__init__` imports NLTK:
most of a second on a cold start, for a score that only needs TextBlob's pattern lexicon. So
the analyser is built from TextBlob's own module and data files (`textblob/_text.py`,
`textblob/en/en-*.txt|xml`) exactly as `textblob.en` builds it, without running the package's
`__init__`; a test checks the scores equal `TextBlob(text).sentiment`'s.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any


@functools.lru_cache(maxsize=1)
def _analyser() -> Callable[[str], Any]:
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textblob is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text_spec = importlib.util.spec_from_file_location("heartlint._textblob_text", folder / "_text.py")
    assert text_spec is not None and text_spec.loader is not None
    text = importlib.util.module_from_spec(text_spec)
    text_spec.loader.exec_module(text)
    en = folder / "en"
    lexicon = text.Lexicon(
        path=str(en / "en-lexicon.txt"),
        morphology=str(en / "en-morphology.txt"),
        context=str(en / "en-context.txt"),
        entities=str(en / "en-entities.txt"),
        language="en",
    )
    parser = text.Parser(lexicon=lexicon, default=("NN", "NNP", "CD"), language="en")

    base: Any = text.Sentiment

    class Sentiment(base):  # as textblob.en.Sentiment
        def load(self, path: str | None = None) -> None:
            base.load(self, path)
            if not path:  # map "terrible" to the adverb "terribly"
                entries: list[tuple[str, dict[str, Any]]] = list(dict.items(self))
                for word, pos in entries:
                    if "JJ" in pos:
                        if word.endswith("y"):
                            word = word[:-1] + "i"
                        if word.endswith("le"):
                            word = word[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(word + "ly", "RB", p, s, i)

    return Sentiment(
        path=str(en / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=parser.find_tokens,
        language="en",
    )


def polarity(text: str) -> float:
    """TextBlob polarity in [-1, 1]: negative to positive."""
    return float(_analyser()(text)[0]) if text.strip() else 0.0


def subjectivity(text: str) -> float:
    """TextBlob subjectivity in [0, 1]: 0 is purely factual, 1 is very personal."""
    return float(_analyser()(text)[1]) if text.strip() else 0.0
