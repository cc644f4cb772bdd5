from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "examples"
GOOD_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml") if not p.name.startswith("flawed"))
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


@functools.cache
def load_benchmark(name: str):
    """A script of benchmarks/ as a module: a test and the README's figures then judge alike."""
    spec = importlib.util.spec_from_file_location(f"planforge_bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def run_cli_process(*args: str, cwd: Path | None = None, env: dict | None = None,
                    input: str | None = None) -> subprocess.CompletedProcess:
    """Run the installed `planforge` exactly as a user would, in a subprocess: for what only a
    real process shows (start-up imports, signals, file descriptors, the exit of the interpreter)."""
    full_env = {**os.environ, "PLANFORGE_LANG": "zh", **(env or {})}
    full_env.pop("PLANFORGE_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "planforge", *args],
        cwd=cwd, env=full_env, input=input, capture_output=True, text=True, timeout=120,
    )


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None,
            input: str | None = None) -> subprocess.CompletedProcess:
    """Run `planforge ARGS` in this process, through the same `main()` the console script calls,
    with its own standard streams, environment and working folder: the suite's CLI tests then cost
    milliseconds, not a Python start-up each. Returns what `run_cli_process` would."""
    import io

    from planforge.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    os.environ.update({"PLANFORGE_LANG": "zh", **(env or {})})
    os.environ.pop("PLANFORGE_DEBUG", None)
    sys.stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    code: int | str | None = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        main(list(args))
    except SystemExit as exc:
        code = exc.code
    finally:
        wrappers = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        for wrapper in wrappers:
            if isinstance(wrapper, io.TextIOWrapper) and not wrapper.closed:
                wrapper.flush()
                wrapper.detach()  # a collected wrapper would close the buffer we read below
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    returncode = code if isinstance(code, int) else (0 if code is None else 1)
    return subprocess.CompletedProcess(["planforge", *args], returncode,
                                       out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))


def run_cli_either_way(args: list[str], cwd: Path, typer_reads: object | None = None,
                      monkeypatch: pytest.MonkeyPatch | None = None) -> subprocess.CompletedProcess:
    """`run_cli`, or, given the command's plain reader (cli/render_run.py, cli/import_run.py …)
    and a monkeypatch, the same run with that reader turned off, so typer reads the arguments:
    the two ways a command's arguments are read, for tests that compare them."""
    if typer_reads is None or monkeypatch is None:
        return run_cli(*args, cwd=cwd)
    monkeypatch.setattr(typer_reads, "plain_main", lambda argv: None)
    try:
        return run_cli(*args, cwd=cwd)
    finally:
        monkeypatch.undo()


@pytest.fixture
def cli():
    return run_cli


def synthetic():
    """benchmarks/synthetic.py, the generator of large plans shared with the benchmarks."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The tests' planforge cache (the kept LibreOffice profile, patterns, templates) is theirs, never
# the user's. Set as this conftest is imported, before any test module: tests/lsp builds the
# environment of the server it starts as it is imported, and a session fixture came too late for it.
PRIVATE_CACHE = tempfile.mkdtemp(prefix="planforge-tests-cache-")
os.environ["XDG_CACHE_HOME"] = PRIVATE_CACHE


def pytest_unconfigure(config):
    """The tests' cache folder is removed when pytest ends (after `--collect-only` too)."""
    shutil.rmtree(PRIVATE_CACHE, ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current output (then read the diff before committing)")


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = ROOT / "tests" / "golden" / name
        if update or not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"{name} had no golden file; one was written: read it, then commit it")
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file (pytest --update-golden)"

    return check


# A plan whose only attachment is its month table: GB/T 9704 numbers attachments only when there
# are several (tests/render/test_docx.py and test_markdown.py).
ONE_ATTACHMENT = """\
planforge: 1
title: 市图书馆工会2027年工作计划
organization: 市图书馆工会
year: 2027
date: 2027-01-10
sections:
  - title: 服务职工
    items:
      - title: 开展送温暖活动
        text: 走访慰问困难职工。
        when: 1-2月
      - title: 举办读书分享会
        text: 组织职工读书分享。
        when: 4月
"""


def renamed_main_part(source: bytes) -> bytes:
    """The package with its main part at word/main.xml: the name is the package's to choose
    (the root relationship names it), and some tools write word/document2.xml."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            name = info.filename
            if name == "word/document.xml":
                name = "word/main.xml"
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/main.xml.rels"
            elif name in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"word/document.xml", b"word/main.xml")
            new.writestr(name, data)
    return out.getvalue()
