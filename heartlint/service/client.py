"""Talk to a running `heartlint serve` (an http:// URL) or the per-user daemon (a unix: socket
path): post one draft, read back its result.

Standard library only, so that the lean command line path and `heartlint-sendmail` start fast.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from urllib.parse import quote, urlsplit

from heartlint import __version__
from heartlint.model import Cue, FileResult, Finding, Scope, Sentence
from heartlint.reading.decoded import InputError

SERVER_ENV = "HEARTLINT_SERVER"
TOKEN_ENV = "HEARTLINT_TOKEN"
TIMEOUT = 10
UNIX_SCHEME = "unix:"
# Sent with every request: the daemon stops (and is restarted) when it runs another version.
VERSION_HEADER = "X-Heartlint-Version"


class ServerUnreachable(Exception):
    """The server did not answer (or is restarting); the caller lints locally instead."""


def post_draft(url: str, data: bytes, name: str, incident: str = "auto", sentences: bool = False) -> FileResult:
    """Lint one draft's bytes on the server; `name`'s suffix tells the format. With `sentences`,
    the answer carries the sentence spans too (the HTML report shows them)."""
    query = f"name={quote(name)}&incident={quote(incident)}" + ("&sentences=1" if sentences else "")
    status, reason, body = request(url, "POST", f"/v1/lint?{query}", data)
    if status == 503:
        raise ServerUnreachable(_error_text(body) or reason)
    if status != 200:
        raise InputError(f"server refused the draft: {status} {reason}")
    try:
        payload = json.loads(body.decode("utf-8"))
    except ValueError as error:
        raise ServerUnreachable(f"unreadable answer: {error}") from None
    return from_file_object(payload)


def request(url: str, method: str, target: str, data: bytes | None = None) -> tuple[int, str, bytes]:
    """(status, reason, body) of one request; ServerUnreachable when nothing answers."""
    headers = {"Content-Type": "application/octet-stream", VERSION_HEADER: __version__}
    token = os.environ.get(TOKEN_ENV)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if url.startswith(UNIX_SCHEME):
        path = url[len(UNIX_SCHEME) :]
        return _exchange(lambda: _unix_socket(path), path, "localhost", method, target, data, headers)
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        return _urllib_request(url, method, target, data, headers)
    address = (parts.hostname, parts.port or 80)
    path = parts.path.rstrip("/") + target

    def connect() -> socket.socket:
        return socket.create_connection(address, timeout=TIMEOUT)

    return _exchange(connect, url, parts.netloc, method, path, data, headers)


def _exchange(
    connect: Callable[[], socket.socket],
    where: str,
    host: str,
    method: str,
    target: str,
    data: bytes | None,
    headers: dict[str, str],
) -> tuple[int, str, bytes]:
    """One HTTP/1.0 request and its answer, read until the server closes the connection (as
    `heartlint serve` does): http.client and urllib cost more to import than the whole exchange."""
    lines = [f"{method} {target} HTTP/1.0", f"Host: {host}", *(f"{key}: {value}" for key, value in headers.items())]
    if data is not None:
        lines.append(f"Content-Length: {len(data)}")
    try:
        with connect() as sock:
            sock.sendall("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + (data or b""))
            answer = b"".join(iter(lambda: sock.recv(65536), b""))
        head, _, body = answer.partition(b"\r\n\r\n")
        status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        _, status, reason = [*status_line.split(" ", 2), ""][:3]
        return int(status), reason, body
    except OSError as error:
        raise ServerUnreachable(f"{where}: {error.strerror or error}") from None
    except (ValueError, UnicodeError):
        raise ServerUnreachable(f"{where}: not an HTTP answer") from None


def _unix_socket(path: str) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(TIMEOUT)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        raise
    return sock


def _urllib_request(
    url: str, method: str, target: str, data: bytes | None, headers: dict[str, str]
) -> tuple[int, str, bytes]:
    """An https:// server (or anything but plain http): urllib handles TLS and proxies."""
    import urllib.error
    import urllib.request

    call = urllib.request.Request(f"{url.rstrip('/')}{target}", data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(call, timeout=TIMEOUT) as response:
            return response.status, response.reason, response.read()
    except urllib.error.HTTPError as error:
        return error.code, str(error.reason), error.read()
    except (urllib.error.URLError, OSError) as error:
        raise ServerUnreachable(str(getattr(error, "reason", error))) from None


def _error_text(body: bytes) -> str:
    try:
        return str(json.loads(body.decode("utf-8")).get("error", ""))
    except (ValueError, AttributeError):
        return ""


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
