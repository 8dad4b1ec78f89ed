"""The invented corpus: drafts written for heartlint (not paraphrases of real replies)."""

from __future__ import annotations

from pathlib import Path

from heartlint.analysis.packs import tomllib
from heartlint.evaluation.metrics import Labelled

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"


def load_corpus(root: Path = DEFAULT_CORPUS) -> list[Labelled]:
    """Every invented draft listed in a `labels.toml` below `root` (the real-derived drafts in
    `real/` are scored apart)."""
    drafts = []
    for labels_file in sorted(root.rglob("labels.toml")):
        if "real" in labels_file.relative_to(root).parts:
            continue
        labels = tomllib.loads(labels_file.read_text(encoding="utf-8"))
        for name, entry in sorted(labels.items()):
            drafts.append(Labelled(labels_file.parent / name, frozenset(entry["expect"])))
    return drafts
