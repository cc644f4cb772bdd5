"""The user's files are never harmed by a build step, and outputs go where the user pointed.

Each test runs the CLI as a user would and checks the exit code, the message and what is left on
disk: the spec a user edited, a log appended to through /dev/stdout, a FIFO, a symlink, a
read-only or UTF-16 file handed to `lint --fix`.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

EXAMPLE = EXAMPLES / "bureau-union-2027.yaml"


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def test_render_refuses_to_write_over_its_own_input(spec: Path):
    before = spec.read_bytes()
    result = run_cli("render", str(spec), "-o", str(spec))
    assert result.returncode == 2 and "就是输入文件" in result.stderr and "--force" in result.stderr
    assert spec.read_bytes() == before
    forced = run_cli("render", str(spec), "-o", str(spec), "--force")
    assert forced.returncode == 0 and spec.read_text(encoding="utf-8").startswith("# 市卫生健康局工会")


def test_schema_and_render_refuse_to_replace_another_spec(spec: Path, tmp_path: Path):
    before = spec.read_bytes()
    schema = run_cli("schema", "-o", str(spec))
    assert schema.returncode == 2 and "是一份计划规格" in schema.stderr and spec.read_bytes() == before
    other = tmp_path / "other.yaml"
    render = run_cli("render", str(EXAMPLE), "-o", str(spec))
    assert render.returncode == 2 and spec.read_bytes() == before and not other.exists()
    hand_written = tmp_path / "hand.yaml"  # no `planforge:` key, but title and sections: still a spec
    hand_written.write_text("title: 手写计划\nyear: 2027\nsections: []\n", encoding="utf-8")
    assert run_cli("schema", "-o", str(hand_written)).returncode == 2


def test_new_refuses_a_spec_named_like_a_document(tmp_path: Path):
    result = run_cli("new", "--org", "测试工会", "--year", "2027", "-o", str(tmp_path / "计划.md"))
    assert result.returncode == 2 and ".yaml" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_extension_chooses_the_format_and_a_conflict_is_refused(spec: Path, tmp_path: Path):
    docx = tmp_path / "2027年工作计划.docx"
    result = run_cli("render", str(spec), "-o", str(docx))
    assert result.returncode == 0, result.stderr
    assert docx.read_bytes()[:2] == b"PK"  # a Word file, not Markdown in a .docx
    conflict = run_cli("render", str(spec), "--to", "md", "-o", str(tmp_path / "x.docx"))
    assert conflict.returncode == 2 and "不一致" in conflict.stderr and not (tmp_path / "x.docx").exists()


def test_dev_stdout_appends_to_the_log_the_shell_opened(spec: Path, tmp_path: Path):
    log = tmp_path / "log.md"
    log.write_text("earlier entries\n", encoding="utf-8")
    env = {**os.environ, "PLANFORGE_LANG": "zh"}
    with log.open("ab") as append:
        result = subprocess.run([sys.executable, "-m", "planforge", "render", str(spec), "-o", "/dev/stdout"],
                                stdout=append, stderr=subprocess.PIPE, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier entries\n# 市卫生健康局工会2027年工作计划")
    assert stat.S_ISREG(log.stat().st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_written_in_place_not_replaced(spec: Path, tmp_path: Path):
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli("render", str(spec), "-o", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].decode("utf-8").startswith("# 市卫生健康局工会")


def test_a_symlink_keeps_pointing_at_its_file(spec: Path, tmp_path: Path):
    real = tmp_path / "shared" / "plan.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run_cli("render", str(spec), "-o", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# 市卫生健康局工会")


def test_a_link_into_a_missing_folder_is_refused_not_followed_by_a_new_folder(spec: Path, tmp_path: Path):
    """A dangling link (its share unmounted, its folder moved): the output is refused with the
    place it points at, and no folder is made there."""
    gone = tmp_path / "unmounted" / "share"
    link = tmp_path / "link.md"
    link.symlink_to(gone / "plan.md")
    result = run_cli("render", str(spec), "-o", str(link))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert str(gone / "plan.md") in result.stderr
    assert not (tmp_path / "unmounted").exists() and link.is_symlink()


def test_a_folder_link_to_nowhere_and_links_in_a_loop_are_refused_by_name(spec: Path, tmp_path: Path):
    """out/plan.md where out is a link to a folder that is gone: said as such (not "the file
    exists", as making the folder failed with), and nothing made; two links pointing at each other
    are refused, not replaced by a file."""
    (tmp_path / "out").symlink_to(tmp_path / "gone")
    result = run_cli("render", str(spec), "-o", str(tmp_path / "out" / "plan.md"))
    assert result.returncode != 0 and "Traceback" not in result.stderr and str(tmp_path / "out") in result.stderr
    assert not (tmp_path / "gone").exists()
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    result = run_cli("render", str(spec), "-o", str(tmp_path / "a.md"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert (tmp_path / "a.md").is_symlink() and (tmp_path / "b.md").is_symlink()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_binary_formats_are_not_sent_to_a_terminal(spec: Path):
    leader, follower = os.openpty()
    try:
        env = {**os.environ, "PLANFORGE_LANG": "zh"}
        result = subprocess.run([sys.executable, "-m", "planforge", "render", str(spec), "--to", "docx", "-o", "-"],
                                stdout=follower, stderr=subprocess.PIPE, env=env, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2 and "二进制" in result.stderr.decode("utf-8")


def test_watch_on_a_missing_spec_ends_at_once(tmp_path: Path):
    result = run_cli("render", str(tmp_path / "nosuch.yaml"), "--watch")
    assert result.returncode == 2 and "找不到文件" in result.stderr


def test_a_read_only_file_still_gets_its_findings(tmp_path: Path):
    doc = tmp_path / "工作计划.md"
    doc.write_text("# 测试工会2027年工作计划\n\n一、加强学习,提高素质\n\n组织学习活动。\n", encoding="utf-8")
    doc.chmod(0o444)
    before = doc.read_bytes()
    result = run_cli("lint", str(doc), "--fix")
    assert result.returncode == 2
    assert "PF403" in result.stdout  # the findings are printed first
    assert "未能修复" in result.stderr and "只读" in result.stderr
    assert doc.read_bytes() == before


def test_fix_keeps_utf16_and_crlf(tmp_path: Path):
    doc = tmp_path / "工作计划.txt"
    text = "测试工会2027年工作计划\r\n一、加强学习,提高素质\r\n组织学习活动。\r\n"
    doc.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = run_cli("lint", str(doc), "--fix")
    assert "已修复" in result.stderr, result.stderr
    data = doc.read_bytes()
    assert data[:2] == b"\xff\xfe"
    fixed = data[2:].decode("utf-16-le")
    assert "加强学习，提高素质" in fixed and fixed.count("\r\n") == 3 and "\n" not in fixed.replace("\r\n", "")


@pytest.mark.parametrize("args, words", [
    (["new", "--org", "x", "--year", "0"], "--year 应为 2000–2100 之间的四位年份（收到 0）"),
    (["new", "--org", "", "--year", "2027"], "--org 不能为空"),
    (["new", "--org", "x", "--year", "abc"], "--year 的取值无效：应为整数"),
])
def test_bad_option_values_are_explained(tmp_path: Path, args, words):
    result = run_cli(*args, "-o", str(tmp_path / "p.yaml"))
    assert result.returncode == 2 and words in result.stderr and "内部错误" not in result.stderr
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.parametrize("year, words", [("0", "收到 0"), ("2027", "应晚于"), ("2020", "应晚于")])
def test_rollover_only_goes_forward(spec: Path, tmp_path: Path, year, words):
    result = run_cli("rollover", str(spec), "--year", year, "-o", str(tmp_path / "next.yaml"))
    assert result.returncode == 2 and words in result.stderr
    assert not (tmp_path / "next.yaml").exists()


def test_impossible_dates_and_numbers_are_located(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_text("planforge: 1\ntitle: 测试2027年工作计划\nyear: 2027\nsections:\n  - title: 一\n"
                    "    when: 2026-02-29\n    targets:\n      - {what: 人数, value: 1e999, unit: 人}\n"
                    "      - {what: 人数, value: 1e308, unit: 人}\n  - title: 二\n    when: 4月31日\n", encoding="utf-8")
    result = run_cli("render", str(spec), "-o", "-")
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"{spec}:6:11: PF002 error sections[0].when：日期不存在：2026-02-29"
    assert lines[1].startswith(f"{spec}:8:27: PF002 error sections[0].targets[0].value：数值不合理")
    assert lines[2].startswith(f"{spec}:9:27: PF002 error sections[0].targets[1].value：数值不合理")
    assert lines[3] == f"{spec}:11:11: PF002 error sections[1].when：日期不存在：4月31日"


def test_messages_quote_a_long_value_briefly_and_stop_after_fifty(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    long_value = "某" * 200_000
    items = "".join(f"  - title: 事项{i}\n    when: 不知何时{i}\n" for i in range(30_000))
    spec.write_text(f"title: 测试2027年工作计划\nyear: 2027\nsections:\n  - title: 一\n    when: {long_value}\n{items}",
                    encoding="utf-8")
    result = run_cli("render", str(spec), "-o", "-")
    assert result.returncode == 1
    assert len(result.stderr) < 20_000
    lines = result.stderr.splitlines()
    assert "（共 200000 字）" in lines[0]
    assert lines[-2] == "……另有 29951 个问题未列出" and lines[-1] == "30001 个错误"


def test_the_starters_own_time_words_load(tmp_path: Path):
    """The starter's comment tells users what `when:` accepts: every word of it must load."""
    import re

    from planforge.model.periods import parse_when
    from planforge.templating import builtin_templates

    for starter in (builtin_templates() / "starters").glob("*.yaml.j2"):
        line = next(ln for ln in starter.read_text(encoding="utf-8").splitlines() if "when 可写" in ln)
        words = [w for w in re.split(r"[、：…]+", line.split("when 可写", 1)[1]) if w.strip()]
        assert len(words) >= 5
        assert [w for w in words if parse_when(w) is None] == [], starter.name


@pytest.mark.parametrize("word, months", [
    ("本学期", (2, 3, 4, 5, 6, 7, 9, 10, 11, 12)), ("上学期", (9, 10, 11, 12, 1)), ("下学期", (2, 3, 4, 5, 6, 7)),
    ("春季", (3, 4, 5)), ("秋季", (9, 10, 11)), ("开学初", (2, 9)), ("学期末", (1, 6)),
    ("寒假", (1, 2)), ("暑假", (7, 8)), ("年初", (1, 2)), ("年中", (6, 7)), ("年底", (12,)),
])
def test_school_and_union_time_words(word, months):
    from planforge.model.periods import parse_when

    assert parse_when(word).months == months


@pytest.mark.parametrize("word, part", [("上旬", "上旬"), ("中旬", "中旬"), ("下旬", "下旬"), ("月初", "初"),
                                        ("月中", "中旬"), ("月底", "底"), ("每月月底前", "底")])
def test_parts_of_a_month_recur_monthly(word, part):
    from planforge.model.periods import find_periods, parse_when

    period = parse_when(word)
    assert period.recurrence == "monthly" and period.part == part and len(period.months) == 12
    assert [p.text for p in find_periods("在岁月中成长")] == []  # 月中 inside a word is no time


def test_render_says_what_ci_would_reject_and_strict_refuses(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_text('planforge: 1\ntitle: 测试工会20xx年工作计划\nyear: 2027\nsections:\n  - title: 一\n    text: 学习\n'
                    '    targets: [{what: 参与率, value: 120, unit: "%"}]\n', encoding="utf-8")
    out = tmp_path / "plan.md"
    result = run_cli("render", str(spec), "-o", str(out))
    assert result.returncode == 0 and out.exists()
    (summary,) = [line for line in result.stderr.splitlines() if "检查发现" in line]
    assert "2 个错误（PF103、PF401）" in summary and "--strict" in summary
    out.unlink()
    strict = run_cli("render", str(spec), "-o", str(out), "--strict")
    assert strict.returncode == 1 and not out.exists()
    assert f"{spec}:2:12: PF401 error 未替换的占位符“20xx”" in strict.stderr.splitlines()


# ---- one read per file: the three encoding bugs of reading a file several times ----

def test_suppression_comments_count_in_a_utf16_file(tmp_path: Path):
    doc = tmp_path / "工作计划.md"
    text = "# 测试工会2027年工作计划\n\n<!-- planforge-disable-next-line PF403 -->\n加强学习,提高素质。\n"
    doc.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    result = run_cli("lint", str(doc), "--select", "PF403,PF007")
    assert "PF403" not in result.stdout and "PF007" not in result.stdout, result.stdout


def test_the_source_line_under_a_finding_is_decoded_as_the_file_was(tmp_path: Path):
    from planforge.lint.engine import LintConfig, lint_file
    from planforge.lint.output import format_text

    doc = tmp_path / "工作计划.txt"
    doc.write_bytes("测试工会2027年工作计划\n一、加强学习,提高素质\n".encode("gb18030"))
    shown = format_text([lint_file(doc, LintConfig(select={"PF403"}))], "zh", show_source=True)
    assert "    一、加强学习,提高素质\n" in shown
