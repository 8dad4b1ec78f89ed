"""Integrations: the sendmail wrapper for mutt, pre-commit, and the plain git hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BAD_MESSAGE = (
    b"From: sam@shop.example\r\nTo: dana@example.com\r\nSubject: Re: order\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nHi Dana,\r\n\r\nWe have refunded you. "
    b"As I mentioned, the courier lost it.\r\n\r\nSam\r\n\r\nOn Mon, Dana wrote:\r\n> where is it\r\n"
)
GOOD_MESSAGE = (
    b"From: sam@shop.example\r\nTo: dana@example.com\r\nSubject: Re: order\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nHi Dana,\r\n\r\nI'm so sorry your order was late, "
    b"I know you needed it for the weekend.\r\n\r\nWe have refunded the shipping.\r\n\r\nSam\r\n"
    b"\xe2\x80\x94 caf\xc3\xa9 \x00 byte-exact\r\n"
)


def fake_sendmail(tmp_path: Path) -> Path:
    script = tmp_path / "sendmail"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(tmp_path / 'sent')!r}, 'wb').write(sys.stdin.buffer.read())\n"
        f"open({str(tmp_path / 'args')!r}, 'w').write(' '.join(sys.argv[1:]))\n"
    )
    script.chmod(0o755)
    return script


def wrap(tmp_path: Path, message: bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "heartlint.service.sendmail", str(fake_sendmail(tmp_path)), "-oem", "-oi"]
    return subprocess.run(command, input=message, capture_output=True, env={**os.environ, **(env or {})})


def test_sendmail_wrapper_blocks_error_findings(tmp_path):
    done = wrap(tmp_path, BAD_MESSAGE)
    assert done.returncode == 1 and not (tmp_path / "sent").exists()
    err = done.stderr.decode()
    assert err.startswith("heartlint: not sent.") and "HL101" in err and "HL401" in err and "Traceback" not in err


def test_sendmail_wrapper_passes_the_message_through_byte_for_byte(tmp_path):
    done = wrap(tmp_path, GOOD_MESSAGE)
    assert done.returncode == 0
    assert (tmp_path / "sent").read_bytes() == GOOD_MESSAGE
    assert (tmp_path / "args").read_text() == "-oem -oi"


def test_sendmail_wrapper_can_be_overridden(tmp_path):
    assert wrap(tmp_path, BAD_MESSAGE, {"HEARTLINT_SEND_ANYWAY": "1"}).returncode == 0
    assert (tmp_path / "sent").read_bytes() == BAD_MESSAGE


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "heartlint")
    assert hook["entry"] == "heartlint" and hook["language"] == "python"
    import re

    assert re.search(hook["files"], "templates/refund.md") and not re.search(hook["files"], "src/app.py")


def test_git_pre_commit_hook_blocks_bad_templates(tmp_path):
    git = shutil.which("git")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
    }
    subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
    hook = tmp_path / ".git" / "hooks" / "pre-commit"
    shutil.copy(EXAMPLES / "hooks" / "pre-commit", hook)
    hook.chmod(0o755)
    shutil.copy(EXAMPLES / "late-delivery-better.txt", tmp_path / "good.txt")
    subprocess.run([git, "add", "good.txt"], cwd=tmp_path, check=True)
    assert subprocess.run([git, "commit", "-qm", "good"], cwd=tmp_path, env=env, capture_output=True).returncode == 0
    shutil.copy(EXAMPLES / "late-delivery.txt", tmp_path / "bad.md")
    subprocess.run([git, "add", "bad.md"], cwd=tmp_path, check=True)
    blocked = subprocess.run([git, "commit", "-qm", "bad"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert blocked.returncode == 1 and "bad.md:3:1: HL103 [error]" in blocked.stdout + blocked.stderr
