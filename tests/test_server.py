"""The warm server, its LanguageTool-compatible API, and client mode, as hooks and plugins use them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest

from heartlint.runner import Runner, RunOptions
from heartlint.service.server import LintService, make_server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EML = Path(__file__).resolve().parent / "fixtures" / "email" / "multipart-alternative.eml"


@pytest.fixture(scope="module")
def server(linter):
    service = LintService(Runner(RunOptions(isolated=True), nlp=linter.nlp), max_bytes=64 * 1024)
    httpd = make_server("127.0.0.1", 0, service)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def call(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, object]:
    request = urllib.request.Request(
        url, data=data, headers=headers or {}, method="POST" if data is not None else "GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_health_and_languages(server):
    status, health = call(f"{server}/health")
    assert status == 200 and health["status"] == "ok" and health["heartlint"] and health["pid"] == os.getpid()
    status, languages = call(f"{server}/v2/languages")
    assert status == 200 and {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages


def test_v1_lint_json_and_raw_email(server):
    status, body = call(
        f"{server}/v1/lint",
        json.dumps({"text": "We have refunded you. Sorry!"}).encode(),
        {"Content-Type": "application/json"},
    )
    assert status == 200 and [f["code"] for f in body["findings"]] == ["HL101", "HL102", "HL301", "HL303"]
    assert set(body) >= {"path", "incident", "moves", "findings", "error", "text"}
    status, body = call(f"{server}/v1/lint?name=reply.eml", EML.read_bytes(), {"Content-Type": "message/rfc822"})
    assert status == 200 and body["positions"] == "file" and "blame" not in [m["move"] for m in body["moves"]]


@pytest.mark.parametrize(
    "path,data,headers,status",
    [
        ("/v1/lint", b"{not json", {"Content-Type": "application/json"}, 400),
        ("/v1/lint", b"x" * (64 * 1024 + 1), {}, 413),
        ("/v2/check", b"language=en-US", {}, 400),
        ("/v2/check", urlencode({"text": "Lo siento", "language": "es"}).encode(), {}, 400),
        ("/nowhere", b"", {}, 404),
    ],
)
def test_bad_requests_are_clear_4xx(server, path, data, headers, status):
    code, body = call(f"{server}{path}", data, headers)
    assert code == status and isinstance(body["error"], str) and body["error"]
    assert call(f"{server}/v1/lint")[0] == 405


def test_languagetool_check_with_text(server):
    form = urlencode({"text": "😀 We have refunded you. Sorry!", "language": "en-US"}).encode()
    status, body = call(f"{server}/v2/check", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and body["software"]["name"] == "heartlint" and body["language"]["code"] == "en-US"
    fix = next(m for m in body["matches"] if m["rule"]["id"] == "HL101")
    assert (fix["offset"], fix["length"]) == (3, 16)  # UTF-16 offsets, as LanguageTool clients expect
    assert (
        fix["rule"]["category"]["id"] == "HEARTLINT" and fix["rule"]["description"] and fix["shortMessage"] == "HL101"
    )
    context = fix["context"]["text"].encode("utf-16-le")[2 * fix["context"]["offset"] :].decode("utf-16-le")
    assert context.startswith("We have refunded")  # a JavaScript client slices in UTF-16 units too
    assert fix["replacements"] == [] and fix["type"] == {"typeName": "Other"}


def test_languagetool_check_with_markup_data(server):
    data = {
        "annotation": [
            {"markup": "<p>"},
            {"text": "We have refunded you."},
            {"markup": "</p><p>", "interpretAs": "\n\n"},
            {"text": "Sorry!"},
            {"markup": "</p>"},
        ]
    }
    form = urlencode({"data": json.dumps(data), "language": "en-US"}).encode()
    _, body = call(f"{server}/v2/check", form)
    original = "<p>We have refunded you.</p><p>Sorry!</p>"
    fix = next(m for m in body["matches"] if m["rule"]["id"] == "HL101")
    assert original[fix["offset"] : fix["offset"] + fix["length"]] == "We have refunded"


def test_concurrent_requests_are_answered_correctly(server):
    texts = [
        f"We have refunded order {i}. Sorry!"
        if i % 2
        else f"I'm so sorry, I know how stressful order {i} was. We refunded you."
        for i in range(16)
    ]

    def lint(text):
        return call(f"{server}/v1/lint", json.dumps({"text": text}).encode(), {"Content-Type": "application/json"})[1]

    with ThreadPoolExecutor(8) as pool:
        bodies = list(pool.map(lint, texts))
    for i, body in enumerate(bodies):
        assert body["text"] == texts[i]
        assert ("HL101" in [f["code"] for f in body["findings"]]) == bool(i % 2)


CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    "options",
    [
        ("--format", "text"),
        ("--format", "json"),
        ("--format", "sarif"),
        ("--format", "github"),
        ("--format", "text", "--select", "HL1", "--fail-on", "warning"),
        ("--format", "json", "--incident", "always", "--ignore", "HL301"),
    ],
)
def test_client_mode_prints_what_a_local_run_prints(server, cli, options):
    paths = [str(CORPUS / "retail"), str(CORPUS / "wild-d"), str(EML), str(EXAMPLES / "missing.txt")]
    local = cli(*options, *paths)
    remote = cli(*options, "--server", server, *paths)
    assert remote == local  # exit code, stdout and stderr, byte for byte
    assert local[0] == 2 and "missing.txt: no such file" in local[2]


def test_client_mode_html_report_shows_the_same_sentences(server, cli):
    draft = str(EXAMPLES / "late-delivery.txt")
    assert cli("--format", "html", "--server", server, draft) == cli("--format", "html", draft)


def test_client_mode_imports_only_the_standard_library_before_the_request(server):
    script = f"""
import sys
at_start = {{name.split(".")[0] for name in sys.modules}}  # what the interpreter itself loaded
import socket
seen = []
real = socket.create_connection
def spy(*args, **kwargs):
    seen.append({{name.split(".")[0] for name in sys.modules}})
    return real(*args, **kwargs)
socket.create_connection = spy
from heartlint.cli import main
try:
    main(["--server", {server!r}, {str(EXAMPLES / "late-delivery.txt")!r}])
except SystemExit as done:
    outside = sorted(m for m in seen[0] - at_start if m not in sys.stdlib_module_names and m != "heartlint")
    print("EXIT", done.code, len(seen), outside)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True).stdout
    assert out.strip().splitlines()[-1] == "EXIT 1 1 []"


def test_stdin_is_still_linted_when_the_server_is_down():
    text = (EXAMPLES / "late-delivery.txt").read_text()
    done = subprocess.run(
        [sys.executable, "-m", "heartlint", "--server", "http://127.0.0.1:9", "-"],
        input=text,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "HL101" in done.stdout and "linting locally" in done.stderr


def test_client_mode_leaves_local_rule_packs_to_a_local_run(server, cli, tmp_path):
    pack = tmp_path / "pack"
    (pack / "rules").mkdir(parents=True)
    draft = str(EXAMPLES / "late-delivery.txt")
    code, _, err = cli("--server", "http://127.0.0.1:9", "--pack", str(pack), draft)
    assert code == 1 and "unreachable" not in err  # never tried: the server lacks the pack


def test_unreachable_server_falls_back_to_local(cli):
    code, out, err = cli("--server", "http://127.0.0.1:9", str(EXAMPLES / "late-delivery-better.txt"))
    assert code == 0 and "moves: APOLOGY → EMPATHY → FIX" in out
    assert err.count("\n") == 1 and "unreachable" in err and "linting locally" in err


def test_a_server_that_hangs_up_without_answering_falls_back_to_local(cli):
    listener = socket.create_server(("127.0.0.1", 0))

    def hang_up() -> None:
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.close()

    threading.Thread(target=hang_up, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        code, out, err = cli("--server", url, str(EXAMPLES / "late-delivery-better.txt"))
    finally:
        listener.close()
    assert code == 0 and "moves: APOLOGY → EMPATHY → FIX" in out
    assert err.count("\n") == 1 and "not an HTTP answer" in err and "linting locally" in err


def test_serve_command_answers_and_stops_gracefully_on_sigterm():
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "heartlint", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        banner = process.stdout.readline()
        assert banner.startswith("heartlint ") and "serving on http://127.0.0.1:" in banner
        url = banner.split("serving on ")[1].strip()
        assert call(f"{url}/health")[1]["status"] == "ok"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()


@pytest.fixture(scope="module")
def guarded(linter):
    service = LintService(Runner(RunOptions(isolated=True), nlp=linter.nlp))
    httpd = make_server("127.0.0.1", 0, service, token="s3cret", cors="moz-extension://heartlint-addon")
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def raw(url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_a_token_guards_the_api_but_not_health(guarded):
    body = json.dumps({"text": "We have refunded you."}).encode()
    json_type = {"Content-Type": "application/json"}
    status, headers = raw(f"{guarded}/v1/lint", "POST", body, json_type)
    assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
    assert raw(f"{guarded}/v1/lint", "POST", body, {**json_type, "Authorization": "Bearer wrong"})[0] == 401
    assert raw(f"{guarded}/v1/lint", "POST", body, {**json_type, "Authorization": "Bearer s3cret"})[0] == 200
    assert raw(f"{guarded}/health")[0] == 200


def test_cors_headers_only_for_the_allowed_origin(server, guarded):
    assert "Access-Control-Allow-Origin" not in raw(f"{server}/health")[1]
    assert raw(f"{server}/v1/lint", "OPTIONS")[0] == 405
    status, headers = raw(f"{guarded}/v1/lint", "OPTIONS")
    assert status == 204 and headers["Access-Control-Allow-Origin"] == "moz-extension://heartlint-addon"
    assert "Authorization" in headers["Access-Control-Allow-Headers"]


def test_client_mode_sends_the_token(guarded, cli, monkeypatch):
    draft = str(EXAMPLES / "late-delivery.txt")
    monkeypatch.setenv("HEARTLINT_TOKEN", "s3cret")
    assert cli("--server", guarded, draft) == cli(draft)
    monkeypatch.setenv("HEARTLINT_TOKEN", "wrong")
    code, _, err = cli("--server", guarded, draft)
    assert code == 2 and "401" in err


def test_the_rate_limiter_allows_bursts_then_the_average_rate():
    from heartlint.service.server import RateLimiter

    now = [0.0]
    limiter = RateLimiter(rate=2, burst=3, clock=lambda: now[0])
    assert [limiter.allow() for _ in range(4)] == [True, True, True, False]
    now[0] += 0.5  # one more request's worth
    assert [limiter.allow(), limiter.allow()] == [True, False]


def test_requests_beyond_the_rate_get_429(linter):
    from heartlint.service.server import RateLimiter

    service = LintService(Runner(RunOptions(isolated=True), nlp=linter.nlp))
    httpd = make_server("127.0.0.1", 0, service, limiter=RateLimiter(rate=0.01, burst=2))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/health"
        assert [call(url)[0] for _ in range(3)] == [200, 200, 429]
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_connections_that_send_nothing_do_not_hold_up_others(server):
    """More idle connections than the server's pooled threads: a real request is still answered
    at once (not after the idle ones time out)."""
    host, port = server.removeprefix("http://").split(":")
    idle = [socket.create_connection((host, int(port))) for _ in range(20)]
    try:
        request = urllib.request.Request(f"{server}/health")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.loads(response.read())["status"] == "ok"
    finally:
        for connection in idle:
            connection.close()
