"""Talk to a running `heartlint serve`: post one draft, read back its result.

Standard library only, so that the lean command line path and `heartlint-sendmail` start fast.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from urllib.parse import quote

from heartlint.model import Cue, FileResult, Finding, Scope, Sentence
from heartlint.reading.decoded import InputError

SERVER_ENV = "HEARTLINT_SERVER"
TIMEOUT = 10


class ServerUnreachable(Exception):
    """The server did not answer; the caller lints locally instead."""


def post_draft(url: str, data: bytes, name: str, incident: str = "auto", sentences: bool = False) -> FileResult:
    """Lint one draft's bytes on the server; `name`'s suffix tells the format. With `sentences`,
    the answer carries the sentence spans too (the HTML report shows them)."""
    query = f"name={quote(name)}&incident={quote(incident)}" + ("&sentences=1" if sentences else "")
    request = urllib.request.Request(
        f"{url.rstrip('/')}/v1/lint?{query}",
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
    """A FileResult from the JSON file object (SPEC §5) plus the linted `text` (and sentences)."""
    text = data.get("text", "")
    return FileResult(
        path=data["path"],
        incident=data["incident"],
        error=data["error"],
        text=text,
        positions=data.get("positions", "file"),
        notices=data.get("notices", []),
        moves=[
            Cue(m["move"], m["start"], m["end"], m["text"], m.get("pattern", ""), confidence=m.get("confidence"))
            for m in data["moves"]
        ],
        findings=[
            Finding(f["rule"], f["code"], f["severity"], f["message"], f["help"], f["start"], f["end"])
            for f in data["findings"]
        ],
        scopes=[Scope(s["kind"], s["start"], s["end"]) for s in data.get("scopes", [])],
        sentences=[Sentence(s["start"], s["end"], text[s["start"] : s["end"]]) for s in data.get("sentences", [])],
    )


def server_url(option: str | None) -> str | None:
    """The server to use: the --server option, else $HEARTLINT_SERVER."""
    return option or os.environ.get(SERVER_ENV) or None
