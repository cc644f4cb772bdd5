"""Word (.docx): paragraphs in body order and tables, with the structure Word keeps out of the
text: heading styles, outline levels and automatic numbering (readers/docx_numbering.py).

Every failure a real file can cause ends as a located message: an old binary .doc or an
encrypted file (both OLE containers), a corrupt or non-Word zip, a document with no text (a
scanned image), a zip bomb (size checked from the zip directory before anything is read).
"""

from __future__ import annotations

from pathlib import Path

from planforge.docx_package import read_docx_parts
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line
from planforge.readers.docx_numbering import Numbering, ParagraphLook, W, child, look_of, read_numbering, read_style_looks

# Tag names built once: the reader asks them of every paragraph and cell.
_P, _TBL, _TR, _TC, _T, _TAB = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t", f"{W}tab"
_PPR, _PSTYLE, _TCPR, _VMERGE, _GRID_SPAN, _VAL = (f"{W}pPr", f"{W}pStyle", f"{W}tcPr", f"{W}vMerge", f"{W}gridSpan",
                                                   f"{W}val")


def read_docx_blocks(path: Path, repair: bool = True, data: bytes | None = None) -> tuple[list[Block], list[Repair]]:
    """`data`: the file's bytes when the caller has read them (`path` then only names it)."""
    parts = read_docx_parts(path, data)
    reader = _ParagraphReader(read_numbering(parts.numbering), read_style_looks(parts.styles), repair)
    for index, element in enumerate(parts.body.iterchildren()):
        if element.tag == _P:
            reader.paragraph(element, index + 1)
        elif element.tag == _TBL:
            rows = _table_rows(element)
            if rows:
                reader.blocks.append(Block("", paragraph=index + 1, table=rows))
    return reader.blocks, reader.repairs


def _table_rows(table) -> list[list[str]]:
    """Cell texts row by row. A vertically merged cell (one 3月 over three rows, as schedules
    are set) is empty in the rows it continues into; each of them gets the merged text, so
    every row keeps its month. Columns are counted on the grid, so a cell spanning two
    (`w:gridSpan`) does not shift the ones after it. Each cell is walked once, for its text and
    its own merge and span together: a 10,000-item plan's tables hold some 50,000 cells."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in table.iter(_TR):
        row, column = [], 0
        for tc in tr.iterchildren(_TC):
            properties = child(tc, _TCPR)
            parts, merge, span = [], None, None
            for node in tc.iter(_T, _VMERGE, _GRID_SPAN):
                if node.tag == _T:
                    parts.append(node.text or "")
                elif properties is None or node.getparent() is not properties:
                    continue  # not the cell's own w:tcPr: a nested table's cell's, or misplaced
                elif node.tag == _VMERGE:
                    merge = merge if merge is not None else node
                else:
                    span = span if span is not None else node
            text = "".join(parts).strip()
            if merge is not None and merge.get(_VAL) != "restart" and not text:
                text = above.get(column, "")
            above[column] = text
            row.append(text)
            column += _span(span)
        rows.append(row)
    return rows


def _span(grid_span) -> int:
    """How many grid columns a cell spans: its w:gridSpan, 1 when it has none or none readable
    (`isdigit` passes ², which int() refuses)."""
    value = grid_span.get(_VAL) if grid_span is not None else None
    try:
        return int(value) if value and value.isdigit() else 1
    except ValueError:
        return 1


class _ParagraphReader:
    """One paragraph at a time: its text, and its level and list from its own properties or,
    failing those, its style's."""

    def __init__(self, numbering: Numbering, styles: dict[str, ParagraphLook], repair: bool):
        self.numbering, self.styles, self.repair = numbering, styles, repair
        self.blocks: list[Block] = []
        self.repairs: list[Repair] = []

    def paragraph(self, element, number: int) -> None:
        text = "".join([(node.text or "") if node.tag == _T else "\t" for node in element.iter(_T, _TAB)])
        properties = child(element, _PPR)
        style = child(properties, _PSTYLE) if properties is not None else None
        inherited = self.styles.get(style.get(_VAL, "") if style is not None else "", ParagraphLook())
        own = look_of(properties)
        heading = own.heading if own.heading is not None else inherited.heading
        num_id, level = (own.num_id, own.level) if own.num_id is not None else (inherited.num_id, inherited.level)
        numbered = bool(num_id and num_id != "0" and num_id in self.numbering.abstract_of)
        # Word counts an empty numbered paragraph too, so the counter steps before the text is judged.
        marker = (self.numbering.next_marker(num_id, level) or "•") if numbered and num_id else None
        # a repair is placed by its paragraph; a paragraph Word numbers is an item, never page chrome
        cleaned = clean_line(text, number, self.repairs, self.repair, listed=numbered)
        if not cleaned:
            return
        if inherited.title and not self.blocks:  # the Title style (标题) opening the document
            self.blocks.append(Block(cleaned, paragraph=number, role="title"))
            return
        family = self.numbering.family(num_id, level) if numbered and num_id else None
        self.blocks.append(Block(cleaned, paragraph=number, heading=heading, marker=marker, list_family=family))
