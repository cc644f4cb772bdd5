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
