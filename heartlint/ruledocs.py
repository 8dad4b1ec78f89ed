"""Rule documentation in the ruff style, generated from the rule files."""

from __future__ import annotations

import textwrap

from .packs import Pack, RuleDef


def find_rule(pack: Pack, name: str) -> RuleDef | None:
    """The rule with this code (any case) or id."""
    wanted = name.strip().lower()
    return next((r for r in pack.rules if wanted in (r.code.lower(), r.id)), None)


def rules_table(pack: Pack) -> str:
    """One line per rule: code, id, default severity and a short description."""
    width = max(len(r.id) for r in pack.rules)
    return "\n".join(
        f"{r.code}  {r.id:<{width}}  {r.severity:<7}  {_first_sentence(r.docs['what'])}" for r in pack.rules
    )


def explain_rule(rule: RuleDef) -> str:
    """The full documentation of a rule: What it does / Why is this bad? / Example / Use instead."""
    return "\n".join(
        [
            f"# {rule.id} ({rule.code})",
            "",
            f"Default severity: {rule.severity}",
            "",
            "## What it does",
            textwrap.fill(rule.docs["what"], 88),
            "",
            "## Why is this bad?",
            textwrap.fill(rule.docs["why"], 88),
            "",
            "## Example",
            textwrap.indent(rule.docs["bad"], "    "),
            "",
            "## Use instead",
            textwrap.indent(rule.docs["good"], "    "),
        ]
    )


def _first_sentence(text: str) -> str:
    sentence = text.split(". ")[0].rstrip(".")
    return sentence + "."
