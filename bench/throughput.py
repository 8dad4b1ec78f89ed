"""Throughput benchmark: heartlint vs spaCy's own nlp.pipe on the same drafts, in one run.

    python3 bench/throughput.py [--drafts 1000]

Prints drafts/second for both and their ratio. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from heartlint.analysis.engine import Linter
from heartlint.evaluate import load_corpus
from heartlint.reading.draft import Draft

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000, help="how many drafts to process")
    args = parser.parse_args()
    texts = [item.path.read_text(encoding="utf-8") for item in load_corpus(CORPUS)]
    texts = (texts * (args.drafts // len(texts) + 1))[: args.drafts]
    linter = Linter()
    linter.lint_text(texts[0])  # warm up: lazy imports, first parse

    started = time.perf_counter()
    for _ in linter.nlp.pipe(texts, batch_size=64):
        pass
    spacy_seconds = time.perf_counter() - started

    started = time.perf_counter()
    linter.lint_drafts(Draft.from_text(text, f"draft-{i}") for i, text in enumerate(texts))
    heartlint_seconds = time.perf_counter() - started

    words = sum(len(text.split()) for text in texts)
    print(f"drafts: {len(texts)} ({words / len(texts):.0f} words on average)")
    print(f"spaCy nlp.pipe: {len(texts) / spacy_seconds:8.1f} drafts/s")
    print(f"heartlint:      {len(texts) / heartlint_seconds:8.1f} drafts/s")
    print(f"ratio:          {spacy_seconds / heartlint_seconds:8.2f} (heartlint / spaCy throughput)")


if __name__ == "__main__":
    main()
