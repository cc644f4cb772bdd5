"""The plan as the reader will see it, computed once for every output format.

Numbering, target sentences, dates and tables are decided here; the Markdown template and the
DOCX writer only lay them out. The view is a tree of dataclasses, each carrying the model node
it shows (`ItemView.item`, `DocumentView.plan`) for the writers in Python; a template sees the
same objects but not those nodes (the sandbox refuses a model object, templating.py), so a
user's template reads only the strings, numbers and lists decided here.

The classes are dataclasses without equality (`eq=False`): every render creates them at
start-up, and each method a dataclass generates is compiled then (frozen and with equality, the
eight took 8 ms of a 0.2 s render; now 4 ms). A view is only read once made (this module's own
changes make copies with `replace`), and two views are the same only if they are one object, as
a template's `==` and `in` find them. The repr stays, without the model nodes: a user's template
may print a view, and what it prints must not change from run to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from planforge.model import wording
from planforge.model.numbering import SCHEMES, marker
from planforge.model.plan import Item, Plan, ScheduleEntry, ScheduleTask, Target
from planforge.model.text import names_the_schedule
from planforge.patterns import lazy

MONTHS = list(range(1, 13))
# 3-4月 as typed; 公文 writes a range of months with a dash as long as a character: 3—4月.
_MONTH_RANGE = lazy(r"(?<![\d.])(\d{1,2})\s*[-－~～–]\s*(\d{1,2})(?=\s*月)")


def month_dashes(text: str) -> str:
    return _MONTH_RANGE.sub(r"\1—\2", text)


@dataclass(eq=False)
class ItemView:
    """One numbered item (a section at level 1) as it reads: its number, its closed sentences,
    who does it and when."""

    item: Item = field(repr=False)
    id: str
    level: int
    marker: str
    path_marker: str  # the parents' numbers run together (二（一）): a grid row says which （一）
    title: str
    heading: str
    # The run-in heading split before its closing mark: CommonMark does not close `**` after
    # 。 when a Chinese character follows, so the mark stands outside the bold (`**标题**。正文`).
    heading_text: str
    heading_end: str
    text: str
    targets: str  # the targets as one sentence
    owner: str
    effective_owner: str  # its own owner, or the nearest ancestor's
    when: str
    months: list[int]
    recurrence: str | None
    meta: str
    run_in: bool
    children: list[ItemView]


@dataclass(eq=False)
class TargetRow:
    """A row of the targets table 主要目标任务一览表."""

    target: Target = field(repr=False)
    index: int
    what: str
    value: str
    baseline: str
    owner: str


@dataclass(eq=False)
class TaskView:
    """One task of a schedule period as it reads: its text, owner and deadline, and the linked item's
    id and number."""

    task: ScheduleTask = field(repr=False)
    text: str
    owner: str
    item: str  # the linked item's id
    item_marker: str
    deadline: str


@dataclass(eq=False)
class ScheduleView:
    """One period of the monthly schedule 月度工作安排 and its tasks."""

    entry: ScheduleEntry = field(repr=False)
    when: str
    months: list[int]
    deadline: bool
    tasks: list[TaskView]


@dataclass(eq=False)
class MonthRow:
    """A row of the month grid or the timeline: a label and the months it runs in."""

    label: str
    months: list[int]


@dataclass(eq=False)
class Table:
    """A table as every format draws it: header, rows of text, which column holds the running
    text (left-aligned, widest); a grid's shaded cells; a schedule's month merged down."""

    kind: Literal["schedule", "grid", "targets"]
    caption: str
    header: list[str]
    rows: list[list[str]]
    text_column: int
    merge_first: bool = False  # the same month on consecutive rows is one cell
    shaded: list[list[bool]] = field(default_factory=list)  # per row and column, for a grid


@dataclass(eq=False)
class Attachment:
    """附件N: its number, its line of the attachment note, its title and tables."""

    number: int
    note_number: str
    note: str
    title: str
    tables: list[Table]


@dataclass(eq=False)
class DocumentView:
    """The whole document as it reads: title, preamble, numbered sections, schedule, tables and
    attachments, each decided once for every format."""

    plan: Plan = field(repr=False)
    title: str
    draft: str
    organization: str
    year: int
    preamble: list[str]
    numbering: str
    sections: list[ItemView]
    items: list[ItemView]  # every item, depth-first pre-order (the order of `Plan.walk`)
    schedule: list[ScheduleView]
    month_grid: list[MonthRow]
    timeline: list[MonthRow]  # every dated item, for `show`: its outline is on screen, so the item's own number will do
    targets_table: list[TargetRow]
    attachments: list[str]
    attachment_parts: list[Attachment]
    signature: str
    date: str
    months: list[int] = field(default_factory=lambda: list(MONTHS))
    status: dict[str, Any] | None = None  # a year-end report's status (model/status.py), for a template of one's own


def _spaced(items: list[Item]) -> bool:
    """Whether a list's numbers stand apart from their titles: 1.4月左右 would read as 1.4 months,
    so a title opening with a figure takes a space after its number (as in 附件：1. 2027年…),
    and so do its siblings, for one list set one way."""
    return any(item.title[:1].isdigit() for item in items)


def _node(item: Item, level: int, position: int, scheme: str, inherited_owner: str, path: str = "",
          spaced: bool = False) -> ItemView:
    owner = wording.owners(item.owner)
    number = _spaced_number(marker(level, position, scheme), spaced)
    when = month_dashes(item.when.text) if item.when else ""
    heading_text, heading_end = wording.split_closing(wording.closed(item.title))
    spaced_children = _spaced(item.items)
    return ItemView(
        item=item,
        id=item.id or "",
        level=level,
        marker=number,
        path_marker=path + number if path else number,
        title=item.title,
        heading=wording.closed(item.title) if level >= 3 else item.title,
        heading_text=heading_text,
        heading_end=heading_end,
        text=wording.closed(item.text) if item.text else "",
        targets=_targets_unsaid(item),
        owner=owner,
        effective_owner=owner or inherited_owner,
        when=when,
        months=list(item.when.months) if item.when else [],
        recurrence=item.when.recurrence if item.when else None,
        meta=_meta(owner, when),
        run_in=level >= 3,
        children=[
            _node(child, level + 1, i, scheme, owner or inherited_owner, path + number.rstrip("、.． "), spaced_children)
            for i, child in enumerate(item.items, start=1)
        ],
    )


def _spaced_number(number: str, spaced: bool) -> str:
    """1. before a title opening with a figure, in a list set apart (`_spaced`); 1、 needs no space."""
    return number + " " if spaced and number.endswith(".") else number


def _targets_unsaid(item: Item) -> str:
    """The item's targets as a sentence, but for an imported one whose sentence the title or
    text already holds: it is not said twice."""
    said = f"{item.title}。{item.text or ''}"
    return wording.targets_sentence([t for t in item.targets if not (t.quote and t.quote in said)])


def _meta(owner: str, when: str) -> str:
    """（责任部门：X；完成时限：Y）, what of it is known; "" when neither is."""
    meta = "；".join(part for part in (f"责任部门：{owner}" if owner else "", f"完成时限：{when}" if when else "") if part)
    return f"（{meta}）" if meta else ""


def _flatten(nodes: list[ItemView]) -> list[ItemView]:
    out: list[ItemView] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def _target_rows(flat: list[ItemView]) -> list[TargetRow]:
    rows: list[TargetRow] = []
    for node in flat:
        for target in node.item.targets:
            rows.append(TargetRow(
                target=target,
                index=len(rows) + 1,
                what=target.what,
                value=wording.target_value(target),
                baseline=wording.quantity(target.baseline, target.unit) if target.baseline is not None else "",
                owner=node.effective_owner,
            ))
    return rows


def _schedule(plan: Plan, flat: list[ItemView]) -> list[ScheduleView]:
    by_id = {node.id: node for node in flat if node.id}
    schedule = []
    for entry in plan.schedule:
        tasks = []
        for task in entry.tasks:
            linked = by_id.get(task.item) if task.item else None
            tasks.append(TaskView(
                task=task,
                text=wording.closed(task.text, ""),
                owner=wording.owners(task.owner) or (linked.effective_owner if linked else ""),
                item=task.item or "",
                item_marker=linked.marker if linked else "",
                deadline=linked.when if linked else "",
            ))
        schedule.append(ScheduleView(entry, month_dashes(entry.when.text), list(entry.when.months), entry.when.deadline, tasks))
    return schedule


def build_view(plan: Plan) -> DocumentView:
    scheme = plan.style.numbering or "gbt9704"
    spaced = _spaced(plan.sections)
    sections = [_node(s, 1, i, scheme, "", spaced=spaced) for i, s in enumerate(plan.sections, start=1)]
    flat = _flatten(sections)
    targets = _target_rows(flat)
    schedule = _schedule(plan, flat)
    month_grid = _month_grid(flat, schedule)
    if not plan.sections and _months_read_as_headings(schedule):  # the months are the plan: its body
        parts = attachment_parts(plan.year, [], month_grid, targets)
        spaced = any(task.task.text[:1].isdigit() for entry in schedule for task in entry.tasks)
        sections = [_month_part(entry, scheme, spaced) for entry in schedule]
    else:
        parts = attachment_parts(plan.year, schedule, month_grid, targets)
        if schedule:
            sections = [_refer_to_schedule(section, parts) for section in sections]
            flat = _flatten(sections)
    return DocumentView(
        plan=plan,
        title=plan.title,
        draft=f"（{plan.draft}）" if plan.draft else "",
        organization=plan.organization or "",
        year=plan.year,
        preamble=[p.strip() for p in (plan.preamble or "").splitlines() if p.strip()],
        numbering=scheme,
        sections=sections,
        items=flat,
        schedule=schedule,
        month_grid=month_grid,
        timeline=[MonthRow(n.marker + n.title, _grid_months(n)) for n in flat if n.months],
        targets_table=targets,
        attachments=[part.title for part in parts],
        attachment_parts=parts,
        signature=plan.signer or "",
        date=wording.chinese_date(plan.date) if plan.date else "",
    )


# Inside a task, what the schedule's reader cuts a month's line at (its sentences, its run-in
# numbers 1. 1、（1）, 一是…二是…), and in an owner what would end its bracket: a task holding one
# is set in a table cell, where it stays whole.
_CUT_IN_A_TASK = lazy(r"[。；;]|\d{1,2}[、.．](?!\d)|^\s*[（(]?\d{1,2}[）)]|[一二三四五六七八九十]是")
_CUT_IN_AN_OWNER = lazy(r"[。；;（）()]")


def _months_read_as_headings(schedule: list[ScheduleView]) -> bool:
    """Whether a schedule set as headings and numbered lines (`_month_part`) reads back as the
    same schedule: every entry a month, a range of months or a quarter (全年, 五一, 每月 head no
    month's list), every task one sentence with no number inside (第1、第2批), every owner
    without brackets or a stop of its own (办公室（工会）)."""
    return bool(schedule) and all(
        entry.entry.when.kind in ("month", "range", "quarter") and entry.months
        and not any(_CUT_IN_A_TASK.search(task.task.text.rstrip("。；;")) or _CUT_IN_AN_OWNER.search(task.owner)
                    for task in entry.tasks)
        for entry in schedule)


def _month_part(entry: ScheduleView, scheme: str, spaced: bool) -> ItemView:
    """A plan organised by month alone (一月份：1.… 2.…) is set as it was written: each month a
    heading of its own, its tasks numbered under it, with who does them. As an attachment under
    an empty body, the whole plan would read as a page left out. The parts are the view's alone
    (`items`, which follows the plan's own items for the editor and `show`, has none of them).
    The months carry no number; their tasks take the style's figures (1. in GB/T 9704's, 1、 in
    the house style), set apart from their words in every month when one task opens with a
    figure (1. 3.8妇女节…, as `_spaced` says), so that the months read alike."""
    level = next(level for level, kind in enumerate(SCHEMES[scheme], start=1) if kind in ("arabic_dot", "arabic_dun"))
    tasks = []
    for position, task in enumerate(entry.tasks, start=1):
        heading = wording.closed(task.task.text)
        heading_text, heading_end = wording.split_closing(heading)
        tasks.append(ItemView(
            item=Item(title=task.task.text), id="", level=3, marker=_spaced_number(marker(level, position, scheme), spaced),
            path_marker="", title=task.task.text,
            heading=heading, heading_text=heading_text, heading_end=heading_end, text="", targets="",
            owner=task.owner, effective_owner=task.owner, when=entry.when, months=entry.months, recurrence=None,
            meta=_meta(task.owner, ""), run_in=True, children=[]))
    return ItemView(
        item=Item(title=entry.when), id="", level=1, marker="", path_marker="", title=entry.when, heading=entry.when,
        heading_text=entry.when, heading_end="", text="", targets="", owner="", effective_owner="", when=entry.when,
        months=entry.months, recurrence=None, meta="", run_in=False, children=tasks)


def _refer_to_schedule(section: ItemView, parts: list[Attachment]) -> ItemView:
    """A part headed 月度工作安排 with nothing under it stands for the schedule, which a plan
    gives as its first attachment (an import reads the month lines under such a heading into the
    schedule): it says so, 具体安排见附件1, instead of standing empty. A part with words of its
    own keeps them."""
    if section.children or section.text or section.targets or not names_the_schedule(section.title):
        return section
    number = next(part.number for part in parts if part.tables[0].kind == "schedule")
    attachment = f"附件{number}" if len(parts) > 1 else "附件"  # one attachment is not numbered
    return replace(section, text=f"具体安排见{attachment}。")


def with_attachments(view: DocumentView, parts: list[tuple[str, list[Table]]], **more: Any) -> DocumentView:
    """The view with other attachments than the plan's own (a report's completion table), and
    any other field replaced (`status`)."""
    numbered = number_parts(parts)
    return replace(view, attachment_parts=numbered, attachments=[part.title for part in numbered], **more)


MAX_GRID_ROWS = 200  # beyond this a reader cannot take the year in at a glance
# A grid shows when work happens, not how often: 每季度 is one month a quarter (its last, when
# quarterly reports fall due), 每半年 the last month of each half, 每学期 the first month of each
# term. Monthly and weekly work runs in every month.
_ONCE_PER = {"quarterly": (3, 6, 9, 12), "half-yearly": (6, 12), "termly": (3, 9)}


def _grid_months(node: ItemView) -> list[int]:
    return list(_ONCE_PER.get(node.recurrence or "", node.months))


def _month_grid(flat: list[ItemView], schedule: list[ScheduleView]) -> list[MonthRow]:
    """One row per dated item: which months of the year it runs in, leaving out the items the
    monthly schedule's table already lists in the same months (a grid that only repeats the
    table says nothing). A plan with more rows than a page of grid can show gets one row per
    section instead."""
    listed = {(task.item, tuple(entry.months)) for entry in schedule for task in entry.tasks if task.item}
    rows = [MonthRow(node.path_marker + node.title, _grid_months(node))
            for node in flat if node.months and (node.id, tuple(node.months)) not in listed]
    return rows if len(rows) <= MAX_GRID_ROWS else _by_section(flat)


def _by_section(flat: list[ItemView]) -> list[MonthRow]:
    sections: list[tuple[str, set[int]]] = []
    for node in flat:
        if node.level == 1:
            sections.append((f"{node.marker}{node.title}", set()))
        if sections and node.months:
            sections[-1][1].update(_grid_months(node))
    return [MonthRow(label, sorted(months)) for label, months in sections if months]


def attachment_parts(year: int, schedule: list[ScheduleView], grid: list[MonthRow], targets: list[TargetRow]) -> list[Attachment]:
    """The attachments this plan has, numbered, each with its tables: the one list both the
    attachment note and the attachment pages are made from, so they cannot disagree."""
    parts: list[tuple[str, list[Table]]] = []
    if schedule:
        tables = [schedule_table(schedule)]
        if grid:
            tables.append(grid_table(grid, f"{year}年工作进度图"))
        parts.append((f"{year}年月度工作安排", tables))
    elif grid:
        parts.append((f"{year}年工作进度安排", [grid_table(grid, "")]))
    if targets:
        parts.append((f"{year}年主要目标任务一览表", [targets_table(targets)]))
    return number_parts(parts)


def number_parts(parts: list[tuple[str, list[Table]]]) -> list[Attachment]:
    """Number attachments (附件1, 附件2) and write each one's line of the attachment note."""
    numbered = []
    for number, (title, tables) in enumerate(parts, start=1):
        # 附件：1.2027年… would read as the decimal 1.2027: a space keeps number and name apart
        note_number = f"{number}. " if title[:1].isascii() else f"{number}."
        numbered.append(Attachment(number, note_number, note_number + title, title, tables))
    return numbered


def view_table(kind: Literal["schedule", "grid", "targets"], caption: str, header: list[str], rows: list[list[str]],
               text_column: int, optional: tuple[int, ...] = (), **more: Any) -> Table:
    """A table with its optional columns dropped when no row fills them, and `—` in the empty
    cells of the ones kept (a blank cell reads as forgotten)."""
    keep = [c for c in range(len(header)) if c not in optional or any(row[c] for row in rows)]
    return Table(kind, caption, [header[c] for c in keep],
                 [[row[c] or ("—" if c in optional else "") for c in keep] for row in rows],
                 keep.index(text_column), **more)


def schedule_table(schedule: list[ScheduleView]) -> Table:
    rows = [[entry.when, task.text, task.owner, task.deadline] for entry in schedule for task in entry.tasks]
    return view_table("schedule", "", ["月份", "工作内容", "责任部门", "完成时限"], rows, 1, optional=(2, 3), merge_first=True)


def grid_table(grid: list[MonthRow], caption: str) -> Table:
    return view_table("grid", caption, ["事项"] + [f"{m}月" for m in MONTHS], [[row.label] + [""] * 12 for row in grid], 0,
                      shaded=[[False] + [m in row.months for m in MONTHS] for row in grid])


def targets_table(targets: list[TargetRow]) -> Table:
    rows = [[str(r.index), r.what, r.value, r.baseline, r.owner] for r in targets]
    return view_table("targets", "", ["序号", "指标", "目标值", "上年基数", "责任部门"], rows, 1, optional=(3, 4))
