"""``newslint lsp``: the language server on pygls, over stdio.

Linting runs in one background thread, so the server keeps answering while a long
article is checked, and one lint at a time keeps the CPU for the editor. A result
is published only if the document has not changed meanwhile; typing is debounced.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
from dataclasses import dataclass

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from .. import __version__
from ..model import FileError, Finding
from ..parsers import EXTENSIONS
from .codeactions import FIX_ALL_KIND, KINDS, fix_all, quick_fixes, wanted
from .diagnostics import (
    RULES_DOC,
    config_error_diagnostic,
    config_file_diagnostics,
    file_error_diagnostic,
    finding_diagnostic,
)
from .doclint import LANGUAGES, Outcome, forget_rules, format_of, lint_document
from .hovers import hover_at
from .positions import PositionIndex

#: Seconds of quiet after a keystroke before the document is linted again.
DEBOUNCE = 0.3
CONFIG_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class DocState:
    """One document's last lint: the text it saw, its findings and their diagnostics."""

    version: int | None
    index: PositionIndex
    outcome: Outcome
    pairs: tuple[tuple[Finding, types.Diagnostic], ...]
    diagnostics: tuple[types.Diagnostic, ...]


def analyse(text: str, path: str, fmt: str, encoding: str, version: int | None, docs_base: str = RULES_DOC) -> DocState:
    """Lint ``text`` and build every diagnostic; a crash becomes a diagnostic too."""
    index = PositionIndex.of(text, encoding)
    try:
        outcome = lint_document(text, path, fmt)
    except Exception as exc:  # a bug must show in the editor, not kill the server
        outcome = Outcome(file_errors=(FileError(path, f"internal error: {type(exc).__name__}: {exc}"),))
    pairs = tuple((f, finding_diagnostic(f, index, outcome.rules, docs_base)) for f in outcome.findings)
    diagnostics = (
        *(config_error_diagnostic(e, encoding) for e in outcome.config_errors),
        *(file_error_diagnostic(e, index) for e in outcome.file_errors),
        *(d for _f, d in pairs),
    )
    return DocState(version, index, outcome, pairs, diagnostics)


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("newslint", __version__)
        self.states: dict[str, DocState] = {}
        self.running: dict[str, tuple[str, asyncio.Future[DocState]]] = {}
        #: per article: the config and rule file diagnostics its last lint found, by file URI
        self.config_reports: dict[str, dict[str, list[types.Diagnostic]]] = {}
        self.linter = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")
        self.debounce = DEBOUNCE
        self.docs_base = RULES_DOC

    def document(self, uri: str) -> TextDocument | None:
        doc = self.workspace.text_documents.get(uri)
        return doc if doc is not None and lintable(doc) else None

    def path_of(self, doc: TextDocument) -> str:
        """The file's path; an unsaved buffer is placed in the workspace root for config discovery."""
        if doc.uri.startswith("file:"):
            return doc.path
        return os.path.join(self.workspace.root_path or os.getcwd(), doc.filename or "untitled")

    def encoding(self) -> str:
        enc = self.workspace.position_encoding
        return str(getattr(enc, "value", enc) or "utf-16")

    async def state_of(self, uri: str) -> DocState | None:
        """The lint of the document as it is now: the stored one if still current, else a fresh one."""
        doc = self.document(uri)
        if doc is None:
            return None
        state = self.states.get(uri)
        if state is not None and state.version == doc.version and state.index.text == doc.source:
            return state
        text, path = doc.source, self.path_of(doc)
        running = self.running.get(uri)
        if running is not None and running[0] != text:
            # the lint of an older text: let it finish rather than queue another lint behind it,
            # then lint the text as it is by then (a long article typed into stays one lint behind)
            with contextlib.suppress(Exception):
                await running[1]
            if self.running.get(uri) is running:
                del self.running[uri]
            return await self.state_of(uri)
        if running is None:  # else a hover during the lint of this very text waits for it
            args = (text, path, format_of(doc.language_id, path), self.encoding(), doc.version, self.docs_base)
            running = (text, asyncio.get_running_loop().run_in_executor(self.linter, analyse, *args))
            self.running[uri] = running
        try:
            state = await running[1]
        finally:
            if self.running.get(uri) is running:
                del self.running[uri]
        now = self.document(uri)
        if now is not None and now.source == text:
            self.states[uri] = state
        return state

    async def publish(self, uri: str) -> None:
        state = await self.state_of(uri)
        doc = self.document(uri)
        if state is None or doc is None or doc.source != state.index.text:
            return  # closed, or changed while linting: the lint of the newer text publishes
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=list(state.diagnostics), version=state.version)
        self.text_document_publish_diagnostics(params)
        self.report_config_files(uri, state)

    def report_config_files(self, uri: str, state: DocState | None) -> None:
        """Config and rule file defects on those files too; cleared once no open document hits them."""
        before = self._config_diagnostics()
        if state is None:
            self.config_reports.pop(uri, None)
        else:
            self.config_reports[uri] = config_file_diagnostics(state.outcome.config_errors, self.encoding())
        after = self._config_diagnostics()
        for config_uri in before.keys() | after.keys():
            if before.get(config_uri) != after.get(config_uri):
                diagnostics = after.get(config_uri, [])
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=config_uri, diagnostics=diagnostics))

    def _config_diagnostics(self) -> dict[str, list[types.Diagnostic]]:
        union: dict[str, list[types.Diagnostic]] = {}
        for reports in self.config_reports.values():
            for config_uri, diagnostics in reports.items():
                union.setdefault(config_uri, diagnostics)
        return union

    async def publish_after_quiet(self, uri: str) -> None:
        doc = self.document(uri)
        version = doc.version if doc else None
        await asyncio.sleep(self.debounce)
        doc = self.document(uri)
        if doc is not None and doc.version == version:  # no keystroke since: lint
            await self.publish(uri)

    async def republish_all(self) -> None:
        self.states.clear()
        for uri in list(self.workspace.text_documents):
            await self.publish(uri)


def lintable(doc: TextDocument) -> bool:
    """Articles only: a config or rule file open in the same editor is not news copy."""
    known_language = (doc.language_id or "").lower() in LANGUAGES
    return known_language or os.path.splitext(doc.path or "")[1].lower() in EXTENSIONS


def build_server() -> NewslintServer:
    """The server with every feature registered (a function, so tests can build fresh ones)."""
    server = NewslintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        debounce = options.get("debounce")
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10:
            ls.debounce = float(debounce)
        if isinstance(options.get("rulesDocUrl"), str):
            ls.docs_base = options["rulesDocUrl"]

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        await ls.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        await ls.publish_after_quiet(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        forget_rules()  # a save reloads configs and rules, whatever changed them
        if uri.lower().endswith(CONFIG_SUFFIXES):  # a config or rule file: every article may change
            await ls.republish_all()
            return
        ls.states.pop(uri, None)
        await ls.publish(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.states.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.report_config_files(uri, None)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=list(KINDS)))
    async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        state = await ls.state_of(uri)
        if state is None:
            return None
        only = params.context.only
        start = state.index.offset(params.range.start.line, params.range.start.character)
        end = state.index.offset(params.range.end.line, params.range.end.character)
        actions = quick_fixes(uri, state.pairs, state.index, start, end) if wanted(types.CodeActionKind.QuickFix, only) else []
        everything = fix_all(uri, state.outcome.findings, state.index) if wanted(FIX_ALL_KIND, only) else None
        return [*actions, *([everything] if everything else [])]

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
        state = await ls.state_of(params.text_document.uri)
        if state is None:
            return None
        offset = state.index.offset(params.position.line, params.position.character)
        return hover_at(offset, state.outcome.findings, state.outcome.rules, state.index)

    return server


def serve_stdio() -> int:
    """Serve one editor on stdin/stdout until it sends ``exit``."""
    build_server().start_io()
    return 0
