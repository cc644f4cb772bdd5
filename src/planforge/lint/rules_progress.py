"""PF7xx: the progress record beside a spec (`plan.progress.yaml`, read with `plan.yaml`). Its
findings point into the record, where the fix is made: an item marked done with no figure to
show for it, a figure short of its target, an overdue item nobody has touched, a figure measured
outside the plan's year."""

from __future__ import annotations

from planforge.lint.rule import rule

# The record's modules (pydantic models) are imported by the checks, only when a record is there:
# a spec without one, the usual case in a pre-commit hook, does not pay for them.


def _recorded(ctx):
    """(item, its record entry, record positions, record file) for each plan item with an id."""
    progress = ctx.progress
    if progress is None:
        return
    for _level, item, _ancestors in ctx.items():
        if item.id:
            yield item, progress.record.items.get(item.id), progress, str(progress.source.path)


@rule("PF701", "done-without-actual", "warning")
def done_without_actual(ctx):
    """An item marked done whose target has no actual value: the summary will have no figure for it.

    FAIL progress  sections: [{id: a, title: 技能竞赛, text: 参赛职工不少于500人, targets: [{what: 参赛职工, value: 500, unit: 人}]}] || items: {a: {status: 已完成, targets: [{what: 参赛职工, target: 500}]}}
    PASS progress  sections: [{id: a, title: 技能竞赛, text: 参赛职工不少于500人, targets: [{what: 参赛职工, value: 500, unit: 人}]}] || items: {a: {status: 已完成, targets: [{what: 参赛职工, target: 500, actual: 650, date: 2027-10-01}]}}
    """
    if ctx.progress is None:
        return
    from planforge.model.record import target_progress

    for item, entry, progress, name in _recorded(ctx):
        if entry is None or entry.state != "done":
            continue
        missing = [t.what for t in item.targets if (found := target_progress(entry, t.what)) is None or found.actual is None]
        if missing:
            line, col = progress.positions.get(("items", item.id, "status"), (None, None))
            yield line, col, {"at_file": name, "id": item.id, "what": "、".join(missing)}, None


@rule("PF702", "actual-below-target", "warning")
def actual_below_target(ctx):
    """An item marked done whose actual value falls short of its target: done, or not done?

    FAIL progress  sections: [{id: a, title: 技能竞赛, text: 参赛职工不少于500人, targets: [{what: 参赛职工, value: 500, unit: 人, op: ">="}]}] || items: {a: {status: 已完成, targets: [{what: 参赛职工, actual: 420, date: 2027-10-01}]}}
    PASS progress  sections: [{id: a, title: 技能竞赛, text: 参赛职工不少于500人, targets: [{what: 参赛职工, value: 500, unit: 人, op: ">="}]}] || items: {a: {status: 已完成, targets: [{what: 参赛职工, actual: 520, date: 2027-10-01}]}}
    """
    if ctx.progress is None:
        return
    from planforge.model.record import target_progress
    from planforge.model.status import COMPARE, comparison

    for item, entry, progress, name in _recorded(ctx):
        if entry is None or entry.state != "done":
            continue
        for target in item.targets:
            found = target_progress(entry, target.what)
            if found is None or found.actual is None or COMPARE[comparison(target)](found.actual, target.value):
                continue
            index = entry.targets.index(found)
            line, col = progress.positions.get(("items", item.id, "targets", index), (None, None))
            yield line, col, {"at_file": name, "what": target.what, "actual": f"{found.actual:g}",
                              "target": f"{target.value:g}", "unit": target.unit or ""}, None


@rule("PF703", "overdue-without-status", "warning")
def overdue_without_status(ctx):
    """An item past its time whose record still says 未开始 (or has no entry): was it done?

    FAIL progress  year: 2020, title: 测试工会2020年工作计划, date: 2020-01-08, sections: [{id: a, title: 召开职代会, text: 召开职工代表大会, when: 3月}] || year: 2020, plan: 测试工会2020年工作计划, items: {a: {status: 未开始}}
    PASS progress  year: 2020, title: 测试工会2020年工作计划, date: 2020-01-08, sections: [{id: a, title: 召开职代会, text: 召开职工代表大会, when: 3月}] || year: 2020, plan: 测试工会2020年工作计划, items: {a: {status: 已完成}}
    """
    if ctx.progress is None:
        return
    from planforge.model.status import due_month, is_tracked, months_passed

    ended = months_passed(ctx.plan.year, ctx.today)
    for item, entry, progress, name in _recorded(ctx):
        if not is_tracked(item) or (entry is not None and entry.state != "not-started") or due_month(item) > ended:
            continue
        line, col = progress.key_positions.get(("items", item.id), (None, None))
        yield line, col, {"at_file": name, "title": item.title, "when": item.when.text if item.when else "全年"}, None


@rule("PF704", "actual-outside-year", "error")
def actual_outside_year(ctx):
    """An actual value dated outside the plan's year: last year's figure, or a typo in the date.

    FAIL progress  sections: [{id: a, title: 技能竞赛, text: 参赛职工不少于500人, targets: [{what: 参赛职工, value: 500, unit: 人}]}] || items: {a: {status: 进行中, targets: [{what: 参赛职工, actual: 300, date: 2026-11-30}]}}
    PASS progress  sections: [{id: a, title: 技能竞赛, text: 参赛职工不少于500人, targets: [{what: 参赛职工, value: 500, unit: 人}]}] || items: {a: {status: 进行中, targets: [{what: 参赛职工, actual: 300, date: 2027-06-30}]}}
    """
    for item, entry, progress, name in _recorded(ctx):
        if entry is None:
            continue
        for index, found in enumerate(entry.targets):
            if found.date is not None and found.date.year != ctx.plan.year:
                line, col = progress.positions.get(("items", item.id, "targets", index, "date"), (None, None))
                yield line, col, {"at_file": name, "what": found.what, "date": found.date.isoformat(),
                                  "year": ctx.plan.year}, None
