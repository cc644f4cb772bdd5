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

import functools
import io
import math
import re
from copy import deepcopy
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

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
        # Explicit off as well as on: a plain run inside a bold heading must not inherit bold.
        rpr.get_or_add_b().set(qn("w:val"), "1" if bold else "0")
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
    """Builds body paragraphs and tables as XML directly.

    python-docx's object API re-finds style ids and re-scans the body for every paragraph, which
    made a 1,000-item plan take 20 s; building elements with their properties already in schema
    order, with run properties copied from a small cache, keeps rendering linear and fast."""

    def __init__(self, document, layout: Layout):
        self.layout = layout
        self.body = document.element.body
        self.section_properties = self.body.find(qn("w:sectPr"))
        self.style_ids = {name: _style(document, name).style_id for name in ("Normal", "Title", *HEADING_STYLES)}
        self._rpr_cache: dict[tuple, object] = {}
        self.written: list = []  # every body paragraph, in order

    # -- elements

    def _append(self, element) -> None:
        if self.section_properties is not None:
            self.section_properties.addprevious(element)
        else:
            self.body.append(element)

    def paragraph(self, style: str | None = None, *, indent: dict | None = None, align: str | None = None,
                  page_break: bool = False, snap: bool = True, single: bool = False, container=None):
        p = OxmlElement("w:p") if container is None else etree.SubElement(container, _qn("w:p"))
        ppr = etree.Element(_qn("w:pPr"))
        if style and style != "Normal":
            _sub(ppr, "w:pStyle", val=self.style_ids[style])
        if page_break:
            _sub(ppr, "w:pageBreakBefore")
        if not snap:
            _sub(ppr, "w:snapToGrid", val="0")
        if single:
            _sub(ppr, "w:spacing", before="0", after="0", line="240", lineRule="auto")
        if indent:
            _sub(ppr, "w:ind", **indent)
        if align:
            _sub(ppr, "w:jc", val=align)
        if len(ppr):
            p.insert(0, ppr)
        if container is None:
            self._append(p)
            self.written.append(p)
        return p

    def run(self, p, text: str, font: str | None = None, bold: bool | None = None, size: float | None = None):
        r = etree.SubElement(p, _qn("w:r"))
        r.append(deepcopy(self._rpr(font, bold, size)))
        for index, line in enumerate(clean(text).split("\n")):
            if index:
                etree.SubElement(r, _qn("w:br"))
            t = etree.SubElement(r, _qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            t.text = line
        return r

    def _rpr(self, font: str | None, bold: bool | None, size: float | None):
        key = (font, bold, size)
        if key not in self._rpr_cache:
            rpr = etree.Element(_qn("w:rPr"))
            attrs = {"hint": "eastAsia"}
            if font:
                latin = self.layout.latin_font
                attrs = {"ascii": latin, "hAnsi": latin, "eastAsia": font, "cs": latin, "hint": "eastAsia"}
            _sub(rpr, "w:rFonts", **attrs)
            if bold is not None:
                _sub(rpr, "w:b", val="1" if bold else "0")
                _sub(rpr, "w:bCs", val="1" if bold else "0")
            if size:
                _sub(rpr, "w:sz", val=str(round(size * 2)))
                _sub(rpr, "w:szCs", val=str(round(size * 2)))
            self._rpr_cache[key] = rpr
        return self._rpr_cache[key]

    def no_indent(self, size: float | None = None) -> dict:
        return {"firstLineChars": "0", "firstLine": "0"}

    def blank(self):
        return self.paragraph(indent=self.no_indent())

    # -- the parts of a plan

    def title(self, view: dict) -> None:
        self.run(self.paragraph("Title"), view["title"])
        if view["draft"]:
            self.run(self.paragraph("Title"), view["draft"], self.layout.level_fonts[2], size=self.layout.body_size)
        self.blank()

    def node(self, node: dict) -> None:
        level = node["level"]
        body = node["text"] + node["targets"] + node["meta"]
        p = self.paragraph(HEADING_STYLES[level - 1])
        if node["run_in"]:
            self.run(p, node["marker"] + node["heading"], self.layout.level_fonts[level - 1], level in self.layout.bold_levels)
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
            if index == 1:
                self.run(self.paragraph(), f"附件：{index}.{name}")
            else:  # 2 characters of indent + “附件：”
                self.run(self.paragraph(indent={"left": str(round(size * 5 * 20)), "firstLineChars": "0", "firstLine": "0"}),
                         f"{index}.{name}")

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
            if text:
                indent = {"left": str(round(max(start, 0) * size * 20)), "firstLineChars": "0", "firstLine": "0"}
                self.run(self.paragraph(indent=indent, align="left"), text)

    def attachment_page(self, number: int, title: str) -> None:
        """附件N in 3号黑体 at the top left, the title centred on line 3."""
        self.run(self.paragraph(indent=self.no_indent(), page_break=True), f"附件{number}", self.layout.level_fonts[0])
        self.blank()
        self.run(self.paragraph("Title"), title)
        self.blank()

    def caption(self, text: str) -> None:
        self.run(self.paragraph(indent=self.no_indent(), align="center"), text, self.layout.level_fonts[0])

    def table(self, header: list[str], rows: list[list[str]], widths: list[int], size: float | None = None,
              shaded: list[list[bool]] | None = None, cell_margin: int | None = None) -> None:
        """Full black borders, fixed column widths that add up to the text block, a header row
        that repeats on every page, rows that never split (GB/T 9704 tables).

        Written as one XML string and parsed once: a month grid of a large plan has tens of
        thousands of cells, and building them element by element dominated the render time."""
        size = size or self.layout.table_size
        half_points = round(size * 2)
        latin = _attr(self.layout.latin_font)

        def run_props(font: str) -> str:
            font = _attr(font)
            return (f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{font}" w:cs="{latin}" '
                    f'w:hint="eastAsia"/><w:b w:val="0"/><w:bCs w:val="0"/><w:sz w:val="{half_points}"/>'
                    f'<w:szCs w:val="{half_points}"/></w:rPr>')

        header_rpr, body_rpr = run_props(self.layout.table_header_font), run_props(self.layout.body_font)
        ppr = ('<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" '
               'w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="{align}"/></w:pPr>')
        wide = len(header) > 6  # the month grid: centre everything
        parts = [f'<w:tbl {_NSDECL}><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>']
        parts += [f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for edge in ("top", "left", "bottom", "right", "insideH", "insideV")]
        parts.append('</w:tblBorders><w:tblLayout w:type="fixed"/>')
        if cell_margin is not None:
            parts.append(f'<w:tblCellMar><w:left w:w="{cell_margin}" w:type="dxa"/>'
                         f'<w:right w:w="{cell_margin}" w:type="dxa"/></w:tblCellMar>')
        parts.append("</w:tblPr><w:tblGrid>")
        parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
        parts.append("</w:tblGrid>")
        for r_index, values in enumerate([header] + rows):
            parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r_index == 0 else "") + "</w:trPr>")
            rpr = header_rpr if r_index == 0 else body_rpr
            for c_index, value in enumerate(values):
                shade = shaded and r_index > 0 and shaded[r_index - 1][c_index]
                align = "center" if (r_index == 0 or c_index != 1 or wide) else "left"
                parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{widths[c_index]}" w:type="dxa"/>'
                             + ('<w:shd w:val="clear" w:color="auto" w:fill="A6A6A6"/>' if shade else "")
                             + "</w:tcPr><w:p>" + ppr.format(align=align))
                if value:
                    parts.append(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(clean(value))}</w:t></w:r>')
                parts.append("</w:p></w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self._append(parse_xml("".join(parts)))
        self.blank()


def _attr(value: str) -> str:
    return escape(clean(value), {'"': "&quot;"})


_NSDECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@functools.cache
def _qn(name: str) -> str:
    return qn(name)


def _sub(parent, tag: str, **attrs):
    """Append a child `tag` with `w:` attributes; returns it (lxml directly: OxmlElement's
    namespace bookkeeping was most of the cost of a large table)."""
    return etree.SubElement(parent, _qn(tag), {_qn(f"w:{k}"): v for k, v in attrs.items()})


def _width_in_chars(text: str) -> float:
    """Digits and Latin letters take half a Chinese character's width."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


# ---------------------------------------------------------------- the document

def _open_reference(reference: Path | None):
    if reference is None:
        return docx.Document(), False
    from planforge.docx_package import open_docx

    try:
        document = open_docx(reference)
    except InputError as exc:  # said as a reference template, whatever the fault
        detail = exc.problems[0]  # a Problem: worded in the user's language when printed
        raise InputError([Problem("PF003", "bad_reference_docx", {"detail": detail}, file=str(reference))]) from None
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
    closing_from = len(w.written) - 1  # the last body paragraph
    if view["attachments"]:
        w.attachment_note(view["attachments"])
    w.signature(view["signature"], view["date"])
    # The signature never stands on a page of its own: it keeps the last body lines with it.
    for p in w.written[max(closing_from, 0):-1]:
        _keep_with_next(p)

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


def _keep_with_next(p) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is None:
        keep = OxmlElement("w:keepNext")
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            style.addnext(keep)
        else:
            ppr.insert(0, keep)


def _drop_trailing_blank(document) -> None:
    """A blank paragraph at the very end can spill onto an empty last page."""
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    if paragraphs and not "".join(paragraphs[-1].itertext()).strip() and body[-2] is paragraphs[-1]:
        body.remove(paragraphs[-1])

