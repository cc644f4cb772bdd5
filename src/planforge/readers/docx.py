"""Word (.docx): paragraphs in body order (Heading n styles give levels) and tables.

Every failure a real file can cause ends as a located message: an old binary .doc or an
encrypted file (both OLE containers), a corrupt or non-Word zip, a document with no text (a
scanned image), a zip bomb (size checked from the zip directory before anything is read).
"""

from __future__ import annotations

import re
from pathlib import Path

from planforge.docx_package import open_docx
from planforge.readers.blocks import Block
from planforge.readers.cleanup import Repair, clean_line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx_blocks(path: Path, repair: bool = True) -> tuple[list[Block], list[Repair]]:
    document = open_docx(path)
    repairs: list[Repair] = []
    blocks: list[Block] = []
    body = document.element.body
    for index, child in enumerate(body.iterchildren()):
        if child.tag == f"{_W}p":
            text = "".join((node.text or "") if node.tag == f"{_W}t" else "\t" for node in child.iter(f"{_W}t", f"{_W}tab"))
            style = child.find(f"{_W}pPr/{_W}pStyle")
            level = _heading_level(document, style.get(f"{_W}val") if style is not None else None)
            cleaned = clean_line(text, None, repairs, repair)
            if cleaned:
                blocks.append(Block(cleaned, paragraph=index + 1, heading=level))
        elif child.tag == f"{_W}tbl":
            rows = []
            for tr in child.iter(f"{_W}tr"):
                rows.append(["".join(t.text or "" for t in tc.iter(f"{_W}t")).strip() for tc in tr.iter(f"{_W}tc")])
            if rows:
                blocks.append(Block("", paragraph=index + 1, table=rows))
    return blocks, repairs


_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _heading_level(document, style_id: str | None) -> int | None:
    if not style_id:
        return None
    try:
        name = document.styles.get_by_id(style_id, 1).name  # 1 = paragraph style
    except Exception:
        name = style_id
    m = _HEADING_NAME.match(name or "") or _HEADING_NAME.match(style_id)
    return int(m.group(1)) if m else None
