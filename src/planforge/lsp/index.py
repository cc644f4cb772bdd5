"""The plan of an open document, indexed for the editor: every item with the number the rendered
document gives it (the render view's own numbering, so the outline and the document agree), where
it was written, and where its id is used (schedule rows; the progress record's entries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planforge.errors import PlanforgeError
from planforge.render.view import ItemView


@dataclass
class Entry:
    """An item (a section is an item at level 1) as the document prints it, and where it is."""

    level: int
    number: str  # the generated marker (（二）); `path` runs the parents' in (二（二）3.)
    path: str
    title: str
    view: ItemView  # the render view's item: targets sentence, months, owner, when
    line: int  # 1-based: the item's first line
    end_line: int
    title_at: tuple[int, int]
    item_id: str | None = None
    id_at: tuple[int, int] | None = None
    when_at: tuple[int, int] | None = None
    children: list[Entry] = field(default_factory=list)


@dataclass
class Use:
    """An id used where an item is meant: a schedule row's `item:`, a record's key."""

    item_id: str
    file: Path
    line: int
    col: int


@dataclass
class PlanIndex:
    file: Path  # the plan's file (for a record: the plan beside it)
    roots: list[Entry]
    entries: list[Entry]  # depth first, in document order
    by_id: dict[str, Entry]
    uses: list[Use]

    def at_line(self, line: int) -> Entry | None:
        """The innermost item whose lines hold `line`."""
        found = None
        for entry in self.entries:
            if entry.line <= line <= entry.end_line:
                found = entry
        return found


def build_index(analysis) -> PlanIndex | None:
    """The index of a spec, a document or (for a record) its plan; None when it does not load."""
    try:
        if analysis.kind == "spec":
            return _spec_index(analysis.path, analysis.text)
        if analysis.kind == "document":
            return _document_index(analysis.path, analysis.text)
        if analysis.kind == "record" and analysis.lint_target is not None:
            plan = analysis.lint_target
            held = analysis.plan_text(plan)
            text = held if held is not None else plan.read_text(encoding="utf-8")
            index = _spec_index(plan, text)
            if index is not None:  # the record's ids as the buffer has them, not as saved
                index.uses = [u for u in index.uses if u.file != analysis.path] + record_uses(analysis.path, analysis.text)
            return index
    except (PlanforgeError, OSError, UnicodeDecodeError):
        return None
    return None


def load_spec(path: Path, text: str):
    """The spec's LoadedPlan (positions of every value), or None when it does not load: its
    faults are already diagnostics."""
    from planforge.spec.load import load_plan_text

    try:
        return load_plan_text(text, str(path))
    except PlanforgeError:
        return None


def _spec_index(path: Path, text: str) -> PlanIndex | None:
    from planforge.render.view import build_view

    loaded = load_spec(path, text)
    if loaded is None:
        return None
    plan = loaded.plan
    ends = _end_lines(loaded.positions)
    view = build_view(plan)
    entries: list[Entry] = []
    parents: dict[int, Entry] = {}
    roots: list[Entry] = []
    for (level, item), node in zip(plan.walk(), view.items, strict=True):
        line, col = loaded.position(item)
        data_path = loaded.node_paths.get(id(item), ())
        entry = Entry(level, node.marker, node.path_marker, item.title, node, line or 1,
                      max(ends.get(data_path, line or 1), line or 1), _at(loaded.position(item, "title"), line),
                      item.id, _at(loaded.position(item, "id"), line) if item.id else None,
                      _at(loaded.position(item, "when"), line) if item.when else None)
        (parents[level - 1].children if level > 1 else roots).append(entry)
        parents[level] = entry
        entries.append(entry)
    uses = [Use(task.item, path, *_at(loaded.position(task, "item"), 1))
            for entry in plan.schedule for task in entry.tasks if task.item]
    record = _record_beside(path)
    if record is not None:
        uses += record_uses(record, None)
    return PlanIndex(path, roots, entries, {e.item_id: e for e in entries if e.item_id}, uses)


def _at(position: tuple[int | None, int | None], fallback: int | None) -> tuple[int, int]:
    line, col = position
    return (line or fallback or 1, col or 1)


def _end_lines(positions: dict) -> dict[tuple, int]:
    """The last line any value below each data path was written on."""
    ends: dict[tuple, int] = {}
    for data_path, (line, _col) in positions.items():
        if line is None:
            continue
        for cut in range(len(data_path) + 1):
            prefix = data_path[:cut]
            if ends.get(prefix, 0) < line:
                ends[prefix] = line
    return ends


def _document_index(path: Path, text: str) -> PlanIndex | None:
    """A Markdown or text plan: its items as the importer reads them, numbered as typed."""
    from planforge.fileio import SourceFile
    from planforge.readers import import_document
    from planforge.render.view import build_view

    result = import_document(path, repair=False, source=SourceFile(path, text, "utf-8"))
    entries: list[Entry] = []
    roots: list[Entry] = []
    for imported in result.plans:
        plan = imported.plan
        parents: dict[int, Entry] = {}
        for (level, item), node in zip(plan.walk(), build_view(plan).items, strict=True):
            line = (item.source.line if item.source else None) or 1
            number = item.typed_marker or node.marker
            entry = Entry(level, number, number, item.title, node, line, line, (line, (item.source.col if item.source else None) or 1))
            (parents[level - 1].children if level > 1 and level - 1 in parents else roots).append(entry)
            parents[level] = entry
            entries.append(entry)
    for entry, following in zip(entries, entries[1:] + [None], strict=True):
        if following is not None and following.line > entry.line:
            entry.end_line = following.line - 1
    for entry in reversed(entries):  # a part ends where its last item does
        entry.end_line = max([entry.end_line] + [child.end_line for child in entry.children])
    return PlanIndex(path, roots, entries, {}, [])


def _record_beside(path: Path) -> Path | None:
    from planforge.spec.record_path import default_progress_path

    record = default_progress_path(path)
    return record if record.is_file() else None


def record_uses(record: Path, text: str | None) -> list[Use]:
    """The item ids a progress record keys its entries by, where each key is written."""
    from planforge.spec.compose import compose

    try:
        composed = compose(text if text is not None else record.read_text(encoding="utf-8"), str(record))
    except (PlanforgeError, OSError, UnicodeDecodeError):
        return []
    return [Use(str(key_path[1]), record, line, col) for key_path, (line, col) in composed.key_positions.items()
            if len(key_path) == 2 and key_path[0] == "items" and line is not None]
