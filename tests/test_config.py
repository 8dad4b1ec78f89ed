"""Configuration files, custom rule packs, suppression comments and check-rules, as a team uses them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

DRAFT = "Hi,\n\nWe have refunded you. As I mentioned, the courier lost it.\n\nSorry about that.\n"


def codes(out: str, index: int = 0) -> list[str]:
    return [f["code"] for f in json.loads(out)["files"][index]["findings"]]


@pytest.fixture()
def team(tmp_path):
    (tmp_path / "templates" / "legacy").mkdir(parents=True)
    (tmp_path / "templates" / "reply.txt").write_text(DRAFT)
    (tmp_path / "templates" / "legacy" / "old.txt").write_text(DRAFT)
    return tmp_path


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text))


def test_nearest_config_select_ignore_severity_and_overrides(cli, team):
    write(
        team / "pyproject.toml",
        """
        [tool.heartlint]
        ignore = ["HL3", "blame"]
        fail-on = "error"
        [tool.heartlint.severity]
        HL101 = "warning"
        [[tool.heartlint.overrides]]
        files = ["templates/legacy/*"]
        select = ["HL2"]
    """,
    )
    write(team / "templates" / "legacy" / ".heartlint.toml", 'select = ["HL401"]\n')
    code, out, _ = cli(
        "--format", "json", str(team / "templates" / "reply.txt"), str(team / "templates" / "legacy" / "old.txt")
    )
    reply = json.loads(out)["files"][0]["findings"]
    assert "HL401" not in codes(out, 0) and not any(c.startswith("HL3") for c in codes(out, 0))
    assert next(f for f in reply if f["code"] == "HL101")["severity"] == "warning"
    assert set(codes(out, 1)) == {"HL401"}  # the nearer .heartlint.toml wins for the legacy folder
    assert code == 1


def test_per_file_ignores_and_cli_overrides(cli, team):
    write(
        team / ".heartlint.toml",
        """
        [per-file-ignores]
        "templates/legacy/*" = ["HL401", "HL1"]
    """,
    )
    _code, out, _ = cli("--format", "json", str(team / "templates"))
    legacy, reply = json.loads(out)["files"]
    assert "HL401" not in [f["code"] for f in legacy["findings"]] and "HL401" in [f["code"] for f in reply["findings"]]
    _, out, _ = cli("--format", "json", "--isolated", "--select", "HL401", str(team / "templates"))
    assert set(codes(out, 0)) == set(codes(out, 1)) == {"HL401"}
    _, out, _ = cli("--format", "json", "--ignore", "HL1,blame", str(team / "templates" / "reply.txt"))
    assert not any(c.startswith("HL1") or c == "HL401" for c in codes(out))


def test_config_fail_on_and_incident(cli, team):
    write(team / ".heartlint.toml", 'fail-on = "info"\nincident = "always"\n')
    (team / "templates" / "note.txt").write_text("I'll send the contract over this afternoon.\n")
    code, out, _ = cli("--format", "json", str(team / "templates" / "note.txt"))
    assert code == 1 and "HL101" in codes(out)
    code, _, _ = cli("--fail-on", "error", "--select", "HL302", str(team / "templates" / "note.txt"))
    assert code == 0


@pytest.mark.parametrize(
    "content,message",
    [
        ('selct = ["HL1"]\n', "unknown key 'selct'"),
        ('fail-on = "fatal"\n', "key 'fail-on' must be one of error, warning, info"),
        ('[severity]\nHL101 = "loud"\n', "key 'severity.HL101' must be one of"),
        ('packs = ["nowhere"]\n', "key 'packs': folder"),
        ('[[overrides]]\nselect = ["HL1"]\n', "overrides[0]: key 'files' is required"),
        ("ignore = \n", "cannot read configuration"),
    ],
)
def test_bad_configuration_is_a_clear_error_naming_file_and_key(cli, team, content, message):
    (team / ".heartlint.toml").write_text(content)
    code, _, err = cli(str(team / "templates" / "reply.txt"))
    assert code == 2 and message in err and ".heartlint.toml" in err and err.count("\n") == 1


def test_explicit_config_file(cli, team, tmp_path_factory):
    other = tmp_path_factory.mktemp("cfg") / "strict.toml"
    other.write_text('select = ["HL202"]\n')
    _, out, _ = cli("--format", "json", "--config", str(other), str(team / "templates" / "reply.txt"))
    assert codes(out) == []
    code, _, err = cli("--config", str(team / "missing.toml"), str(team / "templates" / "reply.txt"))
    assert code == 2 and "configuration file not found" in err


PACK_RULE = """
    code = "AC101"
    id = "house-phrase"
    severity = "warning"
    summary = "A phrase our style guide bans."
    message = "House style: avoid \\"{text}\\""
    help = "Say it plainly."

    [[checks]]
    kind = "forbidden"
    move = "house-phrase"

    [docs]
    what = "Flags phrases our style guide bans."
    why = "They sound cold."
    bad = "Kindly note that your order was late, and I'm sorry."
    good = "I'm sorry your order was late."

    [examples]
    fail = ["Kindly note the refund takes 5 days. Sorry for the wait."]
    pass = ["Sorry for the wait: the refund takes 5 days."]
"""


@pytest.fixture()
def house_pack(tmp_path):
    pack = tmp_path / "house-pack"
    (pack / "cues").mkdir(parents=True)
    (pack / "rules").mkdir()
    write(
        pack / "cues" / "house.toml",
        """
        move = "house-phrase"
        [[patterns]]
        id = "kindly-note"
        phrases = ["kindly note", "per our policy"]
    """,
    )
    write(
        pack / "cues" / "jargon.toml",
        """
        move = "explanation"
        [[patterns]]
        id = "acme-jargon"
        phrases = ["the kraken queue"]
    """,
    )
    write(pack / "rules" / "AC101.toml", PACK_RULE)
    return pack


def test_custom_pack_from_config_adds_moves_rules_and_jargon(cli, team, house_pack):
    write(team / ".heartlint.toml", f'packs = ["{house_pack}"]\n')
    draft = team / "templates" / "jargon.txt"
    draft.write_text("Hi,\n\nKindly note the kraken queue stalled, so your order was late. I'm so sorry.\n")
    _, out, _ = cli("--format", "json", str(draft))
    report = json.loads(out)["files"][0]
    assert "AC101" in codes(out) and "HL103" in codes(out)
    assert [m["move"] for m in report["moves"]][:2] == ["house-phrase", "explanation"]


def test_rules_explain_and_check_rules_for_a_pack(cli, house_pack):
    code, out, _ = cli("rules", "--pack", str(house_pack))
    assert code == 0 and "AC101  house-phrase" in out
    code, out, _ = cli("explain", "house-phrase", "--pack", str(house_pack))
    assert code == 0 and "## Why is this bad?" in out
    code, out, _ = cli("check-rules", str(house_pack))
    assert code == 0 and out.strip().endswith("4 passed, 0 failed")
    rule = house_pack / "rules" / "AC101.toml"
    rule.write_text(rule.read_text().replace('pass = ["Sorry', 'pass = ["Kindly note: sorry'))
    code, out, _ = cli("check-rules", str(house_pack))
    assert code == 1 and "AC101 pass example 2 fires" in out and "3 passed, 1 failed" in out


def test_check_rules_on_the_builtin_pack(cli):
    code, out, _ = cli("check-rules")
    assert code == 0 and out.strip().endswith(" 0 failed")


def test_pack_errors_name_file_rule_and_field(cli, house_pack, team):
    rule = house_pack / "rules" / "AC101.toml"
    rule.write_text(
        rule.read_text()
        .replace('kind = "forbidden"', 'kind = "forbidden"\nmove_x = 1')
        .replace('move = "house-phrase"', 'move = "house-phrases"')
    )
    code, _, err = cli("--pack", str(house_pack), str(team / "templates" / "reply.txt"))
    assert code == 2 and "AC101.toml: rule AC101: unknown move 'house-phrases'" in err
    write(rule, PACK_RULE.replace('code = "AC101"', 'code = "HL101"'))
    code, _, err = cli("--pack", str(house_pack), str(team / "templates" / "reply.txt"))
    assert code == 2 and "'HL101' is already defined" in err


def test_installed_pack_through_the_entry_point_group(cli, monkeypatch, tmp_path, house_pack, team):
    site = tmp_path / "site"
    module = site / "acme_pack"
    module.mkdir(parents=True)
    (module / "__init__.py").write_text("")
    for part in ("cues", "rules"):
        (module / part).mkdir()
        for file in (house_pack / part).iterdir():
            (module / part / file.name).write_text(file.read_text())
    dist = site / "acme_pack-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-pack\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[heartlint.packs]\nacme = acme_pack\n")
    monkeypatch.syspath_prepend(str(site))
    draft = team / "templates" / "note.txt"
    draft.write_text("Kindly note your order was late. I'm so sorry.\n")
    _, out, _ = cli("--format", "json", str(draft))
    assert "AC101" in codes(out)


def test_suppression_comments_in_markdown_and_html(cli, team):
    markdown = team / "templates" / "macro.md"
    markdown.write_text(
        "Hi {{name}},\n\n<!-- heartlint: disable=HL101,HL102 -->\nWe have refunded you.\n<!-- heartlint: enable -->\n\n"
        "I'm so sorry the order was late.\n\n<!-- heartlint: disable=HL401 -->\nThanks!\n"
    )
    page = team / "templates" / "macro.html"
    page.write_text(
        "<p>Hi,</p><!-- heartlint: disable --><p>We have refunded you.</p><!-- heartlint: enable -->"
        "<p>I'm so sorry the order was late.</p>"
    )
    _code, out, _ = cli("--format", "json", str(markdown), str(page))
    md, html = json.loads(out)["files"]
    assert not {"HL101", "HL102"} & {f["code"] for f in md["findings"]}
    assert md["notices"] == ["line 9: 'heartlint: disable=HL401' suppresses nothing"]
    assert any(s["kind"] == "comment" for s in md["scopes"])
    assert "HL101" not in {f["code"] for f in html["findings"]} and html["notices"] == []
    _, out, _ = cli(str(markdown))
    assert "notice: line 9: 'heartlint: disable=HL401' suppresses nothing" in out
