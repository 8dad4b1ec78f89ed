"""A content-hash cache of lint results, so re-checking an unchanged library is near-instant.

A draft's entry is keyed by its text and scopes, the heartlint version, the incident mode and
the contents of every rule pack file in use: changing any of them misses the cache. Rule
selection and severities from configuration are applied after the cache, so they need no key.
Entries live in `$HEARTLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/heartlint`, else `~/.cache/heartlint`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from heartlint import __version__
from heartlint.model import Cue, FileResult, Finding, Sentence
from heartlint.reading.draft import Draft

CACHE_FORMAT = 3


def cache_dir() -> Path:
    """Where cache entries are kept."""
    if os.environ.get("HEARTLINT_CACHE_DIR"):
        return Path(os.environ["HEARTLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "heartlint"


def packs_digest(folders: list[Path]) -> str:
    """A digest of every file of the given rule pack folders."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.toml")):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class ResultCache:
    """Lint results stored by content hash."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir()

    def key(self, draft: Draft, packs: str, incident: str) -> str:
        material = json.dumps(
            [
                CACHE_FORMAT,
                __version__,
                packs,
                incident,
                draft.text,
                draft.positions,
                [dataclasses.astuple(s) for s in draft.scopes],
                [dataclasses.astuple(d) for d in draft.directives],
            ]
        )
        return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str, draft: Draft) -> FileResult | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return FileResult(
            path=draft.path,
            text=draft.text,
            scopes=draft.scopes,
            positions=draft.positions,
            incident=data["incident"],
            notices=data["notices"],
            moves=[Cue(**cue) for cue in data["moves"]],
            findings=[Finding(**f) for f in data["findings"]],
            sentences=[Sentence(**s) for s in data["sentences"]],
        )

    def put(self, key: str, result: FileResult) -> None:
        data = {
            "incident": result.incident,
            "notices": result.notices,
            "moves": [dataclasses.asdict(c) for c in result.moves],
            "findings": [dataclasses.asdict(f) for f in result.findings],
            "sentences": [dataclasses.asdict(s) for s in result.sentences],
        }
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"
