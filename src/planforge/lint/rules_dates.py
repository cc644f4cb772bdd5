"""PF2xx: times and the schedule."""

from __future__ import annotations

from planforge.model.gaps import lacks_time, scheduled_ids
from planforge.lint.rules_targets import hit
from planforge.lint.registry import rule
from planforge.model.periods import VAGUE, stale_year_mentions


@rule("PF201", "item-without-date", "warning", "该工作事项没有时间安排", "this item has no time",
      "末级事项没有 when、不在日程里、正文里也没有时间", "a leaf item with no when, no schedule entry and no time in its text")
def item_without_date(ctx):
    scheduled = scheduled_ids(ctx.plan)
    for level, item, ancestors in ctx.items():
        if lacks_time(level, item, ancestors, scheduled):
            yield hit(ctx, item, "title")


@rule("PF202", "date-outside-year", "error", "时间“{when}”不在计划年度 {year} 年内", "the time “{when}” is outside the plan year {year}",
      "日期或日程月份不在计划年度内", "a date or schedule month outside the plan year")
def date_outside_year(ctx):
    year = ctx.plan.year
    for _level, item, _ancestors in ctx.items():
        if item.when and item.when.year and item.when.year != year:
            yield hit(ctx, item, "when", when=item.when.text, year=year)
    for entry in ctx.plan.schedule:
        if entry.when.year and entry.when.year != year:
            yield hit(ctx, entry, "when", when=entry.when.text, year=year)


@rule("PF203", "stale-year", "warning", "文中出现“{mention}”，计划年度是 {year} 年：是不是照抄了往年的稿子？",
      "“{mention}” in a {year} plan: copied from an earlier year?",
      "正文提到往年（2026年出现在 2027 年计划里）", "free text naming an earlier year")
def stale_year(ctx):
    for node, field_name, text in ctx.texts():
        for mention in stale_year_mentions(text, ctx.plan.year - 1):
            yield hit(ctx, node, field_name, mention=mention, year=ctx.plan.year)


@rule("PF204", "schedule-gap", "info", "月度安排中 {months} 没有工作", "no work is scheduled in {months}",
      "月度安排有空白月份", "months with no scheduled work")
def schedule_gap(ctx):
    if not ctx.plan.schedule:
        return
    covered = {m for entry in ctx.plan.schedule if entry.when.kind != "recurrence" for m in entry.when.months}
    missing = [m for m in range(1, 13) if m not in covered]
    if missing and covered:
        yield hit(ctx, ctx.plan.schedule[0], "when", months="、".join(f"{m}月" for m in missing))


@rule("PF205", "schedule-unknown-item", "error", "日程任务关联的事项 id {item} 不存在", "the schedule links to item id {item}, which does not exist",
      "日程任务关联了不存在的事项 id", "a schedule task linking to an unknown id")
def schedule_unknown_item(ctx):
    ids = {item.id for _l, item, _a in ctx.items() if item.id}
    for entry in ctx.plan.schedule:
        for task in entry.tasks:
            if task.item and task.item not in ids:
                yield hit(ctx, task, "item", item=task.item)


@rule("PF206", "schedule-mismatch", "warning", "事项时间“{when}”与日程安排“{schedule}”对不上",
      "the item's time “{when}” and its schedule entry “{schedule}” disagree",
      "事项的 when 与日程不一致（允许提前一个月准备）", "an item's when and the schedule disagree (one month of lead allowed)")
def schedule_mismatch(ctx):
    items = {item.id: item for _l, item, _a in ctx.items() if item.id}
    for entry in ctx.plan.schedule:
        for task in entry.tasks:
            item = items.get(task.item)
            if not item or not item.when or not item.when.months or item.when.kind == "recurrence":
                continue
            allowed = set(item.when.months) | {m - 1 or 12 for m in item.when.months}
            if entry.when.months and not allowed & set(entry.when.months):
                yield hit(ctx, task, "item", when=item.when.text, schedule=entry.when.text)


@rule("PF207", "vague-time", "info", "时间“{word}”不明确", "the time “{word}” is vague",
      "适时、时间待定、另行通知、近期", "适时, 时间待定, 另行通知, 近期")
def vague_time(ctx):
    for _level, item, _ancestors in ctx.items():
        if item.when and item.when.kind == "vague":
            yield hit(ctx, item, "when", word=item.when.text)
            continue
        for word in VAGUE:
            if word in (item.text or ""):
                yield hit(ctx, item, "text", word=word)
                break
