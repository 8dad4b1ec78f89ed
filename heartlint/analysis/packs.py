"""Load rule packs: folders of TOML data with cue patterns, a lexicon and rule definitions.

A pack folder holds `lexicon.toml` (named word lists), `cues/*.toml` (one move per file:
spaCy Matcher token patterns and phrase lists) and `rules/*.toml` (one rule per file).
No code lives in a pack.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from heartlint.model import SEVERITIES

CHECK_KINDS = ("order", "required", "forbidden", "count", "wording", "tone", "focus")


class PackError(ValueError):
    """A rule pack file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class CuePattern:
    """One pattern of a move: spaCy token patterns or a phrase list."""

    id: str
    tokens: list[dict[str, Any]] | None = None
    dependency: list[dict[str, Any]] | None = None
    phrases: tuple[str, ...] = ()
    negatable: bool = False
    extend: bool = False
    incident: bool = True


@dataclass(frozen=True)
class CueSet:
    """All patterns that mark one move."""

    move: str
    precedence: int
    hidden: bool
    patterns: tuple[CuePattern, ...]
    source: str
    masks: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleDef:
    """A rule: identity, wording, the checks that fire it, documentation and examples."""

    code: str
    id: str
    severity: str
    summary: str
    message: str
    help: str
    checks: tuple[dict[str, Any], ...]
    docs: dict[str, str]
    fail_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    source: str
    opening: str = ""


@dataclass
class Pack:
    """The cue sets and rules of one or more pack folders."""

    cue_sets: list[CueSet] = field(default_factory=list)
    rules: list[RuleDef] = field(default_factory=list)

    @property
    def moves(self) -> list[str]:
        return [c.move for c in self.cue_sets]

    @property
    def masks(self) -> dict[str, set[str]]:
        """Per hidden move, the moves whose overlapping cues it removes."""
        masks: dict[str, set[str]] = {}
        for cue_set in self.cue_sets:
            if cue_set.masks:
                masks.setdefault(cue_set.move, set()).update(cue_set.masks)
        return masks


def builtin_pack_dir() -> Path:
    """The folder of the built-in `core` pack: the repository's rules/, or its copy in a wheel."""
    package = Path(__file__).resolve().parent.parent
    for rules in (package.parent / "rules", package / "rules"):
        if (rules / "core" / "lexicon.toml").is_file():
            return rules / "core"
    raise PackError(f"the built-in rule pack is missing (looked in {package.parent / 'rules'})")


ENTRY_POINT_GROUP = "heartlint.packs"


def load_pack(folder: Path | None = None, extra: Sequence[Path] = ()) -> Pack:
    """Load and validate a pack folder (the built-in core pack by default) plus extra packs.

    Extra packs see the lexicon of the packs before them, may add patterns to existing moves,
    define new moves, and add rules with new codes.
    """
    folders = [folder or builtin_pack_dir(), *extra]
    pack = Pack()
    lexicon: dict[str, list[str]] = {}
    for pack_folder in folders:
        if not pack_folder.is_dir():
            raise PackError(f"{pack_folder}: rule pack folder not found")
        lexicon = {**lexicon, **_load_lexicon(pack_folder / "lexicon.toml")}
        for path in sorted((pack_folder / "cues").glob("*.toml")):
            pack.cue_sets.append(_cue_set(path, _read(path), lexicon, pack.cue_sets))
    known_moves = set(pack.moves)
    for cue_set in pack.cue_sets:
        for move in cue_set.masks:
            if move not in known_moves:
                raise PackError(f"{cue_set.source}: unknown move '{move}' in 'masks'")
    defined: dict[str, str] = {}
    for pack_folder in folders:
        for path in sorted((pack_folder / "rules").glob("*.toml")):
            rule = _rule(path, _read(path), known_moves)
            for name in (rule.code, rule.id):
                if name in defined:
                    raise PackError(f"{path}: rule {rule.code}: '{name}' is already defined in {defined[name]}")
                defined[name] = str(path)
            pack.rules.append(rule)
    return pack


def installed_packs() -> list[Path]:
    """Pack folders that installed Python packages declare in the `heartlint.packs` entry point
    group: the entry point names a module (its folder is the pack) or a path."""
    folders = []
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = entry.load()
        except Exception as error:  # a broken plugin must be a clear error, whatever it raised
            raise PackError(f"rule pack '{entry.name}' ({entry.value}) cannot be loaded: {error}") from None
        location = getattr(target, "__file__", None)
        folders.append(Path(location).parent if location else Path(target() if callable(target) else target))
    return folders


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PackError(f"{path}: cannot read rule pack file: {error}") from None


def _load_lexicon(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    data = _read(path)
    for name, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise PackError(f"{path}: lexicon '{name}' must be a list of strings")
    return data


def _require(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise PackError(f"{where}: field '{key}' is missing or not a {kind.__name__}")
    return value


def _cue_set(path: Path, data: dict[str, Any], lexicon: dict[str, list[str]], earlier: list[CueSet]) -> CueSet:
    move = _require(data, "move", str, str(path))
    same_move = next((c for c in earlier if c.move == move), None)
    default_negatable = bool(data.get("negatable", False))
    patterns: list[CuePattern] = []
    for index, entry in enumerate(data.get("patterns", [])):
        where = f"{path}: patterns[{index}]"
        pattern_id = _require(entry, "id", str, where)
        where = f"{path}: pattern '{pattern_id}'"
        if any(pattern.id == pattern_id for pattern in patterns):
            raise PackError(f"{where}: the id is used twice in this file (each pattern needs its own)")
        kinds = [key for key in ("tokens", "dependency", "phrases") if entry.get(key)]
        if len(kinds) != 1:
            raise PackError(f"{where}: give exactly one of 'tokens', 'dependency' or 'phrases'")
        tokens, dependency = entry.get("tokens"), entry.get("dependency")
        for key, value in (("tokens", tokens), ("dependency", dependency)):
            if value is not None and not all(isinstance(item, dict) for item in value):
                raise PackError(f"{where}: '{key}' must be a list of tables")
        phrases = entry.get("phrases", [])
        patterns.append(
            CuePattern(
                id=pattern_id,
                tokens=[_expand(t, lexicon, where) for t in tokens] if tokens else None,
                dependency=[_expand(d, lexicon, where) for d in dependency] if dependency else None,
                phrases=tuple(_expand_phrases(phrases, lexicon, where)),
                negatable=bool(entry.get("negatable", default_negatable)),
                extend=entry.get("extend") == "phrase",
                incident=bool(entry.get("incident", True)),
            )
        )
    hidden = bool(data.get("hidden", same_move.hidden if same_move else False))
    return CueSet(
        move=move,
        precedence=int(data.get("precedence", same_move.precedence if same_move else 0)),
        hidden=hidden,
        patterns=tuple(patterns),
        source=str(path),
        masks=_masks(data.get("masks", list(same_move.masks) if same_move else []), hidden, str(path)),
    )


def _masks(masks: Any, hidden: bool, where: str) -> tuple[str, ...]:
    """The moves whose overlapping cues a hidden move's cues remove ("sorry to bother you" masks
    the apology its "sorry" would be)."""
    if not isinstance(masks, list) or not all(isinstance(move, str) for move in masks):
        raise PackError(f"{where}: field 'masks' must be a list of move names")
    if masks and not hidden:
        raise PackError(f"{where}: only a hidden move can mask others")
    return tuple(masks)


def _expand(pattern: dict[str, Any], lexicon: dict[str, list[str]], where: str) -> dict[str, Any]:
    """Replace "@name" word-list references (IN / NOT_IN values) with the lexicon's list."""
    expanded: dict[str, Any] = {}
    for key, value in pattern.items():
        if key in ("IN", "NOT_IN") and isinstance(value, str) and value.startswith("@"):
            value = _lookup(value, lexicon, where)
        elif key == "REGEX":
            _check_regex(value, where)
        elif isinstance(value, dict):
            value = _expand(value, lexicon, where)
        expanded[key] = value
    return expanded


MAX_REGEX_LENGTH = 200
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,)")


def _check_regex(value: Any, where: str) -> None:
    """Accept only short regexes without nested quantifiers ("(a+)+"), which can take
    exponential time: a rule pack must never be able to hang the linter."""
    if not isinstance(value, str):
        raise PackError(f"{where}: REGEX must be a string")
    if len(value) > MAX_REGEX_LENGTH:
        raise PackError(f"{where}: REGEX is longer than {MAX_REGEX_LENGTH} characters")
    if _NESTED_QUANTIFIER.search(value):
        raise PackError(f"{where}: REGEX {value!r} repeats a repeated group, which can run for ever")
    try:
        re.compile(value)
    except re.error as error:
        raise PackError(f"{where}: REGEX {value!r} is invalid: {error}") from None


def _expand_phrases(phrases: list[str], lexicon: dict[str, list[str]], where: str) -> list[str]:
    result: list[str] = []
    for phrase in phrases:
        result.extend(_lookup(phrase, lexicon, where) if phrase.startswith("@") else [phrase])
    return result


def _lookup(reference: str, lexicon: dict[str, list[str]], where: str) -> list[str]:
    try:
        return lexicon[reference[1:]]
    except KeyError:
        raise PackError(f"{where}: unknown lexicon list '{reference}'") from None


def _rule(path: Path, data: dict[str, Any], moves: set[str]) -> RuleDef:
    where = str(path)
    code = _require(data, "code", str, where)
    where = f"{path}: rule {code}"
    severity = _require(data, "severity", str, where)
    if severity not in SEVERITIES:
        raise PackError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    checks = data.get("checks")
    if not isinstance(checks, list) or not checks:
        raise PackError(f"{where}: 'checks' must be a non-empty list")
    for check in checks:
        if check.get("kind") not in CHECK_KINDS:
            raise PackError(f"{where}: check kind must be one of {', '.join(CHECK_KINDS)}")
        for key in ("move", "anchor"):
            if key in check and check[key] not in moves:
                raise PackError(f"{where}: unknown move '{check[key]}' in check '{key}'")
    docs = data.get("docs", {})
    examples = data.get("examples", {})
    return RuleDef(
        code=code,
        id=_require(data, "id", str, where),
        severity=severity,
        summary=_require(data, "summary", str, where),
        message=_require(data, "message", str, where),
        help=_require(data, "help", str, where),
        checks=tuple(checks),
        docs={k: docs.get(k, "") for k in ("what", "why", "bad", "good")},
        fail_examples=tuple([docs["bad"]] * bool(docs.get("bad")) + list(examples.get("fail", []))),
        pass_examples=tuple([docs["good"]] * bool(docs.get("good")) + list(examples.get("pass", []))),
        source=str(path),
        opening=_optional(data, "opening", where),
    )


def _optional(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise PackError(f"{where}: '{key}' must be a string")
    return value
