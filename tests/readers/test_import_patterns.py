"""Layouts real plans use, each in a few lines of the kind seen in scraped and Word documents
(the corpus has whole files; these say which pattern a failure is about)."""

import datetime as dt
from pathlib import Path

import pytest

from planforge.readers import import_document


def imported(text: str, tmp_path: Path, name: str = "plan.txt", index: int = 0):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return import_document(path, 2027).plans[index]


def tree(plan):
    return [(level, item.title) for level, item in plan.walk()]


@pytest.mark.parametrize("first, second", [
    ("工会工作计划篇一", "工会工作计划篇二"),
    ("2027年工会工作计划范文一", "2027年工会工作计划范文二"),
    ("【篇1】学校工会工作计划", "【篇2】医院工会工作计划"),
    ("工作计划篇六", "工作计划篇七"),
])
def test_plan_boundaries_in_every_spelling(first, second, tmp_path: Path):
    text = f"页面标题\n{first}\n一、加强学习\n二、服务职工\n{second}\n一、抓好安全\n"
    path = tmp_path / "plans.txt"
    path.write_text(text, encoding="utf-8")
    plans = import_document(path, 2027).plans
    assert [tree(p.plan) for p in plans] == [[(1, "加强学习"), (1, "服务职工")], [(1, "抓好安全")]]


def test_months_listed_with_a_comma_are_a_time_not_a_marker(tmp_path: Path):
    plan = imported("2027年工会工作计划\n一、加强学习\n二、月度工作安排\n一月份：走访慰问困难职工。\n"
                    "七、八月份：组织职工疗休养。\n十一、十二月：年终总结。\n", tmp_path).plan
    assert tree(plan) == [(1, "加强学习")]  # the schedule section's lines all went to the schedule
    assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ((1,), ["走访慰问困难职工"]), ((7, 8), ["组织职工疗休养"]), ((11, 12), ["年终总结"])]


def test_quarter_headings_with_plain_task_lines(tmp_path: Path):
    plan = imported("2027年工会工作计划\n一、加强学习\n二、季度安排\n第一季度：\n召开工会全委会\n开展三八节活动\n"
                    "第二季度：\n1.举办职工运动会\n", tmp_path).plan
    assert [(e.when.text, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ("第一季度", ["召开工会全委会", "开展三八节活动"]), ("第二季度", ["举办职工运动会"])]
    assert tree(plan) == [(1, "加强学习")]


def test_page_chrome_and_a_trailing_list_of_links_are_not_the_plan(tmp_path: Path):
    text = ("欢迎来到范文网站!\n导读:本文为大家整理了工会工作计划。\n(全文共1203字)\n下面是小编搜集整理的工作计划,欢迎阅读。\n"
            "2027年工会工作计划\n发布时间:2026-12-01|阅读次数:668次\n一、加强学习\n二、服务职工\n相关文章\n"
            "1、2026年工会工作计划\n2、2025年工会工作计划\n")
    plan = imported(text, tmp_path).plan
    assert plan.title == "2027年工会工作计划" and plan.preamble is None
    assert tree(plan) == [(1, "加强学习"), (1, "服务职工")]


def test_traditional_title_year_run_in_and_dotted_closing_date(tmp_path: Path):
    plan = imported("學校工會工作思路\n一、加強學習\n二、服務教職工\n碧江区图书馆\n2013.2.20\n", tmp_path).plan
    assert plan.title == "學校工會工作思路"
    assert plan.signature == "碧江区图书馆"
    assert (plan.date, plan.year) == (dt.date(2013, 2, 20), 2013)  # no year in the title: the date gives it
    assert tree(plan) == [(1, "加強學習"), (1, "服務教職工")]
    assert imported("2016中学工会工作计划\n一、加强学习\n", tmp_path).plan.year == 2016


def test_a_plan_flattened_onto_one_line(tmp_path: Path):
    line = ("2027年工会工作计划 一、加强组织建设 1. 继续推进基层工会规范化建设,做好会员发展工作。 "
            "2. 加强工会干部培训,全年培训不少于100人次。 二、维护职工权益 1. 推进工资集体协商,签订率达到90%以上。 "
            "2. 做好劳动争议调解工作。")
    plan = imported(line + "\n", tmp_path).plan
    assert [(level, title[:6]) for level, title in tree(plan)] == [
        (1, "加强组织建设"), (2, "继续推进基层"), (2, "加强工会干部"), (1, "维护职工权益"), (2, "推进工资集体"), (2, "做好劳动争议")]


def test_markdown_in_a_txt_is_read_as_markdown(tmp_path: Path):
    text = "# 2027年工会工作计划\n\n#### 一、加强学习\n\n**组织专题学习**\n\n#### 二、服务职工\n\n走访慰问。\n"
    plan = imported(text, tmp_path).plan
    assert tree(plan) == [(1, "加强学习"), (1, "服务职工")]
    assert plan.sections[0].text == "组织专题学习"  # the bold line is text, not an error-level placeholder


def test_run_in_heading_and_item_numbers_without_a_separator(tmp_path: Path):
    text = ("2027年工会工作计划\n一、抓好服务建设,全方位服务辖区职工一是对基层工会主席进行培训。二是推进集体合同签订。\n"
            "二、加强自身建设\n1积极协作局党组工作。\n2充分发挥干部职工作用。\n3月召开会议\n")
    plan = imported(text, tmp_path).plan
    assert tree(plan) == [(1, "抓好服务建设,全方位服务辖区职工"), (2, "对基层工会主席进行培训"), (2, "推进集体合同签订"),
                          (1, "加强自身建设"), (2, "积极协作局党组工作"), (2, "充分发挥干部职工作用")]
    assert plan.sections[1].items[1].text == "3月召开会议"  # 3月 is a month, not item 3


def test_a_time_before_a_colon_is_the_items_time(tmp_path: Path):
    plan = imported("2027年文体活动计划\n1、2027年3月:全院教职工毽球赛、女职工登山\n2、教职工摄影比赛\n", tmp_path).plan
    first = plan.sections[0]
    assert (first.title, first.when.text) == ("全院教职工毽球赛、女职工登山", "2027年3月")


def test_a_task_table_copied_cell_by_cell(tmp_path: Path):
    """工作任务 / 任务分解·时序进度 / 考核要点, one cell a line: tasks, their timetable, their points."""
    lines = []
    for n, (task, month) in enumerate([("召开教代会", 3), ("做好送温暖工作", 1), ("开展主题征文", 5), ("举办运动会", 10)], 1):
        lines += [task, f"{month}月：{task}的准备工作", f"参与人数较多，完成率达到{90 + n}%"]
    plan = imported("2027年重点工作\n" + "\n".join(lines) + "\n", tmp_path).plan
    assert [s.title for s in plan.sections] == ["召开教代会", "做好送温暖工作", "开展主题征文", "举办运动会"]
    assert sorted(m for e in plan.schedule for m in e.when.months) == [1, 3, 5, 10]
    assert [t.value for s in plan.sections for t in s.targets] == [91, 92, 93, 94]


def test_a_month_calendar_flattened_onto_one_line(tmp_path: Path):
    days = " ".join(str(d) for d in range(1, 32))
    line = f"九 月 {days} 4∼ 6日阿里山之行 9日中秋節 十 月 {days} 10日國慶 十 一 月 {days} 5日幹部會議"
    plan = imported("天文社行事曆\n" + line + "\n", tmp_path).plan
    assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ((9,), ["4∼ 6日阿里山之行", "9日中秋節"]), ((10,), ["10日國慶"]), ((11,), ["5日幹部會議"])]


def test_a_task_list_with_time_and_owner_cells(tmp_path: Path):
    text = "2027年支部工作要点\n一\n加强政治建设\n1.认真落实学习制度\n全年\n支部班子成员\n2.开展主题党日\n四月份\n党支部书记\n纪检委员\n"
    plan = imported(text, tmp_path).plan
    items = plan.sections[0].items
    assert plan.sections[0].title == "加强政治建设"
    assert [(i.title, i.when.text, i.owner) for i in items] == [
        ("认真落实学习制度", "全年", "支部班子成员"), ("开展主题党日", "四月份", ["党支部书记", "纪检委员"])]


def _kinds(text: str, tmp_path: Path):
    return [(a.kind, a.marker) for a in imported(text, tmp_path).anomalies]


def test_numbering_that_runs_on_through_every_part_is_a_style(tmp_path: Path):
    # 工作要点 number their items 1–N across all parts, so each is citable: not a fault
    running = "2027年工作要点\n一、学习\n1、甲\n2、乙\n二、服务\n3、丙\n三、建设\n4、丁\n四、保障\n5、戊\n"
    assert _kinds(running, tmp_path) == []
    # one part that runs on where the others start again is a slip
    mixed = "2027年工作要点\n一、学习\n1、甲\n2、乙\n二、服务\n1、丙\n三、建设\n2、丁\n四、保障\n1、戊\n"
    assert _kinds(mixed, tmp_path) == [("continued", "2、")]


def test_a_list_after_a_lead_in_line_starts_again(tmp_path: Path):
    text = "2027年工会工作计划\n1、做好服务\n2、开展活动\n在新的一年里，还需要在以下两方面做出努力：\n1、加强学习\n2、改进作风\n"
    assert _kinds(text, tmp_path) == []
    assert _kinds("2027年工会工作计划\n1、做好服务\n2、开展活动\n1、加强学习\n", tmp_path) == [("restart", "1、")]
