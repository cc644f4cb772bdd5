"""Opening a .docx from elsewhere, safely: an import's XML read with lxml (read_docx_parts), an
organisation's `--reference-docx` opened by python-docx (open_docx), both after the checks
python-docx does not make.

An old binary .doc or an encrypted file (both OLE containers), a zip bomb (its size read from the
zip directory before anything is unpacked), a package without a main part or a body, a damaged
member: each is a located message (PF003), never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from planforge.errors import InputError, Problem
from planforge.fileio import read_bytes
from planforge.limits import DOCUMENT_BYTES, DOCX_UNPACKED_BYTES

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # WordprocessingML's namespace
_STRICT_W = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"  # the same in Strict Open XML
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _problem(path: Path, key: str, **args) -> InputError:
    return InputError([Problem("PF003", key, args, file=str(path))])


class _Package:
    """A checked .docx archive: its members read by name, each at most the size the zip directory
    declares (a member whose compressed data says more is cut there: the size check stands), and
    its parts' relationships followed as OPC resolves them."""

    def __init__(self, archive: zipfile.ZipFile):
        from lxml import etree

        self.archive = archive
        self.names = set(archive.namelist())
        self.by_name = {info.filename.lower(): info for info in archive.infolist() if not info.is_dir()}
        # as python-docx parses a part: blank text dropped, no entity resolved, no DTD or network
        self.parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

    def xml(self, name: str):
        """The part `name` parsed: the member of that exact name, or else one whose name differs in
        case only (part names are case-insensitive in a package, as Word reads them)."""
        from lxml import etree

        info = self.archive.getinfo(name) if name in self.names else self.by_name[name.lower()]
        with self.archive.open(info) as member:
            return etree.fromstring(member.read(info.file_size), self.parser)

    def rebuilt(self) -> io.BytesIO:
        """The package written anew from the parts python-docx loads ([Content_Types].xml and every
        part the relationships reach from the package's root, by their exact names, as python-docx
        looks them up), each read no further than its declared size: python-docx unpacks a member
        whole, whatever its headers declare, so the zip-bomb check (which adds up declared sizes)
        holds for it only on such a copy. A member nothing relates is left out, unread, as
        python-docx leaves it."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
            for name in ["[Content_Types].xml", *self._reachable()]:
                try:
                    info = self.archive.getinfo(name)  # the last member of that name, as ZipFile.read takes
                except KeyError:
                    continue  # python-docx says what is missing
                with self.archive.open(info) as member:
                    copy.writestr(name, member.read(info.file_size))
        out.seek(0)
        return out

    def _reachable(self) -> list[str]:
        """The relationship parts and the parts they relate, from the package's root on."""
        reached: dict[str, None] = {}  # in the order found, each once
        waiting = [""]
        while waiting:
            part = waiting.pop()
            rels = self._rels_of(part)
            if rels not in self.names:
                continue
            reached[rels] = None
            for _kind, target in self._relationships(part, rels):
                if target in self.names and target not in reached:
                    reached[target] = None
                    waiting.append(target)
        return list(reached)

    @staticmethod
    def _rels_of(part: str) -> str:
        folder, name = posixpath.split(part)
        return posixpath.join(folder, "_rels", f"{name}.rels")

    def _relationships(self, part: str, rels: str) -> list[tuple[str, str]]:
        """Each internal relationship of `part` (whose relationships are in `rels`) as (the type's
        last word, the target's name resolved against the part's folder and clamped at the
        package's root, as URIs are)."""
        folder = posixpath.dirname(part)
        found = []
        for relationship in self.xml(rels).iterchildren(_RELATIONSHIP):
            target, kind = relationship.get("Target"), (relationship.get("Type") or "").rsplit("/", 1)[-1]
            if target and relationship.get("TargetMode") != "External":
                found.append((kind, posixpath.normpath(posixpath.join("/", folder, target)).lstrip("/")))
        return found

    def related(self, part: str) -> dict[str, str]:
        """The parts `part` relates ("" for the package itself), by the relationship type's last
        word (officeDocument, styles, numbering…), the first of each, as names in the archive
        (matched case-insensitively, as Word matches part names); one outside the archive or
        missing from it is left out."""
        rels = self._rels_of(part)
        if rels.lower() not in self.by_name:
            return {}
        found: dict[str, str] = {}
        for kind, target in self._relationships(part, rels):
            if target.lower() in self.by_name:
                found.setdefault(kind, self.by_name[target.lower()].filename)
        return found


@contextlib.contextmanager
def _checked_package(path: Path, data: bytes | None) -> Iterator[tuple[_Package, str]]:
    """The package open and its main part's name, after the checks python-docx does not make: an
    old binary or encrypted file (both OLE), a zip bomb, a package without a main part. Whatever
    fails while the package is read (a damaged member: bad compressed data, XML that is not
    well-formed) is a damaged file. `data`: the file's bytes when the caller has read them."""
    if data is None:
        data = read_bytes(path, DOCUMENT_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise _problem(path, "ole_docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > DOCX_UNPACKED_BYTES:
                raise _problem(path, "zip_too_large")
            package = _Package(archive)
            main = package.related("").get("officeDocument")
            if main is None:
                raise _problem(path, "bad_docx", detail="no main document part (word/document.xml)")
            yield package, main
    except InputError:
        raise
    except Exception as exc:  # zipfile, zlib and lxml raise many types for a damaged member
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None


def open_docx(path: Path, data: bytes | None = None):
    """A python-docx Document, after the checks python-docx does not make (_checked_package), made
    from the package rebuilt as read (_Package.rebuilt). Used for an organisation's
    `--reference-docx`, whose styles and page set-up a render takes; an import only reads the XML
    (read_docx_parts)."""
    with _checked_package(path, data) as (package, _main):
        honest = package.rebuilt()
    import docx

    try:
        return docx.Document(honest)
    except Exception as exc:  # lxml and python-docx raise many types for a damaged part
        raise _problem(path, "bad_docx", detail=f"{type(exc).__name__}: {exc}") from None


class DocxParts(NamedTuple):
    """What a reader needs of a .docx: the main part's w:body, and the numbering and styles parts
    the main part relates (None where the package has none; python-docx's own default styles
    define no heading and no list, so a package without styles reads as it did through it)."""

    body: Any
    numbering: Any | None
    styles: Any | None


def read_docx_parts(path: Path, data: bytes | None = None) -> DocxParts:
    """The body, numbering and styles of a .docx, each part parsed by lxml as python-docx parses
    it, after the same checks as open_docx. Not through python-docx's Document, which loads every
    part and gives each element a proxy class: importing python-docx and building it were a
    sixth of a small document's import. Only the parts read must be sound (a damaged picture is
    no reason to refuse the text), and [Content_Types].xml is not consulted: a macro-enabled or
    template package is read for its text like any other."""
    with _checked_package(path, data) as (package, main):
        document = package.xml(main)
        related = package.related(main)
        numbering, styles = (package.xml(related[kind]) if kind in related else None for kind in ("numbering", "styles"))
    body = document.find(f"{W}body")
    if body is None:
        strict = document.find(f"{_STRICT_W}body") is not None
        raise _problem(path, "strict_docx" if strict else "bad_docx", detail=f"no body in {main}")
    return DocxParts(body, numbering, styles)
