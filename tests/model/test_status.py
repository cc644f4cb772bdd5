"""The year so far, from the model alone: a `Plan` and a `Progress` read against a date, no file
and no command in between (the CLI's view of the same is tests/cli/test_year.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from year_sample import PLAN, RECORD

from planforge.model.record import Progress, target_progress
from planforge.model.status import due_month, months_passed, year_status
from planforge.model.wording import figure


def test_the_year_against_a_date():
    status = year_status(PLAN, RECORD, dt.date(2027, 7, 15))
    assert status["months_ended"] == 6 and status["today_month"] == 7
    assert status["overdue"] == ["b"]  # due in May, in progress in July; 下半年 and 每月 are due in December
    assert status["totals"] == {"items": 4, "done": 1, "overdue": 1, "targets": 2, "reached": 1, "not_reached": 1}
    assert [(s["number"], s["items"], s["done"], s["share"]) for s in status["sections"]] == [("一、", 3, 1, 33), ("二、", 1, 0, 0)]
    assert status["targets"][0] == {"item": "a", "what": "参赛职工", "target": 500, "unit": "人", "op": ">=", "actual": 1650,
                                    "date": "2027-03-30", "reached": True, "rate": 330}
    assert [m["due"] for m in status["timeline"]] == [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 2]


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


@pytest.mark.parametrize("value, unit, written", [(1650, "人", "1,650人"), (1650.5, "元", "1,650.5元"),
                                                  (80, "%", "80%"), (0.5, None, "0.5"), (None, "人", "—")])
def test_a_figure_is_written_one_way(value, unit, written):
    assert figure(value, unit) == written
