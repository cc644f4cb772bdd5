"""`planforge lsp` end to end: the real server over stdio, driven as an editor drives it, and
compared with what `planforge lint` and `planforge render` say about the same files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed (pip install 'planforge[lsp]')")
pytest.importorskip("pytest_lsp", reason="pytest-lsp (the test extra) is not installed")

import lsp_session
from conftest import load_benchmark, run_cli
from lsp_session import apply_edits, open_file, published, replace_text
from lsprotocol import types

pytestmark = pytest.mark.asyncio
client = lsp_session.client  # the fixture: the real server and a client connected to it
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Five kinds of fault, each on a line of its own (1-based in the comments):
FIVE_FAULTS = """\
planforge: 1
title: 测试工会2027年工作计划
organization: 测试工会
year: 2027
date: 2027-01-08
sections:
  - id: xuexi
    title: 加强学习
    text: 组织职工学习，，提高素质。
    items:
      - id: dushu
        title: 开展读书活动
        text: 征集读书征文200篇，20xx年完成
        when: 4月
      - id: dushu2
        title: 开展读书活动
        text: 评选优秀读书征文50篇
        when: 2026年5月
schedule:
  - when: 9月
    tasks:
      - text: 读书活动
        item: dushu
      - text: 征文评选
        item: weizhi
"""
# line 9 PF402 (doubled punctuation, fixable) · 13 PF401 (placeholder) · 16 PF301 (the title of
# line 12 again) · 18 PF202 (a time outside the year) · 23 PF206 (the schedule says 9月, the item
# 4月) · 25 PF205 (an id no item has) · 20 PF204 (months with no work)
SEVERITY = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning",
            types.DiagnosticSeverity.Information: "info"}


def _spec(tmp_path: Path, text: str = FIVE_FAULTS, name: str = "plan-2027.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_spec_with_five_faults_gets_their_codes_places_and_severities(client, tmp_path):
    path = _spec(tmp_path)
    found = await open_file(client, path)
    seen = {(d.code, d.range.start.line + 1, d.range.start.character + 1, SEVERITY[d.severity]) for d in found}
    assert seen == {("PF402", 9, 17, "warning"), ("PF401", 13, 26, "error"), ("PF301", 16, 16, "error"),
                    ("PF202", 18, 15, "error"), ("PF204", 20, 11, "info"), ("PF206", 23, 15, "warning"),
                    ("PF205", 25, 15, "error")}
    by_code = {d.code: d for d in found}
    assert all(d.source == "planforge" for d in found)
    assert by_code["PF402"].range.end.character > by_code["PF402"].range.start.character
    assert by_code["PF402"].code_description.href.endswith("rules.md#pf402-doubled-punctuation-warning")
    # related places: the first copy of the duplicate title, the item's time the schedule disagrees with
    assert [r.location.range.start.line + 1 for r in by_code["PF301"].related_information] == [12]
    assert [r.location.range.start.line + 1 for r in by_code["PF206"].related_information] == [14]
    assert by_code["PF402"].data["fixable"] is True and by_code["PF401"].data["fixable"] is False


async def test_the_diagnostics_are_what_planforge_lint_reports(client, tmp_path):
    path = _spec(tmp_path)
    found = await open_file(client, path)
    result = run_cli("--lang", "en", "lint", str(path), cwd=tmp_path)
    printed = {tuple(line.split(" ", 3)[:3]) for line in result.stdout.splitlines() if line.startswith(str(path))}
    assert printed == {(f"{path}:{d.range.start.line + 1}:{d.range.start.character + 1}:", d.code, SEVERITY[d.severity])
                       for d in found}
    messages = {line.split(" ", 3)[3] for line in result.stdout.splitlines() if line.startswith(str(path))}
    assert messages == {d.message for d in found}


async def _actions(client, path: Path, diagnostics: list[types.Diagnostic], only=None) -> list[types.CodeAction]:
    end = types.Position(len(path.read_text(encoding="utf-8").splitlines()), 0)
    where = diagnostics[0].range if diagnostics else types.Range(types.Position(0, 0), end)
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(path.as_uri()), range=where,
        context=types.CodeActionContext(diagnostics=diagnostics, only=only)))


async def test_a_quick_fix_gives_the_text_lint_fix_writes(client, tmp_path):
    text = FIVE_FAULTS.replace("20xx年完成", "年内完成")  # one fixable finding: PF402 on line 9
    path = _spec(tmp_path, text)
    found = await open_file(client, path)
    pf402 = [d for d in found if d.code == "PF402"]
    actions = await _actions(client, path, pf402)
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.title.startswith("Fix PF402"))
    assert list(fix.diagnostics) == pf402 and fix.is_preferred
    fixed = apply_edits(text, fix.edit.changes[path.as_uri()])
    assert run_cli("lint", "--fix", str(path), cwd=tmp_path).returncode in (0, 1)
    assert fixed == path.read_text(encoding="utf-8") != text
    # the suppression comment for the line silences the finding, and nothing else
    ignore = next(a for a in actions if a.title == "Ignore PF402 on this line")
    suppressed = apply_edits(text, ignore.edit.changes[path.as_uri()])
    assert suppressed.splitlines()[8].endswith("  # planforge: ignore[PF402]")
    after = await replace_text(client, path, suppressed, 2)
    assert "PF402" not in {d.code for d in after} and "PF007" not in {d.code for d in after}


async def test_fix_all_reaches_the_text_lint_fix_writes(client, tmp_path):
    text = FIVE_FAULTS.replace("组织职工学习，，提高素质。", "组织职工学习,,提高素质;2027年01月08日召开会议。")
    path = _spec(tmp_path, text)
    found = await open_file(client, path)
    assert {"PF402", "PF403", "PF405"} <= {d.code for d in found}
    actions = await _actions(client, path, [], only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.planforge"]
    fixed = apply_edits(text, actions[0].edit.changes[path.as_uri()])
    run_cli("lint", "--fix", str(path), cwd=tmp_path)
    assert fixed == path.read_text(encoding="utf-8") != text


async def test_hover_explains_a_finding_and_an_item(client, tmp_path):
    path = _spec(tmp_path)
    await open_file(client, path)
    on_finding = await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(path.as_uri()), position=types.Position(8, 20)))
    text = on_finding.contents.value
    assert "**PF402** `doubled-punctuation` (warning)" in text
    assert "**FAIL**\n```yaml\npreamble: 加强学习，，提高素质。\n```" in text and "**PASS**" in text
    spec = EXAMPLES / "bureau-union-2027.yaml"
    copy = tmp_path / spec.name
    shutil.copy(spec, copy)
    await open_file(client, copy)
    line = next(i for i, row in enumerate(spec.read_text(encoding="utf-8").splitlines()) if "深化职工经济技术创新工程" in row)
    on_item = (await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(copy.as_uri()), position=types.Position(line, 16)))).contents.value
    rendered = run_cli("render", str(copy), "--to", "md", "-o", "-").stdout
    assert on_item.startswith("**一（二）** 深化职工经济技术创新工程")
    assert "### （二）深化职工经济技术创新工程" in rendered
    sentence = re.search(r"Targets: (.+)", on_item).group(1)
    assert sentence in rendered  # the targets as the document prints them
    assert "Time: 三季度 (months 7、8、9)" in on_item


def _flat(symbols: list[types.DocumentSymbol]) -> list[types.DocumentSymbol]:
    out = []
    for symbol in symbols:
        out.append(symbol)
        out += _flat(symbol.children or [])
    return out


@pytest.mark.parametrize("example", ["enterprise-safety-2027.yaml", "school-union-2027.yaml"])
async def test_the_outline_numbers_are_the_rendered_documents(client, tmp_path, example):
    copy = tmp_path / example
    shutil.copy(EXAMPLES / example, copy)
    await open_file(client, copy)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(copy.as_uri())))
    names = [s.name for s in _flat(symbols)]
    rendered = run_cli("render", str(copy), "--to", "md", "-o", "-").stdout
    headings = [m.group(1) or m.group(2) for m in re.finditer(r"^#{2,4} (.+)$|^\*\*(.+?)\*\*", rendered, re.MULTILINE)]
    assert len(names) > 8 and headings[: len(names)] == names
    assert any(s.children for s in symbols)


async def test_definition_and_references_of_an_item_id(client, tmp_path):
    spec = tmp_path / "bureau-union-2027.yaml"
    shutil.copy(EXAMPLES / spec.name, spec)
    lines = spec.read_text(encoding="utf-8").splitlines()
    await open_file(client, spec)
    use = next(i for i, row in enumerate(lines) if row.strip() == "item: peixun")
    defined = next(i for i, row in enumerate(lines) if row.strip() == "- id: peixun")
    locations = await client.text_document_definition_async(types.DefinitionParams(text_document=types.TextDocumentIdentifier(spec.as_uri()), position=types.Position(use, lines[use].index("peixun") + 2)))
    assert [(loc.uri, loc.range.start.line, loc.range.start.character) for loc in locations] == \
        [(spec.as_uri(), defined, lines[defined].index("peixun"))]
    found = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(spec.as_uri()), position=types.Position(defined, lines[defined].index("peixun")),
        context=types.ReferenceContext(include_declaration=False)))
    assert [loc.range.start.line for loc in found] == [i for i, row in enumerate(lines) if row.strip() == "item: peixun"]


async def test_a_progress_record_links_to_its_plan_and_completes_ids(client, tmp_path):
    spec = tmp_path / "bureau-union-2027.yaml"
    shutil.copy(EXAMPLES / spec.name, spec)
    assert run_cli("progress", "init", str(spec)).returncode == 0
    record = tmp_path / "bureau-union-2027.progress.yaml"
    lines = record.read_text(encoding="utf-8").splitlines()
    await open_file(client, record)
    key = next(i for i, row in enumerate(lines) if row.strip() == "jingsai:")
    locations = await client.text_document_definition_async(types.DefinitionParams(text_document=types.TextDocumentIdentifier(record.as_uri()), position=types.Position(key, lines[key].index("jingsai") + 1)))
    plan_lines = spec.read_text(encoding="utf-8").splitlines()
    assert [(loc.uri, loc.range.start.line) for loc in locations] == \
        [(spec.as_uri(), next(i for i, row in enumerate(plan_lines) if row.strip() == "- id: jingsai"))]
    text = record.read_text(encoding="utf-8") + "  ji"
    await replace_text(client, record, text, 2)
    items = await client.text_document_completion_async(types.CompletionParams(text_document=types.TextDocumentIdentifier(record.as_uri()), position=types.Position(len(text.splitlines()) - 1, 4)))
    labels = [i.label for i in (items.items if hasattr(items, "items") else items)]
    assert labels and all(label.startswith("ji") for label in labels) and "jingsai" in labels


async def test_broken_yaml_is_a_located_diagnostic_and_the_next_valid_edit_clears_it(client, tmp_path):
    text = (EXAMPLES / "school-union-2027.yaml").read_text(encoding="utf-8")
    path = _spec(tmp_path, text, "school-union-2027.yaml")
    before = await open_file(client, path)
    broken = text.replace('title: "市实验中学工会2027年工作计划"', 'title: "市实验中学工会2027年工作计划', 1)  # unclosed
    assert broken != text
    found = await replace_text(client, path, broken, 2)
    saved = _spec(tmp_path, broken, "saved-2027.yaml")  # the same text on disk, as `lint` sees it
    printed = run_cli("lint", str(saved), cwd=tmp_path).stdout.splitlines()[0]
    assert printed.startswith(f"{saved}:13:16: PF001 error")  # where the quote's value runs into the next key
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1, SEVERITY[d.severity]) for d in found] == \
        [("PF001", 13, 16, "error")]
    healed = await replace_text(client, path, text, 3)
    assert [d.code for d in healed] == [d.code for d in before] and "PF001" not in [d.code for d in healed]


async def test_settings_that_turn_a_rule_off_remove_its_diagnostics_and_fixes(client, tmp_path):
    path = _spec(tmp_path)
    found = await open_file(client, path)
    pf402 = [d for d in found if d.code == "PF402"]
    assert pf402
    (tmp_path / "pyproject.toml").write_text('[tool.planforge.lint]\nignore = ["PF402"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent((tmp_path / "pyproject.toml").as_uri(), types.FileChangeType.Created)]))
    after = await published(client, path.as_uri())
    assert "PF402" not in {d.code for d in after} and {d.code for d in after} == {d.code for d in found} - {"PF402"}
    actions = list(await _actions(client, path, pf402))  # an editor may still ask with the old diagnostic
    assert actions == []
    assert not await _actions(client, path, [], only=["source.fixAll"])


async def test_bad_settings_are_reported_once_and_the_server_keeps_serving(client, tmp_path):
    (tmp_path / ".planforge.toml").write_text("[lint\nignore = 1\n", encoding="utf-8")
    path = _spec(tmp_path)
    found = await open_file(client, path)
    assert {"PF402", "PF401"} <= {d.code for d in found}  # the defaults apply
    for version in (2, 3):
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent((tmp_path / ".planforge.toml").as_uri(), types.FileChangeType.Changed)]))
        await published(client, path.as_uri())
        await replace_text(client, path, FIVE_FAULTS + f"# edit {version}\n", version)
    shown = [m.message for m in client.messages if ".planforge.toml" in m.message]
    assert len(shown) == 1
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(path.as_uri())))
    assert [s.name for s in symbols] == ["一、加强学习"]


async def test_a_file_with_thousands_of_findings_sends_a_capped_list_errors_first(client, tmp_path):
    text = load_benchmark("synthetic").plan_yaml(1000, block=True).replace("完善制度，落实责任", "完善制度,,落实责任")
    path = _spec(tmp_path, text, "big-2027.yaml")
    found = await open_file(client, path)
    total = len(run_cli("lint", "--format", "json", str(path), cwd=tmp_path).stdout.split('"code"')) - 1
    assert total > 1500
    assert len(found) == 201 and re.match(rf"{total - 200} more problem\(s\) not shown", found[-1].message)


async def test_markdown_plans_are_served_and_a_readme_is_left_alone(client, tmp_path):
    plan = tmp_path / "2027年工作计划.md"
    plan.write_text("# 测试工会2027年工作计划\n\n## 一、加强学习\n\n组织职工学习,,提高素质。\n", encoding="utf-8")
    found = await open_file(client, plan)
    assert "PF402" in {d.code for d in found}
    readme = tmp_path / "README.md"
    readme.write_text("# 说明\n\n组织职工学习,,提高素质。\n", encoding="utf-8")
    assert await open_file(client, readme) == []
