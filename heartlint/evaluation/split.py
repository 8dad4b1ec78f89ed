"""Split the real-derived corpus by publisher, so no publisher's style leaks across the split.

The held-out split is fixed: publishers are ranked by a hash of their name and the first 28%
are held out (never trained or tuned on). K-fold splits rank the remaining publishers the same way.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from heartlint.evaluation.realcorpus import RealDraft

HOLDOUT_SHARE = 0.28


def _rank(group: str) -> str:
    return hashlib.sha256(("heartlint-split:" + group).encode()).hexdigest()


def holdout_groups(drafts: Sequence[RealDraft]) -> set[str]:
    """The publishers whose drafts form the held-out split."""
    groups = sorted({d.source_group for d in drafts}, key=_rank)
    return set(groups[: math.ceil(len(groups) * HOLDOUT_SHARE)])


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
