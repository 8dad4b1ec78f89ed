"""The daemon's side: serve the HTTP API on the private Unix socket until idle, stopped, or out
of date (another heartlint version calls, or the rule packs change on disk)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socketserver
import threading
import time
from collections.abc import Callable, Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any

from heartlint import __version__
from heartlint.analysis.packs import builtin_pack_dir, installed_packs
from heartlint.reading.raw import MAX_BYTES
from heartlint.service.client import VERSION_HEADER
from heartlint.service.daemon import LOCK_NAME, SOCKET_NAME, answers, prepare_runtime_dir
from heartlint.service.server import (
    Handler,
    LintService,
    PooledMixIn,
    RateLimiter,
    RequestError,
    stop_on_signals,
    warm_up,
)

LOCK_WAIT = 10.0


class PooledUnixHTTPServer(PooledMixIn, socketserver.UnixStreamServer):
    """The daemon's server on its Unix domain socket."""


def pack_signature(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Names, modification times and sizes of every rule file: a cheap check for changes."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.toml")):
            info = path.stat()
            found.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(found)


class DaemonGuard:
    """Admits requests while the daemon is current; stops it when it is not, or when idle."""

    def __init__(self, idle: float, stop: Callable[[], None], packs: list[Path]) -> None:
        self.idle = idle
        self.stop = stop
        self.packs = packs
        self.signature = pack_signature(packs)
        self.started = time.time()
        self.requests = 0
        self.last = time.monotonic()

    def admit(self, headers: Mapping[str, str]) -> None:
        """Count the request; a RequestError (503) and a stop when the daemon is out of date."""
        self.last = time.monotonic()
        self.requests += 1
        version = headers.get(VERSION_HEADER)
        if version and version != __version__:
            self.stop()
            raise RequestError(
                HTTPStatus.SERVICE_UNAVAILABLE, f"daemon runs heartlint {__version__}, not {version}: restarting"
            )
        if pack_signature(self.packs) != self.signature:
            self.stop()
            raise RequestError(HTTPStatus.SERVICE_UNAVAILABLE, "rule packs changed: restarting")

    def health(self) -> dict[str, Any]:
        started = round(self.started)
        return {"pid": os.getpid(), "started": started, "idle_timeout": self.idle, "requests": self.requests}

    def watch_idle(self) -> None:
        """Stop the daemon once nothing has asked it anything for `idle` seconds."""
        while True:
            time.sleep(max(0.2, min(30.0, self.idle / 4)))
            if time.monotonic() - self.last > self.idle:
                self.stop()
                return


def serve_daemon(idle: float, max_bytes: int = MAX_BYTES) -> int:
    """Run the daemon in the foreground (`heartlint daemon run`); 0 when it stopped normally or
    another daemon already serves."""
    folder = prepare_runtime_dir()
    lock = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    if not _lock(lock):
        return 0
    sock = folder / SOCKET_NAME
    if sock.exists():
        if answers(sock):
            return 0
        sock.unlink()
    service = LintService(max_bytes=max_bytes)
    warm_up(service)
    handler: type[Handler] = type("DaemonHandler", (Handler,), {"service": service, "limiter": RateLimiter()})
    previous = os.umask(0o177)
    try:
        server = PooledUnixHTTPServer(str(sock), handler)
    finally:
        os.umask(previous)
    os.chmod(sock, 0o600)
    guard = DaemonGuard(idle, stop_on_signals(server), [builtin_pack_dir(), *installed_packs()])
    handler.guard = guard
    threading.Thread(target=guard.watch_idle, daemon=True).start()
    print(f"heartlint {__version__} daemon (pid {os.getpid()}) serving on {sock}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        with contextlib.suppress(FileNotFoundError):
            sock.unlink()
        os.close(lock)
    return 0


def _lock(handle: int) -> bool:
    """Take the daemon lock, waiting a little for a daemon that is stopping."""
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
