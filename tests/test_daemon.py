"""The per-user daemon as a writer meets it: started on first use, reused, private, stopped when
idle or out of date, and never leaving a draft unchecked when it is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from heartlint.service.client import request
from heartlint.service.daemon_server import DaemonGuard
from heartlint.service.server import RequestError
from tests import waiting

EXAMPLE = str(Path(__file__).resolve().parent.parent / "examples" / "late-delivery.txt")
START_WAIT = 120


@pytest.fixture()
def runtime(tmp_path):
    """An environment whose runtime folder is private to the test; the daemon is stopped after."""
    base = tmp_path / "run"
    base.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(base), "HEARTLINT_DAEMON": "1"}
    env.pop("HEARTLINT_SERVER", None)
    yield env
    subprocess.run([sys.executable, "-m", "heartlint", "daemon", "stop"], env=env, capture_output=True)


def heartlint(env, *args, cwd=None):
    return subprocess.run([sys.executable, "-m", "heartlint", *args], env=env, capture_output=True, text=True, cwd=cwd)


def socket_of(env) -> Path:
    return Path(env["XDG_RUNTIME_DIR"]) / "heartlint" / "daemon.sock"


def wait_for(condition, seconds=START_WAIT):
    return waiting.wait_for(condition, seconds)


def answers(env) -> bool:
    return heartlint(env, "daemon", "status").returncode == 0


def test_first_call_starts_the_daemon_and_later_calls_use_it(runtime):
    first = heartlint(runtime, EXAMPLE)
    assert first.returncode == 1 and "HL101" in first.stdout and first.stderr == ""
    assert wait_for(lambda: answers(runtime))
    sock = socket_of(runtime)
    assert oct(sock.stat().st_mode & 0o777) == "0o600"
    assert oct(sock.parent.stat().st_mode & 0o777) == "0o700"
    again = heartlint(runtime, EXAMPLE)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, first.stderr)
    status = heartlint(runtime, "daemon", "status")
    assert "running" in status.stdout and "1 request answered" in status.stdout
    stopped = heartlint(runtime, "daemon", "stop")
    assert stopped.stdout.strip() == "heartlint daemon: stopped" and not sock.exists()
    after = heartlint(runtime, "daemon", "status")
    assert after.returncode == 1 and "not running" in after.stdout


def test_the_configuration_can_turn_the_daemon_on(runtime, tmp_path):
    env = {**runtime}
    del env["HEARTLINT_DAEMON"]
    project = tmp_path / "templates"
    project.mkdir()
    (project / ".heartlint.toml").write_text('daemon = true\ndaemon-idle-timeout = "10m"\n')
    linted = heartlint(env, EXAMPLE, cwd=project)
    assert linted.returncode == 1 and "HL101" in linted.stdout, linted.stderr
    assert wait_for(lambda: answers(env))
    assert "idle timeout 600 s" in heartlint(env, "daemon", "status").stdout


def test_an_idle_daemon_stops_itself(runtime):
    env = {**runtime, "HEARTLINT_DAEMON_IDLE": "2"}
    heartlint(env, EXAMPLE)
    assert wait_for(lambda: socket_of(env).exists())
    assert wait_for(lambda: not socket_of(env).exists(), seconds=30)


def test_a_killed_daemon_never_leaves_a_draft_unchecked(runtime):
    heartlint(runtime, EXAMPLE)
    assert wait_for(lambda: answers(runtime))
    pid = int(heartlint(runtime, "daemon", "status").stdout.split("pid ")[1].split(",")[0])
    os.kill(pid, signal.SIGKILL)
    assert socket_of(runtime).exists()  # a stale socket is left behind
    checked = heartlint(runtime, EXAMPLE)
    assert checked.returncode == 1 and "HL101" in checked.stdout
    assert "daemon unavailable" in checked.stderr and checked.stderr.count("\n") == 1
    assert wait_for(lambda: answers(runtime))  # and a fresh one took its place


def test_a_client_of_another_version_makes_the_daemon_restart(runtime):
    heartlint(runtime, EXAMPLE)
    assert wait_for(lambda: answers(runtime))
    url = "unix:" + str(socket_of(runtime))
    script = (
        "import sys, heartlint.service.client as c\n"
        "c.__version__ = '0.0.0-other'\n"
        f"print(c.request({url!r}, 'POST', '/v1/lint?name=d.txt', b'Sorry.')[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=runtime, capture_output=True, text=True).stdout
    assert out.strip() == "503"
    assert wait_for(lambda: not socket_of(runtime).exists(), seconds=30)


@pytest.mark.parametrize("problem", ["open", "foreign"])
def test_an_unsafe_runtime_folder_is_refused(runtime, problem):
    folder = Path(runtime["XDG_RUNTIME_DIR"]) / "heartlint"
    folder.mkdir(mode=0o700)
    if problem == "open":
        folder.chmod(0o777)
        expected = "open to other users"
    else:
        if os.getuid() != 0:
            pytest.skip("giving a folder to another user needs root")
        os.chown(folder, 65534, 65534)
        expected = "belongs to another user"
    checked = heartlint(runtime, EXAMPLE)
    assert checked.returncode == 1 and "HL101" in checked.stdout
    assert "not using the daemon" in checked.stderr and expected in checked.stderr
    assert not (folder / "daemon.sock").exists()


def test_a_changed_rule_pack_stops_the_daemon(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    rule = pack / "rule.toml"
    rule.write_text("x = 1\n")
    stopped = []
    guard = DaemonGuard(60, lambda: stopped.append(True), [pack])
    guard.admit({})
    assert not stopped
    rule.write_text("x = 22\n")
    with pytest.raises(RequestError, match="rule packs changed"):
        guard.admit({})
    assert stopped == [True]


def test_request_reports_a_dead_socket_as_unreachable(tmp_path):
    from heartlint.service.client import ServerUnreachable

    with pytest.raises(ServerUnreachable):
        request("unix:" + str(tmp_path / "none.sock"), "GET", "/health")


def test_sendmail_wrapper_uses_the_daemon(runtime, tmp_path):
    from tests.test_integrations import BAD_MESSAGE, GOOD_MESSAGE, fake_sendmail

    heartlint(runtime, EXAMPLE)
    assert wait_for(lambda: answers(runtime))
    command = [sys.executable, "-m", "heartlint.service.sendmail", str(fake_sendmail(tmp_path))]
    blocked = subprocess.run(command, input=BAD_MESSAGE, capture_output=True, env=runtime)
    assert blocked.returncode == 1 and b"HL101" in blocked.stderr
    sent = subprocess.run(command, input=GOOD_MESSAGE, capture_output=True, env=runtime)
    assert sent.returncode == 0 and (tmp_path / "sent").read_bytes() == GOOD_MESSAGE
    assert "2 requests answered" in heartlint(runtime, "daemon", "status").stdout
