"""The plan as the reader will see it, computed once for every output format.

Numbering, target sentences, dates and tables are decided here; the Markdown template and the
DOCX writer only lay them out. Templates receive this plain data (dicts, lists, strings) and
nothing else, so a user's template cannot reach into Python objects.
"""

from __future__ import annotations

import re

from planforge.model import wording
from planforge.model.numbering import marker
from planforge.model.plan import Item, Plan

MONTHS = list(range(1, 13))
# 3-4月 as typed; 公文 writes a range of months with a dash as long as a character: 3—4月.
_MONTH_RANGE = re.compile(r"(?<![\d.])(\d{1,2})\s*[-－~～–]\s*(\d{1,2})(?=\s*月)")


def month_dashes(text: str) -> str:
    return _MONTH_RANGE.sub(r"\1—\2", text)


def _node(item: Item, level: int, position: int, scheme: str, inherited_owner: str, path: str = "") -> dict:
    """`path` is the parents' numbers run together (二（一）): a grid row's label must say which
    （一） it is, since every section has one."""
    owner = wording.owners(item.owner)
    number = marker(level, position, scheme)
    when = month_dashes(item.when.text) if item.when else ""
    meta = "；".join(part for part in (f"责任部门：{owner}" if owner else "", f"完成时限：{when}" if when else "") if part)
    return {
        "id": item.id or "",
        "level": level,
        "marker": number,
        "path_marker": path + number if path else number,
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
        "recurrence": item.when.recurrence if item.when else None,
        "meta": f"（{meta}）" if meta else "",
        "run_in": level >= 3,
        "children": [
            _node(child, level + 1, i, scheme, owner or inherited_owner, path + number.rstrip("、.．"))
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
        schedule.append({"when": month_dashes(entry.when.text), "months": list(entry.when.months), "deadline": entry.when.deadline, "tasks": tasks})

    month_grid = _month_grid(flat, schedule)
    parts = attachment_parts(plan.year, schedule, month_grid, targets_table)
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
        "month_grid": month_grid,
        # every dated item, for `show`: its outline is on screen, so the item's own number will do
        "timeline": [{"label": n["marker"] + n["title"], "months": _grid_months(n)} for n in flat if n["months"]],
        "targets_table": targets_table,
        "attachments": [part["title"] for part in parts],
        "attachment_parts": parts,
        "signature": plan.signer or "",
        "date": wording.chinese_date(plan.date) if plan.date else "",
        "months": MONTHS,
    }


MAX_GRID_ROWS = 200  # beyond this a reader cannot take the year in at a glance
# A grid shows when work happens, not how often: 每季度 is one month a quarter (its last, when
# quarterly reports fall due), 每半年 the last month of each half, 每学期 the first month of each
# term. Monthly and weekly work runs in every month.
_ONCE_PER = {"quarterly": (3, 6, 9, 12), "half-yearly": (6, 12), "termly": (3, 9)}


def _grid_months(node_or_entry: dict) -> list[int]:
    return list(_ONCE_PER.get(node_or_entry.get("recurrence") or "", node_or_entry["months"]))


def _month_grid(flat: list[dict], schedule: list[dict]) -> list[dict]:
    """One row per dated item: which months of the year it runs in, leaving out the items the
    monthly schedule's table already lists in the same months (a grid that only repeats the
    table says nothing). A plan with more rows than a page of grid can show gets one row per
    section instead."""
    listed = {(task["item"], tuple(entry["months"])) for entry in schedule for task in entry["tasks"] if task["item"]}
    rows = []
    for node in flat:
        if node["months"] and (node["id"], tuple(node["months"])) not in listed:
            rows.append({"label": node["path_marker"] + node["title"], "months": _grid_months(node)})
    return rows if len(rows) <= MAX_GRID_ROWS else _by_section(flat)


def _by_section(flat: list[dict]) -> list[dict]:
    sections: list[dict] = []
    for node in flat:
        if node["level"] == 1:
            sections.append({"label": f"{node['marker']}{node['title']}", "months": set()})
        if sections and node["months"]:
            sections[-1]["months"].update(_grid_months(node))
    return [{"label": s["label"], "months": sorted(s["months"])} for s in sections if s["months"]]


def attachment_parts(year: int, schedule: list[dict], grid: list[dict], targets: list[dict]) -> list[dict]:
    """The attachments this plan has, numbered, each with its tables: the one list both the
    attachment note and the attachment pages are made from, so they cannot disagree."""
    parts: list[dict] = []
    if schedule:
        tables = [schedule_table(schedule)]
        if grid:
            tables.append(grid_table(grid, f"{year}年工作进度图"))
        parts.append({"title": f"{year}年月度工作安排", "tables": tables})
    elif grid:
        parts.append({"title": f"{year}年工作进度安排", "tables": [grid_table(grid, "")]})
    if targets:
        parts.append({"title": f"{year}年主要目标任务一览表", "tables": [targets_table(targets)]})
    return number_parts(parts)


def number_parts(parts: list[dict]) -> list[dict]:
    """Number attachments (附件1, 附件2) and write each one's line of the attachment note."""
    for number, part in enumerate(parts, start=1):
        part["number"] = number
        # 附件：1.2027年… would read as the decimal 1.2027: a space keeps number and name apart
        part["note_number"] = f"{number}. " if part["title"][:1].isascii() else f"{number}."
        part["note"] = part["note_number"] + part["title"]
    return parts


def view_table(kind: str, caption: str, header: list[str], rows: list[list[str]], text_column: int,
           optional: tuple[int, ...] = ()) -> dict:
    """A table with its optional columns dropped when no row fills them, and `—` in the empty
    cells of the ones kept (a blank cell reads as forgotten)."""
    keep = [c for c in range(len(header)) if c not in optional or any(row[c] for row in rows)]
    return {
        "kind": kind,
        "caption": caption,
        "header": [header[c] for c in keep],
        "rows": [[row[c] or ("—" if c in optional else "") for c in keep] for row in rows],
        "text_column": keep.index(text_column),
    }


def schedule_table(schedule: list[dict]) -> dict:
    rows = [[entry["when"], task["text"], task["owner"], task["deadline"]]
            for entry in schedule for task in entry["tasks"]]
    table = view_table("schedule", "", ["月份", "工作内容", "责任部门", "完成时限"], rows, 1, optional=(2, 3))
    table["merge_first"] = True  # the same month on consecutive rows is one cell
    return table


def grid_table(grid: list[dict], caption: str) -> dict:
    table = view_table("grid", caption, ["事项"] + [f"{m}月" for m in MONTHS], [[row["label"]] + [""] * 12 for row in grid], 0)
    table["shaded"] = [[False] + [m in row["months"] for m in MONTHS] for row in grid]
    return table


def targets_table(targets: list[dict]) -> dict:
    rows = [[str(r["index"]), r["what"], r["value"], r["baseline"], r["owner"]] for r in targets]
    return view_table("targets", "", ["序号", "指标", "目标值", "上年基数", "责任部门"], rows, 1, optional=(3, 4))
