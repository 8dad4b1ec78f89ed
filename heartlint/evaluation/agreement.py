"""Agreement between the corpus labels and a second, blind labeller: Cohen's kappa per move.

    python3 -m heartlint.evaluation.agreement

The second labellers saw the drafts and their sentences, never the first labels. Each file in
`corpus/real/agreement/` is one blind sample (the first from the early batches, the second from
batches ai–an, the third from batches bc–br); the figures are printed per sample and pooled.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from heartlint.evaluation.realcorpus import MOVES, REAL_CORPUS, load_real_corpus

AGREEMENT_DIR = REAL_CORPUS / "agreement"


def cohens_kappa(first: Sequence[bool], second: Sequence[bool]) -> float:
    """Cohen's kappa of two binary labellings of the same items."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p_first, p_second = sum(first) / n, sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def second_label_files() -> list[Path]:
    """The blind samples, oldest first."""
    return sorted(AGREEMENT_DIR.glob("second-labeller*.json"))


def agreement(second_paths: Sequence[Path]) -> dict[str, tuple[float, int, int]]:
    """(kappa, first count, second count) per move, and for the incident decision, over the
    drafts of the given samples."""
    first = {d.path.relative_to(REAL_CORPUS).as_posix(): d for d in load_real_corpus()}
    second = [item for path in second_paths for item in json.loads(path.read_text(encoding="utf-8"))]
    table = {}
    for move in MOVES:
        a, b = [], []
        for item in second:
            draft = first[item["file"]]
            for sentence, moves in zip(draft.sentences, item["moves"], strict=True):
                a.append(move in sentence.moves)
                b.append(move in moves)
        table[move] = (cohens_kappa(a, b), sum(a), sum(b))
    a = [first[item["file"]].incident for item in second]
    b = [item["incident"] for item in second]
    table["incident (per draft)"] = (cohens_kappa(a, b), sum(a), sum(b))
    return table


def main() -> int:
    files = second_label_files()
    for name, paths in [*((path.name, [path]) for path in files), ("pooled", files)]:
        second = [item for path in paths for item in json.loads(path.read_text(encoding="utf-8"))]
        sentences = sum(len(item["moves"]) for item in second)
        print(f"{name}: {len(second)} drafts, {sentences} sentences labelled blind by a second labeller")
        print(f"{'move':<22} {'kappa':>6} {'first':>6} {'second':>7}")
        for move, (kappa, first, other) in agreement(paths).items():
            print(f"{move:<22} {kappa:>6.2f} {first:>6} {other:>7}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
