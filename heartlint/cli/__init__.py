"""The `heartlint` command line. With a server to talk to (`--server`, $HEARTLINT_SERVER) it
takes the lean path, which imports nothing heavy before the request; otherwise the full Typer
command line in `heartlint.cli.app` runs."""

from __future__ import annotations

import gc
import sys


def main(argv: list[str] | None = None) -> None:
    """Entry point of `heartlint` and `python3 -m heartlint`."""
    args = sys.argv[1:] if argv is None else argv
    # Start-up allocates hundreds of thousands of objects that live as long as the process (spaCy,
    # its model, the classifiers, the rule pack); collecting while they are created only scans
    # them again and again. The runner turns the collector back on once they are loaded.
    gc.disable()
    from heartlint.service.lean import lint_via_server

    code = lint_via_server(args)
    if code is None:
        from heartlint.cli.app import run

        code = run(args)
    sys.exit(code)
