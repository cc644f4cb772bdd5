"""`planforge render` without typer: the file written, the messages and the exit code are the
same whichever way the arguments were read (cli/render_run.py reads the plain ones)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, run_cli_either_way

import planforge.cli.render_run as render_run

BUREAU = EXAMPLES / "bureau-union-2027.yaml"
FLAWED = EXAMPLES / "flawed-plan-2027.yaml"


def _run(tmp_path: Path, args: tuple[str, ...], monkeypatch=None) -> tuple[int, str, str, bytes | None]:
    """(exit code, stdout, stderr, the bytes written to OUT) of one run, OUT removed after."""
    out = tmp_path / "out.md"
    argv = [str(out) if arg == "OUT" else arg.replace("=OUT", f"={out}") for arg in args]
    result = run_cli_either_way(argv, tmp_path, render_run, monkeypatch)
    written = out.read_bytes() if out.exists() else None
    out.unlink(missing_ok=True)
    return result.returncode, result.stdout, result.stderr, written


@pytest.mark.parametrize("args", [
    ("render", str(BUREAU), "-o", "OUT"),
    ("render", str(BUREAU), "--to", "md", "--output=OUT", "--force"),
    ("render", "-tmd", str(BUREAU), "-oOUT"),
    ("--lang", "en", "render", str(FLAWED), "-o", "OUT"),  # lint's error summary, in English
    ("render", str(FLAWED), "--strict", "-o", "OUT"),  # refused: exit 1, nothing written
    ("render", str(BUREAU), "--to", "html", "-o", "OUT"),  # an unknown format
    ("render", str(BUREAU), "-o", str(BUREAU)),  # would overwrite the spec
    ("render", "no-such-plan.yaml"),
    ("render", str(BUREAU), "--template-dir", "no-such-folder", "-o", "OUT"),
])
def test_plain_render_writes_and_says_what_typer_does(tmp_path, monkeypatch, args):
    assert render_run.read_plain_args(list(args)) is not None  # these are the plain path's
    spec = BUREAU.read_bytes()
    plain = _run(tmp_path, args)
    typed = _run(tmp_path, args, monkeypatch)
    assert plain == typed
    assert plain[2] or plain[3]  # it said or wrote something
    assert BUREAU.read_bytes() == spec  # never overwritten without --force, either way


@pytest.mark.parametrize("argv", [
    ["render"], ["render", "--help"], ["render", "a.yaml", "b.yaml"], ["render", "a.yaml", "--watch"],
    ["render", "a.yaml", "-o", "-"], ["render", "-"], ["render", "a.yaml", "--to"], ["render", "a.yaml", "-x"],
    ["--lang", "fr", "render", "a.yaml"], ["lint", "a.yaml"],
])
def test_render_arguments_that_need_judgement_go_to_typer(argv):
    assert render_run.read_plain_args(argv) is None


def test_render_to_markdown_starts_without_typer_docx_or_rich(tmp_path):
    code = ("import sys; from planforge.cli import main\n"
            "try:\n    main(['render', sys.argv[1], '-o', sys.argv[2]])\nexcept SystemExit as end:\n    code = end.code\n"
            "print(sorted(m for m in ('typer', 'click', 'docx', 'rich') if m in sys.modules), file=sys.stderr)")
    out = tmp_path / "plan.md"
    result = subprocess.run([sys.executable, "-c", code, str(BUREAU), str(out)], capture_output=True, text=True, timeout=120)
    assert result.stderr.splitlines()[-1] == "[]", result.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_a_path_it_may_not_read_goes_to_typer(monkeypatch, tmp_path):
    """click refuses an unreadable plan, template folder or Word template in its own words."""
    locked = tmp_path / "locked.yaml"
    locked.write_bytes(BUREAU.read_bytes())
    assert render_run.read_plain_args(["render", str(locked)]) is not None
    monkeypatch.setattr(render_run.os, "access", lambda path, mode: str(path) != str(locked))
    assert render_run.read_plain_args(["render", str(locked)]) is None
    assert render_run.read_plain_args(["render", str(BUREAU), "--reference-docx", str(locked)]) is None
    refused = run_cli("render", str(locked), "-o", str(tmp_path / "out.md"), cwd=tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"没有权限读取 {locked}" in refused.stderr  # which file, and why, in the user's words
    assert not refused.stdout and not (tmp_path / "out.md").exists()


@pytest.mark.parametrize("command", [["render", "PLAN", "-o", "OUT"], ["lint", "PLAN"]])
def test_a_stream_set_to_ascii_still_gets_the_chinese_words(tmp_path, command):
    """PYTHONIOENCODING=ascii: the plain path writes UTF-8 where the stream cannot, as click does."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("planforge: 1\ntitle: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 一、加强学习\n    text: 学习\n",
                    encoding="utf-8")
    argv = [str(plan) if a == "PLAN" else str(tmp_path / "out.md") if a == "OUT" else a for a in command]
    result = subprocess.run([sys.executable, "-m", "planforge", *argv], capture_output=True, timeout=120,
                            env={**os.environ, "PYTHONIOENCODING": "ascii", "PLANFORGE_LANG": "zh"})
    said = (result.stdout + result.stderr).decode("utf-8")
    assert "标题里手写了序号" in said and "\\u" not in said


def test_help_loads_neither_plain_reader():
    """`--help` and the other commands go straight to typer: the plain readers are imported only
    when `lint`, `render` or `import` is named."""
    readers = "('planforge.cli.lint_run', 'planforge.cli.render_run', 'planforge.cli.import_run')"
    code = ("import sys; from planforge.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in {readers} if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr.splitlines()[-1] == "[]", result.stderr
    assert "render" in result.stdout and "lint" in result.stdout
