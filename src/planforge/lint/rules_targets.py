"""PF1xx: quantified targets. Only about one item in ten of a real plan carries a number."""

from __future__ import annotations

import re

from planforge.lint.registry import rule
from planforge.model.gaps import carries_number, lacks_target

_COUNT_WORDS = re.compile(r"(数|数量|人次|次数|率|指数)$")
_LESS_IS_BETTER = re.compile(r"事故|伤亡|死亡|投诉|上访|支出|费用|成本|能耗|排放|违纪|案件|差错|纠纷")
_VAGUE = re.compile(r"一批|若干|几场|几次|进一步提高|进一步提升|大幅|显著提高|明显提升|不断提高|有所提高")


def hit(ctx, node, field=None, fix=None, **args):
    line, col = ctx.at(node, field)
    return line, col, args, fix


@rule("PF101", "item-without-target", "warning", "该工作事项没有量化指标", "this item has no quantified target",
      "末级事项既没有 targets，正文里也没有数字指标", "a leaf item with no target and no number in its text")
def item_without_target(ctx):
    for level, item, _ancestors in ctx.items():
        if lacks_target(level, item):
            yield hit(ctx, item, "title")


@rule("PF102", "section-without-target", "warning", "“{title}”整个部分没有任何量化指标",
      "the whole section “{title}” has no target at all",
      "整个一级部分没有任何指标", "a whole section with no target at all")
def section_without_target(ctx):
    for section in ctx.plan.sections:
        if not section.items and not section.text:
            continue  # an empty section: PF602 says so
        if not any(carries_number(item) for _lvl, item in section.walk()):
            yield hit(ctx, section, "title", title=section.title)


@rule("PF103", "implausible-target", "error", "指标“{what}”的数值不合理：{why}", "the target “{what}” is implausible: {why_en}",
      "百分比超过 100、负数、有数无单位", "a percentage over 100, a negative count, a number with no unit")
def implausible_target(ctx):
    for _level, item, _ancestors in ctx.items():
        for target in item.targets:
            why = None
            if target.unit == "%" and target.value > 100 and target.op in (None, "=", ">=", ">"):
                why = ("百分比超过 100", "a percentage over 100")
            elif target.value < 0:
                why = ("数值为负", "a negative value")
            elif not target.unit and target.value != 0 and not _COUNT_WORDS.search(target.what):
                why = ("缺少单位", "no unit")
            if why:
                yield hit(ctx, target, "value", what=target.what, why=why[0], why_en=why[1])


@rule("PF104", "target-below-baseline", "warning", "指标“{what}”的目标值 {value} 低于上年基数 {baseline}",
      "the target “{what}” ({value}) is below last year's baseline ({baseline})",
      "增长类指标的目标值低于上年基数", "a growth target set below last year's figure")
def target_below_baseline(ctx):
    for _level, item, _ancestors in ctx.items():
        for target in item.targets:
            if (target.baseline is not None and target.value < target.baseline and target.op not in ("<", "<=")
                    and not _LESS_IS_BETTER.search(target.what)):
                yield hit(ctx, target, "value", what=target.what, value=_n(target.value), baseline=_n(target.baseline))


@rule("PF105", "vague-quantity", "info", "用了“{word}”这样的模糊说法，可以写成具体数字",
      "“{word}” is vague where a number was expected", "一批、若干、进一步提高等模糊数量", "vague quantities such as 一批, 若干, 进一步提高")
def vague_quantity(ctx):
    for _level, item, _ancestors in ctx.items():
        if item.targets:
            continue
        for field_name in ("title", "text"):
            m = _VAGUE.search(getattr(item, field_name) or "")
            if m:
                yield hit(ctx, item, field_name, word=m.group(0))
                break


def _n(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
