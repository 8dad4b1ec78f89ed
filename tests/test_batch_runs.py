"""Checking whole template libraries: ignore files, include/exclude, worker processes, cache, progress."""

from __future__ import annotations

import gc
import json
from pathlib import Path

from heartlint.runner import Runner, RunOptions

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def library(tmp_path: Path) -> Path:
    for folder in ("macros", "macros/drafts", "old"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "macros" / "good.txt").write_text((EXAMPLES / "late-delivery-better.txt").read_text())
    (tmp_path / "macros" / "bad.md").write_text((EXAMPLES / "late-delivery.txt").read_text())
    (tmp_path / "macros" / "drafts" / "wip-1.txt").write_text("x")
    (tmp_path / "old" / "legacy.txt").write_text("x")
    (tmp_path / ".heartlintignore").write_text("# not ours\nold/\nwip-*\n")
    return tmp_path


def paths(out: str) -> list[str]:
    return [Path(f["path"]).name for f in json.loads(out)["files"]]


def test_heartlintignore_include_and_exclude(cli, tmp_path):
    root = library(tmp_path)
    assert paths(cli("--format", "json", str(root))[1]) == ["bad.md", "good.txt"]
    assert paths(cli("--format", "json", "--include", "*.md", str(root))[1]) == ["bad.md"]
    assert paths(cli("--format", "json", "--exclude", "bad*", str(root))[1]) == ["good.txt"]


def test_worker_processes_give_the_same_results_in_the_same_order(cli):
    folder = str(CORPUS / "wild-j")
    _, single, _ = cli("--format", "json", "--jobs", "1", folder)
    _, parallel, _ = cli("--format", "json", "--jobs", "2", folder)
    assert single == parallel and len(json.loads(single)["files"]) == 35


def test_cache_is_reused_and_invalidated(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("HEARTLINT_CACHE_DIR", str(tmp_path / "cache"))
    draft = tmp_path / "d.txt"
    draft.write_text((EXAMPLES / "late-delivery.txt").read_text())
    _, first, _ = cli("--format", "json", "--cache", str(draft))
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    _, second, _ = cli("--format", "json", "--cache", str(draft))
    assert first == second
    entry = json.loads(entries[0].read_text())
    entry["findings"] = []
    entries[0].write_text(json.dumps(entry))
    _, tampered, _ = cli("--format", "json", "--cache", str(draft))
    assert json.loads(tampered)["files"][0]["findings"] == []  # the cache really is read
    draft.write_text(draft.read_text() + "\nThanks again.\n")
    _, changed, _ = cli("--format", "json", "--cache", str(draft))
    assert json.loads(changed)["files"][0]["findings"] and len(list((tmp_path / "cache").rglob("*.json"))) == 2


def test_progress_is_reported_per_chunk():
    seen = []
    runner = Runner(RunOptions(isolated=True))
    runner.progress = lambda done, total: seen.append((done, total))
    runner.lint_paths([str(CORPUS / "wild-j")])
    assert seen[-1] == (35, 35) and seen == sorted(seen)


def test_the_garbage_collector_runs_again_once_the_models_are_loaded(linter, tmp_path):
    """The command line pauses garbage collection for start-up; a batch of thousands of drafts
    must not then run without it."""
    draft = tmp_path / "reply.txt"
    draft.write_text((EXAMPLES / "late-delivery.txt").read_text())
    gc.disable()
    try:
        [result] = Runner(RunOptions(isolated=True), nlp=linter.nlp).lint_paths([str(draft)])
        assert result.findings and gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
