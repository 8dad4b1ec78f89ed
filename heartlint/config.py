"""Configuration: `[tool.heartlint]` in pyproject.toml or a `.heartlint.toml`, found upward from
each draft (nearest wins), and what it decides for one draft: which rules, at what severity.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib
from heartlint.model import INCIDENT_MODES, SEVERITIES, FileResult, Finding, selects
from heartlint.reading.paths import STDIN
from heartlint.reading.raw import MAX_BYTES

CONFIG_FILE = ".heartlint.toml"
_LIST_KEYS = ("select", "ignore")
_TOP_KEYS = {
    "select",
    "ignore",
    "severity",
    "fail-on",
    "incident",
    "max-size",
    "packs",
    "per-file-ignores",
    "overrides",
    "daemon",
    "daemon-idle-timeout",
}
_OVERRIDE_KEYS = {"files", "select", "ignore", "severity", "incident"}


class ConfigError(ValueError):
    """A configuration file is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    """Settings for the drafts matching `files` (globs relative to the config file)."""

    files: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    incident: str | None = None


@dataclass(frozen=True)
class Config:
    """One configuration file's settings (or the defaults)."""

    source: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    incident: str = "auto"
    max_size: str | None = None
    packs: tuple[Path, ...] = ()
    overrides: tuple[Override, ...] = field(default_factory=tuple)
    daemon: bool | None = None
    daemon_idle_timeout: int | None = None

    def settings_for(self, path: str) -> Settings:
        """What applies to one draft: the file's settings plus every matching override."""
        select, ignore, severity, incident = self.select, list(self.ignore), dict(self.severity), self.incident
        relative = self._relative(path)
        for override in self.overrides:
            if relative is not None and any(fnmatch.fnmatch(relative, glob) for glob in override.files):
                select = override.select if override.select is not None else select
                ignore += override.ignore
                severity.update(override.severity)
                incident = override.incident or incident
        return Settings(select, tuple(ignore), tuple(severity.items()), incident)

    def _relative(self, path: str) -> str | None:
        if self.source is None or path == "-":
            return None
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.source.parent)).as_posix()
        except ValueError:
            return None


@dataclass(frozen=True)
class Settings:
    """The rule selection, severities and incident mode for one draft."""

    select: tuple[str, ...] | None
    ignore: tuple[str, ...]
    severity: tuple[tuple[str, str], ...]
    incident: str

    def apply(self, result: FileResult) -> FileResult:
        """The result with unselected rules dropped and severities overridden."""
        overrides = dict(self.severity)
        kept: list[Finding] = []
        for finding in result.findings:
            if not self._enabled(finding):
                continue
            new = next((overrides[k] for k in (finding.code, finding.rule) if k in overrides), None)
            if new:
                finding.severity = new
            kept.append(finding)
        result.findings = kept
        return result

    def _enabled(self, finding: Finding) -> bool:
        selected = self.select is None or any(selects(s, finding) for s in self.select)
        return selected and not any(selects(s, finding) for s in self.ignore)


DEFAULT = Config()
_SIZE_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2}


def parse_size(text: str) -> int:
    """Bytes in a size like "800", "512KB" or "2MB"."""
    cleaned = text.strip().upper().replace(" ", "")
    number = cleaned.rstrip("BKM")
    unit = cleaned[len(number) :]
    if not number.isdigit() or unit not in _SIZE_UNITS or int(number) == 0:
        raise ConfigError(f"'{text}' is not a size like 800, 512KB or 2MB")
    return int(number) * _SIZE_UNITS[unit]


def find_config(path: str) -> Config:
    """The nearest configuration above a draft (the current folder for stdin), or the defaults."""
    start = Path.cwd() if path == "-" else Path(os.path.abspath(path)).parent
    return _nearest(start)


@functools.lru_cache(maxsize=256)
def _nearest(folder: Path) -> Config:
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return load_config(own)
        project = candidate / "pyproject.toml"
        if project.is_file() and "heartlint" in _read(project).get("tool", {}):
            return load_config(project)
    return DEFAULT


def load_config(path: Path) -> Config:
    """Read and validate one configuration file."""
    data = _read(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("heartlint", {})
        where = f"{path} [tool.heartlint]"
    else:
        where = str(path)
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a table")
    _unknown(data, _TOP_KEYS, where)
    overrides = [_override(item, where, index) for index, item in enumerate(_list_of_tables(data, "overrides", where))]
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}: key 'per-file-ignores' must be a table of glob = [rules]")
    for glob, rules in per_file.items():
        overrides.append(Override(files=(glob,), ignore=_strings(rules, f"per-file-ignores.{glob}", where)))
    packs = tuple((path.parent / p).resolve() for p in _strings(data.get("packs", []), "packs", where))
    for pack in packs:
        if not pack.is_dir():
            raise ConfigError(f"{where}: key 'packs': folder {pack} not found")
    return Config(
        source=path,
        select=_strings(data["select"], "select", where) if "select" in data else None,
        ignore=_strings(data.get("ignore", []), "ignore", where),
        severity=_severities(data.get("severity", {}), "severity", where),
        fail_on=_choice(data.get("fail-on"), SEVERITIES, "fail-on", where),
        incident=_choice(data.get("incident"), INCIDENT_MODES, "incident", where) or "auto",
        max_size=_size(data["max-size"], where) if "max-size" in data else None,
        packs=packs,
        overrides=tuple(overrides),
        daemon=_flag(data.get("daemon"), "daemon", where),
        daemon_idle_timeout=_seconds(data["daemon-idle-timeout"], where) if "daemon-idle-timeout" in data else None,
    )


_TIME_UNITS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600}


def _flag(value: Any, key: str, where: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ConfigError(f"{where}: key '{key}' must be true or false")


def _seconds(value: Any, where: str) -> int:
    """Seconds in 900, "900", "15m" or "1h"."""
    text = str(value).strip().lower()
    number = text.rstrip("smhin")
    unit = text[len(number) :]
    if isinstance(value, bool) or not number.isdigit() or int(number) == 0 or unit not in _TIME_UNITS:
        raise ConfigError(f"{where}: key 'daemon-idle-timeout': '{value}' is not a duration like 900, 15m or 1h")
    return int(number) * _TIME_UNITS[unit]


def _size(value: Any, where: str) -> str:
    try:
        parse_size(str(value))
    except ConfigError as error:
        raise ConfigError(f"{where}: key 'max-size': {error}") from None
    return str(value)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None


def _override(item: dict[str, Any], where: str, index: int) -> Override:
    place = f"{where}: overrides[{index}]"
    _unknown(item, _OVERRIDE_KEYS, place)
    if "files" not in item:
        raise ConfigError(f"{place}: key 'files' is required (a list of globs)")
    return Override(
        files=_strings(item["files"], "files", place),
        select=_strings(item["select"], "select", place) if "select" in item else None,
        ignore=_strings(item.get("ignore", []), "ignore", place),
        severity=_severities(item.get("severity", {}), "severity", place),
        incident=_choice(item.get("incident"), INCIDENT_MODES, "incident", place),
    )


def _unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    for key in data:
        if key not in known:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(known))})")


def _list_of_tables(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(f"{where}: key '{key}' must be an array of tables ([[{key}]])")
    return value


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings")
    return tuple(value)


def _choice(value: Any, choices: tuple[str, ...], key: str, where: str) -> str | None:
    if value is None:
        return None
    if value not in choices:
        raise ConfigError(f"{where}: key '{key}' must be one of {', '.join(choices)}, not {value!r}")
    return value


def _severities(value: Any, key: str, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: key '{key}' must be a table of rule = severity")
    for rule, severity in value.items():
        _choice(severity, SEVERITIES, f"{key}.{rule}", where)
    return tuple(value.items())


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
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    cache: bool = False
    jobs: int | None = None


@dataclass(frozen=True)
class Plan:
    """How one input is linted: its configuration, settings, fail level, size limit and format name."""

    config: Config
    settings: Settings
    fail_on: str
    max_bytes: int
    name: str | None


class Planner:
    """The configuration of each input (an explicit file, the defaults, or the nearest one) with
    the command line's options on top. Standard library only: the lean client plans with it."""

    def __init__(self, options: RunOptions = RunOptions()) -> None:
        self.options = options
        self.explicit = None if options.config is None else _load_explicit(options.config)

    def config_for(self, path: str) -> Config:
        if self.explicit is not None:
            return self.explicit
        return DEFAULT if self.options.isolated else find_config(path)

    def settings(self, config: Config, path: str) -> Settings:
        settings = config.settings_for(path)
        return replace(
            settings,
            select=self.options.select if self.options.select is not None else settings.select,
            ignore=settings.ignore + self.options.ignore,
            incident=self.options.incident or settings.incident,
        )

    def fail_on(self, config: Config) -> str:
        return self.options.fail_on or config.fail_on or "error"

    def plan(self, path: str) -> Plan:
        """The plan for one input; a ConfigError when its configuration is invalid."""
        config = self.config_for(path)
        return Plan(
            config=config,
            settings=self.settings(config, path),
            fail_on=self.fail_on(config),
            max_bytes=parse_size(self.options.max_size or config.max_size or str(MAX_BYTES)),
            name=self.options.stdin_filename if path == STDIN else None,
        )


def _load_explicit(path: Path) -> Config:
    if not path.is_file():
        raise ConfigError(f"{path}: configuration file not found")
    return load_config(path)
