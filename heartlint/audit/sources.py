"""Stream the messages of a sent-mail history: mbox files, Maildir folders, folders of `.eml`
files, and help-desk exports as JSON Lines or CSV with a body column.

Each source yields `Message`s one at a time (memory stays bounded); a message that cannot be
read becomes a `Message` with an `error` and its position, never an exception.
"""

from __future__ import annotations

import csv
import email.policy
import json
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message as EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
MAX_FIELD = 8 * 1024 * 1024
csv.field_size_limit(MAX_FIELD)


class SourceError(Exception):
    """A source that cannot be read at all (exit code 2)."""


@dataclass
class Message:
    """One sent reply: an id, its raw bytes and the name that tells their format, the group it
    belongs to, or the reason it could not be read."""

    id: str
    data: bytes = b""
    name: str = "message.eml"
    group: str = ""
    error: str | None = None


@dataclass(frozen=True)
class SourceOptions:
    """Which messages and fields: --from, --body-field, --id-field, --group-by (a field or header,
    "month" for a mail's Date, "month:FIELD" for an export's ISO date field)."""

    sender: str | None = None
    body_field: str = "body"
    id_field: str = "id"
    group_by: str | None = None


def messages(source: str, options: SourceOptions) -> Iterator[Message]:
    """Every message of one source, streamed; SourceError when the source itself is unusable."""
    path = Path(source)
    if not path.exists():
        raise SourceError(f"{source}: no such file or folder")
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
            yield from _maildir(path, options)
        else:
            yield from _eml_folder(path, options)
        return
    kind = RECORD_SUFFIXES.get(path.suffix.lower())
    if kind == "jsonl":
        yield from _jsonl(path, options)
    elif kind == "csv":
        yield from _csv(path, options)
    else:
        yield from _mbox(path, options)


def count_entries(source: str) -> int | None:
    """How many messages or records a source holds (before `--from` picks the user's own), for a
    progress bar's estimate of the time left; None when it cannot be told."""
    path = Path(source)
    try:
        if path.is_dir():
            if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
                return len(mailbox.Maildir(path, factory=None, create=False))
            return sum(1 for _ in path.rglob("*.eml"))
        kind = RECORD_SUFFIXES.get(path.suffix.lower())
        if kind == "jsonl":
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        if kind == "csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                return max(0, sum(1 for _ in csv.reader(handle)) - 1)
        return len(mailbox.mbox(path, create=False))
    except (OSError, csv.Error, mailbox.Error):
        return None


def _mbox(path: Path, options: SourceOptions) -> Iterator[Message]:
    try:
        with path.open("rb") as handle:
            if not handle.read(5) == b"From ":
                raise SourceError(f"{path}: not an mbox file (it must start with a 'From ' line)")
        box = mailbox.mbox(path, create=False)
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    for position, key in enumerate(box.iterkeys(), 1):
        yield from _mail(f"{path}#{position}", lambda key=key: box.get_bytes(key), options)


def _maildir(path: Path, options: SourceOptions) -> Iterator[Message]:
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.iterkeys()):
        yield from _mail(f"{path}/{key}", lambda key=key: box.get_bytes(key), options)


def _eml_folder(path: Path, options: SourceOptions) -> Iterator[Message]:
    for file in sorted(path.rglob("*.eml")):
        yield from _mail(str(file), file.read_bytes, options)


def _mail(where: str, read, options: SourceOptions) -> Iterator[Message]:
    """One message of a mailbox, if the user sent it (--from)."""
    try:
        data = read()
        headers = BytesParser(policy=email.policy.compat32).parsebytes(data, headersonly=True)
    except (OSError, ValueError, LookupError) as error:
        yield Message(id=where, error=f"unreadable message: {error}")
        return
    if options.sender and not _sent_by(headers, options.sender):
        return
    message_id = str(headers.get("Message-ID", "")).strip() or where
    yield Message(id=message_id, data=data, name="message.eml", group=_mail_group(headers, options.group_by))


def _sent_by(headers: EmailMessage, sender: str) -> bool:
    addresses = [address.lower() for _, address in getaddresses(headers.get_all("From", []))]
    return sender.lower() in addresses


def _mail_group(headers: EmailMessage, group_by: str | None) -> str:
    """The group of a mail: its month (from Date), or a header's value (from, to, …)."""
    if not group_by:
        return ""
    if group_by == "month":
        try:
            return parsedate_to_datetime(str(headers.get("Date", ""))).strftime("%Y-%m")
        except (TypeError, ValueError):
            return "unknown"
    return str(headers.get(group_by, "")).strip() or "unknown"


def _jsonl(path: Path, options: SourceOptions) -> Iterator[Message]:
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
            except ValueError as error:
                yield Message(id=f"{path}:{number}", error=f"malformed JSON line: {error}")
                continue
            yield _record(record, f"{path}:{number}", options)


def _csv(path: Path, options: SourceOptions) -> Iterator[Message]:
    try:
        handle = path.open(encoding="utf-8", errors="replace", newline="")
    except OSError as error:
        raise SourceError(f"{path}: cannot read: {error.strerror or error}") from None
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or options.body_field not in reader.fieldnames:
            raise SourceError(f"{path}: no '{options.body_field}' column (see --body-field)")
        for number, record in enumerate(reader, 2):
            yield _record(record, f"{path}:{number}", options)


def _record(record: dict, where: str, options: SourceOptions) -> Message:
    """A help-desk export row: its body (text or HTML), id and group."""
    body = record.get(options.body_field)
    identifier = str(record.get(options.id_field) or where)
    if not isinstance(body, str) or not body.strip():
        return Message(id=identifier, error=f"no '{options.body_field}' text at {where}")
    looks_html = body.lstrip().startswith("<") and ">" in body
    return Message(
        id=identifier,
        data=body.encode("utf-8"),
        name="message.html" if looks_html else "message.txt",
        group=_record_group(record, options.group_by),
    )


def _record_group(record: dict, group_by: str | None) -> str:
    """A field's value ("agent"), or the month of a date field ("month:created_at")."""
    if not group_by:
        return ""
    month, _, field = group_by.partition(":")
    if month == "month" and field:
        value = str(record.get(field) or "")
        return value[:7] if len(value) >= 7 and value[4] == "-" else "unknown"
    return str(record.get(group_by) or "unknown")
