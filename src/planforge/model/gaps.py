"""What a work item lacks: a number to be measured by, a time to be done by.

One definition for the linter (PF101, PF201) and for `planforge show`'s badges, so the preview
never disagrees with the findings. A section with neither items nor text is PF602's business,
not these; a parent item is judged through its children."""

from __future__ import annotations

from planforge.model.periods import find_periods
from planforge.model.plan import Item, Plan
from planforge.model.targets import has_quantity


def _words(item: Item) -> str:
    return f"{item.title}。{item.text or ''}"


def carries_number(item: Item) -> bool:
    return bool(item.targets) or has_quantity(_words(item))


def scheduled_ids(plan: Plan) -> set[str]:
    """Ids of items a schedule task links to: being on the schedule dates an item."""
    return {task.item for entry in plan.schedule for task in entry.tasks if task.item}


def _empty_section(level: int, item: Item) -> bool:
    return level == 1 and not item.items and not item.text


def lacks_target(level: int, item: Item) -> bool:
    return not item.items and not _empty_section(level, item) and not carries_number(item)


def lacks_time(level: int, item: Item, ancestors: list[Item], scheduled: set[str]) -> bool:
    if item.items or item.when or any(a.when for a in ancestors) or item.id in scheduled:
        return False
    if _empty_section(level, item):
        return False
    return not any(p.kind != "vague" for p in find_periods(_words(item)))
