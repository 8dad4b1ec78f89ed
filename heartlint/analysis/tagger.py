"""Learned components: spaCy text classifiers trained on labelled real replies.

- the move tagger gives each sentence a probability per move;
- the incident classifier gives a draft the probability that it is an incident reply, and the
  probability that it blames or deflects somewhere (deflection is often spread over a letter,
  no sentence of it blame on its own).

Labels at or above their tuned threshold count. The trained pipelines ship inside the package
(`models/`), load offline, and are rebuilt by `python3 -m heartlint.evaluation.train_tagger`.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from heartlint.analysis.nlp import pipeline_fingerprint

MODELS_DIR = Path(__file__).resolve().parent / "models"
TAGGER_DIR = MODELS_DIR / "moves"
INCIDENT_DIR = MODELS_DIR / "incident"
INCIDENT = "incident"
BLAMES = "blames"


@dataclass(frozen=True)
class Classifier:
    """A trained text-classifier component, run on docs made by the linter's own tokenizer, and
    its per-label thresholds."""

    component: Callable[[Doc], Doc] | None
    nlp: Language
    thresholds: dict[str, float]
    data_sha256: str

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        """The probability of each label, per text."""
        if self.component is None:
            return [{} for _ in texts]
        docs = (self.nlp.make_doc(text) for text in texts)
        return [dict(doc.cats) for doc in self.component.pipe(docs, batch_size=256)]  # type: ignore[attr-defined]

    def labels(self, scores: dict[str, float]) -> dict[str, float]:
        """The labels at or above their threshold, with their probability."""
        return {label: p for label, p in scores.items() if p >= self.thresholds.get(label, 1.0)}

    def blames(self, score: float | None) -> bool:
        """Whether a draft's blame score is at or above its threshold (False without one)."""
        return score is not None and BLAMES in self.thresholds and score >= self.thresholds[BLAMES]


def models_fingerprint() -> str:
    """The spaCy model package and version, and per trained model its data hash and a digest of
    its meta and config (architecture, thresholds), read without loading anything (for cache
    keys: results change when any of them does)."""
    parts = [pipeline_fingerprint()]
    for folder in (TAGGER_DIR, INCIDENT_DIR):
        try:
            meta_bytes = (folder / "meta.json").read_bytes()
            meta = json.loads(meta_bytes)
            config_bytes = (folder / "config.cfg").read_bytes()
        except (OSError, ValueError):
            parts.append(f"{folder.name}:none")
            continue
        digest = hashlib.sha256(meta_bytes + config_bytes).hexdigest()[:16]
        parts.append(f"{folder.name}:{meta.get('heartlint', {}).get('data_sha256', '')}:{digest}")
    return "|".join(parts)


def load_classifier(folder: Path, nlp: Language) -> Classifier | None:
    """The classifier component saved in `folder` (a spaCy pipeline of one text classifier),
    built on `nlp`'s vocabulary so that no second tokenizer is loaded; None if there is none."""
    if not (folder / "meta.json").is_file():
        return None
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("heartlint", {})
    config = spacy.util.load_config(folder / "config.cfg", interpolate=True)
    (name,) = config["nlp"]["pipeline"]
    settings = dict(config["components"][name])
    component = nlp.create_pipe(settings.pop("factory"), name=f"heartlint_{folder.name}", config=settings)
    component.from_disk(folder / name, exclude=("vocab",))  # type: ignore[attr-defined]
    return Classifier(component, nlp, meta.get("thresholds", {}), meta.get("data_sha256", ""))


@functools.lru_cache(maxsize=4)
def load_tagger(nlp: Language) -> Classifier | None:
    """The shipped move tagger, or None when the package has none."""
    return load_classifier(TAGGER_DIR, nlp)


@functools.lru_cache(maxsize=4)
def load_incident_classifier(nlp: Language) -> Classifier | None:
    """The shipped incident classifier, or None when the package has none."""
    return load_classifier(INCIDENT_DIR, nlp)
