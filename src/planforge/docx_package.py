"""Opening a .docx from elsewhere, safely: an import's XML read with lxml (read_docx_parts), an
organisation's `--reference-docx` opened by python-docx (open_docx), both after the checks
python-docx does not make.

An old binary .doc or an encrypted file (both OLE containers), a zip bomb (its size read from the
zip directory before anything is unpacked), a package without a main part or a body, a damaged
member: each is a located message (PF003), never a traceback.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

from planforge.errors import InputError, Problem
from planforge.fileio import read_bytes
from planforge.limits import DOCUMENT_BYTES, DOCX_UNPACKED_BYTES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b(Type|Target|TargetMode)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def _problem(path: Path, key: str, **args) -> InputError:
    return InputError([Problem("PF003", key, args, file=str(path))])


def _relationships(rels: bytes) -> list[dict[bytes, bytes]]:
    """Each relationship of a .rels part as its attributes (Type, Target, TargetMode), read by
    pattern: a .rels part is a flat list of empty elements."""
    return [{m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTRIBUTE.finditer(tag)}
            for tag in _RELATIONSHIP.findall(rels)]


def main_part(package: zipfile.ZipFile) -> str | None:
    """The main document part's name in the archive, as the package's root relationship names it
    (`word/document.xml` as Word writes it; `word/document2.xml` and others occur), or None
    when there is no such part."""
    try:
        rels = package.read("_rels/.rels")
    except KeyError:
        return None
    for attributes in _relationships(rels):
        if attributes.get(b"Type", b"").endswith(b"/officeDocument") and b"Target" in attributes:
            target = attributes[b"Target"].decode("utf-8", "replace")
            name = posixpath.normpath(target).lstrip("/")  # ./word/document.xml, /word/document.xml
            return name if name in package.namelist() else None
    return None


def open_docx(path: Path, data: bytes | None = None):
    """A python-docx Document, after the checks python-docx does not make (_checked_package).
    Used for an organisation's `--reference-docx`, whose styles and page set-up a render takes;
    an import only reads the XML (read_docx_parts)."""
    data, _main = _checked_package(path, data)
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # lxml and python-docx raise many types for a damaged part
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None


def _checked_package(path: Path, data: bytes | None) -> tuple[bytes, str]:
    """The file's bytes and its main part's name, after the checks python-docx does not make: an
    old binary or encrypted file (both OLE), a zip bomb, a package without a main part. `data`:
    the file's bytes when the caller has read them already."""
    if data is None:
        data = read_bytes(path, DOCUMENT_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise _problem(path, "ole_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(info.file_size for info in package.infolist()) > DOCX_UNPACKED_BYTES:
                raise _problem(path, "zip_too_large")
            main = main_part(package)
    except InputError:
        raise
    except zipfile.BadZipFile as exc:
        raise _problem(path, "bad_docx", detail=str(exc)) from None
    except Exception as exc:  # a damaged .rels member: zlib, EOF and others
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None
    if main is None:
        raise _problem(path, "bad_docx", detail="no main document part (word/document.xml)")
    return data, main


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxParts(NamedTuple):
    """What a reader needs of a .docx: the main part's w:body, and the numbering and styles parts
    the main part relates (None where the package has none; python-docx's own default styles
    define no heading and no list, so a package without styles reads as it did through it)."""

    body: Any
    numbering: Any | None
    styles: Any | None


def read_docx_parts(path: Path, data: bytes | None = None) -> DocxParts:
    """The body, numbering and styles of a .docx, parsed by lxml as python-docx parses them (blank
    text dropped, no entity resolved), after the same checks as open_docx. Not through
    python-docx's Document, which loads every part of the package and gives each element a
    proxy class: importing python-docx and building it were a sixth of a small document's
    import. A damaged member (not well-formed XML, bad compressed data) is a damaged file, as
    it was; a relationship to a part outside the package or missing from it is left out."""
    from lxml import etree

    data, main = _checked_package(path, data)
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            related = _related_parts(package, main)
            document = etree.fromstring(package.read(main), parser)
            numbering, styles = (etree.fromstring(package.read(related[kind]), parser) if kind in related else None
                                 for kind in ("numbering", "styles"))
    except Exception as exc:  # zipfile, zlib and lxml raise many types for a damaged member
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None
    body = document.find(f"{_W}body")
    if body is None:
        raise _problem(path, "bad_docx", detail=f"no body in {main}")
    return DocxParts(body, numbering, styles)


def _related_parts(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """The parts `part` relates, by the relationship type's last word (styles, numbering…), as
    names in the archive; a relationship to a part the archive lacks, or outside it, is left out."""
    folder, name = posixpath.split(part)
    try:
        rels = package.read(posixpath.join(folder, "_rels", f"{name}.rels"))
    except KeyError:
        return {}
    names = set(package.namelist())
    found: dict[str, str] = {}
    for attributes in _relationships(rels):
        target, kind = attributes.get(b"Target"), attributes.get(b"Type", b"").rsplit(b"/", 1)[-1].decode("ascii", "replace")
        if target is None or attributes.get(b"TargetMode") == b"External":
            continue
        text = target.decode("utf-8", "replace")
        resolved = posixpath.normpath(text.lstrip("/") if text.startswith("/") else posixpath.join(folder, text))
        if resolved in names:
            found.setdefault(kind, resolved)
    return found
