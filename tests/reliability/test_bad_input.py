"""The bad-input matrix: each gives one clear line for that file, exit 2, and the rest is linted."""

from __future__ import annotations

import base64
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

GOOD = Path(__file__).resolve().parents[2] / "examples" / "late-delivery-better.txt"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "I am sorry " * 50)
    return buffer.getvalue()


BAD_INPUTS = {
    "empty.txt": (b"", "empty draft"),
    "spaces.txt": (b" \n\t\n  \n", "empty draft"),
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    "archive.zip": (zip_bytes(), "binary file"),
    "nul.txt": (b"I'm sorry\x00we refunded you", "binary file"),
    "latin1.txt": ("I’m sorry for the délai".encode("cp1252"), "not valid UTF-8"),
    "mixed.txt": ("Sorry — ".encode() + "café".encode("latin-1"), "not valid UTF-8"),
    "quoted-only.eml": (b"From: a@example.com\nTo: b@example.com\n\n> You failed.\n> Sorry, but no.\n", "empty draft"),
    "no-body.eml": (
        b"From: a@example.com\nContent-Type: multipart/mixed; boundary=zz\n\n--zz--\n",
        "no text/plain or text/html part",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_matrix(cli, tmp_path, name):
    data, message = BAD_INPUTS[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    code, out, err = cli(str(bad), str(GOOD))
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert "late-delivery-better.txt: moves: APOLOGY → EMPATHY → FIX" in out


def test_huge_file_is_refused_quickly_and_the_limit_is_configurable(cli, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    code, _, err = cli(str(big), str(GOOD))
    assert code == 2 and "larger than the 1 MB limit" in err
    small = tmp_path / "small.txt"
    small.write_text(GOOD.read_text())
    code, _, err = cli("--max-size", "100", str(small))
    assert code == 2 and "larger than the 100 bytes limit" in err


def test_a_20000_line_paragraph_and_a_1_mb_line(cli, tmp_path):
    paragraph = tmp_path / "paragraph.txt"
    paragraph.write_text("Sorry it was late, we refunded you.\n" * 20_000)
    line = tmp_path / "line.txt"
    line.write_text(("We refunded the late order and we are sorry. " * 22_000)[:1_000_000])
    code, out, err = cli("--format", "json", "--max-size", "2MB", str(paragraph), str(line))
    files = json.loads(out)["files"]
    assert code == 1 and err == ""
    assert all(f["error"] is None and f["incident"] for f in files)
    assert all(0 <= m["start"] < m["end"] <= 1_000_000 for f in files for m in f["moves"])


def test_malformed_mime_variants_do_not_crash(cli, tmp_path):
    truncated = base64.b64encode(b"Hi,\n\nI'm so sorry your order is late.\n")[:-7]
    cases = {
        "truncated-base64.eml": b"From: a@example.com\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
        + truncated
        + b"\n",
        "headers-only.eml": b"From: a@example.com\nSubject: hi\n",
        "garbage-header.eml": b"\x01\x02 not a header\n\nI'm so sorry the parcel was late.\n",
        "broken-boundary.eml": (
            b'Content-Type: multipart/alternative; boundary="x"\n\n--y\nContent-Type: text/plain\n\nSorry!\n'
        ),
    }
    paths = []
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    _code, out, err = cli(*paths, str(GOOD))
    assert "Traceback" not in err and all(line.startswith("heartlint: ") for line in err.splitlines())
    assert "late-delivery-better.txt: moves:" in out


def test_symlink_loop_and_missing_path(cli, tmp_path):
    os.symlink(tmp_path / "b", tmp_path / "a.txt")
    os.symlink(tmp_path / "a.txt", tmp_path / "b")
    code, out, err = cli(str(tmp_path / "a.txt"), str(tmp_path / "nope.txt"), str(GOOD))
    assert code == 2
    assert "a.txt: cannot read" in err and "nope.txt: no such file or directory" in err
    assert "late-delivery-better.txt: moves:" in out


@pytest.mark.parametrize(
    "text",
    [
        "Lo siento mucho por el retraso de su pedido. Hemos reembolsado el envío y llegará mañana. Gracias.",
        "Es tut mir sehr leid, dass Ihre Bestellung zu spät kam. Wir haben die Versandkosten erstattet.",
        "非常抱歉您的订单延误了。我们已经退还了运费，明天会送到。谢谢您的耐心等待。",
    ],
)
def test_non_english_drafts_get_a_notice_and_no_findings(linter, text):
    result = linter.lint_text(text)
    assert result.findings == [] and any("English" in notice for notice in result.notices)


def test_emoji_and_right_to_left_text_keep_positions(linter):
    text = (
        "Hi Noor 😀,\n\nשלום! I'm so sorry 🙈 your order was late — I know you needed it.\n\nWe have refunded you 👍.\n"
    )
    result = linter.lint_text(text)
    assert [c.move for c in result.moves] == ["apology", "empathy", "fix"]
    assert all(text[c.start : c.end] == c.text for c in result.moves)


def test_files_are_never_written(cli, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD.read_text())
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()}
    cli("--format", "json", str(tmp_path))
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.iterdir()} == before
