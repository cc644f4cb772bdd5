"""Markdown (.md): headings give levels, emphasis and escapes are dropped, tables kept as tables."""

from __future__ import annotations

import re

from planforge.fileio import SourceFile
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_UNESCAPE = re.compile(r"\\([\\`*_\[\]<>|#+\-.!(){}])")
_LIST = re.compile(r"^\s*(?:[-*+]\s+|(\d{1,3})[.)]\s+)")


def _inline(text: str) -> str:
    text = re.sub(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*", r"\1", text)
    text = re.sub(r"(?<!\\)__(.+?)(?<!\\)__", r"\1", text)
    text = re.sub(r"<!--.*?-->", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _UNESCAPE.sub(r"\1", text)


def _cells(row: str) -> list[str]:
    parts = re.split(r"(?<!\\)\|", row)
    return [_inline(p.strip()) for p in parts]


def read_markdown_blocks(source: SourceFile, repair: bool = True) -> tuple[list[Block], list[Repair]]:
    repairs: list[Repair] = []
    blocks: list[Block] = []
    table: list[list[str]] | None = None
    table_line = 0
    lines = source.lines
    heading_base: int | None = None
    for number, raw in enumerate(lines, start=1):
        row = _TABLE_ROW.match(raw)
        if row:
            if _RULE.match(raw):
                continue
            if table is None:
                table, table_line = [], number
            table.append(_cells(row.group(1)))
            continue
        if table is not None:
            blocks.append(Block("", line=table_line, table=table))
            table = None
        if re.match(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$", raw):
            continue
        heading = _HEADING.match(raw)
        level = None
        body = raw
        if heading:
            body = heading.group(2)
            depth = len(heading.group(1))
            if depth == 1:
                level = None  # the document title
            else:
                heading_base = heading_base or depth
                level = depth - heading_base + 1
        else:
            listed = _LIST.match(raw)
            if listed and listed.group(1):  # `1. text` → the typed marker 1.
                body = f"{listed.group(1)}.{raw[listed.end():]}"
            elif listed:
                body = raw[listed.end():]
        cleaned = clean_line(_inline(body), number, repairs, repair)
        if cleaned:
            blocks.append(Block(cleaned, line=number, heading=level))
    if table is not None:
        blocks.append(Block("", line=table_line, table=table))
    return blocks, repairs
