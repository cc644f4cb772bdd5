"""Rolling a plan forward a year: what changes by itself, and what a person must decide.

The year, the title's year, the date and every explicit date move by the same number of years;
each target's value becomes next year's baseline (the value stays as the proposal to revisit);
ids stay, so next year's diff can match items; provenance records where the plan came from.
Free text is never rewritten: a stale "2026年" in a paragraph may be a real reference to last
year's result, so it goes on the checklist instead.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from planforge.i18n import translate
from planforge.model.periods import Period, find_periods, parse_when, stale_year_mentions
from planforge.model.plan import Item, Plan, Provenance, Target
from planforge.model.record import FINISHED, STATUSES, Progress, progress_of
from planforge.model.targets import OCCASIONS, find_targets
from planforge.model.wording import quantity, target_sentence
from planforge.patterns import lazy


@dataclass(frozen=True)
class ChecklistEntry:
    kind: str  # target | stale-year | date-moved
    where: str  # sections[0].items[1] …
    line: int | None
    detail: str  # the year mention, the date move (old → new), or the target's name
    args: dict = field(default_factory=dict, compare=False)  # what the message needs beyond detail

    def message(self, lang: str = "zh") -> str:
        return translate(f"checklist_{self.kind}", lang, where=self.where, detail=self.detail, **self.args)


def _shift_date(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _shift_period(period: Period | None, years: int) -> Period | None:
    if period is None or period.year is None:
        return period
    text = period.text.replace(str(period.year), str(period.year + years), 1)
    return parse_when(text) or period


_SEPARATORS = "，,；;。！!？?、"
_STRENGTH = {**dict.fromkeys("。！!？?", 3), **dict.fromkeys("；;", 2), **dict.fromkeys("，,、", 1)}


def cut_clause(text: str, clause: str) -> str | None:
    """The text without `clause` and one of the separators around it: `甲，乙达到90%以上，丙。`
    less `乙达到90%以上` is `甲，丙。`; a clause that ended a sentence leaves the stronger mark.
    Returns None when nothing is left."""
    at = text.find(clause)
    if at < 0:
        return text
    before, after = text[:at], text[at + len(clause):]
    if before.rstrip()[-1:] in tuple(_SEPARATORS):
        before = before.rstrip()  # 甲。 乙达到90% less the target is 甲。, not 甲。 ，
    mark = after[:1] if after[:1] in _SEPARATORS else ""
    if mark:
        after = after[1:]
    if before and before[-1] in _SEPARATORS:
        if _STRENGTH.get(mark, 0) > _STRENGTH[before[-1]]:
            before = before[:-1] + mark  # 甲，乙。丙 → 甲。丙; 甲；乙。 → 甲。
    elif before and mark and after:
        before += mark
    left = (before + after).strip()
    return left.rstrip("，,、") or None


def reads_back(target: Target) -> bool:
    """Whether the sentence the renderer writes for `target` reads back as that very target: a
    `what` an import took too wide (`建制率达50%、工资集体协商建制率`) would read as another."""
    sentence = target_sentence(target)
    found = find_targets(sentence)
    return len(found) == 1 and (found[0].what, found[0].value, found[0].unit) == (target.what, target.value, target.unit)


_WORDS = lazy(r"[\u4e00-\u9fff“”《》]{2,}")
# The year's frame and the commitment, which the renderer states in its own way or the year makes
# plain (全年, 今年, 年内, 要, 预计): not words a restated target may not lose.
_FRAME = lazy(r"全年|今年|年内|本年度?|明年|预计|要|[：:]")
# A bound said before the verb (至少召开一次…) is the target's op, which the renderer says its own way.
_BOUND = lazy(r"至少|不少于|不低于|不超过|不高于")


def says_all(quote: str, targets: list[Target]) -> bool:
    """Whether the renderer's sentences for `targets` say every word of `quote` but its figures:
    `成立摄影组、歌咏组2个工会兴趣小组` restated from data is `成立摄影组、歌咏组2个`, and cutting the
    quote would lose 工会兴趣小组."""
    restated = "".join(target_sentence(t) for t in targets)
    rest = quote
    for found in sorted(find_targets(quote), key=lambda f: f.start, reverse=True):
        rest = rest[:found.start] + "，" + rest[found.end:]
    rest = _FRAME.sub("，", rest)
    if all(t.op for t in targets):
        rest = _BOUND.sub("，", rest)
    return all(word in restated for word in _WORDS.findall(rest))


# A clause before a target's may frame it: say when, where or by what it holds, as a phrase
# that is no clause of its own (到2025年，…达到80%; 各级工会在推进厂务公开工作中，…; 通过开展读书活动，
# 参与率达到90%; 年底前，…). A phrase of 通过, 经过, 为了, 随着, 截至 or 到 is known by its opening
# word (after a commitment or a modal: 力争到2027年), a 凡 phrase likewise; one of 在 by its closing
# word of place or time (中, 上, 内, 期间…), whatever stands before it (各级工会在…中), since
# 在全系统开展劳动竞赛 is a clause of its own; and a clause that is only a time (年底前, 上半年,
# 2027年底) frames what follows. (对, 按照, 根据… may open either, 对…实行目标考核 being a clause:
# they are not read as frames.) Right before the target, any frame holds it: cut with the
# target, it would be left behind as a sentence that says nothing. Further back in the sentence a
# frame holds a target only when the target would lose something with it: a scope or a means
# (凡…, 在…中/内/方面, 通过…, 经过…) always; a horizon (到2027年, 截至…, 上半年, 6月底前, 在…期间)
# unless the target names its own time (全年新发展会员500人). Not a purpose (为了…, 随着…), a
# leadership (在…领导下, 在…基础上), or the plan's own year unnamed (全年, 年内, 年底前, 到年底),
# which next year's data holds as well. A frame inside another target's words goes where they
# go, and holds nothing.
_SENTENCE_ENDS = "。；;！!？?\n"
_A_CLAUSE = lazy(r"[^，,：:。；;！!？?\n]+")
_OPENS_A_FRAME = lazy(r"凡|(?:力争|争取|确保|努力|要|须|应|将)?(?:通过|经过|为了|随着|截至|到)"
                      r"|.{0,8}?在.*(?:中|上|下|里|内|外|前|后|时|间|期间|方面|以来)$")
_A_SCOPE_OR_MEANS = lazy(r"凡|(?:力争|争取|确保|努力|要|须|应|将)?(?:通过|经过)|.{0,8}?在.*(?:中|内|(?<!期)间|方面)$")
_A_HORIZON = lazy(r"(?:力争|争取|确保|努力|要|须|应|将)?(?:截至|到)|.{0,8}?在.*(?:前|后|时|期间|以来)$")
_A_YEAR = lazy(r"(?:19|20)\d\d\s*年?度?")
_A_NAMED_YEAR = lazy(r"(?<!\d)(?:19|20)\d\d\s*年")
_THIS_YEAR = lazy(r"(?:今|本|当)年度?")  # the plan's year, said from inside it
_THIS_YEAR_BEFORE = lazy(r"(?:今|本|当)(?:年度?)?")  # …before a period of the year: 今年内, 本年度内 (本 + 年度内)
_THE_YEAR = tuple(range(1, 13))
_SCOPE, _HORIZON = "scope", "horizon"


def framed(text: str, clause: str, quotes: tuple[str, ...] = ()) -> bool:
    """Whether a clause before `clause` in `text`, in the same sentence, frames it (see
    _OPENS_A_FRAME); `clause` follows a comma, a colon, or another target of its clause and a
    、. `quotes`: the targets' words, whose frames are theirs."""
    return clause in framed_quotes(text, (clause, *quotes))


def framed_quotes(text: str, quotes: tuple[str, ...]) -> set[str]:
    """Those of the targets' words `quotes` that a clause before them in `text` frames, the text
    read once however many targets it holds."""
    clauses = _clauses(text, quotes)
    ends = clauses.ends
    found = set()
    for quote in quotes:
        at = text.find(quote)
        mark = at - 1
        while mark >= 0 and text[mark].isspace():
            mark -= 1
        if at <= 0 or mark < 0:
            continue
        if text[mark] == "、":  # 到2027年，建会率达到95%、职代会建制率达到90%: one clause lists both
            index = bisect.bisect_left(ends, at) - 1  # the clause before the list's
            if index < 0 or text[ends[index]:ends[index] + 1] not in ("，", ",", "：", ":"):
                continue
        elif text[mark] in "，,：:":
            index = bisect.bisect_left(ends, mark)
            if index == len(ends) or ends[index] != mark:
                continue
        else:
            continue
        if clauses.framing[index] or clauses.scoped[index] or clauses.timed[index] and not _names_a_time(quote):
            found.add(quote)
    return found


@dataclass
class _Clauses:
    """The clauses of a text: where each ends, whether it frames what follows it, and whether a
    scope or means, or a horizon, stands before what follows it in its sentence."""

    ends: list[int] = field(default_factory=list)
    framing: list[bool] = field(default_factory=list)
    scoped: list[bool] = field(default_factory=list)
    timed: list[bool] = field(default_factory=list)


def _clauses(text: str, quotes: tuple[str, ...]) -> _Clauses:
    """The clauses of `text`, a frame inside the words of one of `quotes` counting for none."""
    spans = sorted((start, start + len(words)) for words in quotes if (start := text.find(words)) >= 0)
    starts = [start for start, _end in spans]
    reach = list(itertools.accumulate((end for _start, end in spans), max))  # the furthest a quote so far ends
    clauses = _Clauses()
    scoped = timed = False
    previous_end = 0
    for found in _A_CLAUSE.finditer(text):
        if any(mark in _SENTENCE_ENDS for mark in text[previous_end:found.start()]):
            scoped = timed = False
        previous_end = found.end()
        words = found.group().strip()
        start = found.start() + len(found.group()) - len(found.group().lstrip())
        kind = None if not words or _inside(start, starts, reach) else _frame_kind(words)
        clauses.ends.append(found.end())
        clauses.framing.append(kind is not None)
        scoped = scoped or kind == _SCOPE
        timed = timed or kind == _HORIZON
        clauses.scoped.append(scoped)
        clauses.timed.append(timed)
    return clauses


def _frame_kind(words: str) -> str | None:
    """What the clause `words` frames with: a scope or means, a horizon, or, as a frame that holds
    only the clause right after it (a purpose, a leadership, the plan's own year), ""; None when
    it is no frame."""
    if _only_a_time(words):
        return "" if _the_plans_year(words) else _HORIZON
    if _A_SCOPE_OR_MEANS.match(words):
        return _SCOPE
    horizon = _A_HORIZON.match(words)
    if horizon and horizon.end() < len(words):  # 到2027年, 截至6月底: a time after the word
        rest = words[horizon.end():].lstrip()
        periods = find_periods(rest)
        if _A_YEAR.match(rest) or periods and periods[0].start == 0:
            return "" if _the_plans_year(rest) else _HORIZON
    elif horizon:  # 在…期间, 在…以后
        return _HORIZON
    return "" if _OPENS_A_FRAME.match(words) else None  # 到基层调研: a clause of its own, held right after only


def _inside(position: int, starts: list[int], reach: list[int]) -> bool:
    """Whether `position` lies inside one of the spans whose sorted starts are `starts` (`reach`:
    the furthest end of the spans up to each)."""
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and reach[index] > position


def _the_plans_year(words: str) -> bool:
    """全年, 年内, 年底前, 年底, 今年: the plan's own year, unnamed, which a target of next year's
    plan is set for too (2027年全年 names a year, which may be a horizon beyond the plan's)."""
    if _THIS_YEAR.fullmatch(words):
        return True
    periods = find_periods(words)
    return bool(periods) and not _A_YEAR.search(words) and all(
        p.year is None and (p.months == _THE_YEAR and not p.deadline or p.deadline and p.months == (12,))
        for p in periods)


def _names_a_time(words: str) -> bool:
    """全年新发展会员500人, 2027年会员达到3000人: a target that says when itself (a 2000 in
    2000人次 is no year)."""
    return bool(find_periods(words)) or _A_NAMED_YEAR.search(words) is not None


def _only_a_time(words: str) -> bool:
    """年底前, 上半年, 2027年, 2027年底, 今年, 今年内: a time and nothing else (a year may come
    first)."""
    periods = find_periods(words)
    whole = len(periods) == 1 and periods[0].end == len(words)
    head = words[: periods[0].start] if whole else words
    return head == "" or _A_YEAR.fullmatch(head) is not None or _THIS_YEAR_BEFORE.fullmatch(head) is not None


def restate_from_data(item: Item) -> list[Target]:
    """Last year's target sentences leave the item's text: next year's value is the data's, and a
    sentence quoting the old one beside the sentence the renderer writes would state each target
    twice (and read back as two). A sentence stays where it is when the title states it (a title
    is not cut), when a clause before it frames it (`framed`), when the text says it twice (cut
    once, the copy would state last year's value beside the data's), or when one of its
    targets' data would not read back as itself, or says less than its words, or is a count of
    occasions named by the words after it (_an_occasion_named_after); those targets keep
    their quote, so the renderer does not add a second sentence, and are returned for the
    checklist (the person changing the value changes the words)."""
    kept: set[int] = set()
    by_quote: dict[str, list[Target]] = {}
    for target in item.targets:
        if target.quote:
            by_quote.setdefault(target.quote, []).append(target)
    written, quotes = item.text or "", tuple(by_quote)  # frames are read as written, before any cut
    in_a_frame = framed_quotes(written, quotes)
    for quote, sharing in by_quote.items():
        text = item.text or ""
        once = text.count(quote) == 1  # twice (a pasted paragraph): one copy would stay
        if (once and all(reads_back(t) and not _an_occasion_named_after(t, quote) for t in sharing)
                and says_all(quote, sharing) and quote not in in_a_frame):
            item.text = cut_clause(text, quote)
            for target in sharing:
                target.quote = None
        elif quote in item.title or (item.text and quote in item.text):
            kept.update(id(t) for t in sharing)
        else:  # not in the words any more: nothing states it but the data
            for target in sharing:
                target.quote = None
    return [t for t in item.targets if id(t) in kept]


def _an_occasion_named_after(target: Target, quote: str) -> bool:
    """每季度召开一次会议，沟通…: a count of occasions is named by the event after it (每季度召开会议),
    and the clauses that follow often say what happens there; written back from data the event
    would move behind its count (每季度召开会议1次) and away from them. Such a sentence stays the
    person's, as it stood before the importer named the event."""
    return target.unit in OCCASIONS and target.what not in quote


def _roll_targets(item: Item, where: str, line: int | None, year: int, progress: Progress | None) -> list[ChecklistEntry]:
    """Next year's targets of one item: last year's sentences restated from the data where they
    can be, each baseline set from the year's actual value (or last year's target, flagged), and
    what the person must check, one entry each."""
    entry = progress.items.get(item.id) if progress is not None and item.id else None
    checklist = []
    for target in restate_from_data(item):
        in_title = target.quote is not None and target.quote in item.title
        checklist.append(ChecklistEntry("target-in-title" if in_title else "target-in-text",
                                        f"{where}.{'title' if in_title else 'text'}", line, target.what,
                                        {"title": item.title, "quote": target.quote}))
    for index, target in enumerate(item.targets):
        recorded = progress_of(entry, item.targets, index)
        target_where = f"{where}.targets[{index}]"
        if recorded is not None and recorded.actual is not None:
            target.baseline = recorded.actual
            checklist.append(ChecklistEntry("target-actual", target_where, line, target.what,
                                            {"last": quantity(target.value, target.unit),
                                             "actual": quantity(recorded.actual, target.unit), "year": year}))
            continue
        target.baseline = target.value
        kind = "target-no-actual" if progress is not None else "target"
        checklist.append(ChecklistEntry(kind, target_where, line, target.what,
                                        {"last": quantity(target.value, target.unit), "year": year}))
    return checklist


def _carry_or_drop(item: Item, entry, where: str, line: int | None) -> list[ChecklistEntry]:
    """What the year's record says of an item for next year: cancelled and one-off finished work
    is listed to drop, unfinished work (a leaf) to carry forward."""
    state = entry.state if entry else "not-started"
    if state == "cancelled" or (state == "done" and entry is not None and entry.once):
        return [ChecklistEntry("drop", where, line, item.title, {"status": STATUSES[state]})]
    if state not in FINISHED and not item.items:
        return [ChecklistEntry("carried", where, line, item.title, {"status": STATUSES[state]})]
    return []


def rollover(plan: Plan, year: int, source: Path | None = None, source_sha256: str | None = None,
             today: dt.date | None = None, progress: Progress | None = None) -> tuple[Plan, list[ChecklistEntry]]:
    """With a `progress` record, next year builds on what was achieved: a target's baseline is its
    actual value (last year's target where none was recorded, flagged), unfinished items are
    carried forward and flagged, and cancelled or one-off finished items are listed to drop."""
    years = year - plan.year
    new = plan.model_copy(deep=True)
    checklist: list[ChecklistEntry] = []
    new.year = year
    new.title = plan.title.replace(f"{plan.year}年", f"{year}年")
    if plan.date:
        new.date = _shift_date(plan.date, years)
        checklist.append(ChecklistEntry("date-moved", "date", plan.source.line if plan.source else None,
                                        f"{plan.date.isoformat()} → {new.date.isoformat()}"))
    for text_name in ("preamble",):
        for mention in stale_year_mentions(getattr(new, text_name), plan.year):
            checklist.append(ChecklistEntry("stale-year", text_name, plan.source.line if plan.source else None, mention))

    def visit(item: Item, where: str) -> None:
        line = item.source.line if item.source else None
        shifted = _shift_period(item.when, years)
        if shifted is not item.when and item.when and shifted:
            checklist.append(ChecklistEntry("date-moved", f"{where}.when", line, f"{item.when.text} → {shifted.text}"))
            item.when = shifted
        for field_name in ("title", "text"):
            for mention in stale_year_mentions(getattr(item, field_name), plan.year):
                checklist.append(ChecklistEntry("stale-year", f"{where}.{field_name}", line, mention))
        checklist.extend(_roll_targets(item, where, line, year, progress))
        if progress is not None and item.id:
            checklist.extend(_carry_or_drop(item, progress.items.get(item.id), where, line))
        for index, child in enumerate(item.items):
            visit(child, f"{where}.items[{index}]")

    for index, section in enumerate(new.sections):
        visit(section, f"sections[{index}]")
    for index, entry in enumerate(new.schedule):
        shifted = _shift_period(entry.when, years)
        if shifted is not entry.when and shifted:
            checklist.append(ChecklistEntry("date-moved", f"schedule[{index}].when", entry.source.line if entry.source else None,
                                            f"{entry.when.text} → {shifted.text}"))
            entry.when = shifted
    new.provenance = Provenance(
        derived_from=str(source) if source else None,
        sha256=source_sha256,
        method="rollover",
        from_year=plan.year,
        date=today or dt.date.today(),
    )
    return new, checklist

