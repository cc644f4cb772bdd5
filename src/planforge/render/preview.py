"""What `planforge show` draws, as plain data: the numbered outline with badges for items that
lack a target or a time (the same judgement as PF101 and PF201, from planforge.gaps), the
targets, and a twelve-month timeline. The CLI only paints it."""

from __future__ import annotations

from dataclasses import dataclass

from planforge.model.gaps import lacks_target, lacks_time, scheduled_ids
from planforge.model.plan import Plan
from planforge.render.view import MonthRow, TargetRow, build_view


@dataclass(frozen=True)
class OutlineRow:
    level: int
    label: str  # marker + title
    no_target: bool
    no_time: bool


@dataclass(frozen=True, eq=False)
class Preview:
    """What `show` draws: the title, the outline with its badges, the targets and the timeline
    (its rows are the view's, compared by identity, so a preview is too)."""

    title: str
    outline: list[OutlineRow]
    targets: list[TargetRow]
    timeline: list[MonthRow]


def build_preview(plan: Plan) -> Preview:
    view = build_view(plan)
    scheduled = scheduled_ids(plan)
    outline = []
    # view.items and the walk are both depth-first pre-order; the walk adds each item's ancestors
    for node, (level, item, ancestors) in zip(view.items, plan.walk_with_ancestors(), strict=True):
        outline.append(OutlineRow(node.level, f"{node.marker}{node.title}",
                                  lacks_target(level, item, ancestors), lacks_time(level, item, ancestors, scheduled)))
    if not plan.sections:  # a plan of months alone: its months and their tasks are its outline
        for entry in view.schedule:
            outline.append(OutlineRow(1, entry.when, False, False))
            outline.extend(OutlineRow(2, f"{number}.{task.text}", False, False) for number, task in enumerate(entry.tasks, start=1))
    return Preview(view.title + view.draft, outline, view.targets_table, view.timeline)
