"""Email-aware input: .eml (MIME), HTML drafts, stdin sniffing, positions mapped to the file."""

from __future__ import annotations

import html
import io
import json
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from heartlint.cli import main
from heartlint.evaluate import load_corpus
from heartlint.reading.files import InputError, draft_from_bytes, read_path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "email"


def lint_file(linter, name):
    return linter.lint_drafts([read_path(FIXTURES / name)])[0]


def sequence(result):
    """The moves in order, repeats folded."""
    moves = [c.move for c in result.moves]
    return [m for i, m in enumerate(moves) if i == 0 or moves[i - 1] != m]


def codes(result):
    return sorted({f.code for f in result.findings})


@pytest.mark.parametrize(
    "name,positions",
    [
        ("html-only-gmail.eml", "body"),
        ("outlook-reply.eml", "file"),
        ("nested-forward.eml", "file"),
        ("windows-1252.eml", "file"),
        ("iso-8859-1-qp.eml", "body"),
        ("missing-charset.eml", "file"),
        ("bogus-charset.eml", "body"),
        ("with-attachment.eml", "file"),
    ],
)
def test_good_replies_in_real_shaped_messages_are_clean(linter, name, positions):
    result = lint_file(linter, name)
    assert result.error is None and result.positions == positions
    assert codes(result) == []
    assert sequence(result) == ["apology", "empathy", "fix"]


def test_quoted_client_blame_never_becomes_a_finding(linter):
    for name in ("html-only-gmail.eml", "outlook-reply.eml", "nested-forward.eml", "multipart-alternative.eml"):
        result = lint_file(linter, name)
        assert "blame" not in [c.move for c in result.moves], name
        assert any(scope.kind == "quote" for scope in result.scopes), name


def test_multipart_alternative_prefers_plain_text_and_maps_lines_to_the_file(linter):
    result = lint_file(linter, "multipart-alternative.eml")
    assert codes(result) == ["HL101", "HL102", "HL201", "HL202", "HL301", "HL303"]
    source = (FIXTURES / "multipart-alternative.eml").read_bytes().decode("utf-8")
    fix = next(f for f in result.findings if f.code == "HL101")
    assert result.text == source and source[fix.start : fix.end] == "We have refunded"
    assert source.splitlines()[15].startswith("We have refunded")  # line 16 of the file
    kinds = [s.kind for s in result.scopes]
    assert kinds[0] == "headers" and "mime" in kinds and "quote" in kinds


def test_legacy_charsets_are_decoded_not_garbled(linter):
    assert "crème brûlée" in lint_file(linter, "windows-1252.eml").text
    assert "Müller" in lint_file(linter, "iso-8859-1-qp.eml").text
    assert "café" in lint_file(linter, "bogus-charset.eml").text
    assert "I’m so sorry" in lint_file(linter, "missing-charset.eml").text


def test_attachments_are_ignored(linter):
    result = lint_file(linter, "with-attachment.eml")
    assert "PDF" not in " ".join(c.text for c in result.moves)
    assert codes(result) == []


def test_malformed_mime_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as done:
        main([str(FIXTURES / "broken-boundary.eml"), str(FIXTURES / "outlook-reply.eml")])
    out, err = capsys.readouterr()
    assert done.value.code == 2
    assert "broken-boundary.eml: the message has no text/plain or text/html part" in err
    assert err.count("\n") == 1 and "outlook-reply.eml: moves: APOLOGY" in out


def test_json_reports_positions_and_scopes(capsys):
    with pytest.raises(SystemExit):
        main(["--format", "json", str(FIXTURES / "multipart-alternative.eml"), str(FIXTURES / "html-only-gmail.eml")])
    files = json.loads(capsys.readouterr().out)["files"]
    assert [f["positions"] for f in files] == ["file", "body"]
    quote = next(s for s in files[0]["scopes"] if s["kind"] == "quote")
    assert (quote["line"], quote["end_line"]) == (24, 25)


def test_stdin_with_a_filename_or_sniffed(capsys, monkeypatch):
    data = (FIXTURES / "multipart-alternative.eml").read_bytes()
    for args in (["--stdin-filename", "reply.eml", "-"], ["-"]):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        with pytest.raises(SystemExit) as done:
            main(["--format", "json", *args])
        report = json.loads(capsys.readouterr().out)["files"][0]
        assert done.value.code == 1 and report["positions"] == "file"
        assert "blame" not in [m["move"] for m in report["moves"]]


def test_html_draft_file_with_outlook_history(linter, tmp_path):
    page = tmp_path / "reply.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><p>Hi Jo,</p>"
        "<p>I'm so sorry we missed your delivery slot. I know you waited in all day.</p>"
        "<p>A new slot is booked for Friday.</p><p>Ana</p>"
        "<div id='appendonsend'></div><hr><div id='divRplyFwdMsg'><b>From:</b> Jo<br><b>Sent:</b> Monday</div>"
        "<div>You should have called. Per my last email, this is your fault.</div></body></html>"
    )
    result = linter.lint_drafts([read_path(page)])[0]
    assert result.positions == "text" and codes(result) == []
    assert [c.move for c in result.moves] == ["apology", "empathy", "fix"]


def test_email_that_is_only_quoted_history_is_an_error():
    with pytest.raises(InputError, match="empty draft"):
        draft_from_bytes(b"> You failed.\n> Sorry, but no.\n", "-", "reply.txt")


def _as_eml(text: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.com", "b@example.com", "Re: your order"
    message.set_content(text)
    return bytes(message)


def _as_html(text: str) -> bytes:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f"<html><body>{body}</body></html>".encode()


def test_corpus_drafts_as_eml_and_html_give_the_same_findings(linter):
    corpus = load_corpus()[::3]
    texts = [item.path.read_text(encoding="utf-8") for item in corpus]
    drafts = [draft_from_bytes(t.encode(), str(i.path), "draft.txt") for t, i in zip(texts, corpus, strict=False)]
    emls = [draft_from_bytes(_as_eml(t), str(i.path), "draft.eml") for t, i in zip(texts, corpus, strict=False)]
    pages = [draft_from_bytes(_as_html(t), str(i.path), "draft.html") for t, i in zip(texts, corpus, strict=False)]
    plain, eml, page = (linter.lint_drafts(batch) for batch in (drafts, emls, pages))
    for item, a, b, c in zip(corpus, plain, eml, page, strict=False):
        assert codes(a) == codes(b) == codes(c), item.path


def _message(build) -> bytes:
    message = EmailMessage()
    build(message)
    return message.as_bytes()


@pytest.mark.parametrize(
    "data,body",
    [
        (_message(lambda m: m.set_content("So sorry, the refund is done.")), "So sorry, the refund is done."),
        (
            b"Content-Type: text/plain\nContent-Disposition: inline\n\nSo sorry, inline.\n",
            "So sorry, inline.",
        ),
        (
            b'Content-Type: multipart/related; boundary=XX; start="<b@x>"\n\n--XX\nContent-Type: text/html\n'
            b"Content-ID: <a@x>\n\n<p>Not the root.</p>\n--XX\nContent-Type: text/plain\nContent-ID: <b@x>\n\n"
            b"So sorry, the root part.\n--XX--\n",
            "So sorry, the root part.",
        ),
    ],
)
def test_the_body_part_is_chosen_as_the_mime_standard_says(data, body):
    draft = draft_from_bytes(data, "message.eml", "message.eml")
    assert [draft.text[p.start : p.end] for p in draft.paragraphs()] == [body]


@pytest.mark.parametrize("disposition", ["attachment; filename=notes.txt", "ATTACHMENT"])
def test_a_message_whose_only_text_is_an_attachment_is_a_clear_error(disposition):
    data = f"Content-Type: text/plain\nContent-Disposition: {disposition}\n\nattached notes\n".encode()
    with pytest.raises(InputError, match="no text/plain or text/html part"):
        draft_from_bytes(data, "message.eml", "message.eml")


THUNDERBIRD_BELOW_QUOTE = (
    "<html><body>"
    '<div class="moz-cite-prefix">On 3/3/26 10:02, Dana Lee wrote:<br></div>'
    '<blockquote type="cite" cite="mid:1@example.com">You lost my parcel. This is your fault, not mine.</blockquote>'
    "<p>Hi Dana,</p><p>I'm so sorry your parcel went missing. I know you needed it for the weekend.</p>"
    "<p>A replacement went out this morning by express courier.</p><p>Sam</p></body></html>"
)


def test_a_reply_written_below_the_quote_in_html_is_linted(linter, tmp_path):
    """Thunderbird starts replies below the quote by default: its "On … wrote:" line and the
    blockquote are history, the paragraphs after them are the writer's reply."""
    page = tmp_path / "reply.html"
    page.write_text(THUNDERBIRD_BELOW_QUOTE)
    result = linter.lint_drafts([read_path(page)])[0]
    assert [c.move for c in result.moves] == ["apology", "empathy", "fix"]
    assert codes(result) == []
    quoted = [result.text[s.start : s.end] for s in result.scopes if s.kind == "quote"]
    assert any("Dana Lee wrote" in q for q in quoted) and any("your fault" in q for q in quoted)


def test_a_blockquote_with_bare_text_is_quoted(linter, tmp_path):
    page = tmp_path / "reply.html"
    page.write_text(
        "<html><body><p>We have refunded your order.</p>"
        "<blockquote>I am so sorry to bother you again about this.</blockquote></body></html>"
    )
    result = linter.lint_drafts([read_path(page)])[0]
    assert [c.move for c in result.moves] == ["fix"]


@pytest.mark.parametrize(
    "header",
    [
        "<p>On Mar 3, 2026, at 10:02, Dana Lee &lt;dana@example.com&gt; wrote:</p>",
        "<div>Am 03.03.2026 um 10:02 schrieb Dana Lee:</div><br>",
    ],
)
def test_a_reply_header_above_a_blockquote_is_quoted_too(linter, tmp_path, header):
    """Apple Mail and others put "On … wrote:" in a plain block above the blockquote; a reply
    written below them is the writer's text, and the header is not."""
    page = tmp_path / "reply.html"
    page.write_text(
        f"<html><body>{header}<blockquote type='cite'><p>You lost my parcel. Your fault.</p></blockquote>"
        "<p>Hi Dana,</p><p>I'm so sorry your parcel went missing. I know you needed it for the weekend.</p>"
        "<p>A replacement went out this morning.</p><p>Sam</p></body></html>"
    )
    result = linter.lint_drafts([read_path(page)])[0]
    assert [c.move for c in result.moves] == ["apology", "empathy", "fix"]
    assert [p for p in result.sentences if "Dana Lee" in p.text] == []
