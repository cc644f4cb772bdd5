"""From a document's paragraphs to a `Plan`: the structure inference shared by every reader.

Readers (text, Markdown, DOCX) only turn a file into `Block`s, one per paragraph or table, with
where each came from. Everything about what real plans look like lives here: numbering families
and their levels in order of first appearance (1、 1. 1． are one family), headings run into
their body, a two-digit number split over two lines, numbering that continues across sections,
month-organised plans and monthly appendices (the schedule), 一是…二是… inside a paragraph,
several plans in one file (…篇1, 篇2), and retrospective summaries with a plan part at the end.
Targets and times come from the shared extractors (targets.py, periods.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from planforge.model.numbering import MAX_LEVELS, cn_to_int, months_listed, split_marker
from planforge.model.periods import (
    TIME_NOTE,
    Period,
    date_of_line,
    find_periods,
    first_time,
    is_date_line,
    opening_period,
    parse_when,
)
from planforge.model.plan import Item, Owner, Plan, ScheduleEntry, ScheduleTask, Source, Target
from planforge.model.targets import find_targets, holds_a_comma
from planforge.model.text import find_placeholders, fold_width, names_the_schedule
from planforge.model.wording import targets_sentence
from planforge.patterns import lazy
from planforge.readers.blocks import Anomaly, Block, ImportedPlan, ImportResult
from planforge.readers.cleanup import Repair

# A plan's start in a file of several: …计划篇1, …计划篇六, 范文一, 【篇1】, 【篇1】2027年工会工作计划.
_PART_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_PART_MARK = lazy(
    rf"^(?P<title>.{{0,60}}?)\s*【?\s*(?:篇|范文)\s*(?P<n>{_PART_NUMBER})\s*】?\s*[:：]?\s*$"
    rf"|^【\s*(?:篇|范文)\s*(?P<n2>{_PART_NUMBER})\s*】\s*(?P<after>.{{2,60}})$"
)
# Simplified and Traditional forms both (學校工會工作思路, 工作計畫): the text is kept as written.
_PLAN_WORDS = lazy(r"计划|計劃|計畫|要点|要點|规划|規劃|安排|打算|方案|工作思路|行事历|行事曆")
_SUMMARY_WORDS = lazy(r"一年来|今年以来|截至|截止|总结如下|取得了|完成了")
_PLAN_PART = lazy(r"^(?:[一二三四五六七八九十]+、|\d+[、.．]|第[一二三四五六七八九十\d]{1,3}部分[：:、—－\s]*)?\s*(?:下步|下一步|明年|来年|20\d\d年)?(?:工作)?(?:打算|计划|思路|安排|设想)|今后工作")
_APPENDIX = lazy(r"^附(?:件|录)?\s*\d*\s*[:：]?.*(?:月份?工作安排|行事历|工作安排表|月工作|工作日程|工作进度|工作月历)")
# Who answers for an item and by when, stated where the item ends: in brackets closing it
# （责任部门：X；完成时限：Y）, （牵头单位：X，完成时限：Y）, or as its last clause 牵头部门：X。 or a line
# 责任部门：X    完成时限：Y under it. Stated, so not guesses, and taken out of the text: a render
# states them again.
_OWNER_LABEL = r"(?:责任|牵头|负责|实施)(?:部门|单位|科室)|责任人"  # 实施单位: the unit that carries it out
# In a note in brackets, which can hold nothing but such labels and values, more words state the
# lead: 负责人 names a person as 责任人 does, 主办/承办 (an event's host) and a bare 牵头 a unit as
# 牵头单位 does. As a clause of the text they state one where the value names a unit, a role or a
# person (组织职工体检，负责人：李四。), not prose after a label (负责人：要亲自抓).
_MORE_OWNER_LABEL = r"(?:主办|承办)(?:部门|单位|科室)?|负责人|牵头"
_NOTE_OWNER_LABEL = rf"{_OWNER_LABEL}|{_MORE_OWNER_LABEL}"
_WHEN_LABEL = r"完成(?:时限|时间)"


_CO_OWNER_LABEL = r"配合|协办|协助"  # the units that share the work (配合单位：…), after the lead
# any owner's label: a lead's, or that of the units sharing the work (a bare 协助： is a task's words)
_ANY_OWNER_LABEL = rf"(?:{_OWNER_LABEL}|(?:{_CO_OWNER_LABEL})(?:部门|单位|科室))"


def _meta_fields(owner_chars: str, chained: bool, labels: str = _OWNER_LABEL, more_labels: str = "") -> str:
    """The owner's label and value, then (`chained`: where a value cannot run on past ， and ；)
    any further owners' (牵头单位：A；配合单位：B；责任单位：C), all in the group `owner`
    (stated_owners parts them), then the time's label and value (a note in brackets may follow
    the time: 完成时限：9月（教师节）). A value opens and ends on a character that is no space, so
    the spaces around it have one reading: with two (the value's or the pattern's beside it) a
    chain of labels with spaces after their colons or before their commas took time exponential
    in its length."""
    allowed = rf"(?![，,；;。\s]\s*{_WHEN_LABEL})"
    solid = rf"{allowed}[{owner_chars}\s]"  # no space: the spaces around a value are the pattern's
    value = rf"{solid}(?:(?:{allowed}[{owner_chars}])*?{solid})?"
    more = rf"(?:\s*[，,；;]\s*(?:{more_labels or _ANY_OWNER_LABEL})\s*[:：]\s*{value})*" if chained else ""
    return (rf"(?:(?:{labels})\s*[:：]\s*(?P<owner>{value}{more}))?"
            rf"\s*[，,；;。]?\s*(?:{_WHEN_LABEL}\s*[:：]\s*(?P<when>(?:[^；;，,（）()。\n]|[（(][^（）()\n]{{1,12}}[）)])+?))?")


# In brackets the owners may run on with ， and ； (（牵头单位：A；责任单位：B）); as a clause a ， or 。
# ends them, so prose after a label (责任单位：各支部要高度重视，认真组织…) is no owner.
# (In brackets a value already runs on over ； and the next label: chaining there too would give a
# text with many labels exponentially many ways to be read.)
# After a lead's label the units sharing the work may be labelled with the bare word (牵头：工会，
# 配合：团委): there it labels, where a line's first 协助： is a task's words. A chain with such
# labels is read as the clause of 负责人 is, each value checked for prose (_names_who).
_CHAINED_LABEL = rf"{_NOTE_OWNER_LABEL}|(?:{_CO_OWNER_LABEL})(?:部门|单位|科室)?"
_IN_BRACKETS = _meta_fields("^。）)\n", chained=False, labels=_NOTE_OWNER_LABEL)
_IN_A_CLAUSE = _meta_fields("^，,；;。）)\n", chained=True)
_MORE_IN_A_CLAUSE = _meta_fields("^，,；;。）)\n", chained=True, labels=_NOTE_OWNER_LABEL, more_labels=_CHAINED_LABEL)
_META = lazy(rf"[（(]\s*{_IN_BRACKETS}\s*[）)]\s*[。；;]?\s*$")  # （责任单位：机关党委）。 closes a sentence too
_META_CLAUSE = lazy(rf"(?:^|(?<=[。；;，,\n]))\s*{_IN_A_CLAUSE}\s*[。；;]?\s*$")
_META_CLAUSE_MORE = lazy(rf"(?:^|(?<=[。；;，,\n]))\s*{_MORE_IN_A_CLAUSE}\s*[。；;]?\s*$")
# Owners part at a list's marks and at the labels of owners (参赛单位：, 联系人： are none: kept, their
# colon tells _stated_meta that the note says more than who answers for the work)
_OWNER_SPLIT = lazy(rf"[、，,；;\s]+|(?:{_NOTE_OWNER_LABEL}|(?:{_CO_OWNER_LABEL})(?:部门|单位|科室)?)\s*[:：]")
META_SCAN = 160  # characters at a text's end searched for its stated owner and time
_META_LABEL = lazy(rf"(?:{_NOTE_OWNER_LABEL}|{_WHEN_LABEL})\s*[:：]")


_LABEL_CHARS = 6  # the longest label _META_LABEL knows (责任部门, 完成时限, 承办单位: four)


def _states_a_label(text: str, start: int) -> bool:
    """Does text[start:] hold an owner's or a time's label and its colon? Looked for before each
    colon only, back over the spaces before it: a search of the whole tail tried the labels at
    every character (主, 负 and 牵 open many words), for every item read."""
    for colon in "：:":
        at = text.find(colon, start)
        while at >= 0:
            before = at
            while before > start and text[before - 1].isspace():
                before -= 1
            if _META_LABEL.search(text, max(start, before - _LABEL_CHARS), at + 1):
                return True
            at = text.find(colon, at + 1)
    return False


def _stated_meta(text: str) -> re.Match[str] | None:
    """The owner and time stated where `text` ends (see _META), if any; not when the time is
    none a spec can hold (按上级要求, 汛期前): the words then stay the text's. Of the ways to
    read it, the one that takes in most wins: 负责人：张三，完成时间：6月 states both, though the
    time alone reads as a statement of its own."""
    start = max(0, len(text) - META_SCAN)
    if not _states_a_label(text, start):  # most items state neither: the label alone is looked for
        return None
    read = None
    for pattern in (_META, _META_CLAUSE, _META_CLAUSE_MORE):
        meta = pattern.search(text, start)
        if meta and (meta.group("owner") or meta.group("when")):
            if meta.group("when") and parse_when(meta.group("when").strip()) is None:
                continue  # this reading's time is none a spec holds; another may read less (a note after it)
            if _states_who(pattern, meta.group("owner") or "") and (read is None or meta.start() < read.start()):
                read = meta
            if read is not None and pattern is _META:
                return read  # a note in brackets that states them: a clause before it could only be a time with it
    return read


def _states_who(pattern: re.Pattern[str], owner: str) -> bool:
    """Does the owner a statement read name who answers for the work (or is there none)?"""
    if ("：" in owner or ":" in owner) and any(mark in name for name in _owner_list(stated_owners(owner))
                                             for mark in "：:"):
        return False  # （牵头：工会；地点：礼堂）, （主办单位：工会；参赛单位：各分会）: the note says more than who answers
    if pattern is _META_CLAUSE and not _each_owner_named(owner or None):
        return False
    # 负责人：要亲自抓, 负责人：要定期召开工作例会: prose after the label
    return pattern is not _META_CLAUSE_MORE or _each_names_who(owner)


def _each_owner_named(owner: str | None) -> bool:
    """Several owners' labels run on as a clause (牵头单位：A；配合单位：B): each value names a unit
    (_A_BODY), a role (各部门负责人, 各车间主任) or a person (a short name), not prose (配合单位：
    相关部门按职责分工负责 is a sentence about them). One label's value, and owners in brackets
    (their closing bracket ends them), are taken as they stand, as they always were."""
    if owner is None or not _ANY_LABEL_IN.search(owner):
        return True
    return all(_A_BODY.search(name) or _A_ROLE.search(name) or len(name) <= 4
               for name in _owner_list(stated_owners(owner)))


# what opens a sentence, not a name (要…, 由…, 亲自…, 带头…, 同上, 待定)
_OPENS_PROSE = "要应须需必由负抓切认对将请亲带做多同待及积主"


def _each_names_who(owners: str) -> bool:
    """Does every owner a label's value states (stated_owners) name someone (_names_who)?"""
    return all(_names_who(name) for name in _owner_list(stated_owners(owners)))


def _names_who(value: str) -> bool:
    """Does a clause's owner value name a unit (工会办公室), a role (各支部书记) or a person (李四),
    rather than open a sentence (要定期召开工作例会, 亲自抓, 待定)?"""
    if not value or value[0] in _OPENS_PROSE or len(value) > 12:
        return False
    return bool(_A_BODY.search(value) or _A_ROLE.search(value) or _A_PERSON.fullmatch(value))


_A_PERSON = lazy(r"[\u4e00-\u9fff]{2,3}")  # a person's name: two or three characters
_ANY_LABEL_IN = lazy(rf"{_ANY_OWNER_LABEL}\s*[:：]")
_A_ROLE = lazy(r"(?:负责人|主任|书记|主席|组长|经理|校长|院长|部长|局长|科长|处长|队长|班长|站长|所长|人员|干部|成员|委员)$")


# An owner named in the text under any lead's label the statements know (a guess, so each name
# is checked: _enrich)
_OWNER = lazy(rf"(?:{_NOTE_OWNER_LABEL})\s*[:：]\s*(?P<owner>[^，,；;。：:）)\s]{{2,30}})")
# A signature line with no date under it: a short organisation name and nothing else.
_ORG_LINE = lazy(r"^[^。，；：,;:！？\s]{1,28}(?:工会|委员会|工会委员会|局|公司|学校|中学|小学|大学|学院|医院|中心|办公室|支部|委|厂|馆|所|处|站|院|社|团|队)$")
_SHI = lazy(r"(?:^|(?<=[。；;，,：:]))\s*(?P<n>[一二三四五六七八九十]+)是")


Part = tuple[str | None, Block | None, list[Block]]  # (title from its 篇 line, that line, its blocks)


def plan_parts(blocks: list[Block]) -> list[Part]:
    """The parts of a document that each hold one plan: several plans in one file, each opened by
    a `…篇N` line; without such lines, one plan (most documents)."""
    parts: list[Part] = []
    for block in blocks:
        text = block.text
        marked = block.table is None and len(text) <= 70 and ("篇" in text or "范文" in text)  # what a mark must hold
        m = _PART_MARK.match(text) if marked else None
        if m:
            # "年度工会工作计划6篇年度工会工作规划 篇1": drop the page's own "…6篇" heading
            title = m.group("after") or re.sub(r"^.*?\d+篇(?!\s*$)", "", m.group("title") or "").strip()
            parts.append((title or None, block, []))
        elif parts:
            parts[-1][2].append(block)
        else:
            parts.append((None, None, [block]))
    if len(parts) > 1 and parts[0][0] is None:
        parts = parts[1:]  # page chrome before 篇1
    return parts


# 了 as a completed action (召开了, 取得了), not inside 了解, 为了, 除了.
_PERFECTIVE_LE = lazy(r"(?<!为)(?<!除)了(?!解)")


def _is_summary(blocks: list[Block], title: str | None) -> bool:
    """Does the part report a year done rather than plan one? Told by how often actions are
    completed (了). A part titled as a plan (计划, 要点) that opens by looking back (去年…取得了
    很大的成绩) is still a plan: it needs far more evidence. A few 了 in a short page are no
    evidence at all. A 总结及计划 opens with its summary: the plan is the part after it."""
    text = "".join(b.text for b in blocks)
    if not text:
        return False
    completed = len(_PERFECTIVE_LE.findall(text))
    le_rate = completed * 1000 / len(text)
    heads = [_title_like(b) for b in blocks[:5] if b.table is None and not split_marker(b.text)]  # a title has no number
    heading = title or next((h for h in heads if re.search(rf"总结|總結|{_PLAN_WORDS.pattern}", h)), heads[0] if heads else "")
    summary_word = re.search(r"总结|總結", heading)
    if _summary_and_plan(heading):
        return True  # 2026年工作总结及2027年工作计划
    if _PLAN_WORDS.search(heading) and not summary_word:
        return le_rate > 9 and completed >= 4
    if summary_word and not _PLAN_WORDS.search(heading):
        return True  # titled a summary, and not 总结及计划: `planforge report`'s drafts say 已完成, not 了
    return completed >= 4 and (le_rate > 2.5 or (le_rate > 1.9 and bool(_SUMMARY_WORDS.search(text))))


def _summary_and_plan(heading: str) -> bool:
    """2026年工作总结及2027年工作计划: a summary, then the plan (a plan word after 总结)."""
    summary_word = re.search(r"总结|總結", heading)
    return len(heading) <= 60 and bool(summary_word and _PLAN_WORDS.search(heading[summary_word.end():]))


def _title_like(block: Block) -> str:
    """The line a title would be: the line, or the head of a line a flattened page ran on."""
    return block.text if len(block.text) <= 60 else block.text.split(maxsplit=1)[0][:60]


def _typed_marker(text: str) -> str:
    typed = split_marker(text)
    return typed[2] if typed else text[:4]


_YEAR_WORD = lazy(r"(?:19|20)\d\d\s*年")
# Asked of every line: compiled once here, not looked up in re's cache a hundred thousand times.
_ONE_OR_TWO_DIGITS = lazy(r"\d{1,2}")
_SEPARATOR_FIRST = lazy(r"[、.．,，]\s*\S")
_DIGIT_THEN_SEPARATOR = lazy(r"\d\s*[、.．,，]")
_BARE_NUMERAL = lazy(r"[一二三四五六七八九十]{1,3}|\d{1,2}")
_BARE_CN_NUMERAL = lazy(r"[一二三四五六七八九十]{1,3}")
_RANGE_OR_MONTH_FIRST = lazy(r"[至到~～—-]|月")
_TIME_BEFORE_COLON = lazy(r"^([^：:。，,]{2,16})[：:]\s*(?=\S)")
_FIRST_POINT = lazy(r"(?<=[\u4e00-\u9fff])一是")
_TITLE_END = lazy(r"[。：:！？]")
TITLE_CHARS = 60  # a heading run into its body is cut at a mark this near its start, or not at one
# A note in brackets that opens with a label (（时间：3月）, （负责人：张三）, （牵头部门：工会；配合部门：
# 校医室）): the item's title ends where it opens, and its colon, inside the brackets, ends nothing.
# A bracketed note's words may hold a bracket of their own: （地点：红色教育基地（延安））
_IN_A_NOTE = r"[^（）()\n]*(?:[（(][^（）()\n]*[）)][^（）()\n]*)*"  # runs of words taken whole, not a character at a time
_LABELLED_NOTE = lazy(rf"[（(]\s*[\u4e00-\u9fff]{{1,6}}\s*[:：]{_IN_A_NOTE}[）)]")
_BRACKETS = lazy(rf"[（(]{_IN_A_NOTE}[）)]")
_CLAUSE_END = lazy(r"[，,；;]")
_ATTACHMENT_ALONE = lazy(r"^附件\d*$|^-{3,}$")
_ATTACHMENT_NOTE = lazy(r"^附件\s*[:：]")
_NUMBERED_LINE = lazy(r"^\d+[.．、]")


def _merge_split_numbers(blocks: list[Block], anomalies: list[Anomaly]) -> list[Block]:
    """`1` alone on a line, then `1、…`, means 11、 (a two-digit number broken by a page wrap);
    `1` alone, then `、管好…`, is 1、 with its separator wrapped to the next line."""
    out: list[Block] = []
    for block in blocks:
        if out and out[-1].table is None and len(out[-1].text) <= 2 and _ONE_OR_TWO_DIGITS.fullmatch(out[-1].text) \
                and _SEPARATOR_FIRST.match(block.text):
            carried = out.pop()
            block = replace(block, text=carried.text + block.text)  # found where its text is, as below
            anomalies.append(Anomaly.at(carried, "split-number", _typed_marker(block.text)))
        elif out and len(out[-1].text) == 1 and out[-1].text.isdecimal() and _DIGIT_THEN_SEPARATOR.match(block.text):
            carried = out.pop()
            block = Block(carried.text + block.text, block.line, block.paragraph, block.heading, col=block.col)  # found where its text is
            anomalies.append(Anomaly.at(carried, "split-number", _typed_marker(block.text)))
        out.append(block)
    return out


_RUN_IN_PART = lazy(r"(?<=[。！？])\s*(?P<n>[一二三四五六七八九十]{1,3})、(?=\S{2})")
_INLINE_LIST = lazy(r"[。！？；;：:，,]\s*[一二三四五六七八九十]{1,3}、")


def _run_in_parts(blocks: list[Block]) -> list[Block]:
    """…发挥好桥梁纽带的作用。五、开展…: a part's heading run into the paragraph before it (a lost
    line break) starts a part, when its number is the next of the parts (四、 came last) and the
    paragraph is not itself counting (原则：一、…；二、…)."""
    out: list[Block] = []
    last = 0
    for block in blocks:
        typed = split_marker(block.text) if block.table is None else None
        if typed and typed[0] == "cn_dun":
            last = typed[1]
        m = next((m for m in _RUN_IN_PART.finditer(block.text) if cn_to_int(m.group("n")) == last + 1), None) \
            if last and block.table is None and not block.heading else None
        if m is None or _INLINE_LIST.search(block.text[: m.start()]):
            out.append(block)
            continue
        last += 1
        start = m.start("n")
        out.append(replace(block, text=block.text[:m.start()].rstrip()))
        out.append(replace(block, text=block.text[start:], col=(block.col or 1) + start if block.line is not None else None))
    return out


def _leading_time(rest: str):
    """2009年3月：全院教职工毽球赛: a time before a colon is the item's time, not its title."""
    m = _TIME_BEFORE_COLON.match(rest)
    when = parse_when(m.group(1)) if m else None
    if m and when and when.months:
        return when, rest[m.end():]
    return None, rest


def _numbered_months(blocks: list[Block]) -> list[Block]:
    """Parts numbered 一、二、三、 whose titles are months: 一、九月份 / 二、十月份 (a school year) or
    一、二月份 / 二、三月份 (a spring term). Line by line each reads as a list of months (一、二月份
    is also January and February); the count settles it (`_counted`): a line numbered next to the
    month-titled line before or after it, with neither breaking the count, is a part, and its
    number is written apart from its month (一、 九月份) for the readers after this one (the
    schedule's rows read their time after a part's number: `_without_part_number`). A lone
    七、八月份 under 二、月度安排, 七、八月份 between 六、六月份 and 九、九月份, or 三、九月份
    after an unnumbered 一月份 stays a list."""
    candidates = []  # (index, value, reads as a list) of the lines numbered 一、 whose title is a month
    for index, block in enumerate(blocks):
        typed = split_marker(block.text) if block.table is None else None
        opening = months_listed(block.text) if block.table is None and typed is None else None
        if opening and _month_titled(block.text[opening.end("first") + 1:]):  # after the numeral and its 、
            candidates.append((index, cn_to_int(opening.group("first")) or 0, True))
        elif typed and typed[0] == "cn_dun" and _month_titled(typed[3]):
            candidates.append((index, typed[1], False))
    parts = {index for k, (index, value, listed) in enumerate(candidates) if listed and _counted(candidates, k, value)}
    if not parts:
        return blocks
    out = list(blocks)
    for index in parts:
        block = blocks[index]
        opening = months_listed(block.text)
        assert opening is not None  # a candidate read as a list matched it
        cut = opening.end("first") + 1
        out[index] = replace(block, text=f"{block.text[:cut]} {block.text[cut:]}")
    return out


def _month_titled(title: str) -> bool:
    """A part's title that is a month: alone, before its tasks (九月份：召开…), or with the words
    naming the part (九月份工作安排)."""
    return _period_row(title) is not None or _time_naming_its_part(title.strip().rstrip("：:")) is not None


def _counted(candidates: list[tuple[int, int, bool]], k: int, value: int) -> bool:
    """Whether the k-th month-titled line's number is one of a count: the line before or after it
    is numbered next to it, and neither breaks the count (六、六月份 / 七、八月份 / 九、九月份: 七、八
    is July and August, the 七 no part's number, since 九 follows)."""
    before = candidates[k - 1][1] if k > 0 else None
    after = candidates[k + 1][1] if k + 1 < len(candidates) else None
    if (before is not None and before != value - 1) or (after is not None and after != value + 1):
        return False
    return before is not None or after is not None


def _merge_bare_numerals(blocks: list[Block]) -> list[Block]:
    """A task table copied one cell a line: 序号 `一` alone, then the section's title. The two
    become one numbered line, 一、title, when the numeral is the next in its count. A numeral
    the next line makes a time of (一 / 至二月份) is that time, broken over two lines."""
    out: list[Block] = []
    expected = 1
    for block in blocks:
        previous = out[-1] if out else None
        if previous is None or previous.table is not None or block.table is not None:
            out.append(block)
        elif _a_time_in_two_lines(previous, block):
            out[-1] = replace(block, text=previous.text + block.text, line=previous.line, paragraph=previous.paragraph)
        elif _a_numeral_then_its_title(previous, block, expected):
            out[-1] = replace(block, text=f"{previous.text}、{block.text}", line=previous.line, paragraph=previous.paragraph)
            expected += 1
        elif _a_part_then_its_title(previous, block):
            out[-1] = replace(block, text=f"{previous.text.strip().rstrip('：:')} {block.text}", line=previous.line,
                              paragraph=previous.paragraph)
        else:
            out.append(block)
    return out


def _a_time_in_two_lines(previous: Block, block: Block) -> bool:
    """一 / 至二月份: a bare numeral the next line makes a time of."""
    return (len(previous.text) <= 3 and bool(_BARE_NUMERAL.fullmatch(previous.text))
            and bool(_RANGE_OR_MONTH_FIRST.match(block.text)) and bool(_leading_period(previous.text + block.text)))


def _a_numeral_then_its_title(previous: Block, block: Block, expected: int) -> bool:
    """一 / 思想建设: the `expected` number of a count alone, then a short line with no marker."""
    return (len(previous.text) <= 3 and bool(_BARE_CN_NUMERAL.fullmatch(previous.text))
            and cn_to_int(previous.text) == expected and len(block.text) <= 40 and not split_marker(block.text))


def _a_part_then_its_title(previous: Block, block: Block) -> bool:
    """第一部分 / 指导思想: a part's number on a line of its own, its title on the next, unless markup
    says what each line is."""
    return (bool(_BARE_PART.fullmatch(previous.text.strip()))
            and not (previous.heading or block.heading or previous.list_family or block.list_family)
            and len(block.text) <= 30 and not split_marker(block.text) and not _SENTENCE_MARK.search(block.text))


_BARE_PART = lazy(r"第\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*部分\s*[：:]?")


def _mark_task_titles(blocks: list[Block]) -> list[Block]:
    """A task table copied cell by cell (工作任务 / 时序进度 / 考核要点): no numbering at all,
    each task a short line followed by its timetable (3月：…). Such lines become items, when the
    document has at least four of them and no 一、 of its own."""
    if any(b.table is None and (split_marker(b.text) or ("",))[0] == "cn_dun" for b in blocks):
        return blocks
    titles = [i for i in range(len(blocks) - 1)
              if _task_title(blocks[i]) and blocks[i + 1].table is None and _timed_line(blocks[i + 1].text)]
    first_timed = next((i for i, b in enumerate(blocks) if b.table is None and _timed_line(b.text)), None)
    if len(titles) < 4 or first_timed is None or first_timed - 1 not in titles:
        return blocks  # a plan organised by month opens with a month, not with a task
    marked = list(blocks)
    for i in titles:
        marked[i] = replace(blocks[i], list_family="task-table")
    return marked


def _task_title(block: Block) -> bool:
    text = block.text
    return (block.table is None and not block.list_family and len(text) <= 30 and not re.search(r"[。；;：:]", text)
            and not split_marker(text) and not _timed_line(text))


def _timed_line(text: str) -> bool:
    """3月：…, 3月——9月：…, 全年：… (a timetable cell), or a bare 3月: heading."""
    return re.match(r"^[^：:]{1,12}[：:]", text) is not None and (_leading_period(text) or text.startswith("全年"))


_ROLE = r"[^\s，。；,;:：]{0,10}(?:成员|书记|委员|组长|主任|主席|部长|科长|处长|校长|院长|办公室|工会|部|科|室|处)"
_ROLE_LINE = lazy(rf"^{_ROLE}(?:[、，,\s]+{_ROLE})*$")


def _title_and_text(rest: str) -> tuple[str, str]:
    """A heading run into its body: the title is the text up to the first 。 or ： outside brackets,
    or up to a note in brackets that opens with a label (（时间：3月）), which stays in the text. An
    owner or a time stated at the end (（责任部门：…）, ，完成时限：…) is the text's, whatever its
    colon."""
    rest = rest.strip()
    meta = _stated_meta(rest)
    if meta and meta.start() > 0:
        head = rest[: meta.start()]
        kept = head.rstrip("，, ")
        title, text = _title_and_text(kept)
        # the mark before the statement stays with it: _read_meta finds it after a clause's end
        return title, f"{text}{head[len(kept):]}{rest[meta.start():]}".strip("，, ") if text else rest[meta.start():].strip()
    run_in = _FIRST_POINT.search(rest[:61])
    if run_in and "二是" in rest[run_in.end():]:  # 抓好服务建设,全方位服务辖区职工一是对…二是…
        return rest[: run_in.start()].rstrip("，,：:"), rest[run_in.start():]
    m = _title_end(rest)
    label = _label_before(rest, m)
    if label:  # 建设职工书屋，责任部门：工会，…: the label's colon, not the title's
        return rest[:label].rstrip("，,；; "), rest[label:].strip()
    if m and m.start() == 0 and m.group().startswith(("（", "(")) and rest[m.end():].strip():  # （牵头部门：工会）召开…
        title, text = _title_and_text(rest[m.end():])
        return title, f"{m.group()}{text}"
    if m and m.start() <= TITLE_CHARS:
        if m.group().startswith(("（", "(")):  # a labelled note: it stays, brackets and all, in the text
            title, text = rest[: m.start()].strip(), rest[m.start():].strip()
        else:
            title, text = rest[: m.start()].strip(), rest[m.end():].strip()
        if title:
            return title, text
    if len(rest) <= 60:
        return rest.rstrip("；;，,"), ""
    cut = _CLAUSE_END.search(rest)
    if cut and cut.start() <= 40:
        return rest[: cut.start()], rest[cut.end():]
    return rest[:40], rest[40:]


# An owner's or a time's label, the whole clause before a colon (责任部门：, 配合：, 完成时间：).
_A_LABEL = lazy(rf"\s*(?:{_CHAINED_LABEL}|{_WHEN_LABEL})\s*")


def _label_before(rest: str, end: re.Match[str] | None) -> int:
    """Where the clause before a title's `end` starts, when `end` is a colon and that clause only
    a label of who or by when (组织体检，责任部门：工会): such a colon opens the label's value and
    never ends a title, however the statement after it reads. 0 where it is none (or opens
    `rest`)."""
    if end is None or end.group() not in "：:":
        return 0
    clause = max(rest.rfind(mark, 0, end.start()) for mark in "，,；;") + 1
    return clause if _A_LABEL.fullmatch(rest, clause, end.start()) else 0


def _title_end(rest: str) -> re.Match[str] | None:
    """Where a heading run into its body ends: the first 。 ： ！ ？ outside brackets, or a note
    in brackets that opens with a label (_LABELLED_NOTE), whichever comes first. Only the first
    TITLE_CHARS characters are looked at (a longer title is cut elsewhere), so a line of any
    length costs the same."""
    head = rest[: TITLE_CHARS + 1]
    note = _LABELLED_NOTE.search(rest) if "：" in head or ":" in head else None  # it may close further on
    if note is not None and note.start() > TITLE_CHARS:
        note = None
    brackets = _BRACKETS.finditer(rest)
    bracket = next(brackets, None)
    for end in _TITLE_END.finditer(head, 0, note.start() if note else len(head)):
        while bracket is not None and bracket.end() <= end.start():
            bracket = next(brackets, None)
        if end.group() in "：:" and bracket is not None and bracket.start() < end.start():
            continue  # a colon inside brackets belongs to them
        return end
    return note


class _Builder:
    """Nests items by numbering family: a marker of a family already open closes everything
    opened after it and becomes its sibling; a new family opens a level below the current item.
    So 一、→1、 and 一、→—— both give two levels, whatever order the families first appear in."""

    def __init__(self, file: str | None):
        self.file = file
        self.stack: list[tuple[str, Item]] = []  # (family, item), outermost first
        self.sections: list[Item] = []
        self.last_value: dict[tuple, int] = {}  # (depth, family) → last number seen
        self.carried: dict[tuple, int] = {}  # numbering of a closed list, to spot continuation
        self._anomalies: list[Anomaly] = []
        # Continuation is a fault only where the document also restarts: 工作要点 numbered 1–30
        # across all their parts are written so on purpose (each item citable by its number).
        self._continued: dict[int, tuple] = {}  # id(anomaly) → (depth, family)
        self._restarted: set[tuple] = set()  # (depth, family) lists that did start again at 1
        self.lead_in = False  # the last line was text ending in ：, which opens a new list
        # 三、…（一）…一、…四、: a 一、 typed under （一） that the count then ignores is a level typed
        # wrong, not a restart; held here until the next number of its list says which.
        self._pending: dict[tuple, tuple[Anomaly, int]] = {}

    def source(self, block: Block) -> Source:
        return Source(file=self.file, line=block.line, col=block.col, paragraph=block.paragraph)

    def _open_level(self, family: str, heading: int | None) -> int:
        """Pop the stack to where the new item belongs; return its depth (1 = section)."""
        if heading:
            del self.stack[min(heading, MAX_LEVELS) - 1:]
        elif any(f == family for f, _ in self.stack):
            while self.stack[-1][0] != family:
                self.stack.pop()
            self.stack.pop()
        elif len(self.stack) >= MAX_LEVELS:
            del self.stack[MAX_LEVELS - 1:]
        return len(self.stack) + 1

    def add(self, block: Block, family: str, value: int, marker: str, rest: str) -> None:
        """An item with a typed marker (一、 1、 ——): its number is checked, the marker kept for lint."""
        above = self.stack[-1][1].typed_marker if self.stack else None
        if self._lost_parts(family, value):
            self.stack.clear()
        depth = self._open_level(family, block.heading if block.heading and block.heading <= MAX_LEVELS else None)
        if family != "dash":
            self._check_number(block, depth, family, value, marker, above)
        when, rest = _leading_time(rest)
        title, text = _title_and_text(rest)
        self._push(family, depth, Item(title=title or marker, text=text or None, typed_marker=marker, when=when,
                                       source=self.source(block)))

    def _lost_parts(self, family: str, value: int) -> bool:
        """三、 after 1、–4、 with no 一、 anywhere before: the document lost its 一、 and 二、 headings
        (the 1、 list was 一、's), so 三、 is a part, not a sub-point of 4、. 一、 under 1、 may be a
        level order typed the other way round, and stays where it is typed."""
        lower = ("arabic", "arabic_paren", "circled", "dash")
        return (family == "cn_dun" and value > 1 and bool(self.stack) and self.stack[0][0] in lower
                and not any(key[1] == "cn_dun" for key in (*self.last_value, *self.carried)))

    def add_from_markup(self, block: Block, family: str) -> None:
        """An item whose place the markup gives (a heading style, Word's automatic numbering, a
        Markdown list): no typed marker to check, and a heading is a title, never cut."""
        depth = self._open_level(family, block.heading if block.heading and block.heading <= MAX_LEVELS else None)
        title, text = (block.text, "") if block.heading and len(block.text) <= 60 else _title_and_text(block.text)
        self._push(family, depth, Item(title=title, text=text or None, source=self.source(block)))

    def _push(self, family: str, depth: int, item: Item) -> None:
        (self.stack[-1][1].items if self.stack else self.sections).append(item)
        for key in [k for k in self.last_value if k[0] > depth]:
            self.carried[key] = self.last_value.pop(key)  # a deeper list ended
        self.stack.append((family, item))

    def _check_number(self, block: Block, depth: int, family: str, value: int, marker: str,
                      above: str | None = None) -> None:
        key = (depth, family)
        previous = self.last_value.get(key)
        pending = self._pending.pop(key, None)
        if pending is not None and value == pending[1] + 1:
            pending[0].kind = "intruder"  # the count went on from before it: one misplaced level
            previous = value - 1
        carried = self.carried.pop(key, None)
        new_list = self.lead_in or (bool(self.stack) and self.stack[0][0] == "task-table")  # a table's cells restart
        self.lead_in = False
        if previous is None:
            if carried is not None and value == carried + 1 and value != 1:
                continued = Anomaly.at(block, "continued", marker, carried)
                self._anomalies.append(continued)
                self._continued[id(continued)] = key
            elif value != 1:
                self._anomalies.append(Anomaly.at(block, "skip", marker))
            elif carried is not None:
                self._restarted.add(key)
        elif value == previous:
            self._anomalies.append(Anomaly.at(block, "repeat", marker))
        elif value == 1 and previous > 1 and not new_list:
            restart = Anomaly.at(block, "restart", marker)
            self._anomalies.append(restart)
            if above and (split_marker(above + "x") or ("",))[0] not in ("", family):
                restart.parent = above
                self._pending[key] = (restart, previous)
        elif value > previous + 1:
            self._anomalies.append(Anomaly.at(block, "skip", marker, previous + 1))
        self.last_value[key] = value

    @property
    def anomalies(self) -> list[Anomaly]:
        counts = Counter(self._continued.values())  # two parts may be a slip; three are a style
        deliberate = {key for key, count in counts.items() if count >= 2 and key not in self._restarted}
        return [a for a in self._anomalies if self._continued.get(id(a)) not in deliberate]

    def continue_text(self, block: Block) -> bool:
        if not self.stack:
            return False
        item = self.stack[-1][1]
        item.text = f"{item.text}{block.text}" if item.text else block.text
        self.lead_in = block.text.rstrip().endswith(("：", ":"))
        return True


def _split_shi(item: Item, depth: int) -> None:
    """一是…；二是…；三是… inside one paragraph become sub-items, when a level is left for them."""
    if depth >= MAX_LEVELS or not item.text or item.items:
        return
    starts = [m for m in _SHI.finditer(item.text)]
    numbers = [cn_to_int(m.group("n")) for m in starts]
    if len(starts) < 2 or numbers != list(range(1, len(numbers) + 1)):
        return
    lead = item.text[: starts[0].start()].strip()
    pieces = [item.text[m.end(): (starts[i + 1].start() if i + 1 < len(starts) else len(item.text))] for i, m in enumerate(starts)]
    for marker_match, piece in zip(starts, pieces, strict=True):
        title, text = _title_and_text(piece.strip().rstrip("；;"))
        item.items.append(Item(title=title, text=text or None, typed_marker=marker_match.group(0).strip(), source=item.source))
    item.text = lead or None


def _enrich(item: Item, guesses: dict[tuple, str], path: tuple, guess_times: bool = True) -> None:
    """Owner, time and targets found in the item's own words; each guess noted for review."""
    _read_meta(item)
    stated = _read_generated_targets(item)
    text = item.text or ""
    if item.owner is None:
        m = _OWNER.search(text)
        # 责任部门：各部门要高度重视: a sentence after the label names nobody, and is no guess
        if m and _each_names_who(m.group("owner")):
            item.owner = m.group("owner")
            guesses[path + ("owner",)] = "待确认：责任部门取自正文"
    if item.when is None and guess_times:
        first = first_time(f"{item.title}。{text}")  # only what a spec can hold again
        if first:
            item.when, words = first
            guesses[path + ("when",)] = f"待确认：时间取自正文“{words}”"
    # The heading counts too: 坚持每季度召开一次会议。… states its target before the body text.
    found = find_targets(f"{item.title}。{text}" if text else item.title)
    for target in found:
        try:
            item.targets.append(Target(what=target.what, value=target.value, unit=target.unit, op=target.op,
                                       commitment=target.commitment, quote=target.sentence, source=item.source))
        except ValueError:
            continue  # e.g. a count with no unit: left in the text for a person to read
    if item.targets:
        guesses[path + ("targets",)] = "待确认：指标取自正文"
    item.targets.extend(stated)


def stated_owners(text: str) -> str | list[str]:
    """The owners a label states (牵头单位：X，配合单位：Y，Z): the lead first, then the units that
    share the work; one owner is a name, several a list."""
    owners = [o.strip() for o in _OWNER_SPLIT.split(text) if o.strip()]
    return owners[0] if len(owners) == 1 else owners or text.strip()


# A line that is only an owner's label and its value (牵头单位:区发改局 / 责任单位:立山经济开发区,各街道):
# the whole line is the value, so its commas part units, not a clause from prose.
_OWNERS_LINE = lazy(rf"^\s*{_ANY_OWNER_LABEL}\s*[:：]\s*(?P<owners>[^。；;：:（）()]{{2,60}}?)\s*[。；;]?\s*$")


# What a unit's name ends with: the word for a body (区发改局, 立山经济开发区, 各街道, 全区经济运行各专班).
_A_BODY = lazy(r"[局委办部处科室所站院校会组队班位门团社馆厂司区县市镇乡街道心府庭连营]$")


def _owners_line(item: Item, text: str) -> bool:
    """`text` a line stating owners (_OWNERS_LINE) under `item`: they are added to its owners
    (the lead first, as the lines come), not to its text."""
    line = _OWNERS_LINE.match(text) if len(text) <= 80 else None
    if line is None:
        return False
    named = stated_owners(line.group("owners"))
    if not all(_A_BODY.search(name) for name in _owner_list(named)):
        return False  # 责任单位：各支部要高度重视，认真组织学习: prose after a label, the item's text
    item.owner = _owners_joined(item.owner, named)
    return True


def _owner_list(owner: Owner | None) -> list[str]:
    return [] if owner is None else [owner] if isinstance(owner, str) else list(owner)


def _owners_joined(first: Owner | None, then: Owner | None) -> Owner | None:
    """`first`'s owners, then those of `then` not among them: a name for one, a list for several."""
    owners = _owner_list(first)
    owners += [o for o in _owner_list(then) if o not in owners]
    return None if not owners else owners[0] if len(owners) == 1 else owners


def _read_meta(item: Item) -> None:
    """The owner and time stated where the text ends (_stated_meta): stated, so not guesses."""
    text = item.text or ""
    meta = _stated_meta(text)
    if meta:
        text = text[: meta.start()].rstrip("，, ")
        if meta.group("owner"):  # the lead the text states, then any its owner lines named (配合单位：…)
            item.owner = _owners_joined(stated_owners(meta.group("owner")), item.owner)
        if meta.group("when"):
            item.when = parse_when(meta.group("when")) or item.when
    # The 。 a renderer closes the text with is not part of the text (specs store it without).
    item.text = (text[:-1] if text.endswith("。") and not text.endswith("。。") else text) or None


def _read_generated_targets(item: Item) -> list[Target]:
    """The last sentence of the text, when it is exactly the sentence planforge writes from an
    item's targets (参加技能竞赛的职工不少于1500人；力争创建…2个。), is data, not prose: it is
    taken out of the text and its targets are stated ones. A sentence a person wrote in other
    words stays text, and its targets are guesses quoting it."""
    text = item.text or ""
    if not text:
        return []
    cut = text.rfind("。") + 1
    sentence = text[cut:]
    if holds_a_comma(sentence):
        return []  # a person's sentence: the sentence written from targets has no comma
    targets = []
    for found in find_targets(sentence):
        try:
            targets.append(Target(what=found.what, value=found.value, unit=found.unit, op=found.op,
                                  commitment=found.commitment, source=item.source))
        except ValueError:
            return []
    if not targets or targets_sentence(targets) != sentence + "。":
        return []
    item.text = text[:cut].rstrip("。") or None
    return targets


_NOTHING = lazy(r"[\s—\-－–―/／]*|无|暂无")  # a cell that says nothing: a table writes — where a blank would read as forgotten


def _filled(cell: str) -> str | None:
    """A cell's text; None for an empty cell or one that only says there is nothing (—, /, 无)."""
    return None if _NOTHING.fullmatch(cell) else cell.strip()


def _schedule_columns(header: list[str]) -> tuple[int, int] | None:
    """(time column, task column) of a schedule table's header (月份 | 工作内容 | 责任部门); None
    when the table is no schedule."""
    when_col = next((i for i, c in enumerate(header) if re.search(r"月份|时间|月", c)), None)
    task_col = next((i for i, c in enumerate(header) if re.search(r"内容|工作|事项|任务", c) and i != when_col), None)
    return None if when_col is None or task_col is None else (when_col, task_col)


def _remade_from_the_plan(rows: list[list[str]]) -> bool:
    """A table the spec gives again: a schedule (read into it), a month grid (a column for each
    month: the items' times draw it) or a targets table (指标 and 目标值: the items' targets)."""
    header = [fold_width(c).strip() for c in rows[0]] if rows else []
    if _schedule_columns(header) is not None or sum(bool(re.fullmatch(r"\d{1,2}月", c)) for c in header) >= 6:
        return True
    return any("指标" in c for c in header) and any("目标" in c for c in header)


def _schedule_from(blocks: list[Block], source_file: str | None) -> list[ScheduleEntry]:
    """Lines that open with a time (一月份：…, 3-4月 …) or table rows with a month column; lines
    or rows that follow each other with the time written alike are one entry."""
    entries: list[ScheduleEntry] = []
    month_owner: tuple[str, Owner] | None = None  # (month, owner) a line of its own stated for that month's tasks
    for block in blocks:
        if block.table:
            _add_table_rows(block, entries, source_file)
            continue
        text = _without_part_number(block.text)
        periods = find_periods(text)
        if not _opens_a_schedule_row(periods):
            continue
        when, end = _row_time(text, periods)
        tasks, owner = _schedule_tasks(_after_the_time(text, periods[0].start, end))
        month_owner = _add_line_tasks(entries, when, tasks, owner, month_owner, block, source_file)
    return entries


def _entry_source(block: Block, source_file: str | None) -> Source:
    return Source(file=source_file, line=block.line, col=block.col, paragraph=block.paragraph)


def _add_table_rows(block: Block, entries: list[ScheduleEntry], source_file: str | None) -> None:
    """The rows of a table with a time and a task column (_schedule_columns), and an owner's
    column if it has one, added to `entries`; a table with no such columns adds nothing."""
    rows = block.table or []
    header = [fold_width(c) for c in rows[0]]
    columns = _schedule_columns(header)
    if columns is None:
        return
    when_col, task_col = columns
    owner_col = next((i for i, c in enumerate(header) if re.search(r"部门|单位|负责", c)), None)
    for row in rows[1:]:
        when = parse_when(row[when_col]) if when_col < len(row) else None
        task_text = (_filled(row[task_col]) or "") if task_col < len(row) else ""
        if not when or not task_text:
            continue
        cell = _filled(row[owner_col]) if owner_col is not None and owner_col < len(row) else None
        owner = stated_owners(cell) if cell else None  # 办公室、组织部: two owners, as on a line
        task = ScheduleTask(text=task_text, owner=owner)
        if entries and entries[-1].when.text == when.text:
            entries[-1].tasks.append(task)
        else:
            entries.append(ScheduleEntry(when=when, tasks=[task], source=_entry_source(block, source_file)))


def _row_time(text: str, periods: tuple[Period, ...]) -> tuple[Period, int]:
    """(the time a schedule line opens with, where it ends in `text`): months written one after
    the other are one time (十一月份 十二月份：… is 11-12月, 三月份 五月份：… 3月、5月), and a note in
    brackets after the time is the time's when tasks follow it."""
    when, end = periods[0], periods[0].end
    for following in periods[1:]:
        if following.start - end > 2 or following.kind not in ("month", "range") or when.kind not in ("month", "range"):
            break
        written = _months_side_by_side(tuple(dict.fromkeys(when.months + following.months)))
        read = parse_when(written)  # as the spec will read it back: a month, a range or months listed
        when = replace(read or when, text=written, start=when.start, end=following.end)
        end = following.end
    # 九月份（教师节）: the note is the month's, not a task, when tasks follow it (三月份（召开
    # 教代会） alone says what March does: the bracket is the task)
    noted = _with_its_note(text, when)
    if noted is not when and _after_the_time(text, periods[0].start, noted.end).strip():
        return noted, noted.end
    return when, end


def _months_side_by_side(months: tuple[int, ...]) -> str:
    """Months headed side by side, in the order written, as a `when:` writes them: a range where
    each follows the one before (十一月份 十二月份: 11-12月; 十二月份 一月份: 12-1月, across the year
    end), else each of them (三月份 五月份: 3月、5月, not April too; 一月份 十二月份: 1月、12月); one
    month written twice is that month."""
    if len(months) == 1:
        return f"{months[0]}月"
    if all(later == earlier % 12 + 1 for earlier, later in zip(months, months[1:], strict=False)):
        return f"{months[0]}-{months[-1]}月"
    return "、".join(f"{month}月" for month in sorted(months))


def _add_line_tasks(entries: list[ScheduleEntry], when: Period, tasks: list[ScheduleTask], owner: Owner | None,
                    month_owner: tuple[str, Owner] | None, block: Block, source_file: str | None) -> tuple[str, Owner] | None:
    """A schedule line's tasks added to `entries` (to the last entry when it is the same month's);
    returns the month's owner as it stands after the line. A line that only states an owner
    (五月份：责任部门：工会) gives it to the tasks of the entry just before, when that is the same
    month's, and to the month's tasks after it, until a line of another month adds an entry."""
    same_month = bool(entries) and entries[-1].when.text == when.text
    if owner is not None and not tasks:
        month_owner = (when.text, owner)
        for task in (entries[-1].tasks if same_month else []):
            task.owner = task.owner or owner
    if not tasks:
        return month_owner
    for task in tasks:
        task.owner = task.owner or (month_owner[1] if month_owner and month_owner[0] == when.text else None)
    if same_month:  # two lines of one month: one entry, as in a table
        entries[-1].tasks.extend(tasks)
        return month_owner
    if month_owner and month_owner[0] != when.text:
        month_owner = None  # another month: the same month again elsewhere has its own owners
    entries.append(ScheduleEntry(when=when, tasks=tasks, source=_entry_source(block, source_file)))
    return month_owner


_TIME_NOTE = lazy(TIME_NOTE)  # a note after a month (parse_when says which are the month's)


def _with_its_note(text: str, period: Period) -> Period:
    """`period` (found in `text`) with the note in brackets after it, when the note is the
    time's: 九月份（教师节）, 第一季度（1-3月）, 三月（学雷锋月） (parse_when says when)."""
    noted = _TIME_NOTE.match(text, period.end)
    with_note = parse_when(text[period.start:noted.end()]) if noted else None
    if noted is None or with_note is None or with_note.months != period.months:
        return period
    return replace(with_note, start=period.start, end=noted.end())


def _without_part_number(text: str) -> str:
    """A schedule row without the number of the part it opens (五、一月份：… is part 五, January),
    so that the number is not read as a month listed with it."""
    family, rest = _without_marker(text)
    return rest if family is not None and _opening_time(rest) else text


# Where a schedule line's tasks part: 。 and ；, and a run-in number (2.开展…), the first one too;
# split keeping the cuts, so a piece after a number is known to open a new item (not an ordinal: 第1、第2批)
_SCHEDULE_CUT = lazy(r"([；;。]|(?:(?<=[^\d第])|^)\d{1,2}[、.．](?!\d))")
_OPENING_BRACKET = lazy(r"[（(][^（）()]{1,60}[）)]")  # a bracket opening a piece: （责任部门：办公室）组织春游
# a record's other fields (活动地点：…, 参加对象：…): a short label and its value
_FIELD = lazy(r"^[\u4e00-\u9fff]{2,4}\s*[:：]\s*\S")
_FIELD_CUT = lazy(r"[，,]\s*(?=[\u4e00-\u9fff]{2,4}\s*[:：])")
# 活动内容：1.…；2.… under a month: the label introduces the month's list, it is no task of its own
_CONTENT_LABEL = lazy(r"^(?:主要|具体|活动|工作)?(?:内容|安排|措施)\s*[:：]\s*")
# the labels of an activity written as a record: its name, then its time (and its description)
_ACTIVITY_NAME = lazy(r"^(?:活动|项目)?名称\s*[:：]\s*(?=\S)")
_ACTIVITY_TIME = lazy(r"^(?:活动|举办)?时间\s*[:：]\s*")
# a list marker's glyph a copy lost (1.?集中学习…): a question mark, a private-use or bullet sign
_LOST_GLYPH = lazy(r"^[?？\ue000-\uf8ff•·▪◆●■]+\s*")


class _Record:
    """An activity written as a record (活动名称：新年联欢会；时间：1月上旬；地点：…；then what is
    done): one task, its name, its fields in brackets and its description after a colon."""

    def __init__(self, name: str):
        self.name, self.details = name, list[str]()
        self.task = ScheduleTask(text=name)

    def field(self, piece: str) -> None:
        timed = _ACTIVITY_TIME.match(piece)
        self.details.append(piece[timed.end():].strip() if timed else piece)  # 时间：1月上旬 is said 1月上旬
        self.close()

    def close(self, description: str = "") -> None:
        details = f"（{'；'.join(self.details)}）" if self.details else ""
        self.task.text = f"{self.name}{details}{'：' + description if description else ''}"


def _schedule_tasks(rest: str) -> tuple[list[ScheduleTask], Owner | None]:
    """The tasks a schedule line lists after its time, cut at 。； and at run-in numbers, with
    their owners, and the owner the line states when it states one and lists no task (see
    _ScheduleLine for who owns what)."""
    line = _ScheduleLine()
    parts = _schedule_cuts(rest)  # piece, cut, piece, cut, …
    for index in range(0, len(parts), 2):
        line.piece(parts[index], parts[index - 1] if index else "", last=index == len(parts) - 1)
    return line.finish()


def _schedule_cuts(rest: str) -> list[str]:
    """`rest` cut as _SCHEDULE_CUT.split cuts it (piece, cut, piece, …), but not inside a closed
    bracket: （责任部门：办公室；完成时限：3月20日前） is the words of the task it follows; nor
    at a ； between an owner's label and value ending one piece and another's making the whole
    next piece (…，牵头单位：女工委；配合单位：各分会): both name who owns the same task."""
    bracketed = _bracketed(rest) if any(bracket in rest for bracket in "（(") else None
    cuts = [cut for cut in _SCHEDULE_CUT.finditer(rest) if bracketed is None or not bracketed[cut.start()]]
    cuts = _series_numbers(rest, cuts)
    parts, start = [], 0
    for index, cut in enumerate(cuts):
        following_end = cuts[index + 1].start() if index + 1 < len(cuts) else len(rest)
        if (cut.group(1) in "；;" and _ends_with_an_owner(rest, start, cut.start())
                and _AN_OWNER_ALONE.fullmatch(rest, cut.end(), following_end)):
            continue
        parts += [rest[start:cut.start()], cut.group(1)]
        start = cut.end()
    return parts + [rest[start:]]


def _series_numbers(rest: str, cuts: list[re.Match[str]]) -> list[re.Match[str]]:
    """The cuts without the numbers of a series of names: 高三1、高三2班, 初二3、初二4班 name
    classes, the word before the number said again after it with the next number; a run-in
    list's number is followed by its task's words (…会议2.组织…)."""
    kept = []
    for cut in cuts:
        start, end = cut.span()
        if cut.group(1)[0].isdigit() and start and rest[start - 1].isalpha():
            stems = (rest[start - size:start] for size in (1, 2, 3) if start >= size)
            if any(rest.startswith(stem, end) and rest[end + len(stem):end + len(stem) + 1].isdigit() for stem in stems):
                continue
        kept.append(cut)
    return kept


_VALUE_ENDS = "，,；;。（）()\n"  # what ends a label's value
_OWNER_VALUE = rf"\s*[:：]\s*[^{_VALUE_ENDS}]+"  # a label's value, to the next mark
_AN_OWNER_LABEL = lazy(rf"(?:{_OWNER_LABEL})\s*[:：]")
_AN_OWNER_ALONE = lazy(rf"\s*{_ANY_OWNER_LABEL}{_OWNER_VALUE}[。\s]*")


def _ends_with_an_owner(text: str, start: int, end: int) -> bool:
    """Does text[start:end] end with an owner's label and its value (…，牵头单位：女工委)? The value
    runs to the next mark, so the label is the first one after the piece's last mark: found in
    one pass (a search for the pattern anchored at the end tried it from every label: 17 s for a
    line of 20,000 labels). A schedule line holds no line break, where the two would differ."""
    last_mark = max(text.rfind(mark, start, end) for mark in _VALUE_ENDS)
    label = _AN_OWNER_LABEL.search(text, max(start, last_mark + 1), end)
    return label is not None and label.end() < end


def _bracketed(text: str) -> list[bool]:
    """For each position of `text`, whether it lies inside a bracket that closes (_closed_brackets),
    found in one pass over the spans: each cut was checked against every bracket (84 s for a line
    of 30,000 bracketed tasks)."""
    depth = [0] * (len(text) + 1)
    for opened, closed in _closed_brackets(text):
        depth[opened + 1] += 1
        depth[closed] -= 1
    inside, running = [], 0
    for change in depth[:-1]:
        running += change
        inside.append(running > 0)
    return inside


def _closed_brackets(text: str) -> list[tuple[int, int]]:
    """The spans (start, end) of the brackets in `text` that close, nested ones too: （责任部门：
    办公室（工会）；完成时限：…） holds its ； whichever bracket is counted. One left open spans nothing."""
    spans: list[tuple[int, int]] = []
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in "（(":
            opened.append(index)
        elif char in "）)" and opened:
            spans.append((opened.pop(), index + 1))
    return spans


class _ScheduleLine:
    """The pieces of one schedule line, read in order, cut at 。 ； and run-in numbers. An owner
    stated after a task (…（责任部门：办公室）) is that task's; a bracket after a full stop within
    the line is the owner of the sentence that stop closed (1.走访慰问。（责任部门：办公室）2.召开
    全委会。: the first alone). One on a piece of its own (责任部门：工会办公室, a bracket ending the
    line, or one on a line of its own under a month's list) owns the tasks since the last such
    piece; a line that states only one owns all its tasks
    (1月：主题；责任部门：…；活动内容：1.…；2.…). A stated time stays in the task's words (a task
    has no time of its own). A label opening the list (活动内容：), a marker's lost glyph (1.?)
    and the comma a line was cut at (or a colon that introduces nothing) are not the task's
    words. An activity written as a record is one task (_Record) until its description, the next
    run-in number or the next record."""

    def __init__(self) -> None:
        self.tasks: list[ScheduleTask] = []
        self.owners: list[Owner] = []  # the owners stated on pieces of their own, in order
        self.since = 0  # the first task no such piece has owned yet
        self.record: _Record | None = None
        self.sentence = 0  # the first task of the sentence being read
        self.closed: tuple[int, int] | None = None  # the tasks of the sentence the last 。 closed

    def piece(self, raw: str, cut: str, last: bool = False) -> None:
        """The piece after `cut` (。, ；, a run-in number 2., or "" at the line's start); `last`:
        nothing follows it on the line."""
        self._note_cut(cut)
        piece = _LOST_GLYPH.sub("", _CONTENT_LABEL.sub("", raw.strip())).rstrip(",，、：: ")  # a colon introducing nothing
        piece = self._after_a_closing_owner(piece, cut)
        meta = _stated_meta(piece)
        owner = stated_owners(meta.group("owner")) if meta is not None and meta.group("owner") and not meta.group("when") else None
        if self._in_record(piece, owner):
            return
        if owner is not None and meta is not None:
            piece = self._without_owner(piece, meta, owner, "" if last else cut)
            if not piece:
                return
        if self.record is not None and piece:  # what the activity does: its description
            self.record.close(piece)
            self.record.task.owner = self.record.task.owner or owner
            self.record = None
        elif self.tasks and re.fullmatch(r"[(（][^()（）]{1,30}[)）]", piece):
            self.tasks[-1].text += piece  # 举办乒乓球团体赛。(5月14日—30日): the date belongs to the task
        elif piece:
            self.tasks.append(ScheduleTask(text=piece, owner=owner))

    def _in_record(self, piece: str, owner: Owner | None) -> bool:
        """A record's name (活动名称：…，时间：…) or one of its fields (时间：…, 活动地点：…)."""
        named = _ACTIVITY_NAME.match(piece)
        if named:
            fields = _FIELD_CUT.split(piece[named.end():])
            self.record = _Record(fields[0])
            for field in fields[1:]:
                self.record.field(field)
            self.tasks.append(self.record.task)
            return True
        if self.record is not None and owner is None and (_ACTIVITY_TIME.match(piece) or _FIELD.match(piece)):
            self.record.field(piece)
            return True
        return False

    def _note_cut(self, cut: str) -> None:
        if cut[:1].isdigit():
            self.record = None  # 2.开展…: the next item, not the record's description
        if cut == "。" or cut[:1].isdigit():  # a sentence ends; its tasks, for a bracket after a full stop
            self.closed = (self.sentence, len(self.tasks)) if cut == "。" else None
            self.sentence = len(self.tasks)

    def _without_owner(self, piece: str, meta: re.Match[str], owner: Owner, cut: str) -> str:
        """The piece without the owner it ends with; an owner alone is the closed sentence's
        (a bracket after a full stop, `cut` 。, with more of the line after it) or the tasks' since
        the last one."""
        rest = piece[:meta.start()].rstrip("，,；;。 ")
        if not rest and not (cut == "。" and meta.group(0).lstrip()[:1] in "（(" and self._owns_the_sentence(owner)):
            self._owned_since(owner)
        return rest

    def _after_a_closing_owner(self, piece: str, cut: str) -> str:
        """召开职代会。（责任部门：办公室）组织春游: the bracket opening the piece closes the sentence
        before it, and the rest is the next task."""
        bracket = _OPENING_BRACKET.match(piece) if cut == "。" and piece[:1] in "（(" else None
        meta = _stated_meta(bracket.group(0)) if bracket and bracket.end() < len(piece) else None
        if meta is None or not meta.group("owner") or meta.group("when") or not self._owns_the_sentence(stated_owners(meta.group("owner"))):
            return piece
        return piece[bracket.end():].lstrip("，,、 ") if bracket else piece

    def _owns_the_sentence(self, owner: Owner) -> bool:
        """The owner of the tasks of the sentence the last full stop closed, if it had any."""
        if self.closed is None or self.closed[1] <= self.closed[0]:
            return False
        for task in self.tasks[self.closed[0]:self.closed[1]]:
            task.owner = task.owner or owner
        return True

    def _owned_since(self, owner: Owner) -> None:
        self.owners.append(owner)
        for task in self.tasks[self.since:]:
            task.owner = task.owner or owner
        self.since = len(self.tasks)

    def finish(self) -> tuple[list[ScheduleTask], Owner | None]:
        only = self.owners[0] if len(self.owners) == 1 else None
        for task in self.tasks[self.since:] if only else ():
            task.owner = task.owner or only
        return self.tasks, only


_OPENING_BRACKETS, _CLOSING_BRACKETS = "【［[（(〔「『", "】］]）)〕」』"
# The words a month heading names its part with (三月份重点工作, 四月份工作安排：…): up to the colon,
# or the end of the heading, they are the heading's, not a task.
_PART_NAME = lazy(r"\s*(?:(?:重点|主要)?(?:工作|活动)(?:安排|要点|重点|计划|任务)?|安排|要点|计划|任务)\s*(?=[：:；;]|$)")


def _after_the_time(text: str, start: int, end: int) -> str:
    """What a schedule line says after its time (`start`–`end`): without the bracket the time was
    set in (【一月份】, （3月）) and the words the heading names its part with."""
    rest = text[end:]
    if text[:start].rstrip().endswith(tuple(_OPENING_BRACKETS)) and rest[:1] in _CLOSING_BRACKETS:
        rest = rest[1:]
    name = _PART_NAME.match(rest)
    if name:
        rest = rest[name.end():]
    return rest.lstrip("：:，,、 　")


def _opens_a_schedule_row(periods: tuple[Period, ...]) -> bool:
    """Do a line's times (find_periods) open it as a schedule row does (一月份：…, 3月 召开…)?"""
    return bool(periods and periods[0].start <= 3 and periods[0].months)


# What prose has and an attachment's labels, titles and captions do not.
_SENTENCE_MARK = lazy(r"[。；;，,！!？?]")
# The 公文 trailer (版记) after the date: who it is sent and copied to, who prints it, whom to
# call, whether it is published. A plan's own business, not its text.
_TRAILER = lazy(r"^[（(]?\s*(?:抄\s*送|主\s*送|抄\s*报|分\s*送|[报发]\s*[:：]|印\s*发|联系人|联系电话|联系方式|此件|本件)|印发\s*$")
# 附件, 附件2, 附　件, 附：…, 附录: where an attachment (or the note listing them) begins.
_ATTACHMENT_LABEL = lazy(r"^(?:附\s*件|附\s*录|附\s*[:：])")
_NOTE = lazy(r"^(?:注|备\s*注|说\s*明)\s*[:：]")  # 注：以上安排如有调整…: about the list, not in it
_CLOSED = lazy(r"[。；;！？!?.]$")


def _month_lists(blocks: list[Block]) -> list[Block]:
    """Attachment lines as the schedule reads them: under a schedule's title (2027年月度工作安排),
    a month heading (一月份：) and the tasks listed under it become one line, 一月份：召开全委会；
    走访慰问困难职工；, as the body's schedule section reads them (_BodyReader._period_task). A
    task is numbered, bulleted or a sentence, and a line a hard wrap cut from a numbered task
    carries on that task. A line that is none of these (a title), opens with a month of its own,
    is a note on the list (注：…) or opens a part (二、) ends the month; another attachment's label
    or the 公文 trailer (抄送…) ends the schedule. An activity's 方案 (四、活动时间 / 5月中旬 /
    …) is no schedule: its lines stay as they are."""
    merged: list[Block] = []
    schedule = month_open = task_open = False
    for block in blocks:
        text = block.text
        if block.table is None and _heads_a_schedule(text):
            schedule, month_open = True, False  # 2027年月度工作安排, 附件1：某区总工会月度工作安排
        elif block.table is not None or _TRAILER.search(text) or _ATTACHMENT_LABEL.match(text):
            schedule = month_open = False
        elif schedule and len(text) <= 20 and _is_period_heading(text):
            merged.append(Block(_without_marker(text.strip().rstrip("：:。."))[1] + "：", block.line, block.paragraph, col=block.col))
            month_open, task_open = True, False
            continue
        elif month_open and task_open and _carries_on(text):
            last = merged[-1]  # 1.召开全委会，部署全年 / 工作。: one task, cut by a hard wrap
            merged[-1] = Block(last.text.removesuffix("；") + text.rstrip("。；;") + "；", last.line, last.paragraph, col=last.col)
            task_open = not _CLOSED.search(text)
            continue
        elif month_open and (task := _listed_task(text)):
            last = merged[-1]
            merged[-1] = Block(last.text + task + "；", last.line, last.paragraph, col=last.col)
            task_open = split_marker(text) is not None and not _CLOSED.search(text)
            continue
        else:
            month_open = False
        merged.append(block)
    return merged


# A schedule's title names the months it runs by: 月度工作安排, 重点工作月度安排, 各月工作计划, 行事历.
_BY_MONTH = lazy(r"(?:月度|月份|逐月|分月|各月|每月).{0,6}(?:安排|计划|行事历|日程|进度)|行事历|工作日程")


def _heads_a_schedule(text: str) -> bool:
    """A schedule's title, with or without its label or the unit's name (附件1：2027年月度工作
    安排, 某区总工会2027年月度工作安排：); a sentence that mentions one is no title."""
    if _SCHEDULE_TITLE.search(text) or _APPENDIX.search(text):
        return True
    title = text.strip().rstrip("：:")
    return len(title) <= 40 and not _SENTENCE_MARK.search(title) and _BY_MONTH.search(title) is not None


def _carries_on(text: str) -> bool:
    """Could this line be the rest of a task a hard wrap cut: no number, bullet, time or note?"""
    return not (split_marker(text) or text.startswith(_BULLETS) or _leading_period(text) or _NOTE.match(text))


def _numbered(typed: tuple | None, task: str) -> str:
    """A month's task as joined to its heading's line: with its number (2.开展…) when it had one,
    so the line is cut there again and a record (活动名称：…；时间：…) ends at the next item;
    without it before a figure (1.2月初…), which would read as a date."""
    if typed and typed[0] == "arabic" and task[:1] and not task[:1].isdigit():
        return f"{typed[1]}.{task}"
    return task


def _listed_task(text: str) -> str | None:
    """A month's task as listed under its heading (1. 召开全委会。, ——开展慰问, or a sentence),
    without its number and closing mark; None for a line that is no task of the month."""
    typed = split_marker(text)
    if _leading_period(typed[3] if typed else text) or _NOTE.match(text):
        return None  # 3月上旬，召开职代会: a row with a month of its own (年底前… is a task's time)
    if typed and typed[0] in ("arabic", "arabic_paren", "circled", "cn_paren"):
        task = _numbered(typed, typed[3])
    elif typed:
        return None  # 二、比赛项目: a part of what is attached, not a task
    elif text.startswith(_BULLETS):
        task = _BULLET_START.sub("", text)
    elif _SENTENCE_MARK.search(text):
        task = text
    else:
        return None
    return task.strip().rstrip("。；;") or None


def _left_out(blocks: list[Block]) -> list[tuple[int | None, str]]:
    """(line, text) of the prose and tables after a plan that no part of the spec holds: an
    attachment's 方案 or 通知 or its task table (重点任务分解表), a second plan run on after the first
    one's attachments. Titles and labels are not named, nor the tables the spec gives again (a
    schedule, a month grid, a targets table), nor the schedule's own rows, nor the 公文 trailer
    (抄送, 联系人, 此件公开发布), a line it wraps onto included."""
    named: list[tuple[int | None, str]] = []
    trailer = False
    for b in blocks:
        if b.table is not None:
            trailer = False
            if b.table and not _remade_from_the_plan(b.table):  # named by its header row
                named.append((b.line if b.line is not None else b.paragraph, "｜".join(b.table[0])))
            continue
        wrapped = trailer and not split_marker(b.text)  # 抄送：区委办，区政府办， / 区政协办。
        trailer = bool(_TRAILER.search(b.text) or wrapped) and not _CLOSED.search(b.text)
        if wrapped or _TRAILER.search(b.text) or not _SENTENCE_MARK.search(b.text):
            continue
        if not _opens_a_schedule_row(find_periods(b.text)):
            named.append((b.line if b.line is not None else b.paragraph, b.text))
    return named


def _is_period_heading(text: str, part_named: bool = True) -> bool:
    """一月份：, 第一季度, 1至2月 — a line that is nothing but a time (a month-organised plan), or,
    where `part_named`, a time and the words a heading names its part with (九月份工作安排,
    三月份重点工作)."""
    stripped = text.strip().rstrip("：:")
    if len(stripped) > 24:  # 二、十一月至十二月份 is short; a body paragraph is not, and parsing it costs
        return False
    if "月" not in stripped and "季" not in stripped:  # every month, range and quarter holds one
        return False
    rest = _without_marker(stripped)[1]
    period = parse_when(rest) or (_time_naming_its_part(rest) if part_named else None)
    return bool(period and period.months and period.kind in ("month", "range", "quarter"))


def _time_naming_its_part(text: str) -> Period | None:
    """The time of a heading that names its part after it (九月份工作安排, 三月份重点工作), when
    nothing else follows."""
    opening = _opening_time(text)
    named = _PART_NAME.match(text, opening.end) if opening is not None else None
    return opening if named is not None and named.end() == len(text) else None


def infer_plan(title_hint: str | None, blocks: list[Block], file: str | None, default_year: int,
               title_block: Block | None = None) -> ImportedPlan:
    """One plan's blocks → an `ImportedPlan`, in phases a reader of the code can follow: the plan
    part of a summary, the front matter (title, draft mark), the closing matter (signature, date
    and what follows them), the body (sections, preamble, schedule), then assembly."""
    anomalies: list[Anomaly] = []
    blocks = _merge_bare_numerals(_merge_split_numbers([b for b in blocks if b.text or b.table], anomalies))
    blocks = _numbered_months(_run_in_parts(blocks))
    summary = _is_summary(blocks, title_hint)
    if summary:
        # 2026年工作总结及2027年工作计划 names the plan its second part is: the plan keeps that title
        both = title_hint is None and next((b for b in blocks[:5] if _summary_and_plan(b.text)), None)
        if both:
            title_hint, title_block = both.text.strip("# "), both
        blocks = _plan_part(blocks)
    placeholders = [(b.line if b.line is not None else b.paragraph, m.group(0))
                    for b in blocks if b.table is None for m in find_placeholders(b.text)]
    title, found, draft, blocks = _front_matter(title_hint, _cover_notice(blocks))
    title_block = found or title_block
    blocks = _chrome_before_repeated_title(title, blocks)
    blocks = _mark_task_titles(_opening_heading(_relative_headings(blocks)))
    closing = _closing_matter(blocks)
    body = _BodyReader(file, _timetable_rows(closing.body))
    for block in closing.body:
        body.read(block)
    anomalies += body.builder.anomalies
    guesses: dict[tuple, str] = {}
    attached = _month_lists(body.appendix + closing.after)  # what follows the plan: attachments, a trailer
    plan = _assemble(title, draft, closing, body, attached, file, default_year, guesses)
    if title_block is not None:  # the plan is found where its title is, not at its first item
        plan.source = Source(file=file, line=title_block.line, col=title_block.col, paragraph=title_block.paragraph)
    return ImportedPlan(plan, guesses, anomalies, placeholders, summary, _left_out(attached))


def _relative_headings(blocks: list[Block]) -> list[Block]:
    """Heading levels counted from the highest one the body uses: a Word file whose sections are
    Heading 2 (Heading 1 being its title) has its sections at level 1."""
    base = min((b.heading for b in blocks if b.heading), default=1)
    if base == 1:
        return blocks
    return [replace(b, heading=b.heading - base + 1) if b.heading else b for b in blocks]


def _opening_heading(blocks: list[Block]) -> list[Block]:
    """`#### 引言` above `#### 一、总体目标`, `#### 二、具体计划`: a heading at the parts' level with
    no number, before parts that all have one, introduces the plan: preamble, not a part."""
    headed = [b for b in blocks if b.heading and b.table is None]
    level = min((h.heading or 0 for h in headed), default=0)  # once: per heading it was quadratic
    top = [b for b in headed if b.heading == level]
    if len(top) < 3 or split_marker(top[0].text) or not all(split_marker(b.text) for b in top[1:]):
        return blocks
    return [replace(b, heading=None) if b is top[0] else b for b in blocks]


def _plan_part(blocks: list[Block]) -> list[Block]:
    """A summary keeps only its plan part (下步工作打算…) when it has one."""
    start = next((i for i, b in enumerate(blocks) if b.table is None and len(b.text) <= 40 and _PLAN_PART.search(b.text)), None)
    return blocks[start + 1:] if start is not None else blocks


# The letter that sends a plan out: 关于印发…的通知, 现将…印发给你们, 请结合实际认真贯彻落实.
_NOTICE_WORDS = lazy(r"印发|转发|的通知|现将|请结合实际|贯彻(?:落实|执行)")
_PUBLICITY = lazy(r"^[（(]\s*此件.{0,10}[）)]$")


def _cover_notice(blocks: list[Block]) -> list[Block]:
    """A 印发 notice before the plan (addressees, 现印发给你们, the office's name, its date, (此件主动
    公开)) is the letter that sends the plan out, not the plan: the plan starts after that date.
    Told by a date line near the top with the notice's wording and no numbered part before it,
    and a titled plan after it."""
    for index, block in enumerate(blocks[:16]):
        if block.table is not None or not is_date_line(block.text):
            continue
        before, after = blocks[:index], blocks[index + 1:]
        if not any(_NOTICE_WORDS.search(b.text) for b in before) or any(split_marker(b.text) for b in before):
            return blocks
        if after and _PUBLICITY.match(after[0].text):
            after = after[1:]
        titled = any(b.table is None and _PLAN_WORDS.search(b.text) and len(b.text) <= 60 for b in after[:3])
        return after if titled and len(after) >= 3 else blocks
    return blocks


_FILE_SUFFIX = lazy(r"\.(?:docx?|pdf|wps|txt)\w{0,6}$", re.IGNORECASE)


def _label_free(text: str) -> str:
    """A title as a page repeats it: spaces out, the page's labels off (…计划1, …计划(13篇), …篇1,
    a file name's …计划.docxVIP, a lost character's ?)."""
    text = _FILE_SUFFIX.sub("", re.sub(r"\s+", "", fold_width(text))).rstrip("?？")
    return re.sub(r"(?:[(（]\d{1,3}篇[)）]|篇?\d{1,2})$", "", text)


def _chrome_before_repeated_title(title: str | None, blocks: list[Block]) -> list[Block]:
    """A page shows its title, then its own furniture (合集下载, an SEO lead-in, 医院工会工作计划
    (13篇)), then the document with its title again (or the page's label of it, …计划1): what
    comes before the last repetition near the top is the page's, not the plan's."""
    if not title:
        return blocks
    key = _label_free(title)
    first_part = next((i for i, b in enumerate(blocks) if (split_marker(b.text) or ("",))[0] == "cn_dun"), len(blocks))
    repeats = [i for i, b in enumerate(blocks[: min(first_part, 12)]) if b.table is None and key and _label_free(b.text) == key]
    return blocks[repeats[-1] + 1:] if repeats else blocks


_DRAFT = lazy(r"[（(](讨论稿|征求意见稿|送审稿|初稿|草案|修订稿)[）)]")


_PLAN_END = "划劃畫点點案排算路"


def _title_first_line(line: str, title: str) -> bool:
    """A title broken over two lines (立山区政府2023年重点工作 / 任务分解和责任分工方案): the
    first half is short, names the year, has no sentence mark, and the second names none. Or the
    organisation's name alone above a title that opens with the year (茶陵县图书馆 / 2016年度工作
    计划): the title is the organisation's plan."""
    if len(line) > 30 or re.search(r"[。，,；;：:！？!?]", line) or split_marker(line):
        return False
    if _ORG_LINE.match(line) and re.match(r"(?:19|20)\d\d", title) and not _organization(title):
        return True
    return bool(_YEAR_WORD.search(line)) and not _YEAR_WORD.search(title)


# A sentence, not a title: clauses, then the mark that ends a sentence or opens what follows
# (为进一步做好工会工作，现将2027年工作计划安排如下：). A title may hold a comma (凝心聚力，砥砺前行——…计划).
_A_SENTENCE = lazy(r"[，,；;].*[。！？!?：:]\s*$")


def _front_matter(title: str | None, blocks: list[Block]) -> tuple[str | None, Block | None, str | None, list[Block]]:
    """(title, its block, draft mark, the blocks after them): a title is a short line with a plan
    word near the top; the draft mark (讨论稿…) follows it."""
    found = None
    marked = next((i for i, b in enumerate(blocks[:5]) if b.role == "title"), None)
    if title is None and marked is not None:
        title, found = blocks[marked].text.strip(), blocks[marked]
        blocks = blocks[:marked] + blocks[marked + 1:]
    if title is None:
        title, found, blocks = _title_near_the_top(blocks)
    draft = None
    if blocks and blocks[0].table is None and _DRAFT.fullmatch(blocks[0].text):
        draft = blocks[0].text.strip("（）()")
        blocks = blocks[1:]
    return title, found, draft, blocks


def _title_near_the_top(blocks: list[Block]) -> tuple[str | None, Block | None, list[Block]]:
    """(title, its block, the blocks after it) where no markup names the title: the first short
    line with a plan word among the top five that is no numbered line and no sentence. A line
    above it that opens the title is joined to it; the numbered lines above it are dropped."""
    for index, block in enumerate(blocks[:5]):
        if (block.table is None and _PLAN_WORDS.search(block.text) and len(block.text) <= 60 and not split_marker(block.text)
                and not _A_SENTENCE.search(block.text)):
            title = block.text.strip("# ")
            start = index - 1 if index and _title_first_line(blocks[index - 1].text, title) else index
            title = "".join(b.text.strip("# ") for b in blocks[start:index]) + title
            # a numbered list above the title is the page's (its notices, its other articles):
            # kept, it would fix the level of 1. before the plan's own 一、 is met
            rest = [b for b in blocks[:start] if not split_marker(b.text)] + blocks[index + 1:]
            # 社区的工作计划1: the number is the page's label of its first plan, not the title's; a
            # page that offers the file titles it by its name (…计划.docxVIP)
            title = re.sub(rf"(?<=[{_PLAN_END}])\d{{1,2}}$", "", _FILE_SUFFIX.sub("", title))
            return title, block, rest
    return None, None, blocks


@dataclass
class _Closing:
    """A document's closing matter: the blocks before the signature, the signature and date, and
    the attachments after them."""

    body: list[Block]  # what comes before the signature
    after: list[Block]  # attachments after the signature: schedules, not body text
    signature: str | None = None
    date: dt.date | None = None


def _closing_matter(blocks: list[Block]) -> _Closing:
    """The signature and date at the end, before any attachment: found by the date line when
    there is one, else by an organisation's name ending the body."""
    tail = [i for i, b in enumerate(blocks) if b.table is None and is_date_line(b.text)]
    if tail:
        i = tail[-1]
        date = date_of_line(blocks[i].text)
        before = blocks[i - 1] if i > 0 else None
        if before is not None and before.table is None and len(before.text) <= 30 and not re.search(r"[。，；：]", before.text):
            return _Closing(blocks[: i - 1], blocks[i + 1:], before.text, date)
        return _Closing(blocks[:i], blocks[i + 1:], None, date)
    # the attachments (附件1, a rule or a table) start after the signature
    cut = next((i for i, b in enumerate(blocks) if b.table is not None or re.match(r"^(附件\d*|-{3,})$", b.text)), len(blocks))
    last = next((i for i in range(cut - 1, -1, -1) if not re.match(r"^(附件\s*[:：]|\d+[.．、])", blocks[i].text)), None)
    if last is not None and _ORG_LINE.match(blocks[last].text) and not split_marker(blocks[last].text):
        return _Closing(blocks[:last], blocks[last + 1:], blocks[last].text)
    return _Closing(blocks, [])


_BULLETS = ("——", "--", "- ", "●", "•", "◆", "■", "★", "☆")
_BULLET_START = lazy(r"^(?:——|--|-(?=\s)|[●•◆■★☆])\s*")
_SCHEDULE_TITLE = lazy(r"^.{0,8}(?:月度|月份|逐月|季度|分月|分季度)?(?:工作|活动)?(?:安排|行事历|日程|进度)(?:表)?$|^.{0,6}(?:月度|季度)(?:工作)?(?:计划|重点)$")


def _opening_time(text: str) -> Period | None:
    """The month, month range or quarter the line opens with (一月份：, 七、八月份, 3-4月 …)."""
    period = opening_period(text)
    return period if period and period.months and period.kind in ("month", "range", "quarter") else None


def _leading_period(text: str) -> bool:
    """Does the line open with a month, a month range or a quarter?"""
    return _opening_time(text) is not None


def _without_marker(text: str) -> tuple[str | None, str]:
    """(the marker's family, the text after it): 七、八月份 and 1至2月 have none, they are times."""
    typed = split_marker(text)
    return (typed[0], typed[3]) if typed and typed[0] != "cn_shi" else (None, text)


def _period_row(text: str) -> tuple[str | None, str] | None:
    """A timetable row: a time, numbered or not, then a colon, a space or nothing (第一季度：迎新,
    1. 第一季度:…, 3月：召开…); (marker family, the row without its marker). 3月上旬召开… is an
    item's time, not a row."""
    family, rest = _without_marker(text)
    period = _opening_time(rest)
    if period is None:
        return None
    after = rest[_with_its_note(rest, period).end:]
    return (family, rest) if not after.strip() or after[0] in "：:　 " else None


# Complex (radon D) in its conditions, not its length (twenty lines): a stretch between parts and
# the rule that makes its dated lines a timetable read best in one place, as the docstring says it.
def _timetable_rows(blocks: list[Block]) -> dict[int, str]:
    """Rows of a timetable written inside a part of any name (二、重点工作 / 1月：… / 2月：…), by
    id(block) → the row without its marker. A time opening one line is an item's time; two
    rows or more are a timetable, when every line numbered like them is a row (1.第一季度… 4.第
    四季度 is a timetable; 1、3月：… 2、组织学习 a list of items, one dated). Parts (一、) bound it."""
    rows: dict[int, str] = {}
    stretch: list[Block] = []
    for block in [*blocks, None]:
        typed = split_marker(block.text) if block is not None and block.table is None else None
        if block is not None and not (typed and typed[0] == "cn_dun") and not block.heading:
            stretch.append(block)
            continue
        found = {id(b): row for b in stretch if b.table is None and (row := _period_row(b.text))}
        for family in {row[0] for row in found.values()}:
            same = [key for key, row in found.items() if row[0] == family]
            numbered_alike = [b for b in stretch if b.table is None and family and _without_marker(b.text)[0] == family]
            if len(same) >= 2 and (family is None or len(numbered_alike) == len(same)):
                rows.update({key: found[key][1] for key in same})
        stretch = []
    return rows


class _BodyReader:
    """The body, block by block: numbered items into the section tree, month headings and their
    tasks into the schedule, attachment pages aside, everything unnumbered before the first
    section into the preamble. Its flags say where in the document the reading is."""

    def __init__(self, file: str | None, rows: dict[int, str] | None = None):
        self.builder = _Builder(file)
        self.rows = rows or {}  # timetable rows found in advance (see _timetable_rows)
        self.open_task = False  # the last task was numbered and its line stopped mid-sentence
        self.preamble: list[str] = []
        self.appendix: list[Block] = []
        self.schedule_blocks: list[Block] = []
        self.in_appendix = False
        self.in_note = False
        self.current_period: str | None = None
        self.period_in_markup = False  # the open entry's month is a heading in markup (### 九月份), where months order the plan
        self.schedule_section: Item | None = None  # an open 月度工作安排 section: its lines are the schedule
        self.schedule_sections: list[Item] = []
        self.month_organised = False
        self.cell_run = False  # the last line read was a short table cell

    def read(self, block: Block) -> None:
        if block.table is not None:
            self.schedule_blocks.append(block)
        elif not (self._aside(block) or self._period_heading(block) or self._schedule_line(block) or self._task_cells(block)):
            self._body_text(block)

    def _in_task_table(self) -> bool:
        return bool(self.builder.stack) and self.builder.stack[0][0] == "task-table"

    def _note_section(self, opened: Item) -> None:
        self.schedule_section = opened if _SCHEDULE_TITLE.search(opened.title) and not opened.text else None
        if self.schedule_section is not None:
            self.schedule_sections.append(opened)

    def _schedule_line(self, block: Block) -> bool:
        """Inside a schedule section, a line opening with a time (一月份：…, 七、八月份：…, 1. 第一
        季度：…) is an entry, and so is a row of a timetable found in advance; the lines under an
        entry (plain, 1. or dash-bulleted) are its tasks."""
        text = block.text
        # Before any section, or under the tasks of a task table, 3月：… lines are a timetable.
        timetable = (not self.builder.sections or self._in_task_table()) and re.match(r"^[^：:]{1,12}[：:]", text) is not None
        row = self.rows.get(id(block))
        if row is None and (self.schedule_section is not None or timetable) and _leading_period(text):
            row = text
        if row is None and self.schedule_section is not None and (found := _period_row(text)):
            row = found[1]  # 1. 第一季度：迎新与动员: the number counts the timetable's rows
        if row is None:
            return self._period_task(block)
        self.schedule_blocks.append(replace(block, text=row))
        in_table = timetable and self._in_task_table()
        self.current_period = None if in_table else row  # the lines below the row are its tasks
        self.period_in_markup = False
        self.open_task = False
        if in_table:
            self._date_task(text)
        return True

    def _period_task(self, block: Block) -> bool:
        """A task under the open entry. A line a hard wrap cut from a numbered task (补助，探访…
        under `1,开展送温暖活动，…审批困难`) carries on that task: it is not a task of its own."""
        text = block.text
        # a list's item (Markdown 1. 2., a Word list) is a month's task where the plan is organised
        # by month, or under a month that markup makes a heading where months order the plan (###
        # 九月份 under 二、月度安排: the heading's list, up to the next heading); under a part's month
        # lines, or a quarter heading in 二、主要工作, it may be the part's own list, as it was
        listed_elsewhere = block.list_family and not (self.month_organised or self.period_in_markup)
        if self.current_period is None or block.heading or listed_elsewhere:
            return False
        typed = split_marker(text)
        if typed and typed[0] not in ("arabic", "arabic_paren", "circled", "cn_shi") and not self.month_organised:
            return False
        task = _numbered(typed, (typed[3] if typed else _BULLET_START.sub("", text)).strip())
        last = self.schedule_blocks[-1]
        if typed is None and self.open_task:
            head = last.text.removesuffix("；")
        else:
            head = last.text if last.text.endswith(("：", ":", "；")) else last.text + "；"
        self.open_task = typed is not None and not _CLOSED.search(task)
        self.schedule_blocks[-1] = Block(head + task.rstrip("。；;") + "；", last.line, last.paragraph, col=last.col)
        return True

    def _date_task(self, text: str) -> None:
        """A task table's first timetable cell (3月——9月：…) is its task's time: the task is dated,
        though its cells go to the schedule."""
        task = self.builder.stack[-1][1]
        if task.when is None:
            first = find_periods(text[:30])[0]
            task.when = parse_when(first.text)

    def _aside(self, block: Block) -> bool:
        """Attachment pages and the attachment note: kept out of the body."""
        text = block.text
        if self.in_appendix or _APPENDIX.search(text):
            if self.in_appendix:
                self.appendix.append(block)
            self.in_appendix = True
            return True
        if _ATTACHMENT_ALONE.match(text):  # 附件 alone: the only attachment (GB/T 9704)
            self.in_appendix = True  # an attachment page: what follows is schedules and tables, not body
            return True
        if _ATTACHMENT_NOTE.match(text):
            self.in_note = True
            return True
        if self.in_note and _NUMBERED_LINE.match(text):
            return True  # 2.名称 on its own line: still the attachment note
        self.in_note = False
        return False

    # Complex (radon D) in its conditions, not its length: the two kinds of cell (a time, a role)
    # each need their guards against a heading or a sentence; split, each guard would be read alone.
    def _task_cells(self, block: Block) -> bool:
        """A task table copied one cell a line: after an item, a line that is only a time (全年,
        四月份) is the item's time and a line naming roles (支部班子成员) its owner."""
        if not self.builder.stack or self.month_organised or self.current_period is not None:
            return False
        item, text = self.builder.stack[-1][1], block.text.strip()
        # A time alone under a part's heading (二、工作安排 / 1至2月) heads that part's timetable.
        section = len(self.builder.stack) == 1 and not self._in_task_table()
        if len(text) <= 10 and not re.search(r"[：:]", text) and item.when is None and not section:
            when = parse_when(text)
            if when is not None and when.kind != "vague":
                item.when = when
                return True
        # a role after the item's time, another role, or a short cell (至疫情 / 解除)
        if len(text) <= 24 and _ROLE_LINE.match(text) and (item.when is not None or item.owner is not None or self.cell_run):
            item.owner = _owners_joined(item.owner, [r for r in re.split(r"[、，,\s]+", text) if r])
            return True
        return False

    def _period_heading(self, block: Block) -> bool:
        """A month heading (三月份：) opens a schedule entry; its numbered lines are its tasks. One
        that names its part (三月份重点工作) does so where months order the plan: before its first
        part, in a plan organised by month, or in a part that holds the schedule. Elsewhere it is
        an item's title, as 1.三月份重点工作 under 二、主要工作 is, its sub-items its own."""
        months_order = self.month_organised or not self.builder.sections or self.schedule_section is not None
        if not (_is_period_heading(block.text, part_named=months_order) and len(block.text) <= 20):
            return False
        if self._task_cells(block):
            return True
        period = block.text.strip().rstrip("：:")
        # A plan whose first heading is a month is organised by month: every line under a
        # month heading, numbered 一、 or not, is that month's task.
        self.month_organised = self.month_organised or not self.builder.sections
        self.current_period = _without_marker(period)[1]
        self.period_in_markup = block.heading is not None and months_order
        self.schedule_blocks.append(Block(self.current_period + "：", block.line, block.paragraph, col=block.col))
        return True

    def _body_text(self, block: Block) -> None:
        text, builder = block.text, self.builder
        if block.list_family is not None or (block.heading and not split_marker(text)):
            self.current_period = None
            builder.add_from_markup(block, block.list_family or f"heading{block.heading}")
            if len(builder.stack) == 1:
                opened = builder.stack[0][1]
                self._note_section(opened)
            return
        typed = split_marker(text)
        if typed and typed[0] != "cn_shi" and typed[3].strip():
            family, value, marker, rest = typed
            self.current_period = None  # a numbered heading ends a month's task list
            builder.add(block, family, value, marker, rest)
            if len(builder.stack) == 1:
                opened = builder.stack[0][1]
                self._note_section(opened)
        elif text.startswith(_BULLETS) and builder.stack:
            builder.add(block, "dash", 0, text[:2] if text.startswith(("——", "--")) else text[0], text.lstrip("—-●•◆■★☆ "))
        elif not (builder.stack and _owners_line(builder.stack[-1][1], text)) and not builder.continue_text(block):
            self.preamble.append(text)
        # cells of a task table are short lines with no sentence mark; prose is not
        self.cell_run = len(text) <= 6 and not re.search(r"[。，；,;：:]", text)


def _assemble(title: str | None, draft: str | None, closing: _Closing, body: _BodyReader, attached: list[Block],
              file: str | None, default_year: int, guesses: dict[tuple, str]) -> Plan:
    """The plan from its parts, with times and targets read out of the items' text and every
    guess recorded in `guesses` for the `# 待确认` marks. `attached`: the lines after the plan
    (its attachments), a month's listed tasks already joined to its heading (_month_lists)."""
    blocks = closing.body
    # A document that states 完成时限 for its items (planforge's own output, many templates) has
    # no time where it states none: times are then not guessed from the wording.
    guess_times = not any("完成时限" in b.text for b in blocks if b.table is None)
    for s_index, section in enumerate(body.builder.sections):
        _walk_enrich(section, ("sections", s_index), 1, guesses, guess_times)
    schedule = _schedule_from(body.schedule_blocks + attached, file)
    for entry in schedule:  # a task is found on its entry's line (the linter narrows it down from there)
        for task in entry.tasks:
            task.source = task.source or entry.source
    if schedule:
        _drop_schedule_pointer(body.builder.sections)
    year = _year(title, blocks, closing.date, default_year)
    if year != _explicit_year(title):
        guesses[("year",)] = "待确认：年度为推断"
    date = closing.date
    plan = Plan(
        title=title or f"{year}年工作计划",
        organization=_organization(title) or _signed_organization(title, closing.signature),
        year=year,
        date=date,  # one outside the plan's window is kept for PF202 to report, not dropped unseen
        draft=draft,
        preamble="\n".join(body.preamble) or None,
        sections=body.builder.sections,
        schedule=schedule,  # a month of another year is kept for PF202 to report, not dropped unseen
        signature=closing.signature,
        source=Source(file=file, line=blocks[0].line if blocks else None),
    )
    if title is None:
        guesses[("title",)] = "待确认：原文没有标题"
    return plan


# What planforge writes under an empty 月度工作安排 heading (render/view.py): a pointer to the
# schedule's attachment, made again (with the attachment's number then) whenever the plan is rendered.
_SCHEDULE_POINTER = lazy(r"具体安排见附件\d*。?")


def _drop_schedule_pointer(sections: list[Item]) -> None:
    """A plan planforge rendered, read again: 具体安排见附件1 under the heading that names the
    schedule is no text of the plan's (kept, it would say 附件1 when a later year has one attachment)."""
    for section in sections:
        if (section.text and not section.items and _SCHEDULE_POINTER.fullmatch(section.text)
                and names_the_schedule(section.title)):
            section.text = None


def _walk_enrich(item: Item, path: tuple, depth: int, guesses: dict, guess_times: bool) -> None:
    _split_shi(item, depth)
    _enrich(item, guesses, path, guess_times)
    for index, child in enumerate(item.items):
        _walk_enrich(child, path + ("items", index), depth + 1, guesses, guess_times)


SCAN_YEAR = 2000  # characters of each paragraph searched for the year it names


def _explicit_year(title: str | None) -> int | None:
    """2027年…计划, and 2016中学工会工作计划 (a year run into the name, no 年); in 2026年工作总结
    及2027年工作计划, the plan's year is the one after 总结."""
    title = title or ""
    if _summary_and_plan(title):
        title = title[re.search(r"总结|總結", title).end():]  # type: ignore[union-attr]
    m = re.search(r"((?:19|20)\d\d)\s*(?:年|(?=\D))", title)
    return int(m.group(1)) if m else None


def _year(title: str | None, blocks: list[Block], date: dt.date | None, default: int) -> int:
    """The year the title states; else the one the text names most; else the one the document's
    date implies (a plan signed in its year's last quarter is for the next); else `default`."""
    explicit = _explicit_year(title)
    if explicit:
        return explicit
    years = Counter(int(y) for b in blocks if b.table is None for y in re.findall(r"(20\d\d)\s*年", b.text[:SCAN_YEAR]))
    if years:
        return years.most_common(1)[0][0]
    if date is not None:
        return date.year + 1 if date.month >= 10 else date.year
    return default


def _organization(title: str | None) -> str | None:
    if not title:
        return None
    m = re.match(r"^(?P<org>.+?(?:工会|委员会|局|学校|中学|小学|医院|公司|集团|中心|协会|图书馆|政府|办公室))(?:20\d\d|20[xX]{2}|年度|\d{4}|关于)", title)
    return m.group("org") if m else None


def _signed_organization(title: str | None, signature: str | None) -> str | None:
    """The organisation a title opens with, where the plan is signed with the same name:
    某某街道办事处2027年工作计划 signed 某某街道办事处, whatever kind of body it is. A personal
    plan (张三2027年个人工作计划) is signed by a person, who is no organisation."""
    name = (signature or "").strip()
    if not title or len(name) < 2 or not title.startswith(name):
        return None
    rest = title[len(name):]
    return name if re.match(r"(?:19|20)\d\d|20[xX]{2}|年度|关于|工作", rest) and "个人" not in rest else None


def infer_part(part: Part, file: str | None, default_year: int) -> ImportedPlan | None:
    """One part's plan; None when the part holds none (no sections, schedule or preamble). Parts
    are independent: a large collection's may be inferred in any order, or in several processes."""
    title, marker, blocks = part
    imported = infer_plan(title, blocks, file, default_year, marker)
    _spec_dashes(imported.plan)
    plan = imported.plan
    return imported if plan.sections or plan.schedule or plan.preamble else None


def infer(blocks: list[Block], file: str | None, default_year: int, repairs: list[Repair]) -> ImportResult:
    plans = [infer_part(part, file, default_year) for part in plan_parts(blocks)]
    return ImportResult([p for p in plans if p is not None], repairs)


_DOCUMENT_DASH = lazy(r"(?<=\d)\s*[—–－~～]\s*(?=\d{1,2}\s*月)")


def _spec_dashes(plan: Plan) -> None:
    """3—4月 as a document prints it is 3-4月 as a spec is typed: the months are the same, and a
    rendered plan imported again gives back the spec it came from."""
    def canonical(period):
        text = _DOCUMENT_DASH.sub("-", period.text)
        return period if text == period.text else replace(period, text=text)

    for _level, item in plan.walk():
        if item.when is not None:
            item.when = canonical(item.when)
    for entry in plan.schedule:
        entry.when = canonical(entry.when)
