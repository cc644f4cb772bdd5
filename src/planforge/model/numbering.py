"""Chinese numerals and the numbering markers of plan documents (一、（一）1.（1）).

Numbers in a plan are generated from the tree, never typed, so reordering never leaves stale
numbers. The inverse (`split_marker`) recognises a typed marker so a spec title that starts with
one can be cleaned, and so readers of real documents can later judge their numbering.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from planforge.limits import MEMO_CHARS, MEMO_ENTRIES
from planforge.patterns import lazy

_DIGITS = "零一二三四五六七八九"
_CN_VALUE = {
    "〇": 0, "零": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3, "參": 3, "参": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (the forms used in section numbers)."""
    if n < 0:
        raise ValueError("negative numbers have no section numeral")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _DIGITS[tens] + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            return _DIGITS[hundreds] + "百"
        tail = to_chinese(rest) if rest >= 20 else ("一" + to_chinese(rest) if rest >= 10 else to_chinese(rest))
        return _DIGITS[hundreds] + "百" + ("零" if rest < 10 else "") + tail
    return str(n)


# A numeral longer than this states no figure of a plan (a spec's stop at a thousand trillion);
# and int() refuses a string of over 4,300 digits, which a pasted table can hold.
LONGEST_NUMERAL = 40


def cn_to_int(text: str) -> int | None:
    """Parse a Chinese (or financial, or Arabic) numeral: 十二 → 12, 一百零五 → 105, 伍佰 → 500,
    二〇二七 → 2027, 3千 → 3000, full-width １２ → 12 (a pattern's digit class matches them, in a
    typed marker too). Returns None when `text` is not a numeral."""
    if not text or len(text) > LONGEST_NUMERAL:
        return None
    if text.isdecimal():
        return int(text)
    # Digit-by-digit form (二〇二七): only digits, no units.
    if all(ch in _CN_VALUE or ch.isdecimal() for ch in text) and len(text) > 1:
        return int("".join(str(_CN_VALUE.get(ch, ch)) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch.isdecimal():
            digit = (digit or 0) * 10 + int(ch)
        elif ch in _CN_VALUE:
            digit = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Marker kinds, each a function of the 1-based position.
_FORMATS = {
    "cn_dun": lambda n: f"{to_chinese(n)}、",
    "cn_paren": lambda n: f"（{to_chinese(n)}）",
    "arabic_dot": lambda n: f"{n}.",
    "arabic_dun": lambda n: f"{n}、",
    "arabic_paren": lambda n: f"（{n}）",
    "circled": lambda n: CIRCLED[n - 1] if n <= len(CIRCLED) else f"（{n}）",
}

# Numbering schemes by name: one marker kind per level (level 1 = section).
SCHEMES: dict[str, tuple[str, str, str, str]] = {
    "gbt9704": ("cn_dun", "cn_paren", "arabic_dot", "arabic_paren"),
    "house": ("cn_dun", "arabic_dun", "arabic_paren", "circled"),
}
MAX_LEVELS = 4  # 一、（一）1.（1）: a scheme names a marker kind for each (the loader refuses a fifth)


def marker(level: int, position: int, scheme: str = "gbt9704") -> str:
    """The marker for the `position`-th node (1-based) at `level` (1-based) under `scheme`."""
    return _FORMATS[SCHEMES[scheme][level - 1]](position)


_CN_NUM = f"[{_DIGITS}十百〇两]+"
# 第一部分 总体要求 / 第二部分：主要任务 / 第三部分保障措施: the parts a long plan groups its 一、
# under, one level up. Run into its words only as a short title is (第一部分工作已经完成，… is prose).
# 壹、貳、參、: the capital numerals that Taiwan's official documents put above 一、 (in Simplified
# or Traditional letters: a Traditional document is read converted). Their own family, one level up.
_CAPITAL_NUM = "[壹贰貳叁參参肆伍陆陸柒捌玖拾]+"
# Typed markers at the start of a line, most specific first. `family` names the kind of counter,
# independent of the exact punctuation typed (1、 1. 1． 1, are one family, per chinese-text.md).
_MARKER_RE = lazy(
    rf"""^[ \t\u3000\xa0]*(?:
      (?P<cn_paren>[（(]\s*(?P<v1>{_CN_NUM})\s*[）)][、,，.．]?)
    | (?P<arabic_paren>[（(]\s*(?P<v2>\d{{1,3}})\s*[）)][、,，.．]?)
    | (?P<circled>(?P<v3>[{CIRCLED}]))
    | (?P<cn_dun>(?P<v4>{_CN_NUM})\s*[、,，.．])
    | (?P<arabic>(?P<v5>\d{{1,3}})\s*(?:[、,，．]|\.(?!\d)|\.(?=\d{{1,2}}[月日号]|(?:19|20)\d\d\s*(?:[年\-—–~～至]|学年))))
    | (?P<cn_shi>(?P<v6>{_CN_NUM})是)
    | (?P<cn_capital>(?P<v7>{_CAPITAL_NUM})\s*[、,，.．])
    | (?P<cn_part>第\s*(?P<v8>{_CN_NUM}|\d{{1,2}})\s*部分(?:\s*(?:[：:、.．，,]|[—－-]{{1,2}})|\s+|(?=[^\s，,。；;：:！？!?]{{1,15}}\s*$)))
    )""",
    re.VERBOSE,
)


_VALUE_GROUP = {"cn_paren": "v1", "arabic_paren": "v2", "circled": "v3", "cn_dun": "v4", "arabic": "v5", "cn_shi": "v6",
                "cn_capital": "v7", "cn_part": "v8"}


# 七、八月份 and 十一、十二月 are a list of months, not the marker 七、 before 八月份; but a list
# names other months, in order (十二 may turn to 一: 十一、十二、一月), so 一、一月份, 二、二月份
# (a plan by month, its parts numbered by them) and 五、三月 are a part's number and its month.
# 三、九月份 may be either; it stays a list, as 一、二月份 does.
_MONTH_LIST = lazy(r"^(?P<first>[一二三四五六七八九十]{1,2})(?P<more>(?:、[一二三四五六七八九十]{1,2})+)月")


def months_listed(text: str) -> re.Match[str] | None:
    """`text` opening like a list of months (七、八月份, 一、九月份), its first numeral the group
    `first`, whether or not it is one (`split_marker` decides alone, the importer by the count)."""
    return _MONTH_LIST.match(text)


def _lists_months(text: str) -> bool:
    m = _MONTH_LIST.match(text)
    if not m:
        return False
    months = [cn_to_int(n) or 0 for n in [m.group("first"), *m.group("more").split("、")[1:]]]
    if not all(1 <= month <= 12 for month in months):
        return False
    return all(a < b or (a, b) == (12, 1) for a, b in pairwise(months))


def split_marker(text: str) -> tuple[str, int, str, str] | None:
    """If `text` starts with a typed numbering marker, return (family, value, marker, rest).
    The importer's stages and the lint rules ask this of the same lines four or five times each
    (a tenth of a 10,000-item import): the answer is kept for each text up to MEMO_CHARS long."""
    return _split_marker(text) if len(text) <= MEMO_CHARS else _split_marker.__wrapped__(text)


@lru_cache(maxsize=MEMO_ENTRIES)
def _split_marker(text: str) -> tuple[str, int, str, str] | None:
    m = _MARKER_RE.match(text)
    if not m or _lists_months(text):
        return None
    family = m.lastgroup or ""  # the family's group closes after its value's
    raw_value = m.group(_VALUE_GROUP[family])
    value = CIRCLED.index(raw_value) + 1 if family == "circled" else cn_to_int(raw_value)
    if value is None:
        return None
    if family == "cn_shi":
        return None if not value else (family, value, m.group(0).strip(), text[m.end():])
    return family, value, m.group(0).strip(), text[m.end():].lstrip()
