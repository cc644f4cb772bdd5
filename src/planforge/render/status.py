"""The year's status (model/status.py) as Markdown, for `status --format md`: a weekly mail or a CI
summary. The facts are `year_status`'s; this only lays them out."""

from __future__ import annotations

from typing import Any

from planforge.model.wording import figure


def status_markdown(status: dict[str, Any]) -> str:
    """The same facts as a Markdown report (for a weekly mail or a CI summary)."""
    totals = status["totals"]
    lines = [f"# {status['plan']}：进度（截至 {status['date']}）", "",
             f"事项 {totals['items']} 项，已完成 {totals['done']} 项，逾期 {totals['overdue']} 项；"
             f"指标 {totals['targets']} 项，已达到 {totals['reached']} 项，未达到 {totals['not_reached']} 项。", "",
             "## 各部分完成情况", "", "| 部分 | 事项 | 已完成 | 完成比例 |", "|---|---|---|---|"]
    lines += [f"| {s['number']}{s['title']} | {s['items']} | {s['done']} | {s['share']}% |" for s in status["sections"]]
    overdue = [i for i in status["items"] if i["overdue"]]
    if overdue:
        lines += ["", "## 逾期事项", "", "| 事项 | 时间 | 状态 | 说明 |", "|---|---|---|---|"]
        lines += [f"| {i['title']} | {i['when'] or '全年'} | {i['status_zh']} | {i['note'] or ''} |" for i in overdue]
    if status["targets"]:
        lines += ["", "## 目标任务完成情况", "", "| 指标 | 目标值 | 完成值 | 完成率 | 状态 |", "|---|---|---|---|---|"]
        for t in status["targets"]:
            state = "—" if t["reached"] is None else "已达到" if t["reached"] else "未达到"
            rate = f"{t['rate']}%" if t["rate"] is not None else "—"
            lines.append(f"| {t['what']} | {figure(t['target'], t['unit'])} | {figure(t['actual'], t['unit'])} | {rate} | {state} |")
    lines += ["", "## 月度进度", "", "| " + " | ".join(f"{m['month']}月" for m in status["timeline"]) + " |",
              "|" + "---|" * 12,
              "| " + " | ".join(_month_cell(m, status["today_month"]) for m in status["timeline"]) + " |"]
    return "\n".join(lines) + "\n"


def _month_cell(month: dict, today_month: int | None) -> str:
    cell = f"{month['done']}/{month['due']}" if month["due"] else "·"
    return f"**▶{cell}**" if month["month"] == today_month else cell
