"""Faults a careful reader of a copied plan catches and the linter used to pass: figures deleted
with their units left behind, a target cut against last year's, a month heading typed twice, a
reversed range in a spec's `when`, and full-width digits. Run through the CLI, as a user meets them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

COPIED_PLAN = """\
某区教育工会2027年工作计划

一、会员发展
1. 全区现有会员人，其中女会员人，年内发展新会员名。
2. 全年节约经费约元，办公费用降低%以上。
3. 职工参保率由上年的98%调为96%，事故率由上年的0.5‰调为0.3‰。
4. 组织职工培训２０场，参训３００人次。

二、月度安排
三月份：召开教代会。
三月份：开展三八节活动。
五月份：组织春季运动会。
六月份：举办读书分享会。

某区教育工会
2027年1月5日
"""


def _findings(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("lint", "--format", "json", str(path), cwd=tmp_path)
    return [f"{f['line']} {f['code']} {f['col'] or ''}".strip() for f in json.loads(result.stdout)["findings"]]


def test_a_copied_plan_shows_every_deleted_figure_and_cut_target(tmp_path):
    found = _findings(tmp_path, "计划.txt", COPIED_PLAN)
    assert "4 PF401 6" in found and "4 PF401 12" in found and "4 PF401 21" in found  # 现有会员人, 其中女会员人, 发展新会员名
    assert "5 PF401 10" in found and "5 PF401 17" in found  # 约元, 降低%
    assert "6 PF104 18" in found  # 98% → 96%; the accident rate falling is what is meant
    assert [f for f in found if f.startswith("6 PF104")] == ["6 PF104 18"]
    assert "7 PF410 10" in found  # ２０场 (and ３００ in the same paragraph: one finding)
    assert [f for f in found if "PF210" in f] == ["11 PF210"]  # the second 三月份 is the missing 四月份


def test_full_width_digits_are_fixed_and_nothing_else_moves(tmp_path):
    path = tmp_path / "计划.txt"
    path.write_text(COPIED_PLAN, encoding="utf-8")
    run_cli("lint", "--fix", "--select", "PF410", str(path), cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == COPIED_PLAN.replace("２０场，参训３００", "20场，参训300")


def test_a_spec_when_written_backwards_is_reported_where_it_is_written(tmp_path):
    spec = ("planforge: 1\ntitle: 测试工会2027年工作计划\norganization: 测试工会\nyear: 2027\n"
            "sections:\n  - title: 文体活动\n    items:\n      - title: 举办职工运动会\n"
            "        text: 参赛职工500人次\n        when: 10-8月\n")
    found = _findings(tmp_path, "plan.yaml", spec)
    assert "10 PF209 15" in found


def test_rows_of_one_month_in_calendar_order_are_not_a_repeat(tmp_path):
    rows = COPIED_PLAN.replace("五月份：组织春季运动会", "四月份：组织春季运动会")
    assert not [f for f in _findings(tmp_path, "计划.txt", rows) if "PF210" in f]


def test_an_event_the_documents_schedule_dates_is_dated(tmp_path):
    """举办…专业技能竞赛 with no month of its own, when the schedule says 9-10月 专业技能竞赛: the
    schedule names it in words (a spec links it by id), and PF201 had said it had no time. An
    event the schedule does not name is still reported."""
    text = ("某医院工会2027年工作计划\n一、建功立业\n1.举办全院专业技能竞赛，参赛职工不少于500人。\n"
            "2.举办青年演讲比赛，参赛职工100人。\n二、月度工作安排\n9-10月：专业技能竞赛\n12月：年度总结\n")
    found = [f for f in _findings(tmp_path, "计划.txt", text) if "PF201" in f]
    assert found == ["4 PF201 3"], found


def test_a_schedule_table_that_skips_a_month_repeats_none(tmp_path):
    """A Markdown table's rows 1月, 3月: the table is found at its first line, and its 1月 row is
    that entry's own, not its month named again (PF210 had asked whether it meant 2月)."""
    table = ("# 某区妇联2027年工作计划\n\n## 一、重点工作\n\n1. 推进执委培训。\n\n## 二、月度工作安排\n\n"
             "| 月份 | 工作内容 | 责任部门 |\n| --- | --- | --- |\n| 1月 | 春节走访慰问 | 权益部 |\n"
             "| 3月 | 三八节系列活动 | 办公室 |\n| 4月 | 技能培训 | 发展部 |\n")
    assert not [f for f in _findings(tmp_path, "计划.md", table) if "PF210" in f]


def test_a_month_typed_twice_is_found_past_an_entry_with_no_month(tmp_path):
    """适时 before the months (an entry with no month of its own) leaves the look ahead where it
    was: the second 3月 is still the missing 4月."""
    spec = ("planforge: 1\ntitle: 测试工会2027年工作计划\norganization: 测试工会\nyear: 2027\ndate: 2027-01-05\n"
            "sections:\n  - title: 加强学习\n    items:\n      - title: 开展读书活动\n        text: 征集读书征文200篇\n"
            "        when: 4月\n        owner: 宣教部\nschedule:\n  - when: 适时\n    tasks: [{text: 走访}]\n"
            "  - when: 3月\n    tasks: [{text: 三八节活动}]\n  - when: 3月\n    tasks: [{text: 植树活动}]\n"
            "  - when: 5月\n    tasks: [{text: 读书活动}]\n")
    found = _findings(tmp_path, "plan.yaml", spec)
    assert [f for f in found if "PF210" in f] == ["18 PF210"]  # the second `- when: 3月`
