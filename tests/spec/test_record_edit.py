"""The record as planforge writes and edits it, without the CLI: the starter lists every item with
an id and loads back as a record of its plan; an edit changes one item's lines and keeps the rest,
comments included (through `progress set`: tests/spec/test_record_is_kept.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planforge.errors import InputError, UsageError
from planforge.fileio import SourceFile
from planforge.model.plan import Plan
from planforge.spec.record import load_progress_text
from planforge.spec.record_edit import Change, _replace_value, apply_change
from planforge.spec.record_write import starter_text

PLAN = Plan.model_validate({
    "title": "测试工会2027年工作计划", "year": 2027,
    "sections": [{"title": "建功立业", "items": [
        {"id": "a", "title": "技能竞赛", "targets": [{"what": "参赛职工", "value": 500, "unit": "人"}]},
        {"id": "no", "title": "yes"},
        {"title": "没有 id 的事项"},
    ]}],
})
TODAY = dt.date(2027, 5, 6)


def _loaded(text: str):
    return load_progress_text(SourceFile(Path("plan.progress.yaml"), text, "utf-8"), PLAN)


def test_the_starter_loads_back_as_a_record_of_its_plan():
    text, without_id = starter_text(PLAN, "plan.yaml")
    loaded = _loaded(text)
    assert list(loaded.record.items) == ["a", "no"] and loaded.record.items["no"].title == "yes"  # quoted, not booleans
    assert [i.title for i in without_id] == ["建功立业", "没有 id 的事项"] and loaded.warnings == []
    assert text.startswith("# yaml-language-server: $schema=progress.schema.json\n")
    assert "      - {what: 参赛职工, target: 500, unit: 人, actual: null, date: null}\n" in text


def test_an_edit_changes_its_item_and_keeps_every_other_line():
    text = starter_text(PLAN, "plan.yaml")[0].replace("  a:\n", "  # 组织部填报\n  a:  # 重点\n")
    after = apply_change(_loaded(text), PLAN, "a", Change(status="done", actual="650"), TODAY)
    record = _loaded(after).record.items["a"]
    assert (record.status, record.finished, record.targets[0].actual, record.targets[0].date) == ("已完成", TODAY, 650, TODAY)
    lines = text.split("\n")
    status_line = lines.index("    status: 未开始")  # item a's: the first item
    target_line = next(number for number, line in enumerate(lines) if "参赛职工" in line)
    kept = [line for number, line in enumerate(lines) if number not in (status_line, target_line)]
    remaining = iter(after.split("\n"))
    assert all(line in remaining for line in kept)  # every other line, comments included, in its order


def test_what_cannot_be_written_is_refused_before_anything_is():
    loaded = _loaded(starter_text(PLAN, "plan.yaml")[0])
    with pytest.raises(UsageError):
        apply_change(loaded, PLAN, "a", Change(status="差不多"), TODAY)
    with pytest.raises(UsageError):
        apply_change(loaded, PLAN, "no", Change(actual="1"), TODAY)  # no target to hold it
    flow = _loaded("progress: 1\nplan: 测试工会2027年工作计划\nyear: 2027\nitems: {a: {status: 未开始}}\n")
    with pytest.raises(InputError):
        apply_change(flow, PLAN, "a", Change(status="done"), TODAY)


@pytest.mark.parametrize("line, expected", [
    ('    note: 旧说明  # 组织部填写', '    note: 新说明  # 组织部填写'),
    ('    note: "第 #2 场已办"  # 注', '    note: 新说明  # 注'),
    ("    note: '他说''好'' #3'", "    note: 新说明"),
    ('    note: "引号\\"里 #"', '    note: 新说明'),
    ("    note:", "    note: 新说明"),
    ("    note:  # 待填", "    note: 新说明  # 待填"),
])
def test_a_value_is_replaced_and_its_comment_kept(line, expected):
    assert _replace_value(line, 5, "note", "新说明", not line.rstrip().endswith(("note:", "待填")), "r.yaml", 1) == expected
