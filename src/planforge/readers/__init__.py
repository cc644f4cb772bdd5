"""Readers: a document (text, Markdown, DOCX) → `Block`s → `Plan`s via imports.infer.

`READER_BY_SUFFIX` is the one table of supported inputs; the CLI's messages derive from it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planforge.errors import InputError, Problem, usage_error
from planforge.limits import DOCUMENT_CHARS
from planforge.readers.blocks import ImportResult
from planforge.readers.infer import infer



def _text(path: Path, repair: bool):
    from planforge.readers.text import read_text_blocks

    return read_text_blocks(path, repair)


def _markdown(path: Path, repair: bool):
    from planforge.readers.markdown import read_markdown_blocks

    return read_markdown_blocks(path, repair)


def _docx(path: Path, repair: bool):
    from planforge.readers.docx import read_docx_blocks

    return read_docx_blocks(path, repair)


READER_BY_SUFFIX = {".txt": _text, ".text": _text, ".md": _markdown, ".markdown": _markdown, ".docx": _docx}


def import_document(path: Path, default_year: int | None = None, repair: bool = True) -> ImportResult:
    """Read a plan document into one `ImportedPlan` per plan it holds (most files hold one).
    The linter reads with `repair=False`, to see the faults the importer would mend."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError([Problem("PF003", "old_doc", file=str(path))])
    reader = READER_BY_SUFFIX.get(suffix)
    if reader is None:
        raise usage_error("unknown_input", value=suffix or path.name, choices=", ".join(READER_BY_SUFFIX))
    blocks, repairs = reader(path, repair)
    if not any(b.text.strip() or b.table for b in blocks):
        raise InputError([Problem("PF003", "no_text", file=str(path))])
    chars = sum(len(b.text) for b in blocks)
    if chars > DOCUMENT_CHARS:
        raise InputError([Problem("PF003", "too_much_text", {"chars": chars // 10_000, "limit": DOCUMENT_CHARS // 10_000,
                                                              "count": chars, "limit_count": DOCUMENT_CHARS},
                                  file=str(path))])
    result = infer(blocks, str(path), default_year or dt.date.today().year, repairs)
    if not result.plans:
        raise InputError([Problem("PF003", "no_plan_found", file=str(path))])
    return result


SPEC_SUFFIXES = (".yaml", ".yml")


def load_any_plan(path: Path, default_year: int | None = None):
    """A spec is loaded as written; a document is imported (its first plan)."""
    if path.suffix.lower() in SPEC_SUFFIXES:
        from planforge.spec.load import load_plan

        return load_plan(path).plan
    return import_document(path, default_year).plans[0].plan
