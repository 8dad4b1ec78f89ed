"""Split the real-derived corpus by publisher, so no publisher's style leaks across the split.

The held-out split is fixed per publisher: a publisher is held out (never trained or tuned on)
when the hash of its name falls in the first 32% of the hash range, so adding drafts never
moves a publisher across the split. K-fold splits deal the remaining publishers out by hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from heartlint.evaluation.realcorpus import RealDraft

HOLDOUT_SHARE = 0.32


def _rank(group: str) -> str:
    return hashlib.sha256(("heartlint-split:" + group).encode()).hexdigest()


def is_held_out(group: str) -> bool:
    """Whether a publisher belongs to the held-out split."""
    return int(_rank(group)[:8], 16) < HOLDOUT_SHARE * 16**8


def holdout_groups(drafts: Sequence[RealDraft]) -> set[str]:
    """The publishers whose drafts form the held-out split."""
    return {d.source_group for d in drafts if is_held_out(d.source_group)}


def split(drafts: Sequence[RealDraft]) -> tuple[list[RealDraft], list[RealDraft]]:
    """(train, held-out) drafts."""
    held = holdout_groups(drafts)
    return [d for d in drafts if d.source_group not in held], [d for d in drafts if d.source_group in held]


def folds(drafts: Sequence[RealDraft], k: int = 5) -> list[tuple[list[RealDraft], list[RealDraft]]]:
    """K (train, test) pairs over `drafts`, each publisher in exactly one test fold."""
    groups = sorted({d.source_group for d in drafts}, key=_rank)
    fold_of = {group: index % k for index, group in enumerate(groups)}
    return [
        ([d for d in drafts if fold_of[d.source_group] != fold], [d for d in drafts if fold_of[d.source_group] == fold])
        for fold in range(k)
    ]
