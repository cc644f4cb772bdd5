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

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from planforge.errors import InputError, Problem
from planforge.patterns import lazy
from planforge.render.docx_parts import escape, finish_package
from planforge.render.presets import Layout
from planforge.render.table_layout import column_widths, wrap
from planforge.render.view import DocumentView, ItemView, Table

_THEME_ATTRS = [qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
# XML 1.0 cannot hold these; they arrive in pasted text and would make an unopenable file.
_XML_ILLEGAL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
TABLE_TEXT, GRID_TEXT = "Table Text", "Grid Text"
TEXT_WIDTH_TWIPS = 8844  # 156 mm: the GB/T 9704 text block; tables span exactly this
_NO_INDENT = {"firstLineChars": "0", "firstLine": "0"}  # zero written out: an inherited indent in characters wins otherwise


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


def _spacing(paragraph_format, exact: float | None) -> None:
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

def _setup_page(section, layout: Layout) -> None:
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
    # Lines only: Word, WPS and LibreOffice all keep 22 lines to the page with it. The 28
    # characters a line come from the condensed spacing in Normal (see _setup_styles), not from
    # a character grid: its negative charSpace makes LibreOffice set a character over two cells.
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

def _setup_styles(document, layout: Layout) -> None:
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
    _spacing(normal.paragraph_format, exact)
    _indent_chars(normal.paragraph_format, 2, layout.body_size)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.widow_control = False  # 公文 fills every grid line
    if layout.use_grid:
        # 28 characters of 16 pt do not fit 156 mm; condensing each by a quarter point does, in
        # every reader (the spacing is in 1/20 pt, rounded down so the 28th always fits).
        _character_spacing(normal.element, math.floor((_char_pitch(layout) - layout.body_size) * 20))

    title = _style(document, "Title")
    _set_fonts(title.element, layout.title_font, layout.latin_font, layout.title_size, bold=False)
    _character_spacing(title.element, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # A title broken over lines is set solid (single pitch, off the grid), not one grid line
    # and a half apart.
    _spacing(title.paragraph_format, layout.title_size * 1.25)
    _off_grid(title.element)
    _indent_chars(title.paragraph_format, 0, layout.title_size)
    _drop_borders(title)

    for level, name in enumerate(HEADING_STYLES, start=1):
        style = _style(document, name)
        _set_fonts(style.element, layout.level_fonts[level - 1], layout.latin_font, layout.body_size,
                   bold=level in layout.bold_levels)
        pf = style.paragraph_format
        _spacing(pf, exact)
        _indent_chars(pf, 2, layout.body_size)
        pf.keep_with_next = True  # a heading alone on its line goes with the text under it
        pf.keep_together = False
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _outline_level(style.element.get_or_add_pPr(), level)

    for name, size in ((TABLE_TEXT, layout.table_size), (GRID_TEXT, layout.grid_size)):
        # One paragraph style for every cell instead of properties repeated in each of them
        # (10,000 items made 365 MiB of them).
        table_text = _style(document, name)
        table_text.base_style = normal
        _set_fonts(table_text.element, layout.body_font, layout.latin_font, size, bold=False)
        _character_spacing(table_text.element, 0)
        table_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(table_text.paragraph_format, None)
        _off_grid(table_text.element)
        _indent_chars(table_text.paragraph_format, 0, size)

    footer = _style(document, "Footer")
    _set_fonts(footer.element, layout.page_number_font, layout.page_number_font, layout.page_number_size)
    _indent_chars(footer.paragraph_format, 0, layout.page_number_size)
    _match_linked_character_styles(document)


def _character_spacing(style_element, twentieths: int) -> None:
    """Expanded (+) or condensed (−) spacing between characters, in 1/20 pt, on a style."""
    rpr = style_element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    later = next((rpr.find(qn(t)) for t in ("w:w", "w:kern", "w:position", "w:sz") if rpr.find(qn(t)) is not None), None)
    (later.addprevious if later is not None else rpr.append)(spacing)


def _off_grid(style_element) -> None:
    ppr = style_element.get_or_add_pPr()
    if ppr.find(qn("w:snapToGrid")) is None:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        ppr.insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


# pPr children that come after w:snapToGrid in the schema (CT_PPrBase order)
_AFTER_SNAP_TO_GRID = tuple(f"w:{t}" for t in (
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
    "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _outline_level(ppr, level: int) -> None:
    outline = ppr.find(qn("w:outlineLvl"))
    if outline is None:
        outline = OxmlElement("w:outlineLvl")
        ppr.insert_element_before(outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    outline.set(qn("w:val"), str(level - 1))


def _match_linked_character_styles(document) -> None:
    """The template's `Heading 1 Char`, `Title Char`…: Word applies them when a user formats part
    of a heading, and they were still the template's blue, bold Calibri. They take their
    paragraph style's fonts, size and weight."""
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    for style in by_id.values():
        link = style.find(qn("w:link"))
        if style.get(qn("w:type")) != "character" or link is None:
            continue
        paragraph_style = by_id.get(link.get(qn("w:val")))
        source = paragraph_style.find(qn("w:rPr")) if paragraph_style is not None else None
        for old in style.findall(qn("w:rPr")):
            style.remove(old)
        rpr = deepcopy(source) if source is not None else OxmlElement("w:rPr")
        for spacing in rpr.findall(qn("w:spacing")):
            rpr.remove(spacing)
        style.append(rpr)


def _drop_borders(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


# ---------------------------------------------------------------- body

class _Writer:
    """Builds body paragraphs and tables as XML directly.

    python-docx's object API re-finds style ids and re-scans the body for every paragraph, which
    made a 1,000-item plan take 20 s; building elements with their properties already in schema
    order, with run properties copied from a small cache, keeps rendering linear and fast.

    Finished parts of the body are written out as text as the document grows (`flush`): an
    element tree of a 10,000-item plan held half of the render's memory. A marker stands where
    the text goes; `finish_package` puts it there when the package is saved. Elements that may
    still change (the last body paragraph, the closing lines) are held until done, and those
    still held at the end go into the tree, for the document's own save to write.

    Body paragraphs are plain lxml elements, built outside python-docx's tree: inside it every
    element made gets python-docx's proxy class, which a paragraph written out as text at once
    never uses (a seventh of a 1,000-item render)."""

    def __init__(self, document, layout: Layout):
        self.layout = layout
        self.body = document.element.body
        self.section_properties = self.body.find(qn("w:sectPr"))
        self.style_ids = {name: _style(document, name).style_id
                          for name in ("Normal", "Title", *HEADING_STYLES, TABLE_TEXT, GRID_TEXT)}
        self._rpr_cache: dict[tuple, object] = {}
        self.written: list = []  # the body paragraphs not yet written out, in order
        self.chars_per_line = layout.chars_per_line if layout.use_grid else int((TEXT_WIDTH_TWIPS / 20) // layout.body_size)
        self.flushed: list[bytes] = []  # the body written out so far, in order, before the live elements
        self._live: list = []  # the elements not yet written out, held outside the tree, in order
        self._place(etree.PI(BODY_MARKER))

    # -- elements

    def _place(self, element) -> None:
        if self.section_properties is not None:
            self.section_properties.addprevious(element)
        else:
            self.body.append(element)

    def _append(self, element) -> None:
        self._live.append(element)  # into the tree only if still live at the end (`attach_live`)

    def attach_live(self) -> None:
        """The elements not written out, into the tree, where the document's own save writes them."""
        for element in self._live:
            self._place(element)

    def _append_xml(self, xml: str) -> None:
        """A part already written as text (a table): after everything before it."""
        self.flush()
        self.flushed.append(xml.encode("utf-8"))

    def flush(self, keep: int = 0) -> None:
        """Write out all live elements but the last `keep`, which may still change (and forget
        the paragraphs written out: `written` keeps only the ones still held)."""
        done = self._live[: max(len(self._live) - keep, 0)]
        for element in done:
            xml = etree.tostring(element, encoding="UTF-8", xml_declaration=False)
            start, rest = xml.split(b">", 1)  # the namespaces in scope are declared on its first tag
            self.flushed.append(_NS_DECLARATION.sub(b"", start) + b">" + rest)
        self._live = self._live[len(done):]
        live = {id(element) for element in self._live}
        self.written = [p for p in self.written[-max(keep, 1):] if id(p) in live] if done else self.written

    def body_xml(self) -> tuple[bytes, bytes]:
        """(the marker as serialised, the body written out), for `finish_package`."""
        return etree.tostring(etree.PI(BODY_MARKER)), b"".join(self.flushed)

    def paragraph(self, style: str | None = None, *, indent: dict | None = None, align: str | None = None,
                  page_break: bool = False, snap: bool = True, single: bool = False, container=None,
                  outline: int | None = None, keep_next: bool = False):
        p = etree.Element(_qn("w:p"), nsmap=_W_NSMAP) if container is None else etree.SubElement(container, _qn("w:p"))
        ppr = etree.Element(_qn("w:pPr"))
        if style and style != "Normal":
            _sub(ppr, "w:pStyle", val=self.style_ids[style])
        if keep_next:
            _sub(ppr, "w:keepNext")
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
        if outline is not None:
            _sub(ppr, "w:outlineLvl", val=str(outline - 1))
        if len(ppr):
            p.insert(0, ppr)
        if container is None:
            self._append(p)
            self.written.append(p)
        return p

    def run(self, p, text: str, font: str | None = None, bold: bool | None = None, size: float | None = None,
            spacing: int | None = None):
        if _SLOT.search(text):
            return highlight_slots(self, p, text, font, bold, size, spacing)
        r = etree.SubElement(p, _qn("w:r"))
        r.append(self._rpr(font, bold, size, spacing).__copy__())  # lxml copies the whole element, as deepcopy would, without its memo
        for index, line in enumerate(clean(text).split("\n")):
            if index:
                etree.SubElement(r, _qn("w:br"))
            t = etree.SubElement(r, _qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            t.text = line
        return r

    def _rpr(self, font: str | None, bold: bool | None, size: float | None, spacing: int | None = None):
        key = (font, bold, size, spacing)
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
            if spacing is not None:
                _sub(rpr, "w:spacing", val=str(spacing))
            if size:
                _sub(rpr, "w:sz", val=str(round(size * 2)))
                _sub(rpr, "w:szCs", val=str(round(size * 2)))
            self._rpr_cache[key] = rpr
        return self._rpr_cache[key]

    def blank(self):
        return self.paragraph(indent=_NO_INDENT)

    # -- the parts of a plan

    def title(self, view: DocumentView) -> None:
        chars = int((TEXT_WIDTH_TWIPS / 20) // self.layout.title_size)
        self.run(self.paragraph("Title"), "\n".join(title_lines(view.title, chars)))
        if view.draft:
            self.run(self.paragraph("Title"), view.draft, self.layout.level_fonts[2], size=self.layout.body_size)
        self.blank()

    def node(self, node: ItemView) -> None:
        """Levels 1–2, and any item without text, are headings on a line of their own that keep
        with the next line. A run-in item (`1.标题。正文…`) is a body paragraph: as a heading it
        inherited keep with next, which chained whole runs of items onto the next page, and an
        outline level put the whole paragraph, body and all, into Word's navigation pane. The
        pane and a table of contents list the headings on lines of their own, each by its own
        words. (Word's style separator, a hidden paragraph mark, would list the run-in words
        alone, but LibreOffice and rdocx set the two paragraphs on separate lines.)"""
        level = node.level
        body = node.text + node.targets + node.meta
        if node.run_in:
            p = self.paragraph()
            heading = (node.marker + node.heading, self.layout.level_fonts[level - 1], level in self.layout.bold_levels)
            self.body_run(p, body, heading)
        else:  # the heading's face and weight come from its style
            p = self.paragraph(HEADING_STYLES[level - 1])
            self.body_run(p, "", (node.marker + node.title, None, None))
            if 2 + _width_in_chars(node.marker + node.title) > self.chars_per_line:
                # A heading of several lines (an imported plan's sentence) does not keep with
                # the next: LibreOffice would move it whole, and leave the page lines short.
                p.find(_qn("w:pPr")).find(_qn("w:pStyle")).addnext(etree.Element(_qn("w:keepNext"), {_qn("w:val"): "0"}))
            if body:
                self.body_run(self.paragraph(), body)
        for child in node.children:
            self.node(child)

    def body_run(self, p, text: str, heading: tuple[str, str | None, bool | None] | None = None) -> None:
        """Body text, after a run-in `heading` (its text, face, weight) when there is one; when
        the paragraph's last line would hold one or two characters (`底）` wrapped alone), its
        last lines, heading included, are condensed just enough to take them back."""
        # After a run-in heading the text names the body face and is not bold; alone in its
        # paragraph it inherits Normal (an organisation's, with --reference-docx).
        pieces = [heading] if heading else []
        if text:
            pieces.append((text, self.layout.body_font, False) if heading else (text, None, None))
        condense = lone_last_character("".join(piece[0] for piece in pieces), 0, self.chars_per_line)
        split, spacing = condense or (sum(len(piece[0]) for piece in pieces), None)
        at = 0
        for piece, font, bold in pieces:
            cut = min(max(split - at, 0), len(piece))
            if cut:
                self.run(p, piece[:cut], font, bold)
            if cut < len(piece):
                self.run(p, piece[cut:], font, bold, spacing=spacing)
            at += len(piece)

    def attachment_note(self, notes: list[str]) -> None:
        """附件：1.名称 under the body after one blank line; later names aligned under the first."""
        self.blank()
        size = self.layout.body_size
        for index, note in enumerate(notes):
            if index == 0:
                self.run(self.paragraph(), f"附件：{note}")
            else:  # 2 characters of indent + “附件：”
                self.run(self.paragraph(indent={"left": str(round(size * 5 * 20)), **_NO_INDENT}), note)

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
                indent = {"left": str(round(max(start, 0) * size * 20)), **_NO_INDENT}
                self.run(self.paragraph(indent=indent, align="left"), text)

    def attachment_page(self, number: int | None, title: str) -> None:
        """附件N (附件 alone when it is the only one) in 3号黑体 at the top left, the title
        centred on line 3."""
        label = "附件" if number is None else f"附件{number}"
        self.run(self.paragraph(indent=_NO_INDENT, page_break=True), label, self.layout.level_fonts[0])
        self.blank()
        self.run(self.paragraph("Title"), title)
        self.blank()

    def caption(self, text: str):
        p = self.paragraph(indent=_NO_INDENT, align="center", keep_next=True)
        self.run(p, text, self.layout.level_fonts[0])
        return p

    def table(self, table: Table) -> None:
        """Full black borders; columns sized from their content, adding up to the text block; a
        header row that repeats on every page; rows that never split; cells centred vertically;
        the same month on consecutive rows merged into one cell (GB/T 9704 tables).

        Written as one XML string and parsed once: a month grid of a large plan has tens of
        thousands of cells. Cell text takes its font from a paragraph style, so a cell holds
        only its width, alignment and text."""
        grid = table.kind == "grid"
        if table.caption:
            if self.written and self.written[-1] is not None and _is_spacer(self.written[-1]):
                self.blank()  # a line between the table above and this one's caption
            self.caption(table.caption)
        size = self.layout.grid_size if grid else self.layout.table_size
        top, side = _CELL_MARGINS[grid]
        widths = (grid_widths(len(table.header)) if grid else
                  column_widths(table.header, table.rows, table.text_column, char=size * 20, pad=2 * side, total=TEXT_WIDTH_TWIPS))
        cell = functools.partial(
            _cell_xml, style_id=self.style_ids[GRID_TEXT if grid else TABLE_TEXT], char=size * 20, side=side,
            header_rpr=f'<w:rPr><w:rFonts w:eastAsia="{_attr(self.layout.table_header_font)}" w:hint="eastAsia"/></w:rPr>')
        parts = [_table_start_xml(widths, top=top, side=side)]
        keep_rows = 3 if table.caption else 0  # the caption goes to the next page with the header and two rows
        for r_index, values in enumerate([table.header] + table.rows):
            parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r_index == 0 else "") + "</w:trPr>")
            for c_index, value in enumerate(values):
                merge = ""
                if table.merge_first and c_index == 0 and r_index > 0:
                    merge, value = _merged_down(table.rows, r_index - 1)
                parts.append(cell(value, widths[c_index], header=r_index == 0, merge=merge, keep=r_index < keep_rows,
                                  shade=grid and r_index > 0 and table.shaded[r_index - 1][c_index],
                                  left=r_index > 0 and c_index == table.text_column))
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        self._append_xml("".join(parts))
        self.spacer()

    def spacer(self) -> None:
        """The paragraph a table must be followed by, one point high: a full blank line after a
        table that ends a page would spill onto an empty page of its own."""
        p = self.paragraph(indent=_NO_INDENT, snap=False)
        ppr = p.find(_qn("w:pPr"))
        spacing = _sub(ppr, "w:spacing", before="0", after="0", line="20", lineRule="exact")
        ppr.find(_qn("w:ind")).addprevious(spacing)
        _sub(_sub(ppr, "w:rPr"), "w:sz", val="2")


_SLOT = lazy(r"【待补充[^】]*】")


def highlight_slots(writer: _Writer, p, text: str, font, bold, size, spacing):
    """A 【待补充：…】 slot (what only a person can write into a draft 总结) in its own run,
    highlighted yellow as Word marks what is left to do, so no slot goes out unfilled unseen."""
    last = None
    at = 0
    for match in [*_SLOT.finditer(text), None]:
        end = match.start() if match else len(text)
        if end > at:
            last = writer.run(p, text[at:end], font, bold, size, spacing)
        if match is None:
            break
        last = etree.SubElement(p, _qn("w:r"))
        rpr = deepcopy(writer._rpr(font, bold, size, spacing))
        _sub(rpr, "w:highlight", val="yellow")
        last.append(rpr)
        t = etree.SubElement(last, _qn("w:t"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
        t.text = clean(match.group(0))
        at = match.end()
    return last


# Cell margins in twips, (top and bottom, left and right), for a table (False) and the month grid
# (True). A printed 公文 table leaves text clear of the rules: 1.5 mm above and below make a
# one-line row of 4号 text about one body line high, 0.19 cm at the sides is Word's own; the grid's
# 小五号 cells are a twelfth of the block and take less.
_CELL_MARGINS = {False: (85, 108), True: (28, 29)}


def _table_start_xml(widths: list[int], top: int, side: int) -> str:
    """A table's properties (full black borders, fixed layout, centred, the cell margins) and
    its column grid."""
    borders = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    margins = "".join(f'<w:{edge} w:w="{top if edge in ("top", "bottom") else side}" w:type="dxa"/>'
                      for edge in ("top", "left", "bottom", "right"))
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}'
            f'</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>'
            f'<w:tblGrid>{columns}</w:tblGrid>')


def _merged_down(rows: list[list[str]], index: int) -> tuple[str, str]:
    """(the vertical merge, the text shown) of row `index`'s first cell: the same month as the
    row above continues that cell and shows nothing; one the row below repeats starts a cell."""
    value = rows[index][0]
    if index > 0 and rows[index - 1][0] == value:
        return "<w:vMerge/>", ""
    if index + 1 < len(rows) and rows[index + 1][0] == value:
        return '<w:vMerge w:val="restart"/>', value
    return "", value


def _cell_xml(value: str, width: int, *, style_id: str, char: float, side: int, header_rpr: str, header: bool,
              merge: str, keep: bool, shade: bool, left: bool) -> str:
    """One cell: its width, merge, shading and vertical centring, and a paragraph in the table's
    style (left-aligned in the text column) holding the text. Text that must wrap breaks between
    words (table_layout.wrap): indents narrow its lines to the width at which every engine
    breaks it there, or, where no width does, a line break stands between the lines."""
    indent, text = "", escape(clean(value))
    wrapped = wrap(value, (width - 2 * side) / char) if value else None
    if wrapped is not None and wrapped.width is not None:
        spare = max(width - 2 * side - math.ceil(wrapped.width * char), 0)
        before = 0 if left else spare // 2
        indent = f'<w:ind w:left="{before}" w:right="{spare - before}"/>'
    elif wrapped is not None:
        text = '</w:t><w:br/><w:t xml:space="preserve">'.join(escape(clean(line)) for line in wrapped.lines)
    run = f'<w:r>{header_rpr if header else ""}<w:t xml:space="preserve">{text}</w:t></w:r>' if value else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{merge}'
            + ('<w:shd w:val="clear" w:color="auto" w:fill="A6A6A6"/>' if shade else "")
            + f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{style_id}"/>'
            + ("<w:keepNext/>" if keep else "") + indent + ('<w:jc w:val="left"/>' if left else "") + f"</w:pPr>{run}</w:p></w:tc>")


def _is_spacer(p) -> bool:
    spacing = p.find(f"{_qn('w:pPr')}/{_qn('w:spacing')}")
    return spacing is not None and spacing.get(_qn("w:line")) == "20"


def _attr(value: str) -> str:
    return escape(clean(value), quote=True)


_W_NSMAP = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_NS_DECLARATION = re.compile(rb' xmlns:[A-Za-z0-9]+="[^"]*"')  # the document element declares them all
BODY_MARKER = "planforge-body"  # a processing instruction where the written-out body goes


@functools.cache
def _qn(name: str) -> str:
    return qn(name)


def _sub(parent, tag: str, **attrs):
    """Append a child `tag` with `w:` attributes; returns it (lxml directly: OxmlElement's
    namespace bookkeeping was most of the cost of a large table)."""
    return etree.SubElement(parent, _qn(tag), {_qn(f"w:{k}"): v for k, v in attrs.items()})


# ---------------------------------------------------------------- measuring lines

def _width_in_chars(text: str) -> float:
    """Digits and Latin letters take half a Chinese character's width. (The ASCII characters are
    counted by the codec, in C: a 1,000-item render measures every paragraph.)"""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


# Where a title may break: after the organisation, around the year, before the kind of document.
# A break anywhere else splits a word (计|划); these are the words a plan title is made of.
_TITLE_BREAK_BEFORE = lazy(
    r"(?=(?:关于|19\d\d|20\d\d|年度|工作计划|工作要点|工作安排|工作方案|实施方案|活动方案|工作思路|计划|要点|方案))")
_TITLE_BREAK_AFTER = lazy(r"(?:[会局院校委部厅处所司团站队室办组年度的]|中心|机关)")


def title_lines(title: str, chars: int) -> list[str]:
    """A title longer than a line, broken at a word boundary into lines as even as possible
    (公文 titles break into a balanced, trapezoid or diamond shape, never mid-word and never
    leaving 计划 alone); the upper line is the longer when they cannot be equal."""
    if _width_in_chars(title) <= chars or "\n" in title:
        return [title]
    cuts = sorted({m.start() for m in _TITLE_BREAK_BEFORE.finditer(title)} | {m.end() for m in _TITLE_BREAK_AFTER.finditer(title)})
    cuts = [c for c in cuts if 2 < c < len(title) - 2]
    lines_needed = math.ceil(_width_in_chars(title) / chars)
    best: tuple | None = None
    for combo in _combinations(cuts, lines_needed - 1):
        pieces = [title[a:b] for a, b in zip((0, *combo), (*combo, len(title)), strict=True)]
        widths = [_width_in_chars(piece) for piece in pieces]
        if max(widths) > chars:
            continue
        score = (max(widths) - min(widths), -widths[0])
        if best is None or score < best[0]:
            best = (score, pieces)
    if best is None:  # no word boundary fits: even halves, as a typesetter would
        size = math.ceil(len(title) / lines_needed)
        return [title[i:i + size] for i in range(0, len(title), size)]
    return best[1]


def _combinations(cuts: list[int], count: int):
    from itertools import combinations

    return combinations(cuts, count) if count <= 3 and len(cuts) <= 40 else iter(())


AUTO_SPACE = 0.25  # of a character, between 汉字 and a Latin letter or digit (autoSpaceDE/DN)
_AUTO_SPACED = lazy(r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3400-\u9fff])")
LONE_TAIL = 2.5  # a last line of two characters, and a half for the estimate's error (kinsoku, a face's digits)
LAST_LINES_CONDENSED = -16  # 0.8 pt less between characters: 29 characters fit where 28 did
LAST_LINE_CONDENSED_MORE = -32  # 1.6 pt less, when one line before the last must take two (less was not enough in LibreOffice)


def lone_last_character(text: str, before: float, chars_per_line: int) -> tuple[int, int] | None:
    """Where to start condensing `text`, and by how much (1/20 pt), so that its last line does
    not hold one or two characters (`月）`, `底）` wrapped alone), or None. A line condensed by
    0.8 pt a character takes one character more, so a remainder of two needs the two lines
    before the last; a paragraph of two lines condenses its first by 1.6 pt instead. `before`
    is the width already on the first line (a run-in heading), which also carries the
    two-character indent. The estimate counts as the DOCX is set, with the automatic quarter
    character between 汉字 and digits or Latin letters (autoSpaceDE/DN: `_automatic_space`); the
    stretch starts a few characters early, so a line that breaks a little differently is still
    covered."""
    total = 2 + before + _width_in_chars(text) + AUTO_SPACE * len(_AUTO_SPACED.findall(text))
    lines = math.ceil(total / chars_per_line)
    remainder = total - chars_per_line * (lines - 1)
    if lines < 2 or remainder > LONE_TAIL:
        return None
    condensed, spacing = math.ceil(remainder), LAST_LINES_CONDENSED
    if lines - 1 < condensed:
        condensed, spacing = 1, LAST_LINE_CONDENSED_MORE
    stretch = condensed * chars_per_line + remainder + 3
    start = len(text)
    width = 0.0
    while start > 0 and width < stretch:
        start -= 1
        width += _width_in_chars(text[start])
    return start, spacing


def grid_widths(columns: int) -> list[int]:
    month = 504
    return [TEXT_WIDTH_TWIPS - (columns - 1) * month] + [month] * (columns - 1)


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


def render_docx(view: DocumentView, layout: Layout, reference: Path | None = None) -> bytes:
    document, from_reference = _open_reference(reference)
    section = document.sections[0]
    if not from_reference:
        _setup_page(section, layout)
        _setup_styles(document, layout)
        _setup_footers(document, section, layout)
    else:  # the organisation's styles win; add only missing ones
        for name in ("Title", *HEADING_STYLES, TABLE_TEXT, GRID_TEXT):
            _style(document, name)
    _chinese_language(document)
    _word_2013_mode(document)
    _automatic_space(document)

    w = _Writer(document, layout)
    w.title(view)
    for paragraph in view.preamble:
        w.body_run(w.paragraph(), paragraph)
    for node in view.sections:
        w.node(node)
        w.flush(keep=1)  # the body's last paragraph may yet keep with the closing
    last_body = w.written[-1] if w.written else None
    closing_from = len(w.written)
    parts = view.attachment_parts
    # GB/T 9704 7.3.4 numbers attachments only when there are several: one is 附件：名称 and 附件.
    single = len(parts) == 1
    if parts:
        w.attachment_note([part.title if single else part.note for part in parts])
    w.signature(view.signature, view.date)
    if last_body is not None and len(w.written) > closing_from:
        _keep_closing(last_body, w.written[closing_from:-1], w.chars_per_line)

    w.flush()
    for part in parts:
        w.attachment_page(None if single else part.number, part.title)
        for table in part.tables:
            w.table(table)
    w.attach_live()
    _drop_trailing_blank(document)

    buffer = io.BytesIO()
    document.save(buffer)
    return finish_package(buffer.getvalue(), author=view.organization, title=view.title,
                          body=w.body_xml())


def _keep_closing(last_body, closing: list, chars_per_line: int) -> None:
    """The signature never stands on a page of its own (GB/T 9704: no 此页无正文): the closing
    lines keep together and with the body's last paragraph. Word keeps only that paragraph's
    last lines with them: of four lines or more, two (widow and orphan control, which then
    leaves at most one line unused below); of fewer, where two-and-two cannot split it, the last
    line at least. LibreOffice (7.4) and rdocx move a kept paragraph whole, with the heading
    kept above it, whatever its length or widow setting (tried with two and six lines): there
    the page before can end up to seven lines short, and no paragraph property says "keep only
    the last line" to them. The README (DOCX) gives the arithmetic."""
    for p in [last_body, *closing]:
        _set_flag(p, "w:keepNext")
    text = "".join(t.text or "" for t in last_body.iter(qn("w:t")))
    if 2 + _width_in_chars(text) > 3 * chars_per_line:
        _set_flag(last_body, "w:widowControl")


# w:pPr children in schema order, as far as this writer sets them
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:outlineLvl")


def _set_flag(p, tag: str) -> None:
    """Switch on an on/off paragraph property, in its schema place among the others."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    if ppr.find(qn(tag)) is not None:
        return
    rank = _PPR_ORDER.index(tag)
    later = next((child for child in ppr if child.tag in {qn(t) for t in _PPR_ORDER[rank + 1:]}), None)
    element = OxmlElement(tag)
    if later is not None:
        later.addprevious(element)
    else:
        ppr.append(element)


def _chinese_language(document) -> None:
    """Chinese text marked as Chinese (zh-CN), for spelling, line breaking and font choice; the
    template said en-US, and its theme's East Asian language ja-JP."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _word_2013_mode(document) -> None:
    """compatibilityMode 15: the template's 14 makes Word open the file in 兼容模式 (compatibility
    mode) and lay it out as Word 2010 did."""
    compat = document.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        document.settings.element.append(compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
            return
    setting = OxmlElement("w:compatSetting")
    for name, value in (("name", "compatibilityMode"), ("uri", "http://schemas.microsoft.com/office/word"), ("val", "15")):
        setting.set(qn(f"w:{name}"), value)
    compat.append(setting)


def _automatic_space(document) -> None:
    """autoSpaceDE and autoSpaceDN on, written out rather than left to each reader's default:
    a quarter of a character between 汉字 and Latin letters or digits, as Word and WPS set it
    by default and LibreOffice always does (its DOCX import keeps the space even where the file
    turns it off). The last-line fix (`lone_last_character`) measures with the same space.
    rdocx adds none (the README says so)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault")) if defaults is not None else None
    targets = [document.styles["Normal"].element.get_or_add_pPr()]
    if ppr_default is not None:
        ppr = ppr_default.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            ppr_default.append(ppr)
        targets.append(ppr)
    for ppr in targets:
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            for old in ppr.findall(qn(tag)):
                ppr.remove(old)
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "1")
            ppr.insert_element_before(element, *_AFTER_AUTO_SPACE)


# pPr children that come after w:autoSpaceDN in the schema (CT_PPrBase order)
_AFTER_AUTO_SPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", *_AFTER_SNAP_TO_GRID)


def _drop_trailing_blank(document) -> None:
    """A blank paragraph at the very end can spill onto an empty last page (the one-point
    spacer after a closing table stays: Word wants a paragraph after every table)."""
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    if (paragraphs and not "".join(paragraphs[-1].itertext()).strip() and body[-2] is paragraphs[-1]
            and not _is_spacer(paragraphs[-1])):
        body.remove(paragraphs[-1])

