"""Templates compiled once: one environment per template folder in a process, and compiled
templates kept in the user's cache folder for the next start, which an edit invalidates."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES

from planforge.render.markdown import render_markdown
from planforge.spec.load import load_plan
from planforge.templating import make_environment

BUREAU = EXAMPLES / "bureau-union-2027.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "planforge"


def test_one_environment_per_folder(tmp_path):
    assert make_environment("markdown") is make_environment("markdown")
    assert make_environment("markdown", tmp_path) is make_environment("markdown", tmp_path)
    assert make_environment("markdown", tmp_path) is not make_environment("markdown")
    assert make_environment("starters") is not make_environment("markdown")


def test_a_relative_folder_is_the_current_folders(tmp_path, monkeypatch):
    for name in ("a", "b"):
        (tmp_path / name / "t").mkdir(parents=True)
        (tmp_path / name / "t" / "macros.md.j2").write_text(
            "{% macro node(n) %}" + name.upper() + "{{ n.title }}\n{% endmacro %}\n", encoding="utf-8")
    plan = load_plan(BUREAU).plan
    monkeypatch.chdir(tmp_path / "a")
    first = render_markdown(plan, Path("t"))
    monkeypatch.chdir(tmp_path / "b")
    second = render_markdown(plan, Path("t"))
    assert "\nA围绕中心服务大局" in first and "\nB围绕中心服务大局" in second


def test_an_edit_shows_at_once_even_within_one_timestamp(tmp_path):
    template = tmp_path / "plan.md.j2"
    template.write_text("# {{ doc.title }} one\n", encoding="utf-8")
    stamp = template.stat().st_mtime_ns
    plan = load_plan(BUREAU).plan
    assert render_markdown(plan, tmp_path).endswith(" one\n")
    template.write_text("# {{ doc.title }} two\n", encoding="utf-8")
    os.utime(template, ns=(stamp, stamp))  # the same timestamp: only the text tells
    assert render_markdown(plan, tmp_path).endswith(" two\n")


def _render_in_a_fresh_process(out: Path, template_dir: Path | None = None) -> str:
    args = [sys.executable, "-m", "planforge", "render", str(BUREAU), "-o", str(out), "--force"]
    if template_dir is not None:
        args += ["--template-dir", str(template_dir)]
    subprocess.run(args, check=True, capture_output=True, env=os.environ.copy(), timeout=120)
    return out.read_text(encoding="utf-8")


def test_compiled_templates_are_kept_and_an_edit_compiles_anew(cache, tmp_path):
    expected = render_markdown(load_plan(BUREAU).plan)
    assert _render_in_a_fresh_process(tmp_path / "1.md") == expected
    (folder,) = cache.glob("templates-*")
    kept = {p.name: (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in folder.iterdir()}
    assert kept and all(data for _mtime, _inode, data in kept.values())
    time.sleep(0.01)  # a template compiled again would be written out again, with a later mtime
    assert _render_in_a_fresh_process(tmp_path / "2.md") == expected  # read back from the cache
    assert {p.name: (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in folder.iterdir()} == kept

    own = tmp_path / "own"
    own.mkdir()
    (own / "plan.md.j2").write_text("# {{ doc.title }} first\n", encoding="utf-8")
    assert _render_in_a_fresh_process(tmp_path / "3.md", own).endswith(" first\n")
    (own / "plan.md.j2").write_text("# {{ doc.title }} second\n", encoding="utf-8")
    assert _render_in_a_fresh_process(tmp_path / "4.md", own).endswith(" second\n")


def test_a_damaged_or_unwritable_cache_only_costs_time(cache, tmp_path, monkeypatch):
    expected = render_markdown(load_plan(BUREAU).plan)
    _render_in_a_fresh_process(tmp_path / "1.md")
    for kept in cache.glob("templates-*/*"):
        kept.write_bytes(b"j2 not bytecode")
    assert _render_in_a_fresh_process(tmp_path / "2.md") == expected
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _render_in_a_fresh_process(tmp_path / "3.md") == expected
