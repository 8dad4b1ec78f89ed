"""Properties that hold for any input: never raise, offsets in range, positions honest, deterministic."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartlint.reading.files import InputError, draft_from_bytes
from heartlint.reading.positions import LineIndex

EMAIL_BITS = [
    "Hi Sam,\n\n",
    "I'm so sorry",
    " we have refunded you.",
    " you should have read the terms.",
    "> quoted blame, you idiots\n",
    "-- \nSig\n",
    "On Mon, 1 Jan 2026, A <a@x.com> wrote:\n",
    "{{first_name}}",
    "[Client Name]",
    "%NAME%",
    "\n\n",
    "Best,\nAna\n",
    "<p>",
    "</div>",
    "😀",
    "עברית",
    "Sorry, but no.",
    "sorry for any inconvenience",
    "\r\n",
    "\t",
    "From: a@b.c\nSent: now\n",
]
drafts = st.lists(st.one_of(st.sampled_from(EMAIL_BITS), st.text(max_size=40)), max_size=25).map("".join)
formats = st.sampled_from(["draft.txt", "draft.eml", "draft.html", "-"])


def lint(linter, data: bytes, name: str):
    try:
        draft = draft_from_bytes(data, "draft", name)
    except InputError as error:
        assert "\n" not in str(error)
        return None
    return linter.lint_drafts([draft])[0]


def check_positions(result) -> None:
    index = LineIndex(result.text)
    for item in [*result.findings, *result.moves]:
        assert 0 <= item.start <= item.end <= len(result.text)
        line, column = index.line_col(item.start)
        excerpt = result.text[item.start : item.end]
        assert index.line_text(line)[column - 1 :].startswith(excerpt.split("\n")[0].rstrip("\r"))


@given(text=drafts, name=formats)
def test_any_text_is_linted_without_raising(linter, text, name):
    result = lint(linter, text.encode("utf-8", "surrogatepass"), name)
    if result is not None:
        check_positions(result)


@given(data=st.binary(max_size=400), name=formats)
def test_any_bytes_give_a_result_or_a_one_line_error(linter, data, name):
    result = lint(linter, data, name)
    if result is not None:
        check_positions(result)


@given(text=drafts)
def test_linting_is_deterministic(linter, text):
    data = text.encode("utf-8", "surrogatepass")
    first, second = lint(linter, data, "draft.txt"), lint(linter, data, "draft.txt")
    if first is None:
        assert second is None
    else:
        assert [(f.code, f.start, f.end) for f in first.findings] == [(f.code, f.start, f.end) for f in second.findings]
        assert first.moves == second.moves
