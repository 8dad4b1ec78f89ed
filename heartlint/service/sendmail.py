"""`heartlint-sendmail`: a sendmail wrapper for mutt/neomutt and other mail programs.

    set sendmail="heartlint-sendmail /usr/sbin/sendmail -oem -oi"

It reads the outgoing message from stdin, lints its body (quoted history and signature are left
out), and either blocks the send with a readable message when there are error-level findings, or
passes the message byte-for-byte to the real sendmail with the same arguments. It uses a running
`heartlint serve` when HEARTLINT_SERVER is set, or the per-user daemon when it is enabled
(HEARTLINT_DAEMON=1 or `daemon = true`). HEARTLINT_SEND_ANYWAY=1 sends without checking.
"""

from __future__ import annotations

import os
import subprocess
import sys

from heartlint.config import find_config
from heartlint.model import FileResult
from heartlint.service import daemon

BLOCKED = 1
USAGE = 64


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: heartlint-sendmail /path/to/sendmail [sendmail arguments…]\n")
        sys.exit(USAGE)
    message = sys.stdin.buffer.read()
    if os.environ.get("HEARTLINT_SEND_ANYWAY") != "1":
        result = _lint(message)
        errors = [f for f in result.findings if f.severity == "error"]
        if errors:
            sys.stderr.write(_explain(result, errors))
            sys.exit(BLOCKED)
    try:
        sent = subprocess.run(args, input=message)
    except OSError as error:
        sys.stderr.write(f"heartlint-sendmail: cannot run {args[0]}: {error.strerror or error}\n")
        sys.exit(USAGE)
    sys.exit(sent.returncode)


def _lint(message: bytes) -> FileResult:
    """Lint on $HEARTLINT_SERVER or the per-user daemon when enabled; here when neither answers."""
    from heartlint.reading.decoded import InputError
    from heartlint.service.client import ServerUnreachable, post_draft

    server, idle = _server()
    if server:
        try:
            return post_draft(server, message, "outgoing.eml")
        except (ServerUnreachable, InputError):
            if idle is not None:
                daemon.restart(idle)
    from heartlint.api import lint_text

    return lint_text(message.decode("utf-8", "surrogateescape"), name="outgoing.eml")


def _server() -> tuple[str | None, int | None]:
    """(address, the daemon's idle timeout when it is the daemon)."""
    server = os.environ.get("HEARTLINT_SERVER")
    if server:
        return server, None
    config = find_config("-")
    if not daemon.enabled(False, config.daemon):
        return None, None
    idle = daemon.idle_timeout(config.daemon_idle_timeout)
    try:
        return daemon.find(idle), idle
    except (daemon.UnsafeRuntimeDir, OSError) as problem:
        sys.stderr.write(f"heartlint-sendmail: not using the daemon: {problem}\n")
        return None, None


def _explain(result: FileResult, errors: list) -> str:
    lines = ["heartlint: not sent. Put the heart before the head:"]
    for finding in errors:
        lines.append(f"  {finding.code} {finding.message}")
        lines.append(f"      {finding.help}")
    lines.append("Edit the message and send again (HEARTLINT_SEND_ANYWAY=1 sends it as it is).")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
