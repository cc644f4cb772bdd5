"""The text hygiene rules ask only for the lines that hold what their patterns need
(`LintContext.hygiene_texts(need)`); a document's lines are searched for it joined. No line
that holds it may be left out, or a finding would silently go missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from planforge.lint.engine import _read
from planforge.lint.rules_text import _DELETED_NUMBER, _NEEDS, _TODO, _either
from planforge.model.text import PLACEHOLDER

CORPUS = ROOT.parent / "shared" / "corpus"
# the needs the rules use, and two that can run across a line's end (a space, a stop then 一)
NEEDS = [*{id(n): n for n in _NEEDS.values()}.values(), _either([_NEEDS[r] for r in (PLACEHOLDER, _TODO, _DELETED_NUMBER)]),
         re.compile(r"月"),
         re.compile(r"[,;:?!()]"), re.compile(r"\s"), re.compile(r"。\s*一")]


def _hygiene_context(path: Path):
    _source, plans, _findings = _read(path)
    return plans.context(plans.hygiene_index)


def _check(ctx) -> int:
    every = list(ctx.hygiene_texts())
    for need in NEEDS:
        given = [text for text, _where in ctx.hygiene_texts(need)]
        holding = [text for text, _where in every if need.search(text)]
        if "\n" in need.pattern or r"\s" in need.pattern:  # may run across lines: a few more given
            assert set(map(id, holding)) <= set(map(id, given)), need.pattern
        else:
            assert given == holding, need.pattern
    return len(every)


def test_a_line_holding_the_need_is_never_left_out(tmp_path):
    text = ("测试工会2027年工作计划\n一、加强学习\n1.某某单位开展读书活动,全年20xx次。\n2.于2027年03月08日召开全委会\n月初召开会议\n"
            "3.完善制度。\n一是加强培训。一要落实\n4.全年节约资金约元，２０２７年完成\n5、最后一行x")
    # a line whose only 月 opens it, after one with 月; a 。一 inside a line after one running into it
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert _check(_hygiene_context(path)) == 9


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is beside the project, not in it")
def test_the_corpus_lines_given_are_those_holding_the_need():
    checked = 0
    for path in sorted(CORPUS.rglob("*.txt")):
        ctx = _hygiene_context(path)
        if ctx is not None:
            checked += _check(ctx)
    assert checked > 500  # the corpus gave many lines to check, not none
