"""The DOCX read back with python-docx and its XML, as Word, WPS and LibreOffice will read it."""

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, GOOD_EXAMPLES, run_cli, synthetic

from planforge.errors import InputError
from planforge.model.plan import Plan
from planforge.render.formats import RenderOptions, render_document
from planforge.spec.load import load_plan, load_plan_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(plan, **options) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_document(plan, "docx", RenderOptions(**options))))


@pytest.fixture(scope="module")
def bureau():
    return render(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan)


def body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_page_is_a4_with_gbt9704_margins_and_grid(bureau):
    sect = bureau.sections[0]._sectPr
    size, margins, grid = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar"), sect.find(f"{W}docGrid")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert {k: margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")} == {
        "top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    assert grid.get(f"{W}type") == "linesAndChars"
    assert grid.get(f"{W}linePitch") == "579"  # 225 mm / 22 lines
    # 156 mm / 28 = 15.793 pt a character: 0.207 pt under 16 pt, in 1/4096 pt, rounded down
    assert grid.get(f"{W}charSpace") == "-848"


def _fonts(style) -> dict:
    r_fonts = style.element.rPr.find(f"{W}rFonts")
    return {k.split("}")[1]: v for k, v in r_fonts.attrib.items()}


def test_east_asian_fonts_in_every_style_used_and_no_theme_fonts(bureau):
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312",
                "Heading 3": "仿宋_GB2312", "Heading 4": "仿宋_GB2312", "Footer": "宋体"}
    for name, east_asia in expected.items():
        fonts = _fonts(bureau.styles[name])
        assert fonts["eastAsia"] == east_asia, name
        assert fonts["ascii"] == fonts["hAnsi"] == ("Times New Roman" if name != "Footer" else "宋体")
    styles_xml = bureau.styles.element
    assert not [f for f in styles_xml.iter(f"{W}rFonts") if any("Theme" in k or "theme" in k for k in f.attrib)]
    sizes = {n: bureau.styles[n].font.size.pt for n in ("Normal", "Title", "Heading 1", "Heading 2")}
    assert sizes == {"Normal": 16, "Title": 22, "Heading 1": 16, "Heading 2": 16}
    assert not any(bureau.styles[f"Heading {n}"].font.bold for n in range(1, 5))  # gbt9704: no bold
    assert bureau.styles["Heading 1"].font.color.rgb is None


def test_headings_carry_outline_levels_and_generated_numbers(bureau):
    levels = {}
    for paragraph in bureau.paragraphs:
        name = paragraph.style.name
        if name.startswith("Heading"):
            levels.setdefault(name, []).append(paragraph.text)
    for n in range(1, 5):
        outline = bureau.styles[f"Heading {n}"].element.pPr.find(f"{W}outlineLvl")
        if n < 4:
            assert outline.get(f"{W}val") == str(n - 1)
    assert [t[:2] for t in levels["Heading 1"]] == ["一、", "二、", "三、", "四、"]
    assert levels["Heading 2"][0] == "（一）深入开展职工劳动技能竞赛"
    assert levels["Heading 3"][0].startswith("1.举办第五届职工运动会。设置田径")


def test_body_text_indent_and_target_sentences(bureau):
    texts = body_texts(bureau)
    assert "参加技能竞赛的职工不少于1500人；力争创建市级“工人先锋号”2个。（责任部门：宣教部；完成时限：二季度）" in texts[texts.index("（一）深入开展职工劳动技能竞赛") + 1]
    ind = bureau.styles["Normal"].element.pPr.find(f"{W}ind")
    assert ind.get(f"{W}firstLineChars") == "200"
    title_ind = bureau.styles["Title"].element.pPr.find(f"{W}ind")
    assert title_ind.get(f"{W}firstLineChars") == "0"
    assert bureau.paragraphs[0].text == "市卫生健康局工会2027年工作计划" and bureau.paragraphs[1].text == "（讨论稿）"


def test_odd_and_even_footers_with_page_field(bureau):
    assert bureau.settings.odd_and_even_pages_header_footer
    section = bureau.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]
        xml = p._p.xml
        assert "PAGE" in "".join(t.text for t in p._p.iter(f"{W}instrText"))
        assert [c.get(f"{W}fldCharType") for c in p._p.iter(f"{W}fldChar")] == ["begin", "separate", "end"]
        assert p.text == "— 1 —"
        assert p.alignment == (2 if side == "right" else 0)
        assert 'w:eastAsia="宋体"' in xml


def test_signature_and_date_after_the_attachment_note(bureau):
    texts = body_texts(bureau)
    date_index = texts.index("2027年1月8日")
    assert texts[date_index - 1] == "市卫生健康局工会委员会"
    assert texts[date_index - 4] == "附件：1.2027年月度工作安排"
    assert texts[date_index - 3] == "2.2027年主要目标任务一览表"
    name, date = bureau.paragraphs[date_index - 1], bureau.paragraphs[date_index]
    # the date starts two characters (2 × 16 pt) right of the name's first character
    shift = date.paragraph_format.left_indent - name.paragraph_format.left_indent
    assert round(shift / 12700) == 32  # EMU per point


def test_attachments_start_new_pages_with_tables(bureau):
    attachment_heads = [p for p in bureau.paragraphs if p.text in ("附件1", "附件2")]
    assert [p.paragraph_format.page_break_before for p in attachment_heads] == [True, True]
    schedule, grid, targets = bureau.tables
    plan = load_plan(EXAMPLES / "bureau-union-2027.yaml").plan
    assert [c.text for c in schedule.rows[0].cells] == ["月份", "工作内容", "责任部门", "完成时限"]
    expected = [(e.when.text, t.text) for e in plan.schedule for t in e.tasks]
    assert [(r.cells[0].text, r.cells[1].text) for r in schedule.rows[1:]] == expected
    assert [c.text for c in schedule.rows[2].cells] == ["1-2月", "召开局工会全委会，部署全年工作", "", ""]
    assert [c.text for c in schedule.rows[1].cells] == ["1-2月", "开展“两节”送温暖活动", "办公室", "1-2月"]
    assert [c.text for c in targets.rows[1].cells] == ["1", "参加技能竞赛的职工", "1500人以上", "1200人", "宣教部"]
    assert len(targets.rows) == 1 + sum(len(i.targets) for _, i in plan.walk())
    for table in (schedule, grid, targets):
        header = table.rows[0]._tr
        assert header.trPr.find(f"{W}tblHeader") is not None
        assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in table.rows)
        widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
        assert sum(widths) == 8844  # exactly the text block: inside the margins


def test_month_grid_shades_the_months_each_item_runs(bureau):
    grid = bureau.tables[1]
    assert [c.text for c in grid.rows[0].cells] == ["事项"] + [f"{m}月" for m in range(1, 13)]
    rows = {r.cells[0].text: r for r in grid.rows[1:]}
    second_quarter = rows["（一）深入开展职工劳动技能竞赛"]
    shaded = [c._tc.tcPr.find(f"{W}shd") is not None for c in second_quarter.cells[1:]]
    assert shaded == [m in (4, 5, 6) for m in range(1, 13)]


PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange"]
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
             "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"]


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/footer1.xml"])
def test_properties_in_schema_order(part, tmp_path):
    """Word refuses a file whose pPr/rPr children are out of the schema's sequence."""
    data = render_document(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, "docx")
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        part = part if part in names else next(n for n in names if n.startswith("word/footer"))
        root = etree.fromstring(package.read(part))
    for tag, order in (("pPr", PPR_ORDER), ("rPr", RPR_ORDER)):
        for props in root.iter(f"{W}{tag}"):
            children = [c.tag.split("}")[1] for c in props]
            positions = [order.index(c) for c in children if c in order]
            assert positions == sorted(positions), (tag, children)


def test_common_preset_and_style_overrides():
    text = (EXAMPLES / "bureau-union-2027.yaml").read_text(encoding="utf-8")
    text += "style:\n  preset: common\n  level_fonts: [方正黑体_GBK]\n  margins: {top: 30, bottom: 30, left: 25, right: 25}\n"
    document = render(load_plan_text(text).plan)
    assert _fonts(document.styles["Heading 1"])["eastAsia"] == "方正黑体_GBK"
    assert _fonts(document.styles["Heading 2"])["eastAsia"] == "楷体_GB2312"
    assert document.styles["Heading 2"].font.bold and document.styles["Heading 3"].font.bold
    assert not document.styles["Heading 1"].font.bold
    assert document.styles["Normal"].paragraph_format.line_spacing.pt == 28
    assert document.sections[0].top_margin.mm == pytest.approx(30, abs=0.05)
    assert document.sections[0]._sectPr.find(f"{W}docGrid").get(f"{W}type") == "lines"


def test_bad_style_values_are_located_errors():
    text = MINIMAL + "style: {preset: fancy, body_size: 300}\n"
    with pytest.raises(InputError) as info:
        load_plan_text(text, "plan.yaml")
    assert [p.format() for p in info.value.problems] == [
        "plan.yaml:5:17: PF002 error style.preset：应为以下之一：gbt9704 | common",
        "plan.yaml:5:35: PF002 error style.body_size：不能大于 72",
    ]


MINIMAL = "title: 测试工会2027年工作计划\nyear: 2027\nsections:\n  - title: 加强学习\n"


def test_hostile_text_renders_into_a_file_that_opens():
    nasty = "A&B<c>\"'\x01\x0b\x1f 😀 𠮷 龘 \ufffe 鎔 — … “引号”"
    # Built directly: the YAML loader itself refuses some of these, but an importer may not.
    plan = Plan.model_validate({"title": "很长的标题" * 80, "year": 2027, "organization": nasty,
                                "sections": [{"title": nasty, "text": nasty, "items": [{"title": nasty, "text": nasty * 50}]}]})
    document = render(plan)
    text = "\n".join(body_texts(document))
    assert "A&B<c>" in text and "😀" in text and "𠮷" in text and "\x01" not in text
    assert document.paragraphs[0].text.startswith("很长的标题")


def test_two_thousand_items_render():
    plan = load_plan_text(synthetic().plan_yaml(2000)).plan
    data = render_document(plan, "docx")
    document = docx.Document(io.BytesIO(data))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == 2000 and headings[-1].text.startswith("（二十）")


def test_reference_docx_keeps_the_organisations_styles(tmp_path: Path):
    reference = docx.Document()
    reference.styles["Normal"].font.name = "Letterhead Serif"
    reference.sections[0].header.paragraphs[0].text = "某某单位文件"
    reference.add_paragraph("old body text that must go")
    path = tmp_path / "org.docx"
    reference.save(path)
    document = render(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, reference_docx=path)
    assert document.sections[0].header.paragraphs[0].text == "某某单位文件"
    assert document.styles["Normal"].font.name == "Letterhead Serif"
    assert "old body text that must go" not in body_texts(document)
    assert document.paragraphs[0].text == "市卫生健康局工会2027年工作计划"


def test_reference_docx_that_is_not_a_docx(tmp_path: Path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    spec = EXAMPLES / "bureau-union-2027.yaml"
    result = run_cli("render", str(spec), "--to", "docx", "--reference-docx", str(bad), "-o", str(tmp_path / "o.docx"))
    assert result.returncode == 1 and "参考模板不是可用的 Word 文档" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("example", GOOD_EXAMPLES, ids=[p.stem for p in GOOD_EXAMPLES])
def test_every_example_renders_to_docx_via_cli(example, tmp_path: Path):
    out = tmp_path / "plan.docx"
    result = run_cli("render", str(example), "--to", "docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].style.name == "Title"


def test_markdown_and_docx_share_numbering_and_sentences():
    plan = load_plan(EXAMPLES / "enterprise-safety-2027.yaml").plan
    md = render_document(plan, "md").decode("utf-8")
    document = docx.Document(io.BytesIO(render_document(plan, "docx")))
    for paragraph in document.paragraphs:
        if paragraph.style.name in ("Heading 1", "Heading 2"):
            assert paragraph.text in md


def test_pdf_without_libreoffice_names_the_packages(tmp_path: Path):
    result = run_cli("render", str(EXAMPLES / "bureau-union-2027.yaml"), "--to", "pdf", "-o", str(tmp_path / "p.pdf"),
                     env={"PATH": str(tmp_path)})
    assert result.returncode == 2
    assert "libreoffice-writer-nogui" in result.stderr and not (tmp_path / "p.pdf").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_through_libreoffice(tmp_path: Path):
    out = tmp_path / "plan.pdf"
    result = run_cli("render", str(EXAMPLES / "bureau-union-2027.yaml"), "--to", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_run_in_body_text_is_not_bold_under_a_bold_level():
    document = render(load_plan(EXAMPLES / "enterprise-safety-2027.yaml").plan)  # common: levels 2, 3 bold
    run_in = next(p for p in document.paragraphs if p.text.startswith("（2）节假日、汛期和冬季专项检查。"))
    title_run, body_run = run_in.runs
    assert title_run.text == "（2）节假日、汛期和冬季专项检查。" and title_run.bold is True
    assert body_run.text.startswith("重点检查粉尘防爆") and body_run.bold is False
