"""Plain text (.txt): one block per line, decoded like a spec (UTF-8, BOM, GB18030)."""

from __future__ import annotations

import re

from planforge.fileio import SourceFile
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line

# A document flattened onto one line (copied out of a web page): paragraphs are cut again before
# a numbering marker or after a sentence end followed by a space.
_FLAT_SPLIT = re.compile(
    r"\s+(?=(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、．.](?!\d)|\S{2,30}\s?篇\s*\d{1,2}\s))"
    r"|(?<=篇\d)\s+|(?<=篇\d\d)\s+|(?<=[。！？])\s+"
)
LONG_LINE = 600


def lines_to_blocks(lines: list[str], repairs: list[Repair], repair: bool = True) -> list[Block]:
    blocks: list[Block] = []
    for number, raw in enumerate(lines, start=1):
        pieces = [raw]
        if len(raw) > LONG_LINE:
            pieces = [p for p in _FLAT_SPLIT.split(raw) if p and p.strip()]
            if len(pieces) > 1:
                repairs.append(Repair(number, "split-line", f"{len(pieces)} 段"))
        for piece in pieces:
            cleaned = clean_line(piece, number, repairs, repair)
            if cleaned:
                blocks.append(Block(cleaned, line=number))
    return blocks


def read_text_blocks(source: SourceFile, repair: bool = True) -> tuple[list[Block], list[Repair]]:
    repairs: list[Repair] = []
    return lines_to_blocks(source.lines, repairs, repair), repairs
