"""PF6xx: the document as a whole."""

from __future__ import annotations

import re

from planforge.lint.rule import rule


@rule("PF601", "looks-like-summary", "info")
def looks_like_summary(ctx):
    r"""A document that reports last year (一年来, 完成了) rather than plans the next: its target and date
    findings are softened to info, because a summary is not expected to carry them.

    FAIL doc  测试工会2026年工作总结\n一年来，我们完成了各项任务。\n一、完成了职工培训\n二、举办了运动会
    PASS doc  测试工会2027年工作计划\n一、加强学习\n二、加强培训
    """
    if ctx.summary:
        yield ctx.at(ctx.plan, "title") + ({}, None)


@rule("PF602", "empty-section", "warning")
def empty_section(ctx):
    r"""A part with a heading and nothing under it. In a document whose top level is a list of
    one-sentence items there are no parts to be empty, and a sentence (with its commas) is an
    item, not a heading.

    FAIL  sections: [{title: 加强学习}]
    PASS  sections: [{title: 加强学习, text: 组织职工学习。}]
    FAIL doc  2027年工会工作计划\n一、加强学习\n二、服务职工\n1. 送温暖，慰问100户
    PASS doc  2027年工会工作计划\n一、开展读书活动\n二、开展健身活动
    PASS doc  2027年工会工作计划\n一、开展读书活动，全年征文200篇\n二、服务职工\n1. 送温暖，慰问100户
    """
    if ctx.is_document and not any(section.items for section in ctx.plan.sections):
        return
    for section in ctx.plan.sections:
        if ctx.is_document and re.search(r"[，,。；;]", section.title):
            continue
        if not section.items and not section.text and not section.targets:
            yield ctx.at(section, "title") + ({"title": section.title}, None)


@rule("PF603", "missing-element", "warning")
def missing_element(ctx):
    """What every 公文 carries: the organisation, the date, the year in the title.

    FAIL  date: null
    FAIL  title: 测试工会工作计划
    PASS  title: 测试工会2027年工作计划
    """
    plan = ctx.plan
    missing = []
    if not plan.organization and not plan.signature:
        missing.append(("单位（organization）", "the organisation (organization)"))
    if not plan.date:
        missing.append(("成文日期（date）", "the date of the document (date)"))
    if plan.year and not re.search(rf"{plan.year}|20[xX]{{2}}", plan.title):
        missing.append(("标题中的年度", "the year in the title"))
    for element_zh, element_en in missing:
        yield ctx.at(plan, "title") + ({"element_zh": element_zh, "element_en": element_en}, None)
