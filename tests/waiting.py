"""Polling for something a background process does (a daemon's socket, Thunderbird's start-up)."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(condition: Callable[[], bool], seconds: float, every: float = 0.2) -> bool:
    """True as soon as `condition()` holds, False when `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False
