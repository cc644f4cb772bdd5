"""Word (.docx): paragraphs in body order and tables, with the structure Word keeps out of the
text: heading styles, outline levels and automatic numbering (readers/docx_numbering.py).

Every failure a real file can cause ends as a located message: an old binary .doc or an
encrypted file (both OLE containers), a corrupt or non-Word zip, a document with no text (a
scanned image), a zip bomb (size checked from the zip directory before anything is read).
"""

from __future__ import annotations

from pathlib import Path

from planforge.docx_package import open_docx
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line
from planforge.readers.docx_numbering import ParagraphLook, W, look_of, read_numbering, read_style_looks


def read_docx_blocks(path: Path, repair: bool = True) -> tuple[list[Block], list[Repair]]:
    document = open_docx(path)
    numbering = read_numbering(document)
    styles = read_style_looks(document)
    plain = ParagraphLook()
    repairs: list[Repair] = []
    blocks: list[Block] = []
    for index, child in enumerate(document.element.body.iterchildren()):
        if child.tag == f"{W}p":
            text = "".join((node.text or "") if node.tag == f"{W}t" else "\t" for node in child.iter(f"{W}t", f"{W}tab"))
            properties = child.find(f"{W}pPr")
            style = properties.find(f"{W}pStyle") if properties is not None else None
            inherited = styles.get(style.get(f"{W}val", ""), plain) if style is not None else styles.get("", plain)
            own = look_of(properties)
            heading = own.heading if own.heading is not None else inherited.heading
            num_id, level = (own.num_id, own.level) if own.num_id is not None else (inherited.num_id, inherited.level)
            numbered = bool(num_id and num_id != "0" and num_id in numbering.abstract_of)
            # Word counts an empty numbered paragraph too, so the counter steps before the text is judged.
            marker = (numbering.next_marker(num_id, level) or "•") if numbered and num_id else None
            cleaned = clean_line(text, None, repairs, repair)
            if not cleaned:
                continue
            title = inherited.title and not blocks
            blocks.append(Block(cleaned, paragraph=index + 1, heading=None if title else heading, marker=marker,
                                list_family=numbering.family(num_id, level) if numbered and num_id and not title else None,
                                role="title" if title else None))
        elif child.tag == f"{W}tbl":
            rows = []
            for tr in child.iter(f"{W}tr"):
                rows.append(["".join(t.text or "" for t in tc.iter(f"{W}t")).strip() for tc in tr.iter(f"{W}tc")])
            if rows:
                blocks.append(Block("", paragraph=index + 1, table=rows))
    return blocks, repairs
