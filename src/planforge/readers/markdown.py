"""Markdown (.md), parsed by markdown-it-py (CommonMark) rather than by line patterns, so that
what a Markdown editor shows is what import sees: `#` headings give levels, `1.`/`-` lists give
items and their nesting, emphasis, links and escapes are text, tables stay tables, and a YAML
front matter block gives the title instead of becoming the preamble.

Plans saved as Markdown are often plain text with no blank lines between their numbered lines;
CommonMark would make one paragraph of them. Every source line of a paragraph is therefore its
own block, as in a text file; inference joins the lines that continue an item.
"""

from __future__ import annotations

import re

from planforge.fileio import SourceFile
from planforge.patterns import lazy
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line

_FRONT_FENCE = lazy(r"^---\s*$")
_FRONT_END = lazy(r"^(?:---|\.\.\.)\s*$")
_FRONT_TITLE = lazy(r"""^title\s*:\s*["']?(?P<title>[^"'#]+?)["']?\s*$""")
_FRONT_LIMIT = 200  # lines: a front matter longer than this is not one


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def read_markdown_blocks(source: SourceFile, repair: bool = True) -> tuple[list[Block], list[Repair]]:
    repairs: list[Repair] = []
    lines = source.lines
    blocks: list[Block] = []
    skip = _front_matter(lines, blocks, repairs)
    text = "\n".join([""] * skip + lines[skip:])  # blank lines keep the line numbers
    _Walker(blocks, repairs, repair).walk(_parser().parse(text))
    return blocks, repairs


def _front_matter(lines: list[str], blocks: list[Block], repairs: list[Repair]) -> int:
    """The number of lines a `---` … `---` block at the top takes. Its `title:` becomes the
    document title; the rest is metadata import does not need, reported, never parsed as YAML
    (a front matter is not trusted input)."""
    if not lines or not _FRONT_FENCE.match(lines[0]):
        return 0
    end = next((i for i in range(1, min(len(lines), _FRONT_LIMIT)) if _FRONT_END.match(lines[i])), None)
    if end is None:
        return 0
    for number in range(1, end):
        title = _FRONT_TITLE.match(lines[number])
        if title:
            blocks.append(Block(title.group("title").strip(), line=number + 1, role="title"))
    repairs.append(Repair(1, "front-matter", f"1-{end + 1}"))
    return end + 1


class _Walker:
    """markdown-it's flat token stream → blocks, keeping the list nesting on a stack."""

    def __init__(self, blocks: list[Block], repairs: list[Repair], repair: bool):
        self.blocks, self.repairs, self.repair = blocks, repairs, repair
        self.lists: list[list] = []  # per open list: [ordered, next number]
        self.item_open = False  # the next paragraph is the first of a list item
        self.heading_base: int | None = None
        self.seen_title = any(b.role == "title" for b in blocks)

    def walk(self, tokens) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
                self.lists.append([kind == "ordered_list_open", start])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_open = True
            elif kind == "heading_open":
                self._heading(token, tokens[index + 1])
                index += 2
            elif kind == "paragraph_open":
                self._paragraph(token, tokens[index + 1])
                index += 2
            elif kind == "table_open":
                index = self._table(tokens, index)
            elif kind in ("fence", "code_block"):
                self._lines(token.content.splitlines(), token.map[0] + 1 + (kind == "fence") if token.map else None)
            index += 1

    def _heading(self, token, inline) -> None:
        depth = int(token.tag[1])
        line = token.map[0] + 1 if token.map else None
        text = self._clean(_inline_lines(inline)[0][1] if inline.children else inline.content, line)
        if not text:
            return
        if depth == 1 and not self.seen_title:
            self.seen_title = True
            self.blocks.append(Block(text, line=line, role="title"))
            return
        self.heading_base = self.heading_base or depth
        self.blocks.append(Block(text, line=line, heading=max(depth - self.heading_base + 1, 1)))

    def _paragraph(self, token, inline) -> None:
        first_line = token.map[0] + 1 if token.map else None
        pieces = _inline_lines(inline)
        if self.item_open and self.lists:
            self.item_open = False
            ordered, number = self.lists[-1]
            marker = f"{number}." if ordered else "-"
            self.lists[-1][1] = number + 1 if ordered else 0
            offset, text = pieces[0]
            cleaned = self._clean(text, _line(first_line, offset))
            if cleaned:
                self.blocks.append(Block(cleaned, line=_line(first_line, offset), marker=marker,
                                         list_family=f"markdown-list:{len(self.lists)}"))
            pieces = pieces[1:]
        for offset, text in pieces:
            cleaned = self._clean(text, _line(first_line, offset))
            if cleaned:
                self.blocks.append(Block(cleaned, line=_line(first_line, offset)))

    def _table(self, tokens, index: int) -> int:
        line = tokens[index].map[0] + 1 if tokens[index].map else None
        rows: list[list[str]] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline" and rows:
                rows[-1].append(" ".join(text for _, text in _inline_lines(token)).strip())
            index += 1
        if rows:
            self.blocks.append(Block("", line=line, table=rows))
        return index

    def _lines(self, texts: list[str], first_line: int | None) -> None:
        for offset, text in enumerate(texts):
            cleaned = self._clean(text, _line(first_line, offset))
            if cleaned:
                self.blocks.append(Block(cleaned, line=_line(first_line, offset)))

    def _clean(self, text: str, line: int | None) -> str | None:
        return clean_line(text, line, self.repairs, self.repair)


def _line(first: int | None, offset: int) -> int | None:
    return first + offset if first is not None else None


def _inline_lines(inline) -> list[tuple[int, str]]:
    """An inline token's text, cut at its line breaks: (line offset, text) pairs. Emphasis, links
    and images give their words; raw HTML (comments included) gives nothing."""
    pieces: list[tuple[int, str]] = []
    current: list[str] = []
    offset = 0
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            pieces.append((offset, "".join(current)))
            current, offset = [], offset + 1
        elif child.type in ("text", "code_inline"):
            current.append(child.content)
        elif child.type == "image":
            current.append(child.content or "")
    pieces.append((offset, "".join(current)))
    return pieces or [(0, inline.content)]


# Bold as a pair (**1.举办**, __重点__): an unpaired *** is text the reader sees, a placeholder.
_EMPHASIS = lazy(r"(?<![\\*])(\*{3}|\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s\\])\1")
_ESCAPE = lazy(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def mask_markup(line: str) -> str:
    """A Markdown line as a reader sees its words, for the text checks: ** and __ become spaces
    (columns stay where they were), so **1.举办** is not the placeholder **; an escape loses its
    backslash, so \\*\\*\\* is still the placeholder *** (a column after an escape is one less
    per escape before it)."""
    def blank_marks(m: re.Match[str]) -> str:
        marks = " " * len(m.group(1))
        return marks + m.group(2) + marks

    return _ESCAPE.sub(lambda m: m.group(1), _EMPHASIS.sub(blank_marks, line))
