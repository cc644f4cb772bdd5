"""Crash safety and input protection: outputs are all-or-nothing, inputs are never written."""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from conftest import EXAMPLES, ROOT, run_cli, synthetic

from planforge.errors import UsageError
from planforge.fileio import write_atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")

    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(UsageError) as info:
        write_atomic(target, b"new" * 1000)
    assert "no space left on the disk" in info.value.problems[0].format("en")
    assert "磁盘空间不足" in info.value.problems[0].format("zh")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_exclusive_write_refuses_an_existing_file(tmp_path):
    target = tmp_path / "plan.yaml"
    target.write_bytes(b"mine")
    with pytest.raises(UsageError):
        write_atomic(target, b"theirs", exclusive=True)
    assert target.read_bytes() == b"mine" and len(list(tmp_path.iterdir())) == 1


def test_outputs_keep_ordinary_permissions(tmp_path):
    target = tmp_path / "plan.md"
    write_atomic(target, b"x")
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # readable by others, unlike a mkstemp file


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_fix_writes_through_a_symlink_and_keeps_it(tmp_path):
    real = tmp_path / "shared" / "plan.md"
    real.parent.mkdir()
    real.write_text("# 某单位2027年工作计划\n\n## 一、加强学习,,组织培训\n", encoding="utf-8")
    link = tmp_path / "plan.md"
    link.symlink_to(real)
    run_cli("lint", "--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert ",," not in real.read_text(encoding="utf-8")


def test_a_terminated_render_leaves_the_old_output_intact(tmp_path):
    spec = tmp_path / "big.yaml"
    spec.write_text(synthetic().plan_yaml(2000), encoding="utf-8")
    out = tmp_path / "big.docx"
    out.write_bytes(b"previous build")
    process = subprocess.Popen([sys.executable, "-m", "planforge", "render", str(spec), "--to", "docx", "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    data = out.read_bytes()
    assert data == b"previous build" or data.startswith(b"PK")  # the old file or the whole new one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.docx", "big.yaml"]  # no temporary left


def test_inputs_are_never_opened_for_writing(tmp_path):
    spec = tmp_path / "plan-2027.yaml"
    spec.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    document = tmp_path / "old.md"
    document.write_bytes(run_cli("render", str(spec), "-o", "-").stdout.encode("utf-8"))
    for path in (spec, document):
        path.chmod(0o444)
    before = (spec.read_bytes(), document.read_bytes())
    assert run_cli("render", str(spec), "--to", "docx", "-o", str(tmp_path / "o.docx")).returncode == 0
    assert run_cli("lint", str(spec), str(document)).returncode == 0
    assert run_cli("import", str(document), "-o", str(tmp_path / "imported.yaml")).returncode == 0
    assert run_cli("rollover", str(spec), "-o", str(tmp_path / "next.yaml")).returncode == 0
    assert run_cli("diff", str(spec), str(tmp_path / "next.yaml")).returncode == 0
    assert (spec.read_bytes(), document.read_bytes()) == before


def test_fuzz_harness_short_seeded_run():
    """The mutation fuzzer (fuzz/fuzz_inputs.py) in a short run, under its 1 GB memory limit."""
    result = subprocess.run([sys.executable, str(ROOT / "fuzz" / "fuzz_inputs.py"), "--iterations", "120", "--seed", "7",
                             "--out", str(ROOT / "build" / "fuzz-crashes")], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 failures," in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="confinement needs fork")
def test_confined_work_returns_raises_and_is_capped():
    from planforge.confine import LimitExceeded, run_confined

    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("cannot pickle")

    def fails():
        raise Unpicklable("inside the child")

    assert run_confined(lambda: {"text": "一、加强学习"}) == {"text": "一、加强学习"}
    with pytest.raises(RuntimeError, match="Unpicklable: inside the child"):
        run_confined(fails)
    if os.path.exists("/proc/self/status"):  # the address-space cap is measured from /proc (Linux)
        with pytest.raises(LimitExceeded) as memory:
            run_confined(lambda: bytearray(3 * 1024**3))
        assert memory.value.what == "memory"
    with pytest.raises(LimitExceeded) as time_out:
        run_confined(lambda: time.sleep(30), seconds=0.5)
    assert time_out.value.what == "time"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", ["lint", "import", "render", "show"])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path, command):
    fifo = tmp_path / ("plan.yaml" if command == "render" else "plan.md")
    os.mkfifo(fifo)  # opening it would block for ever: no writer will come
    result = subprocess.run([sys.executable, "-m", "planforge", command, str(fifo)], capture_output=True, text=True,
                            timeout=30, env={**os.environ, "PLANFORGE_LANG": "en"})
    assert result.returncode in (1, 2) and "not a regular file" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
