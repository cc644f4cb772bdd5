"""A draft 工作总结 from a plan and its progress record, in the plan's own 公文 layout.

The summary is built as a `Plan` (title, preamble, one section per plan section, an item per
plan item saying what became of it) and rendered by the plan's renderers, so it is numbered and
laid out like the plan; the completion table 目标任务完成情况一览表 is its attachment. What only a
person can write (the year's overview, problems, experience) is left as a marked 【待补充：…】 slot,
which `lint` reports until it is filled. It leaves here as a `Renderable`, so `report --to X`
writes through the very format table `render --to X` does (formats.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planforge.model import wording
from planforge.model.plan import Item, Plan
from planforge.model.record import STATUSES, Progress, target_progress
from planforge.model.status import due_month, year_status
from planforge.model.wording import figure
from planforge.render.formats import Renderable
from planforge.render.view import build_view, number_parts, view_table

_WRITER_SLOT = "【待补充：{}】"


def _results(item: Item, entry) -> list[str]:
    """`参加技能竞赛的职工1,650人，完成目标的110%` for each target with an actual value."""
    said = []
    for target in item.targets:
        progress = target_progress(entry, target.what)
        if progress is None or progress.actual is None:
            continue
        sentence = f"{target.what}{figure(progress.actual, target.unit)}"
        if target.value:
            sentence += f"，完成目标的{round(100 * progress.actual / target.value)}%"
        said.append(sentence)
    return said


def _item_text(item: Item, entry, state: str, half: bool) -> str:
    results = "；".join(_results(item, entry))
    note = (entry.note or "").strip() if entry else ""
    if state == "done":
        parts = ["已完成", results, note]
    elif state == "in-progress":
        parts = ["正在推进", results, note]
    elif half and due_month(item) > 6 and state == "not-started":
        parts = ["按计划在下半年开展", note]
    else:
        reason = note or _WRITER_SLOT.format("未完成的原因")
        parts = [f"未完成（{STATUSES[state]}）", results, reason]
    return wording.closed("，".join(p.rstrip("。；，") for p in parts if p))


def _summary_item(item: Item, record: Progress, half: bool) -> Item:
    entry = record.items.get(item.id) if item.id else None
    state = entry.state if entry else "not-started"
    children = [_summary_item(child, record, half) for child in item.items]
    if children and not item.targets:  # a heading over its items: they say what was done
        text = (entry.note or None) if entry else None
    else:
        text = _item_text(item, entry, state, half)
    return Item(title=item.title, text=text, items=children)


def summary_title(plan: Plan, half: bool) -> str:
    period = f"{plan.year}年上半年" if half else f"{plan.year}年"
    if "工作计划" in plan.title and f"{plan.year}年" in plan.title:
        return plan.title.replace(f"{plan.year}年", period, 1).replace("工作计划", "工作总结")
    return f"{plan.organization or ''}{period}工作总结"


def summary_plan(plan: Plan, record: Progress, today: dt.date, half: bool = False) -> tuple[Plan, dict[str, Any]]:
    """The summary as a plan, and the status it was written from."""
    status = year_status(plan, record, today)
    totals = status["totals"]
    period = "上半年" if half else "全年"
    preamble = (f"{plan.year}年{'上半年' if half else ''}，{plan.organization or '我们'}按照年初制定的《{plan.title}》，"
                f"{_WRITER_SLOT.format('总体情况概述')}。{period}计划事项{totals['items']}项，已完成{totals['done']}项"
                + (f"；量化指标{totals['targets']}项，已达到{totals['reached']}项" if totals["targets"] else "")
                + "。现将有关情况总结如下：")
    sections = [_summary_item(section, record, half) for section in plan.sections]
    sections.append(Item(title="存在的问题和不足", text=_WRITER_SLOT.format("存在的问题和不足")))
    sections.append(Item(title="下一步工作打算" if half else "经验体会和明年工作思路",
                         text=_WRITER_SLOT.format("经验体会和下一步打算")))
    summary = Plan(title=summary_title(plan, half), organization=plan.organization, year=plan.year, date=today,
                   preamble=preamble, sections=sections, signature=plan.signer, style=plan.style)
    return summary, status


def completion_table(status: dict[str, Any]) -> dict:
    rows = []
    for index, t in enumerate(status["targets"], start=1):
        state = "—" if t["reached"] is None else "已达到" if t["reached"] else "未达到"
        rows.append([str(index), t["what"], figure(t["target"], t["unit"]), figure(t["actual"], t["unit"]),
                     f"{t['rate']}%" if t["rate"] is not None else "", state])
    return view_table("targets", "", ["序号", "指标", "目标值", "完成值", "完成率", "状态"], rows, 1, optional=(4,))


def report_renderable(plan: Plan, record: Progress, today: dt.date, half: bool = False) -> Renderable:
    """The summary's view, as the plan templates and the DOCX writer take it, plus `status` for a
    report template of one's own; its Markdown goes through report.md.j2."""
    summary, status = summary_plan(plan, record, today, half)
    view = build_view(summary)
    parts = []
    if status["targets"]:
        parts.append({"title": f"{plan.year}年{'上半年' if half else ''}目标任务完成情况一览表",
                      "tables": [completion_table(status)]})
    view["attachment_parts"] = number_parts(parts)
    view["attachments"] = [part["title"] for part in parts]
    view["status"] = status
    return Renderable(summary, view, "report.md.j2")
