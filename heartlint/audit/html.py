"""The audit as a self-contained HTML page: charts drawn with Altair and rendered to inline SVG
by vl-convert (nothing is fetched when the page is opened), and the summary table."""

from __future__ import annotations

import html
import re
from typing import Any

from heartlint import __version__
from heartlint.analysis.packs import RuleDef
from heartlint.audit.run import Audit, GroupCounts

MONTH = re.compile(r"^\d{4}-\d{2}$")
WIDTH = 560


def _svg(spec: dict[str, Any]) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)


def _rates(counts: GroupCounts, rules: list[RuleDef], group: str = "") -> list[dict[str, Any]]:
    return [
        {"rule": f"{r.code} {r.id}", "share": counts.rules.get(r.code, 0) / counts.incident, "group": group}
        for r in rules
        if counts.incident
    ]


def rule_chart(audit: Audit, rules: list[RuleDef]) -> dict[str, Any]:
    import altair as alt

    data = alt.Data(values=_rates(audit.total, rules))
    chart = alt.Chart(data, title="Share of incident replies each rule flags", width=WIDTH)
    return (
        chart.mark_bar(color="#c62828")
        .encode(x=alt.X("share:Q", axis=alt.Axis(format="%"), title=None), y=alt.Y("rule:N", sort=None, title=None))
        .to_dict()
    )


def group_chart(audit: Audit, rules: list[RuleDef], group_by: str | None) -> dict[str, Any]:
    """Over time (a line per rule) when the groups are months, else a heatmap of groups by rules."""
    import altair as alt

    values = [row for name, counts in sorted(audit.groups.items()) for row in _rates(counts, rules, name)]
    data = alt.Data(values=values)
    if all(MONTH.match(name) for name in audit.groups):
        chart = alt.Chart(data, title="Rule rates over time", width=WIDTH)
        return (
            chart.mark_line(point=True)
            .encode(
                x=alt.X("group:O", title=None),
                y=alt.Y("share:Q", axis=alt.Axis(format="%"), title="incident replies flagged"),
                color=alt.Color("rule:N", title=None),
            )
            .to_dict()
        )
    chart = alt.Chart(data, title=f"Rule rates by {group_by}", width=WIDTH)
    return (
        chart.mark_rect()
        .encode(
            x=alt.X("rule:N", sort=None, title=None),
            y=alt.Y("group:N", title=None),
            color=alt.Color("share:Q", scale=alt.Scale(scheme="reds"), legend=alt.Legend(format="%")),
        )
        .to_dict()
    )


def score_chart(audit: Audit) -> dict[str, Any]:
    import altair as alt

    values = [
        {"score": f"{low}–{low + 9 if low < 90 else 100}", "replies": audit.total.scores.get(low, 0)}
        for low in range(0, 100, 10)
    ]
    chart = alt.Chart(alt.Data(values=values), title="Heart scores of incident replies", width=WIDTH)
    return (
        chart.mark_bar(color="#2e7d32")
        .encode(x=alt.X("score:O", sort=None, title="heart score"), y=alt.Y("replies:Q", title=None))
        .to_dict()
    )


def render(audit: Audit, rules: list[RuleDef], group_by: str | None, summary: str) -> str:
    charts = [rule_chart(audit, rules), score_chart(audit)]
    if audit.groups:
        charts.insert(1, group_chart(audit, rules, group_by))
    figures = "\n".join(f'<figure class="chart">{_svg(spec)}</figure>' for spec in charts)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>heartlint audit</title>
<style>
body {{ font: 15px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.4em; }} .chart {{ margin: 1.5em 0; }} pre {{ background: #f6f6f6; padding: 1em; overflow-x: auto; }}
</style></head><body>
<h1>heartlint audit</h1>
<p>{html.escape(summary.splitlines()[0])}</p>
{figures}
<h2>Summary</h2>
<pre>{html.escape(summary)}</pre>
<p><small>heartlint {html.escape(__version__)}</small></p>
</body></html>
"""
