"""The package parts around the document that python-docx carries over from its template.

python-docx writes `styles.xml` for us (render/docx_styles.py), but copies the rest of its 2013
template as it found it: `app.xml` naming "Microsoft Macintosh Word", a created date of
2013-12-23, a thumbnail of an empty page, and a font table that lists Japanese MS fonts and none
of the faces a 公文 uses (so a reader without 仿宋_GB2312 has no fallback named). This module
rewrites those parts in the saved package, once, after the document is built. It also names
what the package and the body share: the styles the body uses, and the package as it is before
a body goes into it (`Skeleton`). Nothing here imports python-docx.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import re
import zipfile
from typing import NamedTuple

# A face a 公文 names, the face Windows and WPS have under another name, and its kind. Word
# and WPS read `w:altName` when the named face is missing; LibreOffice reads our fontconfig
# aliases (templates/fontconfig).
FACES = (
    ("仿宋_GB2312", "仿宋", "modern", "fixed"),
    ("楷体_GB2312", "楷体", "modern", "fixed"),
    ("黑体", "SimHei", "modern", "fixed"),
    ("方正小标宋简体", "宋体", "roman", "variable"),
    ("宋体", "SimSun", "auto", "variable"),
)
_DROPPED = {"docProps/thumbnail.jpeg"}

# The paragraph styles a body names, made in the package (render/docx_styles.py) where missing.
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4")
TABLE_TEXT, GRID_TEXT = "Table Text", "Grid Text"
STYLE_NAMES = ("Normal", "Title", *HEADING_STYLES, TABLE_TEXT, GRID_TEXT)  # the styles a body names


class Skeleton(NamedTuple):
    package: bytes  # the saved DOCX; its body holds only the section properties
    document_part: str  # the main part's name in the archive (a reference's may not be word/document.xml)
    style_ids: dict[str, str]  # style name → the id a paragraph names it by (a reference's own ids)


def finish_package(data: bytes, author: str, title: str, document: tuple[str, bytes],
                   body: tuple[bytes, bytes] | None = None) -> bytes:
    """The saved DOCX with clean properties, no template thumbnail, and a font table that
    names our faces with their fallbacks. Written member by member into a new archive.
    `document` is (the main part's name, its XML), written in place of the package's; `body` is
    (marker, XML): the body the writer wrote out as text, put in place of the marker (a
    processing instruction) in it."""
    part, document_xml = document
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in _DROPPED:
                continue
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = _app_xml(author)
            elif info.filename == "docProps/core.xml":
                content = _core_xml(author, title)
            elif info.filename == "_rels/.rels":
                content = re.sub(rb'<Relationship [^>]*Target="docProps/thumbnail\.jpeg"\s*/>', b"", content)
            elif info.filename == "word/fontTable.xml":
                content = _font_table(content)
            elif info.filename == part:
                content = document_xml
                if body is not None:
                    marker = body[0]
                    if content.count(marker) != 1:
                        raise RuntimeError("the body marker is missing from the document part")
                    content = content.replace(marker, body[1], 1)
            target.writestr(_stamped(info), content)
    return out.getvalue()


def _moment() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set (reproducible builds: the same spec, the same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch.isdigit()
            else dt.datetime.now(dt.timezone.utc))


def _now() -> str:
    return _moment().strftime("%Y-%m-%dT%H:%M:%SZ")


def _stamped(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The member as it was, dated now (local time, as zip tools show it), or at SOURCE_DATE_EPOCH
    (in UTC, as reproducible builds read it): not when the package's template was saved, which
    for a kept package (render/docx_skeleton.py) is days ago."""
    stamped = copy.copy(info)
    moment = _moment() if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit() else dt.datetime.now()
    stamped.date_time = max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # a zip's dates begin in 1980
    return stamped


def escape(text: str, quote: bool = False) -> str:
    """&, < and > as XML entities (and " where `quote`, for an attribute): what
    xml.sax.saxutils.escape does, without the urllib, http and ssl modules that importing it
    brings (18 ms of every DOCX render's start)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _text(value: str, limit: int = 255) -> str:
    """Text for a property: XML-safe, and within the package format's 255 characters."""
    cleaned = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", value)[:limit]
    return escape(cleaned)


def _core_xml(author: str, title: str) -> bytes:
    now, who = _now(), _text(author or "planforge")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_text(title)}</dc:title><dc:creator>{who}</dc:creator>"
        f"<cp:lastModifiedBy>{who}</cp:lastModifiedBy><dc:description>planforge</dc:description>"
        "<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _app_xml(author: str) -> bytes:
    from planforge import __version__

    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>planforge {_text(__version__)}</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{_text(author)}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _font_table(content: bytes) -> bytes:
    """The template's Japanese faces out, ours in, each with `w:altName` and the GB2312
    character set (86), so Word and WPS substitute the right face when the named one is absent."""
    text = content.decode("utf-8")
    text = re.sub(r'\s*<w:font w:name="ＭＳ [^"]*">.*?</w:font>', "", text, flags=re.S)
    ours = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, family, pitch in FACES if f'w:name="{name}"' not in text
    )
    return re.sub(r"</w:fonts>\s*$", ours + "</w:fonts>", text).encode("utf-8")


