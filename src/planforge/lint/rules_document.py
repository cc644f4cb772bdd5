"""PF6xx: the document as a whole."""

from __future__ import annotations

import re

from planforge.lint.registry import rule


@rule("PF601", "looks-like-summary", "info", "这份文档读起来像工作总结而不是计划；指标和时间规则已放宽为提示",
      "this reads as a summary, not a plan; target and date rules are softened",
      "文档像总结（“了”多、一年来、截至）", "the document reads as a retrospective")
def looks_like_summary(ctx):
    if ctx.summary:
        yield ctx.at(ctx.plan, "title") + ({}, None)


@rule("PF602", "empty-section", "warning", "“{title}”部分没有任何事项或正文", "the section “{title}” has no items and no text",
      "一级部分既无事项也无正文", "a section with no items and no text")
def empty_section(ctx):
    for section in ctx.plan.sections:
        if not section.items and not section.text and not section.targets:
            yield ctx.at(section, "title") + ({"title": section.title}, None)


@rule("PF603", "missing-element", "warning", "缺少{element_zh}", "missing: {element_en}",
      "缺少标题、单位、年度、落款或成文日期", "no title, organisation, year, signature or date")
def missing_element(ctx):
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
