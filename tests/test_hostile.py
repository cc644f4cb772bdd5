"""Every file of the hostile-input collection through the CLI, the way a user would run it.

The promise (issue 6): no traceback, no hang over 10 s, no more than 1 GB of memory, and an exit
code from the documented set with a message a person can act on. The collection is
`tests/hostile/` plus the large files `fuzz/hostile.py` builds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "fuzz"))
from hostile import GENERATED, committed_cases, generated_cases

from planforge.i18n import translate

SECONDS = 10
MEMORY = 1024 * 1024 * 1024
CASES = list(committed_cases()) + [(name, None) for name in GENERATED]  # generated ones built once, below


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in generated_cases():
        (folder / name).write_bytes(data)
    return folder


def run_bounded(args: list[str], cwd: Path) -> tuple[int, str, float, int]:
    """(exit code, stderr + stdout, CPU seconds, peak resident bytes) of one CLI run.

    The bound is on CPU time (the child's user + system, its confined template child included),
    not wall time: on a busy 2-core machine a run can wait its turn for seconds, and a test that
    fails from load is a false alarm. A hang still fails: the run is killed after 3× the bound."""
    # A template's deadline is injected shorter than the shipped 8 s: the bound is what is tested,
    # not its size, and the collection then runs in seconds.
    env = {**os.environ, "PLANFORGE_LANG": "zh", "PLANFORGE_TEMPLATE_SECONDS": "1.5"}
    env.pop("PLANFORGE_DEBUG", None)
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile("r") as peak_file:
        env["PEAK_FILE"] = peak_file.name
        process = subprocess.Popen([sys.executable, "-c", _REPORT_PEAK, *args], cwd=cwd, env=env,
                                   stdout=output, stderr=output)
        killer = threading.Timer(SECONDS * 3, process.kill)  # a hang fails the test, not the run
        killer.start()
        _, status, usage = os.wait4(process.pid, 0)
        killer.cancel()
        cpu_seconds = usage.ru_utime + usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        reported = peak_file.read().strip()
    # wait4's figure is an upper bound: Linux carries this (large) test process's peak over into
    # the child it starts; the child's own high-water mark is read where /proc has it.
    return process.returncode, text, cpu_seconds, int(reported) * 1024 if reported else usage.ru_maxrss * 1024


# planforge's `main` as the console script runs it, then the process's own peak (VmHWM, in KiB)
# written to PEAK_FILE on the way out, however it ends. (`main`, not the console script itself:
# that leaves by os._exit, past any `finally`.)
_REPORT_PEAK = """
import os, sys
def report():
    try:
        with open("/proc/self/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
        with open(os.environ["PEAK_FILE"], "w") as out:
            out.write(peak)
    except (OSError, StopIteration):
        pass
sys.argv[0] = "planforge"
try:
    from planforge.cli import main
    main()
finally:
    report()
"""


def commands_for(name: str, out: Path) -> list[list[str]]:
    if name.endswith(".yaml"):
        return [["lint", name], ["render", name, "--to", "docx", "-o", str(out / "plan.docx")]]
    commands = [["lint", name], ["import", name, "-o", str(out / "plan.yaml"), "--force"]]
    if name.endswith(".docx"):  # the same file offered as an organisation's Word template
        commands.append(["render", str(ROOT / "examples" / "bureau-union-2027.yaml"), "--to", "docx",
                         "--reference-docx", name, "-o", str(out / "with-reference.docx")])
    return commands


@pytest.mark.skipif(sys.platform == "win32", reason="os.wait4 and ru_maxrss are POSIX")
@pytest.mark.parametrize("name, data", CASES, ids=[name for name, _ in CASES])
def test_hostile_input_ends_cleanly_within_bounds(name, data, generated, tmp_path):
    folder = generated if data is None else tmp_path
    if data is not None:
        (folder / name).write_bytes(data)
    for args in commands_for(name, tmp_path):
        code, output, seconds, peak = run_bounded(args, folder)
        shown = f"planforge {' '.join(args)} -> {code}: {output[-600:]}"
        assert "Traceback" not in output, shown
        assert translate("internal_error", "zh", detail="").rstrip("：") not in output, shown  # a defect, said politely
        assert code in (0, 1, 2), shown
        assert output.strip(), shown  # a result or a message, never silence
        assert seconds < SECONDS, f"{shown} used {seconds:.1f} s of CPU"
        assert peak < MEMORY, f"{shown} peaked at {peak / 2**20:.0f} MiB"


TEMPLATES = sorted(p.name for p in (ROOT / "tests" / "hostile" / "templates").iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="os.wait4 and ru_maxrss are POSIX")
@pytest.mark.parametrize("name", TEMPLATES)
def test_hostile_template_is_refused_within_bounds(name, tmp_path):
    spec = ROOT / "examples" / "bureau-union-2027.yaml"
    folder = ROOT / "tests" / "hostile" / "templates" / name
    code, output, seconds, peak = run_bounded(
        ["render", str(spec), "--template-dir", str(folder), "-o", str(tmp_path / "plan.md")], tmp_path)
    assert code == 1 and "PF004" in output and "plan.md.j2" in output, output
    assert "Traceback" not in output and not (tmp_path / "plan.md").exists()
    assert seconds < SECONDS, f"used {seconds:.1f} s of CPU"
    assert peak < MEMORY, f"peaked at {peak / 2**20:.0f} MiB"
