"""Expand command-line paths (files, folders, globs, "-") into the drafts to lint."""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Sequence
from pathlib import Path

DRAFT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".eml", ".html", ".htm")
STDIN = "-"


IGNORE_FILE = ".heartlintignore"


def expand(
    arguments: list[str], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> list[tuple[str, str | None]]:
    """Each input as (path, error): folders recursively (draft files only), globs expanded.

    Explicitly named files are taken whatever their suffix. Files found in folders are kept when
    they match an `include` glob (if any), match no `exclude` glob, and are not listed in a
    `.heartlintignore` of the folder walked (or one below it). A path that matches nothing is
    kept with an error, so the caller can report it and go on with the others.
    """
    inputs: list[tuple[str, str | None]] = []
    for argument in arguments:
        if argument == STDIN:
            inputs.append((STDIN, None))
        elif os.path.isdir(argument):
            found, unreadable = _drafts_below(argument)
            found = [f for f in found if _wanted(f, include, exclude)]
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
    ignores: list[tuple[str, list[str]]] = []
    for root, dirs, files in os.walk(
        folder, onerror=lambda error: unreadable.append(error.filename), followlinks=False
    ):
        if IGNORE_FILE in files:
            ignores.append((root, _ignore_patterns(Path(root) / IGNORE_FILE)))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _ignored(str(Path(root) / d), ignores, True))
        for name in files:
            path = str(Path(root) / name)
            if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith(".") and not _ignored(path, ignores):
                found.append(path)
    return found, unreadable


def _ignore_patterns(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _ignored(path: str, ignores: list[tuple[str, list[str]]], is_dir: bool = False) -> bool:
    """gitignore-like: a pattern without "/" matches a name at any depth, one with "/" matches
    the path relative to the ignore file's folder, a trailing "/" only matches folders."""
    for root, patterns in ignores:
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if relative.startswith(".."):
            continue
        for pattern in patterns:
            if pattern.endswith("/"):
                if not is_dir:
                    continue
                pattern = pattern.rstrip("/")
            target = relative if "/" in pattern else relative.rsplit("/", 1)[-1]
            if fnmatch.fnmatch(target, pattern.lstrip("/")):
                return True
    return False


def _wanted(path: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    def matches(glob: str) -> bool:
        return fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(os.path.basename(path), glob)

    return (not include or any(matches(g) for g in include)) and not any(matches(g) for g in exclude)


def _unique(inputs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    seen: set[str] = set()
    unique = []
    for path, error in inputs:
        key = path if path == STDIN else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            unique.append((path, error))
    return unique
