"""PF5xx: numbering typed into documents (and into spec titles, where it does not belong).

Readers keep each item's marker exactly as typed and record the anomalies they met; these rules
turn them into findings."""

from __future__ import annotations

import re
from collections.abc import Callable

from planforge.lint.rule import rule
from planforge.model.numbering import split_marker
from planforge.patterns import lazy

_CANONICAL = {"cn_part": -1, "cn_capital": 0, "cn_dun": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4, "circled": 5}
_ANOMALY_CODE = {"skip": "PF501", "repeat": "PF502", "restart": "PF503", "continued": "PF503"}


def _anomalies(ctx, kind):
    for anomaly in ctx.anomalies:
        if _ANOMALY_CODE.get(anomaly.kind) == kind and not _not_a_list(ctx, anomaly.line):
            yield anomaly.line, anomaly.col, {"detail": anomaly.message("zh"), "detail_en": anomaly.message("en")}, None


# A month or a quarter heading (一月份, 3月：, 第二季度：) counts the calendar, not a list: 一月份 after
# 三、 is no skip, and a plan's months do not restart its numbering.
_TIME_HEADING = lazy(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．,，]\s*)?"
                           r"(?:(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*月(?:份|上旬|中旬|下旬)?|第?[一二三四1-4]\s*季度|[上下]半年)"
                           r"\s*(?:[：:，,]|$)")


def _not_a_list(ctx, line: int | None) -> bool:
    """A finding's line that numbering rules leave alone: a time heading, or a line of a part that
    sets no work or of page residue (`ctx.aside_lines`)."""
    if line is None or not ctx.is_document:
        return False
    text = ctx.lines[line - 1] if 0 < line <= len(ctx.lines) else ""
    return line in ctx.aside_lines() or bool(_TIME_HEADING.match(text))


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
    is reported too, and removed: planforge numbers from the structure (`--fix` removes it from
    the file).

    FAIL doc  测试工会2027年工作计划\n一、加强学习\n1、读书活动\n2.知识竞赛
    FAIL doc  测试工会2027年工作计划\n一、加强学习\n1、读书活动\n2知识竞赛
    FAIL  sections: [{title: 一、加强学习, text: 学习}]
    PASS doc  测试工会2027年工作计划\n一、加强学习\n1.读书活动\n2.知识竞赛
    PASS doc  测试工会2027年工作计划\n一、加强学习\n1.读书活动\n①知识竞赛\n②演讲比赛\n③征文活动\n2.技能培训
    PASS doc  测试工会2027年工作计划\n第一部分 总体要求\n坚持以人为本。\n第二部分：重点任务\n一、加强学习\n1.读书活动
    """
    for repair in ctx.repairs:  # 12围绕…: read as item 12, its separator lost
        if repair.kind == "missing-separator":
            number = re.match(r"\d+", repair.text)
            yield repair.line, repair.col, {"marker": number.group(0) if number else repair.text[:2], "variant": "bare"}, None
    repaired = {repair.line for repair in ctx.repairs if repair.kind == "missing-separator"}
    lists = [ctx.plan.sections] + [item.items for _l, item, _a in ctx.items()]
    for siblings in lists:
        styles: dict[str, tuple[str, object]] = {}  # a style → (how the message shows it, its first item)
        for item in siblings:
            if (item.typed_marker and not item.typed_marker.startswith("第")  # 第一部分: a word, not a mark, numbers it
                    and not (repaired and ctx.at(item)[0] in repaired)):  # the reader's 、, not the writer's
                marker = item.typed_marker.strip()
                styles.setdefault(_style(marker), (marker if _style(marker) == _CIRCLED else marker[-1], item))
        if len(styles) > 1:
            (a, _), (b, second) = list(styles.values())[:2]
            line, col = ctx.at(second, "title")
            yield line, col, {"a": a, "b": b}, None


_CIRCLED = "circled"


def _style(marker: str) -> str:
    """How a typed number is written, its figure aside: the mark after it (、 in 1、, . in 1., ）
    in （1）). A circled number (①) has none: the character is figure and mark at once, so ① and ②
    are one style, not two."""
    typed = split_marker(marker + "x")
    return _CIRCLED if typed is not None and typed[0] == _CIRCLED and typed[2] == marker else marker[-1]


@rule("PF505", "numbering-level-order", "warning", documents_only=True)
def numbering_level_order(ctx):
    r"""（一） above 一、: the levels are typed in the wrong order.

    FAIL doc  测试工会2027年工作计划\n（一）加强学习\n一、读书活动\n（二）加强培训\n一、骨干培训
    FAIL doc  测试工会2027年工作计划\n一、加强学习\n二、关心职工\n（一）生日慰问\n一、疗休养\n三、自身建设
    PASS doc  测试工会2027年工作计划\n一、加强学习\n（一）读书活动\n二、加强培训\n（一）骨干培训
    FAIL doc  测试工会2027年工作计划\n一、总体要求\n坚持以人为本。\n第一部分 重点任务\n1、读书活动
    PASS doc  测试工会2027年工作计划\n第一部分 总体要求\n坚持以人为本。\n第二部分 重点任务\n一、加强学习\n1、读书活动
    PASS doc  测试工会2027年工作计划\n为做好全年工作，特制定本计划。\n1、加强阵地建设，新建书屋2个。\n2、加强队伍建设，培训骨干30人。\n三、开展读书活动\n举办读书会4场。
    """
    # A skip (PF501) where the levels seem inverted is one fault, said once: 1、–4、 then 三、 means
    # 一、 and 二、 are missing, not that 三、 sits under 4、.
    skipped = {anomaly.line for anomaly in ctx.anomalies if anomaly.kind == "skip"}
    for anomaly in ctx.anomalies:  # 一、 typed under （一） while the count of 一、 goes on past it
        if anomaly.kind == "intruder" and anomaly.line not in skipped and not _not_a_list(ctx, anomaly.line):
            yield anomaly.line, anomaly.col, {"child": anomaly.marker, "parent": anomaly.parent}, None
    for _level, item, ancestors in ctx.items():
        if not ancestors or not item.typed_marker or not ancestors[-1].typed_marker:
            continue
        if ctx.at(item, "title")[0] in skipped or _not_a_list(ctx, ctx.at(item, "title")[0]):
            continue
        mine, theirs = split_marker(item.typed_marker + "x"), split_marker(ancestors[-1].typed_marker + "x")
        if mine and theirs and _CANONICAL.get(mine[0], 9) < _CANONICAL.get(theirs[0], 9):
            line, col = ctx.at(item, "title")
            yield line, col, {"child": item.typed_marker, "parent": ancestors[-1].typed_marker}, None


def typed_number_fix(problem) -> Callable[[str], str] | None:
    """The loader's PF504, a number typed into a spec title (title: 一、加强学习), as the rewrite
    of its line `--fix` makes: the number and the space after it go, at the title's own column,
    quotes and the rest of the line as they were. Not where what is left would read as YAML of
    its own (title: 二、"…" would lose its quotes, title: 1.!!str … become a tag)."""
    marker = problem.args.get("marker", "").strip() if problem.code == "PF504" and problem.key == "typed_number" else ""
    if not marker or not problem.col:
        return None
    value = problem.col - 1

    def fix(line: str) -> str:
        quoted = line[value:value + 1] in ("'", '"')
        at = value + quoted
        if not line.startswith(marker, at):
            return line
        end = at + len(marker)
        while line[end:end + 1] in (" ", "\t", "\u3000") and end < len(line):
            end += 1
        if not quoted and line[end:end + 1] in _YAML_INDICATORS:
            return line
        return line[:at] + line[end:]

    return fix


_YAML_INDICATORS = tuple("\"'!&*[]{}|>%@`#,?:-")  # what a plain scalar may not begin with
