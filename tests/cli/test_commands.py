"""The command as a user runs it: output files, messages on stderr, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ALL_EXAMPLES, EXAMPLES, ROOT, run_cli, run_cli_process


def test_version():
    """End to end, as a real process: the console entry point, its exit status, its stdout."""
    from planforge import __version__

    result = run_cli_process("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"planforge {__version__}"


def test_render_writes_markdown_atomically_into_a_new_directory(tmp_path: Path):
    out = tmp_path / "build" / "deep" / "plan.md"
    result = run_cli("render", str(EXAMPLES / "bureau-union-2027.yaml"), "--to", "md", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("# 市卫生健康局工会2027年工作计划\n")
    assert [p.name for p in out.parent.iterdir()] == ["plan.md"]  # no temporary file left behind
    assert f"已写入 {out}" in result.stderr


def test_render_to_stdout():
    result = run_cli("render", str(EXAMPLES / "school-union-2027.yaml"), "-o", "-")
    assert result.returncode == 0
    assert result.stdout.startswith("# 市实验中学工会2027年工作计划")
    assert "## 一、健全民主管理，推进依法治校" in result.stdout


def test_render_default_output_beside_the_spec(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_bytes((EXAMPLES / "bureau-union-2027.yaml").read_bytes())
    assert run_cli("render", str(spec)).returncode == 0
    assert (tmp_path / "plan.md").exists()


def test_invalid_spec_exits_1_with_located_messages_and_no_traceback(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_text("title: x\nyear: 2027\nsections:\n  - title: a\n    when: 某天\n  - titel: b\n", encoding="utf-8")
    result = run_cli("render", str(spec), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{spec}:5:11: PF002 error sections[0].when：无法识别的时间“某天”。" + lines[0].split("。", 1)[1]
    assert lines[1] == f"{spec}:6:5: PF002 error sections[1].titel：未知字段 titel，是不是想写 title？"
    assert lines[2] == f"{spec}:6:5: PF002 error sections[1].title：缺少必填字段 title"
    assert "Traceback" not in result.stderr and not (tmp_path / "out.md").exists()


def test_english_by_option_and_environment(tmp_path: Path):
    missing = str(tmp_path / "missing.yaml")
    by_option = run_cli("--lang", "en", "render", missing)
    by_env = run_cli("render", missing, env={"PLANFORGE_LANG": "en"})
    assert by_option.returncode == by_env.returncode == 2
    assert by_option.stderr.strip() == by_env.stderr.strip() == f"planforge: file not found: {missing}"


@pytest.mark.parametrize("args", [["render", "nope.yaml"], ["render", "examples/bureau-union-2027.yaml", "--to", "rtf"], ["new", "--kind", "nope"], ["frobnicate"]])
def test_usage_errors_exit_2(args):
    result = run_cli(*args, cwd=ROOT)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["union", "school-union"])
def test_new_then_render_works_without_edits(tmp_path: Path, kind):
    spec = tmp_path / "plan.yaml"
    made = run_cli("new", "--kind", kind, "--org", "市第一中学工会", "--year", "2028", "-o", str(spec))
    assert made.returncode == 0, made.stderr
    text = spec.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=plan.schema.json\n")
    assert json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))["title"]
    rendered = run_cli("render", str(spec), "-o", "-")  # the README's first steps, end to end (test_version runs the real entry point)
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stdout.startswith("# 市第一中学工会2028年工作计划\n")
    assert "2028年1月8日" in rendered.stdout
    assert rendered.stdout.count("| ") > 12  # a twelve-month schedule table
    linted = run_cli("lint", str(spec))  # a starter shows the way: every item dated and measured
    assert linted.returncode == 0 and "共 0 个错误、0 个警告、0 个提示" in linted.stdout, linted.stdout


def test_new_never_overwrites_without_force(tmp_path: Path):
    spec = tmp_path / "plan.yaml"
    spec.write_bytes(b"my edited plan\n")
    refused = run_cli("new", "-o", str(spec), "--org", "x工会")
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert spec.read_bytes() == b"my edited plan\n"
    forced = run_cli("new", "-o", str(spec), "--org", "x工会", "--force")
    assert forced.returncode == 0 and spec.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_new_does_not_prompt_without_a_terminal(tmp_path: Path):
    result = run_cli("new", "-o", str(tmp_path / "p.yaml"), input="")
    assert result.returncode == 0, result.stderr
    assert "没有给出 --org" in result.stderr  # no invented organisation: a placeholder lint will flag
    assert "organization: \"某某单位工会\"" in (tmp_path / "p.yaml").read_text(encoding="utf-8")
    linted = run_cli("lint", str(tmp_path / "p.yaml"))
    assert linted.returncode == 1 and "PF401" in linted.stdout


def test_schema_validates_every_good_example_and_rejects_the_flawed_one(tmp_path: Path):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    errors = {}
    for example in ALL_EXAMPLES:
        data = yaml.safe_load(example.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as the editor sees them: strings
        errors[example.name] = sorted(".".join(map(str, e.path)) for e in validator.iter_errors(data))
    # The editor underlines the placeholders the flawed example carries (xx区, ***), as PF401 would.
    assert errors.pop("flawed-plan-2027.yaml") == ["organization", "sections.1.items.0.text", "title"]
    assert all(not found for found in errors.values()), errors
    placeholder_rule = schema["properties"]["title"]
    assert "PF401" in placeholder_rule["patternErrorMessage"]
    assert list(validator.iter_errors({"title": "x", "year": 2027, "sections": [{"title": "a", "ownr": "b"}]}))
    out = tmp_path / "s.json"
    assert run_cli("schema", "-o", str(out)).returncode == 0 and json.loads(out.read_text(encoding="utf-8")) == schema


def test_cli_import_stays_lean():
    """Start-up cost: the CLI module must not pull in python-docx, pydantic, jinja2 or yaml."""
    code = "import sys, planforge.cli; print(sorted(m for m in ('docx', 'pydantic', 'jinja2', 'yaml') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def _imports_of_a_cold_lint(setting: str | None) -> list[str]:
    """The modules `python -m planforge lint EXAMPLE` imports (the console script's process), with
    PYDANTIC_DISABLE_PLUGINS unset or set to `setting`."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "planforge", "lint", str(EXAMPLES / "bureau-union-2027.yaml")],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode in (0, 1) and result.stdout, result.stderr
    return [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")]


def test_the_console_spares_pydantic_its_plugin_search_only_when_every_plugin_is_off():
    """With plugins off in pydantic's words for all of them, a cold run imports no
    importlib.metadata (13 ms of it); a user who switched off only some plugins keeps pydantic's
    own loader."""
    assert "importlib.metadata" not in _imports_of_a_cold_lint(None)
    assert "importlib.metadata" not in _imports_of_a_cold_lint("true")
    assert "importlib.metadata" in _imports_of_a_cold_lint("some-plugin")


def test_a_program_that_imports_planforge_keeps_pydantics_plugin_loader():
    code = ("import sys, planforge.cli, planforge.cli.plain as plain\n"
            "from planforge.model.plan import Plan\n"
            "Plan.model_validate({'title': 'x', 'year': 2027, 'sections': [{'title': 'a'}]})\n"
            "print(isinstance(sys.modules.get('pydantic.plugin._loader'), plain._NoPluginLoader))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["False"], result.stderr


def test_the_spared_plugin_loader_hands_any_other_name_to_the_real_one():
    code = ("import sys, importlib.util, planforge.cli.plain as plain\n"
            "plain.spare_plugin_search()\n"
            "stub = sys.modules['pydantic.plugin._loader']\n"
            "print(list(stub.get_plugins()), importlib.util.find_spec('pydantic.plugin._loader') is not None)\n"
            "try:\n    stub.no_such_name\nexcept AttributeError:\n    pass\n"
            "real = sys.modules['pydantic.plugin._loader']\n"
            "print(real is not stub, isinstance(real, plain._NoPluginLoader), list(real.get_plugins()))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["[]", "True", "True", "False", "[]"], result.stderr


def test_committed_schema_matches_the_model():
    """examples/ point editors at ../plan.schema.json: it must be what `planforge schema` prints."""
    result = run_cli("schema")
    assert (ROOT / "plan.schema.json").read_text(encoding="utf-8") == result.stdout


def _collector_seen_by(monkeypatch, module, name: str) -> list[bool]:
    """Whether the collector was running at each call of `module.name`, the calls to come."""
    import gc

    seen: list[bool] = []
    real = getattr(module, name)

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, watched)
    return seen


@pytest.mark.parametrize("console", [False, True], ids=["in-process", "console-script"])
def test_import_pauses_the_collector_only_in_the_planforge_process(tmp_path: Path, monkeypatch, console):
    """Run as the `planforge` command (cli.console, which leaves by os._exit), `import` reads with
    the cyclic collector paused and then freezes the heap (cli/plain.collector_paused: freeing a
    large DOCX mid-run cost a tenth of the import). Called in any other process, the collector
    and the heap are that program's: nothing is paused or frozen."""
    import gc

    import planforge.cli.plain as plain
    import planforge.readers as readers

    document = tmp_path / "plan.docx"
    assert run_cli("render", str(EXAMPLES / "school-union-2027.yaml"), "-o", str(document)).returncode == 0
    during = _collector_seen_by(monkeypatch, readers, "import_document")
    monkeypatch.setitem(plain._process, "ends_without_teardown", console)
    frozen_before = gc.get_freeze_count()
    try:
        result = run_cli("import", str(document), "-o", str(tmp_path / "plan.yaml"))
        frozen_after = gc.get_freeze_count()
    finally:
        if console:
            gc.unfreeze()  # this test's process goes on: give the heap back to the collector
    assert result.returncode == 0, result.stderr
    assert during == [not console]
    assert gc.isenabled()
    assert (frozen_after > frozen_before) if console else (frozen_after == frozen_before)
    assert "title: 市实验中学工会2027年工作计划" in (tmp_path / "plan.yaml").read_text(encoding="utf-8")


def test_the_console_script_says_it_ends_without_teardown(monkeypatch):
    """cli.console, and only it, tells plain that the process leaves by os._exit: without that,
    import would never pause the collector (the test above sets the flag itself)."""
    import planforge.cli as cli
    import planforge.cli.plain as plain
    from planforge import startup_code

    monkeypatch.setitem(plain._process, "ends_without_teardown", False)
    monkeypatch.setattr(startup_code, "warm_startup_code", lambda command: None)  # this process's libraries stay as they are
    monkeypatch.setattr(startup_code, "keep_startup_code", lambda: None)
    seen, ended = [], []
    monkeypatch.setattr(cli, "main", lambda: seen.append(plain._process["ends_without_teardown"]))
    monkeypatch.setattr(cli, "_watched", lambda: False)
    monkeypatch.setattr("os._exit", lambda code: ended.append(code))
    cli.console()
    assert seen == [True] and ended == [0]


@pytest.mark.parametrize("count, paused", [(1, True), (2, False)])
def test_lint_of_one_document_pauses_the_collector_as_import_does(monkeypatch, count, paused):
    """Run as the `planforge` command, `lint` of one file pauses the collector as `import` does;
    of several it does not, or every DOCX's package read would be kept to the end."""
    import gc

    import planforge.cli.plain as plain
    import planforge.lint.engine as engine

    during = _collector_seen_by(monkeypatch, engine, "lint_files")
    monkeypatch.setitem(plain._process, "ends_without_teardown", True)
    try:
        result = run_cli("lint", *[str(p) for p in ALL_EXAMPLES[:count]])
    finally:
        gc.unfreeze()
        gc.enable()
    assert result.returncode in (0, 1), result.stderr
    assert during == [not paused]
