"""Lint a list of paths: read each with its configuration, lint in batches, keep input order."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from spacy.language import Language

from heartlint.analysis.cache import ResultCache, packs_digest
from heartlint.analysis.engine import Linter
from heartlint.analysis.nlp import load_pipeline
from heartlint.analysis.packs import RuleDef, builtin_pack_dir, installed_packs, load_pack
from heartlint.analysis.tagger import models_fingerprint
from heartlint.config import DEFAULT, ConfigError, Plan, Planner, RunOptions, Settings
from heartlint.model import FileResult
from heartlint.reading.draft import Draft
from heartlint.reading.files import InputError, draft_from_bytes, read_path
from heartlint.reading.paths import expand

CHUNK = 32
# Drafts are linted in batches per (extra rule packs, incident mode).
Key = tuple[tuple[Path, ...], str]
AUTO_JOBS_CHUNKS = 8  # with --jobs unset, use one worker per 8 chunks (256 drafts), up to the cores
_PARENT: Runner | None = None


def _lint_chunk(key, drafts: list[Draft]) -> list[FileResult]:
    """Worker side: lint one chunk with the parent's (forked) runner."""
    assert _PARENT is not None
    return _PARENT._linter(key).lint_drafts(drafts)


def _drain(pool: ProcessPoolExecutor, results):
    try:
        yield from results
    finally:
        pool.shutdown()


class Runner:
    """Keeps one linter per (rule packs, incident mode), all sharing one spaCy pipeline."""

    def __init__(self, options: RunOptions = RunOptions(), nlp: Language | None = None) -> None:
        self.options = options
        self._nlp = nlp
        self._linters: dict[Key, Linter] = {}
        self._installed = tuple(installed_packs())
        self.planner = Planner(options)

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use (a fully cached run never loads it)."""
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    def lint_paths(self, arguments: list[str]) -> list[FileResult]:
        """One FileResult per input, in order; unreadable inputs carry an error instead of findings."""
        results: list[FileResult] = []
        batches: dict[Key, list[tuple[int, Draft, Settings]]] = {}
        for path, error in expand(arguments, self.options.include, self.options.exclude):
            results.append(FileResult(path=path, error=error))
            if error:
                continue
            prepared = self._prepare(results[-1], lambda path, plan: read_path(path, plan.max_bytes, name=plan.name))
            if prepared is not None:
                key, draft, settings = prepared
                batches.setdefault(key, []).append((len(results) - 1, draft, settings))
        self._lint_batches(batches, results)
        return results

    def lint_buffer(self, path: str, data: bytes) -> FileResult:
        """Lint an editor's unsaved text as if it were the file at `path` (its configuration and
        format apply)."""
        results = [FileResult(path=path)]
        prepared = self._prepare(results[0], lambda path, plan: draft_from_bytes(data, path, path, plan.max_bytes))
        if prepared is not None:
            key, draft, settings = prepared
            self._lint_batches({key: [(0, draft, settings)]}, results)
        return results[0]

    def _prepare(self, result: FileResult, read: Callable[[str, Plan], Draft]) -> tuple[Key, Draft, Settings] | None:
        """Plan one input and read its draft; on a bad configuration or input, note the error in
        `result` and return None."""
        try:
            plan = self.planner.plan(result.path)
            result.fail_on = plan.fail_on
            draft = read(result.path, plan)
        except (InputError, ConfigError) as problem:
            result.error = str(problem)
            return None
        return (plan.config.packs + self.options.packs, plan.settings.incident), draft, plan.settings

    def lint_drafts(self, drafts: list[Draft]) -> list[FileResult]:
        """Lint drafts already read (API use), with the explicit config or the options only."""
        config = self.planner.explicit or DEFAULT
        results = [FileResult(path=d.path, fail_on=self.planner.fail_on(config)) for d in drafts]
        batches: dict[Key, list[tuple[int, Draft, Settings]]] = {}
        for slot, draft in enumerate(drafts):
            settings = self.planner.settings(config, draft.path)
            batches.setdefault((config.packs + self.options.packs, settings.incident), []).append(
                (slot, draft, settings)
            )
        self._lint_batches(batches, results)
        return results

    def _lint_batches(self, batches, results: list[FileResult]) -> None:
        """Lint each batch with its linter (from the cache, in chunks, in worker processes when
        asked); put each result, with its settings applied, in its slot."""
        total = sum(len(items) for items in batches.values())
        done = 0
        for key, items in batches.items():
            drafts = [draft for _, draft, _ in items]
            for start, linted in self._lint_chunks(key, drafts):
                for (slot, _, settings), result in zip(items[start : start + len(linted)], linted, strict=True):
                    result.fail_on = results[slot].fail_on
                    results[slot] = settings.apply(result)
                done += len(linted)
                self.progress(done, total)

    def progress(self, done: int, total: int) -> None:
        """Called after every chunk; the CLI replaces it with a progress bar."""

    def _lint_chunks(self, key, drafts: list[Draft]):
        """(start index, results) for consecutive chunks of `drafts`, using the cache if enabled."""
        cache = ResultCache() if self.options.cache else None
        keys: dict[int, str] = {}
        cached: dict[int, FileResult] = {}
        if cache is not None:
            digest = self._digest(key)
            for i, draft in enumerate(drafts):
                keys[i] = cache.key(draft, digest, key[1])
                hit = cache.get(keys[i], draft)
                if hit is not None:
                    cached[i] = hit
        todo = [i for i in range(len(drafts)) if i not in cached]
        chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
        fresh: dict[int, FileResult] = {}
        for chunk, linted in zip(chunks, self._map(key, [[drafts[i] for i in chunk] for chunk in chunks]), strict=True):
            for i, result in zip(chunk, linted, strict=True):
                fresh[i] = result
                if cache is not None:
                    cache.put(keys[i], result)
        merged = {**cached, **fresh}
        for start in range(0, len(drafts), CHUNK):
            yield start, [merged[i] for i in range(start, min(len(drafts), start + CHUNK))]

    def _map(self, key, chunks: list[list[Draft]]):
        """Lint chunks here, or in worker processes (forked, so they share the loaded pipeline)."""
        jobs = (
            self.options.jobs
            if self.options.jobs is not None
            else min(os.cpu_count() or 1, len(chunks) // AUTO_JOBS_CHUNKS)
        )
        if jobs <= 1 or len(chunks) <= 1:
            return (self._linter(key).lint_drafts(chunk) for chunk in chunks)
        global _PARENT
        _PARENT = self
        self._linter(key)
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"))
        return _drain(pool, pool.map(_lint_chunk, [key] * len(chunks), chunks))

    def _digest(self, key) -> str:
        packs, _ = key
        return packs_digest([builtin_pack_dir(), *self._installed, *packs]) + "|" + models_fingerprint()

    def rules(self) -> list[RuleDef]:
        """Every rule of the packs used so far (the built-in ones at least), for report metadata."""
        linters = list(self._linters.values()) or [self._linter((self.options.packs, "auto"))]
        seen: dict[str, RuleDef] = {}
        for linter in linters:
            for rule in linter.pack.rules:
                seen.setdefault(rule.code, rule)
        return list(seen.values())

    def _linter(self, key: Key) -> Linter:
        if key not in self._linters:
            packs, incident = key
            pack = load_pack(extra=[*self._installed, *packs])
            self._linters[key] = Linter(pack=pack, nlp=self.nlp, incident=incident)
            _collect_from_now_on()
        return self._linters[key]


def _collect_from_now_on() -> None:
    """The models and the rule pack are loaded: if start-up paused the garbage collector, move
    everything alive into the permanent generation, which full collections skip, and resume it."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
