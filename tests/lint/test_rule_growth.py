"""Rules stay linear on a large plan: every memo a rule reads through holds a whole document's
distinct texts (benchmarks/rule_growth.py prints each rule's time at 100, 1,000 and 10,000 items)."""

from __future__ import annotations

import pytest

from planforge.limits import MEMO_ENTRIES
from planforge.model import gaps, periods, targets


@pytest.mark.parametrize("memo, ask", [
    (targets._find_targets, targets.find_targets),
    (periods._scan, periods.find_periods),
    (gaps._framing_title, gaps._framing_title),
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
