"""What a rule sees: the plan, where each node and field was written, and the document's own
facts that only a reader knows (typed numbering, placeholders, whether it reads as a summary)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from planforge.errors import Problem
from planforge.model.gaps import is_work_item
from planforge.model.periods import ends_in_date, is_date_line, is_only_a_date
from planforge.model.plan import Item, Node, Plan
from planforge.patterns import lazy
from planforge.readers import MARKDOWN_SUFFIXES


@dataclass(frozen=True)
class Finding(Problem):
    """A lint finding: a located problem (the one diagnostic type, shared with the loader and the
    readers), plus an optional safe, idempotent rewrite of the finding's line for `--fix`. A rule's
    finding is keyed by its code in the message catalogue."""

    fix: Callable[[str], str] | None = None

    @classmethod
    def of(cls, problem: Problem, **changes) -> Finding:
        """A loader's or reader's problem as a finding (its own key and words kept)."""
        fields = {name: getattr(problem, name) for name in problem.__dataclass_fields__}
        return cls(**{**fields, **changes})


@dataclass(eq=False, repr=False)
class LintContext:
    """One plan as the rules see it: the plan, where its nodes were written, the document's own
    lines, and what the readers noticed; the walks the rules share are made once and kept."""

    plan: Plan
    file: str
    is_document: bool
    summary: bool = False
    anomalies: list = field(default_factory=list)
    repairs: list = field(default_factory=list)  # what the reader had to mend to see the structure
    untitled: bool = False  # a document with no title of its own (the plan's title was made up)
    loaded: Any = None  # spec.load.LoadedPlan for specs: precise field positions
    lines: list[str] = field(default_factory=list)  # a document's own lines (a DOCX's paragraphs)
    # Text hygiene (PF4xx) on a document runs once per file over every line, not per plan over
    # the fields inference made: the first plan's context carries it, the others skip it.
    hygiene: bool = True
    # Whether a suppression comment covers (code, line); the engine sets it from the file's comments.
    suppressed: Callable[[str, int | None], bool] = field(default=lambda code, line: False, repr=False)
    # A document's lines that PF604 names as page residue (a site's list, its disclaimer): every
    # other rule leaves them alone, one finding says where the page came from.
    residue: frozenset[int] = frozenset()
    # The plan is the last of a file that stops mid-sentence (a page's opening, copied up to a
    # limit): what a plan carries at its end (signature, date) cannot be missed there.
    cut: bool = False
    # A cover notice above the plan (印发…的通知, signed and dated) issues it: its signature and date
    # are the document's.
    covered: bool = False
    progress: Any = None  # progress.record.LoadedProgress: the record beside a spec, when there is one
    today: dt.date = field(default_factory=dt.date.today)  # what "overdue" is judged against
    _items: list | None = field(default=None, init=False, repr=False)
    _work: list | None = field(default=None, init=False, repr=False)
    _aside: tuple[set[int], set[int]] | None = field(default=None, init=False, repr=False)
    _prose: list[tuple[str, Callable[[int], tuple[int | None, int | None]]]] | None = field(
        default=None, init=False, repr=False)
    _joined: str = field(default="", init=False, repr=False)  # the prose lines joined by newlines
    _starts: list[int] = field(default_factory=list, init=False, repr=False)  # where each begins in it

    def at(self, node: Node, field_name: str | None = None) -> tuple[int | None, int | None]:
        if self.loaded is not None:
            return self.loaded.position(node, field_name)
        source = node.source
        if source is None:
            return None, None
        return (source.line if source.line is not None else source.paragraph), source.col

    def items(self) -> list[tuple[int, Item, list[Item]]]:
        """Every item with its level and its ancestors (outermost first), depth first. Walked once
        and kept: a dozen rules ask, and rules never change the plan."""
        if self._items is None:
            self._items = list(self.plan.walk_with_ancestors())
        return self._items

    def work_items(self) -> list[tuple[int, Item, list[Item]]]:
        """The items that are work to be done (gaps.is_work_item), as items() gives them. Kept:
        the target, time and owner rules each judge every work item, and asking is_work_item of
        an item and its ancestors again in each rule was most of a small rule's time."""
        if self._work is None:
            self._work = [entry for entry in self.items() if is_work_item(*entry)]
        return self._work

    def aside(self, item: Item) -> bool:
        """Whether a document's item is no work the plan sets itself: it lies in a part that looks
        back (回顾, 存在问题), gives reasons (目的, 指导思想) or looks past the plan (下一步打算);
        it is a section whose lines all went to the schedule (a timetable: its rows date its
        work); it lies on a line of page residue; or it is
        the item a document that stops mid-sentence stops in. Target, time and numbering rules
        leave such items alone; a spec's items are all work."""
        return id(item) in self._aside_parts()[0]

    def aside_lines(self) -> set[int]:
        """The lines of the items `aside` leaves out, for rules that judge lines (numbering)."""
        return self._aside_parts()[1]

    def _aside_parts(self) -> tuple[set[int], set[int]]:
        if self._aside is None:
            ids: set[int] = set()
            lines: set[int] = set(self.residue)
            if self.is_document:
                timetables = self.sections_with_schedule()
                for level, item, ancestors in self.items():
                    line = self.at(item, "title")[0]
                    if (line in self.residue or any(id(a) in ids for a in ancestors) or not_work_part(item.title)
                            or (level == 1 and not item.items and id(item) in timetables)):
                        ids.add(id(item))
                        if line is not None:
                            lines.add(line)
                if self.items() and self.cut:
                    ids.add(id(self.items()[-1][1]))  # the text stops in it, mid-sentence
            self._aside = (ids, lines)
        return self._aside

    def sections_with_schedule(self) -> set[int]:
        """Ids of a document's sections whose lines were read as timetable entries (a task table's
        `3月：…` cells, a monthly plan's month headings): their work went to the schedule."""
        starts = sorted((line, id(section)) for section in self.plan.sections
                        if (line := self.at(section)[0]) is not None)
        filled = set()
        for entry in self.plan.schedule:
            line = self.at(entry)[0]
            owner = next((section for start, section in reversed(starts) if line is not None and start < line), None)
            if owner is not None:
                filled.add(owner)
        return filled

    def hygiene_texts(self, need: re.Pattern[str] | None = None
                      ) -> Iterator[tuple[str, Callable[[int], tuple[int | None, int | None]]]]:
        """(text, where) for the text hygiene rules: where(offset) gives the line and column of an
        offset. A document gives its lines as written, so punctuation at a heading's cut, schedule
        tasks and a summary's retrospective part are all checked; a spec gives its fields.

        `need`: a pattern with no lookaround that every match the rule looks for contains (its
        characters, 月 or [xX×*某_＿]): only the texts holding it are given. Most lines of a plan
        hold none, and a document's lines are searched for it at once, joined (`_lines_holding`),
        instead of one Python step per line for each of a dozen rules."""
        if self.is_document and self.lines:
            if not self.hygiene:
                return
            prose = self._prose_texts()
            yield from prose if need is None else (prose[index] for index in self._lines_holding(need))
            return
        for node, field_name, text in self.texts():
            if need is None or need.search(text):
                yield text, _in_field(self, node, field_name, text)

    def _prose_texts(self) -> list[tuple[str, Callable[[int], tuple[int | None, int | None]]]]:
        if self._prose is None:  # found once: a dozen rules walk them
            residue = {r.line for r in self.repairs if r.kind == "noise-line" and r.line}
            self._prose = [(line, _at_line(number)) for number, line in _prose_lines(self.lines, self.file)
                           if number not in residue]  # page chrome is PF604's: one finding, not one per comma in it
            self._joined = "\n".join(line for line, _where in self._prose)
            self._starts = list(accumulate((len(line) + 1 for line, _where in self._prose[:-1]), initial=0))
        return self._prose

    def _lines_holding(self, need: re.Pattern[str]) -> Iterator[int]:
        """Indexes into the prose lines of those `need` matches in, in order, found by searching the
        lines joined by newlines. Exact for a pattern without lookaround: a match within a line
        is found there (or one overlapping it, which touches the same line), and a match that
        runs across a newline is counted for every line it touches."""
        joined, starts = self._joined, self._starts
        position = 0
        while (m := need.search(joined, position)) is not None:
            first = bisect_right(starts, m.start()) - 1
            last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
            yield from range(first, last + 1)
            if last + 1 >= len(starts):
                return
            position = starts[last + 1]  # the rest of that line is the caller's to search

    def texts(self) -> Iterator[tuple[Node, str, str]]:
        """(node, field, text) for every free text a reader would read."""
        plan = self.plan
        for name in ("title", "organization", "preamble", "signature", "draft"):
            if getattr(plan, name):
                yield plan, name, getattr(plan, name)
        for _level, item, _ancestors in self.items():
            yield item, "title", item.title
            if item.text:
                yield item, "text", item.text
            if not self.is_document:  # a document's targets were read out of the text just yielded
                for target in item.targets:
                    yield target, "what", target.what
        for entry in plan.schedule:
            for task in entry.tasks:
                yield task, "text", task.text


def _at_line(number: int) -> Callable[[int], tuple[int | None, int | None]]:
    return lambda offset: (number, offset + 1)


def _in_field(ctx: LintContext, node: Node, field_name: str, text: str) -> Callable[[int], tuple[int | None, int | None]]:
    from planforge.lint.rules_text import locate

    return lambda offset: locate(ctx, node, field_name, offset, text)


_FENCE = ("```", "~~~")


def _prose_lines(lines: list[str], file: str) -> Iterator[tuple[int, str]]:
    """(number, line) of a document's non-blank lines that are its prose. In Markdown, front matter
    (`---` … `---` at the top) and fenced code are syntax and data, never rewritten by a fix."""
    markdown = file.lower().endswith(MARKDOWN_SUFFIXES)
    fence: str | None = None
    front = markdown and bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if front:
            if number > 1 and stripped in ("---", "..."):
                front = False
            continue
        if markdown and (fence or stripped.startswith(_FENCE)):
            run = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))] if stripped else ""
            if fence is None:
                fence = run  # the whole opening run: ```` is closed only by ```` or longer
            elif run.startswith(fence) and run[0] == fence[0] and not stripped[len(run):].strip():
                fence = None
            continue
        if stripped:
            yield number, line


# How a sentence, a list item or a document closes: its punctuation, a closing quote or bracket.
_CLOSED = lazy(r"[。！？!?；;…．.」』”\"’）)\]】》]\s*$")
_CLAUSE = lazy(r"[，,；;。]")  # a line with a clause break in it is a sentence, not a heading
_TIMETABLE_ROW = lazy(r"^\S{0,6}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月[份度]?\S{0,4}?[：:]|\t|\|$")


def ends_mid_sentence(lines: list[str], file: str, residue: frozenset[int] = frozenset()) -> bool:
    """Whether a document stops mid-sentence: its last line of prose (page residue aside) has no
    closing punctuation and is no date, in a text whose sentences otherwise close. A page's opening
    copied up to a limit ends so (`5、设立社`); a finished plan ends with a full stop, a signature or
    a date, and a timetable's or a table's last row needs no stop."""
    prose = [line.strip() for number, line in _prose_lines(lines, file) if number not in residue]
    if not prose:
        return False
    last = prose[-1].lstrip("#>*-• ").strip()
    if _CLOSED.search(last) or ends_in_date(last) or is_date_line(last) or _TIMETABLE_ROW.search(last):
        return False
    sentences = [line for line in prose[:-1] if _CLAUSE.search(line.rstrip("。！？!?；;…．. "))]
    return bool(sentences) and sum(1 for line in sentences if _CLOSED.search(line)) * 2 >= len(sentences)


# Headings of the parts of a document that set no work: a look back (工作回顾, 主要成绩), the
# faults found (存在的问题, 不足), the reasons (目的, 意义, 指导思想), what comes after the plan
# (下一步打算, 今后设想), a timetable by month or quarter (月度活动安排: its rows are the times).
_NOT_WORK = lazy(
    r"(?:回顾|(?:主要|取得的)成绩|存在(?:的)?(?:主要)?问题|问题(?:[和与及])?不足|不足(?:之处)?|目的|意义"
    r"|指导思想|指導思想|下一步\S{0,6}|下步\S{0,6}|今后\S{0,6}|工作打算|工作设想|展望"
    r"|(?:月度|月份|季度|分月|逐月)\S{0,10}(?:安排|日程|计划表|行事历|时间表))$")
_HEADING_NOISE = lazy(r"^[\s#>*]*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]?\s*)?|[\s:：。，,;；\"“”]+")


def heading_words(title: str) -> str:
    """A heading's words: without its typed number, Markdown marks, spaces and punctuation."""
    return _HEADING_NOISE.sub("", title)


def not_work_part(title: str) -> bool:
    """Whether a heading names a part that sets no work (see _NOT_WORK). Only a heading-length
    title is judged: a sentence mentioning 问题 is an item, not a part."""
    words = heading_words(title)
    return len(words) <= 16 and bool(_NOT_WORK.search(words))


def dated_above(lines: list[str], title_line: int | None, residue: frozenset[int] = frozenset()) -> bool:
    """Whether a line above a document's title is a date on its own (page residue aside): the
    date of a cover notice that issues the plan (…印发给你们 / 某某人民政府 / 2023年3月28日)."""
    if not title_line:
        return False
    return any(number not in residue and (is_only_a_date(line.strip()) or is_date_line(line))
               for number, line in enumerate(lines[: title_line - 1], start=1) if line.strip())
