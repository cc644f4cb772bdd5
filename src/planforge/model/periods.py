"""Chinese time expressions ↔ months of the plan year.

One scanner serves two doors: `parse_when` reads a spec's `when:` value (the whole value must be
one expression), and `find_periods` finds expressions inside free text, as the importer and the
linter need ("二季度举办…", "迎“五一”拔河赛"). The scanner is a single compiled alternation tried
at each position, most specific form first, so it is linear in the text and `十一月` is never read
as `一月`, `每月` never as a month, and `“十一”` is National Day, not November.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from planforge.limits import MEMO_CHARS, MEMO_ENTRIES, SCAN_CHARS
from planforge.model.numbering import cn_to_int
from planforge.model.text import finditer_from, fold_width
from planforge.patterns import lazy


@dataclass(frozen=True)
class Period:
    """A resolved time expression. `months` are in plan-year order and may wrap (12, 1, 2)."""

    text: str
    months: tuple[int, ...] = ()
    kind: str = "month"  # date | month | range | quarter | half | year | festival | term | season | recurrence | vague
    day: int | None = None
    year: int | None = None
    part: str | None = None  # 上旬 中旬 下旬 初 底
    deadline: bool = False
    recurrence: str | None = None  # monthly | quarterly | half-yearly | yearly | weekly | regular
    start: int = 0  # span in the searched text
    end: int = 0

    @property
    def last_month(self) -> int | None:
        return self.months[-1] if self.months else None


# Festival and season words → months (chinese-text.md). Longer words first within the regex.
FESTIVALS: dict[str, tuple[int, ...]] = {
    "元旦": (1,),
    "春节": (1, 2), "新春": (1, 2), "迎春": (1, 2), "团拜": (1, 2), "寒假": (1, 2),
    "两节": (12, 1, 2),
    "元宵": (2, 3),
    "学雷锋日": (3,), "三八": (3,), "妇女节": (3,), "植树节": (3,),
    "清明": (4,), "世界读书日": (4,), "读书日": (4,),
    "五一": (5,), "劳动节": (5,), "五四": (5,), "青年节": (5,), "护士节": (5,), "母亲节": (5,),
    "端午": (5, 6),
    "六一": (6,), "儿童节": (6,), "安全生产月": (6,), "世界环境日": (6,),
    "七一": (7,), "建党节": (7,), "建党纪念日": (7,),  # not 建党 alone: 组建党员队伍
    "暑假": (7, 8), "暑期": (7, 8), "夏送清凉": (7, 8), "高温慰问": (7, 8),
    "八一": (8,), "建军节": (8,),
    "金秋助学": (8, 9),
    "教师节": (9,), "开学": (9,),
    "中秋": (9, 10),
    "国庆": (10,), "十一": (10,),
    "重阳": (10, 11), "敬老日": (10, 11),
}
# Numeric festival names are read only where they cannot be a count or an ordinal: not after
# another numeral, not before 届/个/名/号/五 (十一五 is a five-year plan), and 十一 only quoted or
# followed by a holiday word.
_NUMERIC_FESTIVALS = {"三八", "五一", "五四", "六一", "七一", "八一"}

# School words. A calendar-year plan spans two terms, so 本学期 names the teaching months of the
# year; 开学初 the first month of either term, 学期末 the last (autumn's ends in January).
TERMS: dict[str, tuple[int, ...]] = {
    "春季学期": (2, 3, 4, 5, 6, 7), "秋季学期": (9, 10, 11, 12, 1),
    "上学期": (9, 10, 11, 12, 1), "下学期": (2, 3, 4, 5, 6, 7),
    "本学期": (2, 3, 4, 5, 6, 7, 9, 10, 11, 12), "开学初": (2, 9), "学期末": (1, 6),
}
SEASONS: dict[str, tuple[int, ...]] = {
    "春季": (3, 4, 5), "夏季": (6, 7, 8), "秋季": (9, 10, 11), "冬季": (12, 1, 2),
}
# A part of every month (月底前报送): a monthly recurrence at that part.
MONTH_PARTS = {"月初": "初", "月中": "中旬", "月底": "底", "月末": "底", "上旬": "上旬", "中旬": "中旬", "下旬": "下旬"}
YEAR_POSITIONS: dict[str, tuple[tuple[int, ...], bool]] = {
    "全年": (tuple(range(1, 13)), False), "年内": (tuple(range(1, 13)), False),
    "全年度": (tuple(range(1, 13)), False), "年度内": (tuple(range(1, 13)), False),
    "年初": ((1, 2), False), "年中": ((6, 7), False),
    "年底前": ((12,), True), "年底": ((12,), True), "年终": ((12,), True), "年末": ((12,), True),
    "上半年": ((1, 2, 3, 4, 5, 6), False), "下半年": ((7, 8, 9, 10, 11, 12), False),
}
RECURRENCES: dict[str, str] = {
    "每个月": "monthly", "每月": "monthly", "按月": "monthly", "逐月": "monthly",
    "每季度": "quarterly", "每个季度": "quarterly", "每季": "quarterly", "按季度": "quarterly",
    "每半年": "half-yearly", "每年": "yearly", "每周": "weekly", "每学期": "termly",
    "定期": "regular", "常态化": "regular", "长期": "regular",
}
VAGUE = ("适时", "时间待定", "另行通知", "近期", "择机", "视情况", "待定", "根据需要")

_M = r"(?:十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9])"  # a month numeral, longest first
_YEAR = r"(?:20\d\d|19\d\d)"
_SEP = r"\s*(?:至|到|~|～|—+|－+|-+|–)\s*"
_DEADLINE = r"(?:前|之前|以前)"


def _alternation(words) -> str:
    """The words as alternatives, longest first; words of one length in their own order, so the
    pattern is the same text in every run (some tables are sets), as its kept code needs."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_FESTIVAL_WORDS = [w for w in FESTIVALS if w not in _NUMERIC_FESTIVALS and w != "十一"]

_PATTERNS = [
    ("full_date", rf"(?P<fd_y>{_YEAR})\s*(?:年\s*(?P<fd_m1>\d{{1,2}})\s*月\s*(?P<fd_d1>\d{{1,2}})\s*日|[-./](?P<fd_m2>\d{{1,2}})[-./](?P<fd_d2>\d{{1,2}})(?!\d))(?P<fd_dl>{_DEADLINE})?"),
    ("year_month", rf"(?P<ym_y>{_YEAR})\s*年\s*(?P<ym_m>{_M})\s*月份?(?P<ym_part>上旬|中旬|下旬|初|中|底|末)?(?P<ym_dl>{_DEADLINE})?"),
    ("month_range", rf"(?<![0-9〇零一二三四五六七八九十])(?P<mr_a>{_M})\s*(?:月份|月)?{_SEP}(?P<mr_b>{_M})\s*月份?"),
    ("month_list", rf"(?<![0-9〇零一二三四五六七八九十])(?P<ml>{_M}(?:\s*(?:月份|月)?\s*[、,，和及]\s*{_M})+)\s*月份?"),
    ("month_day", rf"(?<![0-9〇零一二三四五六七八九十])(?P<md_m>{_M})\s*月\s*(?P<md_d>\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号](?P<md_dl>{_DEADLINE})?"),
    ("month", rf"(?<![0-9〇零一二三四五六七八九十每当个])(?P<m_m>{_M})\s*月份?(?P<m_part>上旬|中旬|下旬|初|中下旬|中|底|末)?(?P<m_dl>{_DEADLINE})?"),
    ("quarter", r"(?P<q_n>(?:第?[一二三四1-4]\s*[、,，和及至到-]\s*)*第?[一二三四1-4])\s*季度(?P<q_end>末|底)?"),
    ("year_pos", rf"(?P<yp>{_alternation(YEAR_POSITIONS)})"),
    ("term", rf"(?P<tm>{_alternation(TERMS)})"),
    ("season", rf"(?P<ss>{_alternation(SEASONS)})"),
    # bare only where no Chinese word runs into it: 岁月中 is not 月中
    ("month_part", rf"(?:每个?月|本月|(?<![\u4e00-\u9fff]))(?P<mp>{_alternation(MONTH_PARTS)})(?P<mp_dl>{_DEADLINE})?"),
    ("recurrence", rf"(?P<rc>{_alternation(RECURRENCES)})"),
    ("festival_num", rf"(?<![0-9〇零一二三四五六七八九十])(?P<fn>{_alternation(_NUMERIC_FESTIVALS)})(?![0-9〇零一二三四五六七八九十届个名号周年次]|期(?!间))"),  # 五一期间, not 五一期 (a phase)
    ("national_day", r"(?P<nd>“十一”|\"十一\"|十一(?=国庆|黄金周|长假|期间|假期|前后))"),
    ("festival", rf"(?<!公)(?P<fe>{_alternation(_FESTIVAL_WORDS)})"),  # not the 开学 of 公开学校
    ("vague", rf"(?P<vg>{_alternation(VAGUE)})"),
]
_SCANNER = lazy("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS))
# Every character a _SCANNER match can begin with: a digit, a Chinese month or quarter numeral,
# 第 (第二季度), 每/本 (每月初, 本月底), a quote (“十一”), and the first character of every word.
_WORDS = (YEAR_POSITIONS, TERMS, SEASONS, MONTH_PARTS, RECURRENCES, _NUMERIC_FESTIVALS, _FESTIVAL_WORDS, VAGUE)
_SCANNER_FIRST = lazy(
    "[" + re.escape("".join(sorted({w[0] for words in _WORDS for w in words} | set("一二三四五六七八九十第每本“\"")))) + r"\d]")
_NAMES = [name for name, _ in _PATTERNS]
_QUARTERS = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}
_PART_WORDS = {"初": "初", "上旬": "上旬", "中旬": "中旬", "中": "中旬", "中下旬": "中下旬", "下旬": "下旬", "底": "底", "末": "底"}


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


_DATE_SHAPE = lazy(rf"^\s*(?:{_YEAR}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[-./]\d{{1,2}}[-./]\d{{1,2}})"
                         rf"|\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号]){_DEADLINE}?\s*$")


def impossible_date(text: str) -> bool:
    """`2026-02-29`, `4月31日`: written as a date, but no such day exists (parse_when refused it)."""
    return bool(_DATE_SHAPE.match(fold_width(text))) and parse_when(text) is None


# A document's date (its 成文日期) on a line of its own: 2027年1月5日, 2013.2.20, 2013-02-20,
# 2013/2/20, and written out: 二〇二七年一月五日, 二OO五年元月十日.
_CN_ZERO = "〇零OoＯ○"
_DATE_LINE = lazy(
    r"^\s*(?:(?P<y>(?:19|20)\d\d)\s*(?:年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日|[.．/-]\s*(?P<m2>\d{1,2})\s*[.．/-]\s*(?P<d2>\d{1,2})日?)"
    rf"|(?P<cy>[{_CN_ZERO}一二三四五六七八九]{{4}})\s*年\s*(?P<cm>[元一二三四五六七八九十]{{1,3}})\s*月\s*(?P<cd>[一二三四五六七八九十]{{1,3}})\s*日)\s*$"
)


# A year, a month or a date in figures closing a text (…委员会 2027年1月, 2027-3-1): what a document's
# last line may end in without a full stop.
_ENDS_IN_DATE = lazy(r"(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?\s*$|\d{4}[-./]\d{1,2}[-./]\d{1,2}\s*$")


def ends_in_date(text: str) -> bool:
    """Whether `text` ends in a year, a month or a date written in figures (2027年, 2027年1月)."""
    return _ENDS_IN_DATE.search(text) is not None


def is_only_a_date(text: str) -> bool:
    """Whether `text` is a year, a month or a date in figures and nothing else (see ends_in_date)."""
    return _ENDS_IN_DATE.fullmatch(text) is not None


def is_date_line(text: str) -> bool:
    """Whether a line is a date and nothing else, as a document's date line is written (whether
    the day exists or not: 2月30日 still dates the document, wrongly)."""
    return _DATE_LINE.match(text) is not None


def date_of_line(text: str) -> dt.date | None:
    """The day a date line names (see `is_date_line`); None for any other line, or no such day."""
    m = _DATE_LINE.match(text)
    if not m:
        return None
    if m.group("cy"):
        year: int | None = int("".join("0" if c in _CN_ZERO else str(cn_to_int(c)) for c in m.group("cy")))
        month, day = cn_to_int(m.group("cm").replace("元", "一")), cn_to_int(m.group("cd"))
    else:
        year, month, day = int(m.group("y")), int(m.group("m") or m.group("m2")), int(m.group("d") or m.group("d2"))
    if year is None or month is None or day is None or not _real_date(year, month, day):
        return None
    return dt.date(year, month, day)


def _month(token: str) -> int | None:
    value = cn_to_int(token.strip())
    return value if value and 1 <= value <= 12 else None


def _span(a: int, b: int) -> tuple[int, ...]:
    """Months from a to b inclusive; a range that wraps the year end (十二月至二月) wraps."""
    if a <= b:
        return tuple(range(a, b + 1))
    return tuple(range(a, 13)) + tuple(range(1, b + 1))


# One small resolver per pattern: the named groups of a match → a Period (its text and span are
# filled in by `find_periods`), or None when the numbers do not make a time (13月, 2月30日).
Groups = Callable[[str], str]  # a named group's text, "" when it did not take part


def _full_date(g: Groups) -> Period | None:
    year, month, day = int(g("fd_y")), int(g("fd_m1") or g("fd_m2")), int(g("fd_d1") or g("fd_d2"))
    if not _real_date(year, month, day):
        return None
    return Period("", months=(month,), kind="date", day=day, year=year, deadline=bool(g("fd_dl")))


def _year_month(g: Groups) -> Period | None:
    month, part = _month(g("ym_m")), _PART_WORDS.get(g("ym_part"))
    if not month:
        return None
    return Period("", months=(month,), kind="month", year=int(g("ym_y")), part=part,
                  deadline=bool(g("ym_dl")) or part == "底")


def _month_range(g: Groups) -> Period | None:
    a, b = _month(g("mr_a")), _month(g("mr_b"))
    return Period("", months=_span(a, b), kind="range") if a and b else None


def _month_list(g: Groups) -> Period | None:
    months = [_month(t) for t in re.split(r"\s*(?:月份|月)?\s*[、,，和及]\s*", g("ml"))]
    found = [m for m in months if m]
    if len(found) != len(months) or len(set(found)) != len(found):
        return None
    return Period("", months=tuple(found), kind="range")


def _month_day(g: Groups) -> Period | None:
    month, day = _month(g("md_m")), cn_to_int(g("md_d"))
    if not month or not day or not _real_date(2028, month, day):  # a leap year: 2月29日 may exist
        return None
    return Period("", months=(month,), kind="date", day=day, deadline=bool(g("md_dl")))


def _one_month(g: Groups) -> Period | None:
    month, part = _month(g("m_m")), _PART_WORDS.get(g("m_part"))
    if not month:
        return None
    return Period("", months=(month,), kind="month", part=part, deadline=bool(g("m_dl")) or part == "底")


def _quarter(g: Groups) -> Period | None:
    numbers = [cn_to_int(t) or 0 for t in re.findall(r"[一二三四1-4]", g("q_n"))]
    if any(sep in g("q_n") for sep in ("至", "到", "-")):
        numbers = list(range(numbers[0], numbers[-1] + 1))
    months = tuple(mo for q in numbers for mo in _QUARTERS[q])
    end = bool(g("q_end"))
    return Period("", months=months[-1:] if end else months, kind="quarter", deadline=end)


def _year_position(g: Groups) -> Period:
    months, deadline = YEAR_POSITIONS[g("yp")]
    return Period("", months=months, kind="half" if "半年" in g("yp") else "year", deadline=deadline)


def _month_part(g: Groups) -> Period:
    part = MONTH_PARTS[g("mp")]
    return Period("", months=ALL_MONTHS, kind="recurrence", recurrence="monthly", part=part,
                  deadline=bool(g("mp_dl")) or part == "底")


def _groups(m: re.Match[str]) -> Groups:
    return lambda group: m.group(group) or ""


ALL_MONTHS = tuple(range(1, 13))
_RESOLVERS: dict[str, Callable[[Groups], Period | None]] = {
    "full_date": _full_date,
    "year_month": _year_month,
    "month_range": _month_range,
    "month_list": _month_list,
    "month_day": _month_day,
    "month": _one_month,
    "quarter": _quarter,
    "year_pos": _year_position,
    "term": lambda g: Period("", months=TERMS[g("tm")], kind="term"),
    "season": lambda g: Period("", months=SEASONS[g("ss")], kind="season"),
    "month_part": _month_part,
    "recurrence": lambda g: Period("", months=ALL_MONTHS, kind="recurrence", recurrence=RECURRENCES[g("rc")]),
    "festival_num": lambda g: Period("", months=FESTIVALS[g("fn")], kind="festival"),
    "national_day": lambda g: Period("", months=(10,), kind="festival"),
    "festival": lambda g: Period("", months=FESTIVALS[g("fe")], kind="festival"),
    "vague": lambda g: Period("", months=(), kind="vague"),
}
assert set(_RESOLVERS) == set(_NAMES), "every pattern has its resolver"


def find_periods(text: str) -> tuple[Period, ...]:
    """Every time expression inside `text` (its first SCAN_CHARS characters), left to right."""
    text = text[:SCAN_CHARS]
    return _scan(text) if len(text) <= MEMO_CHARS else _scan.__wrapped__(text)


def opening_period(text: str) -> Period | None:
    """The time a line opens with, at its first or second character (一月份：, （3月）, 第一季度),
    or None. Most lines open with a word no time begins with, and are answered from their first
    two characters without scanning the line."""
    if _SCANNER_FIRST.search(fold_width(text[:2])) is None:
        return None
    periods = find_periods(text[:30])
    return periods[0] if periods and periods[0].start <= 1 else None


@lru_cache(maxsize=MEMO_ENTRIES)
def _scan(text: str) -> tuple[Period, ...]:
    """Memoised: the importer and then the linter read the same lines, and a spec repeats a few
    `when:` values over thousands of items. Periods are frozen, so sharing them is safe."""
    folded = fold_width(text)
    found: list[Period] = []
    for m in finditer_from(_SCANNER, _SCANNER_FIRST, folded):
        name = next(n for n in _NAMES if m.group(n) is not None)
        period = _RESOLVERS[name](_groups(m))
        if period:
            found.append(replace(period, text=text[m.start():m.end()], start=m.start(), end=m.end()))
    return tuple(found)


_FILLER = lazy(r"[\s，,。.；;：:、（）()“”\"']*")
_TRAILING_WORDS = lazy(r"^(?:前后|左右|完成|进行|开展|期间|内)+")


# A note in brackets after a time (九月份（教师节）, 3月（学雷锋月）, 第一季度（1-3月）): the time's,
# kept in its text, when any time the note names falls within it. A few words, no clause: a
# bracket holding a sentence (（开展读书活动，组织全体职工参加）) is no note.
TIME_NOTE = r"\s*[（(](?P<note>[^（）()，,。；;：:！!？?]{1,12})[）)]"  # the note's shape, for the readers too
_NOTE = lazy(TIME_NOTE + r"\s*$")
_A_NOTE_WORD = lazy(r"[^\d\s〇零一二三四五六七八九十①-⑳a-zA-Z.．、]")  # （1）, （二）, （①） number a list


@lru_cache(maxsize=1024)
def parse_when(text: str) -> Period | None:
    """Read a whole `when:` value. Returns None unless one expression covers the value (bar
    surrounding punctuation and the trailing 份/前/完成 words that carry no time of their own),
    or the value is a time and a note in brackets that says no other time (see _NOTE).
    Memoised: ten thousand items share a dozen `when:` values."""
    stripped = text.strip()
    if not stripped:
        return None
    periods = find_periods(stripped)
    if not periods:
        return None
    p = periods[0]
    if not _FILLER.fullmatch(stripped[: p.start]):
        return None
    after = _TRAILING_WORDS.sub("", stripped[p.end:])
    if len(periods) == 1 and _FILLER.fullmatch(after):
        return p
    note = _NOTE.match(after)
    if note is None or not p.months or impossible_date(note.group("note")):
        return None
    if len(periods) == 1 and not _A_NOTE_WORD.search(note.group("note")):
        return None  # （1）, （二）: a list's number, not a note (（七一）, （三八） name festivals)
    # every time the note names has months (适时, 待定 say the time is not settled) within the time's
    if not all(q.months and set(q.months) <= set(p.months) for q in periods[1:]):
        return None
    return replace(p, text=stripped, end=len(stripped))


# What stands between festivals named together as one time (元旦、春节期间, 国庆中秋, 元旦节和春节);
# a comma ends a clause, and the festival after it is another clause's
_FESTIVALS_JOINED = lazy(r"节?[、和及与]?")


def first_time(text: str) -> tuple[Period, str] | None:
    """The first time `text` names that a spec's `when:` can hold, and the words it was read from:
    an importer's guess at an item's time. Festivals named together are one time, their months
    together (春节、元宵节期间 → 1-3月, 五一、国庆 → 5月、10月), or the one among them that spans
    the others (元旦、春节 → 春节): the first alone would date a visit over both in its month only.
    None when the first time named is none a `when:` can hold."""
    found = [p for p in find_periods(text) if p.kind != "vague"]
    if not found:
        return None
    run = _named_together(text, found)
    months = sorted({month for period in run for month in period.months})
    # one that spans the others is the time (五一劳动节 names 五一 twice; 元旦、两节 is 两节)
    widest = next((period for period in run if set(period.months) == set(months)), None)
    if len(run) == 1 or widest is not None:
        when = parse_when((widest or run[0]).text)
        return (when, text[run[0].start:run[-1].end]) if when else None
    when = parse_when(_months_written(months))
    return (when, text[run[0].start:run[-1].end]) if when else None


def _named_together(text: str, found: list[Period]) -> list[Period]:
    """The first of `found`, and the festivals named with it (元旦、春节期间: both)."""
    run = found[:1]
    while (run[0].kind == "festival" and len(run) < len(found) and found[len(run)].kind == "festival"
           and _FESTIVALS_JOINED.fullmatch(text[run[-1].end:found[len(run)].start])):
        run.append(found[len(run)])
    return run


def _months_written(months: list[int]) -> str:
    """`months` (sorted) as a `when:` writes them: a range where they run on, across the new year
    too (两节、元宵: 12-3月), else each named (五一、国庆: 5月、10月)."""
    for shift in range(len(months)):
        turned = months[shift:] + months[:shift]
        if all(later == earlier % 12 + 1 for earlier, later in pairwise(turned)):
            return f"{turned[0]}-{turned[-1]}月"
    return "、".join(f"{month}月" for month in months)


_YEAR_MENTION = lazy(r"(?<!\d)(20\d\d)\s*年")


def stale_year_mentions(text: str | None, up_to_year: int) -> list[str]:
    """Years up to `up_to_year` named in free text (2026年 in a 2027 plan): the classic slip of a
    plan copied from last year. A span such as 2026—2030年 is a planning period, not a slip."""
    return [mention for _start, mention in stale_year_spans(text, up_to_year)]


# Last year named on purpose: 总结2026年工作, 比2026年增长10%, 在2026年基础上, 巩固2026年成果.
_LOOKING_BACK_BEFORE = lazy(r"(?:总结|總結|回顾|回顧|相比|对比|對比|同比|比|较|較|截至|截止|巩固|鞏固|延续|延續|保持)\s*$")
_LOOKING_BACK_AFTER = lazy(r"^[^，,。；;]{0,8}?(?:基础上|的基础|以来|成果|经验|水平|同期)")


def stale_year_spans(text: str | None, up_to_year: int, looking_back_allowed: bool = False) -> list[tuple[int, str]]:
    """(offset, mention) of each year up to `up_to_year` in `text`; with `looking_back_allowed`,
    `up_to_year` itself is not one where the text sums it up or compares with it (总结2026年工作)."""
    if not text:
        return []
    found = []
    for m in _YEAR_MENTION.finditer(text):
        if re.search(r"20\d\d\s*[-—–~～至到]+\s*$", text[max(0, m.start() - 8):m.start()]):
            continue  # the end of a span
        if re.match(r"\s*年?\s*[-—–~～至到]+\s*20\d\d", text[m.end() - 1:]) or re.match(r"\s*[-—–~～至到]", text[m.end():]):
            continue  # the start of a span written 2026年—2030年
        before = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)", "", text[max(0, m.start() - 16):m.start()])  # 總結(jié)
        if (looking_back_allowed and int(m.group(1)) == up_to_year
                and (_LOOKING_BACK_BEFORE.search(before) or _LOOKING_BACK_AFTER.match(text[m.end():]))):
            continue  # last year summed up or compared with; two years back in such words is a copy
        if int(m.group(1)) <= up_to_year:
            found.append((m.start(), m.group(0)))
    return found
