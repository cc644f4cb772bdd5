"""The README's tour runs top to bottom: each command of its code block, in order, in an empty
folder, exits 0. A step that fails can then never ship again (one did: `schema -o
plan.schema.json` after `new`, which had written that file, was refused as "a plan spec")."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli


def tour_commands() -> list[list[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## A tour\n.*?```bash\n(.*?)```", readme, re.S)
    assert block, "the README has no tour"
    commands = []
    for line in block.group(1).splitlines():
        command = shlex.split(line, comments=True)
        if command:
            assert command[0] == "planforge", line
            commands.append(command[1:])
    return commands


def test_the_tour_has_the_steps_a_user_meets_first():
    names = [next(a for a in c if not a.startswith("-") and a != "en") for c in tour_commands()]
    assert names[:2] == ["new", "render"] and {"import", "rollover", "diff", "lint", "schema"} <= set(names)


def test_every_tour_command_runs_in_order_in_an_empty_folder(tmp_path: Path):
    for command in tour_commands():
        if "--watch" in command:
            _watch_renders_once_and_stops(command, tmp_path)
            continue
        if "--to" in command and command[command.index("--to") + 1] == "pdf" and not shutil.which("soffice"):
            continue  # LibreOffice converts the PDF: the PDF tests say so when it is missing
        result = run_cli(*command, cwd=tmp_path)
        assert result.returncode == 0, f"planforge {shlex.join(command)}\n{result.stdout}{result.stderr}"
    assert (tmp_path / "build" / "plan.docx").is_file() and (tmp_path / "plan-2028.yaml").is_file()


def _watch_renders_once_and_stops(command: list[str], folder: Path) -> None:
    """`--watch` runs until Ctrl+C: it renders, then waits; Ctrl+C ends it cleanly."""
    output = folder / "plan.docx"
    output.unlink(missing_ok=True)
    env = {**os.environ, "PLANFORGE_LANG": "zh"}
    process = subprocess.Popen([sys.executable, "-m", "planforge", *command], cwd=folder, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # the first render, however slow the machine (60 s at most)
            if output.exists() or process.poll() is not None:
                break
            time.sleep(0.1)
        assert output.exists(), "--watch did not render"
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode in (0, 130) and "Traceback" not in err, err


@pytest.mark.parametrize("step", ["schema -o plan.schema.json"])
def test_the_step_that_once_failed_passes(step: str, tmp_path: Path):
    assert run_cli("new", "--org", "测试", "--year", "2027", "-o", "plan.yaml", cwd=tmp_path).returncode == 0
    assert run_cli(*step.split(), cwd=tmp_path).returncode == 0
