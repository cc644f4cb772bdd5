"""Text helpers every door shares: width folding for matching, and what a placeholder looks like.

Scraped and pasted plans mix full- and half-width forms. Matching code folds them with
`fold_width`, which maps one character to one character so that positions found in the folded
text are positions in the original. NFKC is avoided: it turns ① into 1 and ㈠ into (一).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from planforge.patterns import lazy

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})


def fold_width(text: str) -> str:
    """Full-width ASCII forms to ASCII and wide spaces to a space, one char for one char."""
    return text.translate(_FOLD)


# Traditional Chinese is read through the Simplified rules (readers/script.py, the `when` of a
# spec): OpenCC's t2s, imported on first need. These frequent characters exist only in Traditional
# writing: a cheap look that spares Simplified text the converter.
_TRADITIONAL_ONLY = lazy("[們個這來為國會發與學對動時經當業說過實體點進種還現區開關書級團員報劃畫節場萬戶職務總據計應該將類議評論際慶週]")


_HAN = lazy("[\u4e00-\u9fff]")


def traditional_marks(text: str) -> int:
    """How many characters of `text` only Traditional writing uses (of a frequent few)."""
    return len(_TRADITIONAL_ONLY.findall(text))


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s").convert


def simplified(text: str) -> str:
    """`text` in Simplified characters, one character for one so that offsets hold; the text as it
    is if the conversion would change its length (a phrase rewritten) or it holds no Traditional."""
    if not _HAN.search(text):
        return text
    converted = _t2s()(text)
    return converted if len(converted) == len(text) else text


# A heading that names the monthly schedule (月度工作安排, 行事历, 活动安排表): in a plan that has a
# schedule it stands for it. An import reads the month lines under it into the schedule, apart from
# the sections, so the part is left empty: the linter does not call it empty, and the rendered
# plan refers the reader to the schedule's attachment under it.
_NAMES_THE_SCHEDULE = lazy(r"(?:月度|月份|季度|分月|逐月)(?:工作|活动)?(?:安排|计划)|行事历|工作日程|(?:工作|活动)(?:安排|日程|进度)表?$")


def names_the_schedule(title: str) -> bool:
    return _NAMES_THE_SCHEDULE.search(title) is not None


# Spaces and punctuation: what comparing two texts by their words leaves out (duplicate
# detection, matching a summary's paragraphs to a plan's items).
PUNCTUATION_AND_SPACE = lazy(r"[\s，,。.、；;：:！!？?“”\"'（）()《》【】\-—…·]")


# Unfilled template slots: 20xx, xx区, ***, 某某, ____ (a placeholder the lint rule, the schema and
# the importer all mean the same by). Shorter underscore runs are slots where they stand for a
# year or a name: 20__年, 20_年, __市, __年__月__日, and the start of a span __-20__年度.
PLACEHOLDER = lazy(
    r"20[xX×]{2}|(?<![A-Za-z])[xX×]{2,}(?![A-Za-z])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[xX×]{2,}(?![A-Za-z])"
    r"|[xX]{3,}|×{2,}|\*{2,}|某某|_{3,}|＿{2,}"
    r"|(?<![A-Za-z\d_＿])(?:19|20)[_＿]{1,2}(?![_＿])|[_＿]{2}(?=[年月日号市县区省州镇乡村])|[_＿]{2}(?=\s*[-—–~～至]\s*(?:19|20)[_＿\d])"
)
# Every placeholder holds one of these: a text with none skips the pattern (tried at every position).
PLACEHOLDER_CHARS = lazy(r"[xX×*某_＿]")
PLACEHOLDER_FIRST = lazy(r"[12xX×*某_＿]")  # what a placeholder can begin with (20xx, 19__, ___)


def find_placeholders(text: str) -> list[re.Match[str]]:
    return list(finditer_from(PLACEHOLDER, PLACEHOLDER_FIRST, text)) if PLACEHOLDER_CHARS.search(text) else []


def finditer_from(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, match for match, trying `pattern` only where `first` (every
    character a match can begin with) matches. A big alternation is tried at every position by
    `finditer`; in Chinese prose a time or a figure can begin at one position in ten, so this is
    two to three times faster. Patterns must not match the empty string."""
    position, search, match = 0, first.search, pattern.match
    while True:
        candidate = search(text, position)
        if candidate is None:
            return
        found = match(text, candidate.start())
        if found is None:
            position = candidate.start() + 1
            continue
        yield found
        position = found.end()
