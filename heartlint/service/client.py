"""Client mode: send drafts to a running `heartlint serve` instead of loading spaCy here.

Only the cheap steps run locally (finding files, reading them, applying the nearest
configuration's rule selection); the server parses and lints. Nothing here imports spaCy.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from heartlint.config import ConfigError, find_config
from heartlint.model import Cue, FileResult, Finding, Scope
from heartlint.reading.files import InputError, read_bytes
from heartlint.reading.paths import STDIN, expand

SERVER_ENV = "HEARTLINT_SERVER"
TIMEOUT = 10


class ServerUnreachable(Exception):
    """The server did not answer; the caller lints locally instead."""


def lint_remote(url: str, arguments: list[str], stdin_filename: str | None, max_bytes: int) -> list[FileResult]:
    """One FileResult per input, linted by the server at `url`."""
    results = []
    for path, error in expand(arguments):
        if error:
            results.append(FileResult(path=path, error=error))
            continue
        try:
            data = read_bytes(path, max_bytes)
            name = (stdin_filename or "draft.txt") if path == STDIN else Path(path).name
            result = post_draft(url, data, name)
            result.path = path
            config = find_config(path)
            result.fail_on = config.fail_on or "error"
            results.append(config.settings_for(path).apply(result))
        except (InputError, ConfigError) as problem:
            results.append(FileResult(path=path, error=str(problem)))
    return results


def post_draft(url: str, data: bytes, name: str) -> FileResult:
    """Lint one draft's bytes on the server; `name`'s suffix tells the format."""
    request = urllib.request.Request(
        f"{url.rstrip('/')}/v1/lint?name={quote(name)}",
        data=data,
        headers={"Content-Type": "application/octet-stream"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            payload = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        raise InputError(f"server refused the draft: {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise ServerUnreachable(str(getattr(error, "reason", error))) from None
    return from_file_object(payload)


def from_file_object(data: dict) -> FileResult:
    """A FileResult from the JSON file object (SPEC §5) plus the linted `text`."""
    return FileResult(
        path=data["path"],
        incident=data["incident"],
        error=data["error"],
        text=data.get("text", ""),
        positions=data.get("positions", "file"),
        notices=data.get("notices", []),
        moves=[Cue(m["move"], m["start"], m["end"], m["text"], m.get("pattern", "")) for m in data["moves"]],
        findings=[
            Finding(f["rule"], f["code"], f["severity"], f["message"], f["help"], f["start"], f["end"])
            for f in data["findings"]
        ],
        scopes=[Scope(s["kind"], s["start"], s["end"]) for s in data.get("scopes", [])],
    )


def server_url(option: str | None) -> str | None:
    """The server to use: the --server option, else $HEARTLINT_SERVER."""
    return option or os.environ.get(SERVER_ENV) or None
