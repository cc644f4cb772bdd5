"""A 工作总结 read into last year's progress record (readers/summary.py): found by the words of
each item's title, figures matched to targets by name, every guess marked for review, and the
text it writes loads as a record of that plan (`import --progress-for` end to end is in
tests/cli/test_year.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from planforge.fileio import SourceFile
from planforge.model.plan import Plan
from planforge.readers import document_blocks
from planforge.readers.summary import match_summary, record_from_summary, status_from_text, summary_part
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


RECORDED = [  # (item, progress set arguments): every status, and outcomes of every kind
    ("jingsai", "-s", "done", "--actual", "1650", "--what", "参加", "--date", "2027-06-08"),
    ("jingsai", "--actual", "0", "--what", "工人先锋号", "--date", "2027-06-08"),
    ("chuangxin", "-s", "in-progress", "--actual", "80", "--date", "2027-05-02"),
    ("zhidaihui", "-s", "done", "--actual", "1", "--date", "2027-03-20"),
    ("xieshang", "-s", "done", "--actual", "97.5", "--date", "2027-11-20"),
    ("songwennuan", "-s", "延期", "--note", "资金未到位"),
    ("wenti", "-s", "取消", "--note", "场馆维修"),
    ("peixun", "-s", "done", "--actual", "48", "--date", "2027-04-28"),
    ("jingfei", "-s", "done", "--actual", "0", "--date", "2027-12-01"),
]


@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_planforges_own_report_comes_back_whole(tmp_path: Path, cli, fmt):
    """report(plan, record) → import --progress-for gives the record back: every status, every
    actual (a zero, a rate, a figure short of its target, a ceiling kept included)."""
    plan = tmp_path / "plan-2027.yaml"
    assert cli("new", "--org", "测试区总工会", "--year", "2027", "-o", str(plan)).returncode == 0
    text = plan.read_text(encoding="utf-8")
    old = "what: 经费审查审计\n            value: 2\n            unit: 次\n            op: \">=\""
    assert old in text
    plan.write_text(text.replace(old, "what: 经费违规问题\n            value: 0\n            unit: 次\n            op: \"<=\""), encoding="utf-8")
    assert cli("progress", "init", str(plan)).returncode == 0
    for step in RECORDED:
        result = cli("progress", "set", str(plan), *step)
        assert result.returncode == 0, result.stderr
    report = tmp_path / f"2027年工作总结.{fmt}"
    assert cli("report", str(plan), "-o", str(report), "--date", "2027-12-20").returncode == 0
    back = tmp_path / "back.progress.yaml"
    result = cli("import", str(report), "--progress-for", str(plan), "-o", str(back))
    assert result.returncode == 0, result.stderr
    recorded = yaml.safe_load((tmp_path / "plan-2027.progress.yaml").read_text(encoding="utf-8"))["items"]
    read = yaml.safe_load(back.read_text(encoding="utf-8"))["items"]
    leaves = [key for key in recorded if key not in ("jiangong", "weiquan", "fuwu", "zuzhi")]
    assert {k: read[k]["status"] for k in leaves} == {k: recorded[k]["status"] for k in leaves}
    assert {(k, t["what"]): t["actual"] for k in leaves for t in read[k].get("targets", [])} == \
        {(k, t["what"]): t["actual"] for k in leaves for t in recorded[k].get("targets", [])}


WRITTEN_PLAN = Plan.model_validate({
    "title": "测试区总工会2026年工作计划", "year": 2026,
    "sections": [{"title": "重点工作", "items": [
        {"id": "zhidaihui", "title": "召开职工代表大会"},
        {"id": "jingsai", "title": "开展劳动和技能竞赛", "targets": [{"what": "参赛职工", "value": 2000, "unit": "人次"}]},
        {"id": "peixun", "title": "举办工会干部培训班", "targets": [{"what": "培训工会干部", "value": 500, "unit": "人"}]},
        {"id": "xieshang", "title": "推进工资集体协商", "targets": [{"what": "集体合同签订率", "value": 95, "unit": "%"}]},
        {"id": "yundonghui", "title": "举办职工运动会"},
        {"id": "shuwu", "title": "建设职工书屋"},
        {"id": "bangfu", "title": "帮扶困难职工", "targets": [{"what": "帮扶困难职工", "value": 1500, "unit": "人"}]},
        {"id": "yanjiang", "title": "举办职工演讲比赛"},
    ]}],
})
# Written for this test in the ways summaries write (not copied from any document).
WRITTEN_SUMMARY = (
    "测试区总工会2026年工作总结\n\n"
    "一年来，区总工会围绕中心工作开展了以下工作：一是按期召开职代会，审议通过了集体合同草案；"
    "二是深入开展劳动和技能竞赛，参赛职工达2300余人次；三是举办工会干部培训班，培训工会干部600多人。\n\n"
    "工资集体协商稳步推进，集体合同签订率达到百分之九十七点五。\n\n"
    "原定举办的职工运动会因场馆改造取消。职工书屋建设基本完成，已配备图书3000册。"
    "职工演讲比赛因疫情推迟到明年举办。\n\n"
    "| 工作 | 完成情况 |\n|---|---|\n| 帮扶困难职工 | 全年帮扶困难职工1,650人 |\n"
)


def test_a_summary_is_read_sentence_by_sentence(tmp_path: Path):
    path = tmp_path / "总结.md"
    path.write_text(WRITTEN_SUMMARY, encoding="utf-8")
    matches = {m.item.id: m for m in match_summary(WRITTEN_PLAN, document_blocks(path))}
    assert all(m.excerpt is not None for m in matches.values()), [k for k, m in matches.items() if m.excerpt is None]
    assert {k: m.status for k, m in matches.items()} == {
        "zhidaihui": "done", "jingsai": "done", "peixun": "done", "xieshang": "done",
        "yundonghui": "cancelled", "shuwu": "in-progress", "bangfu": "done", "yanjiang": "postponed"}
    assert {k: m.actuals for k, m in matches.items() if m.actuals} == {
        "jingsai": {"参赛职工": 2300}, "peixun": {"培训工会干部": 600}, "xieshang": {"集体合同签订率": 97.5},
        "bangfu": {"帮扶困难职工": 1650}}
    assert matches["zhidaihui"].excerpt.startswith("一是按期召开职代会")  # 职代会 is 职工代表大会


@pytest.mark.parametrize("sentence, actual", [
    ("全年培训工会干部一千零五十人。", 1050), ("全年培训工会干部二千〇八人。", 2008), ("全年培训工会干部三百零五人。", 305),
    ("全年培训工会干部1,050人。", 1050), ("全年培训工会干部一千二百余人。", 1200),
])
def test_a_figure_in_words_is_read_whole(tmp_path: Path, sentence, actual):
    """一千零五十人 is 1050 people, not 50: a 零 inside a figure written in words is part of it."""
    plan = Plan.model_validate({"title": "测试区总工会2026年工作计划", "year": 2026, "sections": [{"title": "重点工作", "items": [
        {"id": "peixun", "title": "举办工会干部培训班", "targets": [{"what": "培训工会干部", "value": 500, "unit": "人"}]}]}]})
    path = tmp_path / "总结.md"
    path.write_text(f"测试区总工会2026年工作总结\n\n一、举办工会干部培训班\n\n{sentence}\n", encoding="utf-8")
    (match,) = match_summary(plan, document_blocks(path))
    assert match.actuals == {"培训工会干部": actual}


@pytest.mark.parametrize("text, state", [
    ("已完成，参加竞赛的职工1650人", "done"), ("未完成（延期），资金未到位", "postponed"),
    ("未完成（已取消），场馆维修", "cancelled"), ("正在推进，建议80条", "in-progress"),
    ("已完成，培训48人次，未完成目标（60人次以上），【待补充：未完成的原因】", "done"),
    ("因经费原因未能开展", "not-started"), ("按计划在下半年开展", "not-started"),
    # a sentence that opens done is done, whatever its detail says later (the report's own note)
    ("已完成，原定4月的培训推迟到7月举办", "done"), ("已完成，正在总结经验", "done"),
    # ... but a clause that only mentions 完成 is no such status
    ("原计划6月完成，因资金问题推迟到明年", "postponed"), ("计划于10月完成，目前正在推进", "in-progress"),
    ("难以完成，已取消", "cancelled"), ("该项工作需在年底完成，目前尚未启动", "not-started"),
])
def test_the_status_is_read_from_the_words(text, state):
    assert status_from_text(text) == state
