"""Rule documentation in the ruff style, generated from the rule files."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from heartlint.analysis.packs import Pack, RuleDef

if TYPE_CHECKING:
    from heartlint.analysis.engine import Linter


def find_rule(pack: Pack, name: str) -> RuleDef | None:
    """The rule with this code (any case) or id."""
    wanted = name.strip().lower()
    return next((r for r in pack.rules if wanted in (r.code.lower(), r.id)), None)


def rules_table(pack: Pack) -> str:
    """One line per rule: code, id, default severity and its summary."""
    width = max(len(r.id) for r in pack.rules)
    return "\n".join(f"{r.code}  {r.id:<{width}}  {r.severity:<7}  {r.summary}" for r in pack.rules)


def rules_markdown(pack: Pack) -> str:
    """The rule table of the README, as Markdown."""
    rows = ["| code | id | severity | fires when |", "|---|---|---|---|"]
    rows.extend(f"| {r.code} | {r.id} | {r.severity} | {r.summary} |" for r in pack.rules)
    return "\n".join(rows)


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


def check_examples(linter: Linter, rules: list[RuleDef]) -> list[str]:
    """One line per example that does not behave as its rule file says."""
    failures = []
    for rule in rules:
        for kind, examples, should_fire in (("fail", rule.fail_examples, True), ("pass", rule.pass_examples, False)):
            for number, text in enumerate(examples, 1):
                fired = rule.code in {f.code for f in linter.lint_text(text).findings}
                if fired != should_fire:
                    verdict = "does not fire" if should_fire else "fires"
                    failures.append(f"{rule.source}: {rule.code} {kind} example {number} {verdict}: {text[:60]!r}")
    return failures
