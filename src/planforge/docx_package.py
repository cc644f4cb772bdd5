"""Opening a .docx from elsewhere, safely: the checks python-docx does not make.

An old binary .doc or an encrypted file (both OLE containers), a zip bomb (its size read from the
zip directory before anything is unpacked), a package without a body. Imports and an
organisation's `--reference-docx` both open files through here.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from planforge.errors import InputError, Problem
from planforge.fileio import read_bytes
from planforge.limits import DOCUMENT_BYTES, DOCX_UNPACKED_BYTES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b(Type|Target)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def _problem(path: Path, key: str, **args) -> InputError:
    return InputError([Problem("PF003", key, args, file=str(path))])


def main_part(package: zipfile.ZipFile) -> str | None:
    """The main document part's name in the archive, as the package's root relationship names it
    (`word/document.xml` as Word writes it; `word/document2.xml` and others occur), or None
    when there is no such part."""
    try:
        rels = package.read("_rels/.rels")
    except KeyError:
        return None
    for tag in _RELATIONSHIP.findall(rels):
        attributes = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTRIBUTE.finditer(tag)}
        if attributes.get(b"Type", b"").endswith(b"/officeDocument") and b"Target" in attributes:
            target = attributes[b"Target"].decode("utf-8", "replace")
            name = posixpath.normpath(target).lstrip("/")  # ./word/document.xml, /word/document.xml
            return name if name in package.namelist() else None
    return None


def open_docx(path: Path, data: bytes | None = None):
    """A python-docx Document, after the checks python-docx does not make: an old binary or
    encrypted file (both OLE), a zip bomb, a package without a body. Used for imports and for
    an organisation's `--reference-docx` alike: both are files from elsewhere. `data`: the file's
    bytes when the caller has read them already."""
    if data is None:
        data = read_bytes(path, DOCUMENT_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise _problem(path, "ole_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if sum(info.file_size for info in package.infolist()) > DOCX_UNPACKED_BYTES:
                raise _problem(path, "zip_too_large")
            if main_part(package) is None:
                raise _problem(path, "bad_docx", detail="no main document part (word/document.xml)")
    except zipfile.BadZipFile as exc:
        raise _problem(path, "bad_docx", detail=str(exc)) from None
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # lxml and python-docx raise many types for a damaged part
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None
