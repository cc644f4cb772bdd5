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
from typing import Any

from planforge.model.numbering import marker
from planforge.model.plan import Item, Plan
from planforge.model.record import FINISHED, STATUSES, Progress, target_progress

COMPARE = {">=": lambda a, t: a >= t, ">": lambda a, t: a > t, "<=": lambda a, t: a <= t,
            "<": lambda a, t: a < t, "=": lambda a, t: a >= t}


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


def year_status(plan: Plan, record: Progress, today: dt.date) -> dict[str, Any]:
    ended = months_passed(plan.year, today)
    items, targets, sections = [], [], []
    for number, section in enumerate(plan.sections, start=1):
        counted = done = 0
        for level, item in section.walk(1):
            if level == 1 and item.items:
                continue  # a section with items is judged by them
            entry = record.items.get(item.id) if item.id else None
            state = entry.state if entry else "not-started"
            due = due_month(item)
            overdue = state not in FINISHED and due <= ended
            counted += 1
            done += state == "done"
            items.append({"id": item.id, "title": item.title, "section": number, "status": state,
                          "status_zh": STATUSES[state], "when": item.when.text if item.when else None,
                          "due_month": due, "overdue": overdue, "note": entry.note if entry else None})
            for target in item.targets:
                progress = target_progress(entry, target.what)
                actual = progress.actual if progress else None
                reached = None if actual is None else COMPARE[target.op or ">="](actual, target.value)
                rate = round(100 * actual / target.value) if actual is not None and target.value else None
                targets.append({"item": item.id, "what": target.what, "target": target.value, "unit": target.unit,
                                "op": target.op or ">=", "actual": actual,
                                "date": progress.date.isoformat() if progress and progress.date else None,
                                "reached": reached, "rate": rate})
        sections.append({"number": marker(1, number), "title": section.title, "items": counted, "done": done,
                         "share": round(100 * done / counted) if counted else 0})
    timeline = [{"month": m, "due": sum(1 for i in items if i["due_month"] == m),
                 "done": sum(1 for i in items if i["due_month"] == m and i["status"] == "done"),
                 "ended": m <= ended} for m in range(1, 13)]
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
