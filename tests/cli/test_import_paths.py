"""`planforge import` without typer: the files written, the messages and the exit code are the
same whichever way the arguments were read (cli/import_run.py reads the plain ones)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli, run_cli_either_way

import planforge.cli.import_run as import_run

BUREAU = EXAMPLES / "bureau-union-2027.yaml"


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Path]:
    """Last year's plans as a user has them: a DOCX, a Markdown file, two plans in one text, and
    a rough text."""
    folder = tmp_path_factory.mktemp("documents")
    made = {"DOCX": folder / "计划.docx", "MD": folder / "计划.md", "TWO": folder / "合订本.txt"}
    assert run_cli("render", str(BUREAU), "-o", str(made["DOCX"])).returncode == 0
    assert run_cli("render", str(BUREAU), "-o", str(made["MD"])).returncode == 0
    made["TWO"].write_text("工会工作计划篇1\n第一中学工会2027年工作计划\n一、加强学习\n1. 组织职工学习。\n"
                           "工会工作计划篇2\n第二中学工会2027年工作计划\n一、民主管理\n1. 召开教代会。\n", encoding="utf-8")
    made["ROUGH"] = folder / "去年.txt"  # a placeholder left in, and a number skipped: what --report lists
    made["ROUGH"].write_text("xx区工会20xx年工作计划\n一、加强学习\n1. 组织职工学习。\n3. 开展培训，全年培训职工200人次。\n"
                             "二、服务职工\n1. 开展送温暖活动。\n", encoding="utf-8")
    made["PLAN"] = BUREAU
    return made


def _run(folder: Path, args: tuple[str, ...], documents: dict[str, Path], monkeypatch=None):
    """(exit code, stdout, stderr, {file name: bytes} left in `folder`) of one run in `folder`."""
    folder.mkdir()
    existing = folder / "exists.yaml"
    existing.write_text("# 我自己写的\n", encoding="utf-8")
    names = {**{key: str(path) for key, path in documents.items()}, "OUT": str(folder / "out.yaml"),
             "EXISTS": str(existing)}
    argv = [_named(arg, names) for arg in args]
    result = run_cli_either_way(argv, folder, import_run, monkeypatch)
    left = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
    return result.returncode, result.stdout, result.stderr.replace(str(folder), "FOLDER"), left


def _named(arg: str, names: dict[str, str]) -> str:
    """ARG with its placeholder (DOCX, OUT …) replaced, alone or after `--output=` or `-o`."""
    for prefix in ("", "--output=", "-o"):
        if arg.startswith(prefix) and arg[len(prefix):] in names:
            return prefix + names[arg[len(prefix):]]
    return arg


# (arguments, the exit code, the files left in the folder besides exists.yaml)
RUNS = [
    (("import", "DOCX", "-o", "OUT"), 0, ["out.yaml"]),
    (("import", "ROUGH", "--output=OUT", "--report", "--year", "2027"), 0, ["out.yaml"]),
    (("--lang", "en", "import", "DOCX", "-oOUT", "--year", "2027"), 0, ["out.yaml"]),
    (("import", "TWO", "--all", "-o", "OUT"), 0, ["out-1.yaml", "out-2.yaml"]),
    (("import", "TWO", "--index", "2", "-o", "OUT"), 0, ["out.yaml"]),
    (("import", "TWO", "--index=3", "-o", "OUT"), 2, []),  # there are two: refused
    (("import", "DOCX", "-o", "EXISTS"), 2, []),  # a file the user keeps: refused without --force
    (("import", "DOCX", "-o", "EXISTS", "--force"), 0, []),
    (("import", "DOCX", "-o", "plan.txt"), 2, []),  # not a spec's name
    (("import", "no-such-plan.docx", "-o", "OUT"), 2, []),
    (("import", "MD", "--progress-for", "PLAN", "-o", "OUT"), 0, ["out.yaml", "progress.schema.json"]),
    (("import", "MD", "--progress-for", "PLAN", "--year", "2027"), 2, []),  # options a summary does not take
]


@pytest.mark.parametrize("args, code, written", RUNS)
def test_plain_import_writes_and_says_what_typer_does(tmp_path, monkeypatch, documents, args, code, written):
    assert import_run.read_plain_args(list(args)) is not None  # these are the plain path's
    plain = _run(tmp_path / "plain", args, documents)
    typed = _run(tmp_path / "typed", args, documents, monkeypatch)
    assert plain == typed
    assert plain[0] == code and plain[2]  # the exit expected, and it said what it wrote or why not
    assert sorted(name for name in plain[3] if name != "exists.yaml") == written
    kept = plain[3]["exists.yaml"].decode("utf-8")
    assert (kept == "# 我自己写的\n") != ("--force" in args)  # kept unless forced, replaced when forced


@pytest.mark.parametrize("argv", [
    ["import"], ["import", "--help"], ["import", "a.docx", "b.docx"], ["import", "-"],
    ["import", "a.docx", "--index", "0"], ["import", "a.docx", "--index", "-1"], ["import", "a.docx", "--year", "２０２７"],
    ["import", "a.docx", "--year", "+2027"], ["import", "a.docx", "-o"], ["import", "a.docx", "-o", ""],
    ["import", "a.docx", "-x"], ["--lang", "fr", "import", "a.docx"], ["render", "a.docx"],
])
def test_import_arguments_that_need_judgement_go_to_typer(argv):
    assert import_run.read_plain_args(argv) is None


def test_import_starts_without_typer_or_rich(tmp_path, documents):
    code = ("import sys; from planforge.cli import main\n"
            "try:\n    main(['import', sys.argv[1], '-o', sys.argv[2]])\nexcept SystemExit as end:\n    code = end.code\n"
            "print(sorted(m for m in ('typer', 'click', 'rich') if m in sys.modules), file=sys.stderr)")
    out = tmp_path / "plan.yaml"
    result = subprocess.run([sys.executable, "-c", code, str(documents["DOCX"]), str(out)],
                            capture_output=True, text=True, timeout=120)
    assert result.stderr.splitlines()[-1] == "[]", result.stderr
    assert "title: 市卫生健康局工会2027年工作计划" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, says", [("zh", "文件已损坏，或不是 Word 文档（.docx）："),
                                        ("en", "the file is damaged or not a Word document: ")])
def test_a_damaged_docx_says_what_is_wrong_with_it_in_either_language(tmp_path, lang, says):
    """The reader's detail (no body, not a zip) is what a helper asked for support needs first."""
    damaged = tmp_path / "计划.docx"
    damaged.write_bytes(b"PK\x03\x04 and nothing a zip holds")
    done = run_cli("import", str(damaged), "-o", str(tmp_path / "plan.yaml"), env={"PLANFORGE_LANG": lang})
    assert done.returncode == 1 and not (tmp_path / "plan.yaml").exists()
    [line] = [line for line in done.stderr.splitlines() if "PF003" in line]
    assert line.startswith(f"{damaged}: PF003 ") and says in line
    assert line.split(says, 1)[1].strip()  # the detail follows, whatever words the zip library uses
