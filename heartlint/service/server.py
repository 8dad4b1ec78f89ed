"""`heartlint serve`: a warm local HTTP server for pre-send hooks and editor plugins.

Endpoints:
- `GET /health`: {"status": "ok", "heartlint": version}
- `POST /v1/lint`: JSON {"text": "...", "name": "reply.eml", "incident": "auto"} (or a raw
  text/HTML/MIME body with optional `?name=` and `?incident=auto|always|never`) → the SPEC §5
  file object, plus the linted `text` (and with `?sentences=1` the sentence spans, for the HTML
  report).
- `POST /v2/check`: LanguageTool's form fields (`text`, or `data` with markup annotations,
  `language`) → LanguageTool's JSON shape, so LanguageTool clients can use heartlint as their
  "local server". Offsets are UTF-16 code units into the original text, as LanguageTool's.
- `GET /v2/languages`: the languages heartlint checks (English).
- `POST /shutdown`: only on the per-user daemon's private socket (see `daemon_server`).

With a token (HEARTLINT_TOKEN) `/v1` and `/v2` need `Authorization: Bearer <token>`; CORS
headers are sent only for the origin given with `--cors` (browser add-ons). Request bodies are
limited in size (`--max-size`) and requests in rate (50 a second, bursts of 100: then 429).

The pipeline is loaded once; requests are served by threads and linted one at a time.
"""

from __future__ import annotations

import hmac
import json
import os
import queue
import signal
import socketserver
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

from heartlint import __version__
from heartlint.model import INCIDENT_MODES, FileResult
from heartlint.reading.files import MAX_BYTES, InputError, draft_from_bytes
from heartlint.reports.json_report import file_object
from heartlint.runner import Runner, RunOptions
from heartlint.service.client import TOKEN_ENV

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
]
LT_ISSUE_TYPES = {"error": "misspelling", "warning": "style", "info": "hint"}


class RequestError(Exception):
    """A bad request: answered with its status and a one-line message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class LintService:
    """The linting behind the endpoints, independent of HTTP."""

    def __init__(self, runner: Runner | None = None, max_bytes: int = MAX_BYTES) -> None:
        self.runner = runner or Runner(RunOptions(isolated=True))
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._by_incident: dict[str, Runner] = {}

    def lint(self, data: bytes, name: str, incident: str = "auto") -> FileResult:
        try:
            draft = draft_from_bytes(data, name, name, self.max_bytes)
        except InputError as error:
            return FileResult(path=name, error=str(error))
        with self._lock:
            return self._runner(incident).lint_drafts([draft])[0]

    def _runner(self, incident: str) -> Runner:
        """The runner for an incident mode ("auto": the service's own), all sharing one pipeline."""
        if incident == "auto":
            return self.runner
        if incident not in self._by_incident:
            options = RunOptions(isolated=True, incident=incident)
            self._by_incident[incident] = Runner(options, nlp=self.runner.nlp)
        return self._by_incident[incident]

    def lint_object(self, data: bytes, name: str, incident: str = "auto", sentences: bool = False) -> dict[str, Any]:
        if incident not in INCIDENT_MODES:
            raise RequestError(HTTPStatus.BAD_REQUEST, f"incident must be one of {', '.join(INCIDENT_MODES)}")
        result = self.lint(data, name, incident)
        answer = {**file_object(result), "text": result.text}
        if sentences:
            answer["sentences"] = [{"start": s.start, "end": s.end} for s in result.sentences]
        return answer

    def languagetool(self, plain: str, to_original: list[int], original: str) -> dict[str, Any]:
        """LanguageTool's answer for text whose characters map to `original` offsets."""
        result = self.lint(plain.encode("utf-8", "surrogatepass"), "draft.txt")
        rules = {rule.code: rule for rule in self.runner.rules()}
        matches = []
        for finding in result.findings:
            start = to_original[finding.start] if finding.start < len(to_original) else len(original)
            end = to_original[finding.end - 1] + 1 if finding.end > finding.start else start
            rule = rules.get(finding.code)
            matches.append(
                {
                    "message": f"{finding.message} {finding.help}",
                    "shortMessage": finding.code,
                    "offset": _utf16(original, start),
                    "length": _utf16(original, end) - _utf16(original, start),
                    "replacements": [],
                    "context": _context(original, start, end),
                    "sentence": plain[finding.start : finding.end],
                    "type": {"typeName": "Other"},
                    "rule": {
                        "id": finding.code,
                        "subId": finding.rule,
                        "description": rule.summary if rule else finding.rule,
                        "issueType": LT_ISSUE_TYPES[finding.severity],
                        "category": {"id": "HEARTLINT", "name": "heartlint: heart before head"},
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
        return {
            "software": {
                "name": "heartlint",
                "version": __version__,
                "buildDate": None,
                "apiVersion": 1,
                "status": "",
                "premium": False,
            },
            "language": {
                "name": "English",
                "code": "en-US",
                "detectedLanguage": {"name": "English", "code": "en-US", "confidence": 1.0},
            },
            "matches": matches,
        }


def plain_from_form(form: dict[str, list[str]]) -> tuple[str, list[int], str]:
    """The text to check from LanguageTool's `text` or `data` field: (plain text, plain → original
    offsets, original text). Markup is replaced by its `interpretAs` (or nothing)."""
    if "text" in form:
        text = form["text"][0]
        return text, list(range(len(text))), text
    if "data" not in form:
        raise RequestError(HTTPStatus.BAD_REQUEST, "missing 'text' or 'data' parameter")
    try:
        annotations = json.loads(form["data"][0])["annotation"]
    except (ValueError, KeyError, TypeError):
        raise RequestError(HTTPStatus.BAD_REQUEST, "'data' must be JSON with an 'annotation' list") from None
    plain: list[str] = []
    mapping: list[int] = []
    original = ""
    for part in annotations:
        if not isinstance(part, dict):
            raise RequestError(HTTPStatus.BAD_REQUEST, "each annotation must be an object")
        if "text" in part:
            text = str(part["text"])
            plain.append(text)
            mapping.extend(range(len(original), len(original) + len(text)))
            original += text
        else:
            markup = str(part.get("markup", ""))
            shown = str(part.get("interpretAs", ""))
            plain.append(shown)
            mapping.extend([len(original)] * len(shown))
            original += markup
    return "".join(plain), mapping, original


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def _context(text: str, start: int, end: int, width: int = 40) -> dict[str, Any]:
    left = max(0, start - width)
    snippet = text[left : min(len(text), end + width)]
    return {
        "text": snippet,
        "offset": _utf16(text, start) - _utf16(text, left),
        "length": _utf16(text, end) - _utf16(text, start),
    }


class RateLimiter:
    """A token bucket: `rate` requests a second on average, bursts of up to `burst`."""

    def __init__(self, rate: float = 50.0, burst: int = 100, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = float(burst)
        self.last = clock()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            now = self.clock()
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
            self.last = now
            if self.tokens < 1:
                return False
            self.tokens -= 1
            return True


class Guard(Protocol):
    """What the daemon adds: admitting requests (or refusing, when out of date) and its health."""

    def admit(self, headers: Any) -> None: ...

    def health(self) -> dict[str, Any]: ...

    def stop(self) -> None: ...


class PooledMixIn(socketserver.BaseServer):
    """Serve each connection on one of a few long-lived daemon threads: starting a thread per
    connection, as socketserver.ThreadingMixIn does, cost about 3 ms of every request. When all
    of them are busy (say, with clients that connect and send nothing), a connection gets a
    thread of its own, so no one waits."""

    workers = 16
    _connections: queue.SimpleQueue | None = None

    def process_request(self, request: Any, client_address: Any) -> None:
        if self._connections is None:  # only serve_forever's thread gets here
            self._connections, self._idle, self._idle_lock = queue.SimpleQueue(), self.workers, threading.Lock()
            for _ in range(self.workers):
                threading.Thread(target=self._serve_connections, args=(self._connections,), daemon=True).start()
        with self._idle_lock:
            pooled = self._idle > 0
            self._idle -= pooled
        if pooled:
            self._connections.put((request, client_address))
        else:
            threading.Thread(target=self._serve_one, args=(request, client_address), daemon=True).start()

    def _serve_connections(self, connections: queue.SimpleQueue) -> None:
        while True:
            self._serve_one(*connections.get())
            with self._idle_lock:
                self._idle += 1

    def _serve_one(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)


class PooledHTTPServer(PooledMixIn, HTTPServer):
    """The TCP server of `heartlint serve`."""


class Handler(BaseHTTPRequestHandler):
    """HTTP glue: parse, dispatch to the LintService, answer JSON."""

    # A connection that sends nothing is dropped after this many seconds, freeing its thread.
    timeout = 30
    service: LintService
    guard: Guard | None = None
    token: str | None = None
    cors_origin: str | None = None
    limiter: RateLimiter | None = None
    server_version = f"heartlint/{__version__}"

    def do_OPTIONS(self) -> None:
        """A browser's CORS preflight: answered only when an origin was allowed with --cors."""
        if self.cors_origin is None:
            self._answer(lambda: _refuse(HTTPStatus.METHOD_NOT_ALLOWED, "CORS is off (see heartlint serve --cors)"))
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _cors_headers(self) -> None:
        if self.cors_origin is not None:
            self.send_header("Access-Control-Allow-Origin", self.cors_origin)
            self.send_header("Vary", "Origin")

    def _authorized(self) -> bool:
        """Whether the request may use /v1 and /v2: always without a token, else with it."""
        if self.token is None or not urlparse(self.path).path.startswith(("/v1/", "/v2/")):
            return True
        given = self.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode())

    def do_GET(self) -> None:
        self._answer(lambda: self._get(urlparse(self.path).path))

    def do_POST(self) -> None:
        self._answer(lambda: self._post(urlparse(self.path)))

    def _get(self, path: str) -> Any:
        if path == "/health":
            extra = self.guard.health() if self.guard is not None else {"pid": os.getpid()}
            return {"status": "ok", "heartlint": __version__, **extra}
        if path == "/v2/languages":
            return LANGUAGES
        if path in ("/v1/lint", "/v2/check"):
            raise RequestError(HTTPStatus.METHOD_NOT_ALLOWED, f"use POST for {path}")
        raise RequestError(HTTPStatus.NOT_FOUND, f"no endpoint {path}")

    def _post(self, url) -> Any:
        body = self._body()
        if url.path == "/shutdown" and self.guard is not None:
            self.guard.stop()
            return {"status": "stopping"}
        if self.guard is not None:
            self.guard.admit(self.headers)
        if url.path == "/v1/lint":
            kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind == "application/json":
                try:
                    request = json.loads(body)
                    text, name = request["text"], str(request.get("name") or "draft.txt")
                    incident = str(request.get("incident") or "auto")
                    if not isinstance(text, str):
                        raise TypeError
                except (ValueError, KeyError, TypeError):
                    raise RequestError(HTTPStatus.BAD_REQUEST, 'expected JSON {"text": "...", "name": "..."}') from None
                return self.service.lint_object(text.encode("utf-8", "surrogatepass"), name, incident)
            query = parse_qs(url.query)
            name = query.get("name", ["draft.eml" if kind == "message/rfc822" else "draft.txt"])[0]
            incident = query.get("incident", ["auto"])[0]
            return self.service.lint_object(body, name, incident, query.get("sentences", ["0"])[0] == "1")
        if url.path == "/v2/check":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                raise RequestError(HTTPStatus.BAD_REQUEST, "the form must be UTF-8") from None
            language = form.get("language", ["en-US"])[0]
            if language != "auto" and not language.lower().startswith("en"):
                raise RequestError(
                    HTTPStatus.BAD_REQUEST, f"language '{language}' is not supported: heartlint checks English"
                )
            return self.service.languagetool(*plain_from_form(form))
        raise RequestError(HTTPStatus.NOT_FOUND, f"no endpoint {url.path}")

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            raise RequestError(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length > self.service.max_bytes:
            raise RequestError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request larger than {self.service.max_bytes} bytes"
            )
        return self.rfile.read(length)

    def _answer(self, produce) -> None:
        try:
            if self.limiter is not None and not self.limiter.allow():
                raise RequestError(HTTPStatus.TOO_MANY_REQUESTS, "too many requests: slow down")
            if not self._authorized():
                raise RequestError(HTTPStatus.UNAUTHORIZED, "missing or wrong bearer token (HEARTLINT_TOKEN)")
            status, payload = HTTPStatus.OK, produce()
        except RequestError as error:
            status, payload = error.status, {"error": str(error)}
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status == HTTPStatus.UNAUTHORIZED:
            self.send_header("WWW-Authenticate", 'Bearer realm="heartlint"')
        self._cors_headers()
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # quiet by default
        pass


def _refuse(status: HTTPStatus, message: str) -> Any:
    raise RequestError(status, message)


def make_server(
    host: str,
    port: int,
    service: LintService,
    token: str | None = None,
    cors: str | None = None,
    limiter: RateLimiter | None = None,
) -> PooledHTTPServer:
    """A server bound to host:port (port 0 picks a free one), ready to `serve_forever`; with a
    token, /v1 and /v2 need it as a bearer token; with `cors`, that origin may call from a
    browser; requests beyond the rate limit get 429."""
    settings = {"service": service, "token": token or None, "cors_origin": cors, "limiter": limiter or RateLimiter()}
    handler = type("BoundHandler", (Handler,), settings)
    return PooledHTTPServer((host, port), handler)


def stop_on_signals(server: Any) -> Callable[..., None]:
    """Make SIGINT and SIGTERM stop `server` gracefully (requests in flight finish); return the
    stopper, which other threads may call too."""

    def stop(*_: Any) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return stop


def warm_up(service: LintService) -> None:
    """Lint one draft so the first real request finds every model loaded."""
    service.lint(b"I'm so sorry. We have refunded you.", "warmup.txt")


def serve(host: str = "127.0.0.1", port: int = 8081, max_bytes: int = MAX_BYTES, cors: str | None = None) -> None:
    """Run until SIGINT/SIGTERM, then finish the requests in flight and stop. $HEARTLINT_TOKEN,
    when set, guards /v1 and /v2."""
    service = LintService(max_bytes=max_bytes)
    warm_up(service)
    server = make_server(host, port, service, token=os.environ.get(TOKEN_ENV), cors=cors)
    stop_on_signals(server)
    print(f"heartlint {__version__} serving on http://{host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
