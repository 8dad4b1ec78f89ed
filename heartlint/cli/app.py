"""The `heartlint` command line (Typer): linting on this machine and the documentation commands."""

from __future__ import annotations

import contextlib
import sys
from enum import Enum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from heartlint.analysis.packs import PackError, load_pack
from heartlint.model import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from heartlint.reports.output import emit
from heartlint.reports.ruledocs import explain_rule, find_rule, rules_table
from heartlint.service.lean import SUBCOMMANDS


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Incident(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


lint_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
docs_app = typer.Typer(
    add_completion=False, rich_markup_mode=None, no_args_is_help=True, pretty_exceptions_enable=False
)


@lint_app.command(
    help="Lint draft replies: the apology and empathy must come before the fix. "
    "PATHS are files, folders (searched recursively), globs, or - for stdin. "
    "Also: `heartlint rules` lists the rules, `heartlint explain HL101` documents one, "
    "`heartlint check-rules PACK` runs a rule pack's examples."
)
def lint(
    paths: list[str] = typer.Argument(..., metavar="PATH", help="Drafts to lint."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Report format."),
    fail_on: Severity | None = typer.Option(
        None, "--fail-on", help="Exit 1 on findings at or above this severity [default: error, or the config's]."
    ),
    select: str | None = typer.Option(
        None, "--select", help="Only these rules: codes, prefixes or ids, comma-separated."
    ),
    ignore: str | None = typer.Option(
        None, "--ignore", help="Skip these rules: codes, prefixes or ids, comma-separated."
    ),
    incident: Incident | None = typer.Option(
        None, "--incident", help="Apply the rules to incident replies only (auto), or to every draft."
    ),
    config: Path | None = typer.Option(None, "--config", help="Use this configuration file for every draft."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore configuration files."),
    pack: list[Path] = typer.Option([], "--pack", help="Extra rule pack folder (repeatable)."),
    include: list[str] = typer.Option(
        [], "--include", help="In folders, only lint files matching this glob (repeatable)."
    ),
    exclude: list[str] = typer.Option([], "--exclude", help="In folders, skip files matching this glob (repeatable)."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes [default: one per 256 drafts, up to all cores]."
    ),
    cache: bool = typer.Option(False, "--cache", help="Reuse results of unchanged drafts (user cache folder)."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour the text report (auto: only on a terminal)."),
    max_size: str | None = typer.Option(
        None, "--max-size", help="Refuse drafts larger than this: bytes, or 512KB, 2MB [default: 1MB]."
    ),
    stdin_filename: str | None = typer.Option(
        None, "--stdin-filename", help="Name for the draft read from - (its suffix sets the format: .eml, .html, .txt)."
    ),
    server: str | None = typer.Option(
        None, "--server", help="Let a running `heartlint serve` lint (or set HEARTLINT_SERVER); falls back to local."
    ),
    daemon: bool = typer.Option(
        False,
        "--daemon",
        help="Use the per-user daemon, starting it if needed (or HEARTLINT_DAEMON=1, or daemon = true).",
    ),
) -> None:
    # With --server, $HEARTLINT_SERVER or the daemon, `heartlint.cli.main` has already tried them.
    from heartlint.analysis.nlp import ModelNotFound
    from heartlint.config import ConfigError, parse_size
    from heartlint.runner import Runner, RunOptions

    try:
        if max_size is not None:
            parse_size(max_size)
        options = RunOptions(
            stdin_filename=stdin_filename,
            max_size=max_size,
            config=config,
            isolated=isolated,
            packs=tuple(p.resolve() for p in pack),
            select=_rules(select),
            ignore=_rules(ignore) or (),
            incident=incident.value if incident else None,
            fail_on=fail_on.value if fail_on else None,
            include=tuple(include),
            exclude=tuple(exclude),
            cache=cache,
            jobs=jobs,
        )
        runner = Runner(options)
        with _progress_bar(runner, enabled=output_format is OutputFormat.text):
            results = runner.lint_paths(paths)
    except (ModelNotFound, PackError, ConfigError) as error:
        _fail(str(error))
    raise typer.Exit(emit(results, output_format.value, color.value, runner.rules))


@docs_app.command("rules", help="List every rule: code, id, severity and what it checks.")
def rules_command(
    pack: list[Path] = typer.Option([], "--pack", help="Also list the rules of this pack folder."),
) -> None:
    sys.stdout.write(rules_table(_pack(pack)) + "\n")


@docs_app.command("explain", help="Print the documentation of a rule, by code (HL101) or id (fix-before-apology).")
def explain_command(
    rule: str = typer.Argument(..., help="Rule code or id."),
    pack: list[Path] = typer.Option([], "--pack", help="Also look in this pack folder."),
) -> None:
    found = find_rule(_pack(pack), rule)
    if found is None:
        _fail(f"unknown rule '{rule}'; `heartlint rules` lists them")
    sys.stdout.write(explain_rule(found) + "\n")


@docs_app.command(
    "check-rules", help="Run the fail/pass examples of the rules in rule pack folders (or the built-in pack)."
)
def check_rules_command(packs: list[Path] = typer.Argument(None, metavar="PACK", help="Rule pack folders.")) -> None:
    from heartlint.analysis.engine import Linter
    from heartlint.reports.ruledocs import check_examples

    pack = _pack(packs or [])
    folders = [p.resolve() for p in packs or []]
    rules = [r for r in pack.rules if not folders or any(Path(r.source).resolve().is_relative_to(f) for f in folders)]
    if not rules:
        _fail("no rules found in " + ", ".join(map(str, folders)))
    failures = check_examples(Linter(pack=pack), rules)
    for line in failures:
        sys.stdout.write(line + "\n")
    total = sum(len(r.fail_examples) + len(r.pass_examples) for r in rules)
    sys.stdout.write(f"{total - len(failures)} passed, {len(failures)} failed\n")
    raise typer.Exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


@contextlib.contextmanager
def _progress_bar(runner, enabled: bool):
    """A Rich progress bar on stderr for long runs, only when stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield
        return
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("linting", total=None)
        runner.progress = lambda done, total: bar.update(task, completed=done, total=total)
        yield


@docs_app.command(
    "serve",
    help="Run a warm local HTTP server (for pre-send hooks and LanguageTool clients). "
    "Set HEARTLINT_TOKEN to require it as a bearer token.",
)
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: this machine only)."),
    port: int = typer.Option(8081, "--port", min=0, max=65535, help="Port (0 picks a free one)."),
    max_size: str = typer.Option("1MB", "--max-size", help="Largest request body accepted."),
    cors: str | None = typer.Option(
        None, "--cors", metavar="ORIGIN", help="Allow this browser origin (an add-on's) to call the API."
    ),
) -> None:
    from heartlint.config import ConfigError, parse_size
    from heartlint.service.server import serve

    try:
        limit = parse_size(max_size)
    except ConfigError as error:
        _fail(str(error))
    try:
        serve(host, port, limit, cors=cors)
    except OSError as error:
        _fail(f"cannot serve on {host}:{port}: {error.strerror or error}")


@docs_app.command(
    "audit",
    help="Audit a sent-mail history: mbox files, Maildir folders, .eml folders, JSONL or CSV exports. "
    "Prints a summary per rule (and per group); --output writes every message's findings as JSON Lines.",
)
def audit_command(
    sources: list[str] = typer.Argument(..., metavar="SOURCE", help="mbox, Maildir, .eml folder, .jsonl or .csv."),
    sender: str | None = typer.Option(None, "--from", metavar="ADDRESS", help="Only mail sent from this address."),
    body_field: str = typer.Option("body", "--body-field", help="Exports: the column with the text or HTML body."),
    id_field: str = typer.Option("id", "--id-field", help="Exports: the column with the record id."),
    group_by: str | None = typer.Option(
        None, "--group-by", help="A field or header (agent, macro, from), month, or month:DATE_FIELD for exports."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write each message's findings here (JSON Lines)."),
    output_format: str = typer.Option(
        "text", "--format", "-f", help="Summary format: text, json, or html (a page with charts)."
    ),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on", help="Exit 1 when a reply has findings this severe."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted audit from its --output file."),
    dask: str | None = typer.Option(
        None, "--dask", metavar="ADDRESS", help="Spread the work on Dask: local:N workers, or tcp://HOST:PORT."
    ),
) -> None:
    from heartlint.audit.run import Audit, ResumeError, linted_here, run_audit
    from heartlint.audit.run import resume as resumed
    from heartlint.audit.sources import SourceOptions
    from heartlint.audit.summary import as_json, as_text
    from heartlint.runner import Runner, RunOptions

    if output_format not in ("text", "json", "html"):
        _fail("--format must be text, json or html")
    if resume and output is None:
        _fail("--resume needs the --output file of the interrupted audit")
    options = SourceOptions(sender=sender, body_field=body_field, id_field=id_field, group_by=group_by)
    runner = Runner(RunOptions(isolated=True, fail_on=fail_on.value))
    audit, done = Audit(), []
    try:
        if resume and output is not None and output.exists():
            with output.open(encoding="utf-8") as previous:
                done = resumed(audit, previous, fail_on.value)
        with contextlib.ExitStack() as stack:
            out = stack.enter_context(output.open("a" if done else "w", encoding="utf-8")) if output else None
            count = stack.enter_context(_audit_progress(len(done), sources, sender))
            if dask:
                from heartlint.audit.scale import linted_on_dask

                lint = linted_on_dask(dask, fail_on.value)
            else:
                lint = linted_here(runner)
            audit = run_audit(lint, sources, options, out, fail_on.value, audit, done, count)
    except ResumeError as error:
        _fail(f"cannot resume from {output}: {error}")
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}")
    summary = as_json(audit) if output_format == "json" else as_text(audit, runner.rules(), group_by)
    if output_format == "html":
        try:
            from heartlint.audit.html import render as render_page

            summary = render_page(audit, runner.rules(), group_by, summary)
        except ModuleNotFoundError as missing:
            _fail(f"the HTML audit report needs {missing.name}: pip install 'heartlint[audit]'")
    sys.stdout.write(summary + "\n")
    for problem in audit.unreadable:
        sys.stderr.write(f"heartlint: {problem}\n")
    if audit.unreadable:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if audit.total.failing else EXIT_CLEAN)


@contextlib.contextmanager
def _audit_progress(already: int, sources: list[str], sender: str | None):
    """A Rich progress bar on stderr when stderr is a terminal: messages done, rate, time spent
    and, when the sources' size is known (not with --from, which skips others' mail), a bar with
    the time left."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from heartlint.audit.sources import count_entries

    counts = [] if sender else [count_entries(source) for source in sources]
    known = [count for count in counts if count is not None]
    total = sum(known) if counts and len(known) == len(counts) else None
    columns: list = [SpinnerColumn(), TextColumn("{task.fields[done]}"), TextColumn("{task.fields[rate]}")]
    columns += [TimeElapsedColumn()] if total is None else [BarColumn(), TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("auditing", total=total, completed=already, done=f"{already} messages", rate="")

        def advance(done: int) -> None:
            bar.advance(task, done)
            current = bar.tasks[0]
            of = f"/{current.total:.0f}" if current.total is not None else ""
            speed = current.speed
            bar.update(task, done=f"{current.completed:.0f}{of} messages", rate=f"{speed:.0f}/s" if speed else "")

        yield advance


@docs_app.command("lsp", help="Run the language server on stdio (for editors: diagnostics, hover, quick fixes).")
def lsp_command() -> None:
    from heartlint.service.lsp import main as serve_lsp

    serve_lsp()


daemon_app = typer.Typer(add_completion=False, rich_markup_mode=None, no_args_is_help=True)
docs_app.add_typer(
    daemon_app, name="daemon", help="The per-user daemon: status, stop (run starts it in the foreground)."
)


@daemon_app.command("status", help="Say whether the daemon runs, with its pid, version, socket and idle timeout.")
def daemon_status_command() -> None:
    from heartlint.service.daemon import socket_path
    from heartlint.service.daemon_control import health

    info = health()
    if info is None:
        sys.stdout.write(f"heartlint daemon: not running (socket {socket_path()})\n")
        raise typer.Exit(EXIT_FINDINGS)
    sys.stdout.write(
        f"heartlint daemon: running (pid {info['pid']}, heartlint {info['heartlint']}, socket {socket_path()}, "
        f"idle timeout {info['idle_timeout']:g} s, "
        f"{info['requests']} request{'' if info['requests'] == 1 else 's'} answered)\n"
    )


@daemon_app.command("stop", help="Stop the daemon.")
def daemon_stop_command() -> None:
    from heartlint.service.daemon_control import stop

    sys.stdout.write("heartlint daemon: stopped\n" if stop() else "heartlint daemon: not running\n")


@daemon_app.command("run", help="Run the daemon in the foreground (heartlint starts it detached when enabled).")
def daemon_run_command(
    idle_timeout: float = typer.Option(900, "--idle-timeout", min=0.5, help="Stop after this many idle seconds."),
    max_size: str = typer.Option("1MB", "--max-size", help="Largest request body accepted."),
) -> None:
    from heartlint.config import ConfigError, parse_size
    from heartlint.service.daemon import UnsafeRuntimeDir
    from heartlint.service.daemon_server import serve_daemon

    try:
        raise typer.Exit(serve_daemon(idle_timeout, parse_size(max_size)))
    except (ConfigError, UnsafeRuntimeDir) as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot run the daemon: {error.strerror or error}")


def _rules(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _pack(extra: list[Path]):
    try:
        return load_pack(extra=[p.resolve() for p in extra])
    except PackError as error:
        _fail(str(error))


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"heartlint: error: {message}\n")
    raise typer.Exit(EXIT_ERROR)


def run(args: list[str]) -> int:
    """`heartlint rules|explain|check-rules|serve …` for the docs and the server, anything else lints paths."""
    app = docs_app if args and args[0] in SUBCOMMANDS else lint_app
    try:
        code = app(args=args, prog_name="heartlint", standalone_mode=False)
    except typer.Exit as done:
        code = done.exit_code
    except typer.Abort:
        sys.stderr.write("heartlint: interrupted\n")
        code = EXIT_ERROR
    except Exception as error:  # Click's usage errors (Typer may vendor Click: matched by shape)
        if hasattr(error, "format_message"):
            sys.stderr.write(f"heartlint: error: {error.format_message()}\n")
        else:
            sys.stderr.write(f"heartlint: internal error: {type(error).__name__}: {error}\n")
        code = EXIT_ERROR
    return code or 0
