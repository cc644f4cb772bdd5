"""PF6xx: the document as a whole."""

from __future__ import annotations

import re

from planforge.i18n import Bilingual, line_list
from planforge.lint.rule import rule
from planforge.model.text import names_the_schedule
from planforge.patterns import lazy


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
    PASS doc  2027年工会工作计划\n一、加强学习\n3月：读书活动\n二、服务职工\n1. 送温暖，慰问100户
    PASS doc  2027年工会工作计划\n一、开展读书活动\n二、开展健身活动
    PASS doc  2027年工会工作计划\n一、开展读书活动，全年征文200篇\n二、服务职工\n1. 送温暖，慰问100户

    A heading that names the schedule (月度工作安排) stands for it when the plan has one: an
    import reads the month lines under it into the schedule, apart from the sections.

    PASS  sections: [{title: 加强学习, text: 组织学习。}, {title: 月度工作安排}], schedule: [{when: 3月, tasks: [{text: 读书活动}]}]
    FAIL  sections: [{title: 加强学习, text: 组织学习。}, {title: 月度工作安排}]
    """
    if ctx.is_document and not any(section.items for section in ctx.plan.sections):
        return
    filled = ctx.sections_with_schedule() if ctx.is_document else set()
    for section in ctx.plan.sections:
        if ctx.is_document and re.search(r"[，,。；;]", section.title):
            continue
        if ctx.plan.schedule and names_the_schedule(section.title):
            continue  # 月度工作安排 over the schedule an import read apart: the heading stands for it
        if not section.items and not section.text and not section.targets and id(section) not in filled:
            yield ctx.at(section, "title") + ({"title": section.title}, None)


# A year left as a template slot: 20XX年, 20__年, 20_年, 20**年.
_YEAR_SLOT = lazy(r"20(?:[xX×*]{2}|[_＿]{1,2}(?![_＿]))")


@rule("PF603", "missing-element", "warning")
def missing_element(ctx):
    r"""What every 公文 carries: a title with the year in it, the organisation, the date. One finding
    per plan names all that is missing, at the title (or where the untitled plan starts).

    FAIL  date: null
    FAIL  title: 测试工会工作计划
    FAIL doc  一、加强学习\n1.开展读书活动，全年4次\n测试工会\n2027年1月8日
    FAIL doc  测试工会2027年工作计划\n一、加强学习\n1.开展读书活动，全年4次。\n2.开展健步走活动，全年开展。
    PASS  title: 测试工会2027年工作计划
    PASS doc  测试工会2027年工作计划\n一、加强学习\n1.开展读书活动，全年4次。\n2.开展职工健步走活动，参与率达到9
    PASS doc  社区工作计划\n为巩固创建成果，特制定20__年度工作计划。\n一、环境管理\n1.设立环境监督员3名，每月巡查1次。\n2.设立社

    A document that stops mid-sentence is a page's opening: its signature and date would follow
    past the cut, so only what its opening shows (the title, the year in it) is judged. A plan
    issued by a cover notice (…现印发给你们 / 单位 / 日期 above its title) is signed and dated by
    it. A year
    written as a slot (20__年, 20XX年) in the title or the preamble is PF401's unfilled year.
    """
    plan = ctx.plan
    missing = []
    if ctx.untitled:
        missing.append(("标题", "the title"))
    if not plan.organization and not plan.signature and not ctx.cut and not ctx.covered:
        missing.append(("单位（organization）", "the organisation (organization)"))
    if not plan.date and not ctx.cut and not ctx.covered:
        missing.append(("成文日期（date）", "the date of the document (date)"))
    if (plan.year and not ctx.untitled and not re.search(str(plan.year), plan.title)
            and not any(_YEAR_SLOT.search(text or "") for text in (plan.title, plan.preamble))):
        missing.append(("标题中的年度", "the year in the title"))
    if missing:  # one finding per plan: a web page's six plans without dates are six problems, not eighteen
        elements = Bilingual("、".join(zh for zh, _ in missing), "; ".join(en for _, en in missing))
        yield ctx.at(plan, "title") + ({"elements": elements}, None)


@rule("PF604", "page-residue", "warning", documents_only=True)
def page_residue(ctx):
    r"""Text a web page put around the plan: its address, 发布时间/浏览次数, 当前位置, 扫一扫, an
    editor's 下面是小编整理的…, a trailing 相关文章 list. The importer leaves it out; a document
    handed in with it shows where it was copied from. One finding per file, the lines listed.

    FAIL doc  测试工会2027年工作计划\n发布时间：2027-01-05 浏览次数：120\n一、加强学习，全年4次\n测试工会\n2027年1月8日
    PASS doc  测试工会2027年工作计划\n一、加强学习，全年4次\n测试工会\n2027年1月8日
    """
    # a page label inside a line of the plan's (…全年1次。第2页 共3页) is chrome too; its line is read
    residue = [repair for repair in ctx.repairs if repair.kind in ("noise-line", "page-label") and repair.line]
    if residue:
        lines = line_list(repair.line for repair in residue)
        yield residue[0].line, None, {"text": residue[0].text[:30], "count": len(residue), "lines": lines}, None
