"""The audit's summary: per rule and per group, as a text table or JSON."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from heartlint.analysis.packs import RuleDef
from heartlint.audit.run import Audit, GroupCounts

TOP_CUES = 8
TOP_RULES = 3


def most_frequent(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    """The n most frequent, ties in name order (Counter.most_common keeps insertion order, which
    differs between processes)."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def as_text(audit: Audit, rules: list[RuleDef], group_by: str | None) -> str:
    total = audit.total
    lines = [
        f"audited {total.messages} messages: {total.incident} incident replies, "
        f"{total.messages - total.incident} other mail (counted, not flagged), {len(audit.malformed)} malformed; "
        f"{total.failing} incident replies ({_share(total.failing, total.incident)}) would fail",
        "",
        f"{'rule':<34} {'replies':>8} {'share of incident replies':>26}",
    ]
    for rule in sorted(rules, key=lambda r: r.code):
        count = total.rules.get(rule.code, 0)
        lines.append(f"{rule.code + ' ' + rule.id:<34} {count:>8} {_share(count, total.incident):>26}")
    if total.cues:
        frequent = ", ".join(f'"{cue}" ({n})' for cue, n in most_frequent(total.cues, TOP_CUES))
        lines += ["", f"most frequent blame and explanation cues: {frequent}"]
    if audit.groups:
        lines += ["", f"by {group_by}:", f"{'group':<24} {'messages':>8} {'incident':>8} {'failing':>8}  top rules"]
        for name, group in sorted(audit.groups.items()):
            top = ", ".join(f"{code} {_share(n, group.incident)}" for code, n in most_frequent(group.rules, TOP_RULES))
            lines.append(
                f"{name[:24]:<24} {group.messages:>8} {group.incident:>8} "
                f"{_share(group.failing, group.incident):>8}  {top}"
            )
    if audit.malformed:
        lines += ["", "malformed messages:"] + [f"  {where}: {why}" for where, why in audit.malformed]
    return "\n".join(lines)


def _group(counts: GroupCounts) -> dict[str, Any]:
    return {
        "messages": counts.messages,
        "incident": counts.incident,
        "failing": counts.failing,
        "rules": dict(sorted(counts.rules.items())),
        "cues": dict(most_frequent(counts.cues, TOP_CUES)),
    }


def as_json(audit: Audit) -> str:
    return json.dumps(
        {
            **_group(audit.total),
            "groups": {name: _group(group) for name, group in sorted(audit.groups.items())},
            "malformed": [{"path": where, "error": why} for where, why in audit.malformed],
            "unreadable": audit.unreadable,
        },
        indent=2,
        ensure_ascii=False,
    )
