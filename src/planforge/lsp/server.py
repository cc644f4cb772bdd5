"""The language server: pygls wiring, the open documents' analyses, settings per folder, the
debounce, and the rule that nothing a user's file does stops the server.

A buffer is linted on open and save at once, and on change once typing pauses (a burst of changes
is linted once, at its last version). Fixes, hovers and the outline read the analysis of the
document's current version, linting it first if a change is still waiting. A problem that has no
place in a buffer (unreadable settings, a rule that crashed) is shown once, not on every keystroke.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from planforge import __version__
from planforge.errors import PlanforgeError
from planforge.i18n import current_language, translate
from planforge.limits import LSP_DEBOUNCE_SECONDS, LSP_DIAGNOSTICS
from planforge.lint.engine import InternalRuleError, LintConfig
from planforge.lsp import actions, diagnostics, hover, navigation, symbols
from planforge.lsp.documents import Analysis, Lines, analyse, relint

SETTINGS_FILES = ("pyproject.toml", ".planforge.toml")
log = logging.getLogger(__name__)


class PlanServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("planforge", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.analyses: dict[str, Analysis] = {}
        self.generation: dict[str, int] = {}
        self.configs: dict[Path, LintConfig] = {}
        self.reported: set[str] = set()
        self.elsewhere: dict[str, set[str]] = {}  # a spec's uri → the other files it published to
        self.lang = current_language()
        self.cap = LSP_DIAGNOSTICS
        self.debounce = LSP_DEBOUNCE_SECONDS
        self.base_url = diagnostics.rules_url()

    # --- settings, buffers and reports ---

    def configure(self, options: object) -> None:
        """initializationOptions: {"lang": "en", "maxDiagnostics": 200, "debounceMs": 20}."""
        if not isinstance(options, dict):
            return
        self.lang = current_language(options.get("lang")) if options.get("lang") else self.lang
        if isinstance(options.get("maxDiagnostics"), int) and options["maxDiagnostics"] > 0:
            self.cap = options["maxDiagnostics"]
        if isinstance(options.get("debounceMs"), (int, float)) and options["debounceMs"] >= 0:
            self.debounce = options["debounceMs"] / 1000

    def report_once(self, path: object, detail: str) -> None:
        message = translate("lsp_failed", self.lang, path=str(path), detail=detail)
        log.warning(message)
        if message not in self.reported:
            self.reported.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, message))

    def config_for(self, path: Path) -> LintConfig:
        """`[tool.planforge.lint]` or `.planforge.toml` from the file's folder upwards, as `lint`
        finds it; unreadable settings are reported once and the defaults used."""
        folder = path.parent
        if folder not in self.configs:
            from planforge.lint.config import resolve

            try:
                self.configs[folder] = resolve(None, None, None, folder)[0]
            except PlanforgeError as exc:
                self.report_once(folder, exc.problems[0].message(self.lang))
                self.configs[folder] = LintConfig(root=folder)
        return self.configs[folder]

    def document(self, uri: str):
        """The open document at `uri`, or None. pygls 2.1 keys documents unquoted (计划.md, not
        %E8%AE%A1…), 2.0 as the client spelled the uri."""
        documents = self.workspace.text_documents
        return documents.get(unquote(uri)) or documents.get(uri)

    def open_text(self, path: Path) -> str | None:
        document = self.document(from_fs_path(str(path)) or "")
        return None if document is None else document.source

    def lines_of(self, path: Path) -> Lines:
        """A file's lines in the editor's units: its open buffer, else the file, else nothing."""
        units = self.workspace.position_codec.client_num_units
        text = self.open_text(path)
        if text is None:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
        return Lines(text, units)

    # --- checking ---

    def check(self, uri: str) -> Analysis | None:
        """Lint the buffer's current version and publish its diagnostics; never raises."""
        document = self.document(uri)
        fs_path = to_fs_path(uri)
        if document is None or fs_path is None:
            return None
        path = Path(fs_path)
        text = document.source
        try:
            analysis = analyse(path, text, self.config_for(path), self.open_text, document.version)
        except InternalRuleError as exc:
            self.report_once(path, f"{exc.code}: {type(exc.error).__name__}: {exc.error}")
            analysis = Analysis(path, text, None, self.config_for(path), version=document.version)
        except PlanforgeError as exc:
            self.report_once(path, exc.problems[0].message(self.lang))
            analysis = Analysis(path, text, None, self.config_for(path), version=document.version)
        except Exception as exc:  # a bug must not end the server: the other files are still served
            log.exception("checking %s", path)
            self.report_once(path, f"{type(exc).__name__}: {exc}")
            analysis = Analysis(path, text, None, self.config_for(path), version=document.version)
        self.analyses[uri] = analysis
        self.publish(uri, analysis, document.position_codec.client_num_units)
        return analysis

    def publish(self, uri: str, analysis: Analysis, units) -> None:
        lines = Lines(analysis.text, units)
        found = diagnostics.diagnostics(analysis, lines, uri, self.lang, self.cap, self.base_url)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, found, version=analysis.version))
        published = set()
        for path, findings in diagnostics.elsewhere(analysis, self.cap).items():
            other = from_fs_path(str(path)) or ""
            if self.document(other) is not None:
                continue  # open: its own analysis publishes it
            other_lines = self.lines_of(path)
            items = [diagnostics.to_diagnostic(f, other_lines, other, self.lang, self.base_url) for f in findings]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(other, items))
            published.add(other)
        for stale in self.elsewhere.get(uri, set()) - published:
            if self.document(stale) is None:
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(stale, []))
        self.elsewhere[uri] = published

    def current(self, uri: str) -> tuple[Analysis | None, Lines | None]:
        """The analysis of the document as it is now (a change still waiting is linted first)."""
        document = self.document(uri)
        if document is None:
            return None, None
        analysis = self.analyses.get(uri)
        if analysis is None or analysis.version != document.version or analysis.text != document.source:
            analysis = self.check(uri)
        return analysis, Lines(document.source, document.position_codec.client_num_units)

    def recheck_all(self) -> None:
        self.configs.clear()
        for uri in list(self.analyses):
            self.check(uri)

    def url_of(self, code: str) -> str:
        return diagnostics.rule_url(code, self.base_url)

    def uri_of(self, path: Path) -> str:
        return from_fs_path(str(path)) or path.as_uri()


server = PlanServer()


def _guarded(fallback):
    """A request that fails answers `fallback` and is reported once; the server keeps serving."""

    def wrap(handler):
        def run(ls: PlanServer, params):
            try:
                return handler(ls, params)
            except Exception as exc:
                log.exception("handling %s", handler.__name__)
                ls.report_once(getattr(getattr(params, "text_document", None), "uri", "?"), f"{type(exc).__name__}: {exc}")
                return fallback

        run.__name__ = handler.__name__
        return run

    return wrap


@server.feature(types.INITIALIZE)
def initialize(ls: PlanServer, params: types.InitializeParams) -> None:
    ls.configure(params.initialization_options)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@_guarded(None)
def did_open(ls: PlanServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: PlanServer, params: types.DidChangeTextDocumentParams) -> None:
    """Debounced: only the change after which typing paused is linted."""
    uri = params.text_document.uri
    generation = ls.generation[uri] = ls.generation.get(uri, 0) + 1
    await asyncio.sleep(ls.debounce)
    if ls.generation.get(uri) == generation:
        _guarded(None)(lambda server_, _params: server_.check(uri))(ls, params)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@_guarded(None)
def did_save(ls: PlanServer, params: types.DidSaveTextDocumentParams) -> None:
    path = Path(to_fs_path(params.text_document.uri) or "")
    if path.name in SETTINGS_FILES or path.name.endswith((".progress.yaml", ".progress.yml")):
        ls.recheck_all()  # settings or a record: every open plan may judge differently now
    else:
        ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@_guarded(None)
def did_close(ls: PlanServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.analyses.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@_guarded(None)
def watched_files(ls: PlanServer, params: types.DidChangeWatchedFilesParams) -> None:
    names = {Path(to_fs_path(change.uri) or "").name for change in params.changes}
    if names & set(SETTINGS_FILES) or any(n.endswith((".progress.yaml", ".progress.yml")) for n in names):
        ls.recheck_all()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
@_guarded([])
def code_action(ls: PlanServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    analysis, lines = ls.current(params.text_document.uri)
    if analysis is None or lines is None:
        return []
    return actions.code_actions(analysis, lines, params.text_document.uri, params.context, ls.lang,
                                lambda text: relint(analysis, text))


@server.feature(types.TEXT_DOCUMENT_HOVER)
@_guarded(None)
def on_hover(ls: PlanServer, params: types.HoverParams) -> types.Hover | None:
    analysis, lines = ls.current(params.text_document.uri)
    return None if analysis is None or lines is None else hover.hover(analysis, lines, params.position, ls.lang, ls.url_of)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@_guarded([])
def document_symbol(ls: PlanServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    analysis, lines = ls.current(params.text_document.uri)
    return [] if analysis is None or lines is None else symbols.document_symbols(analysis, lines)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@_guarded([])
def definition(ls: PlanServer, params: types.DefinitionParams) -> list[types.Location]:
    analysis, lines = ls.current(params.text_document.uri)
    if analysis is None or lines is None:
        return []
    return navigation.definition(analysis, lines, params.position, ls.lines_of, ls.uri_of)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
@_guarded([])
def references(ls: PlanServer, params: types.ReferenceParams) -> list[types.Location]:
    analysis, lines = ls.current(params.text_document.uri)
    if analysis is None or lines is None:
        return []
    return navigation.references(analysis, lines, params.position, params.context.include_declaration,
                                 ls.lines_of, ls.uri_of)


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
@_guarded([])
def completion(ls: PlanServer, params: types.CompletionParams) -> list[types.CompletionItem]:
    analysis, lines = ls.current(params.text_document.uri)
    return [] if analysis is None or lines is None else navigation.completion(analysis, lines, params.position)


def serve() -> None:
    """Serve over standard input and output until the editor says exit."""
    server.start_io()


__all__ = ["PlanServer", "serve", "server"]
