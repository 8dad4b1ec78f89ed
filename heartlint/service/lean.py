"""The lean path of `heartlint PATH…` when a server answers (`--server URL`, $HEARTLINT_SERVER,
or the per-user daemon with `--daemon`, $HEARTLINT_DAEMON=1 or `daemon = true`): only the
standard library and heartlint's own light modules are imported before the drafts are sent; the
report is printed from the server's answers exactly as a local run prints it, with the same exit
code.

Returns None when the lean path does not apply (a subcommand, --help, a usage error, local rule
packs, no server), or when the server does not answer: the full command line then runs here.
A daemon that is not running yet is started in the background for the next call.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import NoReturn

from heartlint.config import DEFAULT, Config, ConfigError, Planner, RunOptions, find_config
from heartlint.model import INCIDENT_MODES, SEVERITIES, FileResult
from heartlint.reading.decoded import InputError
from heartlint.reading.paths import STDIN, expand
from heartlint.reading.raw import read_bytes
from heartlint.reports import FORMATS
from heartlint.reports.output import COLORS, emit
from heartlint.service import daemon
from heartlint.service.client import ServerUnreachable, post_draft, server_url

SUBCOMMANDS = ("rules", "explain", "check-rules", "serve", "daemon", "lsp", "audit")


class _UsageError(Exception):
    """The arguments are not for the lean path; the full command line reports or handles them."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    """The lint options of the full command line, the same names and choices."""
    parser = _Parser(add_help=False, allow_abbrev=False)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--format", "-f", choices=FORMATS, default="text")
    parser.add_argument("--fail-on", choices=SEVERITIES)
    parser.add_argument("--select")
    parser.add_argument("--ignore")
    parser.add_argument("--incident", choices=INCIDENT_MODES)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--isolated", action="store_true")
    parser.add_argument("--pack", action="append", default=[])
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--jobs", "-j", type=int)
    parser.add_argument("--cache", action="store_true")
    parser.add_argument("--color", choices=COLORS, default="auto")
    parser.add_argument("--max-size")
    parser.add_argument("--stdin-filename")
    parser.add_argument("--server")
    parser.add_argument("--daemon", action="store_true")
    return parser


def _rules(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(part.strip() for part in text.split(",") if part.strip())


def lint_via_server(args: list[str]) -> int | None:
    """Lint through the server and print the report; the exit code, or None to lint locally."""
    if not args or args[0] in SUBCOMMANDS or "--help" in args:
        return None
    try:
        parsed = _parser().parse_args(args)
    except _UsageError:
        return None
    if parsed.pack:
        return None
    options = RunOptions(
        stdin_filename=parsed.stdin_filename,
        max_size=parsed.max_size,
        config=parsed.config,
        isolated=parsed.isolated,
        select=_rules(parsed.select),
        ignore=_rules(parsed.ignore) or (),
        incident=parsed.incident,
        fail_on=parsed.fail_on,
        include=tuple(parsed.include),
        exclude=tuple(parsed.exclude),
    )
    url, idle = None, None
    try:
        url, idle = _server(parsed, options)
        if url is None:
            return None
        results = _lint(url, parsed.paths, options, sentences=parsed.format == "html")
    except ConfigError:
        return None  # the full command line reports it the same way as always
    except daemon.UnsafeRuntimeDir as problem:
        sys.stderr.write(f"heartlint: not using the daemon: {problem}; linting here\n")
        return None
    except ServerUnreachable as problem:
        if idle is None:
            sys.stderr.write(f"heartlint: server {url} unreachable ({problem}); linting locally\n")
        else:
            sys.stderr.write(f"heartlint: daemon unavailable ({problem}); linting here and restarting it\n")
            daemon.restart(idle)
        return None
    if results is None:
        return None
    return emit(results, parsed.format, parsed.color, _builtin_rules)


def _server(parsed: argparse.Namespace, options: RunOptions) -> tuple[str | None, int | None]:
    """(the server's address, the daemon's idle timeout when it is the daemon)."""
    url = server_url(parsed.server)
    if url:
        return url, None
    config = _project_config(options)
    if not daemon.enabled(parsed.daemon, config.daemon):
        return None, None
    idle = daemon.idle_timeout(config.daemon_idle_timeout)
    return daemon.find(idle), idle


def _project_config(options: RunOptions) -> Config:
    """The configuration that decides about the daemon: --config, else the current folder's."""
    if options.isolated:
        return DEFAULT
    return Planner(options).explicit or find_config("-")


def _lint(url: str, paths: list[str], options: RunOptions, sentences: bool) -> list[FileResult] | None:
    """Each input linted by the server, with this machine's configuration applied; None when a
    configuration asks for rule packs the server does not have."""
    planner = Planner(options)
    results: list[FileResult] = []
    for path, error in expand(paths, options.include, options.exclude):
        if error:
            results.append(FileResult(path=path, error=error))
            continue
        data = None
        try:
            plan = planner.plan(path)
            if plan.config.packs:
                return None
            data = read_bytes(path, plan.max_bytes)
            name = (plan.name or "draft.txt") if path == STDIN else Path(path).name
            result = post_draft(url, data, name, plan.settings.incident, sentences)
        except InputError as problem:
            results.append(FileResult(path=path, error=str(problem)))
            continue
        except ServerUnreachable:
            if path == STDIN and data is not None:  # the local run reads it again
                sys.stdin = io.TextIOWrapper(io.BytesIO(data))
            raise
        result.path, result.fail_on = path, plan.fail_on
        results.append(plan.settings.apply(result))
    return results


def _builtin_rules():
    """The rules the server lints with (for SARIF's rule metadata)."""
    from heartlint.analysis.packs import load_pack

    return load_pack().rules
