"""An output format end to end: one line in `RENDERER_BY_FORMAT` and every command that writes a
document offers it, `render` and `report` alike, by `--to` and by the `-o` extension. A second
table of formats (report once had its own md/docx/pdf branch, and wrote Word into rep.html when
"html" was added here) fails this test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

from planforge.render.formats import RENDERER_BY_FORMAT, OutputFormat, Renderable, RenderOptions


@pytest.fixture
def fake_format(monkeypatch):
    """A format `fake` (.fake) that writes what it was given: the document's title and template."""
    given: list[tuple[Renderable, RenderOptions]] = []

    def write(document: Renderable, options: RenderOptions) -> bytes:
        given.append((document, options))
        return f"FAKE|{document.view.title}|{document.markdown_template}".encode()

    monkeypatch.setitem(RENDERER_BY_FORMAT, "fake", OutputFormat(".fake", write))
    return given


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    spec = tmp_path / "plan-2027.yaml"
    shutil.copy(EXAMPLES / "bureau-union-2027.yaml", spec)
    assert run_cli("progress", "init", str(spec)).returncode == 0
    return spec


def test_render_and_report_both_write_a_registered_format(plan: Path, fake_format):
    rendered = run_cli("render", str(plan), "--to", "fake")
    assert rendered.returncode == 0, rendered.stderr
    assert plan.with_suffix(".fake").read_text(encoding="utf-8") == "FAKE|市卫生健康局工会2027年工作计划|plan.md.j2"

    reported = run_cli("report", str(plan), "--to", "fake", "--date", "2027-12-20")
    assert reported.returncode == 0, reported.stderr
    report = plan.with_name("plan-2027.report.fake").read_text(encoding="utf-8")
    assert report == "FAKE|市卫生健康局工会2027年工作总结|report.md.j2"
    summary, options = fake_format[-1]
    assert summary.view.attachments == ["2027年目标任务完成情况一览表"]  # the completion table goes with it
    assert options == RenderOptions()


def test_the_output_name_chooses_the_format_for_both(plan: Path, fake_format, tmp_path: Path):
    for command in (["render", str(plan)], ["report", str(plan), "--date", "2027-12-20"]):
        target = tmp_path / f"{command[0]}.fake"
        result = run_cli(*command, "-o", str(target))
        assert result.returncode == 0, result.stderr
        assert target.read_bytes().startswith(b"FAKE|")
    assert len(fake_format) == 2


def test_a_format_not_in_the_table_is_refused_alike(plan: Path, tmp_path: Path):
    refusals = []
    for command in (["render", str(plan)], ["report", str(plan)]):
        result = run_cli(*command, "--to", "html", "-o", str(tmp_path / "out.html"))
        assert result.returncode == 2 and not (tmp_path / "out.html").exists()
        refusals.append(result.stderr)
    assert refusals[0] == refusals[1] and "md, docx, pdf" in refusals[0]


def test_a_text_format_may_go_to_a_terminal_and_bytes_may_not(plan: Path, monkeypatch):
    """Whether a format may be printed is the table's to say, not a test of its name ("md")."""
    import os

    from planforge.errors import PlanforgeError
    from planforge.render.formats import plan_output

    def write(document: Renderable, options: RenderOptions) -> bytes:
        return b""

    monkeypatch.setitem(RENDERER_BY_FORMAT, "faketext", OutputFormat(".faketext", write, text=True))
    monkeypatch.setitem(RENDERER_BY_FORMAT, "fakebytes", OutputFormat(".fakebytes", write))
    monkeypatch.setattr(os, "isatty", lambda descriptor: True)
    assert plan_output(plan, "faketext", "-", [], False) == ("faketext", None)
    with pytest.raises(PlanforgeError) as refused:
        plan_output(plan, "fakebytes", "-", [], False)
    assert refused.value.problems[0].key == "binary_to_terminal"
