"""Measure heartlint against labelled drafts: per-rule precision/recall, verdict accuracy.

python -m heartlint.evaluate [CORPUS_DIR] [--verbose]   # the invented corpus (or a folder)
python -m heartlint.evaluate --real [--verbose]         # the held-out real-derived split:
                                                        # patterns only, tagger only, hybrid
python -m heartlint.evaluate --real --split train       # the split rules are developed on
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from heartlint.analysis.engine import Linter
from heartlint.analysis.hybrid import METHODS
from heartlint.analysis.nlp import load_pipeline
from heartlint.analysis.tagger import TAGGER_DIR
from heartlint.evaluation.invented import DEFAULT_CORPUS, load_corpus
from heartlint.evaluation.metrics import Evaluation, Labelled, evaluate, format_comparison, format_table
from heartlint.evaluation.realcorpus import load_real_corpus
from heartlint.evaluation.split import split

__all__ = ["evaluate", "format_table", "held_out_real", "load_corpus", "main", "real_split"]


def real_split(which: str = "held-out") -> list[Labelled]:
    """One split of the real-derived corpus: "held-out" (publishers never trained or tuned on)
    or "train" (the publishers rules and models are developed on)."""
    train, held_out = split(load_real_corpus())
    chosen = held_out if which == "held-out" else train
    return [Labelled(d.path, d.expected, d.incident, d.kind) for d in chosen]


def held_out_real() -> list[Labelled]:
    """The held-out split of the real-derived corpus."""
    return real_split("held-out")


def _print_kfold() -> None:
    """The 5-fold-by-publisher figures over the training split, computed when the models were
    trained (each draft scored by models that never saw its publisher)."""
    meta_file = TAGGER_DIR / "meta.json"
    if not meta_file.is_file():
        return
    kfold = json.loads(meta_file.read_text(encoding="utf-8"))["heartlint"].get("kfold_drafts")
    if not kfold:
        return
    print(
        f"5-fold by publisher over the training split ({kfold['drafts']} drafts, hybrid): "
        f"verdict {kfold['verdict_accuracy']:.3f}, macro F1 {kfold['macro_f1']:.3f}, "
        f"incident P/R {kfold['incident'][0]:.2f} / {kfold['incident'][1]:.2f}"
        + (f", ordinary mail failing {kfold['quiet_mail_failing']:.0%}" if "quiet_mail_failing" in kfold else "")
    )


def _mismatches(evaluation: Evaluation) -> None:
    for path, missed, extra in evaluation.mismatches:
        print(f"{path}: missed {sorted(missed)} extra {sorted(extra)}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m heartlint.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="invented corpus folder")
    parser.add_argument("--real", action="store_true", help="score the real-derived corpus, each method side by side")
    parser.add_argument(
        "--split",
        choices=("held-out", "train"),
        default="held-out",
        help="which real-derived split (default: held-out, never trained or tuned on)",
    )
    parser.add_argument("--method", choices=METHODS, help="only this method (default: all three with --real)")
    parser.add_argument("--verbose", action="store_true", help="list every draft whose findings differ")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation table; with --verbose, every draft whose findings differ."""
    args = _parser().parse_args(argv)
    if args.real:
        corpus = real_split(args.split)
        nlp = load_pipeline()
        methods = (args.method,) if args.method else METHODS
        results = {method: evaluate(Linter(nlp=nlp, method=method), corpus) for method in methods}
        if args.verbose:
            _mismatches(results[methods[-1]])
        where = "from publishers never trained or tuned on" if args.split == "held-out" else "the development split"
        print(f"{args.split} real-derived split: {len(corpus)} drafts, {where}")
        print(format_comparison(results))
        if args.split == "held-out":
            _print_kfold()
        return 0
    linter = Linter(method=args.method or "hybrid")
    evaluation = evaluate(linter, load_corpus(args.corpus))
    if args.verbose:
        _mismatches(evaluation)
    print(format_table(evaluation, linter))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
