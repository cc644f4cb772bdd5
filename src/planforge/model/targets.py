"""Finding quantified targets in free text: 力争创建市级“工人先锋号”2个；覆盖面达到80%以上；安全事故为零.

One extractor, two users: the importer turns what it finds into structured `targets`, and the
linter (PF101) will ask it whether an item's text carries a number at all. It is deliberately
conservative: a festival (五一), an ordinal (第四届), a year (2014年), an anniversary (60周年),
a duration (大干100天) or a quoted slogan (“三个率先”) is not a target, and neither is a single
event (组织一次比武), which is a commitment, not a measure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from planforge.limits import MEMO_CHARS, SCAN_CHARS
from planforge.model.numbering import cn_to_int
from planforge.model.text import finditer_from, fold_width

# Base units; a unit as written may carry a scale before it (万件, 千元, 亿元) and 次 after it
# (人次, 户次, 场次, 万人次), so 达到200万件以上 reads as 200 万件, not 200 万.
UNITS = ("人", "元", "个", "名", "次", "场", "期", "家", "户", "篇", "条", "项", "件", "所", "支", "本", "册", "套",
         "台", "部", "批", "处", "座", "学时", "课时", "小时", "公里", "平方米", "吨", "份", "组", "门", "节课", "届",
         "余人", "多人", "万", "堂", "轮", "天", "卷")
_BASE_RE = "|".join(sorted((re.escape(u) for u in UNITS if u not in ("届", "余人", "多人", "万", "天")), key=len, reverse=True))
_UNIT_RE = rf"(?:[万千亿]?(?:{_BASE_RE})次?|万)"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"
_NUMBER = rf"(?:\d+(?:\.\d+)?|[{_CN_DIGITS}]+)"

_OPS_BEFORE = [
    ("不少于", ">="), ("不低于", ">="), ("至少", ">="), ("不超过", "<="), ("不高于", "<="), ("控制在", "<="),
    ("超过", ">"), ("低于", "<"), ("达到", "="), ("达", "="), ("保持", "="), ("提高到", "="), ("提升到", "="),
]
_OPS_AFTER = [("以上", ">="), ("及以上", ">="), ("以内", "<="), ("以下", "<="), ("左右", "=")]

_TARGET_RE = re.compile(
    rf"""(?P<op_before>{'|'.join(w for w, _ in _OPS_BEFORE)})?\s*
    (?:百分之(?P<cn_percent>[{_CN_DIGITS}]+)
      |(?:(?<![0-9{_CN_DIGITS}])(?P<sign>[-−]))?(?P<value>{_NUMBER})\s*(?P<unit>%|％|{_UNIT_RE})
      |(?P<tenths>[一二三四五六七八九十])成(?![员立功果绩本])
    )
    (?P<op_after>{'|'.join(w for w, _ in _OPS_AFTER)})?""",
    re.VERBOSE,
)
_ZERO_RE = re.compile(r"(?P<what>[^，,；;。：:、]{2,30}?)(?:为零|为0|零发生|“零”)"
                      r"|零(?P<what2>事故|伤亡|死亡|投诉|上访|差错|纠纷)"
                      r"|无(?P<what3>(?:重大|较大|一般)?(?:安全|责任|生产|医疗|交通|火灾)?(?:事故|投诉|差错|纠纷))")
_ANY_DIGIT = re.compile(rf"[\d{_CN_DIGITS}]")  # every _TARGET_RE match holds one
# Every character a _TARGET_RE match can begin with: an operator word's, a space, a digit, a sign.
_TARGET_FIRST = re.compile("[" + re.escape("".join(sorted({w[0] for w, _ in _OPS_BEFORE}))) + rf"\s\d{_CN_DIGITS}\-−]")
_COMMITMENT = re.compile(r"(力争|确保|争取|全年|年内|今年|要|并|使|将|共|[一二三四五六七八九十]+是)+")  # used with .match(text, pos)
_CLAUSE_SPLIT = re.compile(r"[，,；;。！!？?\n]")


@dataclass(frozen=True)
class FoundTarget:
    what: str
    value: float | int
    unit: str | None
    op: str | None
    commitment: str | None
    sentence: str  # the clause it was read from, as written
    start: int
    end: int


_INTEGER, _DECIMAL, _DIGIT = re.compile(r"\d+"), re.compile(r"\d+\.\d+"), re.compile(r"\d")
_QUOTED = re.compile(r"“[^”]{0,30}”|《[^》]{0,40}》|\"[^\"]{0,30}\"")


def _number(text: str) -> float | int | None:
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return cn_to_int(text)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTED.finditer(text)]


# 每月召开一次, 每季度不少于1次, 两年一次: a frequency is a measure, where 组织一次比武 is not.
_FREQUENCY = re.compile(r"(?:每|逐)(?:个|一个|個|半)?(?:月|季度|季|年|周|週|星期|学期|學期|学年|學年|半年|两月|兩月|两周|兩週)"
                        r"|至少|不少于|不少於")
_EVERY_FEW_YEARS = ("两年", "兩年", "二年", "三年", "半年")  # 两年一次, right before the count
# 创建3个, 培育两个: a written-out count is a target after a verb of making; without one it is a
# slogan's count (三个率先, 四个意识, 五项制度, 八项规定).
_MAKING = re.compile(r"(?:达到|建立|建成|创建|培育|组建|新建|增加|新增|完成|开展|举办|成立|打造|评选|选树|发展|培训|慰问|走访|建设|力争|共)$")


def _not_a_target(text: str, start: int, end: int, unit: str | None, value_text: str, clause_start: int = 0) -> bool:
    before = text[max(0, start - 2):start]
    after = text[end:end + 4]
    if before.endswith(("第", "届", "屆")):
        return True  # 第四届, 第3次, 十届2次, 九屆三次
    if unit in ("次", "届", "期") and after.startswith(("届", "屆")):
        return True  # 九届三次 seen from its second half
    frequency = _FREQUENCY.search(text, clause_start, start) or text[max(0, start - 2):start] in _EVERY_FEW_YEARS
    if unit in ("次", "届", "期") and after.startswith(("会议", "全会", "全委会", "代表大会", "常委", "委员会")) and not frequency:
        return True  # 2次全会 (but 每季度召开一次会议 is a frequency)
    if after.startswith(("周年", "年", "月", "日", "号", "天", "届")) and unit in (None, "个"):
        return True
    if after.startswith(("企", "单")) and unit in ("人",) and text[end - 2:end] == "以上":
        return True  # 200人以上企业: a qualifier, not a goal
    if _DIGIT.search(value_text):
        return False
    if cn_to_int(value_text) != 1:
        return unit in ("个", "個", "项", "項") and not _MAKING.search(text, clause_start, start)
    # A written-out 一 is part of a word (统一部署, 一支队伍, 一批) or a single event (组织一次比武),
    # unless it is a frequency or a minimum (每季度召开一次, 两年一次, 全年至少评议一次).
    return not (unit == "次" and frequency)


def _value_and_unit(m: re.Match[str]) -> tuple[float | None, str | None, str]:
    """(value, unit, the value as written) of a target match: 百分之八十, 八成, or digits with a unit."""
    if m.group("cn_percent"):
        return cn_to_int(m.group("cn_percent")), "%", m.group("cn_percent")
    if m.group("tenths"):
        return (cn_to_int(m.group("tenths")) or 0) * 10, "%", m.group("tenths")
    value_text = m.group("value")
    value: float | None = _number(value_text)
    if m.group("sign") and value is not None and _DIGIT.match(value_text):
        value = -value
    unit = m.group("unit")
    return value, "%" if unit in ("%", "％") else unit, value_text


_TRAILING = re.compile(r"(要|应|须|必须|均|都)?\s*$")


def _measure(folded: str, clause_start: int, value_start: int) -> tuple[int, int, str | None]:
    """Where the measure's name runs (between the clause start and the number), without the
    leading 力争/确保 (returned as the commitment) and the trailing 要/应/均."""
    what_start, what_end = clause_start, value_start
    while what_start < what_end and folded[what_start].isspace():
        what_start += 1
    trailing = _TRAILING.search(folded[what_start:what_end])
    what_end = what_start + (trailing.start() if trailing else what_end - what_start)
    lead = _COMMITMENT.match(folded, what_start, what_end)
    if not lead or lead.end() == what_end:  # no such words, or nothing left to name the measure
        return what_start, what_end, None
    words = lead.group(0)
    commitment = "力争" if ("力争" in words or "争取" in words) else "确保" if "确保" in words else None
    return lead.end(), what_end, commitment


def find_targets(text: str) -> list[FoundTarget]:
    """Every quantified expression in `text` that reads as a target, left to right (within the
    first SCAN_CHARS characters: one pasted megabyte-long paragraph must not stall a lint run)."""
    text = text[:SCAN_CHARS]
    if len(text) > MEMO_CHARS:  # a long paragraph is read once anyway, and is not kept
        return list(_find_targets.__wrapped__(text))
    return list(_find_targets(text))


# The importer reads an item's targets, then the linter asks again (PF101, PF102, gaps): one
# reading per distinct text.
@lru_cache(maxsize=4096)
def _find_targets(text: str) -> tuple[FoundTarget, ...]:
    folded = fold_width(text)
    quoted = _quoted_spans(folded)
    cuts = [m.start() for m in _CLAUSE_SPLIT.finditer(folded)]  # clause boundaries, found once

    def clause(start: int, end: int) -> tuple[int, int]:
        i = bisect.bisect_left(cuts, start)
        j = bisect.bisect_left(cuts, end)
        return (cuts[i - 1] + 1 if i else 0), (cuts[j] if j < len(cuts) else len(folded))

    found: list[FoundTarget] = []
    # Each pattern is tried at every position of the text; a text without a digit (or without
    # 零/无) cannot match, and most titles have none, so those skip the scan.
    numbers = finditer_from(_TARGET_RE, _TARGET_FIRST, folded) if _ANY_DIGIT.search(folded) else ()
    for m in numbers:
        start, end = m.span()
        if any(a <= start < b for a, b in quoted):
            continue
        value, unit, value_text = _value_and_unit(m)
        clause_start, clause_end = clause(start, end)
        if value is None or _not_a_target(folded, start, end, unit, value_text, clause_start):
            continue
        if unit == "万" and not _DIGIT.search(value_text):
            continue  # 三年五万技术工人 stays text: too compressed to read safely
        # 达到80%以上 reads as >=: a word after the number says more than 达到 before it
        op = dict(_OPS_AFTER).get(m.group("op_after") or "") or dict(_OPS_BEFORE).get(m.group("op_before") or "")
        what_start, what_end, commitment = _measure(folded, clause_start, start)
        what = text[what_start:what_end]
        if what_end - what_start <= 2 and m.group("op_before") is None:
            # 6期周末青年交流会；创建2个示范点: the count opens the clause or follows a bare verb,
            # so the object after it names the measure
            what += text[end:min(clause_end, end + 20)].strip()
        if len(what) < 2:
            continue
        found.append(FoundTarget(what=what, value=value, unit=unit, op=op, commitment=commitment,
                                 sentence=text[clause_start:clause_end].strip(), start=start, end=end))
    for m in _ZERO_RE.finditer(folded) if ("零" in folded or "无" in folded or "为0" in folded) else ():
        if any(a <= m.start() < b for a, b in quoted):
            continue  # “零死亡、零重伤” is a slogan; its targets are stated elsewhere
        what = (m.group("what") or m.group("what2") or m.group("what3") or "").strip()
        what = _COMMITMENT.sub("", what)
        if len(what) >= 2 and not any(t.start <= m.start() < t.end for t in found):
            clause_start = clause(m.start(), m.end())[0]
            found.append(FoundTarget(what=what, value=0, unit=None, op="<=", commitment=None,
                                     sentence=text[clause_start:m.end()].strip(), start=m.start(), end=m.end()))
    found.sort(key=lambda t: t.start)
    return tuple(found)


# 组织一次青年教师交流会, 举办1场讲座: one event is measured by taking place, though "一次" is
# not a target worth carrying over to next year (find_targets leaves it).
_SINGLE_EVENT = re.compile(r"(?:组织|举办|召开|开展|举行|进行|组队参加|参加)(?:一|1)(?:次|场|期|届)[^，,；;。]{0,24}?"
                           r"(?:会|赛|活动|讲座|培训|演出|展演|展览|仪式|论坛|沙龙|演讲|评比|评选|竞赛|观摩|研讨|联欢|座谈|征文)")


def has_quantity(text: str) -> bool:
    """Does the text carry a number a reviewer would accept as a target? (PF101)"""
    return bool(find_targets(text)) or bool(_SINGLE_EVENT.search(text))
