"""`planforge lint` without typer, and across processes: what a user sees is the same bytes and
exit code whichever way the arguments were read and however many processes linted the files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, run_cli, run_cli_process

import planforge.cli.lint_run as lint_run
from planforge.lint.engine import InternalRuleError, LintConfig, lint_file, lint_files
from planforge.lint.output import REPORTER_BY_NAME
from planforge.lint.parallel import parallel_workers, plan_workers

FLAWED = EXAMPLES / "flawed-plan-2027.yaml"
DOCUMENTS = sorted(p for p in (ROOT / "tests" / "lint" / "planted").glob("*") if p.name != "expected.yaml")


def _through_typer(monkeypatch, *args: str, cwd: Path | None = None):
    """The same command with the plain reading switched off: typer reads every argument."""
    monkeypatch.setattr(lint_run, "plain_main", lambda argv: None)
    try:
        return run_cli(*args, cwd=cwd)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("args", [
    ("lint", str(FLAWED)),
    ("lint", "--format", "json", str(FLAWED), str(EXAMPLES / "bureau-union-2027.yaml")),
    ("lint", "-fgithub", "--fail-on", "warning", str(FLAWED)),
    ("lint", "--format=sarif", "--select", "PF101,PF401", str(FLAWED)),
    ("--lang", "en", "lint", "--ignore", "PF101", "-v", "--date", "2027-06-30", str(FLAWED)),
    ("--lang=en", "lint", str(EXAMPLES), "--jobs", "2"),
    ("lint", "--format", "yaml", str(FLAWED)),  # an unknown format: a usage error, worded alike
    ("lint", "--date", "2027-13-01", str(FLAWED)),
    ("lint", "no-such-file.yaml"),
    ("lint", str(ROOT / "pyproject.toml"), "--", str(FLAWED)),
])
def test_plain_lint_says_what_typer_says(monkeypatch, args):
    plain = run_cli(*args)
    assert lint_run.read_plain_args(list(args)) is not None  # these are the plain path's
    typed = _through_typer(monkeypatch, *args)
    assert (plain.returncode, plain.stdout, plain.stderr) == (typed.returncode, typed.stdout, typed.stderr)
    assert plain.stdout or plain.stderr


@pytest.mark.parametrize("argv", [
    ["lint"], ["lint", "--help"], ["lint", "-vf", "json", "x.yaml"], ["lint", "--format"], ["lint", "--jobs", "0", "x"],
    ["lint", "--select", "-x", "a.yaml"], ["--lang", "fr", "lint", "x.yaml"], ["--version"], ["render", "x.yaml"],
    ["lint", "--fix=yes", "x.yaml"], ["lint", ""], ["lint", "-j", "²", "x.yaml"], ["lint", "--jobs", "１", "x.yaml"],
])
def test_arguments_that_need_judgement_go_to_typer(argv):
    assert lint_run.read_plain_args(argv) is None


@pytest.mark.parametrize("count", ["0", "²"])
def test_a_job_count_that_is_no_whole_number_above_zero_is_a_usage_error(cli, count):
    result = cli("lint", "--jobs", count, str(FLAWED))
    assert result.returncode == 2 and "--jobs" in result.stderr and not result.stdout
    assert "Traceback" not in result.stderr


def test_lint_starts_without_typer_jinja2_docx_or_rich():
    """What a pre-commit hook's `planforge lint FILE` imports (the start-up the issue measured)."""
    code = ("import sys; from planforge.cli import main\n"
            "try:\n    main(['lint', sys.argv[1]])\nexcept SystemExit as end:\n    code = end.code\n"
            "print(code, sorted(m for m in ('typer', 'click', 'jinja2', 'docx', 'rich') if m in sys.modules), file=sys.stderr)")
    for spec in (FLAWED, EXAMPLES / "bureau-union-2027.yaml"):
        result = subprocess.run([sys.executable, "-c", code, str(spec)], capture_output=True, text=True, timeout=120)
        assert result.stderr.splitlines()[-1] in ("1 []", "0 []"), result.stderr
        assert result.stdout  # it did lint


def _every_format(results) -> dict[str, str]:
    return {name: reporter(results, "zh") for name, reporter in REPORTER_BY_NAME.items()}


def test_parallel_lint_is_byte_identical_and_in_order():
    files = [*sorted(EXAMPLES.glob("*.yaml")), *DOCUMENTS] * 2
    assert len(files) >= 8
    serial = lint_files(files, LintConfig(), jobs=1)
    parallel = lint_files(files, LintConfig(), jobs=2)
    assert [r.path for r in parallel.results] == [str(f) for f in files]
    assert _every_format(parallel.results) == _every_format(serial.results)
    fixable = [f for r in parallel.results for f in r.findings if f.fix]
    assert fixable and json.loads(REPORTER_BY_NAME["json"](parallel.results, "zh"))["findings"]


def test_a_rule_that_crashes_in_a_worker_is_reported_as_in_one_process(monkeypatch):
    from planforge.lint.registry import RULES

    rule = RULES["PF401"]

    def broken(ctx):
        raise KeyError("planted")
        yield  # a generator, like every check

    monkeypatch.setitem(RULES, "PF401", type(rule)(rule.code, rule.name, rule.severity, broken))
    files = sorted(EXAMPLES.glob("*.yaml")) * 3
    for jobs in (1, 2):
        with pytest.raises(InternalRuleError) as raised:
            lint_files(files, LintConfig(), jobs=jobs)
        assert raised.value.code == "PF401" and raised.value.file == str(files[0])
        assert f"{type(raised.value.error).__name__}: {raised.value.error}" == "KeyError: 'planted'"


def _many_plans(tmp_path: Path) -> Path:
    """One text file holding the planted documents' plans one after another, four times over (a
    web page's collection: each opened by its 篇N line), with suppression comments: one a rule
    reads itself (PF101 leaves the item out of its count, so only the rule knows it was used),
    one the engine applies, and one that suppresses nothing (PF007)."""
    texts = [p.read_text(encoding="utf-8") for p in DOCUMENTS if p.suffix == ".txt"] * 4
    assert texts[1].startswith("市第二中学工会")
    school = texts[1].splitlines()
    undated = school.index("3、做好20xx年度教职工考核工作。")
    school[undated:undated] = ["<!-- planforge-disable-next-line PF101 -->"]
    school[undated - 2:undated - 2] = ["<!-- planforge-disable-next-line PF999 -->"]
    texts[1] = "\n".join(school)
    first = texts[0].splitlines()
    pasted = next(n for n, line in enumerate(first) if "," in line)
    first[pasted:pasted] = ["<!-- planforge-disable-next-line PF403 -->"]
    texts[0] = "\n".join(first)
    path = tmp_path / "合订本计划.txt"
    path.write_text("".join(f"工会工作计划 篇{n}\n{text}\n\n" for n, text in enumerate(texts, start=1)), encoding="utf-8")
    return path


def _judged_in(monkeypatch, log: Path, code: str = "PF201", then=None) -> None:
    """Plant a rule that writes the process it runs in to `log` (one pid a line), then does
    `then(ctx)` if given and judges as the rule does: proof of which processes judged."""
    from planforge.lint.registry import RULES

    rule = RULES[code]

    def recorded(ctx):
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        if then is not None:
            then(ctx)
        yield from rule.check(ctx)

    monkeypatch.setitem(RULES, code, type(rule)(rule.code, rule.name, rule.severity, recorded,
                                                documents_only=rule.documents_only))


def test_one_large_document_split_between_processes_gives_the_serial_result(monkeypatch, tmp_path):
    path = _many_plans(tmp_path)
    serial = lint_file(path, LintConfig(), jobs=1)
    assert len({(f.line, f.code) for f in serial.findings}) > 20
    assert [f.args["codes"] for f in serial.findings if f.code == "PF007"] == ["PF999"]
    log = tmp_path / "judged-in.txt"
    _judged_in(monkeypatch, log)
    parallel = lint_file(path, LintConfig(), jobs=2)
    if sys.platform == "linux":  # the plans were judged elsewhere, not here after a silent fall-back
        assert str(os.getpid()) not in log.read_text(encoding="utf-8").split()
    assert _every_format([parallel]) == _every_format([serial])
    assert [f.fix is not None for f in parallel.findings] == [f.fix is not None for f in serial.findings]
    command = run_cli_process("lint", "--format", "json", "--jobs", "2", str(path))
    assert command.stdout == REPORTER_BY_NAME["json"]([serial], "zh")


def test_a_rule_that_crashes_while_plans_are_split_is_reported(monkeypatch, tmp_path):
    from planforge.lint.registry import RULES

    rule = RULES["PF201"]

    def broken(ctx):
        if ctx.plan.sections:
            raise KeyError("planted")
        yield from ()

    monkeypatch.setitem(RULES, "PF201", type(rule)(rule.code, rule.name, rule.severity, broken, documents_only=rule.documents_only))
    path = _many_plans(tmp_path)
    with pytest.raises(InternalRuleError) as raised:
        lint_file(path, LintConfig(), jobs=2)
    assert raised.value.code == "PF201" and raised.value.file == str(path)
    assert isinstance(raised.value.error, KeyError) and str(raised.value.error) == "'planted'"  # the error itself


class _Unrebuildable(Exception):
    """An error pickle cannot make again (its __init__ wants two arguments): a pool that ships it
    back as it is hangs the run."""

    def __init__(self, part, why):
        super().__init__(f"{why}: {part}")


@pytest.mark.skipif(sys.platform != "linux", reason="worker processes are forked on Linux")
def test_an_error_in_a_worker_is_raised_as_in_one_process(monkeypatch, tmp_path):
    import planforge.readers.infer as infer

    real = infer.infer_part

    def broken(part, file, year):
        if part[1] is not None and part[1].text.endswith("篇5"):
            raise _Unrebuildable(part[0], "planted")
        return real(part, file, year)

    monkeypatch.setattr(infer, "infer_part", broken)
    path = _many_plans(tmp_path)
    for jobs in (1, 2):
        with pytest.raises(_Unrebuildable, match="planted"):
            lint_file(path, LintConfig(), jobs=jobs)


@pytest.mark.skipif(sys.platform != "linux", reason="worker processes are forked on Linux")
def test_a_killed_worker_leaves_its_work_to_the_parent(monkeypatch, tmp_path):
    """The out-of-memory killer or a signal ends a worker: the run still ends, with the result a
    serial run gives, instead of waiting for ever on the dead worker's parts."""
    import os
    import signal


    path = _many_plans(tmp_path)
    serial = lint_file(path, LintConfig(), jobs=1)
    parent, log = os.getpid(), tmp_path / "judged-in.txt"

    def lethal(ctx):
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)

    _judged_in(monkeypatch, log, then=lethal)
    assert _every_format([lint_file(path, LintConfig(), jobs=2)]) == _every_format([serial])
    judged = log.read_text(encoding="utf-8").split()
    assert any(pid != str(parent) for pid in judged) and str(parent) in judged  # a worker died; this process went on


def test_without_worker_processes_the_run_goes_on_in_one(monkeypatch, tmp_path):
    """A machine without semaphores for the workers' queues (no /dev/shm), and macOS, where fork
    is offered but unsafe: the plans are judged one by one, with the same result."""
    import concurrent.futures

    from planforge.lint import parallel

    class NoSemaphores:
        def __init__(self, *args, **kwargs):
            raise OSError(38, "Function not implemented")

    path = _many_plans(tmp_path)
    serial = lint_file(path, LintConfig(), jobs=1)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoSemaphores)
    assert _every_format([lint_file(path, LintConfig(), jobs=2)]) == _every_format([serial])
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not parallel.can_fork() and parallel.plan_workers(40, lambda: 10_000_000, None) == 1


def test_a_document_is_split_only_when_it_pays():
    assert plan_workers(1, lambda: 10_000_000, None) == 1  # one plan: nothing to split
    assert plan_workers(40, lambda: 5_000, None) == 1  # many small plans: the rules take less than a fork
    assert plan_workers(40, lambda: 10_000_000, 1) == 1
    if sys.platform == "linux":
        assert plan_workers(40, lambda: 10_000_000, 3) == 3
        assert plan_workers(2, lambda: 10_000_000, 3) == 2


def test_workers_only_when_the_files_pay_for_them(tmp_path):
    small = [tmp_path / f"{n}.md" for n in range(20)]
    for path in small:
        path.write_text("# 计划\n", encoding="utf-8")
    assert parallel_workers(small, None) == 1  # twenty tiny files: one process
    assert parallel_workers(small[:1], 4) == 1
    assert parallel_workers(small, 1) == 1
    if sys.platform == "linux":  # fork: a count asked for is used
        assert parallel_workers(small, 3) == 3


def test_a_parallel_run_ends_cleanly_in_a_real_process():
    """The workers inherit the command's SIGTERM handler; they must end when the pool is done, not
    unwind into a lock (a run that hung once in twenty)."""
    files = [str(p) for p in [*sorted(EXAMPLES.glob("*.yaml")), *DOCUMENTS] * 3]
    serial = run_cli_process("lint", "--format", "json", "--jobs", "1", *files)
    for _ in range(3):
        parallel = run_cli_process("lint", "--format", "json", "--jobs", "2", *files)
        assert (parallel.returncode, parallel.stdout, parallel.stderr) == (serial.returncode, serial.stdout, serial.stderr)


def test_the_console_script_leaves_every_byte_and_the_exit_code(tmp_path):
    """`planforge` ends without tearing the interpreter down (cli.console): what it printed to a
    pipe must still all arrive, and its exit code be the command's."""
    path = _many_plans(tmp_path)
    in_process = run_cli("lint", "--format", "json", str(path))
    real = run_cli_process("lint", "--format", "json", str(path))
    assert (real.returncode, real.stdout, real.stderr) == (in_process.returncode, in_process.stdout, in_process.stderr)
    assert real.returncode == 1 and real.stdout.endswith("}\n") and len(real.stdout) > 20_000


def test_a_reader_that_leaves_early_ends_the_run_quietly(tmp_path):
    """`planforge lint --format json big.txt | head -1` where head is gone before the findings
    are written: the write fails with a broken pipe, and the command ends at once, exit 0, with
    no traceback and no 'Exception ignored' from the interpreter's exit."""
    path = _many_plans(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "planforge", "lint", "--format", "json", str(path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader leaves before a byte is written (linting takes longer)
    errors = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == 0 and errors == ""


def test_a_profiler_still_gets_its_results(tmp_path):
    """The console script skips the interpreter's teardown, except in a process a profiler, a
    tracer or coverage watches: they write what they found on the way out."""
    stats = tmp_path / "lint.prof"
    result = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "planforge", "lint", str(FLAWED)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "PLANFORGE_LANG": "zh"})
    assert "PF" in result.stdout  # (cProfile's own exit code is 0 whatever the program's)
    assert stats.is_file() and stats.stat().st_size > 1000
