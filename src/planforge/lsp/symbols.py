"""The outline (document symbols): sections and items under the numbers the rendered document
gives them, so the editor's outline reads like the document's headings."""

from __future__ import annotations

from lsprotocol import types

from planforge.lsp.documents import Analysis, Lines
from planforge.lsp.index import Entry


def _symbol(entry: Entry, lines: Lines) -> types.DocumentSymbol:
    line, col = entry.title_at
    end = max(entry.end_line, line)
    selection = lines.range(line, col, len(lines.line(line)) + 1)
    whole = lines.range(entry.line, 1, len(lines.line(end)) + 1, end)
    if (whole.start.line, whole.start.character) > (selection.start.line, selection.start.character):
        whole = types.Range(selection.start, whole.end)
    detail = " ".join(part for part in (entry.view.when, entry.view.owner) if part)
    return types.DocumentSymbol(
        name=f"{entry.number}{entry.title}", detail=detail or None,
        kind=types.SymbolKind.Namespace if entry.level == 1 else types.SymbolKind.Object,
        range=whole, selection_range=selection,
        children=[_symbol(child, lines) for child in entry.children] or None,
    )


def document_symbols(analysis: Analysis, lines: Lines) -> list[types.DocumentSymbol]:
    if analysis.kind not in ("spec", "document"):
        return []
    index = analysis.index()
    return [] if index is None else [_symbol(entry, lines) for entry in index.roots]
