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
    # the schedule section's lines all went to the schedule; the part stays, a part of no items
    assert tree(plan) == [(1, "加强学习"), (1, "月度工作安排")] and plan.sections[1].items == []
    assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ((1,), ["走访慰问困难职工"]), ((7, 8), ["组织职工疗休养"]), ((11, 12), ["年终总结"])]


@pytest.mark.parametrize("name, text", [
    ("plan.txt", "2027年工会工作计划\n一、一月份\n1.走访慰问困难职工。\n2.召开工会全委会。\n二、二月份\n1.开展三八节活动。\n"
                 "三、三月份\n1.年终总结。\n"),
    ("plan.md", "# 2027年工会工作计划\n\n## 一、一月份\n\n1.走访慰问困难职工。\n\n2.召开工会全委会。\n\n## 二、二月份\n\n"
                "1.开展三八节活动。\n\n## 三、三月份\n\n1.年终总结。\n"),
])
def test_numbered_month_parts_are_months_not_a_list_of_months(name, text, tmp_path: Path):
    """一、一月份, 二、二月份: parts numbered by their months. A list of months names other months
    in order (七、八月份), so these are a marker and a month: the plan is organised by month, each
    part's lines its month's tasks."""
    plan = imported(text, tmp_path, name).plan
    assert plan.preamble is None and plan.sections == []
    assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ((1,), ["走访慰问困难职工", "召开工会全委会"]), ((2,), ["开展三八节活动"]), ((3,), ["年终总结"])]


@pytest.mark.parametrize("lines, months", [
    # a school year, and a spring term: parts numbered in order whose titles are months
    ("一、九月份\n1.召开教代会。\n二、十月份\n1.举办秋季运动会。\n三、十一月份\n1.读书活动。\n四、十二月份\n1.年终总结。\n"
     "五、一月份\n1.寒假慰问。\n", [(9,), (10,), (11,), (12,), (1,)]),
    ("一、二月份\n1.开学慰问。\n二、三月份\n1.三八节活动。\n三、四月份\n1.春游。\n", [(2,), (3,), (4,)]),
    # a part that lists two months still lists them; a list the count skips is no part (七 before 九)
    ("五、五月份\n1.劳动节。\n六、七、八月份\n1.疗休养。\n七、九月份\n1.教师节。\n", [(5,), (7, 8), (9,)]),
    ("五、五月份\n1.劳动节。\n六、六月份\n1.端午节。\n七、八月份\n1.疗休养。\n九、九月份\n1.教师节。\n", [(5,), (6,), (7, 8), (9,)]),
    # the tasks on the heading's line
    ("一、九月份：召开教代会；慰问新教师\n二、十月份：举办秋季运动会\n三、十一月份：开展读书活动\n", [(9,), (10,), (11,)]),
    # titles that name the part after the month
    ("一、九月份工作安排\n1.召开教代会。\n二、十月份工作安排\n1.举办秋季运动会。\n三、十一月份重点工作\n1.读书活动。\n",
     [(9,), (10,), (11,)]),
    # no count: lists of months
    ("一月份\n1.召开全委会。\n三、九月份\n1.开学季慰问。\n六、十二月份\n1.年终总结。\n", [(1,), (3, 9), (6, 12)]),
])
def test_parts_numbered_in_order_whose_titles_are_months_are_months(lines, months, tmp_path: Path):
    """一、九月份 reads alone as January and September; 一、九月份 / 二、十月份 … counts its parts,
    so each is a part's number and its month. Without such a count, 三、九月份 stays a list."""
    plan = imported("某小学工会工作计划\n" + lines, tmp_path).plan
    assert plan.sections == [] and [e.when.months for e in plan.schedule] == months


@pytest.mark.parametrize("name, text", [
    ("plan.txt", "某小学2027学年工会工作计划\n九月份工作安排\n1.召开教代会。\n2.庆祝教师节。\n十月份重点工作\n1.组织秋游。\n"),
    ("plan.md", "# 某小学2027学年工会工作计划\n\n## 九月份工作安排\n\n1. 召开教代会。\n2. 庆祝教师节。\n\n"
                "## 十月份重点工作\n\n1. 组织秋游。\n"),
])
def test_a_month_heading_may_name_its_part(name, text, tmp_path: Path):
    """九月份工作安排, 十月份重点工作: a month and the words a heading names its part with. The
    numbered lines under it are the month's tasks, not the plan's parts (in text the headings had
    become the preamble and the texts of the tasks above them; in Markdown the first month a part
    holding every task)."""
    plan = imported(text, tmp_path, name).plan
    assert plan.preamble is None and plan.sections == []
    assert [(e.when.text, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ("九月份", ["召开教代会", "庆祝教师节"]), ("十月份", ["组织秋游"])]


@pytest.mark.parametrize("name, text", [
    ("plan.txt", "某某公司2027年工会工作计划\n一、指导思想\n坚持以职工为中心。\n二、主要工作\n1.三月份重点工作\n"
                 "（1）召开职代会。\n（2）组织春游。\n2.加强职工培训\n全年培训职工100人次。\n三、自身建设\n1.开展干部培训。\n"),
    ("plan.md", "# 某某公司2027年工会工作计划\n\n## 一、指导思想\n\n坚持以职工为中心。\n\n## 二、主要工作\n\n"
                "### 三月份重点工作\n\n1. 召开职代会。\n2. 组织春游。\n\n### 加强职工培训\n\n全年培训职工100人次。\n\n"
                "## 三、自身建设\n\n1. 开展干部培训。\n"),
])
def test_a_month_named_item_in_a_plan_of_parts_keeps_its_sub_items(name, text, tmp_path: Path):
    """In a plan ordered by its parts, 三月份重点工作 is an item's title, its sub-items its own, and
    the next item (加强职工培训) is no task of March's."""
    plan = imported(text, tmp_path, name).plan
    assert plan.schedule == []
    assert tree(plan) == [(1, "指导思想"), (1, "主要工作"), (2, "三月份重点工作"), (3, "召开职代会"), (3, "组织春游"),
                          (2, "加强职工培训"), (1, "自身建设"), (2, "开展干部培训")]
    assert plan.sections[1].items[1].targets[0].value == 100


@pytest.mark.parametrize("to", ["md", "docx"])
def test_a_schedule_tables_owners_read_back_as_they_were_written(to, tmp_path: Path):
    """办公室、组织部 in a schedule table's owner column is two owners, as on a month's line: the
    list a render writes joined by 、 reads back as the same list."""
    from planforge.render.formats import render_document

    plan = imported("# 某工会2027年工作计划\n\n## 一、加强学习\n\n1. 开展读书活动。\n\n## 二、月度工作安排\n\n"
                    "| 月份 | 工作内容 | 责任部门 |\n| --- | --- | --- |\n| 3月 | 召开职代会 | 办公室、组织部 |\n"
                    "| 4月 | 组织春游 | 工会 |\n", tmp_path, "plan.md").plan
    owners = [t.owner for e in plan.schedule for t in e.tasks]
    assert owners == [["办公室", "组织部"], "工会"]
    rendered = tmp_path / f"rendered.{to}"
    rendered.write_bytes(render_document(plan, to))
    again = import_document(rendered).plans[0].plan
    assert [t.owner for e in again.schedule for t in e.tasks] == owners


def test_quarter_headings_with_plain_task_lines(tmp_path: Path):
    plan = imported("2027年工会工作计划\n一、加强学习\n二、季度安排\n第一季度：\n召开工会全委会\n开展三八节活动\n"
                    "第二季度：\n1.举办职工运动会\n", tmp_path).plan
    assert [(e.when.text, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ("第一季度", ["召开工会全委会", "开展三八节活动"]), ("第二季度", ["举办职工运动会"])]
    assert tree(plan) == [(1, "加强学习"), (1, "季度安排")]


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


def test_a_schools_calendar_of_work_is_titled_by_its_name(tmp_path: Path):
    """行事历 (a school's calendar of the term's work) names a plan as 计划 does: its first line is
    its title, not the preamble of an untitled plan."""
    plan = imported("某某小学2027年春季学期工作行事历\n二月份：\n1.召开开学工作会议。\n2.组织教师培训。\n"
                    "三月份：\n1.开展学雷锋活动。\n", tmp_path).plan
    assert (plan.title, plan.organization, plan.year, plan.preamble) == ("某某小学2027年春季学期工作行事历", "某某小学", 2027, None)
    assert [(e.when.text, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ("二月份", ["召开开学工作会议", "组织教师培训"]), ("三月份", ["开展学雷锋活动"])]


@pytest.mark.parametrize("first, title, preamble", [
    # a sentence that names the plan introduces it: no title
    ("为进一步做好工会工作，现将2027年工作计划安排如下：", "2027年工作计划", "为进一步做好工会工作，现将2027年工作计划安排如下："),
    ("为做好全年工作，特制定本计划。", "2027年工作计划", "为做好全年工作，特制定本计划。"),
    # a title may hold a comma
    ("凝心聚力，砥砺前行——某某公司工会2027年工作计划", "凝心聚力，砥砺前行——某某公司工会2027年工作计划", None),
])
def test_a_sentence_naming_the_plan_is_no_title(first, title, preamble, tmp_path: Path):
    plan = imported(first + "\n一、加强学习\n1.开展读书活动。\n二、服务职工\n1.开展送温暖活动。\n某某公司工会\n2027年1月5日\n",
                    tmp_path).plan
    assert (plan.title, plan.preamble) == (title, preamble)
    assert tree(plan)[0] == (1, "加强学习")


@pytest.mark.parametrize("name, text", [
    ("plan.txt", "某某区总工会2027年工作要点\n第一部分 总体要求\n坚持以职工为中心。\n第二部分：重点任务\n一、加强思想引领\n"
                 "1.开展理论学习。\n二、维护职工权益\n1.推进集体协商。\n第三部分保障措施\n加强组织领导。\n"),
    ("plan.md", "# 某某区总工会2027年工作要点\n\n## 第一部分 总体要求\n\n坚持以职工为中心。\n\n## 第二部分：重点任务\n\n"
                "### 一、加强思想引领\n\n1. 开展理论学习。\n\n### 二、维护职工权益\n\n1. 推进集体协商。\n\n"
                "## 第三部分保障措施\n\n加强组织领导。\n"),
    # the part's number on a line of its own, its title on the next
    ("plan.txt", "某某区总工会2027年工作要点\n第一部分\n总体要求\n坚持以职工为中心。\n第二部分：\n重点任务\n一、加强思想引领\n"
                 "1.开展理论学习。\n二、维护职工权益\n1.推进集体协商。\n第三部分\n保障措施\n加强组织领导。\n"),
])
def test_parts_a_long_plan_groups_its_sections_under(name, text, tmp_path: Path):
    """第一部分 / 第二部分：/ 第三部分 are numbered parts one level above 一、. They had gone to the
    preamble, and the last one into the text of the item above it."""
    plan = imported(text, tmp_path, name).plan
    assert plan.preamble is None
    assert tree(plan) == [(1, "总体要求"), (1, "重点任务"), (2, "加强思想引领"), (3, "开展理论学习"), (2, "维护职工权益"),
                          (3, "推进集体协商"), (1, "保障措施")]
    assert [s.text for s in plan.sections] == ["坚持以职工为中心", None, "加强组织领导"]


def test_a_part_run_into_prose_is_no_part(tmp_path: Path):
    """第一部分 run into a sentence (第一部分工作已经完成，…) is prose, not a part's number; 第一部分——总体要求
    is one, its dash no part of the title."""
    plan = imported("某工会2027年工作计划\n第一部分——总体要求\n坚持以职工为中心。\n第二部分 重点任务\n一、加强学习\n"
                    "1.开展理论学习。\n第一部分工作已经完成，第二部分内容包括职工培训。\n", tmp_path).plan
    assert tree(plan) == [(1, "总体要求"), (1, "重点任务"), (2, "加强学习"), (3, "开展理论学习")]
    assert plan.sections[1].items[0].items[0].text == "第一部分工作已经完成，第二部分内容包括职工培训"


def test_a_summary_and_plan_in_parts_keeps_its_plan(tmp_path: Path):
    plan = imported("某区总工会2026年工作总结及2027年工作计划\n第一部分 2026年工作总结\n一、加强思想引领\n"
                    "全年举办了培训班5期，完成了年度任务。\n二、维护职工权益\n签订了集体合同30份，走访了困难职工100户。\n"
                    "第二部分 2027年工作计划\n一、深化理论学习\n举办培训班6期。\n二、推进集体协商\n签订集体合同40份。\n",
                    tmp_path).plan
    assert [s.title for s in plan.sections] == ["深化理论学习", "推进集体协商"]


def test_owner_lines_of_their_own_under_an_item(tmp_path: Path):
    """牵头单位:X then 责任单位:A,B on lines of their own (a district's 工作要点): the item's owners,
    the lead first, not its text; run together they had made one owner, 区发改局责任单位:立山经济开发区.
    Prose after a label (责任单位：各支部要高度重视，认真组织学习。) stays the item's text."""
    plan = imported("某区2027年工作要点\n一、经济发展\n1.努力实现地区生产总值增长6.2%左右。\n牵头单位:区发改局\n"
                    "责任单位:立山经济开发区,全区经济运行各专班\n2.举办知识竞赛\n牵头单位：宣教部\n配合单位：办公室、各分会\n"
                    "3.开展读书活动\n责任单位：各支部要高度重视，认真组织学习。\n", tmp_path).plan
    first, second, third = plan.sections[0].items
    assert (first.owner, first.text) == (["区发改局", "立山经济开发区", "全区经济运行各专班"], None)
    assert (second.owner, second.text) == (["宣教部", "办公室", "各分会"], None)
    assert third.text == "责任单位：各支部要高度重视，认真组织学习"


def test_an_owner_line_adds_to_the_owner_the_item_states(tmp_path: Path):
    """The lead its text states first, then the owner lines under it; a bare 协助： before a task
    is no owner line."""
    plan = imported("某区2027年工作要点\n一、经济发展\n1.抓好项目建设。（责任部门：区发改局）\n配合单位：区财政局\n"
                    "2.办好民生实事。牵头单位：区民政局。\n配合单位：各街道\n3.开展培训\n协助：筹备召开第三次会员代表大会\n",
                    tmp_path).plan
    first, second, third = plan.sections[0].items
    assert (first.owner, second.owner) == (["区发改局", "区财政局"], ["区民政局", "各街道"])
    assert (third.owner, third.text) == (None, "协助：筹备召开第三次会员代表大会")


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


def _months(plan):
    return [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule]


def test_a_month_range_heading_is_a_time_not_an_item_number(tmp_path: Path):
    # 1至2月 on its own line: the 1 is a month, not an item number whose 、 was lost
    plan = imported("2027年团委工作计划\n一、思想引领\n1、开展主题团课。\n二、工作安排\n3至4月\n举办青年歌手赛\n"
                    "9至10月\n组织新团员入团仪式\n", tmp_path).plan
    assert _months(plan) == [((3, 4), ["举办青年歌手赛"]), ((9, 10), ["组织新团员入团仪式"])]
    assert tree(plan) == [(1, "思想引领"), (2, "开展主题团课"), (1, "工作安排")]  # no item 3、 or 9、


def test_two_months_listed_with_a_comma_head_their_tasks(tmp_path: Path):
    # 五、六月份 alone on a line is two months, not part 五 titled 六月份
    plan = imported("2027年工会工作计划\n一、组织建设\n1、发展新会员。\n二、活动安排\n五、六月份\n组织职工徒步\n"
                    "十一、十二月\n年终慰问困难职工\n", tmp_path).plan
    assert _months(plan) == [((5, 6), ["组织职工徒步"]), ((11, 12), ["年终慰问困难职工"])]
    assert [s.title for s in plan.sections] == ["组织建设", "活动安排"]


@pytest.mark.parametrize("rows", [
    ["第一季度：举办迎春座谈会", "- 组织慰问退休职工", "第二季度：开展职工健步走", "- 举办劳模报告会"],
    ["1.第一季度：迎春与慰问", "举办迎春座谈会", "组织慰问退休职工", "2.第二季度：健身与宣讲", "开展职工健步走"],
    ["1. 第一季度:迎春与慰问", "- 活动名称:迎春座谈会", "- 时间:1月下旬", "2. 第二季度:健身与宣讲", "- 活动名称:健步走"],
])
def test_quarter_headings_with_run_in_text_are_the_timetable(rows, tmp_path: Path):
    text = "2027年职工活动计划\n一、总体目标\n1. 丰富职工生活。\n二、活动安排\n" + "\n".join(rows) + "\n三、保障措施\n1. 落实活动经费。\n"
    plan = imported(text, tmp_path).plan
    assert [e.when.months for e in plan.schedule] == [(1, 2, 3), (4, 5, 6)]
    assert all(e.tasks for e in plan.schedule)
    # the quarters and their task lines are schedule, not items of 活动安排
    assert tree(plan) == [(1, "总体目标"), (2, "丰富职工生活"), (1, "活动安排"), (1, "保障措施"), (2, "落实活动经费")]


def test_month_rows_under_a_part_of_any_name_are_a_timetable(tmp_path: Path):
    text = "2027年妇委会工作计划\n一、重点工作\n3月：开展三八节系列活动\n6月：组织亲子读书会\n9月：举办女职工健康讲座\n二、工作要求\n1、加强领导。\n"
    plan = imported(text, tmp_path).plan
    assert [e.when.months for e in plan.schedule] == [(3,), (6,), (9,)]
    assert tree(plan) == [(1, "重点工作"), (1, "工作要求"), (2, "加强领导")]
    # one dated item among undated ones is an item with its time, not a timetable
    single = imported("2027年工会工作计划\n一、重点工作\n1、3月：召开职代会\n2、组织职工培训\n", tmp_path).plan
    assert single.schedule == [] and [i.when.text if i.when else None for i in single.sections[0].items] == ["3月", None]


def test_a_hard_wrapped_numbered_task_is_one_task(tmp_path: Path):
    text = "2027年医院工会工作计划\n一月份\n1,走访慰问困难职工,召开工会\n委员会研究补助名单.\n2,收缴会费\n二月份\n组织迎春联欢会\n"
    plan = imported(text, tmp_path).plan
    assert _months(plan) == [((1,), ["走访慰问困难职工,召开工会委员会研究补助名单.", "收缴会费"]), ((2,), ["组织迎春联欢会"])]


def test_a_cover_notice_before_the_plan_is_not_the_plan(tmp_path: Path):
    text = ("各乡镇人民政府，县直各单位：\n现将《2027年全县档案工作要点》印发给你们，请结合实际认真贯彻落实。\n"
            "县人民政府办公室\n2027年2月10日\n（此件主动公开）\n2027年全县档案工作要点\n为做好今年档案工作，制定本要点。\n"
            "一、总体要求\n二、重点任务\n1.推进档案数字化。\n")
    plan = imported(text, tmp_path).plan
    assert plan.title == "2027年全县档案工作要点" and plan.date is None
    assert tree(plan) == [(1, "总体要求"), (1, "重点任务"), (2, "推进档案数字化")]
    assert "印发" not in (plan.preamble or "")


def test_a_title_broken_over_two_lines(tmp_path: Path):
    plan = imported("某区2027年重点工作\n任务分工方案\n一、经济目标\n1.增长6%左右。\n", tmp_path).plan
    assert plan.title == "某区2027年重点工作任务分工方案"


def test_the_page_before_the_repeated_title_is_chrome(tmp_path: Path):
    # a document site: page title, its notices (a double-numbered list), then the document's own title
    text = ("2027年 公司工会工作计划\n合集下载\n1. 1、下载文档前请自行甄别文档内容的完整性。\n2. 2、如文档侵犯您的权益,请联系客服。\n"
            "2027年公司工会工作计划\n一、引言\n今年工会将围绕中心开展工作。\n二、服务职工\n1.开展送温暖。\n2.组织体检。\n")
    plan = imported(text, tmp_path).plan
    assert plan.preamble is None
    assert tree(plan) == [(1, "引言"), (1, "服务职工"), (2, "开展送温暖"), (2, "组织体检")]
    # a page's numbered label of its first plan (…计划1, …(13篇)) repeats the title too
    label = imported("学校工会工作计划\n学校工会工作计划(8篇)\n本站为您整理了工作计划。\n学校工会工作计划1\n"
                     "一、加强学习\n", tmp_path).plan
    assert (label.title, label.preamble, tree(label)) == ("学校工会工作计划", None, [(1, "加强学习")])


def test_a_page_label_glued_to_an_item_is_removed(tmp_path: Path):
    plan = imported("2027年工会工作计划\n一、加强学习\n1、组织专题学习。第2 页共 5页\n2、开展读书月活动。\n", tmp_path).plan
    assert [i.title for i in plan.sections[0].items] == ["组织专题学习", "开展读书月活动"]


def test_an_item_marker_split_from_its_separator(tmp_path: Path):
    result = imported("2027年图书馆工作计划\n一、具体工作\n1\n、管好图书资料。\n2、培养管理队伍。\n", tmp_path)
    assert tree(result.plan) == [(1, "具体工作"), (2, "管好图书资料"), (2, "培养管理队伍")]
    assert [a.kind for a in result.anomalies] == ["split-number"]


def test_a_part_whose_earlier_headings_are_lost(tmp_path: Path):
    # 1、–3、 belong to a lost 一、; 三、 after them is a part of its own, not a sub-point of 3、
    text = "2027年图书馆工作计划\n1、加强资源建设。\n2、推进数字阅读。\n3、做好报刊征订。\n三、推进总分馆建设\n统一采购编目。\n"
    plan = imported(text, tmp_path).plan
    assert [s.title for s in plan.sections] == ["加强资源建设", "推进数字阅读", "做好报刊征订", "推进总分馆建设"]
    # 一、 typed under 1、 is a level order typed the other way round: it stays where it is
    inverted = imported("2027年工会工作计划\n1、加强学习\n一、组织读书会\n二、开展征文\n", tmp_path).plan
    assert tree(inverted) == [(1, "加强学习"), (2, "组织读书会"), (2, "开展征文")]


def test_an_unnumbered_opening_heading_is_the_preamble(tmp_path: Path):
    text = "# 2027年工会工作计划\n\n## 引言\n\n工会将围绕中心开展工作。\n\n## 一、总体目标\n\n1. 服务职工\n\n## 二、具体计划\n\n1. 开展培训\n"
    plan = imported(text, tmp_path, "plan.md").plan
    assert plan.preamble and plan.preamble.startswith("引言")
    assert [s.title for s in plan.sections] == ["总体目标", "具体计划"]


def test_a_short_plan_that_mentions_what_was_done_is_still_a_plan(tmp_path: Path):
    # a few 了 in a short page (去年举办了…) are no evidence of a summary
    text = "社区工作安排\n去年社区举办了读书会，今年继续。\n一、环境整治\n1.清理楼道杂物。\n2.开展了垃圾分类宣传的新一轮动员。\n"
    result = imported(text, tmp_path)
    assert not result.summary and [s.title for s in result.plan.sections] == ["环境整治"]


def test_the_summary_part_of_a_summary_and_plan_is_not_the_plan(tmp_path: Path):
    text = ("2026年工作总结及2027年工作计划\n一、2026年工作总结\n（一）读者服务\n1.全年接待读者36万人次。\n"
            "二、2027年工作计划\n1.开展全民阅读活动。\n2.推进数字图书馆建设。\n")
    result = imported(text, tmp_path)
    plan = result.plan
    assert result.summary and (plan.title, plan.year) == ("2026年工作总结及2027年工作计划", 2027)
    assert tree(plan) == [(1, "开展全民阅读活动"), (1, "推进数字图书馆建设")]  # not the 36万人次 of 2026


def test_a_part_heading_run_into_the_paragraph_before_it(tmp_path: Path):
    text = "2027年工会工作计划\n一、加强学习\n1、组织学习。\n二、服务职工\n走访慰问职工，发挥好桥梁作用。三、开展文体活动\n1、举办运动会。\n"
    plan = imported(text, tmp_path).plan
    assert tree(plan) == [(1, "加强学习"), (2, "组织学习"), (1, "服务职工"), (1, "开展文体活动"), (2, "举办运动会")]
    # a paragraph that counts its own points (原则：一、…。二、…) is not cut
    counting = imported("2027年工会工作计划\n一、指导思想\n坚持两点：一、服务大局。二、服务职工。\n", tmp_path).plan
    assert tree(counting) == [(1, "指导思想")]


def test_dash_bullets_of_a_flattened_line(tmp_path: Path):
    line = ("2027年职工活动计划 一、活动安排 1. 第一季度:迎春与慰问 - 活动名称:迎春座谈会 - 时间:1月下旬 "
            "2. 第二季度:健身与宣讲 - 活动名称:职工健步走 - 时间:4月中旬 二、保障措施 1. 落实活动经费,确保各项活动顺利开展。")
    plan = imported(line + "\n", tmp_path).plan
    assert [e.when.months for e in plan.schedule] == [(1, 2, 3), (4, 5, 6)]
    # an activity written as a record (名称, 时间) is one task, its time with it
    assert [t.text for t in plan.schedule[0].tasks] == ["迎春与慰问", "迎春座谈会（1月下旬）"]


def test_a_letter_spaced_organisation_above_the_title(tmp_path: Path):
    plan = imported("某 县 文 化 馆\n2027年度工作计划\n为做好今年工作，制定本计划。\n一、开展群众文化活动\n", tmp_path).plan
    assert plan.title == "某县文化馆2027年度工作计划" and plan.preamble == "为做好今年工作，制定本计划。"


def test_a_title_given_by_the_pages_file_name(tmp_path: Path):
    text = "2027年度党支部工作计划.docxVIP\n• 约3千字\n—PAGE1—\n2027年度党支部工作计划?\n一、加强学习\n"
    plan = imported(text, tmp_path).plan
    assert (plan.title, plan.preamble, tree(plan)) == ("2027年度党支部工作计划", None, [(1, "加强学习")])


@pytest.mark.parametrize("marker", ["(二)、", "(二),", "（二），"])
def test_a_sub_part_marker_with_stray_punctuation(marker, tmp_path: Path):
    plan = imported(f"2027年社区工作计划\n一、主要内容\n(一)环境管理\n1、建立档案。\n{marker}环境建设\n1、增设绿地。\n", tmp_path).plan
    assert tree(plan) == [(1, "主要内容"), (2, "环境管理"), (3, "建立档案"), (2, "环境建设"), (3, "增设绿地")]


def test_a_month_range_broken_after_its_first_numeral_is_a_time(tmp_path: Path):
    plan = imported("2027年工会工作计划\n一、加强学习\n二、工作安排\n一\n至二月份\n走访慰问困难职工\n三\n至四月份\n举办春季运动会\n", tmp_path).plan
    assert [e.when.months for e in plan.schedule] == [(1, 2), (3, 4)]
    assert tree(plan) == [(1, "加强学习"), (1, "工作安排")]


def test_a_numbered_list_above_the_title_is_the_pages(tmp_path: Path):
    text = "热门推荐\n1、2026年工会工作总结\n2、2027年团委工作要点\n2027年工会工作计划\n一、加强学习\n1、组织学习。\n二、服务职工\n"
    result = imported(text, tmp_path)
    assert not result.summary and tree(result.plan) == [(1, "加强学习"), (2, "组织学习"), (1, "服务职工")]


@pytest.mark.parametrize("line", [
    "当前位置：首页 > 工作计划", "发布时间：2027-01-05", "发稿日期:2012-02-16", "更新时间： 2027-01-05", "浏览次数:292",
    "阅读量：1200", "点击次数：15", "版权所有 某某网", "本文来源：网络", "小编为大家整理了工作计划", "欢迎访问本站",
    "字体：【大】【中】【小】", "扫一扫在手机打开当前页", "http://www.example.com/plan.html", "来源：www.example.com",
])
def test_a_pages_chrome_is_recognised_in_every_spelling(line):
    from planforge.readers.cleanup import is_noise_line

    assert is_noise_line(line)


@pytest.mark.parametrize("line", ["1.组织职工发布时间表。", "加强职工之家建设。", "详见网址:https://www.gov.cn/zhengce,请查阅"])
def test_a_plans_own_line_is_not_chrome(line):
    from planforge.readers.cleanup import is_noise_line

    assert not is_noise_line(line)


@pytest.mark.parametrize("name, text", [
    ("plan.txt", "某中学工会2027年工作计划\n一、工作思路\n服务教职工。\n二、月份工作安排\n九月份（教师节）\n"
                 "1.开展教师节慰问活动。\n2.组织新教师入会仪式。\n十月份（国庆节）\n1.组织登山比赛。\n"),
    ("plan.txt", "某中学工会2027年工作计划\n一、九月份（教师节）\n1.开展教师节慰问活动。\n2.组织新教师入会仪式。\n"
                 "二、十月份（国庆节）\n1.组织登山比赛。\n"),
    ("plan.md", "# 某中学工会2027年工作计划\n\n## 一、工作思路\n\n服务教职工。\n\n## 二、月份工作安排\n\n"
                "### 九月份（教师节）\n\n1. 开展教师节慰问活动\n2. 组织新教师入会仪式\n\n### 十月份（国庆节）\n\n1. 组织登山比赛\n"),
])
def test_a_month_with_a_note_in_brackets_keeps_it_and_its_list(name, text, tmp_path: Path):
    """九月份（教师节）: the note is the month's (kept in its time, as written), not a task; and a
    Markdown list under a month heading is that month's tasks (it had become the part's items,
    the months lost)."""
    plan = imported(text, tmp_path, name).plan
    assert [(e.when.text, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ("九月份（教师节）", ["开展教师节慰问活动", "组织新教师入会仪式"]), ("十月份（国庆节）", ["组织登山比赛"])]
    assert not [item for section in plan.sections for item in section.items]


@pytest.mark.parametrize("line, first", [
    ("三月份：召开教代会（责任部门：办公室）；配合单位：各分会。", ("召开教代会", "办公室")),
    ("三月份：召开教代会，责任人：张三；责任人：李四，开展三八节活动。", ("召开教代会", "张三")),
    ("三月份：牵头部门：办公室，召开教代会；牵头部门：女工委，开展三八节活动。", ("牵头部门：办公室，召开教代会", None)),
])
def test_a_semicolon_between_tasks_still_cuts_where_owners_are_not_chained(line, first, tmp_path: Path):
    """The ； is kept whole only between an owner's label and value ending one piece and another's
    making the whole next piece: a label in a bracket, or one followed by a task, leaves two tasks."""
    plan = imported(f"某工会2027年工作计划\n一、月度工作安排\n{line}\n", tmp_path).plan
    tasks = plan.schedule[0].tasks
    assert len(tasks) == 2 and (tasks[0].text, tasks[0].owner) == first


def test_quarter_headings_in_a_part_keep_its_items_and_their_targets(tmp_path: Path):
    """### （一）第一季度 under ## 二、主要工作: the list below is the part's items, as it was, not
    the quarter's tasks (a list under a month heading is one only where months order the plan)."""
    plan = imported("# 某工会2027年工作计划\n\n## 一、工作思路\n\n服务职工。\n\n## 二、主要工作\n\n### （一）第一季度\n\n"
                    "1. 开展新春慰问。走访慰问困难职工100户，发放慰问金20万元。\n2. 组织职工运动会，参加人数不少于500人。\n",
                    tmp_path, "plan.md").plan
    items = plan.sections[1].items
    assert [t.value for item in items for t in item.targets] == [100, 20, 500]
    assert not plan.schedule


def test_a_bracket_after_a_month_with_nothing_after_it_is_the_months_task(tmp_path: Path):
    """三月份（召开教代会） alone says what March does: the bracket is its task, not a note."""
    plan = imported("某中学工会2027年工作计划\n一、工作思路\n服务教职工。\n二、月份工作安排\n三月份（召开教代会）\n"
                    "四月份（学雷锋月）：组织志愿服务。\n", tmp_path).plan
    assert [(e.when.text, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ("三月份", ["（召开教代会）"]), ("四月份（学雷锋月）", ["组织志愿服务"])]


def test_a_months_owner_line_and_content_label_are_not_its_tasks(tmp_path: Path):
    """1月：theme, then 责任部门：… and 活动内容：1.?…；2.?… under it: the owner is the owner of the
    month's tasks, the label introduces them, and the ? a copy left for a lost bullet is dropped."""
    plan = imported("某党支部2027年主题党日活动计划\n一、月度主题党日活动安排\n1月:严明纪律铸忠诚\n"
                    "责任部门:党委办公室、宣传科\n活动内容:1.?集中学习党内法规;2.?观看新年贺词视频\n"
                    "2月:传承文化\n活动内容:1.?开展元宵节活动（责任部门：工会）\n", tmp_path).plan
    january, february = plan.schedule
    both = ["党委办公室", "宣传科"]  # several owners are a list, as an item's are
    assert [(t.text, t.owner) for t in january.tasks] == [
        ("严明纪律铸忠诚", both), ("集中学习党内法规", both), ("观看新年贺词视频", both)]
    assert [(t.text, t.owner) for t in february.tasks] == [("传承文化", None), ("开展元宵节活动", "工会")]


@pytest.mark.parametrize("lines, owners", [
    # an owner on a piece of its own owns the tasks since the last one
    ("1月：1.召开教代会；责任部门：工会办公室。2.开展春节慰问；责任部门：女工委。\n",
     [("召开教代会", "工会办公室"), ("开展春节慰问", "女工委")]),
    ("2月：\n组织职工体检\n责任部门：工会办公室\n开展元宵游园活动\n责任部门：文体委员会\n",
     [("组织职工体检", "工会办公室"), ("开展元宵游园活动", "文体委员会")]),
    # a bracket after a full stop owns the sentence that stop closed, not the month's other tasks
    ("1月：\n1.走访慰问困难职工。（责任部门：工会办公室）\n2.召开工会全委会。\n",
     [("走访慰问困难职工", "工会办公室"), ("召开工会全委会", None)]),
    ("1月：\n1.走访慰问困难职工。\n2.召开工会全委会。（责任部门：工会办公室）\n3.春节慰问。\n",
     [("走访慰问困难职工", None), ("召开工会全委会", "工会办公室"), ("春节慰问", None)]),
    ("2月：开展元宵节活动；组织职工书法比赛。（责任部门：宣教部）\n",
     [("开展元宵节活动", "宣教部"), ("组织职工书法比赛", "宣教部")]),
    ("4月：召开职代会。（责任部门：办公室）组织春游。（责任部门：工会）\n", [("召开职代会", "办公室"), ("组织春游", "工会")]),
    # a bracket on a line of its own under a month's list owns the list, as a plain owner line does,
    # and so does one ending a line of several tasks
    ("2月：\n1.元宵节活动。\n2.职工书法比赛。\n（责任部门：宣教部）\n",
     [("元宵节活动", "宣教部"), ("职工书法比赛", "宣教部")]),
    ("1月：走访慰问困难职工。开展送温暖活动。（责任部门：办公室）\n", [("走访慰问困难职工", "办公室"), ("开展送温暖活动", "办公室")]),
    ("5月：1.组织职工疗休养。2.开展职工子女助学活动。（责任部门：保障部）\n",
     [("组织职工疗休养", "保障部"), ("开展职工子女助学活动", "保障部")]),
    # the lead first, then the units that share the work: a list, as an item's owners are
    ("3月：召开职代会。（牵头部门：办公室，配合部门：组织部、宣教部）\n", [("召开职代会", ["办公室", "组织部", "宣教部"])]),
    # one owner's label after another, past a ；: the same task's owners, the lead first
    ("3月：开展三八妇女节活动，牵头单位：女工委；配合单位：各分会\n", [("开展三八妇女节活动", ["女工委", "各分会"])]),
    ("4月：组织春季运动会。牵头单位：体育组；配合单位：各年级组\n", [("组织春季运动会", ["体育组", "各年级组"])]),
    ("3月：组织三八节活动；责任部门：女工委；配合部门：各部门负责人。\n", [("组织三八节活动", ["女工委", "各部门负责人"])]),
    # a label after a task with none is still the owner of the tasks before it
    ("1月：开展慰问；召开会议；责任部门：办公室\n", [("开展慰问", "办公室"), ("召开会议", "办公室")]),
    # a co-owner's bare label (配合：) is no part of a name
    ("1月：走访慰问。（责任部门：办公室；配合：工会）开展送温暖活动。\n", [("走访慰问", ["办公室", "工会"]), ("开展送温暖活动", None)]),
    # a series of names (高三1、高三2班) is no run-in list; a run-in number glued to a word is one
    ("3月：组织高三1、高三2班开展远足活动；召开家长会。\n", [("组织高三1、高三2班开展远足活动", None), ("召开家长会", None)]),
    ("4月：1.召开教代会；2.组织高二3、高二4班参加植树活动。\n", [("召开教代会", None), ("组织高二3、高二4班参加植树活动", None)]),
    ("3月：1.召开会议2.组织活动3.开展慰问\n", [("召开会议", None), ("组织活动", None), ("开展慰问", None)]),
    ("7月：召开教代会1.组织春游2.开展读书活动。\n", [("召开教代会", None), ("组织春游", None), ("开展读书活动", None)]),
    # an ordinal is no run-in number
    ("6月：组织第1、第2批职工疗休养；开展职工子女助学活动。\n", [("组织第1、第2批职工疗休养", None), ("开展职工子女助学活动", None)]),
    # a stated time stays in the task's words: a task has no time of its own to keep it in
    ("1月：集中学习党内法规（责任部门：党办，完成时限：1月20日前）\n",
     [("集中学习党内法规（责任部门：党办，完成时限：1月20日前）", None)]),
    # a ； inside a bracket cuts no task
    ("3月：召开职代会（责任部门：办公室；完成时限：3月20日前）；组织春游（责任部门：工会）。\n",
     [("召开职代会（责任部门：办公室；完成时限：3月20日前）", None), ("组织春游", "工会")]),
    ("3月：召开职代会（责任部门：办公室（工会）；完成时限：3月20日前）；组织春游。\n",
     [("召开职代会（责任部门：办公室（工会）；完成时限：3月20日前）", None), ("组织春游", None)]),
    # a comma the line was cut at ends no task
    ("2月：召开第二届第五次教代会,\n", [("召开第二届第五次教代会", None)]),
    # words that only mention an owner or a content are tasks
    ("3月：明确责任部门：各支部；活动内容丰富多彩的游园会\n", [("明确责任部门：各支部", None), ("活动内容丰富多彩的游园会", None)]),
])
def test_each_schedule_task_keeps_the_owner_stated_for_it(lines, owners, tmp_path: Path):
    plan = imported("某工会2027年工作计划\n一、月度工作安排\n" + lines, tmp_path).plan
    assert [(t.text, t.owner) for entry in plan.schedule for t in entry.tasks] == owners


@pytest.mark.parametrize("text", [
    "二、主要工作\n今年重点抓好以下几项工作：\n民主管理工作\n职工福利工作\n文体活动工作\n",
    "二、月度安排\n五月：\n劳动教育工作\n班主任工作\n家长会工作\n",
    "工作目标\n主要任务\n保障措施\n一、加强学习\n1.组织学习。\n",
])
def test_short_lines_that_end_like_column_names_are_the_plans_words(text, tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text("某工会2027年工作计划\n" + text, encoding="utf-8")
    assert not [r for r in import_document(path).repairs if r.kind == "table-header"]


def test_an_activity_written_as_a_record_is_one_task(tmp_path: Path):
    """第一季度：theme, then - 活动名称：… / - 时间：… / a description for each activity: one task per
    activity, its time and description with it, not three rows of labels."""
    plan = imported("某工会2027年活动计划\n一、活动安排\n1. 第一季度:迎新与动员\n- 活动名称:新年联欢会\n- 时间:1月上旬\n"
                    "- 组织员工进行新年庆祝活动\n- 活动名称:健康讲座\n- 时间:3月\n- 邀请讲师开展心理健康讲座\n", tmp_path).plan
    assert [t.text for entry in plan.schedule for t in entry.tasks] == [
        "迎新与动员", "新年联欢会（1月上旬）：组织员工进行新年庆祝活动", "健康讲座（3月）：邀请讲师开展心理健康讲座"]


@pytest.mark.parametrize("line", ["问题描述:", "最佳答案", "推荐答案", "工会年度活动计划表,急!求解答,求此刻回复!"])
def test_a_question_and_answer_pages_chrome_is_not_the_plan(line):
    from planforge.readers.cleanup import is_noise_line

    assert is_noise_line(line)


@pytest.mark.parametrize("lines, tasks", [
    # the next numbered item is no record's description
    ("一月份：\n1.活动名称：教职工迎新年联欢会，时间：1月上旬\n2.开展寒假困难教职工走访慰问\n",
     [("教职工迎新年联欢会（1月上旬）", None), ("开展寒假困难教职工走访慰问", None)]),
    # a description with its owner, then a task of its own
    ("1月：活动名称：新春联欢会；时间：1月中旬；组织职工开展联欢（责任部门：工会办公室）；开展春节送温暖活动。\n",
     [("新春联欢会（1月中旬）：组织职工开展联欢", "工会办公室"), ("开展春节送温暖活动", None)]),
    # a record's other fields, and a 时间 that is no time, stay with it
    ("3月：活动名称：三八趣味赛；活动时间：3月8日；活动地点：职工活动中心；参加对象：全体女职工；组织女职工开展趣味比赛。\n",
     [("三八趣味赛（3月8日；活动地点：职工活动中心；参加对象：全体女职工）：组织女职工开展趣味比赛", None)]),
    ("7月：活动名称：职工读书分享会；时间：视上级安排而定；分享读书心得。\n", [("职工读书分享会（视上级安排而定）：分享读书心得", None)]),
    # an owner on a month's line of its own, before the month's first task
    ("1月：召开全委会。\n2月：责任部门：女工委\n2月：开展“三八”节系列活动。\n", [("召开全委会", None), ("开展“三八”节系列活动", "女工委")]),
])
def test_records_and_owners_in_a_schedule(lines, tasks, tmp_path: Path):
    plan = imported("某工会2027年工作计划\n一、月度工作安排\n" + lines, tmp_path).plan
    assert [(t.text, t.owner) for entry in plan.schedule for t in entry.tasks] == tasks


@pytest.mark.parametrize("line", ["职工诉求回复率达到100%。", "对职工诉求解答不到位的问题，限期整改。", "落实上级要求回复的事项",
                                  "问题描述：部分企业厂务公开流于形式"])
def test_a_plans_words_like_a_question_pages_are_not_chrome(line):
    from planforge.readers.cleanup import is_noise_line

    assert not is_noise_line(line)


def test_a_schedule_table_cell_that_says_nothing_is_no_task_and_no_owner(tmp_path: Path):
    """— / 无 / 暂无 in a schedule table's cell: nothing is there (a table writes — where a blank
    would read as forgotten), neither a task nor an owner."""
    text = ("# 某工会2027年工作计划\n\n## 一、加强学习\n\n附件\n\n## 2027年月度工作安排\n\n| 月份 | 工作内容 | 责任部门 |\n"
            "| --- | --- | --- |\n| 1月 | 走访慰问困难职工 | — |\n| 2月 | 开展元宵节活动 | 暂无 |\n| 8月 | — | — |\n")
    plan = imported(text, tmp_path, "plan.md").plan
    assert [(e.when.text, [(t.text, t.owner) for t in e.tasks]) for e in plan.schedule] == [
        ("1月", [("走访慰问困难职工", None)]), ("2月", [("开展元宵节活动", None)])]


def test_a_months_list_items_are_its_tasks_in_markdown_and_word(tmp_path: Path):
    """## 九月份 then a Markdown list (1. 召开教代会。), or a month paragraph then Word's own
    numbered list: in a plan organised by month the list's items are the month's tasks (they
    became the plan's parts, and the months were lost)."""
    import docx

    markdown = "# 某小学工会工作计划\n\n## 九月份\n\n1. 召开教代会。\n2. 慰问新教师。\n\n## 十月份\n\n1. 举办秋季运动会。\n"
    document = docx.Document()
    document.add_paragraph("某小学工会工作计划", style="Title")
    for month, tasks in (("九月份", ["召开教代会", "慰问新教师"]), ("十月份", ["举办秋季运动会"])):
        document.add_paragraph(month)
        for task in tasks:
            document.add_paragraph(task, style="List Number")
    document.save(str(tmp_path / "plan.docx"))
    for plan in (imported(markdown, tmp_path, "plan.md").plan, import_document(tmp_path / "plan.docx", 2027).plans[0].plan):
        assert plan.sections == []
        assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [
            ((9,), ["召开教代会", "慰问新教师"]), ((10,), ["举办秋季运动会"])]
