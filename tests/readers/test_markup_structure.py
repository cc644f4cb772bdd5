"""Structure the markup holds, not typed markers: Markdown headings and lists (as pandoc and
editors write them), Word heading styles, outline levels and automatic numbering
(numbering.xml, which python-docx does not expand into text)."""

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from planforge.readers import import_document
from planforge.readers.docx_numbering import format_number


def tree(plan):
    return [(level, item.title) for level, item in plan.walk()]


PANDOC_STYLE = """---
title: "市教育局工会2027年工作计划"
author: 办公室
---

根据市总工会部署，结合实际，制定本计划。

## 加强思想政治引领

- 组织职工学习党的二十大精神，全年集中学习不少于12次。
- 开展“中国梦·劳动美”主题宣传教育。

## 维护职工合法权益

1. 推进教职工代表大会制度建设
   1. 指导各校按期召开教代会
   2. 推进校务公开
2. 开展工资集体协商

## 服务职工

普惠服务是工会的基本职责。

1. 开展“两节”送温暖活动，走访慰问困难职工不少于100户
"""


def test_markdown_headings_and_lists_give_the_tree(tmp_path: Path):
    path = tmp_path / "plan.md"
    path.write_text(PANDOC_STYLE, encoding="utf-8")
    imported = import_document(path).plans[0]
    plan = imported.plan
    assert plan.title == "市教育局工会2027年工作计划"  # from the front matter, not the preamble
    assert plan.preamble == "根据市总工会部署，结合实际，制定本计划。"
    assert tree(plan) == [
        (1, "加强思想政治引领"),
        (2, "组织职工学习党的二十大精神，全年集中学习不少于12次"),
        (2, "开展“中国梦·劳动美”主题宣传教育"),
        (1, "维护职工合法权益"),
        (2, "推进教职工代表大会制度建设"),
        (3, "指导各校按期召开教代会"),
        (3, "推进校务公开"),
        (2, "开展工资集体协商"),
        (1, "服务职工"),
        (2, "开展“两节”送温暖活动，走访慰问困难职工不少于100户"),
    ]
    assert plan.sections[2].text == "普惠服务是工会的基本职责"  # the closing 。 is the renderer's to add
    assert imported.anomalies == []  # numbering the markup generates is never a typed fault


def test_markdown_emphasis_links_and_escapes_are_text(tmp_path: Path):
    path = tmp_path / "plan.md"
    path.write_text("# 2027年工作计划\n\n## 一、**加强**[学习](http://x.cn)\\*\n\n正文<!-- 注释 -->。\n",
                    encoding="utf-8")
    plan = import_document(path).plans[0].plan
    assert tree(plan) == [(1, "加强学习*")]
    assert plan.sections[0].text == "正文"


def test_markdown_lines_without_blank_lines_stay_lines(tmp_path: Path):
    """A text file saved as .md: CommonMark would make one paragraph of it."""
    path = tmp_path / "plan.md"
    path.write_text("2027年工会工作计划\n一、加强学习\n1、组织学习\n2、开展培训\n二、服务职工\n", encoding="utf-8")
    plan = import_document(path).plans[0].plan
    assert tree(plan) == [(1, "加强学习"), (2, "组织学习"), (2, "开展培训"), (1, "服务职工")]
    assert plan.sections[0].items[1].source.line == 4


# -- Word ---------------------------------------------------------------------------------------

def _numbering(document, abstract_id: int, levels: list[tuple[str, str]], num_ids: list[tuple[int, int | None]]):
    """Add an abstract list (format, lvlText per level) and w:num instances (numId, start override)."""
    part = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels))
    part.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    for num_id, start in num_ids:
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start is not None else "")
        part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


def _numbered(document, text: str, num_id: int, level: int, style: str | None = None):
    paragraph = document.add_paragraph(text, style=style)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_word_automatic_numbering_gives_the_tree(tmp_path: Path):
    document = docx.Document()
    _numbering(document, 90, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")],
               [(901, None)])
    document.add_paragraph("某区总工会2027年工作计划", style="Title")
    document.add_paragraph("为做好今年工会工作，制定本计划。")
    _numbered(document, "加强思想引领", 901, 0)
    _numbered(document, "深化主题教育", 901, 1)
    _numbered(document, "组织专题学习", 901, 2)
    _numbered(document, "开展宣讲活动", 901, 2)
    _numbered(document, "加强阵地建设", 901, 1)
    _numbered(document, "维护职工权益", 901, 0)
    _numbered(document, "推进集体协商", 901, 1)
    path = tmp_path / "plan.docx"
    document.save(path)
    imported = import_document(path).plans[0]
    plan = imported.plan
    assert plan.title == "某区总工会2027年工作计划"
    assert plan.preamble == "为做好今年工会工作，制定本计划。"
    assert tree(plan) == [
        (1, "加强思想引领"), (2, "深化主题教育"), (3, "组织专题学习"), (3, "开展宣讲活动"),
        (2, "加强阵地建设"), (1, "维护职工权益"), (2, "推进集体协商"),
    ]
    assert imported.anomalies == []


def test_word_heading_styles_and_bullet_lists(tmp_path: Path):
    document = docx.Document()
    _numbering(document, 91, [("bullet", "•")], [(911, None)])
    document.add_heading("2027年工会工作计划", level=1)
    document.add_heading("一、加强学习", level=2)
    document.add_paragraph("全年组织学习。")
    _numbered(document, "每月一次集中学习", 911, 0)
    _numbered(document, "每季度一次专题辅导", 911, 0)
    document.add_heading("服务职工", level=2)  # a heading with no typed number
    document.add_heading("送温暖", level=3)
    document.add_paragraph("走访慰问困难职工。")
    document.add_heading("维护权益", level=2)
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = import_document(path).plans[0].plan
    assert plan.title == "2027年工会工作计划"
    assert tree(plan) == [(1, "加强学习"), (2, "每月一次集中学习"), (2, "每季度一次专题辅导"),
                          (1, "服务职工"), (2, "送温暖"), (1, "维护权益")]
    assert plan.sections[0].text == "全年组织学习"
    assert plan.sections[1].items[0].text == "走访慰问困难职工"


def test_word_outline_levels_without_heading_styles(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("2027年工作要点")
    for text, level in [("抓好安全生产", 0), ("开展安全检查", 1), ("落实责任制", 0)]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level}"/>'))
    path = tmp_path / "plan.docx"
    document.save(path)
    assert tree(import_document(path).plans[0].plan) == [(1, "抓好安全生产"), (2, "开展安全检查"), (1, "落实责任制")]


def test_word_restarted_list_and_start_override(tmp_path: Path):
    """Two instances of one list, the second restarted (重新开始编号) under the next section."""
    from planforge.readers.docx_numbering import read_numbering

    document = docx.Document()
    _numbering(document, 92, [("chineseCounting", "%1、"), ("decimal", "(%2)")], [(921, None), (922, 1)])
    markers = []
    numbering = read_numbering(document.part.numbering_part.element)  # the w:numbering a package holds
    for num_id, level in [(921, 0), (921, 1), (921, 1), (921, 0), (921, 1), (922, 0), (922, 0)]:
        markers.append(numbering.next_marker(str(num_id), level))
    assert markers == ["一、", "(1)", "(2)", "二、", "(1)", "一、", "二、"]


def test_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert format_number(3, "chineseLegalSimplified") == "叁"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(12, "decimalFullWidth") == "１２"


def test_word_schedule_table_merged_months_and_a_nested_table(tmp_path: Path):
    """A month merged down over its rows (w:vMerge) is every row's month; a table nested in a cell
    gives its text to that cell, and its own merges stay its own."""
    document = docx.Document()
    document.add_paragraph("某区总工会2027年工作计划", style="Title")
    document.add_paragraph("一、加强思想引领")
    document.add_paragraph("1.组织专题学习。")
    document.add_paragraph("二、月度工作安排")
    table = document.add_table(rows=6, cols=3)
    for row, cells in enumerate([("月份", "工作内容", "责任部门"), ("3月", "开展植树活动", "工会办"), ("", "组织健康讲座", "女工委"),
                                 ("4月", "", "宣教部"), ("5月", "举办劳动技能竞赛", "工会办"), ("6月", "", "")]):
        for column, text in enumerate(cells):
            if text:
                table.cell(row, column).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    nested = table.cell(3, 1).add_table(rows=2, cols=1)
    nested.cell(0, 0).text = "举办读书月活动"
    nested.cell(1, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")}/>'))  # continues, in the nested table
    empty = table.cell(5, 1).add_table(rows=1, cols=1)  # 6月's cell holds only an empty nested cell that continues a merge
    empty.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")}/>'))
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = import_document(path).plans[0].plan
    assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [
        ((3,), ["开展植树活动", "组织健康讲座"]), ((4,), ["举办读书月活动"]), ((5,), ["举办劳动技能竞赛"])]
    assert [[t.owner for t in e.tasks] for e in plan.schedule] == [["工会办", "女工委"], ["宣教部"], ["工会办"]]


def test_word_table_with_an_unreadable_column_span_still_imports(tmp_path: Path):
    """w:gridSpan="²" passes str.isdigit but no int(): the cell spans one column, as with no span."""
    document = docx.Document()
    document.add_paragraph("某区总工会2027年工作计划", style="Title")
    document.add_paragraph("一、月度工作安排")
    table = document.add_table(rows=2, cols=2)
    for column, text in enumerate(("月份", "工作内容")):
        table.cell(0, column).text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "3月", "开展植树活动"
    table.cell(1, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="²"/>'))
    path = tmp_path / "plan.docx"
    document.save(path)
    plan = import_document(path).plans[0].plan
    assert [(e.when.months, [t.text for t in e.tasks]) for e in plan.schedule] == [((3,), ["开展植树活动"])]


def test_an_attached_task_table_is_named_as_left_out_and_a_schedule_is_read(tmp_path: Path):
    """After the plan, a table the spec has no place for (重点任务分解表) is named with the prose
    left out, by its paragraph; a schedule is read into the schedule and a targets table is made
    again from the items, so neither is named."""
    document = docx.Document()
    document.add_paragraph("某区总工会2027年工作计划", style="Title")
    document.add_paragraph("一、加强思想引领")
    document.add_paragraph("1.组织专题学习，全年4次，参加职工500人。")
    document.add_paragraph("某区总工会")
    document.add_paragraph("2027年1月5日")
    for label, rows in (("附件1：重点任务分解表", [("序号", "任务", "责任单位"), ("1", "开展职工技能竞赛", "经济工作部")]),
                        ("附件2：月度工作安排", [("月份", "工作内容", "责任部门"), ("3月", "开展植树活动", "工会办")]),
                        ("附件3：主要目标任务一览表", [("序号", "指标", "目标值"), ("1", "参加职工", "500人")])):
        document.add_paragraph(label)
        table = document.add_table(rows=len(rows), cols=3)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    document.save(path)
    imported = import_document(path).plans[0]
    assert imported.left_out == [(7, "序号｜任务｜责任单位")]
    assert [(e.when.text, [t.text for t in e.tasks]) for e in imported.plan.schedule] == [("3月", ["开展植树活动"])]
