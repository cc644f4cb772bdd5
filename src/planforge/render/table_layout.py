"""How a 公文 table's columns and cell lines are measured: words, not characters.

Word, WPS, LibreOffice and rdocx break Chinese anywhere between two characters, so a label a
little wider than its column wraps as `竞|赛` or `“工人先锋|号”`. Here a cell's text is cut
into unbreakable runs (a word, a number with its unit, a quoted name, punctuation kept on the
side it belongs to, a single character kept with its neighbour); no column is narrower than its
longest run, and a cell that must wrap gets the line width at which every engine's own
character-by-character breaking falls between runs (`wrap_width`): the text stays one string,
read back and copied as typed, with no manual line break in it.

Word boundaries are read without a dictionary (`_plain_words`): two characters a word, a
word's last character (化, 率, 者…) kept with it.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from planforge.patterns import lazy

# Kept whole: a quoted or titled name (up to 10 characters inside), a number with its range,
# decimal part and unit.
_PROTECTED = lazy(
    r"[“「『《‘][^”」』》’]{1,10}[”」』》’]"
    r"|\d[\d.,]*(?:[—–~\-至]\d[\d.,]*)?(?:%|‰|人次|万元|亿元|[个项次人户条篇名所家场期件元天月年日周台套支批])?")
_CLOSING = set("，。、；：！？）》」』”’%‰…·")
_OPENING = set("（《「『“‘")
ASCII_WIDTH = 0.55  # a digit or Latin letter, in Chinese characters: a little over half, for faces whose digits run wide
SLACK = 0.4  # the part of a character a line is set wider than its text, so the text's last character always fits


def char_width(ch: str) -> float:
    return ASCII_WIDTH if ch.isascii() else 1.0


def width(text: str) -> float:
    return sum(map(char_width, text))  # the same additions in the same order as a loop, without its frame


# Without a dictionary a Chinese label is read as words of two characters (most words are: 职工|技能|
# 竞赛|人数), with the characters that end a word rather than begin one kept on the pair before
# (标准化, 覆盖率, 参赛者, 工会组). jieba's dictionary would place a few more breaks right, but it
# doubled the time of every DOCX render (0.42 s → 0.93 s for an example, its 350,000 words loaded
# for a handful of labels) and weighs 42 MB: the README's dependency notes say more.
_SUFFIX = set("化性率者员度型式级类量数费会部处室站所馆院局委办队组团届期次界区点")
_PREFIX = set("女副总非准超")  # 女职工, 副主席, 总工会: a character that begins a three-character word
_HAN = lazy(r"[\u3400-\u9fff]")
_LATIN = lazy(r"[A-Za-z0-9_]+")


def _plain_words(text: str) -> list[str]:
    words: list[str] = []
    at = 0
    while at < len(text):
        latin = _LATIN.match(text, at)
        if latin:
            words.append(latin.group(0))
            at = latin.end()
            continue
        end = at + 1
        if _HAN.match(text[at]):
            if text[at] in _PREFIX and end + 1 < len(text) and _HAN.match(text[end]) and _HAN.match(text[end + 1]):
                end += 1
            if end < len(text) and _HAN.match(text[end]) and text[end] not in _SUFFIX:
                end += 1
            if end < len(text) and text[end] in _SUFFIX:
                end += 1
        words.append(text[at:end])
        at = end
    return words


def _words(text: str) -> list[str]:
    pieces: list[str] = []
    at = 0
    for match in _PROTECTED.finditer(text):
        if match.start() > at:
            pieces += _plain_words(text[at:match.start()])
        pieces.append(match.group(0))
        at = match.end()
    if at < len(text):
        pieces += _plain_words(text[at:])
    return [p for p in pieces if p]


@functools.lru_cache(maxsize=4096)
def runs(text: str) -> tuple[str, ...]:
    """`text` as the runs a line may break between: words, with closing marks kept on the
    run before, opening marks on the run after, and a single character (率, 和) with a
    neighbour, so no line begins with `”` or holds one character alone."""
    merged: list[str] = []
    carry = ""  # opening marks waiting for the next word
    for word in _words(text):
        if all(ch in _OPENING for ch in word):
            carry += word
            continue
        word, carry = carry + word, ""
        if merged and (word[0] in _CLOSING or len(word) == 1 or len(merged[-1]) == 1):
            merged[-1] += word
        else:
            merged.append(word)
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    return tuple(merged)


def longest_run(text: str) -> float:
    return max((width(run) for run in runs(text)), default=0.0)


def _breaks(text: str, line: float) -> list[int] | None:
    """Where an engine filling lines `line` characters wide, one character at a time, breaks
    `text` (positions), or None where a character alone is wider than the line."""
    cuts, used = [], 0.0
    for index, ch in enumerate(text):
        w = char_width(ch)
        if used + w > line + 1e-9:
            if used == 0:
                return None
            cuts.append(index)
            used = 0.0
        used += w
    return cuts


@dataclass(frozen=True)
class Wrap:
    """How a cell's text that does not fit its line wraps: set `width` characters wide (every
    engine then breaks it into `lines` by itself), or, where no width does that, `lines` with
    a line break between them."""

    lines: tuple[str, ...]
    width: float | None


def _by_runs(pieces: tuple[str, ...], line: float) -> list[str] | None:
    """Runs filled into lines `line` characters wide, a run never split; None if one is wider."""
    lines: list[str] = []
    for piece in pieces:
        if width(piece) > line + 1e-9:
            return None
        if lines and width(lines[-1] + piece) <= line + 1e-9:
            lines[-1] += piece
        else:
            lines.append(piece)
    return lines


@functools.lru_cache(maxsize=4096)
def wrap(text: str, capacity: float) -> Wrap | None:
    """None when `text` fits one line of `capacity` characters. Otherwise the fewest lines that
    break between runs, as even as they come (the upper ones the longer): each candidate width
    is a prefix of runs; the narrowest that needs no more lines than the full capacity wins.
    A width is given when an engine filling lines `SLACK` wider than it, character by
    character, breaks at exactly those places: every line but the last is then within
    `SLACK` of the width, so the engine's own breaking cannot land elsewhere."""
    if width(text) <= capacity:
        return None
    pieces = runs(text)
    fewest = _by_runs(pieces, capacity - SLACK)
    if fewest is None:  # a run wider than the column (a column narrowed to share the block)
        return None
    candidates = sorted({width("".join(pieces[:n])) for n in range(1, len(pieces) + 1)})
    best = fewest
    for line in candidates:
        if line > capacity - SLACK:
            break
        lines = _by_runs(pieces, line)
        if lines is not None and len(lines) <= len(fewest):
            best = lines
            break
    cuts = list(itertools.accumulate(len(piece) for piece in best[:-1]))
    line = max(width(piece) for piece in best)
    consistent = _breaks(text, line + SLACK) == cuts
    return Wrap(tuple(best), line + SLACK if consistent else None)


def column_widths(header: list[str], rows: list[list[str]], text_column: int, *, char: float, pad: int,
                  total: int) -> list[int]:
    """Column widths in twips (`char`: one character; `pad`: a cell's two margins) adding up to
    `total`. No column is narrower than its longest run, header included. Each column gets its
    longest cell when the running-text column (`text_column`) can still hold its own longest run
    in what is left, and that rest; otherwise the room beyond the runs is shared by how much
    wider each column's longest cell is."""
    columns = range(len(header))
    cells = [[header[c]] + [row[c] for row in rows] for c in columns]
    natural = [math.ceil((max(width(t) for t in cells[c]) + SLACK) * char) + pad for c in columns]
    if sum(natural) <= total:  # every cell on one line: the runs need not be looked up
        widths = natural
        widths[text_column] += total - sum(natural)
        return widths
    minimum = [math.ceil((max(longest_run(t) for t in cells[c]) + SLACK) * char) + pad for c in columns]
    others = sum(natural) - natural[text_column]
    if others + minimum[text_column] <= total:  # the short columns whole, the running text wraps
        widths = natural
        widths[text_column] = total - others
        return widths
    spare = total - sum(minimum)
    if spare <= 0:  # more columns than the block holds: their runs' share of it
        return _shares(minimum, total)
    # As a browser lays out an automatic table: each column's room beyond its longest run in
    # proportion to how much wider its longest cell is.
    wants = [natural[c] - minimum[c] for c in columns]
    widths = [minimum[c] + spare * wants[c] // (sum(wants) or 1) for c in columns]
    widths[text_column] += total - sum(widths)
    return widths


def _shares(weights: list[int], total: int) -> list[int]:
    widths = [total * w // sum(weights) for w in weights]
    widths[-1] += total - sum(widths)
    return widths
