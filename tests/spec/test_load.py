"""Loading specs: every problem located, safe before anything is built, encodings, YAML 1.1."""

import json
import re
import time
from pathlib import Path

import pytest
from conftest import ALL_EXAMPLES

from planforge.errors import InputError, UsageError
from planforge.render.markdown import render_markdown
from planforge.spec.load import load_plan, load_plan_text

MINIMAL = """\
title: 测试工会2027年工作计划
year: 2027
sections:
  - title: 加强学习
"""


def problems_of(text: str, lang: str = "zh") -> list[str]:
    with pytest.raises(InputError) as info:
        load_plan_text(text, "plan.yaml")
    return [p.format(lang) for p in info.value.problems]


def test_five_faults_all_reported_with_line_and_column():
    text = """\
title: 测试计划
year: 二〇二七
sections:
  - title: 第一部分
    ownr: 办公室
    when: 某个时候
    targets:
      - what: 覆盖面
        value: 八十
        unit: "%"
schedule:
  - when: 3月
    tasks:
      - text: 召开会议
        item: nosuch
"""
    assert problems_of(text) == [
        "plan.yaml:2:7: PF002 error year：应为阿拉伯数字：请把“二〇二七”写成 2027",
        "plan.yaml:5:5: PF002 error sections[0].ownr：未知字段 ownr，是不是想写 owner？",
        "plan.yaml:6:11: PF002 error sections[0].when：无法识别的时间“某个时候”。可写：3月、3-4月、一至二月份、七、八月份、3月中旬、9月底、"
        "二季度、上半年、下半年、全年、年初、年底、2027-05-01、2027年5月1日、五一、春节、每月、每季度、每月月底、本学期、寒假、秋季",
        "plan.yaml:9:16: PF002 error sections[0].targets[0].value：应为阿拉伯数字：请把“八十”写成 80",
    ]  # the dangling schedule link (PF205) is lint's to report, once the spec loads


def test_english_messages():
    text = MINIMAL.replace("  - title: 加强学习", "  - title: 加强学习\n    ownr: x")
    assert problems_of(text, "en") == ["plan.yaml:5:5: PF002 error sections[0].ownr: unknown field ownr; did you mean owner?"]


def test_chinese_key_suggests_the_field():
    text = MINIMAL.replace("  - title: 加强学习", "  - title: 加强学习\n    责任部门: 办公室")
    assert problems_of(text) == ["plan.yaml:5:5: PF002 error sections[0].责任部门：未知字段 责任部门，是不是想写 owner？"]


def test_missing_required_field_points_at_its_parent():
    assert problems_of("title: x\nsections: []\n") == ["plan.yaml:1:1: PF002 error year：缺少必填字段 year"]


def test_duplicate_keys_and_ids():
    text = MINIMAL + "  - title: 二\n    id: a\n  - title: 三\n    id: a\nyear: 2028\n"
    assert problems_of(text) == [
        "plan.yaml:8:9: PF002 error sections[2].id：id a 重复（第一次出现在第 6 行）",
        "plan.yaml:9:1: PF002 error 键 year 重复（第一次出现在第 2 行）；YAML 会静默丢弃前一个值",
    ]


def test_yaml_syntax_error_is_located_with_a_hint():
    (line,) = problems_of("title: x\nyear： 2027\nsections: []\n")
    assert line.startswith("plan.yaml:2:5:") and "全角冒号" in line and "PF001" in line  # the colon's own line
    (tab,) = problems_of("title: x\nsections:\n\t- title: y\n")
    assert tab.startswith("plan.yaml:3:1: PF001") and "Tab" in tab


@pytest.mark.parametrize("text, where, words", [
    ('title: "abc\nyear: 2027\nsections:\n\t- a\n', "1:8", "引号没有闭合"),
    ("title: 'abc\nyear: 2027\n", "1:8", "引号没有闭合"),
    ("title: x\nyear: [2027, 3\nsections: []\n", "2:7", "方括号“[”没有闭合"),
    ("title: {a: 1\nyear: 2027\n", "1:8", "花括号“{”没有闭合"),
    ("title: x\nyear 2027\nsections: []\n", "2:1", "缺少冒号"),
    ("title: x\nsections:\n  - title: a\n   items: []\n", "4:4", "列表缩进不一致"),
    ("title: x\nyear: 2027\n  foo: 1\n", "3:6", "此处不能出现“键: 值”"),
    ("a:\n  b: 1\n\tc: 2\n", "3:1", "Tab"),
    ("title: @abc\n", "1:8", "“@”不能作为值的开头"),
    ("title: ***\n", "1:8", "YAML 别名"),
    ("title: &\n", "1:8", "YAML 锚点"),
    ('title: "a\\qb"\n', "1:10", "反斜杠"),
    ("preamble: |x\n  abc\n", "1:11", "“|”或“>”后面只能换行"),
    ('title: "abc" def\n', "1:14", "引号后面还有多余的文字"),
    ("title：x\nyear: 2027\n", "1:6", "全角冒号"),
])
def test_yaml_faults_are_explained_in_chinese_at_their_cause(text, where, words):
    (zh,) = problems_of(text)
    assert zh.startswith(f"plan.yaml:{where}: PF001 error YAML 语法错误：") and words in zh
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", zh.split("：", 1)[1])  # no English sentence
    (en,) = problems_of(text, "en")
    assert en.startswith(f"plan.yaml:{where}: PF001 error YAML syntax error: ")


def test_yaml_11_surprises_never_change_text():
    text = MINIMAL.replace("  - title: 加强学习", "  - title: no\n    id: '010'\n  - title: 010\n    id: on\n    owner: yes")
    plan = load_plan_text(text).plan
    assert [s.title for s in plan.sections] == ["no", "010"]
    assert [s.id for s in plan.sections] == ["010", "on"]
    assert plan.sections[1].owner == "yes"


def test_alias_bomb_fails_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
    )
    start = time.perf_counter()
    (message,) = problems_of(bomb)
    assert time.perf_counter() - start < 1
    assert message.startswith("plan.yaml:1:4: PF003 error") and "锚点" in message


def test_ten_thousand_deep_nesting_fails_fast():
    start = time.perf_counter()
    (block,) = problems_of("a:\n" + "".join("  " * i + "- \n" for i in range(1, 200)) + "\n")
    (flow,) = problems_of("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert time.perf_counter() - start < 1
    # Whichever refuses first, our guard or the installed libyaml's own limit, the user reads PF003.
    assert "PF003 error 嵌套层数超过 64 层" in flow and "PF003 error 嵌套层数超过 64 层" in block


@pytest.mark.parametrize("text, needle", [
    ("!!python/object/apply:os.system ['echo hi']\n", "PF003"),
    ("title: !custom x\n", "PF003"),
    ("title: x\n---\ntitle: y\n", "PF001"),
    ("- a\n- b\n", "顶层"),
    ("# only a comment\n", "文件为空"),
])
def test_unsafe_and_odd_documents(text, needle):
    (message,) = problems_of(text)
    assert needle in message


def test_reserved_source_key_is_refused():
    (message,) = problems_of(MINIMAL + "source: {line: 1}\n")
    assert "source" in message and message.startswith("plan.yaml:5:1:")


def test_gb18030_renders_identical_markdown(tmp_path: Path):
    example = ALL_EXAMPLES[0]
    text = example.read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    utf8 = load_plan(example)
    assert load_plan(gbk).source.encoding == "gb18030"
    assert render_markdown(load_plan(gbk).plan) == render_markdown(utf8.plan) == render_markdown(load_plan(bom).plan)


def test_corrupt_utf8_reports_the_byte_offset(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    data = MINIMAL.encode("utf-8")
    path.write_bytes(data[:20] + b"\xff" + data[20:])
    with pytest.raises(InputError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert problem.code == "PF003" and problem.args["offset"] == 20


def test_empty_missing_and_huge_files(tmp_path: Path):
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_plan(empty)
    with pytest.raises(UsageError):
        load_plan(tmp_path / "missing.yaml")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * 2000 + b"\n")
    with pytest.raises(InputError) as info:
        load_plan(huge, max_bytes=1000)
    assert info.value.problems[0].key == "file_too_large"


def test_typed_numbers_are_stripped_with_a_warning():
    loaded = load_plan_text(MINIMAL.replace("title: 加强学习", "title: 一、加强学习"), "plan.yaml")
    assert loaded.plan.sections[0].title == "加强学习"
    assert [w.format() for w in loaded.warnings] == [
        "plan.yaml:4:12: PF504 warning sections[0].title：标题里手写了序号“一、”，已去掉：序号由 planforge 按结构生成"
    ]


def test_nodes_carry_their_source_position():
    text = MINIMAL + "    items:\n      - title: 子项\n        targets:\n          - {what: 人数, value: 3}\n"
    plan = load_plan_text(text, "plan.yaml").plan
    item = plan.sections[0].items[0]
    assert (plan.sections[0].source.line, plan.sections[0].source.col) == (4, 5)
    assert (item.source.file, item.source.line, item.source.col) == ("plan.yaml", 6, 9)
    assert item.targets[0].source.line == 8


def _lint(text: str, tmp_path: Path) -> list[str]:
    from planforge.lint.engine import LintConfig, lint_file

    spec = tmp_path / "plan.yaml"
    spec.write_text(text, encoding="utf-8")
    result = lint_file(spec, LintConfig())
    return [f"{f.line}:{f.col}: {f.code} {f.message('zh')}" for f in result.findings if f.severity == "error"]


def test_plan_level_rules_are_lints_not_load_failures(tmp_path: Path):
    text = MINIMAL + "date: 2025-05-01\nschedule:\n  - when: 2026-03-01\n    tasks: [{text: x, item: nosuch}]\n"
    load_plan_text(text)  # loads: a date, a link or a value is judged once, by lint
    assert _lint(text, tmp_path) == [
        "5:7: PF202 时间“2025-05-01”不在计划年度 2027 年内",
        "7:11: PF202 时间“2026-03-01”不在计划年度 2027 年内",
        "8:29: PF205 日程任务关联的事项 id nosuch 不存在",
    ]


def test_one_implausible_value_does_not_hide_five_other_faults(tmp_path: Path):
    text = """\
title: 测试工会20xx年工作计划
year: 2027
date: 2025-05-01
sections:
  - title: 加强学习
    targets:
      - {what: 职工参与率, value: 120, unit: "%"}
  - title: 加强学习
schedule:
  - when: 2026-03-01
    tasks: [{text: 学习, item: nosuch}]
"""
    assert _lint(text, tmp_path) == [
        "1:12: PF401 未替换的占位符“20xx”",
        "3:7: PF202 时间“2025-05-01”不在计划年度 2027 年内",
        "7:30: PF103 指标“职工参与率”的数值不合理：百分比超过 100",
        "8:12: PF301 标题与第 5 行重复",
        "10:11: PF202 时间“2026-03-01”不在计划年度 2027 年内",
        "11:30: PF205 日程任务关联的事项 id nosuch 不存在",
    ]


def test_five_levels_is_too_deep():
    node = {"title": "第五层"}
    for level in range(4, 0, -1):
        node = {"title": f"第{level}层", "items": [node]}
    messages = problems_of(json.dumps({"title": "x", "year": 2027, "sections": [node]}, ensure_ascii=False))
    assert len(messages) == 1 and "四层" in messages[0]


def test_target_plausibility_is_lints_not_the_loaders(tmp_path: Path):
    base = MINIMAL + "    targets:\n      - {what: 覆盖面, value: %s}\n"
    assert _lint(base % '120, unit: "%"', tmp_path) == ["6:28: PF103 指标“覆盖面”的数值不合理：百分比超过 100"]
    assert _lint(base.replace("覆盖面", "创建示范点") % "3", tmp_path) == ["6:30: PF103 指标“创建示范点”的数值不合理：缺少单位"]
    assert "80 并写" in problems_of(base % '"80%"')[0]  # a value that is not a number cannot be represented
    load_plan_text(base % "0")  # zero needs no unit: 覆盖面为零


def test_a_loaded_spec_holds_no_reference_cycle(monkeypatch):
    """The composed data (the raw values, and a position for every value and key) is freed by
    reference counting as soon as nothing uses it: a cycle through it kept a 10,000-item spec's
    data and positions alive until the collector happened by, even after `render` dropped the
    loaded spec (the cycle was a nested function that called itself)."""
    import gc
    import weakref

    import planforge.spec.load as load

    kept = []
    real = load.compose

    def watched(text, name):
        composed = real(text, name)
        kept.append(weakref.ref(composed))
        return composed

    monkeypatch.setattr(load, "compose", watched)
    text = ALL_EXAMPLES[0].read_text(encoding="utf-8")
    enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = load_plan_text(text, "plan.yaml")
        assert kept and kept[0]() is None
    finally:
        if enabled:
            gc.enable()
    assert loaded.plan.sections
