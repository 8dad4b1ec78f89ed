"""The command line as a user runs it: output formats, exit codes, stdin, folders, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAD = EXAMPLES / "late-delivery.txt"
CORPUS = EXAMPLES.parent / "corpus"
GOOD = EXAMPLES / "late-delivery-better.txt"


def test_text_report_points_at_the_span(cli):
    code, out, _ = cli(str(BAD))
    assert code == 1
    assert f"{BAD}:3:1: HL103 [error]" in out
    lines = out.splitlines()
    first = lines.index(next(line for line in lines if "HL101" in line))
    assert lines[first + 1].startswith(" 3 | Due to a warehouse system upgrade")
    underline = lines[first + 2]
    assert underline.index("^") - underline.index("|") - 2 == lines[first + 1].index("We have refunded") - 5
    assert lines[first + 3].strip().startswith("= help:")
    assert "moves: EXPLANATION → FIX → NON-APOLOGY" in out
    assert out.rstrip().endswith("1 file checked: 4 errors, 2 warnings, 0 info.")


def test_clean_draft_exits_zero(cli):
    code, out, _ = cli(str(GOOD))
    assert code == 0
    assert "moves: APOLOGY → EMPATHY → FIX" in out


def test_no_colour_when_piped(cli):
    _, out, _ = cli(str(BAD))
    assert "\x1b[" not in out


def test_json_report_schema(cli):
    code, out, _ = cli("--format", "json", str(BAD), str(GOOD))
    report = json.loads(out)
    assert code == 1
    assert report["schema"] == 1 and isinstance(report["heartlint"], str)
    assert report["summary"] == {"files": 2, "error": 4, "warning": 2, "info": 0}
    bad = report["files"][0]
    assert bad["path"] == str(BAD) and bad["incident"] is True and bad["error"] is None
    assert [m["move"] for m in bad["moves"]] == ["explanation", "fix", "fix", "non-apology"]
    text = BAD.read_text()
    for finding in bad["findings"]:
        assert set(finding) >= {
            "rule",
            "code",
            "severity",
            "message",
            "help",
            "line",
            "column",
            "end_line",
            "end_column",
            "start",
            "end",
            "excerpt",
        }
        assert text[finding["start"] : finding["end"]] == finding["excerpt"]
        line_text = text.splitlines()[finding["line"] - 1]
        assert line_text[finding["column"] - 1 :].startswith(finding["excerpt"].splitlines()[0])
    fix = next(f for f in bad["findings"] if f["code"] == "HL101")
    assert fix["rule"] == "fix-before-apology" and fix["excerpt"] == "We have refunded"
    assert report["files"][1]["findings"] == []


def test_fail_on_levels(cli):
    assert cli("--fail-on", "error", str(GOOD))[0] == 0
    draft = "I'm so sorry about the outage. Everything is working again."
    path = EXAMPLES.parent / "tests" / "_tmp_warning_only.txt"
    try:
        path.write_text(draft)
        assert cli(str(path))[0] == 0
        assert cli("--fail-on", "warning", str(path))[0] == 1
    finally:
        path.unlink()


def test_stdin(cli, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.read_bytes())))
    code, out, _ = cli("-", "--format", "json")
    assert code == 1
    assert json.loads(out)["files"][0]["path"] == "-"


def test_folder_is_searched_recursively(cli, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "one.txt").write_text(BAD.read_text())
    (tmp_path / "two.md").write_text(GOOD.read_text())
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, out, _ = cli("--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert code == 1
    assert paths == [str(tmp_path / "a" / "b" / "one.txt"), str(tmp_path / "two.md")]


def test_glob(cli):
    _code, out, _ = cli("--format", "json", str(EXAMPLES / "late-*.txt"))
    assert len(json.loads(out)["files"]) == 2


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty draft"),
        (b"   \n\n  ", "empty draft"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"Sorry for the d\xe9lai \xff\xfe", "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_the_rest_is_linted(cli, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, out, err = cli(str(bad), str(GOOD))
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert "moves: APOLOGY → EMPATHY → FIX" in out


def test_missing_path(cli):
    code, out, err = cli("--format", "json", "no/such/draft.txt", str(GOOD))
    report = json.loads(out)
    assert code == 2
    assert report["files"][0]["error"] == "no such file or directory"
    assert report["files"][1]["error"] is None
    assert "no/such/draft.txt: no such file or directory" in err


def test_usage_error_is_one_line(cli):
    code, _, err = cli("--format", "yaml", str(GOOD))
    assert code == 2
    assert err.startswith("heartlint: error:") and err.count("\n") == 1


def test_rules_and_explain(cli):
    code, out, _ = cli("rules")
    assert code == 0
    assert out.count("\n") == 12 and "HL101  fix-before-apology" in out
    code, out, _ = cli("explain", "hl401")
    assert code == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in out
    code, _, err = cli("explain", "HL999")
    assert code == 2 and "unknown rule" in err


def test_console_script_runs():
    done = subprocess.run(
        [sys.executable, "-c", "from heartlint.cli import entry; entry()", str(BAD)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "HL101" in done.stdout and done.stderr == ""


def test_the_process_ends_only_after_its_whole_report_is_out(tmp_path):
    """`python3 -m heartlint` skips the interpreter's teardown (os._exit): a long report piped to
    another program still arrives whole, with every exit code."""
    folder = CORPUS / "wild-j"
    done = subprocess.run(
        [sys.executable, "-m", "heartlint", "--isolated", "--format", "json", str(folder), str(tmp_path / "gone.txt")],
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 2 and len(report["files"]) == 36 and len(done.stdout) > 50_000
    assert "gone.txt" in done.stderr


def test_colour_when_asked(cli):
    _, out, _ = cli("--color", "always", str(BAD))
    assert "\x1b[" in out
    _, out, _ = cli("--color", "never", str(BAD))
    assert "\x1b[" not in out


def test_long_lines_are_shown_as_a_window_around_the_span(cli, tmp_path):
    draft = tmp_path / "long.txt"
    draft.write_text("x " * 400 + "We have refunded you after the delay.\tThanks " + "y " * 400)
    _, out, _ = cli("--incident", "always", str(draft))  # the display, whatever the incident model says
    block = out.splitlines()
    fix = block.index(next(line for line in block if "HL101" in line))
    shown, underline = block[fix + 1], block[fix + 2]
    assert len(shown) < 260 and "…" in shown
    assert shown[underline.index("^") :].startswith("We have refunded")


def test_unlistable_folder_is_reported_and_the_rest_linted(cli, monkeypatch, tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD.read_text())
    real_walk = __import__("os").walk

    def walk(top, onerror=None, followlinks=False):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, followlinks=followlinks)

    monkeypatch.setattr("heartlint.reading.paths.os.walk", walk)
    code, out, err = cli(str(tmp_path))
    assert code == 2
    assert f"{tmp_path / 'locked'}: permission denied: cannot list this folder" in err
    assert "ok.txt: moves: APOLOGY → EMPATHY → FIX" in out
