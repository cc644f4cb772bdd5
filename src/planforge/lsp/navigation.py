"""Item ids across files: go to the item an id names (from a schedule row or a progress record),
find where an item's id is used, and complete an id where one is expected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types

from planforge.lsp.documents import Analysis, Lines
from planforge.lsp.index import PlanIndex
from planforge.patterns import lazy

# Where an id is expected: a schedule task's `item:` value; a progress record's key under `items:`.
_ITEM_VALUE = lazy(r"^\s*(?:-\s+)?item\s*:\s*(?P<prefix>[a-z0-9_-]*)$")
_RECORD_KEY = lazy(r"^(?P<indent>\s+)(?P<prefix>[a-z0-9_-]*)$")

LinesOf = Callable[[Path], Lines]  # a file's lines: its open buffer, else the file on disk


def _id_under_cursor(analysis: Analysis, index: PlanIndex, lines: Lines, position: types.Position) -> str | None:
    word, _start = lines.word_at(position)
    if not word:
        return None
    line = position.line + 1
    if word in index.by_id and (any(u.item_id == word and u.line == line and u.file == analysis.path for u in index.uses)
                                or any(e.id_at and e.id_at[0] == line and e.item_id == word for e in index.entries)):
        return word
    return None


def definition(analysis: Analysis, lines: Lines, position: types.Position, lines_of: LinesOf, uri_of
               ) -> list[types.Location]:
    index = analysis.index()
    item_id = _id_under_cursor(analysis, index, lines, position) if index else None
    if index is None or item_id is None:
        return []
    entry = index.by_id[item_id]
    line, col = entry.id_at or entry.title_at
    target = lines_of(index.file)
    return [types.Location(uri_of(index.file), target.range(line, col, col + len(item_id)))]


def references(analysis: Analysis, lines: Lines, position: types.Position, include_declaration: bool,
               lines_of: LinesOf, uri_of) -> list[types.Location]:
    index = analysis.index()
    item_id = _id_under_cursor(analysis, index, lines, position) if index else None
    if index is None or item_id is None:
        return []
    found = []
    if include_declaration:
        found += definition(analysis, lines, position, lines_of, uri_of)
    for use in index.uses:
        if use.item_id == item_id:
            found.append(types.Location(uri_of(use.file), lines_of(use.file).range(use.line, use.col, use.col + len(item_id))))
    return found


def completion(analysis: Analysis, lines: Lines, position: types.Position) -> list[types.CompletionItem]:
    """Item ids after a schedule task's `item:` or as a new key in a record's `items:`."""
    index = analysis.index()
    if index is None:
        return []
    line, col = lines.column(position)
    before = lines.line(line)[: col - 1]
    wanted = _ITEM_VALUE.match(before) if analysis.kind == "spec" else None
    if analysis.kind == "record" and _under_items(lines, line):
        wanted = _RECORD_KEY.match(before)
    if wanted is None:
        return []
    prefix = wanted.group("prefix")
    suffix = ":" if analysis.kind == "record" else ""
    return [types.CompletionItem(label=entry.item_id, kind=types.CompletionItemKind.Reference,
                                 detail=f"{entry.path} {entry.title}", insert_text=f"{entry.item_id}{suffix}")
            for entry in index.entries if entry.item_id and entry.item_id.startswith(prefix)]


def _under_items(lines: Lines, line: int) -> bool:
    """Whether a record's line lies in its top-level `items:` mapping, at an entry's key."""
    for number in range(line - 1, 0, -1):
        text = lines.line(number)
        if text and not text[0].isspace() and not text.startswith("#"):
            return text.startswith("items:")
    return False
