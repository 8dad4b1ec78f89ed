"""`heartlint audit`: lint a whole sent-mail history, streamed in batches, and sum it up.

Messages flow source by source, batch by batch, through the same reading (quoted history,
signatures, HTML) and the same linter as single drafts; per-message results go to a JSON Lines
file as they come, and only counts stay in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from heartlint.analysis.hybrid import TAGGER
from heartlint.audit.sources import Message, SourceError, SourceOptions, messages
from heartlint.model import SEVERITIES, Cue, FileResult, Finding
from heartlint.reading.files import InputError, draft_from_bytes
from heartlint.reports.json_report import file_object
from heartlint.reports.score import heart_score
from heartlint.runner import Runner

BATCH = 64
CUE_MOVES = ("blame", "explanation")


@dataclass
class GroupCounts:
    """What one group (or everything) adds up to."""

    messages: int = 0
    incident: int = 0
    failing: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    cues: Counter[str] = field(default_factory=Counter)
    scores: Counter[int] = field(default_factory=Counter)  # heart scores of incident replies, by tens

    def add(self, result: FileResult, fail_on: str) -> None:
        self.messages += 1
        if not result.incident:
            return
        self.incident += 1
        failing = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        self.failing += any(f.severity in failing for f in result.findings)
        self.rules.update({f.code for f in result.findings})
        score = heart_score(result)
        if score is not None:
            self.scores[min(score // 10 * 10, 90)] += 1
        # Pattern cues only: their wording repeats across replies (a tagger cue is a whole sentence).
        self.cues.update(
            f"{c.move}: {c.text.lower()}" for c in result.moves if c.move in CUE_MOVES and c.pattern != TAGGER
        )


@dataclass
class Audit:
    """The totals of an audit: overall, per group, the malformed messages and unreadable sources."""

    total: GroupCounts = field(default_factory=GroupCounts)
    groups: dict[str, GroupCounts] = field(default_factory=dict)
    malformed: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    def add(self, message: Message, result: FileResult, fail_on: str) -> None:
        self.total.add(result, fail_on)
        if message.group:
            self.groups.setdefault(message.group, GroupCounts()).add(result, fail_on)


def stream(sources: Iterable[str], options: SourceOptions, audit: Audit) -> Iterator[Message]:
    """The messages of every source in turn; an unusable source is noted and skipped."""
    for source in sources:
        try:
            yield from messages(source, options)
        except SourceError as error:
            audit.unreadable.append(str(error))


def batches(items: Iterator[Message], size: int = BATCH) -> Iterator[list[Message]]:
    batch: list[Message] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ResumeError(Exception):
    """The findings file does not belong to these sources."""


def add_row(audit: Audit, row: dict[str, Any], fail_on: str) -> None:
    """Count one message from its findings row (the same whether it was linted here, by a Dask
    worker, or read back to resume)."""
    message = Message(id=row["path"], group=row.get("group", ""))
    if row.get("error"):
        audit.malformed.append((row["path"], row["error"]))
        return
    result = FileResult(
        path=row["path"],
        incident=row["incident"],
        findings=[
            Finding(f["rule"], f["code"], f["severity"], f["message"], "", f["start"], f["end"])
            for f in row["findings"]
        ],
        moves=[Cue(m["move"], m["start"], m["end"], m["text"], m.get("pattern", "")) for m in row["moves"]],
    )
    audit.add(message, result, fail_on)


def resume(audit: Audit, rows: Iterable[str], fail_on: str) -> list[str]:
    """Count the messages an interrupted audit already wrote (its JSON Lines); their ids in order."""
    done = []
    for number, line in enumerate(rows, 1):
        try:
            row = json.loads(line)
        except ValueError:
            raise ResumeError(f"line {number} of the findings file is not JSON (cut off?)") from None
        done.append(row["path"])
        add_row(audit, row, fail_on)
    return done


def lint_batch(runner: Runner, batch: list[Message]) -> list[dict[str, Any]]:
    """The findings rows of a batch of messages, in order (a malformed message as an error row)."""
    rows: list[dict[str, Any] | None] = []
    drafts, slots, groups = [], [], []
    for message in batch:
        if message.error is None:
            try:
                drafts.append(draft_from_bytes(message.data, message.id, message.name))
                slots.append(len(rows))
                groups.append(message.group)
                rows.append(None)
                continue
            except InputError as error:
                message.error = str(error)
        row = file_object(FileResult(path=message.id, error=message.error or "unreadable"))
        rows.append({**row, "group": message.group} if message.group else row)
    for slot, group, result in zip(slots, groups, runner.lint_drafts(drafts), strict=True):
        row = file_object(result)
        rows[slot] = {**row, "group": group} if group else row
    return [row for row in rows if row is not None]


def skip_done(items: Iterator[Message], done: list[str]) -> Iterator[Message]:
    """The messages after those already done, checking that they are the same ones."""
    for expected in done:
        message = next(items, None)
        if message is None or message.id != expected:
            found = "the end" if message is None else message.id
            raise ResumeError(f"the findings file lists {expected} where the sources have {found}")
    yield from items


def record(audit: Audit, rows: list[dict[str, Any]], output: IO[str] | None, fail_on: str) -> None:
    """Count a batch's rows and append them to the findings file."""
    for row in rows:
        add_row(audit, row, fail_on)
        if output is not None:
            output.write(json.dumps(row, ensure_ascii=False) + "\n")
    if output is not None:
        output.flush()


# A way of linting a message stream: the rows of each batch, in order, with the batch's size.
MessageLinter = Callable[[Iterator[Message]], Iterator[tuple[list[dict[str, Any]], int]]]


def linted_here(runner: Runner) -> MessageLinter:
    """Lint the stream in this process, batch by batch."""

    def lint(stream: Iterator[Message]) -> Iterator[tuple[list[dict[str, Any]], int]]:
        for batch in batches(stream):
            yield lint_batch(runner, batch), len(batch)

    return lint


def run_audit(
    lint: MessageLinter,
    sources: list[str],
    options: SourceOptions,
    output: IO[str] | None,
    fail_on: str = "error",
    audit: Audit | None = None,
    done: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Audit:
    """Lint every message (after the `done` ones of a resumed audit) with `lint` (`linted_here`,
    or `scale.linted_on_dask`); write one SPEC §5 file object per message to `output` (JSON
    Lines), flushed batch by batch."""
    audit = audit or Audit()
    for rows, size in lint(skip_done(stream(sources, options, audit), done or [])):
        record(audit, rows, output, fail_on)
        if progress is not None:
            progress(size)
    return audit
