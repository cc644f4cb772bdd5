"""The plan as the reader will see it, computed once for every output format.

Numbering, target sentences, dates and tables are decided here; the Markdown template and the
DOCX writer only lay them out. Templates receive this plain data (dicts, lists, strings) and
nothing else, so a user's template cannot reach into Python objects.
"""

from __future__ import annotations

from planforge.model import wording
from planforge.model.numbering import marker
from planforge.model.plan import Item, Plan

MONTHS = list(range(1, 13))


def _node(item: Item, level: int, position: int, scheme: str, inherited_owner: str) -> dict:
    owner = wording.owners(item.owner)
    when = item.when.text if item.when else ""
    meta = "；".join(part for part in (f"责任部门：{owner}" if owner else "", f"完成时限：{when}" if when else "") if part)
    return {
        "id": item.id or "",
        "level": level,
        "marker": marker(level, position, scheme),
        "title": item.title,
        "heading": wording.closed(item.title) if level >= 3 else item.title,
        # The run-in heading split before its closing mark: CommonMark does not close `**` after
        # 。 when a Chinese character follows, so the mark stands outside the bold (`**标题**。正文`).
        **dict(zip(("heading_text", "heading_end"), wording.split_closing(wording.closed(item.title)), strict=True)),
        "text": wording.closed(item.text) if item.text else "",
        # An imported target whose sentence the title or text already holds is not said twice.
        "targets": wording.targets_sentence([t for t in item.targets if not (t.quote and t.quote in f"{item.title}。{item.text or ''}")]),
        "owner": owner,
        "effective_owner": owner or inherited_owner,
        "when": when,
        "months": list(item.when.months) if item.when else [],
        "meta": f"（{meta}）" if meta else "",
        "run_in": level >= 3,
        "children": [
            _node(child, level + 1, i, scheme, owner or inherited_owner)
            for i, child in enumerate(item.items, start=1)
        ],
    }


def _flatten(nodes: list[dict]) -> list[dict]:
    out: list[dict] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node["children"]))
    return out


# Complex (radon D): the whole document's view in one pass (sections, targets table, schedule,
# attachments); the DOCX work replaces the dicts with dataclasses that carry their node.
def build_view(plan: Plan) -> dict:
    scheme = plan.style.numbering or "gbt9704"
    sections = [_node(s, 1, i, scheme, "") for i, s in enumerate(plan.sections, start=1)]
    flat = _flatten(sections)
    by_id = {node["id"]: node for node in flat if node["id"]}

    targets_table: list[dict] = []
    # `flat` and `plan.walk()` are both depth-first pre-order: walk them side by side.
    for (_level, item), node in zip(plan.walk(), flat, strict=True):
        for target in item.targets:
            targets_table.append(
                {
                    "index": len(targets_table) + 1,
                    "what": target.what,
                    "value": wording.target_value(target),
                    "baseline": wording.quantity(target.baseline, target.unit) if target.baseline is not None else "",
                    "owner": node["effective_owner"],
                }
            )
    schedule = []
    for entry in plan.schedule:
        tasks = []
        for task in entry.tasks:
            linked = by_id.get(task.item) if task.item else None
            tasks.append(
                {
                    "text": wording.closed(task.text, ""),
                    "owner": wording.owners(task.owner) or (linked["effective_owner"] if linked else ""),
                    "item": task.item or "",
                    "item_marker": linked["marker"] if linked else "",
                    "deadline": linked["when"] if linked else "",
                }
            )
        schedule.append({"when": entry.when.text, "months": list(entry.when.months), "deadline": entry.when.deadline, "tasks": tasks})

    attachments = []
    if schedule:
        attachments.append(f"{plan.year}年月度工作安排")
    if targets_table:
        attachments.append(f"{plan.year}年主要目标任务一览表")
    preamble = [p.strip() for p in (plan.preamble or "").splitlines() if p.strip()]
    return {
        "title": plan.title,
        "draft": f"（{plan.draft}）" if plan.draft else "",
        "organization": plan.organization or "",
        "year": plan.year,
        "preamble": preamble,
        "numbering": scheme,
        "sections": sections,
        "items": flat,
        "schedule": schedule,
        "month_grid": _month_grid(flat, schedule),
        "targets_table": targets_table,
        "attachments": attachments,
        "signature": plan.signer or "",
        "date": wording.chinese_date(plan.date) if plan.date else "",
        "months": MONTHS,
    }


MAX_GRID_ROWS = 200  # beyond this a reader cannot take the year in at a glance


def _month_grid(flat: list[dict], schedule: list[dict]) -> list[dict]:
    """One row per dated item or unlinked schedule task: which months of the year it runs in.
    A plan with more dated rows than a page of grid can show gets one row per section instead
    (the months of everything under it), which is what the grid is for."""
    rows = []
    for node in flat:
        if node["months"]:
            rows.append({"label": f"{node['marker']}{node['title']}", "months": node["months"]})
    for entry in schedule:
        for task in entry["tasks"]:
            if not task["item"]:
                rows.append({"label": task["text"], "months": entry["months"]})
    if len(rows) <= MAX_GRID_ROWS:
        return rows
    sections: list[dict] = []
    for node in flat:
        if node["level"] == 1:
            sections.append({"label": f"{node['marker']}{node['title']}", "months": set()})
        if sections and node["months"]:
            sections[-1]["months"].update(node["months"])
    return [{"label": s["label"], "months": sorted(s["months"])} for s in sections if s["months"]]
