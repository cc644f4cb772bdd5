"""The language server started for real (`python -m planforge lsp`) and driven over stdio by
pytest-lsp's client (the `client` fixture), and helpers: open a file, change it, apply the edits
the server sends back. Imported by the test modules once they know pygls and pytest-lsp are there
(a conftest.py here would shadow the suite's own, which the tests import by name)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = [sys.executable, "-m", "planforge", "lsp"]
# English messages, and no debounce wait: the tests send one change and wait for its diagnostics.
OPTIONS = {"lang": "en", "debounceMs": 0}


# The suite's conftest has set XDG_CACHE_HOME to the tests' own cache folder by the time this runs.
SERVER_ENV = {**os.environ, "PLANFORGE_LANG": "en"}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, server_env=SERVER_ENV))
async def client(lsp_client: LanguageClient):
    capabilities = types.ClientCapabilities(text_document=types.TextDocumentClientCapabilities(
        document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True)))
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities, initialization_options=OPTIONS))
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """Wait for the next diagnostics the server publishes for `uri` (others may come first)."""
    client.diagnostics.pop(uri, None)
    while uri not in client.diagnostics:  # a bound on a hang, not a timing: a lint takes well under a second
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    return list(client.diagnostics[uri])


async def open_file(client: LanguageClient, path: Path, text: str | None = None) -> list[types.Diagnostic]:
    """Open `path` in the client (its text on disk unless `text`), and its first diagnostics."""
    language = "yaml" if path.suffix in (".yaml", ".yml") else "markdown"
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id=language, version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
    return await published(client, path.as_uri())


async def replace_text(client: LanguageClient, path: Path, text: str, version: int) -> list[types.Diagnostic]:
    """Send the whole new text as one change, and wait for its diagnostics."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    return await published(client, path.as_uri())


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """The text after the edits, as an editor applies them (positions in UTF-16 units; the test
    texts are all in the Basic Multilingual Plane, where a unit is a character)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        return starts[min(position.line, len(lines))] + position.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text
