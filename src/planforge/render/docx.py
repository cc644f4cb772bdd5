"""Plan → DOCX laid out after GB/T 9704-2012, with python-docx.

What Word, WPS and LibreOffice need, and python-docx does not do by itself (see
shared/design/gbt9704.md): A4 and the 公文 margins, a real 22 × 28 document grid, East Asian font
names written into every style used with the theme fonts removed, built-in Heading 1–4 restyled
(outline levels for the navigation pane and a table of contents), odd/even footers with
`— n —` on the outer side, tables with a repeating header row inside the margins, and the
signature and date placed as the standard says. Numbering, target sentences and dates come from
the shared view, so this file only lays out.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from planforge.errors import InputError, Problem
from planforge.render.presets import Layout

_THEME_ATTRS = [qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
# XML 1.0 cannot hold these; they arrive in pasted text and would make an unopenable file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
TEXT_WIDTH_TWIPS = 8844  # 156 mm: the GB/T 9704 text block; tables span exactly this


def clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


# ---------------------------------------------------------------- fonts and paragraph properties

def _set_fonts(rpr_parent, east_asia: str, latin: str, size: float | None = None, bold: bool | None = None) -> None:
    """Write explicit fonts on a style or run: `w:eastAsia` for Chinese, the Latin font for
    digits and Latin text, no theme attribute left to override them."""
    if hasattr(rpr_parent, "get_or_add_rPr"):
        rpr = rpr_parent.get_or_add_rPr()
    else:  # w:rPrDefault has no python-docx class; its w:rPr child does
        rpr = rpr_parent.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_parent.append(rpr)
    fonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(attr, None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")  # “ ” — … take the Chinese face
    if size is not None:
        rpr.get_or_add_sz().set(qn("w:val"), str(round(size * 2)))
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            rpr.get_or_add_sz().addnext(szcs)
        szcs.set(qn("w:val"), str(round(size * 2)))
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            for old in rpr.findall(qn(tag)):
                rpr.remove(old)
        if bold:
            rpr.get_or_add_b()
    for tag in ("w:color", "w:i", "w:iCs"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)


def _indent_chars(paragraph_format, first_line_chars: int, size: float) -> None:
    """First-line indent in characters (`firstLineChars`, which Word and WPS prefer) with the
    twips equivalent for LibreOffice. Inherited `Chars` attributes win over plain ones, so zero
    is written explicitly where no indent is wanted."""
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(round(first_line_chars * size * 20)))
    for attr in ("w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)


def _spacing(paragraph_format, layout: Layout, exact: float | None) -> None:
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    if exact:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph_format.line_spacing = Pt(exact)
    else:
        paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _strip_theme_fonts(document) -> None:
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(attr, None)


def _style(document, name: str):
    try:
        return document.styles[name]
    except KeyError:
        from docx.enum.style import WD_STYLE_TYPE

        return document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


# ---------------------------------------------------------------- page set-up

def _setup_page(section, layout: Layout, portable_grid: bool) -> None:
    top, bottom, left, right = layout.margins_mm
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    section.header_distance = Mm(15)
    # The page number sits about 7 mm below the text block (GB/T 9704 7.5).
    section.footer_distance = Mm(max(bottom - 7 - 6, 5))
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    if layout.use_grid and not portable_grid:
        char_pitch = _char_pitch(layout)
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(round(layout.line_pitch * 20)))
        # charSpace: the pitch's excess over the body size, in 1/4096 pt.
        # rounded down: a pitch a hair too wide would push the 28th character to the next line
        grid.set(qn("w:charSpace"), str(math.floor((char_pitch - layout.body_size) * 4096)))
    else:
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(layout.line_pitch * 20)))


def _char_pitch(layout: Layout) -> float:
    _top, _bottom, left, right = layout.margins_mm
    return (210 - left - right) / 25.4 * 72 / layout.chars_per_line


def _page_number_paragraph(paragraph, layout: Layout, outer_right: bool) -> None:
    """`— n —` in 4号宋体 on the outer side, one character in from the edge."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if outer_right else WD_ALIGN_PARAGRAPH.LEFT
    pf = paragraph.paragraph_format
    _indent_chars(pf, 0, layout.page_number_size)
    one_char = Pt(layout.page_number_size)
    if outer_right:
        pf.right_indent = one_char
    else:
        pf.left_indent = one_char
    pf.space_before = pf.space_after = Pt(0)

    def run(text: str | None = None, field: str | None = None, instr: str | None = None):
        r = paragraph.add_run(text or "")
        font = layout.page_number_font
        _set_fonts(r._r, font, font, layout.page_number_size)
        if field:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), field)
            r._r.append(char)
        if instr:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = instr
            r._r.append(node)
        return r

    run("— ")
    run(field="begin")
    run(instr=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def _setup_footers(document, section, layout: Layout) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    for footer, outer_right in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for r in list(paragraph.runs):
            r._r.getparent().remove(r._r)
        paragraph.style = document.styles["Footer"]
        _page_number_paragraph(paragraph, layout, outer_right)


# ---------------------------------------------------------------- styles

def _setup_styles(document, layout: Layout, portable_grid: bool) -> None:
    _strip_theme_fonts(document)
    # The document defaults carry the body size too: LibreOffice measures the character grid's
    # pitch from them (Word from Normal), and a 10 pt default would spread every line.
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        _set_fonts(rpr_default, layout.body_font, layout.latin_font, layout.body_size)
    exact = layout.line_pitch  # exact spacing keeps 22 lines a page even where the grid is ignored

    normal = document.styles["Normal"]
    _set_fonts(normal.element, layout.body_font, layout.latin_font, layout.body_size, bold=False)
    _spacing(normal.paragraph_format, layout, exact)
    _indent_chars(normal.paragraph_format, 2, layout.body_size)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False  # 公文 fills every grid line
    if layout.use_grid and portable_grid:
        # LibreOffice never sets characters closer than their size on a character grid, so for
        # it the 28-character line comes from condensed spacing instead (in 1/20 pt).
        condense = OxmlElement("w:spacing")
        condense.set(qn("w:val"), str(math.floor((_char_pitch(layout) - layout.body_size) * 20)))
        rpr = normal.element.get_or_add_rPr()
        size = rpr.find(qn("w:sz"))
        (size.addprevious if size is not None else rpr.append)(condense)

    title = _style(document, "Title")
    _set_fonts(title.element, layout.title_font, layout.latin_font, layout.title_size, bold=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(title.paragraph_format, layout, max(exact, layout.title_size * 1.25))
    _indent_chars(title.paragraph_format, 0, layout.title_size)
    _drop_borders(title)

    for level, name in enumerate(HEADING_STYLES, start=1):
        style = _style(document, name)
        _set_fonts(style.element, layout.level_fonts[level - 1], layout.latin_font, layout.body_size,
                   bold=level in layout.bold_levels)
        pf = style.paragraph_format
        _spacing(pf, layout, exact)
        _indent_chars(pf, 2, layout.body_size)
        pf.keep_with_next = True
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        ppr = style.element.get_or_add_pPr()
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            ppr.append(outline)
        outline.set(qn("w:val"), str(level - 1))

    footer = _style(document, "Footer")
    _set_fonts(footer.element, layout.page_number_font, layout.page_number_font, layout.page_number_size)
    _indent_chars(footer.paragraph_format, 0, layout.page_number_size)


def _drop_borders(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


# ---------------------------------------------------------------- body

class _Writer:
    def __init__(self, document, layout: Layout):
        self.doc = document
        self.layout = layout
        self.styles = {name: _style(document, name) for name in ("Normal", "Title", *HEADING_STYLES)}

    def paragraph(self, style: str = "Normal"):
        return self.doc.add_paragraph(style=self.styles[style])

    def run(self, paragraph, text: str, font: str | None = None, bold: bool | None = None, size: float | None = None):
        r = paragraph.add_run(clean(text))
        if font or bold is not None or size:
            _set_fonts(r._r, font or self.layout.body_font, self.layout.latin_font, size, bold)
        return r

    def no_indent(self, paragraph, size: float | None = None):
        _indent_chars(paragraph.paragraph_format, 0, size or self.layout.body_size)

    def blank(self):
        p = self.paragraph()
        self.no_indent(p)
        return p

    # -- the parts of a plan

    def title(self, view: dict) -> None:
        p = self.paragraph("Title")
        self.run(p, view["title"])
        if view["draft"]:
            p = self.paragraph("Title")
            self.run(p, view["draft"], size=self.layout.body_size, font=self.layout.level_fonts[2])
        self.blank()

    def node(self, node: dict) -> None:
        level = node["level"]
        font = self.layout.level_fonts[level - 1]
        bold = level in self.layout.bold_levels
        body = node["text"] + node["targets"] + node["meta"]
        p = self.paragraph(HEADING_STYLES[level - 1])
        if node["run_in"]:
            self.run(p, node["marker"] + node["heading"], font, bold)
            if body:
                self.run(p, body, self.layout.body_font, False)
        else:
            self.run(p, node["marker"] + node["title"])
            if body:
                self.run(self.paragraph(), body)
        for child in node["children"]:
            self.node(child)

    def attachment_note(self, names: list[str]) -> None:
        """附件：1.名称 under the body after one blank line; later names aligned under the first."""
        self.blank()
        size = self.layout.body_size
        for index, name in enumerate(names, start=1):
            p = self.paragraph()
            if index == 1:
                self.run(p, f"附件：{index}.{name}")
            else:
                pf = p.paragraph_format
                _indent_chars(pf, 0, size)
                pf.left_indent = Pt(size * 5)  # 2 characters of indent + “附件：”
                self.run(p, f"{index}.{name}")

    def signature(self, signer: str, date: str) -> None:
        """署名右空二字; the date on the next line, its first character two to the right of the
        name's (GB/T 9704 7.3.5.2); when the date is the longer, it keeps two spaces and the
        name moves left."""
        if not signer and not date:
            return
        self.blank()
        size = self.layout.body_size
        text_chars = (TEXT_WIDTH_TWIPS / 20) / size
        name_w, date_w = _width_in_chars(signer), _width_in_chars(date)
        if date_w + 2 > name_w:
            date_start = text_chars - 2 - date_w
            name_start = date_start - 2
        else:
            name_start = text_chars - 2 - name_w
            date_start = name_start + 2
        for text, start in ((signer, name_start), (date, date_start)):
            if not text:
                continue
            p = self.paragraph()
            pf = p.paragraph_format
            _indent_chars(pf, 0, size)
            pf.left_indent = Pt(max(start, 0) * size)
            pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
            self.run(p, text)

    def attachment_page(self, number: int, title: str) -> None:
        """附件N in 3号黑体 at the top left, the title centred on line 3."""
        p = self.paragraph()
        self.no_indent(p)
        p.paragraph_format.page_break_before = True
        self.run(p, f"附件{number}", self.layout.level_fonts[0])
        self.blank()
        p = self.paragraph("Title")
        self.run(p, title)
        self.blank()

    def caption(self, text: str) -> None:
        p = self.paragraph()
        self.no_indent(p)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.run(p, text, self.layout.level_fonts[0])

    def table(self, header: list[str], rows: list[list[str]], widths: list[int], size: float | None = None,
              shaded: list[list[bool]] | None = None, cell_margin: int | None = None) -> None:
        size = size or self.layout.table_size
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _table_borders_and_grid(table, widths, cell_margin)
        for r_index, values in enumerate([header] + rows):
            row = table.rows[r_index]
            trpr = row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
            if r_index == 0:
                trpr.append(OxmlElement("w:tblHeader"))
            for c_index, value in enumerate(values):
                cell = row.cells[c_index]
                cell.width = Twips(widths[c_index])
                p = cell.paragraphs[0]
                pf = p.paragraph_format
                _indent_chars(pf, 0, size)
                pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
                pf.space_before = pf.space_after = Pt(0)
                _no_snap(p)
                centred = r_index == 0 or c_index != 1 or len(header) > 6
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
                font = self.layout.table_header_font if r_index == 0 else self.layout.body_font
                self.run(p, value, font, False, size)
                if shaded and r_index > 0 and shaded[r_index - 1][c_index]:
                    _shade(cell)
        self.blank()


def _width_in_chars(text: str) -> float:
    """Digits and Latin letters take half a Chinese character's width."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _no_snap(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    snap = ppr.find(qn("w:snapToGrid"))
    if snap is None:
        snap = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(snap, *_PPR_AFTER_SNAP)
    snap.set(qn("w:val"), "0")


_PPR_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _shade(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "A6A6A6")
    tcpr.append(shd)


def _table_borders_and_grid(table, widths: list[int], cell_margin: int | None = None) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    width = tblpr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tblpr.append(width)
    width.set(qn("w:w"), str(sum(widths)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    # tblBorders follows tblW/jc/tblInd in CT_TblPr's sequence; tblLayout and tblLook come after.
    anchor = tblpr.find(qn("w:tblLayout"))
    if anchor is None:
        anchor = tblpr.find(qn("w:tblLook"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tblpr.append(borders)
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        look = tblpr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(layout)
        else:
            tblpr.append(layout)
    layout.set(qn("w:type"), "fixed")
    if cell_margin is not None:
        margins = OxmlElement("w:tblCellMar")
        for edge in ("left", "right"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:w"), str(cell_margin))
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        look = tblpr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(margins)
        else:
            tblpr.append(margins)
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))


# ---------------------------------------------------------------- the document

def _open_reference(reference: Path | None):
    if reference is None:
        return docx.Document(), False
    try:
        document = docx.Document(str(reference))
    except Exception as exc:  # python-docx raises several types for a bad package
        raise InputError([Problem("PF003", "bad_reference_docx", {"detail": f"{type(exc).__name__}: {exc}"}, file=str(reference))]) from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document, True


def render_docx(view: dict, layout: Layout, reference: Path | None = None, portable_grid: bool = False) -> bytes:
    """`portable_grid` trades Word's character grid for condensed spacing that LibreOffice lays
    out the same way (28 characters a line); the PDF path uses it."""
    document, from_reference = _open_reference(reference)
    section = document.sections[0]
    if not from_reference:
        _setup_page(section, layout, portable_grid)
        _setup_styles(document, layout, portable_grid)
        _setup_footers(document, section, layout)
    else:
        for name in ("Title", *HEADING_STYLES):  # the organisation's styles win; add only missing ones
            _style(document, name)
    core = document.core_properties
    core.title = clean(view["title"])[:255]  # the package format's limit for core properties
    core.author = clean(view["organization"] or "planforge")[:255]
    core.comments = "planforge"

    w = _Writer(document, layout)
    w.title(view)
    for paragraph in view["preamble"]:
        w.run(w.paragraph(), paragraph)
    for node in view["sections"]:
        w.node(node)
    closing_from = len(document.paragraphs) - 1  # the last body paragraph
    if view["attachments"]:
        w.attachment_note(view["attachments"])
    w.signature(view["signature"], view["date"])
    # The signature never stands on a page of its own: it keeps the last body lines with it.
    for paragraph in document.paragraphs[max(closing_from, 0):-1]:
        paragraph.paragraph_format.keep_with_next = True

    number = 0
    if view["schedule"]:
        number += 1
        w.attachment_page(number, view["attachments"][number - 1])
        rows = [
            [entry["when"], task["text"], task["owner"], task["deadline"]]
            for entry in view["schedule"] for task in entry["tasks"]
        ]
        w.table(["月份", "工作内容", "责任部门", "完成时限"], rows, [1300, 4144, 1800, 1600], cell_margin=57)
    if view["month_grid"]:
        if not view["schedule"]:
            number += 1
            w.attachment_page(number, f"{view['year']}年工作进度安排")
        w.caption(f"{view['year']}年工作进度图")
        label_width = TEXT_WIDTH_TWIPS - 12 * 504
        rows = [[row["label"]] + ["" for _ in range(12)] for row in view["month_grid"]]
        shaded = [[False] + [m in row["months"] for m in range(1, 13)] for row in view["month_grid"]]
        w.table(["事项"] + [f"{m}月" for m in range(1, 13)], rows, [label_width] + [504] * 12,
                size=layout.grid_size, shaded=shaded, cell_margin=29)
    if view["targets_table"]:
        number += 1
        w.attachment_page(number, view["attachments"][-1])
        rows = [[str(r["index"]), r["what"], r["value"], r["baseline"], r["owner"]] for r in view["targets_table"]]
        w.table(["序号", "指标", "目标值", "上年基数", "责任部门"], rows, [700, 2744, 2000, 1600, 1800], cell_margin=57)
    _drop_trailing_blank(document)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _drop_trailing_blank(document) -> None:
    """A blank paragraph at the very end can spill onto an empty last page."""
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    if paragraphs and not "".join(paragraphs[-1].itertext()).strip() and body[-2] is paragraphs[-1]:
        body.remove(paragraphs[-1])

