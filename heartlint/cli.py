"""The `heartlint` command line."""

from __future__ import annotations

import sys
from enum import Enum
from typing import List, Optional

import typer
from rich.console import Console

from .model import SEVERITIES, FileResult
from .packs import PackError, load_pack
from .ruledocs import explain_rule, find_rule, rules_table

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


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
    "Also: `heartlint rules` lists the rules, `heartlint explain HL101` documents one."
)
def lint(
    paths: List[str] = typer.Argument(..., metavar="PATH", help="Drafts to lint."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f", help="Report format."),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on", help="Exit 1 on findings at or above this severity."),
    incident: Incident = typer.Option(
        Incident.auto, "--incident", help="Apply the rules to incident replies only (auto), or to every draft."
    ),
    color: Color = typer.Option(Color.auto, "--color", help="Colour the text report (auto: only on a terminal)."),
    max_size: str = typer.Option(
        "1MB", "--max-size", help="Refuse drafts larger than this (bytes, or with KB/MB: 512KB, 2MB)."
    ),
    stdin_filename: Optional[str] = typer.Option(
        None, "--stdin-filename", help="Name for the draft read from - (its suffix sets the format: .eml, .html, .txt)."
    ),
) -> None:
    from .engine import Linter
    from .formatters import FORMATS
    from .nlp import ModelNotFound
    from .runner import lint_paths

    limit = _size(max_size)
    try:
        linter = Linter(incident=incident.value)
    except (ModelNotFound, PackError) as error:
        _fail(str(error))
    results = lint_paths(linter, paths, stdin_filename, limit)
    report = FORMATS[output_format.value](results)
    if output_format is OutputFormat.text:
        force = {Color.always: True, Color.never: False}.get(color)
        Console(highlight=False, soft_wrap=True, force_terminal=force, no_color=color is Color.never).print(report)
    else:
        sys.stdout.write(report + "\n")
    for result in results:
        if result.error:
            sys.stderr.write(f"heartlint: {result.path}: {result.error}\n")
    raise typer.Exit(_exit_code(results, fail_on.value))


@docs_app.command("rules", help="List every rule: code, id, severity and what it checks.")
def rules_command() -> None:
    sys.stdout.write(rules_table(_pack()) + "\n")


@docs_app.command("explain", help="Print the documentation of a rule, by code (HL101) or id (fix-before-apology).")
def explain_command(rule: str = typer.Argument(..., help="Rule code or id.")) -> None:
    found = find_rule(_pack(), rule)
    if found is None:
        _fail(f"unknown rule '{rule}'; `heartlint rules` lists them")
    sys.stdout.write(explain_rule(found) + "\n")


def _pack():
    try:
        return load_pack()
    except PackError as error:
        _fail(str(error))


def _size(text: str) -> int:
    """Bytes in a size like "800", "512KB" or "2MB"."""
    units = {"": 1, "B": 1, "KB": 1024, "K": 1024, "MB": 1024**2, "M": 1024**2}
    number = text.strip().upper().rstrip("BKM")
    unit = text.strip().upper()[len(number) :]
    if not number.isdigit() or unit not in units or int(number) == 0:
        raise typer.BadParameter(f"'{text}' is not a size like 800, 512KB or 2MB", param_hint="'--max-size'")
    return int(number) * units[unit]


def _exit_code(results: list[FileResult], fail_on: str) -> int:
    if any(result.error for result in results):
        return EXIT_ERROR
    failing = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    if any(f.severity in failing for result in results for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _fail(message: str) -> None:
    sys.stderr.write(f"heartlint: error: {message}\n")
    raise typer.Exit(EXIT_ERROR)


def main(argv: Optional[List[str]] = None) -> None:
    """Entry point: `heartlint rules|explain …` for the docs, anything else lints paths."""
    args = sys.argv[1:] if argv is None else argv
    app = docs_app if args and args[0] in ("rules", "explain") else lint_app
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
    sys.exit(code or 0)
