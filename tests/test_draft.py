"""What counts as the writer's text: scopes, paragraphs, placeholders, positions."""

from __future__ import annotations

import itertools
from pathlib import Path

from heartlint.analysis.textmap import prepare
from heartlint.reading.draft import Draft
from heartlint.reading.positions import LineIndex

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

REPLY = """Hi Sam,

I'm so sorry your order was late. I know you needed it for the
weekend.

I've refunded the shipping.

Best,
Ana
--
Ana Ruiz | Support | We're sorry if we ever miss a call.

On Tue, Mar 3, 2026 at 9:14 AM Dana Lee <dana@example.com>
wrote:
> You idiots lost my parcel. You should have shipped it on time.
> As I mentioned, this is unacceptable.
"""


def kinds(text: str) -> list[str]:
    return [scope.kind for scope in Draft.from_text(text).scopes]


def test_reply_scopes_are_found():
    assert kinds(REPLY) == ["greeting", "sign-off", "signature", "quote"]


def test_paragraphs_are_only_the_body():
    draft = Draft.from_text(REPLY)
    texts = [REPLY[p.start : p.end] for p in draft.paragraphs()]
    assert texts == [
        "I'm so sorry your order was late. I know you needed it for the\nweekend.",
        "I've refunded the shipping.",
    ]


def test_quoted_blame_produces_no_finding(linter):
    result = linter.lint_text(REPLY)
    assert [f.code for f in result.findings] == []
    assert [c.move for c in result.moves] == ["apology", "empathy", "fix"]


def test_outlook_and_original_message_blocks():
    outlook = "Sorry!\n\nFrom: Dana <d@example.com>\nSent: Monday\nTo: us\nSubject: Late\n\nYou failed.\n"
    assert kinds(outlook) == ["quote"]
    original = "Sorry!\n\n-----Original Message-----\nYou failed.\n"
    assert kinds(original) == ["quote"]


def test_interleaved_quotes_are_cut_out():
    text = "Hi,\n\n> Where is my refund?\n\nI'm so sorry, it was sent today.\n"
    draft = Draft.from_text(text)
    assert [text[p.start : p.end] for p in draft.paragraphs()] == ["I'm so sorry, it was sent today."]


def test_sentence_starting_with_thanks_is_not_a_sign_off():
    text = "Hi Jo,\n\nI'm sorry.\n\nThanks again for your patience while we sorted this out, it means a lot.\n\nAna\n"
    draft = Draft.from_text(text)
    assert "Thanks again for your patience" in " ".join(text[p.start : p.end] for p in draft.paragraphs())


def test_placeholders_are_opaque_names():
    source = "Hi {{first_name}}, your order {order_id} for [Client Name] and %NAME% <<item>> $name"
    mapped = prepare(source, 0, len(source))
    assert "{" not in mapped.text and "[" not in mapped.text and "%" not in mapped.text
    start = mapped.text.index("ABC123")
    assert source[slice(*mapped.source_range(start, start + 6))] == "{order_id}"


def test_placeholders_do_not_break_findings(linter):
    text = (
        "Hi {{first_name}},\n\nWe're so sorry that order {order_id} arrived damaged, [Client Name]. "
        "I know how disappointing that is.\n\nA replacement ships today.\n"
    )
    result = linter.lint_text(text)
    assert result.findings == []
    assert [c.move for c in result.moves] == ["apology", "empathy", "fix"]


def test_wrapped_lines_keep_source_offsets(linter):
    text = "I am very\nsorry.   We have\nrefunded you."
    result = linter.lint_text(text)
    apology = result.moves[0]
    assert apology.move == "apology" and text[apology.start : apology.end] == "I am very\nsorry"


def test_line_index():
    index = LineIndex("ab\ncd\r\nef")
    assert index.line_col(0) == (1, 1)
    assert index.line_col(4) == (2, 2)
    assert index.line_text(2) == "cd"
    assert index.line_col(8) == (3, 2)


def test_section_headings_are_scopes_not_sentences():
    text = "Hi Ana,\n\nI'm so sorry.\n\nWhat happens next\n\nWe will call you.\n\nRisks and issues\n\nNone.\n"
    assert kinds(text).count("heading") == 2
    draft = Draft.from_text(text)
    assert "What happens next" not in " ".join(text[p.start : p.end] for p in draft.paragraphs())


def test_short_personal_lines_are_not_headings():
    text = "Sorry about that\n\nThe refund is on its way.\n"
    assert "heading" not in kinds(text)


def test_a_short_tracker_reply_naming_an_issue_is_not_a_heading():
    text = "Closing as a duplicate of #2210\n\nPlease search before filing.\n"
    assert "heading" not in kinds(text)
    draft = Draft.from_text(text)
    assert "Closing as a duplicate of #2210" in [text[p.start : p.end] for p in draft.paragraphs()]


def test_localized_and_wrapped_quote_headers():
    german = "Es tut mir leid.\n\nAm 03.03.2026 um 09:14 schrieb Dana Lee <dana@example.com>:\n> Ihr seid schuld.\n"
    french = "Sorry!\n\nLe mar. 3 mars 2026 à 09:14, Dana <d@example.fr> a écrit :\n> C'est votre faute.\n"
    wrapped = "Sorry!\n\nOn Tue, Mar 3, 2026 at 9:14 AM Dana Lee <dana@example.com>\nwrote:\nYou failed.\n"
    forwarded = "FYI, sorry.\n\n---------- Forwarded message ---------\nFrom: a@example.com\nYou failed.\n"
    for text in (german, french, wrapped, forwarded):
        quote = [s for s in Draft.from_text(text).scopes if s.kind == "quote"]
        assert quote and text[quote[0].start :].lstrip().startswith(("Am", "Le", "On", "---")), text


def test_a_pasted_header_block_at_the_top_is_a_scope_not_quoted_history():
    text = "To: Mr Lund\nCc: Priya\nSubject: Release 3\n\nDear Erik,\nI am so sorry the release slipped.\n"
    draft = Draft.from_text(text)
    assert [s.kind for s in draft.scopes] == ["headers", "greeting"]
    assert [text[p.start : p.end] for p in draft.paragraphs()] == ["I am so sorry the release slipped."]


def test_quote_headers_are_found_where_mail_parser_reply_finds_them():
    """The quote-header search only tries line starts, newlines and "-----" runs: it must find
    the same header as mail-parser-reply's own regex searched at every character."""
    from heartlint.reading.scopes import _first_reply_header, reply_headers

    texts = [
        REPLY,
        "Sorry.\n\n-----Oprindelig meddelelse-----\nFra: Dana\nSendt: 3. marts 2026\nTil: os\nEmne: Fejl\n",
        "Sorry. -----Oprindelig meddelelse-----\nFra: Dana\nSendt: i går\n",
        "Sorry.\n> On Tue, Mar 3, 2026 Dana wrote:\n> old\n",
        "Sorry.\nFrom: Dana\nSent: Tuesday\nTo: Support\nSubject: late\n\nold text\n",
        "No history here at all, just a reply that mentions From: and wrote: in passing.\n",
        "2026年3月3日(火) 9:14 Dana <d@example.jp>:\n> old\n",
    ]
    texts += [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("**/*.txt"))[::10]]
    for text in texts:
        for after in (0, 5):
            expected = reply_headers().search(text, after)
            found = _first_reply_header(text, after)
            assert (found and (found.span(), found.group())) == (expected and (expected.span(), expected.group()))


INLINE_REPLY = """On Mon, 3 Mar 2026 at 10:02, Dana Lee <dana@example.com> wrote:
> Your update deleted all my notes! You people are useless.

Hi Dana,

I am so sorry, losing your notes is awful. I have restored them from last night's backup.

> And the app is slow too.

We are looking into the slowness today.

Best,
Ana

On Sun, 2 Mar 2026, Ana Ruiz wrote:
> Thanks for your patience.
"""


def test_an_inline_reply_below_the_quote_is_the_writers_text(linter):
    """Bottom-posted and inline replies (mailing lists, trackers' mail): the header and the `>`
    lines are history, the unquoted text after them is the writer's; the older thread quoted at
    the end stays history."""
    draft = Draft.from_text(INLINE_REPLY)
    assert [INLINE_REPLY[p.start : p.end] for p in draft.paragraphs()] == [
        "I am so sorry, losing your notes is awful. I have restored them from last night's backup.",
        "We are looking into the slowness today.",
    ]
    assert kinds(INLINE_REPLY) == ["quote", "quote", "greeting", "quote", "sign-off", "quote"]
    result = linter.lint_text(INLINE_REPLY)
    assert [c.move for c in result.moves][:3] == ["apology", "empathy", "fix"]
    assert [f.code for f in result.findings if f.severity == "error"] == []


def test_a_quote_followed_by_an_unquoted_older_thread_is_all_history():
    text = "Sorry, fixed now.\n\nOn Mon, Bob wrote:\n> broken\n\nOn Sun, Ann wrote:\nolder text, not quoted\n"
    assert kinds(text) == ["quote"]
    assert Draft.from_text(text).scopes[0].start == text.index("On Mon")


def test_an_inline_reply_to_a_nested_quote():
    text = (
        "On Thu, 25 Jun 2026, Tom Berg wrote:\n> On Wed, 24 Jun 2026, Carl Webb wrote:\n> > We released 3.4.12.\n>\n"
        "> Why was it not announced on the list?\n\nI stopped sending those because the automated mails do the job.\n"
    )
    draft = Draft.from_text(text)
    assert [text[p.start : p.end] for p in draft.paragraphs()] == [
        "I stopped sending those because the automated mails do the job."
    ]
    scopes = draft.scopes
    assert all(a.end <= b.start for a, b in itertools.pairwise(scopes))


def test_a_memo_title_above_the_header_block_is_part_of_it():
    """A memo pasted with its title and header lines: the writer's text after them is linted,
    while a one-word reply above an Outlook block stays the reply and the block history."""
    memo = (
        "MEMORANDUM\nTo: All staff\nFrom: Office manager\nRole: Facilities\nDate: 3 March\nRe: Kitchen\n\n"
        "Please wash your cups.\n"
    )
    draft = Draft.from_text(memo)
    assert [s.kind for s in draft.scopes] == ["headers"]
    assert [memo[p.start : p.end] for p in draft.paragraphs()] == ["Please wash your cups."]
    reply = "Thanks\nFrom: Dana\nSent: Tuesday\nTo: Support\nSubject: late\n\nold text\n"
    draft = Draft.from_text(reply)
    assert [reply[p.start : p.end] for p in draft.paragraphs()] == ["Thanks"]


def test_a_long_field_like_line_under_the_headers_stays_the_writers_text():
    text = (
        "To: Dana\nSubject: Your order\n"
        "Note: we have refunded the full amount to your card and I am very sorry for the trouble it caused.\n"
    )
    draft = Draft.from_text(text)
    assert [text[p.start : p.end] for p in draft.paragraphs()] == [text.splitlines()[2]]
