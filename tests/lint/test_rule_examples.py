"""Each rule's own table of cases: the PASS and FAIL lines of its docstring (which docs/rules.md
shows), linted one by one. A FAIL must report the rule; a PASS must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from planforge.lint.engine import LintConfig, lint_file
from planforge.lint.registry import RULES
from planforge.lint.rule import examples

CASES = [(rule.code, index, example) for rule in RULES.values() for index, example in enumerate(examples(rule))]


def test_every_rule_with_a_check_has_a_failing_and_a_passing_example():
    for rule in RULES.values():
        if rule.check is None:
            continue
        verdicts = {e.verdict for e in examples(rule)}
        assert verdicts == {"PASS", "FAIL"}, rule.code


@pytest.mark.parametrize("code, index, example", CASES, ids=[f"{c}-{i}-{e.verdict}" for c, i, e in CASES])
def test_rule_example(tmp_path: Path, code, index, example):
    path = tmp_path / ("工作计划.txt" if example.kind == "doc" else "plan.yaml")
    path.write_text(example.file_text(), encoding="utf-8")
    if example.kind == "progress":
        (tmp_path / "plan.progress.yaml").write_text(example.progress_text(), encoding="utf-8")
    result = lint_file(path, LintConfig())
    codes = {f.code for f in result.findings}
    assert not codes & {"PF001", "PF002", "PF003"}, [f.message("zh") for f in result.findings]
    if example.verdict == "FAIL":
        assert code in codes, (example.text, sorted(codes))
    else:
        assert code not in codes, (example.text, [f.message("zh") for f in result.findings if f.code == code])
