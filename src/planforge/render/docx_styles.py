"""The package a plan's body is written into: python-docx's template laid out after GB/T 9704-2012.

What Word, WPS and LibreOffice need, and python-docx does not do by itself (see
shared/design/gbt9704.md): A4 and the 公文 margins, a real 22 × 28 document grid, East Asian font
names written into every style used with the theme fonts removed, built-in Heading 1–4 restyled
(outline levels for the navigation pane and a table of contents), odd/even footers with
`— n —` on the outer side, the text marked as Chinese, and Word 2013's layout. All of it depends
on the layout alone (or on the organisation's reference template), never on the plan, so a
plain render takes it from the cache (render/docx_skeleton.py) and never imports python-docx.
"""

from __future__ import annotations

import io
import math
from copy import deepcopy
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from planforge.errors import InputError, Problem
from planforge.model.layouts import Layout
from planforge.render.docx_parts import GRID_TEXT, HEADING_STYLES, STYLE_NAMES, TABLE_TEXT, Skeleton

_THEME_ATTRS = [qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]


def build_skeleton(layout: Layout, reference: Path | None = None) -> Skeleton:
    """The package, saved, with an empty body (its section properties only): python-docx's
    template set up for `layout`, or the organisation's `reference` with the styles we use
    added where it lacks them (its own styles win)."""
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
    style_ids = {name: _style(document, name).style_id for name in STYLE_NAMES}
    buffer = io.BytesIO()
    document.save(buffer)
    return Skeleton(buffer.getvalue(), str(document.part.partname).lstrip("/"), style_ids)


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
