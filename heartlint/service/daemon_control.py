"""`heartlint daemon status|stop`: ask the running daemon over its socket."""

from __future__ import annotations

import json
import time
from typing import Any

from heartlint.service.client import ServerUnreachable, request
from heartlint.service.daemon import UnsafeRuntimeDir, check_private, socket_path, url_for

STOP_WAIT = 10.0


def health() -> dict[str, Any] | None:
    """The daemon's /health answer, or None when no daemon answers on the socket."""
    sock = socket_path()
    if not sock.exists():
        return None
    try:
        check_private(sock, directory=False)
        status, _, body = request(url_for(sock), "GET", "/health")
    except (ServerUnreachable, UnsafeRuntimeDir, OSError):
        return None
    return json.loads(body) if status == 200 else None


def stop() -> bool:
    """Ask the daemon to stop and wait until its socket is gone; False when none was running."""
    sock = socket_path()
    if health() is None:
        return False
    request(url_for(sock), "POST", "/shutdown", b"")
    deadline = time.monotonic() + STOP_WAIT
    while sock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return True
