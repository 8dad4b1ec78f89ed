"""`heartlint lsp`: a language server (pygls) for editors.

Diagnostics for plain-text, Markdown and email buffers on open and on change (debounced), on
the buffer's text as it is (unsaved edits included) with the configuration of the file it will
be saved as; hover over a finding shows its rule's documentation; a code action inserts the
rule's suggested opening sentence where the rule has one.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from heartlint import __version__
from heartlint.analysis.packs import RuleDef
from heartlint.model import FileResult, Finding
from heartlint.reports.ruledocs import explain_rule
from heartlint.runner import Runner

DEBOUNCE_SECONDS = 0.3
SOURCE = "heartlint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
# Buffers without a file name get their format from the editor's language id.
SUFFIX_BY_LANGUAGE = {"markdown": ".md", "html": ".html", "email": ".eml", "mail": ".eml", "eml": ".eml"}


class HeartlintServer(LanguageServer):
    """The language server, with one warm runner and the last result of every open buffer."""

    def __init__(self, runner: Runner | None = None) -> None:
        super().__init__(SOURCE, __version__)
        self.runner = runner or Runner()
        self.results: dict[str, FileResult] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def lint(self, document: TextDocument) -> FileResult:
        result = self.runner.lint_buffer(buffer_path(document), document.source.encode("utf-8", "surrogatepass"))
        self.results[document.uri] = result
        return result

    def publish(self, document: TextDocument) -> None:
        """Lint the buffer now and publish its diagnostics."""
        self.pending.pop(document.uri, None)
        result = self.lint(document)
        diagnostics = [diagnostic(document, result, finding) for finding in result.findings]
        if result.error:
            diagnostics = [error_diagnostic(result.error)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=document.uri, version=document.version, diagnostics=diagnostics)
        )

    def schedule(self, uri: str) -> None:
        """Lint after the writer pauses: each change restarts the wait."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(
            DEBOUNCE_SECONDS, lambda: self.publish(self.workspace.get_text_document(uri))
        )

    def rule(self, code: str) -> RuleDef | None:
        return next((rule for rule in self.runner.rules() if rule.code == code), None)


def buffer_path(document: TextDocument) -> str:
    """The file the buffer belongs to (its configuration and format apply), or a name whose
    suffix follows the editor's language for an unsaved buffer."""
    parsed = urlparse(document.uri)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    suffix = SUFFIX_BY_LANGUAGE.get((document.language_id or "").lower(), ".txt")
    return str(Path.cwd() / f"untitled{suffix}")


def span_range(document: TextDocument, result: FileResult, start: int, end: int) -> types.Range:
    """The LSP range (UTF-16 positions) of a character span of the linted text. A finding in a
    decoded email or HTML body, whose offsets are not the buffer's, is shown on the first line."""
    if result.positions != "file" or result.text != document.source:
        return types.Range(start=types.Position(0, 0), end=types.Position(0, 0))
    return types.Range(start=document.client_position_at_offset(start), end=document.client_position_at_offset(end))


def diagnostic(document: TextDocument, result: FileResult, finding: Finding) -> types.Diagnostic:
    return types.Diagnostic(
        range=span_range(document, result, finding.start, finding.end),
        message=f"{finding.message}. {finding.help}",
        severity=SEVERITY[finding.severity],
        code=finding.code,
        source=SOURCE,
        data={"rule": finding.rule},
    )


def error_diagnostic(message: str) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
        message=f"heartlint cannot lint this buffer: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def opening_offset(result: FileResult) -> int | None:
    """Where an opening sentence goes: before the first sentence of the writer's text."""
    return result.sentences[0].start if result.sentences else None


def build(runner: Runner | None = None) -> HeartlintServer:
    """A language server with its features registered."""
    ls = HeartlintServer(runner)

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HeartlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.publish(ls.workspace.get_text_document(params.text_document.uri))

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HeartlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HeartlintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.publish(ls.workspace.get_text_document(params.text_document.uri))

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HeartlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.results.pop(uri, None)
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HeartlintServer, params: types.HoverParams) -> types.Hover | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        result = ls.results.get(document.uri)
        if result is None or result.text != document.source:
            return None
        offset = document.offset_at_position(params.position)
        for finding in result.findings:
            if finding.start <= offset <= finding.end:
                rule = ls.rule(finding.code)
                if rule is not None:
                    return types.Hover(
                        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=explain_rule(rule)),
                        range=span_range(document, result, finding.start, finding.end),
                    )
        return None

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_actions(ls: HeartlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        document = ls.workspace.get_text_document(params.text_document.uri)
        result = ls.results.get(document.uri)
        offset = opening_offset(result) if result is not None and result.text == document.source else None
        if result is None or offset is None:
            return []
        actions, offered = [], set()
        for item in params.context.diagnostics:
            rule = ls.rule(str(item.code)) if item.source == SOURCE else None
            if rule is None or not rule.opening or rule.opening in offered:
                continue
            offered.add(rule.opening)
            at = document.client_position_at_offset(offset)
            edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=rule.opening + " ")
            actions.append(
                types.CodeAction(
                    title=f"Open with: “{rule.opening}”",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[item],
                    edit=types.WorkspaceEdit(changes={document.uri: [edit]}),
                )
            )
        return actions

    return ls


def main() -> None:
    """Serve over stdio (what editors start)."""
    build().start_io()
