"""Editors, pre-commit, the terminal preview, --watch and the documentation."""

import json
import re
import subprocess
import sys
import threading
import time

import yaml
from conftest import ALL_EXAMPLES, EXAMPLES, GOOD_EXAMPLES, ROOT, run_cli

from planforge.watch import watch_paths


def test_show_draws_outline_badges_targets_and_timeline():
    result = run_cli("show", str(EXAMPLES / "bureau-union-2027.yaml"), env={"COLUMNS": "120"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "市卫生健康局工会2027年工作计划（讨论稿）"
    assert "  （三）做好劳模先进选树和服务管理  [无指标]" in out
    assert "    1.举办第五届职工运动会  [无指标]" in out
    assert "参加技能竞赛的职工" in out and "1500人以上" in out
    timeline = next(line for line in out.splitlines() if "2.开展“书香卫健”读书活动" in line and "·" in line)
    assert timeline.count("██") == 1  # April only


def test_show_reads_documents_too(tmp_path):
    document = tmp_path / "plan.txt"
    document.write_text("某局2027年工作计划\n一、学习\n1、读书活动\n", encoding="utf-8")
    result = run_cli("show", str(document))
    assert result.returncode == 0
    assert result.stdout.splitlines()[1:] == ["一、学习", "  （一）读书活动  [无指标]  [无时间]"]  # numbering regenerated


def test_show_lists_the_months_of_a_plan_of_months_alone(tmp_path):
    """A plan with a schedule and no parts: its months and their tasks are what there is to show."""
    spec = tmp_path / "plan.yaml"
    spec.write_text("title: 测试工会2027年工作计划\nyear: 2027\nsections: []\nschedule:\n  - when: 一月份\n    tasks:\n"
                    "      - {text: 走访慰问困难职工}\n      - {text: 召开工会全委会}\n", encoding="utf-8")
    result = run_cli("show", str(spec))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:4] == ["一月份", "  1.走访慰问困难职工", "  2.召开工会全委会"]


def test_show_badges_agree_with_lint(tmp_path):
    """An item dated through its section is not undated: show and PF201 say the same (planforge.gaps)."""
    spec = tmp_path / "plan.yaml"
    spec.write_text("title: 测试2027年计划\norganization: 测试工会\nyear: 2027\ndate: 2027-01-08\nsections:\n"
                    "  - title: 春季活动\n    when: 二季度\n    items:\n      - title: 读书月\n"
                    "      - title: 培训职工\n        targets: [{what: 培训职工, value: 100, unit: 人次}]\n", encoding="utf-8")
    shown = run_cli("show", str(spec)).stdout
    assert "（一）读书月  [无指标]\n" in shown and "（二）培训职工\n" in shown and "无时间" not in shown
    linted = run_cli("lint", str(spec)).stdout
    assert "PF101" in linted and "PF201" not in linted


def test_show_and_diff_speak_english_and_print_brackets_as_typed(tmp_path):
    spec = tmp_path / "plan.yaml"
    spec.write_text("title: 测试2027年计划\nyear: 2027\nsections:\n  - title: \"[重点]学习[/]\"\n    items:\n"
                    "      - title: \"[bold]读书\"\n        when: 3月\n"
                    "        targets: [{what: \"[/red]参与率\", value: 90, unit: \"%\"}]\n", encoding="utf-8")
    shown = run_cli("--lang", "en", "show", str(spec), env={"COLUMNS": "120"})
    assert shown.returncode == 0, shown.stderr  # rich markup in a title is text, not a crash
    assert "一、[重点]学习[/]" in shown.stdout and "[/red]参与率" in shown.stdout
    assert "Targets" in shown.stdout and "The year by month" in shown.stdout
    later = tmp_path / "later.yaml"
    later.write_text(spec.read_text(encoding="utf-8").replace("value: 90", "value: 95"), encoding="utf-8")
    table = run_cli("diff", str(spec), str(later), "--format", "table", env={"COLUMNS": "120"})
    assert table.returncode == 0, table.stderr
    assert "[bold]读书" in table.stdout and "[/red]参与率" in table.stdout and "+5个百分点" in table.stdout


def test_watch_yields_again_after_a_change(tmp_path):
    spec = tmp_path / "plan.yaml"
    spec.write_text("a", encoding="utf-8")
    seen = []

    def touch():
        time.sleep(0.3)
        spec.write_text("ab", encoding="utf-8")

    threading.Thread(target=touch).start()
    for tick in watch_paths([spec], interval=0.05, limit=2):
        seen.append(tick)
    assert seen == [0, 1]


def test_render_watch_renders_then_keeps_going_after_an_error(tmp_path):
    spec = tmp_path / "plan.yaml"
    spec.write_bytes((EXAMPLES / "school-union-2027.yaml").read_bytes())
    out = tmp_path / "plan.md"
    process = subprocess.Popen([sys.executable, "-m", "planforge", "render", str(spec), "-o", str(out), "--watch"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 30
        while not out.exists() and time.time() < deadline:
            time.sleep(0.1)
        first = out.read_text(encoding="utf-8")
        spec.write_text(spec.read_text(encoding="utf-8").replace("开好教职工代表大会", "开好第一次教代会"), encoding="utf-8")
        while "开好第一次教代会" not in out.read_text(encoding="utf-8") and time.time() < deadline:
            time.sleep(0.1)
        assert "开好第一次教代会" in out.read_text(encoding="utf-8") and "开好第一次教代会" not in first
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_pre_commit_hook_definition_and_entry():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "planforge-lint" and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert all(files.search(p.name) for p in ALL_EXAMPLES) and files.search("计划.docx")
    entry = hook["entry"].split()
    assert entry[0] == "planforge"
    good = run_cli(*entry[1:], *[str(p) for p in GOOD_EXAMPLES])
    bad = run_cli(*entry[1:], str(EXAMPLES / "flawed-plan-2027.yaml"))
    assert good.returncode == 0 and bad.returncode == 1


def test_rules_doc_matches_the_registry(monkeypatch):
    """What `python scripts/gen_docs.py --check` checks, in this process."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    gen_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_docs)
    monkeypatch.setattr(sys, "argv", ["gen_docs.py", "--check"])
    assert gen_docs.main() == 0, "docs/rules.md is out of date: run python scripts/gen_docs.py"


def test_schema_explains_every_field_in_chinese():
    schema = json.loads(run_cli("schema").stdout)
    missing = []
    for where in [schema, *schema["$defs"].values()]:
        for name, prop in where.get("properties", {}).items():
            text = prop.get("description", "") + " ".join(v.get("description", "") for v in prop.get("anyOf", []))
            if not re.search(r"[\u4e00-\u9fff]", text):
                missing.append(name)
    assert missing == []


def test_guide_documents_every_spec_field():
    schema = json.loads(run_cli("schema").stdout)
    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    fields = set(schema["properties"]) | {f for name in ("Item", "Target", "ScheduleEntry", "ScheduleTask", "Style")
                                          for f in schema["$defs"][name]["properties"]}
    assert sorted(f for f in fields if f"`{f}`" not in guide) == []


def test_every_command_help_has_chinese_and_an_example():
    for command in ("new", "render", "schema", "import", "rollover", "diff", "lint", "show", "rules"):
        result = run_cli(command, "--help", env={"COLUMNS": "200"})
        assert result.returncode == 0
        assert re.search(r"[\u4e00-\u9fff]", result.stdout) and "示例" in result.stdout, command
