"""The project's own habits: ruff (lint and format), mypy and the import layers are clean."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "heartlint", "tests", "bench", "integrations"),
        ("ruff", "format", "--check", "heartlint", "tests", "bench", "integrations"),
        ("mypy",),
        ("lint-imports",),
    ],
    ids=["ruff-check", "ruff-format", "mypy", "import-layers"],
)
def test_tool_finds_nothing(command):
    done = _run(*command)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_shows_its_stages():
    top_modules = sorted(p.name for p in (ROOT / "heartlint").glob("*.py"))
    assert len(top_modules) <= 8, top_modules
    for stage in ("reading", "analysis", "reports", "service"):
        assert (ROOT / "heartlint" / stage / "__init__.py").is_file()


def test_every_package_is_in_the_wheel():
    from heartlint.analysis.packs import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "heartlint").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
