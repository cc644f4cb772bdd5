"""Where a layout engine put each line: a PDF read back with `pdftotext -bbox`, as a person
would count it on the printed page.

The DOCX tests (LibreOffice and rdocx) and `scripts/preview.py` measure pages with this one
reader, so a figure in a test and in the preview mean the same thing: a line is the words on
one baseline, the page number (`— n —`) is not a line, a full line's width is counted in
Chinese characters with digits and Latin letters as half of one (two of them fill one grid
cell), and a table line is one cell's line, cut from its neighbours by the gap between cells.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from planforge.patterns import lazy

_PAGE = lazy(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = lazy(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE_NUMBER = lazy(r"—\s*\d+\s*—")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Line:
    """The words on one baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def width(self) -> float:
        """In Chinese characters, as a person counts a line: a digit or Latin letter is half."""
        return text_width(self.text)

    def segments(self, gap: float) -> list[str]:
        """The line cut wherever two words stand more than `gap` points apart: in a table,
        one piece per cell."""
        pieces: list[list[Word]] = []
        for word in self.words:
            if pieces and word.x0 - pieces[-1][-1].x1 <= gap:
                pieces[-1].append(word)
            else:
                pieces.append([word])
        return ["".join(w.text for w in piece) for piece in pieces]


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    height: float
    lines: tuple[Line, ...]  # the page number left out

    def grid_line(self, line: Line, top_margin: float, pitch: float) -> int:
        """Which line of the type area (0 = the first) `line` stands on."""
        return round((line.top - top_margin) / pitch - 0.25)


def text_width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1 for ch in text if not ch.isspace())


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def read_pages(pdf: Path) -> list[Page]:
    """Every page of `pdf` as lines of words (pdftotext must be installed)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout
    pages = []
    for number, match in enumerate(_PAGE.finditer(out.decode("utf-8", "replace")), start=1):
        words = [Word(float(a), float(b), float(c), float(d), html.unescape(t))
                 for a, b, c, d, t in _WORD.findall(match.group(3))]
        pages.append(Page(number, float(match.group(2)), tuple(_lines(words))))
    return pages


def _lines(words: list[Word]) -> list[Line]:
    """Words grouped by baseline (their boxes' bottoms within 2 pt), the page number dropped."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.y1, w.x0)):
        if rows and abs(rows[-1][0].y1 - word.y1) <= 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = [Line(tuple(sorted(row, key=lambda w: w.x0))) for row in rows]
    return [line for line in lines if not _PAGE_NUMBER.fullmatch(line.text)]


_ATTACHMENT_HEAD = lazy(r"附件\d*")


def first_attachment(pages: list[Page]) -> int:
    """The index of the first attachment page (it begins `附件`, `附件1`), or len(pages)."""
    return next((i for i, page in enumerate(pages) if page.lines and _ATTACHMENT_HEAD.fullmatch(page.lines[0].text)),
                len(pages))


def lines_short(page: Page, top_margin: float, pitch: float, lines_per_page: int) -> int:
    """How many grid lines are left empty below the page's last line."""
    if not page.lines:
        return lines_per_page
    return lines_per_page - 1 - page.grid_line(page.lines[-1], top_margin, pitch)


def table_pieces(page: Page, gap: float) -> list[str]:
    """Each cell's line on an attachment page (the title and captions stand alone, as one)."""
    return [piece for line in page.lines for piece in line.segments(gap)]


def full_line(page: Page, left_margin: float, char: float) -> float | None:
    """The characters on a full line of `page`, as a person counts them: a first line's indent
    counts its characters (`char` points each), so does the quarter character an engine sets
    between 汉字 and digits (where pdftotext cuts the line into words). A full line is one its
    paragraph goes on after (the next line starts at the margin, where a paragraph's first line
    is indented), and the width is the one most such lines of 26 characters or more have (a line
    condensed to take back a paragraph's last characters holds 29). A short paragraph's only
    line is no full line, however long. None on a page without one."""
    from planforge.render.docx import AUTO_SPACE

    lines = page.lines
    widths = [round(2 * (line.width + round((line.words[0].x0 - left_margin) / char) + AUTO_SPACE * (len(line.words) - 1))) / 2
              for line, following in zip(lines, lines[1:], strict=False) if abs(following.words[0].x0 - left_margin) < char / 2]
    full = [width for width in widths if width >= 26]
    return max(set(full), key=full.count) if full else None
