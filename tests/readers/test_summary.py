"""A 工作总结 read into last year's progress record (readers/summary.py): found by the words of
each item's title, figures matched to targets by name, every guess marked for review, and the
text it writes loads as a record of that plan (`import --progress-for` end to end is in
tests/cli/test_year.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planforge.fileio import SourceFile
from planforge.model.plan import Plan
from planforge.readers import document_blocks
from planforge.readers.summary import match_summary, record_from_summary, summary_part
from planforge.spec.record import load_progress_text

PLAN = Plan.model_validate({
    "title": "测试区总工会2026年工作计划", "year": 2026, "date": dt.date(2026, 1, 8),
    "sections": [{"title": "建功立业", "items": [
        {"id": "jingsai", "title": "深入开展劳动和技能竞赛",
         "targets": [{"what": "参加劳动和技能竞赛的职工", "value": 500, "unit": "人"}]},
        {"id": "xieshang", "title": "推进工资集体协商", "targets": [{"what": "集体合同签订率", "value": 90, "unit": "%"}]},
        {"id": "peixun", "title": "举办工会干部培训班"},
    ]}],
})
SUMMARY = ("测试区总工会2026年工作总结及2027年工作计划\n\n一、2026年工作总结\n"
           "（一）劳动和技能竞赛扎实开展。参加劳动和技能竞赛的职工达到1650人。\n"
           "（二）工资集体协商稳步推进，集体合同签订率达到96%。\n\n"
           "二、2027年工作计划\n（一）继续举办工会干部培训班，培训120人。\n")


def _blocks(tmp_path: Path):
    path = tmp_path / "总结.txt"
    path.write_text(SUMMARY, encoding="utf-8")
    return document_blocks(path)


def test_the_plan_part_of_a_summary_and_plan_is_not_read_as_the_summary(tmp_path: Path):
    blocks = _blocks(tmp_path)
    kept = [b.text for b in summary_part(blocks)]
    assert any("劳动和技能竞赛扎实开展" in text for text in kept)
    assert not any("培训班" in text for text in kept)  # next year's plan says nothing of last year


def test_items_are_found_by_their_titles_words_and_figures_by_their_names(tmp_path: Path):
    matches = {m.item.id: m for m in match_summary(PLAN, _blocks(tmp_path))}
    assert matches["jingsai"].actuals == {"参加劳动和技能竞赛的职工": 1650}
    assert matches["xieshang"].actuals == {"集体合同签订率": 96}
    assert matches["jingsai"].excerpt.startswith("（一）劳动和技能竞赛扎实开展") and matches["jingsai"].score >= 0.45
    assert matches["peixun"].excerpt is None  # only in next year's plan


def test_the_record_written_is_a_record_of_the_plan_with_every_guess_marked(tmp_path: Path):
    text = record_from_summary(PLAN, "plan-2026.yaml", match_summary(PLAN, _blocks(tmp_path)), "总结.txt")
    record = load_progress_text(SourceFile(tmp_path / "plan-2026.progress.yaml", text, "utf-8"), PLAN).record
    assert {key: item.status for key, item in record.items.items()} == {"jingsai": "已完成", "xieshang": "已完成", "peixun": "未开始"}
    assert record.items["jingsai"].targets[0].actual == 1650
    assert text.count("# 待确认") == 3 and "总结中未找到此事项" in text
