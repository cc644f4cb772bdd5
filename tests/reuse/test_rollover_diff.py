"""Rollover to next year and diff between two years, as the commands show them."""

import json
from pathlib import Path

from conftest import EXAMPLES, run_cli

from planforge.reuse.diff import diff_plans
from planforge.reuse.rollover import rollover
from planforge.spec.load import load_plan, load_plan_text
from planforge.spec.write import dump_plan

BUREAU = EXAMPLES / "bureau-union-2027.yaml"


def test_rollover_moves_year_dates_and_targets():
    plan = load_plan(BUREAU).plan
    text = BUREAU.read_text(encoding="utf-8").replace("when: 4月\n", "when: 2027年4月20日\n", 1)
    plan = load_plan_text(text).plan
    new, checklist = rollover(plan, 2028, BUREAU, "ab" * 32)
    assert new.year == 2028 and new.title == "市卫生健康局工会2028年工作计划"
    assert new.date.isoformat() == "2028-01-08"
    laomo = new.sections[0].items[2]
    assert laomo.when.text == "2028年4月20日" and laomo.when.year == 2028
    first = new.sections[0].items[0].targets[0]
    assert (first.value, first.baseline) == (1500, 1500)
    assert [i.id for _, i in new.walk()] == [i.id for _, i in plan.walk()]
    assert new.provenance.method == "rollover" and new.provenance.from_year == 2027 and new.provenance.sha256 == "ab" * 32
    kinds = [e.kind for e in checklist]
    assert kinds.count("target") == sum(len(i.targets) for _, i in plan.walk())
    assert ("stale-year", "preamble") in [(e.kind, e.where) for e in checklist]
    assert ("date-moved", "sections[0].items[2].when") in [(e.kind, e.where) for e in checklist]


def test_rollover_of_a_rollover_is_stable():
    plan = load_plan(BUREAU).plan
    once, _ = rollover(plan, 2028)
    twice, _ = rollover(load_plan_text(dump_plan(once)).plan, 2029)
    assert twice.year == 2029 and twice.title == "市卫生健康局工会2029年工作计划"
    assert [(i.id, i.title) for _, i in twice.walk()] == [(i.id, i.title) for _, i in plan.walk()]
    targets = [t for _, i in twice.walk() for t in i.targets]
    assert all(t.baseline == t.value for t in targets)
    assert load_plan_text(dump_plan(twice)).plan.model_dump() == twice.model_dump()


def test_a_planning_period_is_not_a_stale_year():
    plan = load_plan_text("title: x2027年计划\nyear: 2027\npreamble: 落实2026—2030年规划，巩固2026年成果\nsections: []\n").plan
    _, checklist = rollover(plan, 2028)
    assert [e.detail for e in checklist if e.kind == "stale-year"] == ["2026年"]


def test_diff_of_a_plan_with_itself_shows_no_change():
    plan = load_plan(BUREAU).plan
    result = diff_plans(plan, plan)
    assert result.empty and not result.added and not result.removed
    assert all(t.kind == "same" and t.describe() == "不变" and t.describe("en") == "unchanged" for t in result.targets)


def test_diff_reports_targets_added_removed_and_moved():
    old = load_plan(BUREAU).plan
    text = BUREAU.read_text(encoding="utf-8")
    text = text.replace("value: 1500", "value: 1800").replace("title: 实施“金秋助学”", "title: 实施“金秋助学”工程")
    text = text.replace("      - id: laomo\n", "      - id: xinxiang\n        title: 开展职工心理健康服务\n      - id: laomo\n")
    new = load_plan_text(text).plan
    result = diff_plans(old, new)
    assert result.added == ["开展职工心理健康服务"] and result.removed == []
    assert ("实施“金秋助学”", "实施“金秋助学”工程") in result.renamed
    change = next(t for t in result.targets if t.what == "参加技能竞赛的职工")
    assert (change.old, change.new, change.kind, change.describe()) == ("1500人", "1800人", "delta", "+300人（+20%）")
    # a rate raised from 90% to 95% is 5 points up, not 5 % more
    rates = diff_plans(old, load_plan_text(text.replace("value: 90\n", "value: 95\n", 1)).plan)
    raised = next(t for t in rates.targets if t.old == "90%")
    assert (raised.new, raised.describe()) == ("95%", "+5个百分点")


def test_diff_reports_a_changed_sentence_and_counts_it_in_the_summary(tmp_path: Path):
    old = load_plan(BUREAU).plan
    text = BUREAU.read_text(encoding="utf-8").replace("持续打造“健康杯”", "持续打造“健康杯”“卫健杯”", 1)
    new = load_plan_text(text).plan
    result = diff_plans(old, new)
    assert not result.empty and result.added == result.removed == []
    assert result.rewritten == [("深入开展职工劳动技能竞赛", "…造“健康杯”[→“卫健杯”]职工技能竞赛…")]
    assert result.summary() == "新增 0 项、删除 0 项、改名 0 项、调整位置 0 项、正文改动 1 项、指标变化 0 项"
    # spacing, full-width forms and the closing 。 are not changes a reviewer needs to see
    spaced = BUREAU.read_text(encoding="utf-8").replace("持续打造“健康杯”职工技能竞赛品牌", "持续打造“健康杯”职工技能竞赛品牌。", 1)
    assert diff_plans(old, load_plan_text(spaced).plan).rewritten == []
    spec, changed = tmp_path / "old.yaml", tmp_path / "new.yaml"
    spec.write_bytes(BUREAU.read_bytes())
    changed.write_text(text, encoding="utf-8")
    shown = run_cli("diff", str(spec), str(changed), "--format", "md")
    assert "## 正文改动" in shown.stdout and "正文改动 1 项" in shown.stdout


def test_rollover_and_diff_commands(tmp_path: Path):
    spec = tmp_path / "plan-2027.yaml"
    spec.write_bytes(BUREAU.read_bytes())
    result = run_cli("rollover", str(spec))
    assert result.returncode == 0, result.stderr
    nxt = tmp_path / "plan-2028.yaml"
    text = nxt.read_text(encoding="utf-8")
    assert "# 由 planforge rollover 从 plan-2027.yaml 滚动到 2028 年。" in text
    assert "value: 1500  # 待确认：请确定本年目标值" in text and "baseline: 1500" in text
    assert "待定目标值 sections[0].items[0].targets[0]：参加技能竞赛的职工，上年 1500人，请确定 2028 年目标值" in result.stderr
    again = run_cli("rollover", str(spec))
    assert again.returncode == 2 and nxt.read_text(encoding="utf-8") == text  # never overwritten
    as_json = run_cli("diff", str(spec), str(nxt), "--format", "json")
    data = json.loads(as_json.stdout)
    assert data["old_year"] == 2027 and data["new_year"] == 2028 and data["added"] == []
    as_md = run_cli("diff", str(spec), str(nxt))
    assert as_md.stdout.startswith("# 2027 → 2028 计划对比")
    assert "| 深入开展职工劳动技能竞赛 | 参加技能竞赛的职工 | 1500人 | 1500人 | 不变 |" in as_md.stdout
    in_english = run_cli("diff", str(spec), str(nxt), env={"PLANFORGE_LANG": "en"})
    assert in_english.stdout.startswith("# 2027 → 2028 plan comparison")
    assert "| Item | Target | Last year | This year | Change |" in in_english.stdout and "| unchanged |" in in_english.stdout
    english_checklist = run_cli("--lang", "en", "rollover", str(spec), "-o", str(tmp_path / "en.yaml"))
    assert "target to set sections[0].items[0].targets[0]: 参加技能竞赛的职工, last year 1500人" in english_checklist.stderr
