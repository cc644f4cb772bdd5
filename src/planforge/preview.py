"""What `planforge show` draws, as plain data: the numbered outline with badges for items that
lack a target or a time, the targets, and a twelve-month timeline. The CLI only paints it."""

from __future__ import annotations

from dataclasses import dataclass

from planforge.model import Plan
from planforge.periods import find_periods
from planforge.render.view import build_view
from planforge.targets import has_quantity


@dataclass(frozen=True)
class OutlineRow:
    level: int
    label: str  # marker + title
    no_target: bool
    no_time: bool


@dataclass(frozen=True)
class TimelineRow:
    label: str
    months: tuple[int, ...]


@dataclass(frozen=True)
class Preview:
    title: str
    outline: list[OutlineRow]
    targets: list[dict]
    timeline: list[TimelineRow]


def build_preview(plan: Plan) -> Preview:
    view = build_view(plan)
    linked = {task.item for entry in plan.schedule for task in entry.tasks if task.item}
    outline = []
    # view["items"] and plan.walk() are both depth-first pre-order
    for node, (_level, item) in zip(view["items"], plan.walk()):
        leaf = not item.items
        text = f"{item.title}。{item.text or ''}"
        no_target = leaf and not item.targets and not has_quantity(text)
        no_time = leaf and not item.when and item.id not in linked and not any(p.kind != "vague" for p in find_periods(text))
        outline.append(OutlineRow(node["level"], f"{node['marker']}{node['title']}", no_target, no_time))
    timeline = [TimelineRow(row["label"], tuple(row["months"])) for row in view["month_grid"]]
    return Preview(view["title"] + view["draft"], outline, view["targets_table"], timeline)
