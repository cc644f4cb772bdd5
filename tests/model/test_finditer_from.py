"""The time and target scanners, the placeholder pattern and PF211's month patterns are tried
only where a match can begin (`finditer_from`); they must find exactly what `finditer` finds, span
for span and alternative for alternative, on real plans and on strings made of the characters the
patterns care about."""

from __future__ import annotations

import random

import pytest
from conftest import ROOT

from planforge.lint import rules_dates
from planforge.model import periods, targets
from planforge.model.text import PLACEHOLDER, PLACEHOLDER_FIRST, finditer_from, fold_width

SCANNERS = {
    "targets": (targets._TARGET_RE, targets._TARGET_FIRST),
    "periods": (periods._SCANNER, periods._SCANNER_FIRST),
    "placeholders": (PLACEHOLDER, PLACEHOLDER_FIRST),
    "bad months": (rules_dates._BAD_MONTH, rules_dates._BAD_MONTH_FIRST),
    "month days": (rules_dates._MONTH_DAY, rules_dates._DIGIT),
}
CORPUS = ROOT.parent / "shared" / "corpus"
# Digits, numerals, units, operators, month and festival words, quotes and spaces: the
# characters where matches begin and end.
ALPHABET = list("0123456789一二三四五六七八九十百千万两零第每本月日号年季度上中下旬初底末至到-~—、，和及前以后左右达到"
                "不少于超过低于控制在%％人个次场项“”\" 公开学春节五一国庆八一适时近期定期常态化全年上半年暑假寒假学期"
                "xX×*某_＿市区aZ.．/１２") + [" ", "\u3000"]


def _same(pattern, first, text: str) -> bool:
    expected = [(m.span(), m.lastgroup) for m in pattern.finditer(text)]
    return expected == [(m.span(), m.lastgroup) for m in finditer_from(pattern, first, text)]


# The few characters a pattern's every alternative is made of: random strings of these hit each
# alternative's opening (19__, 20xx, 十三月) often, where the whole alphabet seldom does.
FOCUSED = {
    "placeholders": list("12 09xX×*某_＿年月市-至aZ一"),
    "bad months": list("1239 十二三月日第.一"),
    "month days": list("0123 月日号.-１"),
}


@pytest.mark.parametrize("name", SCANNERS)
def test_same_matches_on_random_text(name):
    pattern, first = SCANNERS[name]
    rnd = random.Random(20261206)
    for alphabet in (ALPHABET, FOCUSED.get(name, ALPHABET)):
        for _ in range(5000):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 40)))
            assert _same(pattern, first, text), text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is beside the project, not in it")
@pytest.mark.parametrize("name", SCANNERS)
def test_same_matches_on_the_corpus(name):
    pattern, first = SCANNERS[name]
    for path in sorted(CORPUS.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            assert _same(pattern, first, fold_width(line)), (path.name, line)


def _opening_by_scan(text: str):
    """What `opening_period` answers, by scanning the line's start as it did before its prefilter."""
    found = periods.find_periods(text[:30])
    return found[0] if found and found[0].start <= 1 else None


def test_opening_period_agrees_with_a_scan_on_random_text():
    rnd = random.Random(20261207)
    alphabet = ALPHABET + list("（(：:１２３ＡA深入开展")
    for _ in range(5000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 12)))
        assert periods.opening_period(text) == _opening_by_scan(text), text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is beside the project, not in it")
def test_opening_period_agrees_with_a_scan_on_the_corpus():
    opened = 0
    for path in sorted(CORPUS.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            expected = _opening_by_scan(line.strip())
            assert periods.opening_period(line.strip()) == expected, (path.name, line)
            opened += expected is not None
    assert opened > 50  # the corpus has month headings and dated lines: the check saw both answers
