"""A document is not a spec: what the target, time, numbering and document rules report on a
plan written as prose. Each case is a short plan in the spirit of the real ones (a union's, a
library's, a community's), written for the pattern it tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from planforge.lint.engine import LintConfig, lint_file


def lint_doc(text: str, tmp_path: Path, name: str = "工作计划.txt") -> list[tuple[int | None, str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.code) for f in lint_file(path, LintConfig()).findings]


def codes(text: str, tmp_path: Path, name: str = "工作计划.txt") -> set[str]:
    return {code for _line, code in lint_doc(text, tmp_path, name)}


SIGNED = "\n市图书馆\n2027年1月6日\n"


def test_qualitative_work_needs_no_number_nor_month(tmp_path):
    text = ("市图书馆2027年工作计划\n一、加强队伍建设\n1.加强馆员思想政治学习。\n2.规范借阅制度，做好新书宣传。\n"
            "二、做好读者服务\n1.完善读者意见反馈机制。\n2.做好书刊修补与整理。" + SIGNED)
    assert not codes(text, tmp_path) & {"PF101", "PF201"}


def test_a_promised_change_without_a_figure_is_reported(tmp_path):
    text = ("市图书馆2027年工作计划\n一、做好读者服务\n1.扩大少儿阅读活动覆盖面。\n2.完善读者意见反馈机制。\n"
            "3.提高馆藏图书借阅率。" + SIGNED)
    found = lint_doc(text, tmp_path)
    assert (2, "PF101") in found  # two of the section's three items, gathered at its heading
    text = text.replace("1.扩大少儿阅读活动覆盖面。", "1.扩大少儿阅读活动覆盖面，新增流动点5个。").replace(
        "3.提高馆藏图书借阅率。", "3.提高馆藏图书借阅率，年借阅量达到8万册次。")
    assert "PF101" not in codes(text, tmp_path)


def test_naming_the_kinds_added_is_the_measure(tmp_path):
    text = "某公司工会2027年工作计划\n一、关心职工\n1.争取增加职工福利项目，如节日慰问、岗位津贴等。" + SIGNED
    assert "PF101" not in codes(text, tmp_path)


def test_goals_without_any_figure_are_reported_once(tmp_path):
    text = ("某社区2027年工作计划\n一、工作目标\n1.居民环保意识明显增强。\n2.社区环境更加整洁。\n"
            "二、主要工作\n1.完善垃圾分类制度。" + SIGNED)
    assert lint_doc(text, tmp_path).count((2, "PF101")) == 1
    counted = text.replace("2.社区环境更加整洁。", "2.垃圾分类参与率达到80%。")
    assert (2, "PF101") not in lint_doc(counted, tmp_path)


def test_a_goal_repeated_as_the_title_of_its_work_is_no_duplicate(tmp_path):
    text = ("某医院工会2027年工作计划\n一、总体目标\n1.提升职工福祉：职工满意度达到90%。\n"
            "二、具体计划\n（一）提升职工福祉\n1.每季度走访困难职工1次。" + SIGNED)
    assert "PF301" not in codes(text, tmp_path)


def test_an_event_needs_a_time_and_standing_work_does_not(tmp_path):
    text = ("某公司工会2027年工作计划\n一、文体活动\n1.举办职工趣味运动会，参与职工300人。\n"
            "2.完善职工书屋管理制度。\n3.组织职工参加安康杯竞赛活动。" + SIGNED)
    found = lint_doc(text, tmp_path)
    assert [line for line, code in found if code == "PF201"] == [3]  # the sports meet, not the standing work
    dated = text.replace("参与职工300人。", "参与职工300人，5月举行。")
    assert "PF201" not in codes(dated, tmp_path)


def test_a_plan_that_counts_nearly_everything_is_judged_item_by_item(tmp_path):
    text = ("某中学工会2027年工作计划\n一、教职工活动\n1.开展读书活动，全年4次，3月启动。\n2.举办教职工运动会，参赛200人，10月举行。\n"
            "3.组织新年联欢，参加120人，12月举行。\n4.开展书法比赛，评出优秀作品。\n5.走访困难教职工，慰问20户，1月完成。" + SIGNED)
    found = lint_doc(text, tmp_path)
    assert (6, "PF101") in found and (6, "PF201") in found


def test_parts_that_set_no_work_are_left_alone(tmp_path):
    text = ("某局工会2027年工作计划\n一、指导思想\n坚持以人为本，不断提高服务水平。\n二、存在的问题\n1.职工活动参与率不高。\n"
            "2.2026年，局工会运动会组织不够有序。\n三、下一步工作打算\n1.扩大职工书屋覆盖面。\n四、主要工作\n1.加强职工思想政治引领。" + SIGNED)
    assert not codes(text, tmp_path) & {"PF101", "PF105", "PF201", "PF203"}


def test_a_purpose_part_is_not_a_work_item(tmp_path):
    text = ("某社区2027年绿色社区创建计划\n一、创建“绿色社区”活动的目的\n通过创建活动，提高居民环保意识，扩大参与面。\n"
            "二、主要内容\n1.设立环境监督员3名。" + SIGNED)
    assert not {line for line, code in lint_doc(text, tmp_path) if code in ("PF101", "PF201")} & {2, 3}


def test_a_monthly_timetable_is_dated_by_its_rows(tmp_path):
    text = ("某党支部2027年主题党日活动计划\n一、月度主题党日活动安排\n1月：学习新年贺词\n2月：走访慰问老党员\n"
            "3月：开展志愿服务" + SIGNED)
    assert not codes(text, tmp_path) & {"PF101", "PF201"}


def test_month_and_quarter_headings_are_not_list_numbers(tmp_path):
    text = ("某公司工会2027年活动计划\n一、总体安排\n全年组织活动6次。\n二、活动安排\n一月份：新年联欢会\n"
            "二月份：元宵灯谜会\n四月份：春季运动会\n三、保障措施\n1.落实活动经费3万元。" + SIGNED)
    assert not codes(text, tmp_path) & {"PF501", "PF502", "PF503", "PF505"}


def test_a_skipped_heading_is_one_finding_not_two(tmp_path):
    text = ("县图书馆2027年工作计划\n为做好全年工作，特制定本计划。\n1、加强馆藏建设，新增图书3000册。\n"
            "2、加强数字资源建设，新增电子书500种。\n三、推进总分馆建设\n新建分馆2个。" + SIGNED)
    found = codes(text, tmp_path)
    assert "PF501" in found and "PF505" not in found


@pytest.mark.parametrize("typed, meant", [("三月份", "四月份"), ("3月", "4月"), ("三月份（学雷锋月）", "四月份")])
def test_the_month_meant_after_a_repeated_one_is_typed_as_the_author_types(typed, meant):
    from planforge.lint.rules_dates import _next_month_text

    assert _next_month_text(typed, 3) == meant


def test_vague_words_that_promise_no_figure_are_not_vague_quantities(tmp_path):
    text = ("县图书馆2027年工作计划\n一、读者活动\n1.组织各类读书活动，不断提高服务质量，全年活动24场。\n"
            "2.培育一批阅读推广人。" + SIGNED)
    found = lint_doc(text, tmp_path)
    assert [line for line, code in found if code == "PF105"] == [4]  # 一批, not 各类 or 不断提高


def test_page_residue_is_reported_once_and_judged_by_no_other_rule(tmp_path):
    text = ("某局工会2027年工作计划\n发布时间：2027-01-05 浏览次数：120\n一、服务职工\n1.走访困难职工20户，1月完成。"
            + SIGNED + "相关文章\n")
    found = lint_doc(text, tmp_path)
    assert [code for line, code in found if line == 2] == ["PF604"]


def test_a_cut_opening_is_not_missing_its_signature_or_date(tmp_path):
    cut = ("某公司工会2027年工作计划\n一、维护职工权益\n1.与企业协商，推动建立工资集体协商制度。\n"
           "2.开展劳动法律法规宣传，帮助职工解决劳动纠")
    assert "PF603" not in codes(cut, tmp_path)
    ended = cut.replace("解决劳动纠", "解决劳动纠纷。")
    assert "PF603" in codes(ended, tmp_path)  # a finished text with no date has left it out


def test_a_cover_notice_signs_and_dates_the_plan_it_issues(tmp_path):
    text = ("各街道办事处，区直各部门：\n现将《某区2027年重点工作分工方案》印发给你们，请认真贯彻落实。\n某区人民政府\n"
            "2027年3月1日\n某区2027年重点工作分工方案\n一、主要目标\n1.地区生产总值增长6%左右。\n2.一般公共预算收入增长5%左右。\n")
    assert "PF603" not in codes(text, tmp_path)


def test_a_year_left_as_a_slot_is_the_placeholder_rule_s(tmp_path):
    text = ("社区工作计划\n为巩固创建成果，特制定20__年度“绿色社区”创建计划。\n一、环境管理\n1.设立环境监督员3名，每月巡查1次。"
            "\n社区居委会\n2027年1月6日\n")
    found = lint_doc(text, tmp_path)
    assert (2, "PF401") in found and "PF603" not in {code for _line, code in found}


def test_short_underscore_slots_are_placeholders(tmp_path):
    text = ("某社区2027年工作计划\n一、环境建设\n1.根据__市考评标准，巩固__-20__年度创建成果，全年检查12次，3月启动。\n"
            "2.台账文件名为work_plan_2027.xlsx，全年更新12次，1月启动。" + SIGNED)
    found = [line for line, code in lint_doc(text, tmp_path) if code == "PF401"]
    assert found.count(3) == 3 and 4 not in found


@pytest.mark.parametrize("date", ["2027年1月5日", "二〇二七年一月五日", "二OO七年元月五日", "2027.1.5"])
def test_a_plan_dated_in_words_is_as_finished_as_one_dated_in_figures(tmp_path, date):
    """A date line ends a finished plan however it is written: 二〇二七年一月五日 is no cut-off
    sentence, so the last item is judged like the others."""
    text = ("某社区2027年工作计划\n一、环境管理\n1.设立环境监督员3名，每月巡查1次。\n2.开展垃圾分类宣传，全年6次。\n"
            f"3.举办运动会。\n{date}\n")
    assert (5, "PF201") in lint_doc(text, tmp_path)
