"""Where a finding points, said in the document's own terms: a Word file's places are paragraphs
(readers/docx.py numbers them from the top of the body), a text's are lines."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLES, run_cli

from planforge.readers import import_document


def _word_and_text(folder: Path, lines: list[str]) -> None:
    """plan.docx, a paragraph a line, and plan.txt, the same lines, in `folder`."""
    import docx

    word = docx.Document()
    for line in lines:
        word.add_paragraph(line)
    word.save(str(folder / "plan.docx"))
    (folder / "plan.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _lint(path: Path, *lang: str) -> list[str]:
    result = run_cli(*lang, "lint", str(path))
    assert result.returncode == 1, result.stderr  # the flawed example has errors
    return result.stdout.splitlines()


def test_a_word_files_findings_name_paragraphs(tmp_path: Path):
    document = tmp_path / "flawed.docx"
    assert run_cli("render", str(EXAMPLES / "flawed-plan-2027.yaml"), "--to", "docx", "-o", str(document)).returncode == 0
    repeated = [line for line in _lint(document) if " PF301 " in line]
    assert repeated == [f"{document}:8: PF301 error 标题与第 6 段重复"]
    english = [line for line in _lint(document, "--lang", "en") if " PF301 " in line or " PF302 " in line]
    assert english == [f"{document}:8: PF301 error the same title as paragraph 6",
                       f"{document}:8: PF302 warning nearly the same text as the item in paragraph 6 (similarity 1.00)"]


def test_a_text_files_findings_name_lines(tmp_path: Path):
    document = tmp_path / "flawed.md"
    assert run_cli("render", str(EXAMPLES / "flawed-plan-2027.yaml"), "--to", "md", "-o", str(document)).returncode == 0
    repeated = [line for line in _lint(document) if " PF301 " in line]
    assert len(repeated) == 1 and repeated[0].endswith("行重复"), repeated
    english = [line for line in _lint(document, "--lang", "en") if " PF302 " in line]
    assert len(english) == 1 and "as the item at line " in english[0], english


def test_a_word_files_paragraph_is_shown_under_its_finding(tmp_path: Path):
    """In a terminal a finding is followed by its place as read: a Word file's paragraph, with the
    caret under the column, as a text file's line is, so the reader can find it in Word."""
    from planforge.lint.engine import LintConfig, lint_file, lint_files
    from planforge.lint.output import format_text

    document = tmp_path / "flawed.docx"
    assert run_cli("render", str(EXAMPLES / "flawed-plan-2027.yaml"), "--to", "docx", "-o", str(document)).returncode == 0
    config = LintConfig(select={"PF402"})
    shown = format_text([lint_file(document, config)], "zh", show_source=True).splitlines()
    at = shown.index(f"{document}:12:13: PF402 warning 标点重复“,,”")
    paragraph, caret = shown[at + 1], shown[at + 2]
    assert paragraph == "    走访慰问困难职工***户,,资金由xx负责。走访慰问困难职工不少于120户。（完成时限：1—2月）"
    assert caret == "    " + " " * 21 + "^"  # under ,,: 走访慰问困难职工 and 户 two columns wide each, *** one
    # linted among enough files to go to worker processes, the paragraphs come back with the findings
    many = [tmp_path / f"copy{n}.docx" for n in range(8)]
    for copy in many:
        copy.write_bytes(document.read_bytes())
    results = lint_files(many, config, jobs=2).results
    assert [result.paragraphs[11] for result in results] == [paragraph.strip()] * 8


def test_a_finding_on_a_word_table_shows_no_empty_line(tmp_path: Path):
    """A DOCX table is one place with no text of its own (its rows are read as the schedule): a
    finding on it is shown alone, not over an empty line."""
    from planforge.lint.engine import LintConfig, lint_file
    from planforge.lint.output import format_text

    document = tmp_path / "flawed.docx"
    assert run_cli("render", str(EXAMPLES / "flawed-plan-2027.yaml"), "--to", "docx", "-o", str(document)).returncode == 0
    shown = format_text([lint_file(document, LintConfig(select={"PF204"}))], "zh", show_source=True).splitlines()
    assert shown[0].startswith(f"{document}:25: PF204 info 月度安排中")
    assert shown[1].startswith("共 ")  # the summary next: no excerpt line, blank or not


def test_the_caret_counts_columns_as_a_terminal_shows_them(tmp_path: Path):
    """A tab runs to the next tab stop and a zero-width space takes no column, so the caret stands
    under the mark after them (it had been one column off either way)."""
    from planforge.lint.engine import LintConfig, lint_file
    from planforge.lint.output import format_text

    document = tmp_path / "plan.txt"
    document.write_text("某单位2027年工作计划\n一、重点工作\n1.\t举办职工培训,,安排。\n2.\u200b召开职工大会,,。\n", encoding="utf-8")
    shown = format_text([lint_file(document, LintConfig(select={"PF402"}))], "zh", show_source=True).splitlines()
    tab_line, zero_width_line = shown.index("    1.\t举办职工培训,,安排。"), shown.index("    2.\u200b召开职工大会,,。")
    # 4 columns of indent, 1. to column 6, the tab to 8, 举办职工培训 twelve more: ,, at column 20
    assert shown[tab_line + 1] == " " * 20 + "^"
    # 4 + 2. (2) + the zero-width space (0) + 召开职工大会 (12): ,, at column 18
    assert shown[zero_width_line + 1] == " " * 18 + "^"


def test_numbers_split_over_paragraphs_are_said_so_for_a_word_file(tmp_path: Path):
    """import --report on a DOCX whose item number was typed in a paragraph of its own: the number
    was split over two paragraphs (两段), not two lines; a text file's still says 两行."""
    lines = ["某单位2027年工作计划", "一、重点工作", "1", "、组织职工学习。", "2、开展技能竞赛。"]
    _word_and_text(tmp_path, lines)
    said = {}
    for name in ("plan.docx", "plan.txt"):
        result = run_cli("import", str(tmp_path / name), "-o", str(tmp_path / f"{name}.yaml"), "--report")
        assert result.returncode == 0, result.stderr
        said[name] = [line for line in result.stderr.splitlines() if "的数字被拆在" in line]
    assert said["plan.docx"] == [f"{tmp_path / 'plan.docx'}:3: 编号拆行 1、 的数字被拆在两段"]
    assert said["plan.txt"] == [f"{tmp_path / 'plan.txt'}:3: 编号拆行 1、 的数字被拆在两行"]
    english = run_cli("--lang", "en", "import", str(tmp_path / "plan.docx"), "-o", str(tmp_path / "en.yaml"), "--report")
    assert "the number of 1、 was split over two paragraphs" in english.stderr


def test_what_reading_a_word_file_mended_is_placed_by_its_paragraph(tmp_path: Path):
    """The reader's repairs in a DOCX name their paragraph as a text file's name their line: a
    number whose separator was lost (PF504) is located, and a web page's residue pasted into Word
    is reported (PF604 never fired on a DOCX: its residue had no place)."""
    lines = ["某单位2027年工作计划", "发布时间：2027-01-05 浏览次数：120", "一、加强学习", "1、读书活动，全年4次", "2知识竞赛，全年2次",
             "某单位", "2027年1月8日"]
    _word_and_text(tmp_path, lines)
    found = {}
    for name in ("plan.docx", "plan.txt"):
        result = run_cli("lint", "--select", "PF504,PF604", str(tmp_path / name))
        found[name] = [line.split(": ", 1)[1] for line in result.stdout.splitlines() if ": PF" in line]
        found[name + " places"] = [line.split(": ", 1)[0].removeprefix(str(tmp_path / name)) for line in result.stdout.splitlines() if ": PF" in line]
    assert found["plan.docx places"] == found["plan.txt places"] == [":2", ":5"]
    assert [f.split()[0] for f in found["plan.docx"]] == ["PF604", "PF504"]
    assert "（第 2 段）" in found["plan.docx"][0] and "（第 2 行）" in found["plan.txt"][0]


def test_a_page_label_inside_a_line_leaves_the_line_to_the_rules(tmp_path: Path):
    """A PDF's page label run into a line of the plan (…全年1次。第2页 共3页) is page chrome, reported
    with the rest (PF604), but the line is the plan's: its own faults are still found (helper-57:
    the whole line had been set aside as residue, its ,, unreported), in a text as in a DOCX."""
    lines = ["某单位2027年工作计划", "一、加强学习", "1、举办演讲比赛,,全年1次。第2页 共3页", "2、组织知识竞赛，全年2次。",
             "某单位", "2027年1月8日"]
    _word_and_text(tmp_path, lines)
    for name in ("plan.docx", "plan.txt"):
        result = run_cli("lint", "--select", "PF402,PF604", str(tmp_path / name))
        found = re.findall(r":(\d+)(?::\d+)?: (PF\d+) ", result.stdout)
        assert sorted(found) == [("3", "PF402"), ("3", "PF604")], (name, result.stdout)


def test_a_paragraph_word_numbers_or_a_word_like_pian_zhang_is_no_page_chrome(tmp_path: Path):
    """Page chrome is a web page's (扫一扫, 下一篇：…); a paragraph Word numbers as a list item is
    the plan's whatever words it holds, and 下一篇章 (the next chapter) is prose (helper-57: both
    were left out of the import and reported as residue)."""
    import docx

    word = docx.Document()
    for text, style in [("某单位2027年工作计划", None), ("一、加强宣传", None), ("组织职工扫一扫参与网上答题活动", "List Number"),
                        ("开通工会微信公众号", "List Number"), ("奋力谱写工会工作的下一篇章。", None)]:
        word.add_paragraph(text, style=style)
    word.save(str(tmp_path / "plan.docx"))
    plan = import_document(tmp_path / "plan.docx").plans[0].plan
    texts = [item.title for section in plan.sections for item in section.items]
    assert texts == ["组织职工扫一扫参与网上答题活动", "开通工会微信公众号"]
    assert "下一篇章" in str(plan.model_dump())
    assert " PF604 " not in run_cli("lint", str(tmp_path / "plan.docx")).stdout
