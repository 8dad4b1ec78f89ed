"""The `heartlint` command line. With a server to talk to (`--server`, $HEARTLINT_SERVER) it
takes the lean path, which imports nothing heavy before the request; otherwise the full Typer
command line in `heartlint.cli.app` runs."""

from __future__ import annotations

import gc
import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the command line on `argv` (default: the process's arguments); exits with its code."""
    args = sys.argv[1:] if argv is None else argv
    from heartlint.service.lean import lint_via_server

    code = lint_via_server(args)
    if code is None:
        from heartlint.cli.app import run

        code = run(args)
    sys.exit(code)


def entry() -> None:
    """The `heartlint` process (console script and `python3 -m heartlint`): `main` tuned for a
    short-lived process, as mypy and other CLIs do.

    Start-up allocates hundreds of thousands of objects that live as long as the process (spaCy,
    its model, the classifiers, the rule pack): garbage collection pauses while they are created
    (the runner resumes it once they are loaded) instead of scanning them again and again. And
    once the report is written and flushed, the process ends without tearing those objects down
    one by one (`os._exit`), which took a few hundred milliseconds; heartlint registers no exit
    handlers and closes every file it writes before then.
    """
    gc.disable()
    code: object = 0
    try:
        main()
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0)
