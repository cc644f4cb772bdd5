"""Nothing a user keeps is lost or damaged: the progress record is protected like a spec, every
`progress set` edits only what it was asked (or refuses and leaves the bytes alone), concurrent
runs keep every update, and imported plans can be tracked at once. Each case runs through the CLI
and checks the exit code, the message and the bytes left on disk."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, ROOT, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLE = ROOT / "examples" / "bureau-union-2027.yaml"


@pytest.fixture
def year(tmp_path: Path) -> tuple[Path, Path]:
    """A plan and its starter record, in a fresh folder."""
    plan = tmp_path / "plan-2027.yaml"
    shutil.copy(EXAMPLE, plan)
    assert run_cli("progress", "init", str(plan)).returncode == 0
    return plan, tmp_path / "plan-2027.progress.yaml"


def _ids(record: Path) -> list[str]:
    return list(yaml.safe_load(record.read_text(encoding="utf-8"))["items"])


@pytest.mark.parametrize("command", [
    ["render", "{plan}", "--to", "md", "-o", "{record}"],
    ["schema", "-o", "{record}"],
    ["report", "{other}", "-o", "{record}", "--to", "md"],
])
def test_a_progress_record_is_never_an_output_without_force(year, command, tmp_path: Path):
    plan, record = year
    other = tmp_path / "other.yaml"  # another plan with its own record: report refused only its own
    shutil.copy(EXAMPLE, other)
    run_cli("progress", "init", str(other))
    before = record.read_bytes()
    args = [a.format(plan=plan, record=record, other=other) for a in command]
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert "是一份进度记录，未覆盖" in result.stderr and record.read_bytes() == before
    if command[0] != "report":
        assert run_cli(*args, "--force").returncode == 0 and record.read_bytes() != before


def test_a_json_schema_is_not_a_plan(tmp_path: Path):
    """The README tour's `new … && schema -o plan.schema.json`: `new` wrote the schema already."""
    assert run_cli("new", "--org", "测试工会", "--year", "2027", "-o", "plan.yaml", cwd=tmp_path).returncode == 0
    again = run_cli("schema", "-o", "plan.schema.json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    from planforge.fileio import is_plan_spec

    assert not is_plan_spec(tmp_path / "plan.schema.json") and is_plan_spec(tmp_path / "plan.yaml")


def test_a_flow_style_record_is_refused_whole(year):
    plan, record = year
    first, second = _ids(record)[:2]
    record.write_text(f"progress: 1\nplan: 市卫生健康局工会2027年工作计划\nyear: 2027\n"
                      f"items: {{{first}: {{status: 进行中}}, {second}: {{status: 未开始}}}}\n", encoding="utf-8")
    before = record.read_bytes()
    result = run_cli("progress", "set", str(plan), first, "--note", "新说明")
    assert result.returncode == 1 and f"{record}:4:1" in result.stderr and "一行花括号里" in result.stderr
    assert record.read_bytes() == before


def test_a_record_with_an_id_twice_is_a_located_error(year):
    plan, record = year
    first = _ids(record)[0]
    text = record.read_text(encoding="utf-8")
    record.write_text(text + f"  {first}:\n    status: 已完成\n", encoding="utf-8")
    line = text.count("\n") + 1
    result = run_cli("status", str(plan))
    assert result.returncode == 1 and f"{record}:{line}:3" in result.stderr and f"键 {first} 重复" in result.stderr


def test_a_spec_with_a_key_twice_is_a_located_error(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_text("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nyear: 2028\nsections:\n  - title: 一\n",
                    encoding="utf-8")
    result = run_cli("render", str(spec), "-o", "-")
    assert result.returncode == 1 and f"{spec}:4:1" in result.stderr and "键 year 重复" in result.stderr


@pytest.mark.parametrize("value", ["inf", "nan", "1e16", "-1e16"])
def test_figures_no_plan_holds_are_refused_at_input(year, value):
    plan, record = year
    before = record.read_bytes()
    result = run_cli("progress", "set", str(plan), _ids(record)[0], f"--actual={value}")
    assert result.returncode == 2 and "--actual" in result.stderr and record.read_bytes() == before
    assert run_cli("status", str(plan), "--format", "json").returncode == 0


@pytest.mark.parametrize("note", ["甲\t乙", "\t开头", "结尾\t", "a: b", "- 列表", "# 井号", "引号\"和'", "@提及", "yes", "2027-01-05",
                                  "反斜杠\\n", "行\u2028分隔"])
def test_every_note_written_loads_back_as_typed(year, note):
    plan, record = year
    item = _ids(record)[1]
    result = run_cli("progress", "set", str(plan), item, "--note", note)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(record.read_text(encoding="utf-8"))["items"][item]["note"] == note


def test_a_record_with_cr_line_ends_is_edited_in_place(year):
    plan, record = year
    text = record.read_text(encoding="utf-8")
    record.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    item = _ids(record)[0]
    result = run_cli("progress", "set", str(plan), item, "--status", "进行中", "--date", "2027-03-01")
    assert result.returncode == 0, result.stderr
    after = record.read_bytes()
    assert b"\n" not in after and after.count(b"\r") == text.count("\n") + 1  # one line added: started
    assert yaml.safe_load(after.decode("utf-8").replace("\r", "\n"))["items"][item]["status"] == "进行中"


def test_a_file_name_the_system_refuses_is_a_message_not_a_crash(year, tmp_path: Path):
    plan, record = year
    long_name = str(tmp_path / ("计" * 100 + ".md"))  # 300 bytes: over the 255 a name may have
    for args in (["render", str(plan), "-o", long_name], ["progress", "init", str(plan), "-r", long_name + ".yaml"],
                 ["progress", "set", str(plan), _ids(record)[0], "--note", "x", "-r", long_name + ".progress.yaml"]):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert "内部错误" not in result.stderr and "文件名太长" in result.stderr


def test_ten_concurrent_sets_keep_all_ten_updates(year):
    """Ten real processes at once, as ten colleagues' scripts would run them."""
    plan, record = year
    ids = _ids(record)[:10]
    env = {**os.environ, "PLANFORGE_LANG": "zh"}
    processes = [subprocess.Popen([sys.executable, "-m", "planforge", "progress", "set", str(plan), item, "--note", f"n-{item}"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for item in ids]
    assert all(p.wait(timeout=120) == 0 for p in processes)
    items = yaml.safe_load(record.read_text(encoding="utf-8"))["items"]
    assert [items[i].get("note") for i in ids] == [f"n-{i}" for i in ids]


_COMMENT = "# 书记批示：按季度报送"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(["status", "note"]), st.integers(0, 3), st.booleans()),
                min_size=1, max_size=8))
def test_any_sequence_of_sets_keeps_every_acknowledged_update_and_comment(tmp_path_factory, steps):
    """Some calls run concurrently (a batch of threads, each with its own lock on the file), the
    rest one by one; afterwards the record loads, holds each acknowledged update's latest value,
    and keeps every comment."""
    from planforge.spec.load import load_plan
    from planforge.spec.record_edit import Change, set_progress

    folder = tmp_path_factory.mktemp("seq")
    plan_path = folder / "plan-2027.yaml"
    shutil.copy(EXAMPLE, plan_path)
    run_cli("progress", "init", str(plan_path))
    record = folder / "plan-2027.progress.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("items:\n", f"items:  {_COMMENT}\n"), encoding="utf-8")
    comments = [line.strip() for line in record.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    plan = load_plan(plan_path).plan
    ids = _ids(record)
    statuses = ["未开始", "进行中", "已完成", "延期"]
    expected: dict[tuple[str, str], str] = {}
    batch: list[threading.Thread] = []
    errors: list[BaseException] = []

    def run(item: str, change: Change) -> None:
        try:
            set_progress(plan, record, item, change, dt.date(2027, 6, 1))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    for index, field, value, concurrent in steps:
        item = ids[index]
        change = Change(status=statuses[value]) if field == "status" else Change(note=f"第{value}次")
        thread = threading.Thread(target=run, args=(item, change), name=item)
        if concurrent and not any(t.name == item for t in batch):  # concurrent calls on distinct items
            batch.append(thread)
            thread.start()
        else:
            for t in batch:
                t.join()
            batch.clear()
            thread.start()
            thread.join()
        expected[(item, field)] = change.status or change.note or ""
    for t in batch:
        t.join()
    assert not errors
    text = record.read_text(encoding="utf-8")
    items = yaml.safe_load(text)["items"]
    for (item, field), value in expected.items():
        assert items[item][field] == value
    assert [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")] == comments
    assert _COMMENT in text


@pytest.mark.skipif(not (CORPUS / "pages").is_dir(), reason="../shared/corpus is not beside the project")
def test_an_imported_plan_can_be_tracked_at_once(tmp_path: Path):
    source = CORPUS / "pages" / "10_yiyang-stats-bureau-union-2022.txt"
    assert run_cli("import", str(source), "-o", "plan-2022.yaml", cwd=tmp_path).returncode == 0
    spec = yaml.safe_load((tmp_path / "plan-2022.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in spec["sections"]] == ["s1", "s2", "s3", "s4"]
    assert spec["sections"][0]["items"][0]["id"] == "s1-1"
    assert run_cli("progress", "init", "plan-2022.yaml", cwd=tmp_path).returncode == 0
    recorded = _ids(tmp_path / "plan-2022.progress.yaml")
    assert "s1-1-1" in recorded and "s1-2" in recorded
    assert "s1-1" not in recorded  # an item over items is judged by them: the report writes it as a heading
    rolled = run_cli("rollover", "plan-2022.yaml", "-o", "plan-2023.yaml", cwd=tmp_path)
    assert rolled.returncode == 0, rolled.stderr
    assert yaml.safe_load((tmp_path / "plan-2023.yaml").read_text(encoding="utf-8"))["sections"][3]["id"] == "s4"


def test_a_plan_without_ids_says_there_is_nothing_to_track(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_text("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 一部分\n", encoding="utf-8")
    result = run_cli("progress", "init", str(spec))
    assert result.returncode == 2 and "无可跟踪" in result.stderr and not (tmp_path / "plan.progress.yaml").exists()
    summary = tmp_path / "总结.txt"
    summary.write_text("2027年工作总结\n一、一部分\n完成了。\n", encoding="utf-8")
    result = run_cli("import", str(summary), "--progress-for", str(spec))
    assert result.returncode == 2 and "无可跟踪" in result.stderr and not (tmp_path / "plan.progress.yaml").exists()


def test_a_summary_that_matches_nothing_writes_no_record(tmp_path: Path):
    plan = tmp_path / "plan-2027.yaml"
    shutil.copy(EXAMPLE, plan)
    summary = tmp_path / "总结.txt"
    summary.write_text("2027年工作总结\n今年天气很好。\n", encoding="utf-8")
    result = run_cli("import", str(summary), "--progress-for", str(plan))
    assert result.returncode == 2 and "没有找到" in result.stderr and not (tmp_path / "plan-2027.progress.yaml").exists()


def test_options_that_would_be_ignored_are_usage_errors(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    result = run_cli("render", str(EXAMPLE), "--template-dir", str(tmp_path / "empty"), "-o", str(tmp_path / "x.md"))
    assert result.returncode == 2 and "没有可用的模板" in result.stderr and not (tmp_path / "x.md").exists()
    home = tmp_path / "home"
    result = run_cli("--install-completion", "bogus-shell", env={"HOME": str(home), "SHELL": "/bin/bash"})
    assert result.returncode == 2 and "bogus-shell" in result.stderr and not home.exists()


def test_a_note_that_looks_like_an_impossible_date_is_text(year):
    plan, record = year
    first, second = _ids(record)[:2]
    text = record.read_text(encoding="utf-8").replace(f"  {first}:\n", f"  {first}:\n    note: 2027-02-30\n", 1)
    record.write_text(text, encoding="utf-8")
    result = run_cli("progress", "set", str(plan), second, "--status", "进行中")
    assert result.returncode == 0, result.stderr
    assert "note: 2027-02-30" in record.read_text(encoding="utf-8")


@pytest.mark.parametrize("layout", ["  {item}:\n    {{title: 标题, status: 未开始}}\n", "  ? {item}\n  : title: 标题\n    status: 未开始\n"])
def test_other_layouts_are_refused_not_crashed_on(year, layout):
    plan, record = year
    item = _ids(record)[0]
    record.write_text("progress: 1\nplan: 市卫生健康局工会2027年工作计划\nyear: 2027\nitems:\n" + layout.format(item=item),
                      encoding="utf-8")
    before = record.read_bytes()
    result = run_cli("progress", "set", str(plan), item, "--status", "已完成")
    assert result.returncode == 1 and "内部错误" not in result.stderr and str(record) in result.stderr
    assert record.read_bytes() == before
