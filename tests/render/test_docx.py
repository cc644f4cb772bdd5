"""The DOCX read back with python-docx and its XML, as Word, WPS and LibreOffice will read it."""

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, GOOD_EXAMPLES, ONE_ATTACHMENT, run_cli, synthetic

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
    # Lines only, and no charSpace: a negative one sets each character over two cells in LibreOffice
    assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}charSpace") is None
    assert grid.get(f"{W}linePitch") == "579"  # 225 mm / 22 lines
    # 156 mm / 28 = 15.793 pt a character: 16 pt condensed by 0.25 pt (in 1/20 pt, rounded down)
    assert bureau.styles["Normal"].element.rPr.find(f"{W}spacing").get(f"{W}val") == "-5"
    assert bureau.styles["Title"].element.rPr.find(f"{W}spacing").get(f"{W}val") == "0"


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


def _outline(paragraph) -> int | None:
    """The outline level Word's navigation pane reads: the paragraph's own, else its style's."""
    for ppr in (paragraph._p.pPr, paragraph.style.element.pPr):
        found = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        if found is not None:
            return int(found.get(f"{W}val")) + 1
    return None


def test_headings_carry_outline_levels_and_generated_numbers(bureau):
    levels: dict[int, list[str]] = {}
    for paragraph in bureau.paragraphs:
        level = _outline(paragraph)
        if level:
            levels.setdefault(level, []).append(paragraph.text)
    assert [t[:2] for t in levels[1]] == ["一、", "二、", "三、", "四、"]
    assert levels[2][0] == "（一）深入开展职工劳动技能竞赛"
    # the navigation pane lists heading words only: no run-in paragraph, body and all
    assert set(levels) == {1, 2} and all(len(text) <= 30 for texts in levels.values() for text in texts)


def test_run_in_items_are_body_paragraphs_that_do_not_chain(bureau):
    """A run-in item carries body text: as a heading it inherited keep-with-next, and a run of
    them chained onto the next page; with an outline level, Word's navigation pane listed the
    whole paragraph. It is a Normal paragraph without one."""
    run_in = next(p for p in bureau.paragraphs if p.text.startswith("1.举办第五届职工运动会"))
    assert run_in.style.name == "Normal" and _outline(run_in) is None
    assert not run_in.paragraph_format.keep_with_next
    assert bureau.styles["Heading 2"].paragraph_format.keep_with_next  # a heading on its own line keeps
    heading = next(p for p in bureau.paragraphs if p.text == "（一）深入开展职工劳动技能竞赛")
    assert heading.style.name == "Heading 2"


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
    # a space after the number: 附件：1.2027年… would read as the decimal 1.2027
    assert texts[date_index - 4] == "附件：1. 2027年月度工作安排"
    assert texts[date_index - 3] == "2. 2027年主要目标任务一览表"
    # the closing keeps with the body's last paragraph; widow control (two lines come along)
    # only where two and two can split it: on this one of two lines it would move it whole
    last_body = bureau.paragraphs[date_index - 6]
    assert last_body.paragraph_format.keep_with_next and not last_body.paragraph_format.widow_control
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
    assert [r.cells[1].text for r in schedule.rows[1:]] == [text for _, text in expected]
    # the same month on consecutive rows is one merged cell; months ranges take a dash
    assert [c.text for c in schedule.rows[1].cells] == ["1—2月", "开展“两节”送温暖活动", "办公室", "1—2月"]
    assert [c.text for c in schedule.rows[2].cells] == ["1—2月", "召开局工会全委会，部署全年工作", "—", "—"]
    merges = [r._tr.tc_lst[0].tcPr.find(f"{W}vMerge") for r in schedule.rows[1:3]]  # (cells[] merges them)
    assert merges[0].get(f"{W}val") == "restart" and merges[1].get(f"{W}val") is None
    assert [c.text for c in targets.rows[1].cells] == ["1", "参加技能竞赛的职工", "1500人以上", "1200人", "宣教部"]
    assert len(targets.rows) == 1 + sum(len(i.targets) for _, i in plan.walk())
    for table in (schedule, grid, targets):
        header = table.rows[0]._tr
        assert header.trPr.find(f"{W}tblHeader") is not None
        assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in table.rows)
        widths = [int(c.get(f"{W}w")) for c in table._tbl.tblGrid.findall(f"{W}gridCol")]
        assert sum(widths) == 8844  # exactly the text block: inside the margins
        cells = [tc for tr in table._tbl.tr_lst for tc in tr.tc_lst]
        assert all(tc.tcPr.find(f"{W}vAlign").get(f"{W}val") == "center" for tc in cells)
        # cell text takes its font from one paragraph style, not from properties in every cell
        styles = {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs}
        assert styles == ({"Grid Text"} if table is grid else {"Table Text"})
    # a column is as wide as its content needs: 工作内容 is the widest, and wide enough for its header
    schedule_widths = [int(c.get(f"{W}w")) for c in schedule._tbl.tblGrid.findall(f"{W}gridCol")]
    assert max(schedule_widths) == schedule_widths[1] and min(schedule_widths) >= 4 * 14 * 20


def test_month_grid_shades_the_months_each_item_runs(bureau):
    grid = bureau.tables[1]
    assert [c.text for c in grid.rows[0].cells] == ["事项"] + [f"{m}月" for m in range(1, 13)]
    rows = {r.cells[0].text: r for r in grid.rows[1:]}
    second_quarter = rows["一（一）深入开展职工劳动技能竞赛"]  # which （一）: every section has one
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


def test_language_fonts_and_properties_are_the_plans_not_the_templates(bureau, monkeypatch):
    """zh-CN text; the four 公文 faces in the font table with a fallback Word and WPS use when the
    face is missing; heading character styles in black; properties of this document, not of
    python-docx's 2013 Mac template."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01: reproducible builds
    data = render_document(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, "docx")
    document = docx.Document(io.BytesIO(data))
    lang = document.styles.element.find(f"{W}docDefaults").find(f"{W}rPrDefault").find(f"{W}rPr").find(f"{W}lang")
    assert lang.get(f"{W}val") == lang.get(f"{W}eastAsia") == "zh-CN"
    assert document.settings.element.find(f"{W}themeFontLang").get(f"{W}eastAsia") == "zh-CN"
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        fonts = package.read("word/fontTable.xml").decode()
        app = package.read("docProps/app.xml").decode()
        names = package.namelist()
    for face, fallback in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("黑体", "SimHei"), ("方正小标宋简体", "宋体")):
        assert re.search(rf'<w:font w:name="{face}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/>', fonts), face
    assert "ＭＳ" not in fonts and "Macintosh" not in app and "docProps/thumbnail.jpeg" not in names
    core = document.core_properties
    assert core.created.year == 2027 and core.author == core.last_modified_by == "市卫生健康局工会"
    for name in ("Heading 1 Char", "Heading 2 Char", "Title Char"):
        rpr = document.styles[name].element.rPr
        assert rpr.find(f"{W}color") is None and rpr.find(f"{W}b").get(f"{W}val") == "0", name
    assert _fonts(document.styles["Heading 1 Char"])["eastAsia"] == "黑体"


@pytest.mark.parametrize(("title", "lines"), [
    ("市卫生健康局工会2027年工作计划", ["市卫生健康局工会2027年工作计划"]),
    ("中共某某市某某区卫生健康委员会机关工会委员会2027年度工作计划",
     ["中共某某市某某区卫生健康委员会", "机关工会委员会2027年度工作计划"]),
    ("关于进一步加强和改进新时代区直机关工会工作的实施方案",
     ["关于进一步加强和改进新时代区直机关", "工会工作的实施方案"]),
])
def test_long_titles_break_at_word_boundaries(title, lines):
    from planforge.render.docx import title_lines

    broken = title_lines(title, 20)
    assert "".join(broken) == title
    assert all(len(line) <= 20 for line in broken) and all(len(line) >= 4 for line in broken)
    assert broken[-1] not in ("计划", "方案") and broken == lines


def test_every_table_is_as_wide_as_its_columns(bureau):
    for table in bureau.tables:
        tbl = table._tbl
        columns = [int(c.get(f"{W}w")) for c in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        assert int(tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == sum(columns)
        for row in table.rows:
            widths = [int(tc.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for tc in row._tr.findall(f"{W}tc")]
            assert widths == columns


def test_the_body_is_written_out_whole_and_declares_no_namespaces_of_its_own():
    """The writer writes finished paragraphs out as text as it goes (memory); what it writes
    must be the document's body, in order, with nothing left of the marker."""
    import zipfile

    data = render_document(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan, "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    body = xml[xml.index("<w:body>"):]
    assert "xmlns" not in body and "<?" not in body
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["市卫生健康局工会2027年工作计划", "（讨论稿）"] and texts[2].startswith("2027年，局工会")
    assert texts.index("附件1") > texts.index("2027年1月8日") > texts.index("市卫生健康局工会委员会")


def test_word_opens_it_in_its_own_mode_with_automatic_space_set(bureau):
    """compatibilityMode 15 (14 opened in 兼容模式), and autoSpaceDE/DN written out, on, in the
    defaults and in Normal: Word, WPS and LibreOffice then agree on the space beside digits."""
    modes = [s.get(f"{W}val") for s in bureau.settings.element.iter(f"{W}compatSetting") if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]
    defaults = bureau.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    normal = bureau.styles["Normal"].element.pPr
    for ppr in (defaults, normal):
        assert [(child.tag, child.get(f"{W}val")) for child in ppr if "autoSpace" in child.tag] == [
            (f"{W}autoSpaceDE", "1"), (f"{W}autoSpaceDN", "1")]


def test_one_attachment_is_not_numbered():
    """GB/T 9704 numbers attachments only when there are several: 附件：名称 and 附件."""
    document = render(load_plan_text(ONE_ATTACHMENT, "one.yaml").plan)
    texts = body_texts(document)
    assert "附件：2027年工作进度安排" in texts and "附件" in texts
    assert not [t for t in texts if re.match(r"附件(\d|：\d\.)", t)]
    two = body_texts(render(load_plan(EXAMPLES / "bureau-union-2027.yaml").plan))
    assert "附件1" in two and "附件2" in two  # several are numbered


def test_table_cells_have_margins_and_no_column_narrower_than_a_word(bureau):
    _schedule, grid, targets = bureau.tables
    margins = targets._tbl.find(f"{W}tblPr/{W}tblCellMar")
    assert {child.tag.split("}")[1]: int(child.get(f"{W}w")) for child in margins} == {
        "top": 85, "bottom": 85, "left": 108, "right": 108}
    columns = [int(c.get(f"{W}w")) for c in targets._tbl.findall(f"{W}tblGrid/{W}gridCol")]
    # 上年基数 and 责任部门 hold 法律保障部 and 1200人 whole; 指标 takes the rest and wraps
    assert columns[4] >= 5 * 280 + 216 and columns[1] == max(columns)
    label = next(row.cells[1] for row in targets.rows if row.cells[1].text.startswith("创建市级"))
    assert label.text == "创建市级\n“工人先锋号”"  # wrapped between words, the quoted name whole


@pytest.mark.parametrize(("text", "capacity", "lines", "set_width"), [
    ("群众性经济技术创新活动覆盖面", 9.5, ("群众性经济技术", "创新活动覆盖面"), True),  # even lines, 群众性 and 覆盖面 whole
    ("一（一）深入开展职工劳动技能竞赛", 14.5, ("一（一）深入开展", "职工劳动技能竞赛"), True),
    ("创建市级“工人先锋号”", 9.5, ("创建市级", "“工人先锋号”"), False),
    ("民营医疗机构集体合同签订率", 9.5, ("民营医疗机构集体", "合同签订率"), True),
    ("参加技能竞赛的职工", 9.5, None, None),
])
def test_cell_text_wraps_between_words(text, capacity, lines, set_width):
    """Lines break between words (the 率 of 签订率 stays with it, a quoted name whole); where a
    width makes every engine break there itself, the cell is set that wide instead of being
    given a line break."""
    from planforge.render.table_layout import runs, wrap

    wrapped = wrap(text, capacity)
    assert (wrapped is None) == (lines is None)
    if wrapped is not None:
        assert wrapped.lines == lines and (wrapped.width is not None) == set_width
    assert "".join(runs(text)) == text and "率" not in runs(text)
