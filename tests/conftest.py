"""Shared fixtures: one loaded linter for the whole test session (spaCy loads once)."""

from __future__ import annotations

import pytest

from heartlint.analysis.engine import Linter


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="session")
def codes(linter):
    """Rule codes found in a plain-text draft."""

    def found(text: str) -> set[str]:
        return {f.code for f in linter.lint_text(text).findings}

    return found


@pytest.fixture()
def cli(capsys):
    """Run the command line; returns (exit code, stdout, stderr)."""
    from heartlint.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as done:
            main(list(args))
        out, err = capsys.readouterr()
        return done.value.code, out, err

    return run


@pytest.fixture(scope="session")
def patterns(linter) -> Linter:
    """The same pipeline and rule pack with the patterns alone (no tagger, no incident classifier)."""
    return Linter(nlp=linter.nlp, pack=linter.pack, method="patterns")


def _moves_found_by(linter: Linter):
    def found(text: str) -> list[tuple[str, str]]:
        return [(c.move, c.text) for c in linter.lint_text(text).moves]

    return found


@pytest.fixture(scope="session")
def moves(linter):
    """(move, text) pairs of a plain-text draft, in order."""
    return _moves_found_by(linter)


@pytest.fixture(scope="session")
def pattern_moves(patterns):
    """(move, text) pairs the patterns alone find in a plain-text draft, in order."""
    return _moves_found_by(patterns)
