"""Expand command-line paths (files, folders, globs, "-") into the drafts to lint."""

from __future__ import annotations

import glob
import os
from pathlib import Path

DRAFT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".eml", ".html", ".htm")
STDIN = "-"


def expand(arguments: list[str]) -> list[tuple[str, str | None]]:
    """Each input as (path, error): folders recursively (draft files only), globs expanded.

    Explicitly named files are taken whatever their suffix. A path that matches nothing is
    kept with an error, so the caller can report it and go on with the others.
    """
    inputs: list[tuple[str, str | None]] = []
    for argument in arguments:
        if argument == STDIN:
            inputs.append((STDIN, None))
        elif os.path.isdir(argument):
            found, unreadable = _drafts_below(argument)
            inputs.extend((path, None) for path in sorted(found))
            inputs.extend((path, "permission denied: cannot list this folder") for path in unreadable)
            if not found and not unreadable:
                inputs.append((argument, f"no draft files ({', '.join(DRAFT_SUFFIXES)}) in this folder"))
        elif os.path.lexists(argument):
            inputs.append((argument, None))
        elif glob.has_magic(argument):
            matches = sorted(glob.glob(argument, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            inputs.extend((m, None) for m in files)
            if not files:
                inputs.append((argument, "no files match this pattern"))
        else:
            inputs.append((argument, "no such file or directory"))
    return _unique(inputs)


def _drafts_below(folder: str) -> tuple[list[str], list[str]]:
    """Draft files below a folder (hidden ones and symlinked folders skipped), and the folders
    that could not be listed."""
    found: list[str] = []
    unreadable: list[str] = []
    for root, dirs, files in os.walk(folder, onerror=lambda error: unreadable.append(error.filename), followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith("."):
                found.append(str(Path(root) / name))
    return found, unreadable


def _unique(inputs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    seen: set[str] = set()
    unique = []
    for path, error in inputs:
        key = path if path == STDIN else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            unique.append((path, error))
    return unique
