"""Train heartlint's learned components with spaCy's own training system (`spacy train`), on the
training split of the real-derived corpus (the held-out publishers are never used):

- the move tagger: a sentence → moves classifier, from the corpus's sentence labels;
- the incident classifier: a draft → incident reply or not, and blames anyone or not, from the
  drafts' labels (a draft blames when any of its sentences is labelled blame).

    python3 -m heartlint.evaluation.train_tagger [--config training/bow.cfg]
        [--incident-config training/incident.cfg] [--compare-only]

For each, `spacy train` runs once per fold (5 folds by publisher) to choose thresholds from
out-of-fold predictions, then once on the whole training split; the pipelines are installed in
`heartlint/analysis/models/`, with the hash of their training data and the thresholds in meta.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.tokens import DocBin

from heartlint.analysis.engine import Evidence, Linter
from heartlint.analysis.tagger import BLAMES, INCIDENT, INCIDENT_DIR, TAGGER_DIR, Classifier
from heartlint.evaluation.invented import load_corpus
from heartlint.evaluation.metrics import CORE_RULES, Evaluation, Labelled, RuleScore
from heartlint.evaluation.realcorpus import MOVES, REAL_CORPUS, RealDraft, load_real_corpus
from heartlint.evaluation.split import folds, split
from heartlint.reading.files import draft_from_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_CONFIG = ROOT / "training" / "bow.cfg"
DEFAULT_INCIDENT_CONFIG = ROOT / "training" / "incident.cfg"
MIN_THRESHOLD, MAX_THRESHOLD = 0.1, 0.9
# Weight of the share of ordinary mail failing in the tuning objective (see draft_score).
QUIET_MAIL_WEIGHT = 2.0
# The invented corpus's bars (tests/test_corpus.py: 0.95 and 0.85), with a margin.
INVENTED_VERDICT, INVENTED_PRECISION = 0.955, 0.87
EXAMPLE_WEIGHT = 0.05  # each rule example that misbehaves costs this much shortfall
Example = tuple[str, frozenset[str]]
DRAFT_LABELS = (INCIDENT, BLAMES)


def sentence_examples(drafts: Sequence[RealDraft]) -> list[Example]:
    """(sentence, moves) pairs of the drafts, in corpus order."""
    return [(s.text, s.moves) for d in drafts for s in d.sentences]


def draft_body(path: Path) -> str:
    """The writer's own text of a draft, as the linter sees it (quotes, greeting, sign-off cut)."""
    return read_path(path).body_text()


def incident_examples(drafts: Sequence[RealDraft]) -> list[Example]:
    """(body, its draft labels: "incident" for an incident reply, "blames" when a sentence of it
    is labelled blame) per draft."""
    return [(draft_body(d.path), _draft_labels(d)) for d in drafts]


def _draft_labels(draft: RealDraft) -> frozenset[str]:
    blames = any("blame" in s.moves for s in draft.sentences)
    return frozenset(label for label, on in ((INCIDENT, draft.incident), (BLAMES, blames)) if on)


def data_hash(examples: Sequence[Example]) -> str:
    """A hash of the labelled examples a model learns from."""
    digest = hashlib.sha256()
    for text, labels in examples:
        digest.update(json.dumps([text, sorted(labels)]).encode())
    return digest.hexdigest()


def write_docbin(path: Path, examples: Sequence[Example], labels: Sequence[str]) -> None:
    """Examples as spaCy training docs with one category per label."""
    nlp = spacy.blank("en")
    docs = DocBin()
    for text, gold in examples:
        doc = nlp.make_doc(text)
        doc.cats = {label: float(label in gold) for label in labels}
        docs.add(doc)
    docs.to_disk(path)


def train_model(
    config: Path, train: Sequence[Example], dev: Sequence[Example], labels: Sequence[str], work: Path
) -> Path:
    """Run `spacy train` and return the folder of the trained pipeline: its last checkpoint, as
    the dev set only reports progress (out of fold it is the fold's test drafts, so picking the
    best checkpoint on it would leak them into the figures)."""
    work.mkdir(parents=True, exist_ok=True)
    write_docbin(work / "train.spacy", train, labels)
    write_docbin(work / "dev.spacy", dev, labels)
    overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    spacy_train(config, work / "output", overrides=overrides)
    return work / "output" / "model-last"


Scored = list[tuple[dict[str, float], frozenset[str]]]


@dataclass
class OutOfFold:
    """Every training draft scored by models that never saw its publisher: the labelled
    sentences (for sentence figures), the linter's own sentences and the draft's scores."""

    sentences: Scored = field(default_factory=list)
    drafts: Scored = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    labelled: list[RealDraft] = field(default_factory=list)
    invented: list[Evidence] = field(default_factory=list)
    invented_labels: list[Labelled] = field(default_factory=list)
    examples: list[Evidence] = field(default_factory=list)
    example_checks: list[tuple[str, bool]] = field(default_factory=list)  # (rule code, should it fire)


def out_of_fold(
    configs: tuple[Path, Path], drafts: list[RealDraft], linter: Linter, work: Path, k: int = 5
) -> OutOfFold:
    """Train both models (move tagger config, incident config) once per fold and score the
    fold's held-out drafts with them."""
    config, incident_config = configs
    result = OutOfFold()
    examples, checks = _rule_examples(linter)
    for index, (fold_train, fold_test) in enumerate(folds(drafts, k)):
        fold = work / f"fold{index}"
        tagger = spacy.load(
            train_model(config, sentence_examples(fold_train), sentence_examples(fold_test), MOVES, fold / "moves")
        )
        incident = spacy.load(
            train_model(
                incident_config,
                incident_examples(fold_train),
                incident_examples(fold_test),
                DRAFT_LABELS,
                fold / "incident",
            )
        )
        gold = sentence_examples(fold_test)
        result.sentences += [(dict(d.cats), g) for d, (_, g) in zip(tagger.pipe(t for t, _ in gold), gold, strict=True)]
        bodies = incident_examples(fold_test)
        result.drafts += [
            (dict(d.cats), g) for d, (_, g) in zip(incident.pipe(t for t, _ in bodies), bodies, strict=True)
        ]
        for labelled, evidence, (cats, _) in zip(
            fold_test,
            linter.gather([read_path(d.path) for d in fold_test]),
            result.drafts[-len(fold_test) :],
            strict=True,
        ):
            result.evidence.append(_with_scores(evidence, tagger, cats))
            result.labelled.append(labelled)
        if index == 0:
            result.invented_labels = load_corpus()
            invented = linter.gather([read_path(item.path) for item in result.invented_labels])
            result.invented = _scored(invented, tagger, incident)
        # Every fold's models score the examples, so the thresholds keep them right whichever ships.
        result.examples += _scored([replace(item) for item in examples], tagger, incident)
        result.example_checks += checks
    return result


def _rule_examples(linter: Linter) -> tuple[list[Evidence], list[tuple[str, bool]]]:
    """The rules' documented fail/pass examples, parsed once (the fold models never saw them
    either), and for each its rule code and whether that rule should fire."""
    texts: list[str] = []
    checks: list[tuple[str, bool]] = []
    for rule in linter.pack.rules:
        for examples, should_fire in ((rule.fail_examples, True), (rule.pass_examples, False)):
            texts += examples
            checks += [(rule.code, should_fire)] * len(examples)
    drafts = [draft_from_bytes(text.encode("utf-8"), "example.txt", "example.txt") for text in texts]
    return linter.gather(drafts), checks


def _scored(evidence: list[Evidence], tagger: Language, incident: Language) -> list[Evidence]:
    bodies = [item.draft.body_text() for item in evidence]
    return [_with_scores(item, tagger, doc.cats) for item, doc in zip(evidence, incident.pipe(bodies), strict=True)]


def _with_scores(evidence: Evidence, tagger: Language, draft_cats: dict[str, float]) -> Evidence:
    """The evidence with its sentences scored by `tagger` and the incident classifier's scores."""
    evidence.move_scores = [dict(d.cats) for d in tagger.pipe(s.text for s in evidence.sentences)]
    evidence.incident_score, evidence.blame_score = draft_cats[INCIDENT], draft_cats[BLAMES]
    return evidence


def sentence_figures(
    scored: Scored, labels: Sequence[str], thresholds: dict[str, float]
) -> dict[str, dict[str, float]]:
    """Per label, precision, recall and F1 at its threshold."""
    figures = {}
    for label in labels:
        threshold = thresholds[label]
        tp = sum(1 for cats, gold in scored if cats[label] >= threshold and label in gold)
        fp = sum(1 for cats, gold in scored if cats[label] >= threshold and label not in gold)
        fn = sum(1 for cats, gold in scored if cats[label] < threshold and label in gold)
        figures[label] = {
            "threshold": threshold,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
            "f1": round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0,
        }
    return figures


def _classifiers(linter: Linter, thresholds: dict[str, float]) -> tuple[Classifier, Classifier]:
    """Stand-ins for the move tagger and the incident classifier with the given thresholds (the
    scores are already in the evidence)."""
    return (
        Classifier(None, linter.nlp, {m: thresholds[m] for m in MOVES}, ""),
        Classifier(None, linter.nlp, {label: thresholds[label] for label in DRAFT_LABELS}, ""),
    )


def _error_codes(linter: Linter) -> set[str]:
    return {rule.code for rule in linter.pack.rules if rule.severity == "error"}


def draft_figures(linter: Linter, oof: OutOfFold, thresholds: dict[str, float]) -> Evaluation:
    """The hybrid linter's draft-level scores on the out-of-fold drafts, with the given thresholds."""
    tagger, incident = _classifiers(linter, thresholds)
    errors = _error_codes(linter)
    result = Evaluation(rules={code: RuleScore() for code in CORE_RULES})
    for evidence, labelled in zip(oof.evidence, oof.labelled, strict=True):
        decided = linter.decide(evidence, tagger, incident)
        found = {f.code for f in decided.findings}
        result.add(found, labelled.expected, errors, decided.incident, labelled.incident, labelled.kind)
    return result


def draft_score(linter: Linter, oof: OutOfFold, thresholds: dict[str, float]) -> float:
    """What the thresholds are tuned for: on the real drafts, verdict accuracy plus macro F1
    over the core rules, minus QUIET_MAIL_WEIGHT times the share of ordinary mail that fails (a
    pre-send hook that stops ordinary mail gets switched off); plus the verdict accuracy on the
    invented corpus, which must also stay above its bars (INVENTED_VERDICT, INVENTED_PRECISION for
    every error rule, with a margin: the final models are not the fold's), and every rule's
    documented fail/pass examples must behave as documented."""
    figures = draft_figures(linter, oof, thresholds)
    tagger, incident = _classifiers(linter, thresholds)
    errors = _error_codes(linter)
    invented = Evaluation(rules={code: RuleScore() for code in errors})
    for evidence, item in zip(oof.invented, oof.invented_labels, strict=True):
        invented.add({f.code for f in linter.decide(evidence, tagger, incident).findings}, item.expected, errors)
    broken_examples = sum(
        (code in {f.code for f in linter.decide(evidence, tagger, incident).findings}) != should_fire
        for evidence, (code, should_fire) in zip(oof.examples, oof.example_checks, strict=True)
    )
    shortfall = (
        max(0.0, INVENTED_VERDICT - invented.verdict_accuracy)
        + sum(max(0.0, INVENTED_PRECISION - score.precision) for score in invented.rules.values())
        + EXAMPLE_WEIGHT * broken_examples
    )
    quiet = QUIET_MAIL_WEIGHT * figures.quiet_mail_failure_rate
    return figures.verdict_accuracy + figures.macro_f1 - quiet + invented.verdict_accuracy - 10 * shortfall


def tune(linter: Linter, oof: OutOfFold, passes: int = 2) -> dict[str, float]:
    """Thresholds of the moves and of the incident classifier, chosen by coordinate ascent on
    the hybrid linter's draft-level score over the out-of-fold training drafts."""
    thresholds = {label: 0.5 for label in (*MOVES, *DRAFT_LABELS)}
    best = draft_score(linter, oof, thresholds)
    candidates = [step / 100 for step in range(int(MIN_THRESHOLD * 100), int(MAX_THRESHOLD * 100) + 1, 5)]
    for _ in range(passes):
        for label in thresholds:
            for value in candidates:
                trial = {**thresholds, label: value}
                score = draft_score(linter, oof, trial)
                if score > best + 1e-9:
                    best, thresholds = score, trial
    print(f"tuned thresholds (objective {best:.3f}, see draft_score): {thresholds}")
    return thresholds


def install(model: Path, meta: dict, target: Path) -> None:
    """Copy a trained pipeline into the package, with heartlint's facts in its meta."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model, target)
    config_path = target / "config.cfg"  # the temporary training paths are of no use shipped
    config_path.write_text(re.sub(r'(?m)^(train|dev) = ".*"$', r"\1 = null", config_path.read_text()))
    meta_path = target / "meta.json"
    full = json.loads(meta_path.read_text())
    full.pop("performance", None)
    full["heartlint"] = meta
    meta_path.write_text(json.dumps(full, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the move tagger and the incident classifier.")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="the move tagger's spaCy config")
    parser.add_argument(
        "--incident-config", type=Path, default=DEFAULT_INCIDENT_CONFIG, help="the incident classifier's spaCy config"
    )
    parser.add_argument("--compare-only", action="store_true", help="print out-of-fold figures, install nothing")
    parser.add_argument("--corpus", type=Path, default=REAL_CORPUS, help="the real-derived corpus folder")
    args = parser.parse_args(argv)
    train, _ = split(load_real_corpus(args.corpus))
    linter = Linter(method="hybrid")
    with tempfile.TemporaryDirectory(prefix="heartlint-train-") as tmp:
        work = Path(tmp)
        oof = out_of_fold((args.config, args.incident_config), train, Linter(nlp=linter.nlp, method="patterns"), work)
        thresholds = tune(linter, oof)
        figures = sentence_figures(oof.sentences, MOVES, thresholds)
        figures |= sentence_figures(oof.drafts, DRAFT_LABELS, thresholds)
        kfold = draft_figures(linter, oof, thresholds)
        kfold_summary = {
            "drafts": kfold.drafts,
            "verdict_accuracy": round(kfold.verdict_accuracy, 3),
            "macro_f1": round(kfold.macro_f1, 3),
            "rules": {c: [round(s.precision, 3), round(s.recall, 3)] for c, s in kfold.rules.items()},
            "incident": [round(kfold.incident.precision, 3), round(kfold.incident.recall, 3)],
            "quiet_mail_failing": round(kfold.quiet_mail_failure_rate, 3),
            "verdict_by_kind": {kind: round(right / total, 3) for kind, (right, total) in sorted(kfold.kinds.items())},
        }
        print(f"5-fold by publisher, training split, hybrid: {kfold_summary}")
        print(f"{args.config.name}: out-of-fold figures at the tuned thresholds (5 folds by publisher)")
        for label, values in figures.items():
            print(f"  {label:<12} " + "  ".join(f"{key} {value:.2f}" for key, value in values.items()))
        if args.compare_only:
            return 0
        for name, config, examples, labels, target in (
            ("moves", args.config, sentence_examples(train), MOVES, TAGGER_DIR),
            ("incident", args.incident_config, incident_examples(train), DRAFT_LABELS, INCIDENT_DIR),
        ):
            model = train_model(config, examples, examples, labels, work / "final" / name)
            meta = {
                "data_sha256": data_hash(examples),
                "config": config.name,
                "examples": len(examples),
                "thresholds": {label: thresholds[label] for label in labels},
                "out_of_fold": {label: figures[label] for label in labels},
                "kfold_drafts": kfold_summary,
            }
            install(model, meta, target)
            print(f"installed {name} in {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
