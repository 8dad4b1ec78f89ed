"""`heartlint lsp` end to end, driven by a real LSP client (pytest-lsp) over stdio."""

from __future__ import annotations

import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

FIX_FIRST = "Hi Dana,\n\nWe have refunded the shipping. Sorry for any inconvenience.\n\nSam\n"
GOOD = (
    "Hi Dana,\n\nI'm so sorry your order was late, and I know you needed it for the weekend.\n\n"
    "We have refunded the shipping.\n\nSam\n"
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "heartlint", "lsp"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=folder.as_uri())
    )
    lsp_client.folder = folder
    yield
    await lsp_client.shutdown_session()


def open_buffer(client: LanguageClient, name: str, text: str, language: str = "plaintext") -> str:
    uri = (client.folder / name).as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        )
    )
    return uri


async def diagnostics_for(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_diagnostics_on_open_point_at_the_fix_that_comes_first(client: LanguageClient):
    uri = open_buffer(client, "reply.txt", FIX_FIRST)
    found = await diagnostics_for(client, uri)
    codes = {d.code for d in found}
    assert {"HL101", "HL201", "HL202"} <= codes
    fix_first = next(d for d in found if d.code == "HL101")
    assert fix_first.severity == types.DiagnosticSeverity.Error and fix_first.source == "heartlint"
    line = FIX_FIRST.splitlines()[fix_first.range.start.line]
    assert line[fix_first.range.start.character : fix_first.range.end.character].startswith("We have refunded")


@pytest.mark.asyncio
async def test_a_change_is_linted_again_after_a_pause(client: LanguageClient):
    uri = open_buffer(client, "draft.md", FIX_FIRST, "markdown")
    assert await diagnostics_for(client, uri)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=GOOD)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert not [d for d in client.diagnostics[uri] if d.severity == types.DiagnosticSeverity.Error]


@pytest.mark.asyncio
async def test_hover_shows_the_rule_documentation(client: LanguageClient):
    uri = open_buffer(client, "hover.txt", FIX_FIRST)
    found = await diagnostics_for(client, uri)
    fix_first = next(d for d in found if d.code == "HL101")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=fix_first.range.start)
    )
    assert hover is not None and "fix-before-apology" in hover.contents.value


@pytest.mark.asyncio
async def test_code_action_inserts_the_suggested_opening(client: LanguageClient):
    uri = open_buffer(client, "action.txt", FIX_FIRST)
    found = await diagnostics_for(client, uri)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found[0].range,
            context=types.CodeActionContext(diagnostics=found),
        )
    )
    titles = [a.title for a in actions]
    assert any("I am very sorry" in t for t in titles) and any("frustrating" in t for t in titles)
    edit = actions[0].edit.changes[uri][0]
    assert (edit.range.start.line, edit.range.start.character) == (2, 0)  # before "We have refunded"
