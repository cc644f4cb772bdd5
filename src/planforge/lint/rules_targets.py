"""PF1xx: quantified targets. Only about one item in ten of a real plan carries a number."""

from __future__ import annotations

import re
from collections import Counter

from planforge.i18n import line_list
from planforge.lint.context import heading_words
from planforge.lint.rule import rule
from planforge.lint.rules_text import locate
from planforge.model.gaps import carries_number, is_framing
from planforge.model.plan import Item
from planforge.model.targets import find_targets
from planforge.patterns import lazy

_HEAD_COUNTS = ("人", "名", "个", "户", "人次", "家")  # 入会率达到95人: a rate counted in heads
_COUNT_WORDS = lazy(r"(数|数量|人次|次数|率|指数)$")
_LESS_IS_BETTER = lazy(r"事故|伤|死亡|投诉|上访|支出|费用|成本|能耗|排放|违纪|违章|违规|案件|差错|纠纷|隐患|发生率|不合格|流失|污染|噪")
# Words that sound like a figure or a degree and promise none. An item that states a target is
# measured by it, so these are reported only on items without one.
# 各类 (of every kind) names a range, not an amount; 不断 (without pause) says how long, not how much.
_VAGUE = lazy(r"一批|若干|几场|几次|多项|多种形式|一系列|广泛开展|大幅|显著提高|明显提升|有所提高"
                    r"|进一步(?:提高|提升|加强|完善|增强|改善|扩大|深化|推进|强化|加大)"
                    r"|幾場|幾次|多項|多種形式|一系列|廣泛開展|進一步(?:提高|提升|加強|完善|增強|改善|擴大|深化|推進|強化|加大)")


def hit(ctx, node, field=None, fix=None, **args):
    line, col = ctx.at(node, field)
    return line, col, args, fix


def gaps_by_section(ctx, code: str, lacking, variant: str | None = None):
    """Findings for the work items `lacking(level, item, ancestors)` picks (it is asked of work
    items only: ctx.work_items). In a spec, one per item:
    its author fixes them one by one. In a document, one per section (`8/9 个工作事项没有时间安排（第
    … 行）`), at the section's heading: thirty findings for thirty undated paragraphs is noise. A
    plan with no sections above its items is one group, reported at its first such item. A
    document's items in parts that set no work (`ctx.aside`) are not counted. `variant` names the
    sentences a document's findings are said in (`{variant}`, `{variant}_section`)."""
    if not ctx.is_document:
        for level, item, ancestors in ctx.work_items():
            if lacking(level, item, ancestors):
                yield hit(ctx, item, "title")
        return
    groups: dict[int, tuple[Item | None, list[Item], list[Item]]] = {}
    for level, item, ancestors in ctx.work_items():
        if ctx.aside(item):
            continue
        section = ancestors[0] if ancestors else None
        _, judged, missing = groups.setdefault(id(section), (section, [], []))
        judged.append(item)
        if lacking(level, item, ancestors) and not ctx.suppressed(code, ctx.at(item, "title")[0]):
            missing.append(item)
    for section, judged, missing in groups.values():
        if len(missing) == 1:
            item = missing[0]
            yield locate(ctx, item, "title", 0, item.title) + ({"variant": variant} if variant else {}, None)
        elif missing:
            yield hit(ctx, section or missing[0], "title", variant=f"{variant}_section" if variant else "section",
                      count=len(missing), total=len(judged), lines=line_list(_places(ctx, missing)))


def _places(ctx, items: list[Item]) -> list[str]:
    """Where each item is: `15`, or `145:3` where items share a line (一是… run into a paragraph,
    a plan flattened onto one line), the column found by the item's title in the line."""
    found = [locate(ctx, item, "title", 0, item.title) for item in items if ctx.at(item, "title")[0]]
    per_line = Counter(line for line, _col in found)
    shown = (f"{line}:{col}" if per_line[line] > 1 and col is not None else str(line) for line, col in found)
    return list(dict.fromkeys(shown))


@rule("PF101", "item-without-target", "warning")
def item_without_target(ctx):
    r"""A leaf item with no number is a wish, not a plan: reviewers ask "how many?". A number in the
    text counts (征集读书征文200篇), as does a target on the item. Framing parts (指导思想, 主要目标,
    月度安排, 保障措施…) are not work items. A document gets one finding per section.

    A document is not a spec: most of a real plan's items are qualitative (加强思想政治建设) and
    no reviewer asks them for a number. There the rule reports what does promise an amount and
    gives none: an item that will raise, widen or cut something counted (提高参与率, 扩大覆盖面,
    增加福利项目), and a goals part (工作目标) with no figure anywhere. A document that counts
    nearly all its items is judged item by item, as a spec is: there the one without a figure
    is an oversight.

    FAIL  sections: [{title: 加强学习, items: [{title: 开展读书活动, when: 4月}]}]
    PASS  sections: [{title: 加强学习, items: [{title: 开展读书活动, when: 4月, targets: [{what: 读书征文, value: 200, unit: 篇}]}]}]
    PASS  sections: [{title: 加强学习, items: [{title: 开展读书活动, text: 征集读书征文200篇, when: 4月}]}]
    PASS  sections: [{title: 民主管理, items: [{title: 召开第八届教代会, when: 3月}]}]
    PASS  sections: [{title: 指导思想, text: 以习近平新时代中国特色社会主义思想为指导}, {title: 加强学习, text: 全年学习12次, when: 全年}]
    FAIL doc  测试工会2027年工作计划\n一、服务职工\n1.扩大职工互助保障覆盖面，3月启动。\n2.加强职工之家建设。
    FAIL doc  测试工会2027年工作计划\n一、工作目标\n1.职工素质明显提高。\n2.服务水平不断提升。\n二、加强学习\n1.开展读书活动，全年4次。
    PASS doc  测试工会2027年工作计划\n一、服务职工\n1.扩大职工互助保障覆盖面，参保率达到95%。\n2.加强职工之家建设。
    PASS doc  测试工会2027年工作计划\n一、工作目标\n1.职工读书参与率达到80%。\n2.服务水平不断提升。\n二、加强思想建设\n1.加强职工思想政治引领。
    """
    if not ctx.is_document:
        yield from gaps_by_section(ctx, "PF101", lambda level, item, ancestors: not carries_number(item))
        return
    yield from _goals_without_figure(ctx)
    if counts_most(ctx, lambda level, item, ancestors: carries_number(item)):
        yield from gaps_by_section(ctx, "PF101", lambda level, item, ancestors: (
            not carries_number(item) and not in_goals(ancestors)))
    else:
        yield from gaps_by_section(ctx, "PF101", _promises_amount, variant="change")


def in_goals(ancestors: list[Item]) -> bool:
    """Whether an item lies in a goals part (工作目标, 主要预期目标): a goal, judged with its part."""
    return any(_GOALS.search(heading_words(a.title)) for a in ancestors)


def counts_most(ctx, has) -> bool:
    """Whether a document gives most of its work items what `has(level, item, ancestors)` tests
    (a figure, a time): at least three in four of four or more. Such a plan's style is to state
    it, and the item without it is an oversight, reported as in a spec; in a plan that states it
    for a few items only, its absence is the plan's style and only the rule's own cases are."""
    work = [entry for entry in ctx.work_items() if not ctx.aside(entry[1]) and not in_goals(entry[2])]
    return len(work) >= 4 and sum(1 for entry in work if has(*entry)) * 4 >= len(work) * 3


# What a plan can raise, widen or cut by an amount: a rate, a coverage, a count of people or
# things, money (效率 and 频率 are rates no plan measures itself by).
_AMOUNT = (r"(?:(?<![效频])率|覆盖面|覆盖范围|面积|人数|人次|户数|数量|次数|规模|比例|比重|总量|总额|金额|收入|工资"
           r"|经费|名额|项目|容量|产值|满意度|知晓度|参与度)")
_CHANGE = r"(?:提高|提升|增加|增长|扩大|降低|减少|下降|缩短|压缩|压减|翻番|增至|降至)"
# The verb and the amount in one phrase, either way round (扩大覆盖面, 满意度明显提升); the amount
# ends its phrase (增加福利项目，…) rather than qualifying a noun (提升项目管理水平).
_MEASURABLE_CHANGE = lazy(
    rf"{_CHANGE}[^，,。；;：:、！!？?]{{0,10}}?{_AMOUNT}[\u4e00-\u9fff]{{0,2}}(?=[，,。；;：:、！!？?\s)）]|$)"
    rf"|{_AMOUNT}[^，,。；;：:、！!？?]{{0,4}}?{_CHANGE}")
_GOALS = lazy(r"(?:目标|目標)(?:任务|任務)?$")


# More kinds of a thing, named (增加福利项目，如节日福利、岗位津贴等): the list says what is added.
_NAMED_KINDS = lazy(r"(?:项目|种类|品种)[^。；;]{0,4}?(?:如|包括|例如|比如)[^。；;]*、")


def _promises_amount(level: int, item: Item, ancestors: list[Item]) -> bool:
    """A document's work item that will change an amount (see _MEASURABLE_CHANGE) and says by how
    much nowhere in its title or text (asked of work items only)."""
    if carries_number(item) or in_goals(ancestors):
        return False  # a goal is _goals_without_figure's
    words = f"{item.title}。{item.text or ''}"
    return any(not _NAMED_KINDS.match(words, m.end() - _kind_length(m.group(0)))
               for m in _MEASURABLE_CHANGE.finditer(words))


def _kind_length(phrase: str) -> int:
    """How far back from a phrase's end its kind noun (项目…) starts, if it ends in one."""
    found = re.search(r"(?:项目|种类|品种)[\u4e00-\u9fff]{0,2}$", phrase)
    return len(phrase) - found.start() if found else 0


def _goals_without_figure(ctx):
    """A goals part (工作目标, 总体目标) of a document with no figure in it or under it: goals
    nothing can be measured by. Reported once, at the outermost such heading."""
    reported: set[int] = set()
    for _level, item, ancestors in ctx.items():
        words = heading_words(item.title)
        if (len(words) > 16 or not _GOALS.search(words) or ctx.aside(item)
                or any(id(a) in reported for a in ancestors)):
            continue
        reported.add(id(item))
        if (not any(carries_number(node) for _lvl, node in item.walk())
                and not ctx.suppressed("PF101", ctx.at(item, "title")[0])):
            yield hit(ctx, item, "title", variant="goals", title=words)


@rule("PF102", "section-without-target", "warning")
def section_without_target(ctx):
    """A whole part of the plan with no figure anywhere usually means it was copied, not planned.
    A section without items is an item itself (PF101's); in a document PF101's count per section
    already says it (9/9 个工作事项没有量化指标), so PF102 judges specs only.

    FAIL  sections: [{title: 加强学习, items: [{title: 开展读书活动, when: 4月}]}]
    PASS  sections: [{title: 加强学习, items: [{title: 开展读书活动, when: 4月, text: 征集读书征文200篇}]}]
    """
    if ctx.is_document:
        return
    for section in ctx.plan.sections:
        if not section.items or is_framing(section):
            continue
        if not any(carries_number(item) for _lvl, item in section.walk()):
            yield hit(ctx, section, "title", title=section.title)


@rule("PF106", "item-without-owner", "info")
def item_without_owner(ctx):
    """An item nobody answers for, in a plan that names who answers for most items: the gap is
    an oversight, not the plan's style. (A plan naming no owners at all is left alone.)

    FAIL  sections: [{title: 学习, items: [{title: 读书, text: 征文200篇, when: 4月, owner: 宣教部}, {title: 宣讲, text: 宣讲10场, when: 5月, owner: 宣教部}, {title: 调研, text: 调研3次, when: 6月}]}]
    PASS  sections: [{title: 学习, owner: 宣教部, items: [{title: 读书, text: 征文200篇, when: 4月}, {title: 调研, text: 调研3次, when: 6月}]}]
    PASS  sections: [{title: 学习, items: [{title: 读书, text: 征文200篇, when: 4月}, {title: 调研, text: 调研3次, when: 6月}]}]
    """
    # A document that ends with no closing (no signature, no date) may be the opening of a page:
    # the owner lines that follow its last item (牵头单位：…) may lie past where the copy stops.
    open_end = ctx.is_document and not (ctx.plan.signature or ctx.plan.date) and ctx.items()
    last = ctx.items()[-1][1] if open_end else None

    def unowned(level, item, ancestors) -> bool:
        return not item.owner and not any(a.owner for a in ancestors) and item is not last

    work = ctx.work_items()
    missing = sum(1 for entry in work if unowned(*entry))
    if missing and missing * 2 <= len(work):
        yield from gaps_by_section(ctx, "PF106", unowned)


@rule("PF103", "implausible-target", "error")
def implausible_target(ctx):
    """A value no reader can take at face value: over 100 %, negative, or a count with no unit. The
    loader accepts it (so every other finding is reported too); this rule judges it.

    FAIL  sections: [{title: 加强学习, text: 学习, targets: [{what: 职工参与率, value: 120, unit: "%"}]}]
    FAIL  sections: [{title: 加强学习, text: 学习, targets: [{what: 创建示范点, value: 3}]}]
    FAIL  sections: [{title: 加强学习, text: 学习, targets: [{what: 职工入会率, value: 95, unit: 人}]}]
    FAIL  sections: [{title: 签订集体合同, text: 集体合同覆盖率达到120%, when: 6月}]
    PASS  sections: [{title: 加强学习, text: 学习, targets: [{what: 职工参与率, value: 95, unit: "%"}]}]
    """
    for _level, item, _ancestors in ctx.items():
        for target in item.targets:
            why = _implausible(target.what, target.value, target.unit, target.op)
            if why:
                yield hit(ctx, target, "value", what=target.what, why=why[0], why_en=why[1])
        if ctx.is_document:
            continue  # a document's figures are its targets already
        for field_name in ("title", "text"):  # a spec's figures written in prose: 覆盖率达到120%
            text = getattr(item, field_name) or ""
            for found in find_targets(text) if _DIGIT.search(text) and _MAY_BE_IMPLAUSIBLE.search(text) else ():
                why = _implausible(found.what, found.value, found.unit, found.op)
                if why:
                    line, col = locate(ctx, item, field_name, found.start, text)
                    yield line, col, {"what": found.what, "why": why[0], "why_en": why[1]}, None


# What a figure in prose needs for _implausible to object: a percentage (%, 百分之, 八成), a sign,
# or a rate (率) counted in people. Found targets always carry a unit, so "no unit" cannot fire.
_MAY_BE_IMPLAUSIBLE = lazy(r"[%％成\-−率]|百分之")
_DIGIT = lazy(r"\d")


# 完成目标的130%, 同比增长150%: a share of a target or a growth may pass 100 (a summary's figures).
_A_RATE_OF_DOING = lazy(r"完成(?:目标|计划|任务)?的?$|完成率|增长|增幅|提高|提升|同比|超额")


def _implausible(what: str, value: float, unit: str | None, op: str | None) -> tuple[str, str] | None:
    """Why no reader can take the value at face value, in Chinese and English; None when they can."""
    if unit == "%" and value > 100 and op in (None, "=", ">=", ">") and not _A_RATE_OF_DOING.search(what):
        return "百分比超过 100", "a percentage over 100"
    if value < 0:
        return "数值为负", "a negative value"
    if not unit and value != 0 and not _COUNT_WORDS.search(what):
        return "缺少单位", "no unit"
    if unit in _HEAD_COUNTS and re.search(r"率$", what):
        return f"“{what}”是比率，单位却是“{unit}”", f"“{what}” is a rate, yet its unit is “{unit}”"
    return None


@rule("PF104", "target-below-baseline", "warning")
def target_below_baseline(ctx):
    r"""A growth target under last year's figure is usually last year's number typed twice; a target
    where less is better (事故, 投诉, 成本) is meant to fall.

    FAIL  sections: [{title: 培训, text: 培训, targets: [{what: 培训职工, value: 100, unit: 人, baseline: 120}]}]
    PASS  sections: [{title: 安全, text: 安全, targets: [{what: 安全事故, value: 1, unit: 起, op: "<=", baseline: 2}]}]

    A document states the baseline in words: 由上年的98%调为96%.

    FAIL doc  测试工会2027年工作计划\n一、会员发展\n1. 职工入会率由上年的98%调为96%。
    PASS doc  测试工会2027年工作计划\n一、安全生产\n1. 轻伤率由上年的0.5‰调为0.4‰。
    """
    for _level, item, _ancestors in ctx.items():
        for target in item.targets:
            if (target.baseline is not None and target.value < target.baseline and target.op not in ("<", "<=")
                    and not _LESS_IS_BETTER.search(target.what)):
                yield hit(ctx, target, "value", what=target.what, value=_n(target.value), baseline=_n(target.baseline))
    if ctx.is_document:
        for node, field_name, text in ctx.texts():
            if not _LAST_YEAR_FIGURE.search(text):  # what _LOWERED cannot match without, found fast
                continue
            for m in _LOWERED.finditer(text):
                what = m.group("what") or m.group("metric")
                if float(m.group("new")) < float(m.group("old")) and not _LESS_IS_BETTER.search(what):
                    line, col = locate(ctx, node, field_name, m.start("new"), text)
                    yield line, col, {"what": what.strip("的 "), "value": m.group("new") + m.group("unit"),
                                      "baseline": m.group("old") + m.group("unit")}, None


# 入会率由上年的98%调为96%, 从去年的1200人减少到1000人: a new figure set against last year's in one
# clause. Lower is a cut unless the metric is one where less is better (事故, 投诉…).
_FROM_LAST_YEAR = r"(?:由|从)(?:上年|去年|上一年|(?:19|20)\d\d年)"  # what both patterns below must hold
_LOWERED = lazy(
    rf"(?P<what>[^，。；,;：:]{{0,16}}?){_FROM_LAST_YEAR}度?的?(?P<metric>[^\d，。；,;]{{0,8}}?)"
    r"(?P<old>\d+(?:\.\d+)?)(?P<unit>%|‰|[\u4e00-\u9fff]{1,2})[^\d，。；,;]{0,4}?"
    r"(?:调整?|下调|降低?|减少|压缩|改)?(?:为|到|至)(?P<new>\d+(?:\.\d+)?)(?P=unit)")
_LAST_YEAR_FIGURE = lazy(_FROM_LAST_YEAR)


@rule("PF105", "vague-quantity", "info")
def vague_quantity(ctx):
    """一批, 若干, 进一步提高: words that sound like a figure and promise none.

    FAIL  sections: [{title: 加强阵地建设, items: [{title: 培育一批职工书屋, when: 6月}]}]
    PASS  sections: [{title: 加强阵地建设, items: [{title: 培育职工书屋, when: 6月, targets: [{what: 职工书屋, value: 3, unit: 个}]}]}]
    """
    for _level, item, ancestors in ctx.items():
        if item.targets or is_framing(item) or any(is_framing(a) for a in ancestors) or ctx.aside(item):
            continue  # a preamble's or a guiding idea's rhetoric promises no figure in the first place
        for field_name in ("title", "text"):
            m = _VAGUE.search(getattr(item, field_name) or "")
            if m:
                yield hit(ctx, item, field_name, word=m.group(0))
                break


def _n(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
