"""One self-contained HTML page for editors reviewing a template library.

A table of drafts (sortable by heart score, path and findings), then each draft with its
sentences coloured by move, its findings beside it, and a "heart → head" timeline of the moves
with the TextBlob tone of each sentence. No network assets: styles and script are inline.
"""

from __future__ import annotations

import html
from collections import Counter

from heartlint import __version__
from heartlint.analysis.tone import polarity
from heartlint.model import FileResult
from heartlint.reading.positions import LineIndex
from heartlint.reports.score import heart_score
from heartlint.reports.summary import move_sequence, severity_counts

MOVE_COLOURS = {
    "apology": "#2e7d32",
    "empathy": "#00838f",
    "fix": "#1565c0",
    "explanation": "#ef6c00",
    "blame": "#c62828",
    "non-apology": "#ad1457",
    "grovel": "#6a1b9a",
}
OTHER_COLOUR = "#546e7a"

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1c2733;background:#f6f7f9}
header{background:#1c2733;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
main{padding:20px 28px;max-width:1200px}table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:7px 10px;border-bottom:1px solid #e3e6ea;text-align:left}
th{cursor:pointer;user-select:none;background:#eef1f4}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.score{font-weight:700}
.draft{background:#fff;margin:22px 0;padding:16px 20px;border-radius:8px;box-shadow:0 1px 3px #0002}
.draft h2{font-size:17px;margin:0 0 8px}.cols{display:flex;gap:24px;flex-wrap:wrap}.text{flex:2 1 420px}
.findings{flex:1 1 280px;font-size:14px}.sentence{padding:1px 2px;border-left:4px solid transparent}
.legend span,.chip{display:inline-block;color:#fff;border-radius:10px;padding:1px 9px;margin:2px;font-size:12px}
.timeline{display:flex;align-items:flex-end;gap:3px;margin:10px 0;min-height:46px}
.bar{width:14px;border-radius:3px 3px 0 0}
.error{color:#c62828}.warning{color:#ef6c00}.info{color:#1565c0}.muted{color:#6b7785}
p.para{margin:0 0 10px;white-space:pre-wrap}
"""

SCRIPT = """
document.querySelectorAll('th[data-key]').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0], key = th.dataset.key;
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key], nx = parseFloat(x), ny = parseFloat(y);
      var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? cmp : -cmp;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""


def render(results: list[FileResult]) -> str:
    """The whole report page."""
    counts = severity_counts(results)
    rules = Counter(f.code for r in results for f in r.findings)
    rows = "".join(_row(i, r) for i, r in enumerate(results))
    legend = "".join(f'<span style="background:{c}">{m}</span>' for m, c in MOVE_COLOURS.items())
    sections = "".join(_draft(i, r) for i, r in enumerate(results))
    frequent = ", ".join(f"{code} ({n})" for code, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>heartlint report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body><header><h1>heartlint report</h1><div>{len(results)} drafts · {counts["error"]} errors ·
{counts["warning"]} warnings · {counts["info"]} info · heartlint {html.escape(__version__)}</div></header>
<main><p class="muted">Most frequent rules: {html.escape(frequent or "none")}</p>
<p class="legend">{legend}</p>
<table id="drafts"><thead><tr><th data-key="path">Draft</th><th data-key="score">Heart score</th>
<th data-key="errors">Errors</th><th data-key="warnings">Warnings</th><th data-key="rules">Rules</th></tr></thead>
<tbody>{rows}</tbody></table>{sections}</main><script>{SCRIPT}</script></body></html>
"""


def _row(index: int, result: FileResult) -> str:
    score = heart_score(result)
    errors = sum(f.severity == "error" for f in result.findings)
    warnings = sum(f.severity == "warning" for f in result.findings)
    codes = " ".join(sorted({f.code for f in result.findings}))
    shown = "unreadable" if score is None else str(score)
    return (
        f'<tr data-path="{_attr(result.path)}" data-score="{-1 if score is None else score}" '
        f'data-errors="{errors}" data-warnings="{warnings}" data-rules="{_attr(codes)}">'
        f'<td><a href="#draft-{index}">{html.escape(result.path)}</a></td><td class="score">{shown}</td>'
        f"<td>{errors}</td><td>{warnings}</td><td>{html.escape(codes)}</td></tr>"
    )


def _draft(index: int, result: FileResult) -> str:
    head = f'<section class="draft" id="draft-{index}"><h2>{html.escape(result.path)}</h2>'
    if result.error:
        return head + f'<p class="error">Could not be read: {html.escape(result.error)}</p></section>'
    status = f"moves: {html.escape(move_sequence(result))}" if result.incident else "not an incident reply"
    notes = "".join(f'<p class="muted">notice: {html.escape(n)}</p>' for n in result.notices)
    return (
        head + f'<p class="muted">heart score {heart_score(result)} · {status}</p>{notes}'
        f'<div class="timeline" title="heart → head: each bar is a sentence, coloured by its first move; '
        f'height is its TextBlob polarity">{_timeline(result)}</div>'
        f'<div class="cols"><div class="text">{_text(result)}</div>'
        f'<div class="findings">{_findings(result)}</div></div></section>'
    )


def _first_move(result: FileResult, start: int, end: int) -> str | None:
    return next((c.move for c in result.moves if start <= c.start < end), None)


def _timeline(result: FileResult) -> str:
    bars = []
    for sentence in result.sentences:
        move = _first_move(result, sentence.start, sentence.end)
        tone = polarity(sentence.text)
        colour = MOVE_COLOURS.get(move or "", OTHER_COLOUR if move else "#cfd6dd")
        bars.append(
            f'<div class="bar" style="height:{8 + int((tone + 1) * 19)}px;background:{colour}" '
            f'title="{_attr(move or "no move")}: tone {tone:+.2f} — {_attr(sentence.text[:80])}"></div>'
        )
    return "".join(bars) or '<span class="muted">no sentences</span>'


def _text(result: FileResult) -> str:
    parts, position = [], 0
    for sentence in result.sentences:
        if sentence.start < position:
            continue
        parts.append(html.escape(result.text[position : sentence.start]))
        move = _first_move(result, sentence.start, sentence.end)
        colour = MOVE_COLOURS.get(move or "", OTHER_COLOUR)
        style = f' style="border-left-color:{colour};background:{colour}1a"' if move else ""
        parts.append(f'<span class="sentence" data-move="{move or ""}"{style}>{html.escape(sentence.text)}</span>')
        position = sentence.end
    parts.append(html.escape(result.text[position:]))
    return f'<p class="para">{"".join(parts)}</p>'


def _findings(result: FileResult) -> str:
    if not result.findings:
        return '<p class="muted">No findings.</p>'
    index = LineIndex(result.text)
    items = "".join(
        f'<li><b class="{f.severity}">{f.code}</b> line {index.line_col(f.start)[0]}: '
        f'{html.escape(f.message)}<br><span class="muted">{html.escape(f.help)}</span></li>'
        for f in result.findings
    )
    return f"<ul>{items}</ul>"


def _attr(text: str) -> str:
    return html.escape(text, quote=True)
