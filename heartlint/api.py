"""The Python API: lint text or files from your own code, with typed results.

    >>> import heartlint
    >>> result = heartlint.lint_text("We have refunded you. Sorry!")
    >>> [f.code for f in result.findings]
    ['HL101', 'HL102', 'HL301', 'HL303']

Configuration files are not read unless `config=` names one; the command line uses the same
machinery (`Runner`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path

from heartlint.config import ConfigError
from heartlint.model import INCIDENT_MODES, FileResult
from heartlint.reading.files import MAX_BYTES, InputError, draft_from_bytes
from heartlint.runner import Runner, RunOptions


def lint_text(
    text: str,
    *,
    name: str = "draft.txt",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    incident: str = "auto",
    packs: Sequence[str | Path] = (),
    config: str | Path | None = None,
) -> FileResult:
    """Lint one draft given as text; `name`'s suffix sets the format (.txt, .md, .eml, .html).

    A draft that cannot be read (empty, binary, malformed MIME) gives a result with `error` set.
    """
    runner = _runner(_options(select, ignore, incident, packs, config))
    try:
        draft = draft_from_bytes(text.encode("utf-8", "surrogatepass"), name, name, MAX_BYTES * 16)
    except InputError as error:
        return FileResult(path=name, error=str(error))
    return runner.lint_drafts([draft])[0]


def lint_paths(
    paths: Iterable[str | Path],
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    incident: str | None = None,
    packs: Sequence[str | Path] = (),
    config: str | Path | None = None,
    use_config_files: bool = False,
) -> list[FileResult]:
    """Lint files, folders (recursively) and globs, like the command line, one result per draft.

    With `use_config_files=True` each draft's nearest configuration file applies, as in the CLI.
    """
    options = _options(select, ignore, incident, packs, config, isolated=not use_config_files)
    return _runner(options).lint_paths([str(p) for p in paths])


def _options(select, ignore, incident, packs, config, isolated: bool = True) -> RunOptions:
    if incident is not None and incident not in INCIDENT_MODES:
        raise ValueError(f"incident must be one of {', '.join(INCIDENT_MODES)}")
    return RunOptions(
        config=Path(config) if config else None,
        isolated=isolated and config is None,
        packs=tuple(Path(p).resolve() for p in packs),
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore),
        incident=incident,
    )


@functools.lru_cache(maxsize=16)
def _runner(options: RunOptions) -> Runner:
    try:
        return Runner(options)
    except ConfigError as error:
        raise ValueError(str(error)) from None
