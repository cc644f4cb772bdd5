"""Where a finding points, said in the document's own terms: a Word file's places are paragraphs
(readers/docx.py numbers them from the top of the body), a text's are lines."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, run_cli


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
