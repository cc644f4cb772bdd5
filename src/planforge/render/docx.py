"""Plan → DOCX laid out after GB/T 9704-2012: the body, written into a prepared package.

The package around the body (styles, page set-up, footers; render/docx_styles.py) depends on the
layout alone and comes from render/docx_skeleton.py, built once with python-docx and then kept.
This file writes the body as XML: headings, tables with a repeating header row inside the
margins, and the signature and date placed as the standard says. Numbering, target sentences
and dates come from the shared view, so this file only lays out.
"""

from __future__ import annotations

import functools
import io
import math
import re
import zipfile
from copy import deepcopy
from pathlib import Path

from lxml import etree

from planforge.model.layouts import Layout
from planforge.patterns import lazy
from planforge.render.docx_parts import GRID_TEXT, HEADING_STYLES, TABLE_TEXT, escape, finish_package
from planforge.render.docx_skeleton import skeleton
from planforge.render.table_layout import column_widths, wrap
from planforge.render.view import DocumentView, ItemView, Table

# XML 1.0 cannot hold these; they arrive in pasted text and would make an unopenable file.
_XML_ILLEGAL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
TEXT_WIDTH_TWIPS = 8844  # 156 mm: the GB/T 9704 text block; tables span exactly this
_NO_INDENT = {"firstLineChars": "0", "firstLine": "0"}  # zero written out: an inherited indent in characters wins otherwise


def clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


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
    still held at the end go into the document part's tree, and are saved with it.

    The tree is plain lxml, parsed from the kept package (render/docx_skeleton.py): inside
    python-docx's tree every element made got python-docx's proxy class, which a paragraph
    written out as text at once never uses (a seventh of a 1,000-item render)."""

    def __init__(self, body, style_ids: dict[str, str], layout: Layout):
        self.layout = layout
        self.body = body
        self.section_properties = self.body.find(_qn("w:sectPr"))
        self.style_ids = style_ids
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
        """The elements not written out, into the tree, which is saved with them."""
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


_NAMESPACES = {"w": _W_NSMAP["w"], "xml": "http://www.w3.org/XML/1998/namespace"}


def _qn(name: str) -> str:
    """`w:p` as lxml names it, `{…/main}p` (python-docx's `qn`, without importing python-docx)."""
    prefix, local = name.split(":")
    return f"{{{_NAMESPACES[prefix]}}}{local}"


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

def render_docx(view: DocumentView, layout: Layout, reference: Path | None = None) -> bytes:
    base = skeleton(layout, reference)
    # parsed as python-docx parses a part, so the tree (and the bytes it is saved as) are the same
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    with zipfile.ZipFile(io.BytesIO(base.package)) as archive:
        document = etree.fromstring(archive.read(base.document_part), parser)
    body = document.find(_qn("w:body"))

    w = _Writer(body, base.style_ids, layout)
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
    _drop_trailing_blank(body)

    # saved as python-docx saves a part
    document_xml = etree.tostring(document, encoding="UTF-8", standalone=True)
    return finish_package(base.package, author=view.organization, title=view.title,
                          document=(base.document_part, document_xml), body=w.body_xml())


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
    text = "".join(t.text or "" for t in last_body.iter(_qn("w:t")))
    if 2 + _width_in_chars(text) > 3 * chars_per_line:
        _set_flag(last_body, "w:widowControl")


# w:pPr children in schema order, as far as this writer sets them
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:outlineLvl")


def _set_flag(p, tag: str) -> None:
    """Switch on an on/off paragraph property, in its schema place among the others."""
    ppr = p.find(_qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(_qn("w:pPr"), nsmap=_W_NSMAP)
        p.insert(0, ppr)
    if ppr.find(_qn(tag)) is not None:
        return
    rank = _PPR_ORDER.index(tag)
    later = next((child for child in ppr if child.tag in {_qn(t) for t in _PPR_ORDER[rank + 1:]}), None)
    element = etree.Element(_qn(tag), nsmap=_W_NSMAP)
    if later is not None:
        later.addprevious(element)
    else:
        ppr.append(element)


def _drop_trailing_blank(body) -> None:
    """A blank paragraph at the very end can spill onto an empty last page (the one-point
    spacer after a closing table stays: Word wants a paragraph after every table)."""
    paragraphs = body.findall(_qn("w:p"))
    if (paragraphs and not "".join(paragraphs[-1].itertext()).strip() and body[-2] is paragraphs[-1]
            and not _is_spacer(paragraphs[-1])):
        body.remove(paragraphs[-1])

