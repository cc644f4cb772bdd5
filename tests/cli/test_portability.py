"""What users read and what other tools read: Chinese messages for every mistake, specs that any
YAML loader reads the same, Markdown that every CommonMark renderer shows as meant, LibreOffice
cleaned up on every way out, and `lint DIR` that lints plans, not a repository's README."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import ALL_EXAMPLES, EXAMPLES, GOOD_EXAMPLES, ROOT, run_cli

CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = EXAMPLES / "bureau-union-2027.yaml"
# Three or more English words in a row: a sentence, as opposed to a path, a code or an option.
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")


def _english_sentences(stderr: str, tmp_path: Path) -> list[str]:
    text = stderr.replace(str(tmp_path), "<tmp>")
    text = re.sub(r"planforge(?: [a-z]+)? --help", "", text)  # the hint names a command line
    return _ENGLISH.findall(text)


def _error_cases(tmp: Path) -> list[list[str]]:
    bad_yaml = tmp / "bad.yaml"
    bad_yaml.write_text('title: "未闭合\nyear: 2027\n', encoding="utf-8")
    wrong = tmp / "wrong.yaml"
    wrong.write_text("title: x\nyear: 二〇二七\nsections:\n  - title: a\n    ownr: b\n    when: 某时\n", encoding="utf-8")
    config = tmp / "cfg"
    config.mkdir()
    (config / ".planforge.toml").write_text("[lint\nselect = 1\n", encoding="utf-8")
    locked = tmp / "locked"
    locked.mkdir()
    (locked / "x.md").write_text("x", encoding="utf-8")
    return [
        ["render", "--foo", str(EXAMPLE)],
        ["rendr", str(EXAMPLE)],
        ["render"],
        ["render", str(EXAMPLE), "extra"],
        ["render", str(EXAMPLE), "--to"],
        ["new", "--year", "abc", "-o", str(tmp / "n.yaml")],
        ["new", "--year", "0", "--org", "x", "-o", str(tmp / "n.yaml")],
        ["--lang", "xx", "schema"],
        ["render", str(tmp / "nosuch.yaml")],
        ["render", str(bad_yaml), "-o", "-"],
        ["render", str(wrong), "-o", "-"],
        ["render", str(EXAMPLE), "--to", "pdf", "-o", str(tmp / "x.md")],
        ["render", str(EXAMPLE), "-o", str(tmp)],
        ["import", str(tmp / "nosuch.docx")],
        ["lint", str(tmp / "nosuch.yaml")],
        ["diff", str(EXAMPLE), str(bad_yaml)],
        ["rollover", str(EXAMPLE), "--year", "2026", "-o", str(tmp / "r.yaml")],
        ["--install-completion"],
    ]


def test_no_english_sentence_reaches_a_chinese_user(tmp_path: Path):
    env = {"HOME": str(tmp_path), "SHELL": "/bin/nosuchshell"}
    for args in _error_cases(tmp_path):
        result = run_cli(*args, cwd=tmp_path, env=env)
        assert result.returncode != 0, args
        assert result.stderr.strip(), args
        assert "Traceback" not in result.stderr, args
        assert _english_sentences(result.stderr, tmp_path) == [], (args, result.stderr)
    config = run_cli("lint", str(EXAMPLE), cwd=tmp_path / "cfg")
    assert config.returncode == 2 and "TOML 格式有误（第 1 行）" in config.stderr


def test_english_is_there_on_request(tmp_path: Path):
    result = run_cli("--lang", "en", "render", "--foo", str(EXAMPLE))
    assert result.returncode == 2 and "no such option: --foo" in result.stderr


def test_completion_installs_with_a_chinese_word(tmp_path: Path):
    result = run_cli("--install-completion", env={"HOME": str(tmp_path), "SHELL": "/bin/bash"})
    assert result.returncode == 0, result.stderr
    assert "已为 bash 安装命令补全" in result.stdout
    assert "_PLANFORGE_COMPLETE" in (tmp_path / ".bashrc").read_text(encoding="utf-8") or \
        any("_PLANFORGE_COMPLETE" in p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file())


# ---- specs that every YAML loader reads as we do ----

def _same_as_plain_pyyaml(path: Path) -> None:
    """PyYAML's safe_load (YAML 1.1, what most users' scripts use) must read the same plan."""
    from planforge.model.plan import Plan
    from planforge.spec.load import load_plan

    ours = load_plan(path).plan.model_dump(mode="json")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    theirs = Plan.model_validate(data).model_dump(mode="json")
    assert theirs == ours, path.name


@pytest.mark.parametrize("kind", ["union", "school-union"])
def test_new_specs_read_the_same_in_pyyaml(tmp_path: Path, kind: str):
    spec = tmp_path / "plan.yaml"
    assert run_cli("new", "--org", "yes", "--year", "2027", "--kind", kind, "-o", str(spec)).returncode == 0
    _same_as_plain_pyyaml(spec)


def test_imported_and_rolled_specs_read_the_same_in_pyyaml(tmp_path: Path):
    for example in GOOD_EXAMPLES:
        rendered = tmp_path / f"{example.stem}.md"
        assert run_cli("render", str(example), "-o", str(rendered)).returncode == 0
        imported = tmp_path / f"{example.stem}-imported.yaml"
        result = run_cli("import", str(rendered), "-o", str(imported))
        assert result.returncode == 0, result.stderr
        _same_as_plain_pyyaml(imported)
        rolled = tmp_path / f"{example.stem}-next.yaml"
        result = run_cli("rollover", str(example), "-o", str(rolled))
        assert result.returncode == 0, result.stderr
        _same_as_plain_pyyaml(rolled)
        assert "op: =" not in rolled.read_text(encoding="utf-8")


@pytest.mark.skipif(not (CORPUS / "000_de7577011505c01d.txt").exists(), reason="../shared/corpus is not beside the project")
def test_corpus_imports_read_the_same_in_pyyaml(tmp_path: Path):
    for source in sorted(CORPUS.glob("*.txt")):
        out = tmp_path / f"{source.stem}.yaml"
        result = run_cli("import", str(source), "-o", str(out), "--all")
        assert result.returncode == 0, result.stderr
        for spec in tmp_path.glob(f"{source.stem}*.yaml"):
            _same_as_plain_pyyaml(spec)


def test_values_other_loaders_misread_are_quoted():
    from planforge.spec.write import yaml_scalar

    for text in ("=", "<<", "~", "yes", "No", "on", "010", "1e3", "2027-01-08", "1_000", ".inf", "12:30"):
        assert yaml.safe_load(f"v: {yaml_scalar(text)}\n") == {"v": text}, text
    # full-width and other decimal digits are quoted as ASCII ones are: a loader whose number
    # pattern takes any decimal digit would read １２ as 12 (the fast path had let them through)
    for text in ("１２", "٣٤", "２０２７-１-５"):
        assert yaml_scalar(text) == f'"{text}"' and yaml.safe_load(f"v: {yaml_scalar(text)}\n") == {"v": text}


# ---- Markdown that renders the same everywhere ----

def _inline_tokens(markdown: str):
    from markdown_it import MarkdownIt

    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "inline":
            yield token


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_rendered_markdown_parses_as_meant(example: Path):
    from planforge.render.markdown import render_markdown
    from planforge.spec.load import load_plan

    plan = load_plan(example).plan
    markdown = render_markdown(plan)
    bold_titles = []
    for inline in _inline_tokens(markdown):
        children = inline.children or []
        for index, child in enumerate(children):
            if child.type == "text":  # a bold that did not close shows its stars before the number
                assert not re.search(r"\*\*[（(]?[0-9一二三四五六七八九十]", child.content), child.content
            if child.type == "strong_open":
                bold_titles.append(children[index + 1].content)
    run_in = [item.title for level, item in plan.walk() if level >= 3]
    assert len(bold_titles) == len(run_in)
    for title, shown in zip(run_in, bold_titles, strict=True):
        assert shown.endswith(title.rstrip("。！？：；"))


def test_a_paragraph_that_starts_like_a_list_stays_a_paragraph(tmp_path: Path):
    from markdown_it import MarkdownIt

    from planforge.render.markdown import render_markdown
    from planforge.spec.load import load_plan_text

    plan = load_plan_text("title: 计划\nyear: 2027\npreamble: \"1. 指导思想\\n- 总体要求\\n# 说明\"\nsections:\n  - title: 一\n").plan
    html = MarkdownIt("commonmark").render(render_markdown(plan))
    assert "<ol" not in html and "<ul" not in html and "<h1>说明" not in html
    assert "<p>1. 指导思想" in html and "- 总体要求" in html and "# 说明" in html and "\\" not in html


# ---- LibreOffice: the whole process group ends, the profile goes ----

_FAKE_SOFFICE = """\
#!/bin/sh
# Like soffice: a wrapper that starts the real office as a child, which then runs long.
sleep 300 &
echo $! > "{pidfile}"
wait
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    pidfile = tmp_path / "child.pid"
    script = bin_dir / "soffice"
    script.write_text(_FAKE_SOFFICE.format(pidfile=pidfile), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    return pidfile


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped by init) counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return True


def _gone(pid: int, seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_pdf_timeout_ends_the_real_office_and_removes_the_profile(fake_soffice: Path, tmp_path: Path, monkeypatch):
    import tempfile

    from planforge import limits
    from planforge.errors import UsageError
    from planforge.render import pdf

    monkeypatch.setattr(limits, "PDF_SECONDS", 1)
    monkeypatch.setattr(tempfile, "tempdir", None)  # pick up TMPDIR
    with pytest.raises(UsageError) as info:
        pdf.docx_to_pdf(b"PK")
    assert "LibreOffice" in info.value.problems[0].format("zh")
    assert _gone(int(fake_soffice.read_text()))
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="signals are POSIX")
def test_sigterm_during_pdf_leaves_no_profile_and_no_office(fake_soffice: Path, tmp_path: Path):
    env = {**os.environ, "PLANFORGE_LANG": "zh"}
    process = subprocess.Popen([sys.executable, "-m", "planforge", "render", str(EXAMPLE), "--to", "pdf",
                                "-o", str(tmp_path / "out.pdf")], env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not fake_soffice.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert fake_soffice.exists(), "the fake soffice never started"
    time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert _gone(int(fake_soffice.read_text()))
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "out.pdf").exists()


# ---- lint DIR and the pre-commit hook lint plans only ----

def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "plan-2027.yaml").write_bytes(EXAMPLE.read_bytes())
    (repo / "plans" / "2026年工作计划.md").write_text("# 2026年工作计划\n\n一、加强学习\n\n组织学习。\n", encoding="utf-8")
    (repo / "README.md").write_text("# My project\n\nSome *notes* with 20xx and ***.\n", encoding="utf-8")
    (repo / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    return repo


def test_lint_dir_skips_what_is_not_a_plan_and_says_why(tmp_path: Path):
    repo = _repository(tmp_path)
    result = run_cli("lint", ".", "-v", "--format", "json", cwd=repo)
    import json

    files = {Path(f["file"]).name for f in json.loads(result.stdout)["findings"]}
    assert "README.md" not in files and "docker-compose.yml" not in files
    assert "2026年工作计划.md" in files
    assert "跳过 README.md：文件名不像计划" in result.stderr
    assert "跳过 docker-compose.yml：不是计划规格" in result.stderr
    quiet = run_cli("lint", ".", cwd=repo)
    assert "跳过" not in quiet.stderr


def test_include_patterns_from_the_settings(tmp_path: Path):
    repo = _repository(tmp_path)
    (repo / "pyproject.toml").write_text('[tool.planforge.lint]\ninclude = ["README.md"]\n', encoding="utf-8")
    result = run_cli("lint", ".", "--format", "json", cwd=repo)
    import json

    files = {Path(f["file"]).name for f in json.loads(result.stdout)["findings"]}
    assert "README.md" in files and "2026年工作计划.md" not in files


def test_the_pre_commit_hook_passes_a_repository_without_plan_faults(tmp_path: Path):
    repo = _repository(tmp_path)
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    staged = ["README.md", "docker-compose.yml"]
    entry = hook["entry"].split()
    assert entry[0] == "planforge"
    result = run_cli(*entry[1:], *staged, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(hook["files"], "README.md")  # it is offered the file, and declines it
    plan = run_cli(*entry[1:], "plans/2026年工作计划.md", cwd=repo)
    assert "PF" in plan.stdout  # a plan document named by pre-commit is linted


def test_a_named_yaml_that_is_not_a_plan_is_refused_with_a_word(tmp_path: Path):
    """In CI a spec that lost its first line must fail, not pass as "nothing to lint"."""
    repo = _repository(tmp_path)
    result = run_cli("lint", "docker-compose.yml", cwd=repo)
    assert result.returncode == 2 and "跳过 docker-compose.yml：不是计划规格" in result.stderr
    (repo / "empty.yaml").write_bytes(b"")
    beside = run_cli("lint", "plans/2026年工作计划.md", "empty.yaml", "--format", "json", cwd=repo)
    assert beside.returncode == 2 and "跳过 empty.yaml：不是计划规格" in beside.stderr
    assert "2026年工作计划.md" in beside.stdout  # the plan named beside it is still linted
    found_in_folder = run_cli("lint", ".", cwd=repo)  # found by walking: skipped quietly, as before
    assert "empty.yaml" not in found_in_folder.stderr and found_in_folder.returncode != 2


def test_a_spec_in_yamls_json_form_is_linted_and_protected(tmp_path: Path):
    """Scripts emit specs as JSON (valid YAML): recognised by their quoted keys, not skipped."""
    import json

    spec = tmp_path / "plan-2027.yaml"
    plan = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    spec.write_text(json.dumps(plan, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    result = run_cli("lint", str(spec), "-v")
    assert "不是计划规格" not in result.stderr and result.returncode == 0, result.stdout + result.stderr
    package = tmp_path / "package.yaml"  # JSON with neither key is still not a plan
    package.write_text('{"name": "x", "version": "1.0"}', encoding="utf-8")
    assert "不是计划规格" in run_cli("lint", str(package)).stderr
    refused = run_cli("render", str(EXAMPLE), "-o", str(spec))
    assert refused.returncode != 0 and json.loads(spec.read_text(encoding="utf-8"))["title"] == plan["title"]


def test_markdown_it_is_a_declared_dependency():
    """The Markdown reader parses with markdown-it-py; it must not arrive only by chance through rich."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'dependencies = \[[^\]]*"markdown-it-py>=', text)
