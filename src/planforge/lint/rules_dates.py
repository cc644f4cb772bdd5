"""PF2xx: times and the schedule."""

from __future__ import annotations

import re
from itertools import pairwise

from planforge.lint.rule import rule
from planforge.lint.rules_targets import counts_most, gaps_by_section, hit, in_goals
from planforge.lint.rules_text import locate
from planforge.model.gaps import ScheduleWords, scheduled_ids, undated
from planforge.model.numbering import to_chinese
from planforge.model.periods import TIME_NOTE, VAGUE, find_periods, stale_year_spans
from planforge.model.plan import Item, ScheduleEntry, date_in_window
from planforge.model.text import finditer_from
from planforge.patterns import lazy


def work_texts(ctx):
    """`ctx.texts()` without a document's items in parts that set no work (`ctx.aside`): a look
    back may name last year, a problem part may say 时间待定 of what went wrong."""
    for node, field_name, text in ctx.texts():
        if not (isinstance(node, Item) and ctx.aside(node)):
            yield node, field_name, text


@rule("PF201", "item-without-date", "warning")
def item_without_date(ctx):
    r"""An activity with no month is one nobody will schedule. A `when`, a schedule entry linking the
    item, a section's own time or a time in the text all count. Framing parts are not activities;
    a document gets one finding per section.

    In a document, standing work (完善制度, 加强宣传, 做好帮扶) runs all year and is dated by the
    plan's year; what needs a time is an event that happens on a day: a meeting, a contest, a
    show, a course, a trip (召开职代会, 举办运动会, 举办培训班). A document that dates nearly
    all its items is judged item by item, as a spec is.

    FAIL  sections: [{title: 加强学习, items: [{title: 开展读书活动, text: 征集读书征文200篇}]}]
    PASS  sections: [{title: 加强学习, items: [{title: 开展读书活动, text: 征集读书征文200篇, when: 4月}]}]
    PASS  sections: [{title: 疫情防控, items: [{title: 落实防控措施, text: 组建志愿者队伍50人，持续至疫情解除}]}]
    FAIL doc  测试工会2027年工作计划\n一、文体活动\n1.举办职工趣味运动会，参与职工300人。\n2.完善职工书屋管理制度。
    PASS doc  测试工会2027年工作计划\n一、文体活动\n1.举办职工趣味运动会，参与职工300人，5月举行。\n2.完善职工书屋管理制度。
    """
    scheduled = scheduled_ids(ctx.plan)
    if not ctx.is_document:
        yield from gaps_by_section(ctx, "PF201", lambda level, item, ancestors: undated(item, ancestors, scheduled))
        return
    named = ScheduleWords(ctx.plan)  # a document's schedule names its items in words, not by id

    def unplanned(level, item, ancestors) -> bool:
        return undated(item, ancestors, scheduled) and not in_goals(ancestors) and not named.name(item)

    if counts_most(ctx, lambda level, item, ancestors: not undated(item, ancestors, scheduled)):
        yield from gaps_by_section(ctx, "PF201", unplanned)
        return

    def unplanned_event(level, item, ancestors) -> bool:
        return bool(_EVENT.search(f"{item.title}。{item.text or ''}")) and unplanned(level, item, ancestors)

    yield from gaps_by_section(ctx, "PF201", unplanned_event, variant="event")


# An event the plan holds on a day: a verb of holding (召开, 举办, 组织…) and, in the same phrase,
# a meeting, a contest, a show, a course or a trip; or a selection (评选…) opening a clause. Not
# a standing system or a year-long campaign (联席会议制度, 安康杯竞赛活动), not one held already
# (组织参与了…), not the meetings others are to hold (指导督促召开…), not a list of methods
# (召开座谈会等方式).
_EVENT_NOUN = (r"(?:运动会|联欢会|茶话会|座谈会|研讨会|交流会|报告会|表彰会|表彰大会|动员大会|代表大会|职代会|教代会|工代会"
               r"|全委会|联欢|晚会|汇演|文艺演出|演讲比赛|比赛|竞赛|大赛|知识问答|培训班|讲座|论坛|展览|游园|旅游|旅行"
               r"|疗休养|選舉|运動會|運動會|比賽|競賽|講座)"
               r"(?![^，,。；;、等]{0,4}(?:活动|活動|制度|机制|工作))(?![^，,。；;]*等(?:方式|形式|载体|途径))")
_EVENT = lazy(rf"(?<!指导)(?<!督促)(?<!推动)(?<!协助)(?:召开|举办|举行|组织|承办|筹办|开展|进行|舉辦|舉行|組織|召開)"
                    rf"[^，,。；;、：:了]{{0,8}}?{_EVENT_NOUN}"
                    r"|(?:^|[，,。；;：:])(?:开展|组织)?(?:评选|评比)(?!活动|工作|制度|机制)")


@rule("PF202", "date-outside-year", "error")
def date_outside_year(ctx):
    """A date outside the plan year is almost always last year's, left in a copied plan. The plan's
    own date may fall in the last quarter before its year (plans are written in advance).

    FAIL  date: 2025-05-01
    FAIL  schedule: [{when: 2026-03-01, tasks: [召开全委会]}]
    PASS  date: 2026-12-20
    """
    year = ctx.plan.year
    if ctx.plan.date and not date_in_window(ctx.plan.date, year):
        yield hit(ctx, ctx.plan, "date", when=ctx.plan.date.isoformat(), year=year)
    for _level, item, _ancestors in ctx.items():  # a document's item times are its text's: PF203/PF208 say it there
        if item.when and item.when.year and item.when.year != year and not ctx.is_document:
            yield hit(ctx, item, "when", when=item.when.text, year=year)
    for entry in ctx.plan.schedule:
        if entry.when.year and entry.when.year != year:
            yield hit(ctx, entry, "when", when=entry.when.text, year=year)


@rule("PF203", "stale-year", "warning")
def stale_year(ctx):
    """"2026年" in a 2027 plan: the classic slip of a plan copied from last year. A span such as
    2026—2030年 is a planning period, not a slip.

    FAIL  preamble: 2026年，局工会围绕中心开展工作。
    PASS  preamble: 按照2026—2030年发展规划，结合实际制定本计划。
    PASS  preamble: 在总结2026年工作的基础上，比2026年增加职工书屋3个。
    """
    for node, field_name, text in work_texts(ctx):
        for start, mention in stale_year_spans(text, ctx.plan.year - 1, looking_back_allowed=True):
            line, col = locate(ctx, node, field_name, start, text)
            yield line, col, {"mention": mention, "year": ctx.plan.year}, None


@rule("PF204", "schedule-gap", "info")
def schedule_gap(ctx):
    r"""A monthly schedule with empty months says either "nothing happens" or "we forgot"; worth a look.

    A document's schedule is judged within its own span (a term, 3–12月): its longest run of
    empty months is the season it does not cover.

    FAIL  schedule: [{when: 1-6月, tasks: [开展活动]}]
    PASS  schedule: [{when: 1-12月, tasks: [开展活动]}]
    FAIL doc  2027年工会工作计划\n一、学习\n读书。\n二、月度工作安排\n3月：读书会\n5月：演讲比赛
    PASS doc  2027年工会工作计划\n一、学习\n读书。\n二、月度工作安排\n3月：读书会\n4月：演讲比赛
    """
    if not ctx.plan.schedule:
        return
    covered = {m for entry in ctx.plan.schedule if entry.when.kind != "recurrence" for m in entry.when.months}
    missing = [m for m in range(1, 13) if m not in covered]
    if ctx.is_document:  # a term or a season (3–12月, 8月–1月) is the plan's scope: only gaps inside it
        off_season = _longest_cyclic_run(missing)
        missing = [m for m in missing if m not in off_season]
    if missing and covered:
        yield hit(ctx, ctx.plan.schedule[0], "when", months="、".join(f"{m}月" for m in missing))


def _longest_cyclic_run(months: list[int]) -> set[int]:
    """The longest run of consecutive months in `months`, December running on into January."""
    chosen: set[int] = set()
    absent = set(months)
    for start in absent:
        if (start - 2) % 12 + 1 in absent and len(absent) < 12:
            continue  # not the start of a run
        run: set[int] = set()
        month = start
        while month in absent and len(run) < 12:
            run.add(month)
            month = month % 12 + 1
        if len(run) > len(chosen):
            chosen = run
    return chosen


@rule("PF205", "schedule-unknown-item", "error")
def schedule_unknown_item(ctx):
    """A schedule task linking to an id that no item has: the link was renamed or mistyped.

    FAIL  schedule: [{when: 3月, tasks: [{text: 召开会议, item: nosuch}]}]
    PASS  sections: [{title: 学习, text: 学习, items: [{id: huiyi, title: 召开会议, when: 3月}]}], schedule: [{when: 3月, tasks: [{text: 召开会议, item: huiyi}]}]
    """
    ids = {item.id for _l, item, _a in ctx.items() if item.id}
    for entry in ctx.plan.schedule:
        for task in entry.tasks:
            if task.item and task.item not in ids:
                yield hit(ctx, task, "item", item=task.item)


@rule("PF206", "schedule-mismatch", "warning")
def schedule_mismatch(ctx):
    """An item says April and its schedule entry says September: one of them is wrong. Preparing a
    month ahead is allowed.

    FAIL  sections: [{title: 学习, text: 学习, items: [{id: dushu, title: 读书活动, when: 4月}]}], schedule: [{when: 9月, tasks: [{text: 读书活动, item: dushu}]}]
    PASS  sections: [{title: 学习, text: 学习, items: [{id: dushu, title: 读书活动, when: 4月}]}], schedule: [{when: 3月, tasks: [{text: 读书活动, item: dushu}]}]
    """
    items = {item.id: item for _l, item, _a in ctx.items() if item.id}
    for entry in ctx.plan.schedule:
        for task in entry.tasks:
            item = items.get(task.item)
            if not item or not item.when or not item.when.months or item.when.kind == "recurrence":
                continue
            allowed = set(item.when.months) | {m - 1 or 12 for m in item.when.months}
            if entry.when.months and not allowed & set(entry.when.months):
                yield hit(ctx, task, "item", when=item.when.text, schedule=entry.when.text)


@rule("PF207", "vague-time", "info")
def vague_time(ctx):
    """适时, 时间待定, 另行通知, 择机, 视情况: a time that commits to nothing, in a `when`, a title or a text.

    FAIL  sections: [{title: 学习, items: [{title: 读书活动, when: 适时, text: 征集读书征文200篇}]}]
    FAIL  sections: [{title: 学习, items: [{title: 择机开展读书活动, text: 征集读书征文200篇}]}]
    PASS  sections: [{title: 学习, items: [{title: 读书活动, when: 4月, text: 征集读书征文200篇}]}]
    """
    for _level, item, _ancestors in ctx.items():
        if ctx.aside(item):
            continue
        if item.when and item.when.kind == "vague":
            yield hit(ctx, item, "when", word=item.when.text)
            continue
        for field_name in ("title", "text"):
            word = next((w for w in VAGUE_WORDS if w in (getattr(item, field_name) or "")), None)
            if word:
                yield hit(ctx, item, field_name, word=word)
                break


# 适当时候 and 届时 are vague in free text, though a `when` never says them.
VAGUE_WORDS = (*VAGUE, "适当时候", "适当时间", "届时", "另行安排")
_YEAR_MONTH = lazy(r"(?<!\d)(20\d\d)\s*年\s*(\d{1,2})\s*月")
_MONTH_RANGE = lazy(r"(?<![\d.年])(\d{1,2})\s*[-—–~～至到]+\s*(\d{1,2})\s*月")


@rule("PF208", "year-after-plan", "warning")
def year_after_plan(ctx):
    """2028年1月 in a 2027 plan: a month after the plan's year, usually a typo for the plan year
    (or a task that belongs in next year's plan). A span such as 2027—2029年 is a period, not a month.

    FAIL  preamble: 于2028年3月召开总结会。
    PASS  preamble: 于2027年12月召开总结会。
    """
    year = ctx.plan.year
    for node, field_name, text in work_texts(ctx):
        for m in _YEAR_MONTH.finditer(text):
            if int(m.group(1)) > year:
                line, col = locate(ctx, node, field_name, m.start(), text)
                yield line, col, {"mention": m.group(0), "year": year}, None


@rule("PF209", "reversed-month-range", "warning")
def reversed_month_range(ctx):
    """11-9月: a month range that runs backwards reads as eleven months; most likely 9-11月 was meant.
    A winter range crossing the new year (11-2月) is allowed.

    FAIL  sections: [{title: 学习, items: [{title: 读书活动, text: 11-9月开展读书活动，征文200篇}]}]
    PASS  sections: [{title: 学习, items: [{title: 读书活动, text: 9-11月开展读书活动，征文200篇}]}]
    PASS  sections: [{title: 学习, items: [{title: 冬训, text: 11-2月开展冬训，培训200人次}]}]
    FAIL  sections: [{title: 文体, items: [{title: 职工运动会, text: 参赛500人次, when: 10-8月}]}]
    """
    for node, field_name, text in _month_range_texts(ctx):
        for m in _MONTH_RANGE.finditer(text):
            first, last = int(m.group(1)), int(m.group(2))
            if 1 <= last < first <= 12 and not (first >= 10 and last <= 3):
                line, col = locate(ctx, node, field_name, m.start(), text)
                yield line, col, {"text": m.group(0), "fixed": f"{last}-{first}月"}, None


def _month_range_texts(ctx):
    """The free texts, and in a spec also every `when`: the loader reads `when: 10-8月` as a range
    that wraps round the new year (ten months), which `show` then draws; the author meant 8-10月.
    A document's times sit inside the texts already."""
    yield from ctx.texts()
    if ctx.is_document:
        return
    for _level, item, _ancestors in ctx.items():
        if item.when is not None:
            yield item, "when", item.when.text
    for entry in ctx.plan.schedule:
        yield entry, "when", entry.when.text


# 13月, 十三月份, 2月30日, 4月31日: a month or day that no calendar has (a typo, or 12 and 3 run
# together); the importer cannot read it as a time, so without this it passes unseen.
_BAD_MONTH = lazy(r"(?<![\d.．/\-])(?:1[3-9]|[2-9]\d)\s*月(?!\d)"
                        r"|(?<![一二三四五六七八九十百第])(?:十[三四五六七八九]|[二三四五六七八九]十[一二三四五六七八九]?)月(?!\d)")
_MONTH_DAY = lazy(r"(?<![\d.．/\-])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_MONTH = lazy("月")
# Where a match of each can begin (both open with a lookbehind, so `finditer` tries every position)
_BAD_MONTH_FIRST = lazy("[1-9十二三四五六七八九]")
_DIGIT = lazy(r"\d")
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@rule("PF211", "impossible-date", "warning")
def impossible_date(ctx):
    r"""13月, 十三月份, 2月30日: a month or a day no calendar has. It cannot be read as a time, so the
    work it dates would silently lose its month.

    FAIL doc  测试工会2027年工作计划\n一、月度工作安排\n一月份：召开全委会\n十三月份：年终总结
    FAIL  preamble: 于2月30日召开职代会。
    PASS  preamble: 于12月30日召开职代会，历时13个月的竞赛同时收官。
    """
    for text, where in ctx.hygiene_texts(_MONTH):  # both patterns need it; most lines have none
        for m in finditer_from(_BAD_MONTH, _BAD_MONTH_FIRST, text):
            line, col = where(m.start())
            yield line, col, {"text": m.group(0).strip()}, None
        for m in finditer_from(_MONTH_DAY, _DIGIT, text):
            month, day = int(m.group(1)), int(m.group(2))
            if 1 <= month <= 12 and not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
                line, col = where(m.start())
                yield line, col, {"text": m.group(0)}, None


@rule("PF210", "repeated-month", "info")
def repeated_month(ctx):
    r"""三月份 twice in one schedule, with other months between: a month pasted again, or a later
    month mistyped. Consecutive lines of one month (a table's rows) are one entry, not a repeat,
    and a schedule that is not in calendar order (a task table's timetables) is not judged.

    FAIL doc  测试工会2027年工作计划\n一、月度工作安排\n三月份：三八节活动\n四月份：读书活动\n三月份：植树活动
    PASS doc  测试工会2027年工作计划\n一、月度工作安排\n三月份：三八节活动\n三月份：植树活动\n四月份：读书活动

    Twice in a row is a repeat too when the month after it is missing and the one after that
    follows (三月份, 三月份, 五月份): 四月份 was meant.

    FAIL doc  测试工会2027年工作计划\n一、月度工作安排\n三月份：三八节活动\n三月份：植树活动\n五月份：读书活动
    """
    firsts = [entry.when.months[0] for entry in ctx.plan.schedule if entry.when.months]
    if sum(1 for a, b in pairwise(firsts) if b < a) > 1:
        return  # not a month-by-month list: a task table's timetables, each task with its months
    named = set(firsts)
    after = _next_other_month(ctx.plan.schedule)
    seen: dict[tuple[int, ...], ScheduleEntry] = {}
    previous: tuple[int, ...] | None = None
    for index, entry in enumerate(ctx.plan.schedule):
        months = entry.when.months
        if entry.when.kind != "recurrence" and months and months != previous and months in seen:
            yield hit(ctx, entry, "when", when=entry.when.text, first=ctx.at(seen[months], "when")[0])
        elif entry.when.kind == "month" and _skips_next(months, named, after[index]):
            again = _heading_again(ctx, entry) if ctx.is_document else (hit(ctx, entry, "when")[0] if months == previous else None)
            if again:
                yield again, None, {"variant": "skipped", "when": entry.when.text,
                                    "meant": _next_month_text(entry.when.text, months[0])}, None
        seen.setdefault(months, entry)
        previous = months


_NOTE_AT_END = lazy(TIME_NOTE + r"\s*$")


def _next_month_text(text: str, month: int) -> str:
    """三月份 → 四月份, 3月 → 4月: the heading as its author would have typed the next month (its
    note, 三月份（学雷锋月）, is the month's that was typed, not the one meant)."""
    text = _NOTE_AT_END.sub("", text)
    digits = re.sub(rf"(?<!\d){month}(?=\s*月)", str(month + 1), text, count=1)
    if digits != text:
        return digits
    return re.sub(rf"(?<![一二三四五六七八九十]){to_chinese(month)}(?=月)", to_chinese(month + 1), text, count=1)


def _heading_again(ctx, entry: ScheduleEntry) -> int | None:
    """The line where a document names this entry's month a second time, before any other time
    opens a line. The importer joins two lines of one month into one entry (as a table's rows), so
    the repeat is only seen in the lines themselves."""
    first = ctx.at(entry, "when")[0]
    if not first or not ctx.lines:
        return None
    own = False  # a table is found at its first line: the entry's own row comes below it
    for number in range(first, min(len(ctx.lines), first + 200) + 1):
        line = ctx.lines[number - 1].strip()
        opening = next(iter(find_periods(line[:12])), None)
        if opening is None or opening.start > 3:
            continue
        named = line[opening.start:].startswith(entry.when.text)
        if not own:
            own = named
            if own:
                continue
        return number if named else None
    return None


def _skips_next(months: tuple[int, ...], named: set[int], after: int | None) -> bool:
    """A single month that the schedule names again at once, whose next month is named nowhere while
    the month after that comes next (`after`: see _next_other_month): the second heading is the
    missing month, mistyped."""
    month = months[0]
    if len(months) != 1 or month >= 11 or month + 1 in named:
        return False
    return after == month + 2


def _next_other_month(schedule: list[ScheduleEntry]) -> list[int | None]:
    """For each entry, the first month of the first later entry that names another month than its
    own, entries with no month (适时) passed over: found in one pass from the end, as a schedule of
    many rows of one month would otherwise be read again from each of them."""
    found: list[int | None] = [None] * len(schedule)
    nearest: tuple[int, int | None] | None = None  # the closest later dated entry: its month, and its own answer
    for index in range(len(schedule) - 1, -1, -1):
        months = schedule[index].when.months
        if not months:
            continue
        if nearest is not None:
            found[index] = nearest[0] if nearest[0] != months[0] else nearest[1]
        nearest = (months[0], found[index])
    return found
