"""The year so far: a plan and its progress record read against a date.

One plain-data result (`year_status`) feeds every view: the terminal table (cli/paint.py),
`--format json`, `--format md` (render/status.py) and the year-end report (render/report.py).
The linter's PF70x rules judge a record by the same `due_month` and `COMPARE`. An item is
overdue when the last month of its `when` has ended and it is neither done nor cancelled; an item
with no `when`, or a recurring one (每月, 每季度), is due at the year's end. A target is reached
when its actual meets the target's comparison (≥ when none is given).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from planforge.model.numbering import marker
from planforge.model.plan import Item, Plan, Target
from planforge.model.record import FINISHED, STATUSES, ItemProgress, Progress, TargetProgress, progress_of

COMPARE = {">=": lambda a, t: a >= t, ">": lambda a, t: a > t, "<=": lambda a, t: a <= t,
            "<": lambda a, t: a < t, "=": lambda a, t: a >= t}


def comparison(target: Target) -> str:
    """How a value achieved is held against the target: by its `op` (≥ when it has none); a zero
    with no `op` or with `=` is written 为零 and is a ceiling: none is the target, one is a miss."""
    if target.value == 0 and target.op in (None, "="):
        return "<="
    return target.op or ">="


def due_month(item: Item) -> int:
    """The month by whose end the item should be done (12 for the whole year or a recurrence)."""
    period = item.when
    if period is None or period.recurrence or not period.months:
        return 12
    return period.last_month or 12


def months_passed(year: int, today: dt.date) -> int:
    """How many of the plan year's months have ended by `today` (0 to 12)."""
    if today.year < year:
        return 0
    if today.year > year:
        return 12
    return today.month - 1


def state_on(entry: ItemProgress | None, today: dt.date) -> str:
    """The item's status as it stood on `today`: an item finished (or started) after that day was
    not yet finished (or started) then; one finished later and never marked started had not
    started as far as the record knows. A status without a date is taken as it is written."""
    if entry is None:
        return "not-started"
    state = entry.state
    if state == "done" and entry.finished is not None and entry.finished > today:
        state = "in-progress" if entry.started is not None and entry.started <= today else "not-started"
    if state == "in-progress" and entry.started is not None and entry.started > today:
        state = "not-started"
    return state


def actual_on(progress: TargetProgress | None, today: dt.date) -> float | int | None:
    """The value recorded for a target, unless it was counted after `today`."""
    if progress is None or progress.actual is None or (progress.date is not None and progress.date > today):
        return None
    return progress.actual


def completion_rate(target: Target, actual: float | int | None) -> int | None:
    """完成目标的N%, only where it tells something: a count or a quantity above one against a
    floor. A ceiling met is met (控制在5起以内), one meeting held is held, and a rate's rate
    (96% of 95%) says less than the two figures."""
    if actual is None or comparison(target) not in (">=", ">", "=") or target.value <= 1 or target.unit in ("%", "‰"):
        return None
    return round(100 * actual / target.value)


def _target_rows(item: Item, entry: ItemProgress | None, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for index, target in enumerate(item.targets):
        progress = progress_of(entry, item.targets, index)
        actual = actual_on(progress, today)
        rows.append({"item": item.id, "index": index, "what": target.what, "target": target.value, "unit": target.unit,
                     "op": comparison(target), "actual": actual,
                     "date": progress.date.isoformat() if actual is not None and progress and progress.date else None,
                     "reached": None if actual is None else COMPARE[comparison(target)](actual, target.value),
                     "rate": completion_rate(target, actual)})
    return rows


def is_tracked(item: Item) -> bool:
    """Whether the year judges `item` itself. An item over items, at any level, is judged by
    them unless it has targets of its own: the year-end report writes it as a heading over what
    was done, and the summary reader looks for no status of its own, so a status recorded for
    it would count nowhere. The record does not list it either."""
    return not item.items or bool(item.targets)


def first_tracked(item: Item) -> str:
    """The id of the first item under `item` the year judges itself (`is_tracked`), to name where
    a status belongs; "…" when none has an id."""
    return next((i.id for _lv, i in item.walk() if i is not item and i.id and is_tracked(i)), "…")


def _counted_items(plan: Plan, half: bool) -> list[tuple[int, Item]]:
    """(section number, item) for every item the year is judged by; with `half`, only what is
    due by June."""
    return [(number, item) for number, section in enumerate(plan.sections, start=1)
            for level, item in section.walk(1)
            if is_tracked(item) and not (half and due_month(item) > 6)]


def counted_later(plan: Plan, record: Progress, today: dt.date, half: bool = False) -> dict[str, dt.date]:
    """The items the year is judged by whose reading as of `today` leaves out what the record
    holds (a finish or a start, a value, dated later), each with the day from which all of it
    counts. `status` and `report` name them when the day is only the default, today's: a record
    kept ahead of the day, or a year judged before its last entries. A date that changes nothing
    (a finish kept on an item set back to in progress, a count with no value) is not named."""
    later: dict[str, dt.date] = {}
    for _number, item in _counted_items(plan, half):
        entry = record.items.get(item.id) if item.id else None
        if entry is None or item.id is None:
            continue
        values = [progress_of(entry, item.targets, index) for index in range(len(item.targets))]
        days = [progress.date for progress in values
                if progress is not None and progress.date is not None and actual_on(progress, today) != actual_on(progress, dt.date.max)]
        if state_on(entry, today) != state_on(entry, dt.date.max):
            days += [day for day in (entry.started, entry.finished) if day is not None and day > today]
        if days:
            later[item.id] = max(days)
    return later


# radon D only by counting: each total is a comprehension with a condition, which radon scores as
# a branch; the decisions are in the helpers above.
def year_status(plan: Plan, record: Progress, today: dt.date, half: bool = False) -> dict[str, Any]:
    """The year as it stood on `today`: statuses and values dated after it are not counted; with
    `half`, only the items due by June are."""
    ended = months_passed(plan.year, today)
    items: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    for number, item in _counted_items(plan, half):
        entry = record.items.get(item.id) if item.id else None
        state, due = state_on(entry, today), due_month(item)
        items.append({"id": item.id, "title": item.title, "section": number, "status": state,
                      "status_zh": STATUSES[state], "when": item.when.text if item.when else None,
                      "due_month": due, "overdue": state not in FINISHED and due <= ended,
                      "note": entry.note if entry else None})
        targets += _target_rows(item, entry, today)
    by_section, by_month = Counter(i["section"] for i in items), Counter(i["due_month"] for i in items)
    done_by_section = Counter(i["section"] for i in items if i["status"] == "done")
    done_by_month = Counter(i["due_month"] for i in items if i["status"] == "done")
    sections = [{"number": marker(1, number), "title": section.title, "items": by_section[number],
                 "done": done_by_section[number],
                 "share": round(100 * done_by_section[number] / by_section[number]) if by_section[number] else 0}
                for number, section in enumerate(plan.sections, start=1)]
    timeline = [{"month": m, "due": by_month[m], "done": done_by_month[m], "ended": m <= ended} for m in range(1, 13)]
    return {
        "plan": plan.title, "year": plan.year, "date": today.isoformat(), "months_ended": ended,
        "today_month": today.month if today.year == plan.year else None,
        "sections": sections, "items": items, "targets": targets, "timeline": timeline,
        "overdue": [i["id"] or i["title"] for i in items if i["overdue"]],
        "totals": {"items": len(items), "done": sum(i["status"] == "done" for i in items),
                   "overdue": sum(i["overdue"] for i in items),
                   "targets": len(targets), "reached": sum(t["reached"] is True for t in targets),
                   "not_reached": sum(t["reached"] is False for t in targets)},
    }
