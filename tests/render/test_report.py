"""The year's documents from the model: the draft 工作总结 (`report`) as a `Renderable` laid out
like the plan, and `status --format md`. The CLI's whole year is tests/cli/test_year.py."""

from __future__ import annotations

import datetime as dt
import io

import docx
from year_sample import PLAN, RECORD

from planforge.model.record import ItemProgress
from planforge.model.status import year_status
from planforge.render.formats import render_renderable
from planforge.render.report import report_renderable
from planforge.render.status import status_markdown


def test_the_summary_is_a_plan_with_its_completion_table_attached():
    document = report_renderable(PLAN, RECORD, dt.date(2027, 12, 20))
    assert document.markdown_template == "report.md.j2" and document.plan.title == "测试工会2027年工作总结"
    assert [s.title for s in document.plan.sections] == ["建功立业", "送温暖", "存在的问题和不足", "经验体会和明年工作思路"]
    said = {item.title: item.text for item in document.plan.sections[0].items}
    assert said == {"技能竞赛": "已完成，参赛职工1650人，完成目标的330%。",
                    "合理化建议": "正在推进，建议80条，未完成目标（100条），已征集80条，【待补充：未完成的原因】。",  # due in May
                    "职工培训": "未完成（未开始），【待补充：未完成的原因】。"}
    assert document.view.attachments == ["2027年目标任务完成情况一览表"]
    assert document.view.status["totals"]["done"] == 1  # for a report template of one's own
    md = render_renderable(document, "md").decode("utf-8")
    assert "| 1 | 参赛职工 | 500人 | 1650人 | 330% | 已达到 |" in md and "附件：2027年目标任务完成情况一览表" in md  # one attachment: not numbered


def test_a_half_year_summary_leaves_the_second_half_to_come():
    document = report_renderable(PLAN, RECORD, dt.date(2027, 6, 20), half=True)
    assert document.plan.title == "测试工会2027年上半年工作总结"
    assert document.plan.sections[0].items[2].text == "按计划在下半年开展。"
    assert document.plan.sections[-1].title == "下一步工作打算"
    # an item due later that is already done, or under way, says so; the totals count what was due by June
    record = RECORD.model_copy(deep=True)
    record.items["c"] = ItemProgress(status="已完成", finished=dt.date(2027, 5, 20), note="提前完成全员轮训")
    record.items["d"] = ItemProgress(status="进行中", started=dt.date(2027, 1, 10))
    early = report_renderable(PLAN, record, dt.date(2027, 6, 20), half=True)
    assert early.plan.sections[0].items[2].text == "已完成，提前完成全员轮训。"
    assert early.plan.sections[1].text == "正在推进。"
    assert "上半年计划事项2项，已完成1项" in (early.plan.preamble or "")


def test_the_summary_in_word_is_laid_out_like_the_plan():
    data = render_renderable(report_renderable(PLAN, RECORD, dt.date(2027, 12, 20)), "docx")
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == "测试工会2027年工作总结"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:2] == ["一、建功立业", "二、送温暖"]
    assert [c.text for c in document.tables[-1].rows[2].cells] == ["2", "建议", "100条", "80条", "80%", "未达到"]


def test_the_status_in_markdown():
    md = status_markdown(year_status(PLAN, RECORD, dt.date(2027, 7, 15)))
    assert md.startswith("# 测试工会2027年工作计划：进度（截至 2027-07-15）\n")
    assert "| 合理化建议 | 5月 | 进行中 | 已征集80条 |" in md  # the overdue items, with why
    assert "| 参赛职工 | 500人 | 1650人 | 330% | 已达到 |" in md
    assert md.rstrip().endswith("| · | · | 1/1 | · | 0/1 | · | **▶·** | · | · | · | · | 0/2 |")  # July marked
