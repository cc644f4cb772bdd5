"""A plan written in Traditional characters is read by the same rules as one in Simplified (units
場/萬, festivals 國慶/春節, the 壹、 level above 一、), and the spec it gives keeps the document's own
characters, loads, lints and renders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import run_cli

from planforge.readers import import_document
from planforge.spec.load import load_plan

TRADITIONAL_PLAN = """\
某區圖書館2027年度工作計畫
為推動全民閱讀，特訂定本計畫。
壹、推廣閱讀活動
一、舉辦親子共讀活動12場，參加人數達500人次以上。
二、國慶期間辦理好書展覽，春節期間辦理寫春聯活動。
貳、充實館藏
一、新增圖書2萬冊，期刊訂閱維持120種。
二、每季辦理館藏盤點一次。
"""


def _write(tmp_path: Path, text: str, name: str = "計畫.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_traditional_plan_is_read_like_a_simplified_one(tmp_path):
    plan = import_document(_write(tmp_path, TRADITIONAL_PLAN), 2027).plans[0].plan
    assert [s.title for s in plan.sections] == ["推廣閱讀活動", "充實館藏"]
    first, second = plan.sections[0].items
    assert first.title == "舉辦親子共讀活動12場，參加人數達500人次以上"
    assert [(t.value, t.unit) for t in first.targets] == [(12, "場"), (500, "人次")]
    assert second.when is not None and second.when.text == "國慶" and second.when.months == (10,)
    assert [(t.value, t.unit) for t in plan.sections[1].items[0].targets][0] == (2, "萬冊")


def test_the_written_spec_keeps_the_documents_characters_and_loads(tmp_path):
    source = _write(tmp_path, TRADITIONAL_PLAN)
    result = run_cli("import", str(source), "-o", "plan.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "plan.yaml").read_text(encoding="utf-8")
    assert "when: 國慶  # 待确认：时间取自正文“國慶”" in text  # our note in our words, the quote in the document's
    assert "国庆" not in text and "推广" not in text
    assert yaml.safe_load(text)["sections"][0]["items"][1]["when"] == "國慶"
    loaded = load_plan(tmp_path / "plan.yaml").plan
    assert loaded.sections[0].items[1].when.months == (10,)
    rendered = run_cli("render", "plan.yaml", "--to", "md", "-o", "plan.md", cwd=tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert "（完成时限：國慶）" in (tmp_path / "plan.md").read_text(encoding="utf-8")


def test_a_simplified_document_never_loads_the_converter(tmp_path):
    source = _write(tmp_path, "某区图书馆2027年工作计划\n一、推广阅读活动\n1. 举办亲子共读活动12场。\n2. 国庆期间举办书展。\n",
                    name="plan.txt")
    probe = ("import sys; from planforge.readers import import_document; "
             f"import_document(__import__('pathlib').Path({str(source)!r}), 2027); print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
