"""PF5xx: numbering typed into documents (and into spec titles, where it does not belong).

Readers keep each item's marker exactly as typed and record the anomalies they met; these rules
turn them into findings."""

from __future__ import annotations

import re

from planforge.lint.rule import rule
from planforge.model.numbering import split_marker

_CANONICAL = {"cn_dun": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4, "circled": 5}
_ANOMALY_CODE = {"skip": "PF501", "repeat": "PF502", "restart": "PF503", "continued": "PF503"}


def _anomalies(ctx, kind):
    for anomaly in ctx.anomalies:
        if _ANOMALY_CODE.get(anomaly.kind) == kind:
            yield anomaly.line, anomaly.col, {"detail": anomaly.message("zh"), "detail_en": anomaly.message("en")}, None


@rule("PF501", "numbering-skip", "error", documents_only=True)
def numbering_skip(ctx):
    r"""一、二、四、: a part deleted without renumbering.

    FAIL doc  测试工会2027年工作计划\n一、加强学习\n二、加强培训\n四、开展活动
    PASS doc  测试工会2027年工作计划\n一、加强学习\n二、加强培训\n三、开展活动
    """
    yield from _anomalies(ctx, "PF501")


@rule("PF502", "numbering-repeat", "error", documents_only=True)
def numbering_repeat(ctx):
    r"""三、 twice at one level: a part pasted twice or numbered by hand.

    FAIL doc  测试工会2027年工作计划\n一、加强学习\n二、加强培训\n二、开展活动
    PASS doc  测试工会2027年工作计划\n一、加强学习\n二、加强培训\n三、开展活动
    """
    yield from _anomalies(ctx, "PF502")


@rule("PF503", "numbering-restart", "warning", documents_only=True)
def numbering_restart(ctx):
    r"""A list that goes on counting across sections (3. under 二、) or starts again without a new parent.
    Numbering that runs on through three or more parts without ever restarting is a 工作要点's
    deliberate style (each item citable by its number) and is not reported; a list after a lead-in
    line ending in ：, or in a task table's cells, may start again.

    FAIL doc  测试工会2027年工作计划\n一、加强学习\n1.读书活动\n2.知识竞赛\n二、加强培训\n3.骨干培训
    PASS doc  测试工会2027年工作计划\n一、加强学习\n1.读书活动\n2.知识竞赛\n二、加强培训\n1.骨干培训
    """
    yield from _anomalies(ctx, "PF503")


@rule("PF504", "numbering-style-mix", "warning")
def numbering_style_mix(ctx):
    r"""1、 and 1. in one list: two hands typed the numbers. In a spec, a number typed into a title
    is reported too, and removed: planforge numbers from the structure.

    FAIL doc  测试工会2027年工作计划\n一、加强学习\n1、读书活动\n2.知识竞赛
    FAIL doc  测试工会2027年工作计划\n一、加强学习\n1、读书活动\n2知识竞赛
    FAIL  sections: [{title: 一、加强学习, text: 学习}]
    PASS doc  测试工会2027年工作计划\n一、加强学习\n1.读书活动\n2.知识竞赛
    """
    for repair in ctx.repairs:  # 12围绕…: read as item 12, its separator lost
        if repair.kind == "missing-separator":
            number = re.match(r"\d+", repair.text)
            yield repair.line, repair.col, {"marker": number.group(0) if number else repair.text[:2], "variant": "bare"}, None
    repaired = {repair.line for repair in ctx.repairs if repair.kind == "missing-separator"}
    lists = [ctx.plan.sections] + [item.items for _l, item, _a in ctx.items()]
    for siblings in lists:
        styles: dict[str, object] = {}
        for item in siblings:
            if item.typed_marker and ctx.at(item)[0] not in repaired:  # the reader's 、, not the writer's
                punctuation = item.typed_marker.strip()[-1]
                styles.setdefault(punctuation, item)
        if len(styles) > 1:
            (a, _), (b, second) = list(styles.items())[:2]
            line, col = ctx.at(second, "title")
            yield line, col, {"a": a, "b": b}, None


@rule("PF505", "numbering-level-order", "warning", documents_only=True)
def numbering_level_order(ctx):
    r"""（一） above 一、: the levels are typed in the wrong order.

    FAIL doc  测试工会2027年工作计划\n（一）加强学习\n一、读书活动\n（二）加强培训\n一、骨干培训
    FAIL doc  测试工会2027年工作计划\n一、加强学习\n二、关心职工\n（一）生日慰问\n一、疗休养\n三、自身建设
    PASS doc  测试工会2027年工作计划\n一、加强学习\n（一）读书活动\n二、加强培训\n（一）骨干培训
    """
    for anomaly in ctx.anomalies:  # 一、 typed under （一） while the count of 一、 goes on past it
        if anomaly.kind == "intruder":
            yield anomaly.line, anomaly.col, {"child": anomaly.marker, "parent": anomaly.parent}, None
    for _level, item, ancestors in ctx.items():
        if not ancestors or not item.typed_marker or not ancestors[-1].typed_marker:
            continue
        mine, theirs = split_marker(item.typed_marker + "x"), split_marker(ancestors[-1].typed_marker + "x")
        if mine and theirs and _CANONICAL.get(mine[0], 9) < _CANONICAL.get(theirs[0], 9):
            line, col = ctx.at(item, "title")
            yield line, col, {"child": item.typed_marker, "parent": ancestors[-1].typed_marker}, None
