"""Plain text (.txt): one block per line, decoded like a spec (UTF-8, BOM, GB18030)."""

from __future__ import annotations

from dataclasses import replace

from planforge.fileio import SourceFile
from planforge.patterns import lazy
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line, ends_the_document, header_row_lines

# A document flattened onto one line (copied out of a web page): paragraphs are cut again before
# a numbering marker or a ` - ` bullet, or after a sentence end followed by a space. A cut takes a
# run of spaces whole, tried from its first (tried at each, a run of 20,000 was read 20,000 times).
_FLAT_SPLIT = lazy(
    r"(?<!\s)\s+(?=(?:-\s+(?![\d\s])|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．.](?!\d)"
    r"|\S{2,30}\s?篇\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s|【(?:篇|范文)))"
    r"|(?<=篇\d)\s+|(?<=篇\d\d)\s+|(?<=[。！？】；;])\s+"
)
LONG_LINE = 600
FLAT_LINE = 120
_MARKER_START = lazy(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．.](?!\d)")
_MARKDOWN_LINE = lazy(r"^(#{1,6}\s+\S|\*\*[^*]+\*\*|\s*[-*+]\s+\S|\s*\|.*\|\s*$)")


# A month calendar copied as text: 八 月 1 2 3 … 9日中秋節 … 十 一 月 1 2 3 …
_CALENDAR_MONTH = lazy(r"(?<!\S)([一二三四五六七八九十](?:\s?[一二])?)\s?月(?=\s+1\s+2\s)")
_CALENDAR_EVENT = lazy(r"\d{1,2}(?:\s?[∼~～\-—]\s?\d{1,2})?日?[^\d\s.][^\s]*")


def _calendar_pieces(raw: str) -> list[str] | None:
    """A calendar grid flattened onto one line: a `X月：` heading per month and one line per
    event (4∼ 6日阿里山之行), the bare day numbers dropped. None when the line is not one."""
    if "月" not in raw:  # every month mark holds one; most lines are no calendar
        return None
    marks = list(_CALENDAR_MONTH.finditer(raw))
    if len(marks) < 3:
        return None
    pieces = [raw[: marks[0].start()]] if raw[: marks[0].start()].strip() else []
    for index, mark in enumerate(marks):
        body = raw[mark.end(): marks[index + 1].start() if index + 1 < len(marks) else len(raw)]
        pieces.append(f"{mark.group(1).replace(' ', '')}月：")
        pieces.extend(_CALENDAR_EVENT.findall(body))
    return pieces


def looks_like_markdown(lines: list[str]) -> bool:
    """A .txt holding Markdown (#### headings, **bold** lines, | tables): two heading or bold
    lines at least, and Markdown lines make a tenth of the non-empty ones."""
    marked = [line for line in lines[:2000] if _MARKDOWN_LINE.match(line)]
    headings = sum(1 for line in marked if line.startswith(("#", "**")))
    non_empty = sum(1 for line in lines[:2000] if line.strip())
    return headings >= 2 and len(marked) * 10 >= non_empty


def lines_to_blocks(lines: list[str], repairs: list[Repair], repair: bool = True) -> list[Block]:
    """A text's lines as blocks, each cleaned (clean_line) and located by line and column; what
    was mended is added to `repairs`: the page's trailer and a table's header row left out, a
    calendar line or a plan flattened onto one line cut into its pieces."""
    blocks: list[Block] = []
    header = header_row_lines(lines)
    for number, raw in enumerate(lines, start=1):
        if ends_the_document(raw):
            repairs.append(Repair(number, "noise-line", f"{raw.strip()}（及其后 {len(lines) - number} 行）"))
            break
        if number in header:  # a table's header row, one cell a line: the document's, not the plan's text
            repairs.append(Repair(number, "table-header", raw.strip()))
            continue
        pieces = _line_pieces(raw, number, repairs)
        cut = len(pieces) > 1
        offset = 0
        for piece in pieces:
            found = raw.find(piece, offset) if cut else -1
            if found >= 0:
                offset = found + len(piece)
            before = len(repairs)
            cleaned = clean_line(piece, number, repairs, repair)
            col = found + 1 + (len(piece) - len(piece.lstrip())) if found >= 0 else None
            if len(repairs) > before:  # the piece's own repairs get the column it starts at
                repairs[before:] = [replace(made, col=col) for made in repairs[before:]]
            if cleaned:
                blocks.append(Block(cleaned, line=number, col=col))
    return blocks


def _line_pieces(raw: str, number: int, repairs: list[Repair]) -> list[str]:
    """Line `number` cut where it holds several lines' worth: a calendar's days; a line over
    FLAT_LINE characters with two pieces that open with a numbering marker (a plan flattened onto
    one line), or any line over LONG_LINE, at its spaces. Otherwise the line itself, alone."""
    pieces = _calendar_pieces(raw) or [raw]
    if len(pieces) > 1:
        repairs.append(Repair(number, "split-line", f"{len(pieces)} 段（日历）"))
    elif len(raw) > FLAT_LINE and len(raw.split(maxsplit=1)) > 1:  # every cut is at a space; most long lines have none
        pieces = [p for p in _FLAT_SPLIT.split(raw) if p and p.strip()]
        # A long line is cut when it is very long, or when at least two of its pieces open
        # with a numbering marker: a plan flattened onto one line, not a long paragraph.
        if len(raw) <= LONG_LINE and sum(1 for p in pieces if _MARKER_START.match(p)) < 2:
            pieces = [raw]
        if len(pieces) > 1:
            repairs.append(Repair(number, "split-line", f"{len(pieces)} 段"))
    return pieces


def read_text_blocks(source: SourceFile, repair: bool = True) -> tuple[list[Block], list[Repair]]:
    repairs: list[Repair] = []
    return lines_to_blocks(source.lines, repairs, repair), repairs
