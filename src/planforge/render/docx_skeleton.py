"""The package a DOCX render writes its body into, kept on disk between runs.

Everything in a rendered DOCX but the body (styles, page set-up, footers, settings, the parts
python-docx's template carries) depends on the layout alone. Building it takes python-docx,
whose import and template set-up were about 110 ms of every cold render: a fifth of a
1,000-item one, more of a small one. Kept in the user's cache folder, named by the layout and by
the code and library that build it, the package is read back in a millisecond and a plain
render never imports python-docx. Built or read back, it is the same bytes, so the DOCX is too.

A render with the organisation's reference template builds it every time: the template is the
user's file and may change under the same name. A cache file that cannot be read, or a folder
that cannot be written, is passed over: the package is built, as it always can be.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from importlib.util import find_spec
from pathlib import Path

from planforge.model.layouts import Layout
from planforge.render.docx_parts import STYLE_NAMES, Skeleton


def skeleton(layout: Layout, reference: Path | None = None) -> Skeleton:
    """The package for `layout` (or for the organisation's `reference` template): from the
    cache when it is there, else built, and kept for the next render."""
    if reference is not None:
        return _build(layout, reference)
    path = _cached_path(layout)
    if path is not None and (kept := _read(path)) is not None:
        from planforge.cache import mark_used

        mark_used(path.parent)  # the folder, which `prune_unused` judges whole
        return kept
    made = _build(layout, None)
    if path is not None:
        _keep(path, made)
    return made


def _build(layout: Layout, reference: Path | None) -> Skeleton:
    from planforge.render.docx_styles import build_skeleton  # python-docx: only here

    return build_skeleton(layout, reference)


def _cached_path(layout: Layout) -> Path | None:
    """The cache file: in a folder named by what builds the package (the set-up code and the
    style names, python-docx, whose template and writer it starts from, as its `__init__` names
    its version, and lxml's version), in a file named by every field of the layout."""
    from lxml import etree  # its serialiser writes the parts

    from planforge.cache import planforge_cache

    cache, library = planforge_cache(), find_spec("docx")
    if cache is None or library is None or library.origin is None:
        return None
    here = Path(__file__)
    builders = [here.with_name("docx_styles.py"), here.with_name("docx_parts.py"), here, Path(library.origin)]
    try:
        built_by = b"".join(path.read_bytes() for path in builders) + repr(etree.LXML_VERSION).encode()
    except OSError:
        return None
    code = hashlib.sha256(built_by).hexdigest()[:16]
    name = hashlib.sha256(repr(layout).encode("utf-8")).hexdigest()[:16]
    return cache / f"docx-{code}" / f"{name}.docx"


def _read(path: Path) -> Skeleton | None:
    """The kept package, or None when there is none or it is not whole (its style ids and part
    name ride in the archive's comment, so one file holds all and is replaced at once)."""
    try:
        package = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            about = json.loads(archive.comment)
            part, style_ids = about["document_part"], about["style_ids"]
            if part not in archive.namelist() or set(style_ids) != set(STYLE_NAMES):
                return None
            if archive.testzip() is not None:
                return None
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
        return None
    return Skeleton(package, part, style_ids)


def _keep(path: Path, made: Skeleton) -> None:
    from planforge.cache import prune_unused
    from planforge.errors import PlanforgeError
    from planforge.fileio import write_atomic

    out = io.BytesIO(made.package)
    with zipfile.ZipFile(out, "a") as archive:
        archive.comment = json.dumps({"document_part": made.document_part, "style_ids": made.style_ids}).encode("utf-8")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, out.getvalue())
    except (OSError, PlanforgeError):  # a read-only home, a full disk: built again next time
        return
    prune_unused()
