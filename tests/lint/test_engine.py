"""The linter as CI and pre-commit use it: findings with codes and lines, formats, exit codes."""

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLES, GOOD_EXAMPLES, ROOT, run_cli

from planforge.lint.engine import LintConfig, lint_file
from planforge.lint.registry import RULES

FLAWED = EXAMPLES / "flawed-plan-2027.yaml"
CORPUS = ROOT.parent / "shared" / "corpus"


def findings(text: str, tmp_path: Path, name: str = "plan.yaml", **config):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [(f.line, f.code) for f in lint_file(path, LintConfig(**config)).findings]


def lint_markdown(text: str, tmp_path: Path):
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    return lint_file(path, LintConfig()).findings


def codes(text: str, tmp_path: Path, name: str = "plan.yaml") -> set[str]:
    return {code for _line, code in findings(text, tmp_path, name)}


def test_flawed_example_yields_exactly_what_its_comments_promise():
    result = lint_file(FLAWED, LintConfig())
    promised = Counter(code for line in FLAWED.read_text(encoding="utf-8").splitlines() if "预期" in line
                       for code in re.findall(r"PF\d{3}", line.split("预期", 1)[1]))
    assert Counter(f.code for f in result.findings) == promised
    by_line = {(f.line, f.code) for f in result.findings}
    assert {(5, "PF401"), (16, "PF101"), (18, "PF301"), (19, "PF302"), (24, "PF402"), (28, "PF104"), (36, "PF103")} <= by_line


@pytest.mark.parametrize("example", GOOD_EXAMPLES, ids=[p.stem for p in GOOD_EXAMPLES])
def test_good_examples_have_no_errors(example):
    assert [f for f in lint_file(example, LintConfig()).findings if f.severity == "error"] == []


BASE = "title: 测试工会2027年工作计划\norganization: 测试工会\nyear: 2027\ndate: 2027-01-08\nsections:\n"


@pytest.mark.parametrize(
    "code, triggers, near_miss",
    [
        ("PF101", "  - title: 开展活动\n    items:\n      - title: 组织学习\n        when: 3月\n",
         "  - title: 开展活动\n    items:\n      - title: 组织学习，培训职工1000人次\n        when: 3月\n"),
        ("PF101", "  - title: 开展活动\n    items:\n      - title: 迎五一拔河赛\n        when: 5月\n",  # a festival is not a target
         "  - title: 开展活动\n    items:\n      - title: 拔河赛\n        when: 5月\n        targets: [{what: 参赛队, value: 12, unit: 支}]\n"),
        ("PF101", "  - title: 开展活动\n    items:\n      - title: 第四届运动会\n        when: 5月\n",  # 第四届 is not a count
         "  - title: 开展活动\n    items:\n      - title: 运动会，参赛职工500人以上\n        when: 5月\n"),
        ("PF201", "  - title: 开展活动\n    items:\n      - title: 组织学习\n",
         "  - title: 开展活动\n    items:\n      - title: 组织学习，二季度完成\n"),
        ("PF202", "  - title: 活动\n    when: 2028年3月1日\n", "  - title: 活动\n    when: 2027年3月1日\n"),
        ("PF203", "  - title: 活动\n    text: 巩固2025年成果\n", "  - title: 活动\n    text: 落实2026—2030年规划\n"),
        ("PF207", "  - title: 活动\n    when: 适时\n", "  - title: 活动\n    when: 3月\n"),
        ("PF301", "  - title: 活动\n  - title: 活动\n", "  - title: 活动一\n  - title: 活动二\n"),
        ("PF302", "  - title: 甲\n    text: 组织全体职工深入学习党的理论知识提高认识\n  - title: 乙\n    text: 组织全体职工深入学习党的理论知识，提高认识。\n",
         "  - title: 甲\n    text: 组织全体职工深入学习党的理论知识提高认识\n  - title: 乙\n    text: 开展职工技能比武和岗位练兵活动选拔人才\n"),
        ("PF303", "  - title: 甲\n    targets: [{what: 入会率, value: 90, unit: '%'}]\n  - title: 乙\n    targets: [{what: 入会率, value: 95, unit: '%'}]\n",
         "  - title: 甲\n    targets: [{what: 入会率, value: 90, unit: '%'}]\n  - title: 乙\n    targets: [{what: 入会率, value: 90, unit: '%'}]\n"),
        ("PF303", "  - title: 甲\n    targets: [{what: 培训职工, value: 1000, unit: 人次}]\n  - title: 乙\n    targets: [{what: 培训职工, value: 800, unit: 人次}]\n",
         # a share of a group (corpus 000: 非公有制企业80% create…, 50% bargain) is not one metric
         "  - title: 甲\n    targets: [{what: 非公有制企业, value: 80, unit: '%'}]\n  - title: 乙\n    targets: [{what: 非公有制企业, value: 50, unit: '%'}]\n"),
        ("PF401", "  - title: 到20xx年完成\n", "  - title: 到2027年完成\n"),
        ("PF402", "  - title: 活动，，开展\n", "  - title: 活动……开展——完成\n"),
        ("PF403", "  - title: 活动,开展\n", "  - title: 活动，开展 8:30\n"),
        ("PF404", "  - title: 学习《工会法\n", "  - title: 学习《工会法》\n"),
        ("PF405", "  - title: 2027年01月08日召开\n", "  - title: 2027年1月8日召开\n"),
        ("PF406", "  - title: 关爱\u200b职工\n", "  - title: 关爱职工👨\u200d👩\u200d👧\n"),  # an emoji's joiner is not pasted junk
        ("PF406", "  - title: 关爱职工\n    text: 经费\u202e由工会负责\n", "  - title: 关爱职工\n    text: 经费由工会负责\n"),
        ("PF602", "  - title: 空\n", "  - title: 空\n    text: 有内容\n"),
    ],
)
def test_each_rule_fires_and_its_near_miss_does_not(code, triggers, near_miss, tmp_path):
    assert code in codes(BASE + triggers, tmp_path)
    assert code not in codes(BASE + near_miss, tmp_path)


def test_national_day_is_not_november(tmp_path):
    plan = BASE + "  - title: 活动\n    items:\n      - title: “十一”期间开展安全检查\n        targets: [{what: 检查, value: 3, unit: 次}]\n"
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    from planforge.model.periods import find_periods

    assert [p.months for p in find_periods("“十一”期间开展安全检查")] == [(10,)]
    assert "PF201" not in codes(plan, tmp_path)


def test_document_numbering_rules(tmp_path):
    text = "某局2027年工作计划\n一、学习\n1、读书，培训1000人次，3月完成。\n3、宣讲，培训500人次，4月完成。\n二、服务\n二、帮扶\n1.走访，慰问100户，1月完成。\n"
    found = findings(text, tmp_path, "plan.txt")
    assert (4, "PF501") in found and (6, "PF502") in found
    mixed = "某局2027年工作计划\n一、学习\n1、读书，培训1000人次，3月完成。\n2.宣讲，培训500人次，4月完成。\n"
    assert "PF504" in {c for _l, c in findings(mixed, tmp_path, "mixed.txt")}


def test_summary_softens_target_and_date_rules(tmp_path):
    text = "某局2026年工作总结\n一年来，我们完成了很多工作，取得了成绩，开展了活动，举办了比赛，组织了学习。\n一、开展了学习\n二、组织了比赛\n"
    result = lint_file(_write(tmp_path / "s.txt", text), LintConfig())
    severities = {f.code: f.severity for f in result.findings}
    assert severities.get("PF601") == "info"
    assert all(f.severity == "info" for f in result.findings if f.code in ("PF101", "PF201"))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_and_markdown_suppression_and_unused_suppression(tmp_path):
    plan = BASE + "  - title: 开展活动  # planforge: ignore[PF101, PF201]\n  - title: 其他活动，全年培训100人次  # planforge: ignore[PF203]\n"
    found = findings(plan, tmp_path)
    assert (6, "PF101") not in found and (6, "PF201") not in found
    assert (7, "PF007") in found
    md = ("# 某局2027年工作计划\n\n## 一、学习\n\n<!-- planforge-disable-next-line PF101 -->\n### （一）扩大读书会覆盖面\n\n"
          "### （二）提高宣讲参与率\n")
    found_md = findings(md, tmp_path, "plan.md")
    assert (6, "PF101") not in found_md and (8, "PF101") in found_md and (5, "PF007") not in found_md
    # a section's gathered finding leaves out the item its comment suppresses
    md3 = md.replace("### （二）提高宣讲参与率\n", "### （二）提高宣讲参与率\n\n### （三）增加调研走访户数\n")
    gathered = [f for f in lint_markdown(md3, tmp_path) if f.code == "PF101"]
    assert [(f.line, f.message()) for f in gathered] == [
        (3, "2/3 个工作事项要提高、扩大或减少某个量，却没有给出数值（第 8、10 行）")]


def test_a_sections_line_numbers_are_listed_in_the_language_printed(tmp_path):
    """3、15、27等 in Chinese; in English 3, 15, 27 and more: not the Chinese marks in an English sentence."""
    items = "".join(f"{n}.组织第{n}期摄影比赛。\n" for n in range(1, 15))
    text = f"某中学工会2027年工作计划\n一、教职工活动\n{items}15.开展健步走活动，3月举行，参与200人。\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    gathered = [f for f in lint_file(path, LintConfig()).findings if f.code == "PF201"]
    assert len(gathered) == 1
    assert gathered[0].message("zh").endswith("（第 3、4、5、6、7、8、9、10、11、12、13、14等 行）")
    assert gathered[0].message("en").endswith("(lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 and more)")
    # a list longer than a quoted value may be is ours, not the user's words: said whole, never cut mid-number
    from planforge.errors import Problem
    from planforge.i18n import line_list

    places = [f"{1000 + n}:{60 + n}" for n in range(14)]
    long = Problem("PF201", "PF201.section", {"count": 14, "total": 15, "lines": line_list(places)})
    assert "、".join(places[:12]) + "等 行）" in long.message("zh") and ", ".join(places[:12]) + " and more)" in long.message("en")


def test_select_ignore_and_config_file(tmp_path):
    assert {c for _l, c in findings(FLAWED.read_text(encoding="utf-8"), tmp_path, select={"PF401"})} == {"PF401"}
    (tmp_path / ".planforge.toml").write_text('[lint]\nignore = ["placeholder"]\nseverity = {PF101 = "error"}\n', encoding="utf-8")
    shutil.copy(FLAWED, tmp_path / "flawed.yaml")
    result = run_cli("lint", "flawed.yaml", "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert "PF401" not in {f["code"] for f in data["findings"]}
    assert {f["severity"] for f in data["findings"] if f["code"] == "PF101"} == {"error"}
    cli_wins = run_cli("lint", "flawed.yaml", "--format", "json", "--ignore", "PF101", cwd=tmp_path)
    assert "PF401" in {f["code"] for f in json.loads(cli_wins.stdout)["findings"]}


def test_exit_codes(tmp_path):
    assert run_cli("lint", str(EXAMPLES / "bureau-union-2027.yaml")).returncode == 0  # warnings only
    assert run_cli("lint", str(EXAMPLES / "bureau-union-2027.yaml"), "--fail-on", "warning").returncode == 1
    assert run_cli("lint", str(FLAWED)).returncode == 1
    assert run_cli("lint", str(tmp_path / "missing.yaml")).returncode == 2
    assert run_cli("lint", str(FLAWED), "--select", "PF999").returncode == 2
    assert run_cli("lint", str(FLAWED), "--format", "xml").returncode == 2


def test_text_output_reads_like_a_compiler():
    result = run_cli("lint", str(FLAWED))
    lines = result.stdout.splitlines()
    assert f"{FLAWED}:16:16: PF101 warning 该工作事项没有量化指标" in lines
    assert lines[-1] == "共 6 个错误、11 个警告、4 个提示（1 个文件）"
    english = run_cli("--lang", "en", "lint", str(FLAWED))
    assert f"{FLAWED}:16:16: PF101 warning this item has no quantified target" in english.stdout.splitlines()


GITHUB = re.compile(r"^::(error|warning|notice) file=[^,:]+(?:,line=\d+)?(?:,col=\d+)?,title=[^:]+::.+$")


def test_github_annotations_grammar():
    result = run_cli("lint", str(FLAWED), "--format", "github")
    lines = result.stdout.splitlines()
    assert lines and all(GITHUB.match(line) for line in lines)
    assert f"::warning file={FLAWED},line=16,col=16,title=PF101 item-without-target::该工作事项没有量化指标" in lines


def test_sarif_has_the_required_structure():
    data = json.loads(run_cli("lint", str(FLAWED), "--format", "sarif").stdout)
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-2.1.0.json")
    (run,) = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "planforge" and {r["id"] for r in driver["rules"]} == set(RULES)
    for result in run["results"]:
        assert result["level"] in ("error", "warning", "note")
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and result["message"]["text"]
    jsonschema = pytest.importorskip("jsonschema")
    schema = {  # the parts of SARIF 2.1.0's schema that code scanning checks on upload
        "type": "object", "required": ["version", "runs"],
        "properties": {"version": {"const": "2.1.0"}, "runs": {"type": "array", "items": {
            "type": "object", "required": ["tool"], "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {"type": "object", "required": ["name"]}}},
                "results": {"type": "array", "items": {"type": "object", "required": ["message"], "properties": {
                    "level": {"enum": ["none", "note", "warning", "error"]},
                    "message": {"type": "object", "required": ["text"]}}}}}}}}}
    jsonschema.validate(data, schema)


def test_english_messages_carry_no_chinese_prose(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 某局计划\n\n## 一、学习\n\n组织职工学习,开展培训,全年\u200b培训\u200b1000人次。\n\n## 三、服务\n\n做好服务。\n",
                    encoding="utf-8")
    result = lint_file(path, LintConfig())
    english = {f.code: f.message("en") for f in result.findings}
    assert english["PF403"].endswith("(2 in this paragraph)")
    assert english["PF406"] == ("an invisible character U+200B (zero-width space), usually pasted from a web page "
                                "(2 in this paragraph); fixable")
    assert english["PF501"] == "numbering skips: number 2 is missing before 三、"
    assert [f.message("en") for f in result.findings if f.code == "PF603"] == [
        "missing: the organisation (organization); the date of the document (date); the year in the title"]
    assert [f.code for f in result.findings].count("PF406") == 1  # the extracted target's name is not read twice


def test_fix_is_safe_and_idempotent(tmp_path):
    spec = tmp_path / "plan.yaml"
    shutil.copy(FLAWED, spec)
    md = _write(tmp_path / "plan.md", "# 某局2027年工作计划\n\n## 一、学习\n\n组织职工\u200b学习,开展培训,,全年培训1000人次。2027年01月08日召开会议。\n")
    first = run_cli("lint", str(spec), str(md), "--fix")
    assert "已修复" in first.stderr
    assert "走访慰问困难职工***户，资金由xx负责    # 预期" in spec.read_text(encoding="utf-8")  # comment kept
    assert md.read_text(encoding="utf-8").splitlines()[4] == "组织职工学习，开展培训，全年培训1000人次。2027年1月8日召开会议。"
    snapshot = (spec.read_bytes(), md.read_bytes())
    second = run_cli("lint", str(spec), str(md), "--fix")
    assert "已修复" not in second.stderr and (spec.read_bytes(), md.read_bytes()) == snapshot


def test_fix_takes_a_typed_number_out_of_a_spec_title(tmp_path):
    """PF504: the loader drops 一、 from a title in memory; --fix drops it from the file, in block
    and flow style, quoted or not, its comment kept, and nothing else on the line."""
    spec = _write(tmp_path / "plan.yaml", "planforge: 1\ntitle: 某工会2027年工作计划\nyear: 2027\nsections:\n"
                  "  - title: 一、加强学习  # 一、不动\n    text: 组织学习。\n"
                  "  - {title: \"二、 服务职工\", text: 开展慰问。}\n  - title: 3.做好宣传\n    text: 宣传3.5万份。\n"
                  "  - {text: \"按章程 title: 一、总则 执行\", title: 五、加强服务}\n  - title: 六、\"我为群众办实事\"\n")
    run_cli("lint", str(spec), "--fix")
    assert spec.read_text(encoding="utf-8").splitlines()[4:11] == [
        "  - title: 加强学习  # 一、不动", "    text: 组织学习。", "  - {title: \"服务职工\", text: 开展慰问。}",
        "  - title: 做好宣传", "    text: 宣传3.5万份。",
        "  - {text: \"按章程 title: 一、总则 执行\", title: 加强服务}",  # the title's own column, not the text's words
        "  - title: 六、\"我为群众办实事\""]  # left: without 六、 its quotes would be YAML's, not the title's
    assert [f for f in run_cli("lint", str(spec), "--select", "PF504").stdout.splitlines() if "PF504" in f] == [
        f"{spec}:11:12: PF504 warning sections[4].title：标题里手写了序号“六、”，已去掉：序号由 planforge 按结构生成"]


def test_lint_never_modifies_input_without_fix(tmp_path):
    spec = tmp_path / "plan.yaml"
    shutil.copy(FLAWED, spec)
    before = spec.read_bytes()
    run_cli("lint", str(spec))
    assert spec.read_bytes() == before


def test_rules_command_lists_every_rule():
    result = run_cli("rules")
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert listed == list(RULES) and "PF101" in listed and "PF603" in listed


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_corpus_reports_what_a_reader_sees():
    result = run_cli("lint", *[str(p) for p in sorted(CORPUS.glob("*.txt"))], "--format", "json")
    data = json.loads(result.stdout)
    found = {(Path(f["file"]).name[:3], f["line"], f["code"]) for f in data["findings"]}
    assert {("000", 33, "PF401"), ("000", 81, "PF401"), ("000", 161, "PF503")} <= found  # 20xx, ***, glued plans
    assert not {f for f in found if f[0] == "002" and f[2] == "PF503"}  # 1–22 run on through every part: a style
    assert {("004", 2, "PF504")} <= found  # 1积极协作…: the item number has lost its separator
    assert ("004", 2, "PF502") in found  # 三、 twice
    # a section of qualitative work (深化和谐劳动关系…) is the plan's style, not a gap; what a document
    # leaves unmeasured or undated is gathered per section, with its lines
    assert ("000", 23, "PF101") not in found and ("000", 23, "PF201") not in found
    gathered = [f for f in data["findings"] if f["code"] in ("PF101", "PF201") and "/" in f["message"]]
    assert gathered and all("个工作事项" in f["message"] and "（第 " in f["message"] for f in gathered)
    assert result.returncode == 1


def test_markdown_markup_is_not_text_but_escaped_placeholders_are(tmp_path):
    text = "# 2027年工作计划\n\n## 一、加强学习\n\n**1.举办读书会**。走访\\*\\*\\*户，资金由xx负责\n"
    found = [(f.line, f.code, f.args.get("text")) for f in lint_markdown(text, tmp_path) if f.code == "PF401"]
    assert found == [(5, "PF401", "***"), (5, "PF401", "xx")]  # not the ** of the bold title


def test_text_hygiene_reads_every_line_of_a_summary_and_its_schedule(tmp_path):
    """A summary's retrospective part and a document's schedule lines are text the reader ships."""
    text = ("测试工会2026年工作总结\n一年来，我们完成了各项任务,取得了成绩。\n一、完成了职工培训\n"
            "下步工作打算\n一、加强学习\n附：月份工作安排\n一月份：走访慰问,,召开座谈会\n")
    path = tmp_path / "总结.txt"
    path.write_text(text, encoding="utf-8")
    found = {(f.line, f.code) for f in lint_file(path, LintConfig()).findings}
    assert {(2, "PF403"), (7, "PF402")} <= found
