"""Rule packs are data: a folder of TOML files, validated at load with errors naming file and field."""

from __future__ import annotations

import shutil

import pytest

from heartlint.analysis.engine import Linter
from heartlint.analysis.packs import PackError, builtin_pack_dir, load_pack


@pytest.fixture()
def pack_copy(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), folder)
    return folder


def test_builtin_pack_has_the_spec_rules():
    pack = load_pack()
    assert [r.code for r in pack.rules] == [
        "HL101",
        "HL102",
        "HL103",
        "HL104",
        "HL201",
        "HL202",
        "HL203",
        "HL204",
        "HL301",
        "HL302",
        "HL303",
        "HL401",
    ]
    assert {"apology", "non-apology", "empathy", "fix", "explanation", "blame", "grovel"} <= set(pack.moves)


def test_a_new_phrase_is_a_data_change(pack_copy, linter):
    text = "Per our house rules, refunds take ten days. Sorry about the wait."
    assert "HL401" not in {f.code for f in linter.lint_text(text).findings}
    blame = pack_copy / "cues" / "blame.toml"
    blame.write_text(blame.read_text() + '\n[[patterns]]\nid = "house-rules"\nphrases = ["per our house rules"]\n')
    custom = Linter(pack=load_pack(pack_copy), nlp=linter.nlp)
    assert "HL401" in {f.code for f in custom.lint_text(text).findings}


@pytest.mark.parametrize(
    "file,addition,message",
    [
        (
            "cues/blame.toml",
            '\n[[patterns]]\nid = "x"\ntokens = [{LOWER = {IN = "@nope"}}]\n',
            "unknown lexicon list '@nope'",
        ),
        ("cues/blame.toml", '\n[[patterns]]\nid = "x"\n', "give exactly one of"),
        ("cues/blame.toml", "\n[[patterns\n", "cannot read rule pack file"),
        ("cues/blame.toml", '\n[[patterns]]\nid = "deflection"\nphrases = ["not our lorry"]\n', "the id is used twice"),
        (
            "rules/HL101.toml",
            '\n[[checks]]\nkind = "order"\nmove = "fix"\nanchor = "sympathy"\n',
            "unknown move 'sympathy'",
        ),
        ("rules/HL101.toml", '\n[[checks]]\nkind = "vibes"\n', "check kind must be one of"),
    ],
)
def test_malformed_packs_are_rejected(pack_copy, file, addition, message):
    path = pack_copy / file
    path.write_text(path.read_text() + addition)
    with pytest.raises(PackError) as error:
        load_pack(pack_copy)
    assert message in str(error.value) and file.split("/")[-1] in str(error.value)


@pytest.mark.parametrize(
    "file,old,new,message",
    [
        ("cues/blame.toml", 'move = "blame"', 'move = "blame"\nmasks = ["apology"]', "only a hidden move can mask"),
        ("cues/courtesy.toml", 'masks = ["apology"]', 'masks = "apology"', "'masks' must be a list of move names"),
        ("cues/courtesy.toml", 'masks = ["apology"]', 'masks = ["apolgy"]', "unknown move 'apolgy' in 'masks'"),
    ],
)
def test_only_hidden_moves_mask_others_and_name_them_in_a_list(pack_copy, file, old, new, message):
    path = pack_copy / file
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(PackError) as error:
        load_pack(pack_copy)
    assert message in str(error.value) and file.split("/")[-1] in str(error.value)


def test_bad_severity_names_the_rule(pack_copy):
    path = pack_copy / "rules" / "HL201.toml"
    path.write_text(path.read_text().replace('severity = "error"', 'severity = "fatal"'))
    with pytest.raises(PackError, match="rule HL201: severity must be one of"):
        load_pack(pack_copy)


def test_invalid_token_pattern_is_rejected_when_compiled(pack_copy, linter):
    path = pack_copy / "cues" / "fix.toml"
    path.write_text(path.read_text() + '\n[[patterns]]\nid = "broken"\ntokens = [{LOWERCASE = "x"}]\n')
    with pytest.raises(PackError, match="pattern 'broken'"):
        Linter(pack=load_pack(pack_copy), nlp=linter.nlp)


@pytest.mark.parametrize("regex", ["(a+)+$", "([a-z]*)*x", "x" * 300, "(unclosed"])
def test_dangerous_or_broken_regexes_are_rejected(pack_copy, regex):
    path = pack_copy / "cues" / "blame.toml"
    path.write_text(path.read_text() + f'\n[[patterns]]\nid = "slow"\ntokens = [{{LOWER = {{REGEX = {regex!r}}}}}]\n')
    with pytest.raises(PackError, match="REGEX"):
        load_pack(pack_copy)
