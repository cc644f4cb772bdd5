"""Word (.docx): paragraphs in body order (Heading n styles give levels) and tables.

Every failure a real file can cause ends as a located message: an old binary .doc or an
encrypted file (both OLE containers), a corrupt or non-Word zip, a document with no text (a
scanned image), a zip bomb (size checked from the zip directory before anything is read).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from planforge.errors import InputError, Problem
from planforge.fileio import read_bytes
from planforge.imports import Block
from planforge.textnorm import Repair, clean_line

MAX_UNPACKED = 200 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _problem(path: Path, key: str, **args) -> InputError:
    return InputError([Problem("PF003", key, args, file=str(path))])


def open_docx(path: Path):
    """A python-docx Document, after the checks python-docx does not make: an old binary or
    encrypted file (both OLE), a zip bomb, a package without a body. Used for imports and for
    an organisation's `--reference-docx` alike: both are files from elsewhere."""
    from planforge.readers import MAX_IMPORT_BYTES

    data = read_bytes(path, MAX_IMPORT_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise _problem(path, "ole_docx")
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED:
                raise _problem(path, "zip_too_large")
            if "word/document.xml" not in package.namelist():
                raise _problem(path, "bad_docx", detail="no word/document.xml")
    except zipfile.BadZipFile as exc:
        raise _problem(path, "bad_docx", detail=str(exc)) from None
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # lxml and python-docx raise many types for a damaged part
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None


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
