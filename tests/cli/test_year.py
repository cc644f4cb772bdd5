"""The plan's year through the CLI, as an office would live it: `new` in January, a progress
record kept from the command line, `status` for the monthly meeting, `report` for the year-end
summary, and `rollover` building next year on what was achieved."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import jsonschema
import pytest
import yaml
from conftest import EXAMPLES

from planforge.cli import main  # noqa: F401  (the commands are registered on import)


def _write_plan(tmp_path: Path, cli) -> Path:
    result = cli("new", "--org", "测试区总工会", "--year", "2027", "-o", str(tmp_path / "plan-2027.yaml"))
    assert result.returncode == 0, result.stderr
    return tmp_path / "plan-2027.yaml"


def test_the_whole_year_end_to_end(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    record = tmp_path / "plan-2027.progress.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))  # plain PyYAML reads what we write
    assert data["plan"] == "测试区总工会2027年工作计划" and data["items"]["jingsai"]["status"] == "未开始"

    steps = [
        ("jingsai", "--status", "done", "--actual", "1650", "--what", "参加", "--note", "全年组织竞赛12场", "--date", "2027-10-08"),
        ("jingsai", "--actual", "3", "--what", "工人先锋号", "--date", "2027-11-01"),
        ("chuangxin", "--status", "已完成", "--actual", "80", "--date", "2027-09-30"),
        ("songwennuan", "--status", "延期", "--note", "资金未到位"),
        ("zhidaihui", "--status", "in-progress", "--date", "2027-03-02"),
    ]
    for step in steps:
        result = cli("progress", "set", str(plan), *step)
        assert result.returncode == 0, result.stderr
    schema = json.loads((tmp_path / "progress.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(record.read_text(encoding="utf-8")), schema)  # editors agree with us

    result = cli("status", str(plan), "--date", "2027-12-20", "--format", "json")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["totals"] == {"items": 8, "done": 2, "overdue": 3, "targets": 9, "reached": 2, "not_reached": 1}
    by_what = {t["what"]: t for t in status["targets"]}
    assert by_what["参加劳动和技能竞赛的职工"] == {
        "item": "jingsai", "index": 0, "what": "参加劳动和技能竞赛的职工", "target": 500, "unit": "人", "op": ">=",
        "actual": 1650, "date": "2027-10-08", "reached": True, "rate": 330}
    assert by_what["征集合理化建议"]["reached"] is False
    assert status["sections"][0] == {"number": "一、", "title": "围绕中心服务大局，引导职工建功立业", "items": 2, "done": 2, "share": 100}
    # 3月 in progress, 1-2月 postponed, 4月 untouched; 下半年, 全年 and 年底 are due at the year's end
    assert status["overdue"] == ["zhidaihui", "songwennuan", "peixun"]
    assert status["today_month"] == 12 and [m["ended"] for m in status["timeline"]].count(True) == 11

    # the same record read at three points of the year: what was not yet done or counted then is not
    # (in July the 二季度 competition finished in October is overdue; in October the 工人先锋号
    # counted on 1 November is not yet counted)
    for day, totals in (("2027-01-15", {"items": 8, "done": 0, "overdue": 0, "targets": 9, "reached": 0, "not_reached": 0}),
                        ("2027-07-15", {"items": 8, "done": 0, "overdue": 4, "targets": 9, "reached": 0, "not_reached": 0}),
                        ("2027-10-15", {"items": 8, "done": 2, "overdue": 3, "targets": 9, "reached": 1, "not_reached": 1})):
        result = cli("status", str(plan), "--date", day, "--format", "json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["totals"] == totals, day
    half = cli("report", str(plan), "--half", "--date", "2027-07-05", "-o", "-")
    assert half.returncode == 0, half.stderr
    assert "已完成" not in half.stdout.split("现将有关情况总结如下")[1].split("存在的问题")[0]  # finished in October
    assert "上半年计划事项4项，已完成0项" in half.stdout  # the items due by June, as they stood in July

    report = tmp_path / "2027年工作总结.docx"
    result = cli("report", str(plan), "--to", "docx", "-o", str(report), "--date", "2027-12-20")
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(report))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "测试区总工会2027年工作总结"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == ["一、围绕中心服务大局，引导职工建功立业", "二、履行维权服务职责，构建和谐劳动关系",
                            "三、做实服务职工工作，增强职工获得感幸福感", "四、加强工会自身建设，提升履职能力"]
    assert headings[4:] == ["五、存在的问题和不足", "六、经验体会和明年工作思路"]
    assert any("参加劳动和技能竞赛的职工1650人，完成目标的330%" in t for t in texts)
    assert any(t.startswith("未完成（延期），资金未到位") for t in texts)
    assert any("【待补充：存在的问题和不足】" in t for t in texts)
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "指标", "目标值", "完成值", "完成率", "状态"]
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["参加劳动和技能竞赛的职工"] == ["1", "参加劳动和技能竞赛的职工", "500人", "1650人", "330%", "已达到"]
    assert rows["征集合理化建议"][3:] == ["80条", "80%", "未达到"]
    assert rows["走访慰问困难职工"][2:] == ["50户", "—", "—", "—"]  # not measured: said, not left blank

    result = cli("rollover", str(plan))
    assert result.returncode == 0, result.stderr
    rolled = yaml.safe_load((tmp_path / "plan-2028.yaml").read_text(encoding="utf-8"))
    jingsai = rolled["sections"][0]["items"][0]
    assert [t["baseline"] for t in jingsai["targets"]] == [1650, 3]  # the actuals, not last year's targets
    rolled_text = (tmp_path / "plan-2028.yaml").read_text(encoding="utf-8")
    assert "待确认：上年未完成（延期），已顺延" in rolled_text
    assert "基数暂用上年目标值" in rolled_text  # a target with no actual falls back, marked


def test_progress_set_keeps_comments_order_and_line_endings(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    record = tmp_path / "plan-2027.progress.yaml"
    text = record.read_text(encoding="utf-8")
    text = text.replace("  jingsai:\n", "  # 由组织部负责填报\n  jingsai:  # 年度重点\n")
    record.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert cli("progress", "set", str(plan), "jingsai", "-s", "进行中", "-n", "已报名 900 人", "--date", "2027-04-01").returncode == 0
    after = record.read_bytes().decode("utf-8")
    assert "\r\n" in after and "\n" not in after.replace("\r\n", "")
    assert "  # 由组织部负责填报\r\n  jingsai:  # 年度重点\r\n    title: 深入开展劳动和技能竞赛\r\n    status: 进行中\r\n" \
           "    started: \"2027-04-01\"\r\n    note: 已报名 900 人\r\n    targets:" in after
    before_lines = [line for line in text.split("\n") if "jingsai" not in line and "status" not in line]
    after_lines = after.split("\r\n")
    assert all(line in after_lines for line in before_lines)  # nothing else moved or vanished


def test_an_item_missing_from_the_record_is_added_by_set(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    record = tmp_path / "plan-2027.progress.yaml"
    record.write_text("progress: 1\nplan: 测试区总工会2027年工作计划\nyear: 2027\nitems:\n  jingsai:\n    status: 进行中\n",
                      encoding="utf-8")
    result = cli("status", str(plan), "--date", "2027-02-01", "--format", "json")
    assert result.returncode == 0 and "进度记录缺少计划中的 7 个事项" in result.stderr  # the 4 parts with items are counted by their items
    assert cli("progress", "set", str(plan), "peixun", "--status", "done", "--actual", "70", "--date", "2027-05-01").returncode == 0
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert data["items"]["peixun"]["status"] == "已完成"
    assert data["items"]["peixun"]["targets"][0]["actual"] == 70
    assert list(data["items"]) == ["jingsai", "peixun"]


@pytest.mark.parametrize("record, message, line", [
    ("progress: 1\nplan: 测试区总工会2027年工作计划\nyear: 2027\nitems:\n  jingsai:\n    status: 快完成了\n",
     "status", 6),
    ("progress: 1\nplan: 测试区总工会2027年工作计划\nyear: 2027\nitems:\n  jingsai:\n    status: 已完成\n"
     "    targets:\n      - {what: 参加劳动和技能竞赛的职工, actual: 一千多}\n", "actual", 8),
    # the same year's record under another title: the plan may have been renamed, and the message says how to follow it
    ("progress: 1\nplan: 测试区总工会2027年工作要点\nyear: 2027\nitems: {}\n",
     "不是《测试区总工会2027年工作计划》；如果是计划改了名，把这一行改为 plan: 测试区总工会2027年工作计划", 2),
    ("progress: 1\nplan: 测试区总工会2027年工作计划\nyear: 2026\nitems: {}\n", "2026 年", 3),
    ("progress: 1\nplan: [\n", "YAML", None),
])
def test_bad_records_are_located_and_left_alone(tmp_path: Path, cli, record, message, line):
    plan = _write_plan(tmp_path, cli)
    path = tmp_path / "plan-2027.progress.yaml"
    path.write_text(record, encoding="utf-8")
    for args in (["status", str(plan)], ["progress", "set", str(plan), "jingsai", "-s", "done"],
                 ["report", str(plan), "-o", str(tmp_path / "r.md")], ["rollover", str(plan)]):
        result = cli(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr and message in result.stderr, result.stderr
        if line is not None:
            assert f"plan-2027.progress.yaml:{line}:" in result.stderr
        assert path.read_text(encoding="utf-8") == record  # the user's record is never rewritten
    assert not (tmp_path / "plan-2028.yaml").exists()


def test_unknown_ids_are_reported_not_crashed_on(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    record = tmp_path / "plan-2027.progress.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("  jingsai:", "  jingsai-old:"), encoding="utf-8")
    result = cli("status", str(plan), "--format", "json", "--date", "2027-06-01")
    assert result.returncode == 0
    assert "计划中没有 id 为 jingsai-old 的事项" in result.stderr
    assert "plan-2027.progress.yaml:" in result.stderr
    bad = cli("progress", "set", str(plan), "no-such-item", "-s", "done")
    assert bad.returncode == 2 and "计划中没有 id 为 no-such-item 的事项；计划中的事项 id 如 jingsai、" in bad.stderr
    bad = cli("progress", "set", str(plan), "jingsia", "-s", "done")  # one slip away
    assert bad.returncode == 2 and "计划中没有 id 为 jingsia 的事项；是不是 jingsai？" in bad.stderr
    bad = cli("progress", "set", str(plan), "深入开展劳动和技能竞赛", "-s", "done")  # the title, not the id
    assert bad.returncode == 2 and "标题为“深入开展劳动和技能竞赛”的事项 id 是 jingsai" in bad.stderr
    bad = cli("progress", "set", str(plan), "jingsai", "-s", "差不多")
    assert bad.returncode == 2 and "未知的状态 差不多" in bad.stderr
    bad = cli("progress", "set", str(plan), "jingsai", "--actual", "5")
    assert bad.returncode == 2 and "--what" in bad.stderr  # two targets: which one?


def test_status_fails_on_overdue_for_ci(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    assert cli("status", str(plan), "--date", "2027-01-15", "--fail-on", "overdue", "--format", "md").returncode == 0
    late = cli("status", str(plan), "--date", "2027-07-15", "--fail-on", "overdue", "--format", "md")
    assert late.returncode == 1 and "## 逾期事项" in late.stdout and "| 召开职工代表大会 | 3月 | 未开始 |" in late.stdout
    assert cli("progress", "init", str(plan)).returncode == 2  # never replaced without --force


def test_lint_reads_the_record_beside_a_spec(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    cli("progress", "set", str(plan), "jingsai", "-s", "done", "--actual", "400", "--what", "参加", "--date", "2026-12-30")
    result = cli("lint", str(plan), "--date", "2027-07-01")
    lines = result.stderr + result.stdout
    record = "plan-2027.progress.yaml"
    assert f"{record}:" in lines
    codes = {line.split()[1] for line in lines.splitlines() if line.startswith(str(tmp_path / record))}
    assert {"PF701", "PF702", "PF703", "PF704"} <= codes
    assert result.returncode == 1  # PF704 is an error


def test_import_a_summary_into_a_record(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    summary = tmp_path / "2027年工作总结.txt"
    summary.write_text(
        "测试区总工会2027年工作总结\n\n2027年，区总工会各项工作取得了新成效。现总结如下：\n\n"
        "一、建功立业活动扎实开展\n（一）劳动和技能竞赛深入开展。参加劳动和技能竞赛的职工达到1650人，创建市级“工人先锋号”2个。\n"
        "（二）工资集体协商稳步推进，集体合同签订率达到96%。\n\n二、下一步工作打算\n（一）继续开展劳动和技能竞赛。\n",
        encoding="utf-8")
    result = cli("import", str(summary), "--progress-for", str(plan))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plan-2027.progress.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["items"]["jingsai"]["status"] == "已完成"
    assert [t["actual"] for t in data["items"]["jingsai"]["targets"]] == [1650, 2]
    assert data["items"]["xieshang"]["targets"][0]["actual"] == 96
    assert data["items"]["peixun"]["status"] == "未开始"
    assert text.count("待确认") >= 8  # every match and every miss is marked for review
    assert "总结中未找到此事项" in text


def test_linting_a_record_lints_its_plan_with_it(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    cli("progress", "set", str(plan), "zhidaihui", "-s", "done", "--date", "2027-03-20")
    result = cli("lint", str(tmp_path / "plan-2027.progress.yaml"), "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert {f["code"] for f in findings if f["file"].endswith("progress.yaml")} == {"PF701"}
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_the_draft_summary_lints_clean_but_for_the_writers_slots(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    cli("progress", "set", str(plan), "jingsai", "-s", "done", "--actual", "1650", "--what", "参加", "--date", "2027-10-08")
    report = tmp_path / "2027年工作总结.md"
    assert cli("report", str(plan), "-o", str(report), "--date", "2027-12-20").returncode == 0
    findings = json.loads(cli("lint", str(report), "--format", "json").stdout)["findings"]
    assert {f["code"] for f in findings if f["severity"] != "info"} == {"PF401"}  # 【待补充：…】 until written
    assert any(f["code"] == "PF601" for f in findings)  # read as a summary: plan rules softened
    assert not any(f["code"] in ("PF103", "PF302") for f in findings)  # 完成目标的330% is a rate; slots are not copies


def test_a_block_scalar_is_not_edited_line_by_line(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    record = tmp_path / "plan-2027.progress.yaml"
    text = "progress: 1\nplan: 测试区总工会2027年工作计划\nyear: 2027\nitems:\n  jingsai:\n    status: 进行中\n    note: |\n      第一行\n      第二行\n"
    record.write_text(text, encoding="utf-8")
    result = cli("progress", "set", str(plan), "jingsai", "--note", "新")
    assert result.returncode == 1 and "plan-2027.progress.yaml:7:" in result.stderr and "手工编辑" in result.stderr
    assert record.read_text(encoding="utf-8") == text


def test_a_missing_record_says_how_to_start_one(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    for args in (["status", str(plan)], ["progress", "set", str(plan), "jingsai", "-s", "done"], ["report", str(plan)]):
        result = cli(*args)
        assert result.returncode == 2 and "先用 planforge progress init" in result.stderr, result.stderr
    assert cli("rollover", str(plan)).returncode == 0  # no record beside it: rollover as before


def test_force_replaces_a_record_never_the_plan(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    before = plan.read_bytes()
    for args in (["progress", "init", str(plan), "--record", str(plan), "--force"],
                 ["import", str(plan), "--progress-for", str(plan), "-o", str(plan), "--force"]):
        result = cli(*args)
        assert result.returncode == 2, result.stderr
        assert plan.read_bytes() == before
    assert cli("progress", "init", str(plan)).returncode == 0
    assert cli("progress", "init", str(plan), "--force").returncode == 0  # a record may be replaced


def test_the_terminal_view_and_its_messages(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    cli("progress", "set", str(plan), "jingsai", "-s", "done", "--actual", "1650", "--what", "参加", "--date", "2027-06-08")
    shown = cli("status", str(plan), "--date", "2027-07-15")
    assert shown.returncode == 0
    assert "1650人" in shown.stdout and "500人" in shown.stdout and "330%" in shown.stdout
    assert "逾期 召开职工代表大会（3月，未开始）" in shown.stdout
    bad = cli("status", str(plan), "--fail-on", "late")
    assert bad.returncode == 2 and "--fail-on 只接受 overdue" in bad.stderr
    bad = cli("progress", "set", str(plan), "jingsai", "--actual", "5", "--what", "论文")
    assert bad.returncode == 2 and "事项 jingsai 没有名称含“论文”的指标" in bad.stderr


def test_progress_set_takes_what_people_type(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    record = tmp_path / "plan-2027.progress.yaml"
    for typed, value in (("1.2万", 12000), ("１２００", 1200), ("1,650", 1650)):
        result = cli("progress", "set", str(plan), "jingsai", "--actual", typed, "--what", "参加", "--date", "2027-05-01")
        assert result.returncode == 0, result.stderr
        assert yaml.safe_load(record.read_text(encoding="utf-8"))["items"]["jingsai"]["targets"][0]["actual"] == value
    assert cli("progress", "set", str(plan), "xieshang", "--actual", "百分之九十七点五").returncode == 0
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["items"]["xieshang"]["targets"][0]["actual"] == 97.5
    bad = cli("progress", "set", str(plan), "xieshang", "--actual", "很多")
    assert bad.returncode == 2 and "--actual 应为一个数" in bad.stderr
    for typed, written in (("完成", "已完成"), ("推迟", "延期"), ("取消", "已取消")):
        assert cli("progress", "set", str(plan), "peixun", "--status", typed).returncode == 0
        assert yaml.safe_load(record.read_text(encoding="utf-8"))["items"]["peixun"]["status"] == written
    bad = cli("progress", "set", str(plan), "peixun", "--status", "逾期")
    assert bad.returncode == 2 and "延期" in bad.stderr and "postponed" in bad.stderr and "……" not in bad.stderr


def test_a_wrong_finish_date_can_be_corrected(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    record = tmp_path / "plan-2027.progress.yaml"
    assert cli("progress", "set", str(plan), "zhidaihui", "--status", "已完成", "--date", "2027-03-30").returncode == 0
    assert cli("progress", "set", str(plan), "zhidaihui", "--status", "已完成", "--date", "2027-03-20").returncode == 0
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["items"]["zhidaihui"]["finished"] == "2027-03-20"
    assert cli("progress", "set", str(plan), "zhidaihui", "--status", "已完成").returncode == 0  # no date: the date stays
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["items"]["zhidaihui"]["finished"] == "2027-03-20"


def test_renaming_a_target_keeps_its_actual(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    cli("progress", "init", str(plan))
    assert cli("progress", "set", str(plan), "peixun", "-s", "done", "--actual", "70", "--date", "2027-05-01").returncode == 0
    plan.write_text(plan.read_text(encoding="utf-8").replace("what: 培训工会干部", "what: 参加培训的工会干部"), encoding="utf-8")
    shown = cli("status", str(plan), "--date", "2027-12-20", "--format", "json")
    assert shown.returncode == 0
    assert "计划中该指标现名为“参加培训的工会干部”" in shown.stderr and "plan-2027.progress.yaml:" in shown.stderr
    peixun = next(t for t in json.loads(shown.stdout)["targets"] if t["item"] == "peixun")
    assert peixun["actual"] == 70 and peixun["what"] == "参加培训的工会干部"
    assert cli("progress", "set", str(plan), "peixun", "--actual", "72", "--date", "2027-06-01").returncode == 0
    data = yaml.safe_load((tmp_path / "plan-2027.progress.yaml").read_text(encoding="utf-8"))
    assert data["items"]["peixun"]["targets"] == [{"what": "参加培训的工会干部", "target": 60, "unit": "人次",
                                                  "actual": 72, "date": "2027-06-01"}]  # moved, not added
    again = cli("status", str(plan), "--date", "2027-12-20", "--format", "json")
    assert "现名为" not in again.stderr


def test_the_summary_says_each_outcome_in_words(tmp_path: Path, cli):
    plan = _write_plan(tmp_path, cli)
    text = plan.read_text(encoding="utf-8")
    old = "what: 经费审查审计\n            value: 2\n            unit: 次\n            op: \">=\""
    assert old in text
    plan.write_text(text.replace(old, "what: 经费违规问题\n            value: 3\n            unit: 次\n            op: \"<=\""), encoding="utf-8")
    cli("progress", "init", str(plan))
    for step in (("jingfei", "-s", "done", "--actual", "2", "--date", "2027-12-01"),
                 ("zhidaihui", "-s", "done", "--actual", "1", "--date", "2027-03-20"),
                 ("peixun", "-s", "done", "--actual", "48", "--date", "2027-04-28"),
                 ("jingsai", "-s", "done", "--actual", "1650", "--what", "参加", "--date", "2027-06-08"),
                 ("jingsai", "--actual", "0", "--what", "工人先锋号", "--date", "2027-06-08")):
        assert cli("progress", "set", str(plan), *step).returncode == 0
    out = tmp_path / "总结.docx"
    result = cli("report", str(plan), "-o", str(out), "--date", "2027-12-20")
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "经费违规问题2次，控制在3次以内" in texts and "完成目标的67%" not in texts  # a ceiling met, in words
    assert "召开职工代表大会1次。" in texts and "完成目标的100%" not in texts  # one meeting: no rate
    assert "参加劳动和技能竞赛的职工1650人，完成目标的330%" in texts and "1,650" not in texts
    assert "创建市级“工人先锋号”0个，未完成目标（1个）" in texts and "完成目标的0%" not in texts
    assert "培训工会干部48人次，未完成目标（60人次以上），【待补充：未完成的原因】" in texts  # marked done, short of it
    slots = [r for p in document.paragraphs for r in p.runs if r.text.startswith("【待补充")]
    assert slots and all(r.font.highlight_color is not None for r in slots)
    assert not [r for p in document.paragraphs for r in p.runs if "【待补充" in r.text and r.font.highlight_color is None]
    count = sum(p.text.count("【待补充") for p in document.paragraphs)
    assert f"草稿中还有 {count} 处【待补充】需要填写" in result.stderr


def test_a_part_with_items_is_counted_by_them_and_not_recorded(tmp_path: Path, cli):
    """The year counts a part's items, not the part: the record does not list it, and setting its
    status (which would count nowhere) is refused with the item to record instead."""
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    record = tmp_path / "plan-2027.progress.yaml"
    before = record.read_bytes()
    assert "jiangong:" not in before.decode("utf-8") and "jingsai:" in before.decode("utf-8")
    result = cli("progress", "set", str(plan), "jiangong", "--status", "完成")
    assert result.returncode == 2 and "jiangong 含有下级事项" in result.stderr and "jingsai" in result.stderr
    assert record.read_bytes() == before


def test_an_item_over_items_at_any_level_is_counted_by_them(tmp_path: Path, cli):
    """丰富职工文化体育生活 (wenti) is a second-level item over two activities, with no target of its
    own: the report writes it as a heading, so the record does not list it, `status` does not
    count it, and the report read back finds every item the record lists."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    assert cli("progress", "init", str(plan)).returncode == 0
    record = yaml.safe_load((tmp_path / "plan.progress.yaml").read_text(encoding="utf-8"))["items"]
    assert "wenti" not in record and {"yundonghui", "dushu"} <= set(record)
    refused = cli("progress", "set", str(plan), "wenti", "--status", "已完成")
    assert refused.returncode == 2 and "wenti 含有下级事项" in refused.stderr
    status = cli("status", str(plan), "--date", "2027-12-31", "--format", "json")
    assert json.loads(status.stdout)["totals"]["items"] == len(record)
    report = tmp_path / "report.md"
    assert cli("report", str(plan), "-o", str(report), "--date", "2027-12-31").returncode == 0
    back = cli("import", str(report), "--progress-for", str(plan), "-o", str(tmp_path / "back.yaml"))
    assert back.returncode == 0 and f"{len(record)}/{len(record)} 个事项" in back.stderr


def test_a_status_recorded_where_it_counts_nowhere_is_pointed_out(tmp_path: Path, cli):
    """A record written before that rule lists wenti, the heading over two activities, and says
    it is done: the status counts nowhere, and status says where to record it instead."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    assert cli("progress", "init", str(plan)).returncode == 0
    path = tmp_path / "plan.progress.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  yundonghui:\n" in text
    path.write_text(text.replace("  yundonghui:\n", "  wenti:\n    title: 丰富职工文化体育生活\n    status: 已完成\n  yundonghui:\n", 1),
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  wenti:") + 1
    result = cli("status", str(plan), "--date", "2027-12-31")
    assert result.returncode == 0
    assert f"plan.progress.yaml:{line}:3: PF002 warning wenti 含有下级事项" in result.stderr
    assert "如 yundonghui" in result.stderr and "已完成 0 项" in result.stdout


def test_the_item_named_instead_is_one_the_year_counts(tmp_path: Path, cli):
    """fuwu (做实服务职工工作) holds wenti, itself a heading over two activities: refused at fuwu,
    the user is sent to an item whose status counts, not to wenti, which would refuse again."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    assert cli("progress", "init", str(plan)).returncode == 0
    refused = cli("progress", "set", str(plan), "fuwu", "--status", "已完成")
    assert refused.returncode == 2 and "fuwu 含有下级事项" in refused.stderr and "如 wenti" not in refused.stderr
    named = refused.stderr.split("（如 ")[1].split("）")[0]
    assert cli("progress", "set", str(plan), named, "--status", "已完成").returncode == 0


def test_a_note_on_a_heading_is_kept_and_written_in_the_summary(tmp_path: Path, cli):
    """A note under a part the year counts by its items is not a status: progress set takes it,
    lint does not call it lost, and the year-end report writes it under the part's heading."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    assert cli("progress", "init", str(plan)).returncode == 0
    noted = cli("progress", "set", str(plan), "wenti", "--note", "全年文体活动参与职工两千人次")
    assert noted.returncode == 0, noted.stderr
    assert "全年文体活动参与职工两千人次" in (tmp_path / "plan.progress.yaml").read_text(encoding="utf-8")
    status = cli("status", str(plan), "--date", "2027-12-31")
    assert status.returncode == 0 and "PF002" not in status.stderr
    report = tmp_path / "report.md"
    assert cli("report", str(plan), "-o", str(report), "--date", "2027-12-31").returncode == 0
    text = report.read_text(encoding="utf-8")
    assert text.index("丰富职工文化体育生活") < text.index("全年文体活动参与职工两千人次")


@pytest.mark.parametrize("args, words", [
    (["--date", "2027-02-30", "-s", "已完成"], "日期 2027-02-30 不存在"),
    (["--date", "2027-13-01", "-s", "已完成"], "日期 2027-13-01 不存在"),
    (["--date", "下周一", "-s", "已完成"], "应写成 年-月-日，如 2027-03-01"),
    (["--actual", "99999999999999999", "--what", "参加"], "--actual 的值 99999999999999999 不合理：计划里的数字最大到一千万亿"),
    ([], "没有要修改的内容：请用 --status、--actual 或 --note"),
    (["--date", "2027-03-01"], "没有要修改的内容"),
])
def test_a_progress_set_that_cannot_be_done_says_why_and_writes_nothing(tmp_path: Path, cli, args, words):
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    record = tmp_path / "plan-2027.progress.yaml"
    before = record.read_bytes()
    result = cli("progress", "set", str(plan), "jingsai", *args)
    assert result.returncode == 2 and words in result.stderr and "内部错误" not in result.stderr
    assert "1e+" not in result.stderr and "已写入" not in result.stderr
    assert record.read_bytes() == before


def test_import_progress_for_writes_what_init_writes_and_takes_no_plan_options(tmp_path: Path, cli):
    """The record read from a 总结 comes with the schema its first line names, as `progress init`'s
    does; --all, --index, --year and --report belong to importing a plan and are refused here."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    report = tmp_path / "report.md"
    assert cli("progress", "init", str(plan), "-r", str(tmp_path / "scratch.progress.yaml")).returncode == 0
    (tmp_path / "progress.schema.json").unlink()
    assert cli("report", str(plan), "-r", str(tmp_path / "scratch.progress.yaml"), "-o", str(report),
               "--date", "2027-12-31").returncode == 0
    refused = cli("import", str(report), "--progress-for", str(plan), "--year", "2027", "--report")
    assert refused.returncode == 2 and "不能与 --year、--report 同用" in refused.stderr
    assert not (tmp_path / "plan.progress.yaml").exists()
    result = cli("import", str(report), "--progress-for", str(plan))
    assert result.returncode == 0, result.stderr
    record = (tmp_path / "plan.progress.yaml").read_text(encoding="utf-8")
    assert record.splitlines()[0] == "# yaml-language-server: $schema=progress.schema.json"
    assert json.loads((tmp_path / "progress.schema.json").read_text(encoding="utf-8"))["title"]


def test_lint_and_status_agree_on_what_is_overdue(tmp_path: Path, cli):
    """A part with items and a target of its own (走访慰问 with its 户数) is judged itself, by
    status and by lint alike: overdue in July when due in March and not begun."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n"
        "  - title: 关心职工\n    items:\n"
        "      - id: weiwen\n        title: 走访慰问困难职工\n        when: 3月\n"
        "        targets: [{what: 走访慰问困难职工, value: 120, unit: 户}]\n"
        "        items:\n"
        "          - {id: chunjie, title: 春节慰问, when: 2月, text: 走访慰问困难职工60户}\n"
        "          - {id: xiaji, title: 夏季慰问, when: 3月, text: 走访慰问困难职工60户}\n",
        encoding="utf-8")
    assert cli("progress", "init", str(plan)).returncode == 0
    status = json.loads(cli("status", str(plan), "--date", "2027-07-15", "--format", "json").stdout)
    assert status["overdue"] == ["weiwen", "chunjie", "xiaji"]
    lint = cli("lint", str(plan), "--date", "2027-07-15", "--select", "PF703")
    flagged = [line.split("”")[0].split("“")[1] for line in lint.stdout.splitlines() if " PF703 " in line]
    assert flagged == ["走访慰问困难职工", "春节慰问", "夏季慰问"], lint.stdout


@pytest.mark.parametrize("typed", ["2027-3-1", "2027/3/1", "2027年3月1日"])
def test_a_date_is_read_as_people_write_one(tmp_path: Path, cli, typed):
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    result = cli("progress", "set", str(plan), "jingsai", "-s", "已完成", "--date", typed)
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((tmp_path / "plan-2027.progress.yaml").read_text(encoding="utf-8"))["items"]["jingsai"]
    assert str(entry["finished"]) == "2027-03-01"


def test_status_and_report_as_of_today_name_the_records_dated_later(tmp_path: Path, cli):
    """A record kept ahead of the day (or a year judged early) has progress today does not count:
    `status` and `report` say how many items and the --date that counts them all, and say nothing
    when the day was chosen."""
    import datetime as dt

    later = dt.date.today() + dt.timedelta(days=400)
    plan = tmp_path / "plan.yaml"
    assert cli("new", "--org", "测试区总工会", "--year", str(later.year), "-o", str(plan)).returncode == 0
    assert cli("progress", "init", str(plan)).returncode == 0
    for step in (("jingsai", "--status", "done", "--date", later.isoformat()),
                 ("chuangxin", "--status", "in-progress", "--date", (later - dt.timedelta(days=30)).isoformat()),
                 ("songwennuan", "--status", "延期", "--note", "资金未到位")):
        assert cli("progress", "set", str(plan), *step).returncode == 0
    for command in (["status", str(plan)], ["report", str(plan), "-o", str(tmp_path / "r.md"), "--force"]):
        today = cli(*command)
        assert today.returncode == 0, today.stderr
        assert f"有 2 个事项记到了今天（{dt.date.today().isoformat()}）之后" in today.stderr
        assert f"--date {later.isoformat()}" in today.stderr
        chosen = cli(*command, "--date", later.isoformat())
        assert chosen.returncode == 0 and "之后" not in chosen.stderr


def test_progress_set_reads_a_value_in_its_targets_unit(tmp_path: Path, cli):
    """-a 15.6万 of a 15万元 target records 15.6 (not 156000, which the 总结 then called 完成目标的
    1040000%); 58人 of a count of people is 58; a value in another unit is refused and the record
    is left as it was."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 服务职工\n    items:\n"
                    "      - id: songwennuan\n        title: 开展送温暖活动\n        when: 1-2月\n        targets:\n"
                    "          - {what: 发放慰问金, value: 15, unit: 万元}\n          - {what: 走访职工, value: 50, unit: 人}\n",
                    encoding="utf-8")
    assert cli("progress", "init", str(plan)).returncode == 0
    record = tmp_path / "plan.progress.yaml"
    for what, typed in (("慰问金", "15.6万"), ("走访", "58人")):
        result = cli("progress", "set", str(plan), "songwennuan", "--what", what, "-a", typed, "--date", "2027-02-08")
        assert result.returncode == 0, result.stderr
    targets = yaml.safe_load(record.read_text(encoding="utf-8"))["items"]["songwennuan"]["targets"]
    assert [(t["what"], t["actual"]) for t in targets] == [("发放慰问金", 15.6), ("走访职工", 58)]
    before = record.read_bytes()
    refused = cli("progress", "set", str(plan), "songwennuan", "--what", "走访", "-a", "97.5%")
    assert refused.returncode == 2 and "“%”" in refused.stderr and "“人”" in refused.stderr and record.read_bytes() == before
    report = cli("report", str(plan), "--date", "2027-12-31", "-o", "-")
    assert "发放慰问金15.6万元" in report.stdout and "1040000" not in report.stdout


def test_report_keeps_a_draft_a_person_has_filled_in(tmp_path: Path, cli):
    """The 总结 draft is written to be filled in: a second report refuses to replace it without
    --force, and leaves the person's text as it was."""
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    draft = tmp_path / "总结.md"
    assert cli("report", str(plan), "--date", "2027-12-31", "-o", str(draft)).returncode == 0
    filled = draft.read_text(encoding="utf-8").replace("【待补充：总体情况概述】", "全年工作稳步推进")
    draft.write_text(filled, encoding="utf-8")
    again = cli("report", str(plan), "--date", "2027-12-31", "-o", str(draft))
    assert again.returncode == 2 and "--force" in again.stderr and draft.read_text(encoding="utf-8") == filled
    assert cli("report", str(plan), "--date", "2027-12-31", "-o", str(draft), "--force").returncode == 0
    assert "【待补充：总体情况概述】" in draft.read_text(encoding="utf-8")


def test_progress_set_says_when_the_date_recorded_is_outside_the_plan_year(tmp_path: Path, cli):
    """A finish dated 2028-01-10 on a 2027 plan (a slip of the year, or today before the year
    began) is written as asked and said; a date in the year, or a note alone, says nothing."""
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    outside = cli("progress", "set", str(plan), "jingsai", "-s", "已完成", "--date", "2028-01-10")
    assert outside.returncode == 0 and "2028-01-10 不在计划年度 2027 年内" in outside.stderr
    inside = cli("progress", "set", str(plan), "jingsai", "-s", "已完成", "--date", "2027-10-08")
    note = cli("progress", "set", str(plan), "jingsai", "-n", "全年组织竞赛12场")
    assert "不在计划年度" not in inside.stderr + note.stderr


def test_a_date_no_field_keeps_is_said_not_silently_dropped(tmp_path: Path, cli):
    """已取消 and 延期 keep no date (an item has a start and a finish): --date with them is said to
    be left out, with where it can go, and the record gets the status alone."""
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    record = tmp_path / "plan-2027.progress.yaml"
    cancelled = cli("progress", "set", str(plan), "jingsai", "-s", "已取消", "--date", "2027-05-01")
    assert cancelled.returncode == 0 and "“已取消”不记日期，--date 2027-05-01 未写入记录" in cancelled.stderr
    assert "2027-05-01" not in record.read_text(encoding="utf-8") and "status: 已取消" in record.read_text(encoding="utf-8")
    done = cli("progress", "set", str(plan), "jingsai", "-s", "已完成", "--date", "2027-05-02")
    assert "不记日期" not in done.stderr and 'finished: "2027-05-02"' in record.read_text(encoding="utf-8")


def test_a_status_typed_by_hand_that_is_none_lists_every_choice(tmp_path: Path, cli):
    """The record's allowed statuses are planforge's own words: said whole, not cut like a value
    the user wrote (……（共 85 字）)."""
    plan = _write_plan(tmp_path, cli)
    assert cli("progress", "init", str(plan)).returncode == 0
    record = tmp_path / "plan-2027.progress.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("status: 未开始", "status: 基本完成", 1), encoding="utf-8")
    result = cli("status", str(plan), "--date", "2027-06-30")
    assert result.returncode == 1 and "not-started | in-progress" in result.stderr and "已取消 | 延期" in result.stderr
    assert "（共" not in result.stderr
