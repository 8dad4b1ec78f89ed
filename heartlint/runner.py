"""Lint a list of paths: read each with its configuration, lint in batches, keep input order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language

from .config import DEFAULT, Config, ConfigError, Settings, find_config, parse_size
from .draft import Draft
from .engine import Linter
from .model import FileResult
from .nlp import load_pipeline
from .packs import RuleDef, installed_packs, load_pack
from .paths import STDIN, expand
from .reading import MAX_BYTES, InputError, read_path


@dataclass(frozen=True)
class RunOptions:
    """What the command line says, on top of (or instead of) configuration files."""

    stdin_filename: str | None = None
    max_size: str | None = None
    config: Path | None = None
    isolated: bool = False
    packs: tuple[Path, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    incident: str | None = None
    fail_on: str | None = None


class Runner:
    """Keeps one linter per (rule packs, incident mode), all sharing one spaCy pipeline."""

    def __init__(self, options: RunOptions = RunOptions(), nlp: Language | None = None) -> None:
        self.options = options
        self.nlp = nlp or load_pipeline()
        self._linters: dict[tuple[tuple[Path, ...], str], Linter] = {}
        self._installed = tuple(installed_packs())
        self._explicit = None if options.config is None else self._load(options.config)

    def lint_paths(self, arguments: list[str]) -> list[FileResult]:
        """One FileResult per input, in order; unreadable inputs carry an error instead of findings."""
        results: list[FileResult] = []
        batches: dict[tuple[tuple[Path, ...], str], list[tuple[int, Draft, Settings]]] = {}
        for path, error in expand(arguments):
            results.append(FileResult(path=path, error=error))
            if error:
                continue
            try:
                config = self._config_for(path)
                settings = self._settings(config, path)
                results[-1].fail_on = self.options.fail_on or config.fail_on or "error"
                size = parse_size(self.options.max_size or config.max_size or str(MAX_BYTES))
                name = self.options.stdin_filename if path == STDIN else None
                draft = read_path(path, size, name=name)
            except (InputError, ConfigError) as problem:
                results[-1].error = str(problem)
                continue
            key = (config.packs + self.options.packs, settings.incident)
            batches.setdefault(key, []).append((len(results) - 1, draft, settings))
        self._lint_batches(batches, results)
        return results

    def lint_drafts(self, drafts: list[Draft]) -> list[FileResult]:
        """Lint drafts already read (API use), with the explicit config or the options only."""
        config = self._explicit or DEFAULT
        results = [FileResult(path=d.path, fail_on=self.options.fail_on or config.fail_on or "error") for d in drafts]
        batches: dict[tuple[tuple[Path, ...], str], list[tuple[int, Draft, Settings]]] = {}
        for slot, draft in enumerate(drafts):
            settings = self._settings(config, draft.path)
            batches.setdefault((config.packs + self.options.packs, settings.incident), []).append((slot, draft, settings))
        self._lint_batches(batches, results)
        return results

    def _lint_batches(self, batches, results: list[FileResult]) -> None:
        """Lint each batch with its linter; put each result, with its settings applied, in its slot."""
        for key, items in batches.items():
            linted = self._linter(key).lint_drafts([draft for _, draft, _ in items])
            for (slot, _, settings), result in zip(items, linted):
                result.fail_on = results[slot].fail_on
                results[slot] = settings.apply(result)

    def rules(self) -> list[RuleDef]:
        """Every rule of the packs used so far (the built-in ones at least), for report metadata."""
        linters = list(self._linters.values()) or [self._linter((self.options.packs, "auto"))]
        seen: dict[str, RuleDef] = {}
        for linter in linters:
            for rule in linter.pack.rules:
                seen.setdefault(rule.code, rule)
        return list(seen.values())

    def _config_for(self, path: str) -> Config:
        if self._explicit is not None:
            return self._explicit
        return DEFAULT if self.options.isolated else find_config(path)

    def _settings(self, config: Config, path: str) -> Settings:
        settings = config.settings_for(path)
        return replace(
            settings,
            select=self.options.select if self.options.select is not None else settings.select,
            ignore=settings.ignore + self.options.ignore,
            incident=self.options.incident or settings.incident,
        )

    def _linter(self, key: tuple[tuple[Path, ...], str]) -> Linter:
        if key not in self._linters:
            packs, incident = key
            pack = load_pack(extra=[*self._installed, *packs])
            self._linters[key] = Linter(pack=pack, nlp=self.nlp, incident=incident)
        return self._linters[key]

    @staticmethod
    def _load(path: Path) -> Config:
        from .config import load_config

        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        return load_config(path)
