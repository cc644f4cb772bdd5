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
from planforge.model.plan import Item, Plan, Target
from planforge.model.record import STATUSES, Progress
from planforge.model.status import due_month, is_tracked, year_status
from planforge.model.wording import figure
from planforge.render.formats import Renderable
from planforge.render.view import Table, build_view, view_table, with_attachments

_WRITER_SLOT = "【待补充：{}】"


def _result(target: Target, actual: float | int, reached: bool, rate: int | None, final: bool) -> str:
    """One target's outcome in words: 参加技能竞赛的职工1650人，完成目标的330% / 召开职工代表大会1次 /
    安全事故3起，控制在5起以内 / 培训工会干部48人次，未完成目标（60人次以上）. An item still under way
    and not yet due is not short of its target: it is on its way (建议80条，完成目标的80%)."""
    said = f"{target.what}{figure(actual, target.unit)}"
    if not reached and not final:
        return f"{said}，完成目标的{rate}%" if rate is not None else said
    if not reached:
        return f"{said}，未完成目标（{wording.target_value(target)}）"
    if target.op in ("<=", "<"):
        return f"{target.what}为零" if target.value == 0 else f"{said}，控制在{wording.quantity(target.value, target.unit)}以内"
    return f"{said}，完成目标的{rate}%" if rate is not None else said


def _item_text(item: Item, entry, status: dict[tuple, dict], state: str, overdue: bool, half: bool) -> str:
    """What became of one item, from the status as it stood on the report's date."""
    outcomes = [status[(item.id, index)] for index in range(len(item.targets)) if (item.id, index) in status]
    final = state != "in-progress" or overdue
    said = [_result(item.targets[o["index"]], o["actual"], o["reached"], o["rate"], final) for o in outcomes if o["actual"] is not None]
    missed = final and any(o["reached"] is False for o in outcomes)
    results = "；".join(said)
    note = (entry.note or "").strip() if entry else ""
    slot = _WRITER_SLOT.format("未完成的原因")
    if state == "done":
        parts = ["已完成", results, note, slot if missed else ""]
    elif state == "in-progress":
        parts = ["正在推进", results, note, slot if missed else ""]
    elif half and due_month(item) > 6 and state == "not-started":
        parts = ["按计划在下半年开展", note]
    else:
        parts = [f"未完成（{STATUSES[state]}）", results, note or slot]
    return wording.closed("，".join(p.rstrip("。；，") for p in parts if p))


def _summary_item(item: Item, record: Progress, status: dict[str, Any], half: bool) -> Item:
    entry = record.items.get(item.id) if item.id else None
    children = [_summary_item(child, record, status, half) for child in item.items]
    if not is_tracked(item):  # a heading over its items: they say what was done
        text = (entry.note or None) if entry else None
    else:
        state, overdue = status["states"].get(item.id, ("not-started", False)) if item.id else ("not-started", False)
        text = _item_text(item, entry, status["outcomes"], state, overdue, half)
    return Item(title=item.title, text=text, items=children)


def writer_slots(summary: Plan) -> int:
    """How many 【待补充：…】 slots the draft leaves for a person to fill."""
    texts = [summary.preamble or ""] + [f"{item.title}{item.text or ''}" for _level, item in summary.walk()]
    return sum(text.count(_WRITER_SLOT.split("{")[0]) for text in texts)


def summary_title(plan: Plan, half: bool) -> str:
    period = f"{plan.year}年上半年" if half else f"{plan.year}年"
    if "工作计划" in plan.title and f"{plan.year}年" in plan.title:
        return plan.title.replace(f"{plan.year}年", period, 1).replace("工作计划", "工作总结")
    return f"{plan.organization or ''}{period}工作总结"


def summary_plan(plan: Plan, record: Progress, today: dt.date, half: bool = False) -> tuple[Plan, dict[str, Any]]:
    """The summary as a plan, and the status it was written from."""
    status = year_status(plan, record, today, half)
    totals = status["totals"]
    period = "上半年" if half else "全年"
    preamble = (f"{plan.year}年{'上半年' if half else ''}，{plan.organization or '我们'}按照年初制定的《{plan.title}》，"
                f"{_WRITER_SLOT.format('总体情况概述')}。{period}计划事项{totals['items']}项，已完成{totals['done']}项"
                + (f"；量化指标{totals['targets']}项，已达到{totals['reached']}项" if totals["targets"] else "")
                + "。现将有关情况总结如下：")
    # Each item's sentence reads its own record: in a half-year summary an item due later that is
    # done or under way says so (the totals above count only what was due by June).
    every = year_status(plan, record, today) if half else status
    lookup = {"states": {i["id"]: (i["status"], i["overdue"]) for i in every["items"] if i["id"]},
              "outcomes": {(t["item"], t["index"]): t for t in every["targets"] if t["item"]}}
    sections = [_summary_item(section, record, lookup, half) for section in plan.sections]
    sections.append(Item(title="存在的问题和不足", text=_WRITER_SLOT.format("存在的问题和不足")))
    sections.append(Item(title="下一步工作打算" if half else "经验体会和明年工作思路",
                         text=_WRITER_SLOT.format("经验体会和下一步打算")))
    summary = Plan(title=summary_title(plan, half), organization=plan.organization, year=plan.year, date=today,
                   preamble=preamble, sections=sections, signature=plan.signer, style=plan.style)
    return summary, status


def completion_table(status: dict[str, Any]) -> Table:
    rows = []
    for index, t in enumerate(status["targets"], start=1):
        state = "—" if t["reached"] is None else ("已控制" if t["op"] in ("<=", "<") else "已达到") if t["reached"] else "未达到"
        rows.append([str(index), t["what"], figure(t["target"], t["unit"]), figure(t["actual"], t["unit"]),
                     f"{t['rate']}%" if t["rate"] is not None else "", state])
    return view_table("targets", "", ["序号", "指标", "目标值", "完成值", "完成率", "状态"], rows, 1, optional=(4,))


def report_renderable(plan: Plan, record: Progress, today: dt.date, half: bool = False) -> Renderable:
    """The summary's view, as the plan templates and the DOCX writer take it, plus `status` for a
    report template of one's own; its Markdown goes through report.md.j2."""
    summary, status = summary_plan(plan, record, today, half)
    parts = []
    if status["targets"]:
        parts.append((f"{plan.year}年{'上半年' if half else ''}目标任务完成情况一览表", [completion_table(status)]))
    return Renderable(with_attachments(build_view(summary), parts, status=status), "report.md.j2")
