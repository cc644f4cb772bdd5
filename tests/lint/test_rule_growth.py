"""Rules stay linear on a large plan: every memo a rule reads through holds a whole document's
distinct texts (benchmarks/rule_growth.py prints each rule's time at 100, 1,000 and 10,000 items)."""

from __future__ import annotations

import pytest

from planforge.limits import MEMO_ENTRIES
from planforge.model import gaps, numbering, periods, targets


@pytest.mark.parametrize("memo, ask", [
    (targets._find_targets, targets.find_targets),
    (periods._scan, periods.find_periods),
    (gaps._framing_title, gaps._framing_title),
    (numbering._split_marker, numbering.split_marker),
])
def test_a_ten_thousand_item_plan_is_read_once_per_text(memo, ask):
    texts = [f"第{n}项：组织职工培训{n % 97}次，3月完成" for n in range(10_000)]
    memo.cache_clear()
    for text in texts:
        ask(text)
    for text in texts:  # a second rule asks again: every answer is kept
        ask(text)
    info = memo.cache_info()
    assert info.currsize == len(texts) and info.hits == len(texts) and info.maxsize == MEMO_ENTRIES


def test_the_month_after_each_schedule_entry_is_found_in_one_pass():
    """PF210 asks, for each entry, which other month comes next; answered in one pass from the end
    (a schedule of many rows of one month was read again from each row). The answers are the
    plain look-ahead's, on random schedules with undated entries among them."""
    import random
    from types import SimpleNamespace

    from planforge.lint.rules_dates import _next_other_month

    def look_ahead(schedule, index):
        month = schedule[index].when.months[0]
        later = [e.when.months[0] for e in schedule[index + 1:] if e.when.months]
        return next((m for m in later if m != month), None)

    chance = random.Random(3)
    for _ in range(2000):
        schedule = [SimpleNamespace(when=SimpleNamespace(months=(chance.randint(1, 12),) if chance.random() < 0.8 else ()))
                    for _ in range(chance.randint(0, 12))]
        found = _next_other_month(schedule)
        assert [found[i] for i, e in enumerate(schedule) if e.when.months] == \
            [look_ahead(schedule, i) for i, e in enumerate(schedule) if e.when.months]


@pytest.mark.parametrize("suffix", [".yaml", ".md"])
def test_a_lint_run_asks_once_per_item_whether_it_is_work(tmp_path, monkeypatch, suffix):
    """The target, time and owner rules (PF101, PF106, PF201) each judge every work item; whether
    an item is work is asked once per run (LintContext.work_items), not again in each rule: that
    second asking was most of a small rule's time on a 10,000-item plan. The findings themselves
    are the suite's to check; here, each of the plan's items is asked about at most once."""
    from planforge.lint.engine import LintConfig, lint_file

    path = tmp_path / f"plan{suffix}"
    path.write_text(
        "title: 测试工会2027年工作计划\nyear: 2027\nsections:\n" + "".join(
            f"  - title: 第{s}部分工作\n    items:\n" + "".join(
                f"      - {{title: 开展第{s}{n}项活动, text: 组织职工参加, owner: 工会}}\n" for n in range(5))
            for s in range(4))
        if suffix == ".yaml" else
        "# 测试工会2027年工作计划\n\n" + "".join(
            f"## {'一二三四'[s]}、第{s}部分工作\n\n" + "".join(f"{n + 1}. 召开第{s}{n}次职工座谈会。\n" for n in range(5)) + "\n"
            for s in range(4)),
        encoding="utf-8")
    asked = []
    real = gaps._empty_section  # every is_work_item of a leaf asks it first, and nothing else does
    monkeypatch.setattr(gaps, "_empty_section", lambda level, item: asked.append(id(item)) or real(level, item))
    findings = lint_file(path, LintConfig()).findings
    assert {f.code for f in findings} >= ({"PF101", "PF201"} if suffix == ".yaml" else {"PF201"})
    assert asked and len(asked) == len(set(asked)), "an item was asked twice whether it is work"
