"""The per-user daemon: `heartlint serve` kept warm on a Unix domain socket, started on first use.

Opt in with `--daemon`, `HEARTLINT_DAEMON=1` or `daemon = true` in the configuration. The
socket lives in the user's runtime folder (`$XDG_RUNTIME_DIR/heartlint`, else
`/tmp/heartlint-UID`), a folder only its owner may enter (0700) holding a socket only its owner
may use (0600); a folder or socket owned by someone else, or open to others, is refused. The
daemon stops after an idle timeout, and when a client of another heartlint version talks to it
or its rule packs change on disk (the next call starts a fresh one).

Standard library only: the lean command line path asks for the daemon before it imports anything.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from heartlint.service.client import UNIX_SCHEME

DAEMON_ENV = "HEARTLINT_DAEMON"
IDLE_ENV = "HEARTLINT_DAEMON_IDLE"
DEFAULT_IDLE = 15 * 60
SOCKET_NAME = "daemon.sock"
LOCK_NAME = "daemon.lock"
LOG_NAME = "daemon.log"


class UnsafeRuntimeDir(Exception):
    """The daemon's folder or socket belongs to another user or is open to others."""


def runtime_dir() -> Path:
    """The user's private folder for the daemon's socket, lock and log."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and Path(base).is_dir():
        return Path(base) / "heartlint"
    import tempfile

    return Path(tempfile.gettempdir()) / f"heartlint-{os.getuid()}"


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


def url_for(path: Path) -> str:
    """The address clients use for a socket: "unix:/run/user/1000/heartlint/daemon.sock"."""
    return UNIX_SCHEME + str(path)


def prepare_runtime_dir() -> Path:
    """Create the private folder (0700) if needed and check that it is safe to use."""
    folder = runtime_dir()
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700, parents=False)
    check_private(folder, directory=True)
    return folder


def check_private(path: Path, directory: bool) -> None:
    """Refuse a path that is a symlink, owned by another user, or usable by others."""
    info = os.lstat(path)
    kind = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISSOCK(info.st_mode)
    if not kind:
        raise UnsafeRuntimeDir(f"{path} is not a {'folder' if directory else 'socket'}")
    if info.st_uid != os.getuid():
        raise UnsafeRuntimeDir(f"{path} belongs to another user (uid {info.st_uid})")
    if info.st_mode & 0o077:
        raise UnsafeRuntimeDir(f"{path} is open to other users (mode {stat.S_IMODE(info.st_mode):o})")


def enabled(flag: bool, configured: bool | None) -> bool:
    """Whether to use the daemon: --daemon, else $HEARTLINT_DAEMON, else the configuration."""
    if flag:
        return True
    env = os.environ.get(DAEMON_ENV)
    if env is not None and env.strip():
        return env.strip().lower() not in ("0", "false", "no", "off")
    return bool(configured)


def idle_timeout(configured: int | None) -> int:
    """Seconds of idleness before the daemon stops: $HEARTLINT_DAEMON_IDLE, the configuration,
    or 15 minutes."""
    env = os.environ.get(IDLE_ENV, "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return configured or DEFAULT_IDLE


def find(idle: int) -> str | None:
    """The daemon's address when its socket is there and safe; otherwise start one in the
    background unless one is already starting (this call lints in-process) and return None."""
    folder = prepare_runtime_dir()
    sock = folder / SOCKET_NAME
    if sock.exists():
        check_private(sock, directory=False)
        return url_for(sock)
    if not starting(folder):
        start(idle)
    return None


def starting(folder: Path) -> bool:
    """Whether a daemon holds the lock (it is loading the pipeline, or serving)."""
    import fcntl

    try:
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(handle)  # closing releases a lock we took
    return False


def start(idle: int) -> None:
    """Start `heartlint daemon run` detached (its own session; output to the runtime folder's log).
    Two callers racing both start one: the second finds the lock taken and exits."""
    import subprocess

    folder = prepare_runtime_dir()
    log = os.open(folder / LOG_NAME, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        subprocess.Popen(
            [sys.executable, "-m", "heartlint", "daemon", "run", "--idle-timeout", str(idle)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            close_fds=True,
        )
    finally:
        os.close(log)


def restart(idle: int) -> None:
    """After a failed or refused request: clear a dead socket and start a fresh daemon."""
    sock = socket_path()
    with contextlib.suppress(FileNotFoundError):
        if not answers(sock):
            sock.unlink()
    start(idle)


def answers(sock: Path) -> bool:
    import socket

    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.settimeout(1)
        probe.connect(str(sock))
        return True
    except OSError:
        return False
    finally:
        probe.close()
