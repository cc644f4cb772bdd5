"""The year so far, from the model alone: a `Plan` and a `Progress` read against a date, no file
and no command in between (the CLI's view of the same is tests/cli/test_year.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from year_sample import PLAN, RECORD

from planforge.model.plan import Plan, Target
from planforge.model.record import ItemProgress, Progress, progress_of, target_progress
from planforge.model.status import completion_rate, counted_later, due_month, months_passed, year_status
from planforge.model.wording import UnitMismatch, figure, read_actual, read_figure


def test_the_year_against_a_date():
    status = year_status(PLAN, RECORD, dt.date(2027, 7, 15))
    assert status["months_ended"] == 6 and status["today_month"] == 7
    assert status["overdue"] == ["b"]  # due in May, in progress in July; 下半年 and 每月 are due in December
    assert status["totals"] == {"items": 4, "done": 1, "overdue": 1, "targets": 2, "reached": 1, "not_reached": 1}
    assert [(s["number"], s["items"], s["done"], s["share"]) for s in status["sections"]] == [("一、", 3, 1, 33), ("二、", 1, 0, 0)]
    assert status["targets"][0] == {"item": "a", "index": 0, "what": "参赛职工", "target": 500, "unit": "人", "op": ">=", "actual": 1650,
                                    "date": "2027-03-30", "reached": True, "rate": 330}
    assert [m["due"] for m in status["timeline"]] == [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 2]


def test_progress_counted_later_is_named_only_where_the_reading_leaves_it_out():
    """As of 2027-03-15 the value counted on 2027-03-30 and the finish on 2027-06-01 are left out;
    a finish kept on an item set back to in progress, a cancellation, a date with no value and
    an id the plan lacks change nothing that day, so they are not named."""
    record = Progress.model_validate({
        "plan": PLAN.title, "year": 2027,
        "items": {"a": {"status": "已完成", "finished": "2027-06-01",
                        "targets": [{"what": "参赛职工", "actual": 1650, "date": "2027-03-30"}]},
                  "b": {"status": "in-progress", "finished": "2027-05-01", "targets": [{"what": "建议", "date": "2027-04-01"}]},
                  "c": {"status": "已取消", "finished": "2027-09-01"},
                  "ghost": {"status": "已完成", "finished": "2027-10-01"}},
    })
    today = dt.date(2027, 3, 15)
    assert counted_later(PLAN, record, today) == {"a": dt.date(2027, 6, 1)}
    assert counted_later(PLAN, record, dt.date(2027, 6, 1)) == {}
    assert year_status(PLAN, record, dt.date(2027, 6, 1))["totals"]["done"] == 1 == \
        year_status(PLAN, record, dt.date.max)["totals"]["done"]
    assert counted_later(PLAN, RECORD, today) == {"a": dt.date(2027, 3, 30)}


@pytest.mark.parametrize("op", [None, "=", "<="])
def test_a_zero_target_is_a_ceiling(op):
    """违规使用经费为零 (value 0, with no op, = or <=): none is the target, one is a miss; it had been
    judged at least zero, so any count was reached."""
    plan = Plan.model_validate({"title": "测试工会2027年工作计划", "year": 2027, "sections": [{"title": "经费", "items": [
        {"id": "j", "title": "规范经费使用", "targets": [{"what": "违规使用经费", "value": 0, "unit": "起", **({"op": op} if op else {})}]}]}]})
    for actual, reached in ((1, False), (0, True)):
        record = Progress.model_validate({"plan": plan.title, "year": 2027, "items": {"j": {
            "status": "进行中", "targets": [{"what": "违规使用经费", "actual": actual, "date": "2027-06-01"}]}}})
        row = year_status(plan, record, dt.date(2027, 12, 31))["targets"][0]
        assert (row["op"], row["reached"]) == ("<=", reached)


def test_an_item_the_record_lacks_is_not_started():
    status = year_status(PLAN, Progress(plan=PLAN.title, year=2027), dt.date(2028, 1, 10))
    assert {i["status"] for i in status["items"]} == {"not-started"}
    assert status["overdue"] == ["a", "b", "c", "d"]  # the year is over
    assert [t["reached"] for t in status["targets"]] == [None, None]  # not measured is not failed


@pytest.mark.parametrize("today, ended", [(dt.date(2026, 12, 31), 0), (dt.date(2027, 1, 31), 0),
                                          (dt.date(2027, 4, 1), 3), (dt.date(2028, 1, 1), 12)])
def test_months_passed(today, ended):
    assert months_passed(2027, today) == ended


def test_an_item_is_due_by_the_end_of_its_last_month():
    a, b, c = PLAN.sections[0].items
    assert (due_month(a), due_month(b), due_month(c), due_month(PLAN.sections[1])) == (3, 5, 12, 12)


def test_a_target_is_found_by_its_name_as_the_plan_writes_it():
    assert target_progress(RECORD.items["a"], " 参赛职工 ").actual == 1650
    assert target_progress(RECORD.items["a"], "参赛") is None and target_progress(None, "参赛职工") is None


@pytest.mark.parametrize("value, unit, written", [(1650, "人", "1650人"), (1650.5, "元", "1650.5元"), (12000, "人次", "12000人次"),
                                                  (80, "%", "80%"), (0.5, None, "0.5"), (None, "人", "—"), (2 / 3, "%", "0.67%")])
def test_a_figure_is_written_one_way(value, unit, written):
    assert figure(value, unit) == written  # no thousands comma: Chinese documents write 1650人


@pytest.mark.parametrize("typed, value", [("1650", 1650), ("1,650", 1650), ("１２００", 1200), ("1.2万", 12000),
                                          ("97.5%", 97.5), ("百分之九十七点五", 97.5), ("一千二百", 1200), ("2300余", 2300),
                                          ("600多", 600), ("两万", 20000), ("3.5", 3.5), ("十五点六万", 156000),
                                          ("一千多", 1000), ("1,2", None), ("2027-01-01", None), ("很多", None), ("", None)])
def test_a_figure_is_read_as_people_type_it(typed, value):
    assert read_figure(typed) == value


@pytest.mark.parametrize("typed, unit, value", [
    ("15.6万", "万元", 15.6), ("15.6万元", "万元", 15.6), ("156000元", "万元", 15.6), ("15.6", "万元", 15.6),
    ("十五万", "万元", 15), ("1.35万", "万人次", 1.35), ("5000万", "亿元", 0.5),  # a target counted in 万 or 亿
    ("1.2万", "人次", 12000), ("58人", "人", 58), ("97.5%", "%", 97.5), ("97.5", "%", 97.5), ("5千米", "千米", 5),
    ("1650", None, 1650), ("很多", "人", None),
    ("十五点六万", "万元", 15.6), ("5.5万", "千元", 55), ("55000元", "千元", 55), ("3000", "千米", 3000),
    ("4.8‰", "‰", 4.8), ("千分之四点八", "‰", 4.8), ("2.5%", "个百分点", 2.5), ("92%", None, 92), ("300人以上", "人", 300),
])
def test_a_value_achieved_is_read_in_its_targets_unit(typed, unit, value):
    """15.6万 of a 15万元 target is 15.6 (it had been stored as 156000, and the 总结 said 完成目标的1040000%)."""
    assert read_actual(typed, unit) == value


@pytest.mark.parametrize("typed, unit, written", [("97.5%", "人", "%"), ("58个", "人", "个"), ("3万元", "人次", "元"),
                                                  ("4.8%", "‰", "%")])
def test_a_value_in_another_unit_is_refused(typed, unit, written):
    with pytest.raises(UnitMismatch) as refused:
        read_actual(typed, unit)
    assert refused.value.written == written


def test_the_year_as_it_stood_on_a_date():
    record = RECORD.model_copy(deep=True)
    record.items["c"] = ItemProgress(status="已完成", started=dt.date(2027, 7, 1), finished=dt.date(2027, 9, 30))
    in_may = year_status(PLAN, record, dt.date(2027, 5, 1))
    assert {i["id"]: i["status"] for i in in_may["items"]}["c"] == "not-started"  # started in July
    assert in_may["targets"][0]["actual"] == 1650  # counted on 30 March
    in_august = year_status(PLAN, record, dt.date(2027, 8, 1))
    assert {i["id"]: i["status"] for i in in_august["items"]}["c"] == "in-progress"
    assert year_status(PLAN, record, dt.date(2027, 10, 1))["totals"]["done"] == 2
    half = year_status(PLAN, record, dt.date(2027, 10, 1), half=True)
    assert [i["id"] for i in half["items"]] == ["a", "b"] and half["totals"]["done"] == 1  # c and d are due in December


def test_a_value_counted_after_the_date_is_not_counted_yet():
    status = year_status(PLAN, RECORD, dt.date(2027, 3, 29))
    assert status["targets"][0]["actual"] is None and status["targets"][0]["reached"] is None
    assert status["targets"][1]["actual"] == 80  # undated: taken as written


@pytest.mark.parametrize("target, actual, rate", [
    ({"what": "参赛职工", "value": 500, "unit": "人"}, 1650, 330),
    ({"what": "召开职工代表大会", "value": 1, "unit": "次"}, 1, None),  # one meeting held is held
    ({"what": "工人先锋号", "value": 1, "unit": "个"}, 0, None),
    ({"what": "安全事故", "value": 5, "unit": "起", "op": "<="}, 3, None),  # a ceiling met is met
    ({"what": "签订率", "value": 95, "unit": "%"}, 96, None),
])
def test_a_completion_rate_only_where_it_tells_something(target, actual, rate):
    assert completion_rate(Target.model_validate(target), actual) == rate


def test_a_renamed_target_keeps_its_record_by_its_place():
    entry = ItemProgress(targets=[{"what": "参赛职工", "unit": "人", "actual": 1650}, {"what": "建议", "unit": "条", "actual": 80}])
    renamed = [Target(what="参加技能竞赛的职工", value=500, unit="人"), Target(what="建议", value=100, unit="条")]
    assert progress_of(entry, renamed, 0).actual == 1650 and progress_of(entry, renamed, 1).actual == 80
    other_unit = [Target(what="参加技能竞赛的班组", value=50, unit="个"), Target(what="建议", value=100, unit="条")]
    assert progress_of(entry, other_unit, 0) is None
