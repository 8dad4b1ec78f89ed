"""`heartlint audit` as a support lead uses it: a year of sent mail or a help-desk export in,
a summary per rule and group out, every message's findings as JSON Lines, bad input counted."""

from __future__ import annotations

import csv
import email.message
import json
import mailbox
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAD = (EXAMPLES / "late-delivery.txt").read_text()
GOOD = (EXAMPLES / "late-delivery-better.txt").read_text()
ORDINARY = "Hi Sam,\n\nCould we move Thursday's call to 3pm? The agenda is attached.\n\nBest,\nAna\n"


def mail(sender: str, body: str, month: str, number: int) -> email.message.EmailMessage:
    message = email.message.EmailMessage()
    message["From"] = sender
    message["To"] = "client@example.com"
    message["Subject"] = "Re: your order"
    message["Date"] = f"Mon, 02 {month} 2026 10:00:00 +0000"
    message["Message-ID"] = f"<m{number}@shop.example>"
    message.set_content(body)
    return message


@pytest.fixture()
def mbox(tmp_path) -> Path:
    path = tmp_path / "sent.mbox"
    box = mailbox.mbox(path)
    bodies = [(BAD, "Jan"), (GOOD, "Jan"), (ORDINARY, "Feb"), (BAD, "Feb")]
    for number, (body, month) in enumerate(bodies):
        box.add(mail("Ana <ana@shop.example>", body, month, number))
    box.add(mail("Bo <bo@shop.example>", BAD, "Mar", 9))
    box.flush()
    return path


def findings_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_mbox_audit_counts_rules_per_month_for_one_sender(cli, mbox, tmp_path):
    out = tmp_path / "findings.jsonl"
    code, summary, _ = cli(
        "audit", str(mbox), "--from", "ana@shop.example", "--group-by", "month", "--output", str(out)
    )
    assert code == 1
    assert summary.startswith("audited 4 messages: 3 incident replies, 1 other mail")
    assert "2026-01" in summary and "2026-02" in summary and "2026-03" not in summary  # Bo's mail left out
    rows = findings_rows(out)
    assert [row["path"] for row in rows] == [
        "<m0@shop.example>",
        "<m1@shop.example>",
        "<m2@shop.example>",
        "<m3@shop.example>",
    ]
    assert rows[2]["incident"] is False and rows[2]["findings"] == []
    assert {f["code"] for f in rows[0]["findings"]} >= {"HL101", "HL103"}
    assert rows[0]["group"] == "2026-01"


def test_a_message_is_linted_exactly_as_the_same_draft_file(cli, mbox, tmp_path):
    out = tmp_path / "findings.jsonl"
    cli("audit", str(mbox), "--output", str(out))
    _, single, _ = cli("--format", "json", str(EXAMPLES / "late-delivery.txt"))
    expected = json.loads(single)["files"][0]
    audited = findings_rows(out)[0]
    assert [(f["code"], f["message"]) for f in audited["findings"]] == [
        (f["code"], f["message"]) for f in expected["findings"]
    ]


def test_jsonl_export_groups_by_agent_and_month_and_counts_bad_rows(cli, tmp_path):
    export = tmp_path / "tickets.jsonl"
    rows = [
        {"id": "T-1", "agent": "kim", "created_at": "2026-03-14T10:00:00", "body": BAD},
        {"id": "T-2", "agent": "lee", "created_at": "2026-04-01T09:00:00", "body": f"<p>{GOOD}</p>"},
    ]
    export.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n" + json.dumps({"id": "T-4"}) + "\n")
    code, summary, _ = cli("audit", str(export), "--group-by", "agent", "--format", "json")
    result = json.loads(summary)
    assert code == 1 and result["messages"] == 2 and set(result["groups"]) == {"kim", "lee"}
    assert [m["path"] for m in result["malformed"]] == [f"{export}:3", "T-4"]
    _, by_month, _ = cli("audit", str(export), "--group-by", "month:created_at", "--format", "json")
    assert set(json.loads(by_month)["groups"]) == {"2026-03", "2026-04"}


def test_csv_export_with_a_named_body_column(cli, tmp_path):
    export = tmp_path / "macros.csv"
    with export.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, ["ticket", "macro", "reply"])
        writer.writeheader()
        writer.writerow({"ticket": "1", "macro": "courier", "reply": BAD})
        writer.writerow({"ticket": "2", "macro": "refund", "reply": GOOD})
    code, summary, _ = cli("audit", str(export), "--body-field", "reply", "--id-field", "ticket", "--group-by", "macro")
    assert code == 1 and "audited 2 messages" in summary and "courier" in summary and "refund" in summary
    code, _, err = cli("audit", str(export))
    assert code == 2 and "no 'body' column" in err and err.count("\n") == 1


def test_maildir_and_eml_folders(cli, tmp_path):
    maildir = mailbox.Maildir(tmp_path / "Sent", create=True)
    maildir.add(mail("ana@shop.example", BAD, "Jan", 1))
    emls = tmp_path / "saved"
    emls.mkdir()
    (emls / "reply.eml").write_bytes(bytes(mail("ana@shop.example", GOOD, "Feb", 2)))
    code, summary, _ = cli("audit", str(tmp_path / "Sent"), str(emls))
    assert code == 1 and summary.startswith("audited 2 messages: 2 incident replies")


def test_an_unreadable_source_is_exit_2_and_the_others_are_still_audited(cli, mbox, tmp_path):
    code, summary, err = cli("audit", str(tmp_path / "missing.mbox"), str(mbox))
    assert code == 2 and "audited 5 messages" in summary
    assert err.strip() == f"heartlint: {tmp_path / 'missing.mbox'}: no such file or folder"
    (tmp_path / "notes.txt").write_text("just some notes\n")
    code, _, err = cli("audit", str(tmp_path / "notes.txt"))
    assert code == 2 and "not an mbox file" in err


def test_an_interrupted_audit_resumes_where_it_stopped(cli, mbox, tmp_path):
    out = tmp_path / "findings.jsonl"
    code, complete, _ = cli("audit", str(mbox), "--group-by", "month", "--output", str(out))
    rows = out.read_text().splitlines()
    out.write_text("\n".join(rows[:2]) + "\n")  # interrupted after two messages
    again_code, resumed, _ = cli("audit", str(mbox), "--group-by", "month", "--output", str(out), "--resume")
    assert (again_code, resumed) == (code, complete)
    assert out.read_text().splitlines() == rows
    out.write_text(rows[1] + "\n")  # a findings file from other sources
    code, _, err = cli("audit", str(mbox), "--output", str(out), "--resume")
    assert code == 2 and "cannot resume" in err


def test_html_report_is_self_contained_with_charts(cli, mbox, tmp_path):
    import re
    import shutil

    code, page, _ = cli("audit", str(mbox), "--group-by", "month", "--format", "html")
    assert code == 1 and page.count("<svg") == 3
    assert "Rule rates over time" in page and "Heart scores of incident replies" in page
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//|url\((?:https?:)?//|<script', page)
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    (tmp_path / "audit.html").write_text(page)
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get((tmp_path / "audit.html").as_uri())
        charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
        assert len(charts) == 3 and all(c.size["width"] > 300 and c.size["height"] > 100 for c in charts)
    finally:
        driver.quit()


def test_a_local_dask_cluster_gives_the_same_audit(cli, mbox, tmp_path):
    alone, spread = tmp_path / "alone.jsonl", tmp_path / "spread.jsonl"
    single = cli("audit", str(mbox), "--group-by", "month", "--output", str(alone))
    code, summary, _ = cli("audit", str(mbox), "--group-by", "month", "--output", str(spread), "--dask", "local:2")
    assert (code, summary) == single[:2]
    assert spread.read_text() == alone.read_text()


def audit_on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run `heartlint audit` with stderr on a pseudo-terminal, as a support lead sees it."""
    main, terminal = os.openpty()
    done = subprocess.Popen(
        [sys.executable, "-m", "heartlint", "audit", *args], stdout=subprocess.PIPE, stderr=terminal, text=True
    )
    os.close(terminal)
    shown = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown.append(chunk)
    out = done.stdout.read() if done.stdout else ""
    code = done.wait()
    os.close(main)
    return code, out, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(shown).decode("utf-8", "replace"))


def test_a_terminal_shows_a_progress_bar_with_the_time_left(mbox):
    code, summary, terminal = audit_on_a_terminal(str(mbox))
    assert code == 1 and summary.startswith("audited 5 messages")
    assert "5/5 messages" in terminal
    assert "━" in terminal  # the bar
    assert terminal.count("0:00:") >= 2  # time spent and time left


def test_with_from_the_progress_counts_messages_without_a_total(mbox):
    code, _, terminal = audit_on_a_terminal(str(mbox), "--from", "ana@shop.example")
    assert code == 1
    assert "4 messages" in terminal and "/5" not in terminal and "━" not in terminal
