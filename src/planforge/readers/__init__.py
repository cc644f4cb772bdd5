"""Readers: a document (text, Markdown, DOCX) → `Block`s → `Plan`s via imports.infer.

`READER_BY_SUFFIX` is the one table of supported inputs; the CLI's messages derive from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from planforge.errors import InputError, Problem, usage_error
from planforge.fileio import SourceFile, read_bytes, read_source
from planforge.limits import DOCUMENT_BYTES, DOCUMENT_CHARS
from planforge.spec import SPEC_SUFFIXES

if TYPE_CHECKING:  # the inference (and pydantic behind it) is imported when a document is read
    from planforge.readers.blocks import ImportedPlan, ImportResult
    from planforge.readers.cleanup import Repair
    from planforge.readers.infer import Part



def _text(source: SourceFile, repair: bool):
    """Plain text, or Markdown saved as .txt (read as what it is, not by its name)."""
    from planforge.readers.text import looks_like_markdown, read_text_blocks

    if looks_like_markdown(source.lines):
        return _markdown(source, repair)
    return read_text_blocks(source, repair)


def _markdown(source: SourceFile, repair: bool):
    from planforge.readers.markdown import read_markdown_blocks

    return read_markdown_blocks(source, repair)


def _docx(path: Path, repair: bool, data: bytes | None = None):
    from planforge.readers.docx import read_docx_blocks

    return read_docx_blocks(path, repair, data)


# Text formats get the file read and decoded once (a SourceFile the linter keeps for its own use);
# DOCX is a zip the reader opens itself. The one table of supported inputs: messages derive from it.
TEXT_READERS = {".txt": _text, ".text": _text, ".md": _markdown, ".markdown": _markdown}
READER_BY_SUFFIX: dict[str, Callable] = {**TEXT_READERS, ".docx": _docx}
DOCUMENT_SUFFIXES = tuple(READER_BY_SUFFIX)
MARKDOWN_SUFFIXES = tuple(suffix for suffix, reader in TEXT_READERS.items() if reader is _markdown)


def _words_of_lines(suffix: str, lines: list[str]) -> list[str]:
    """The lines the text checks read: a Markdown file's markup masked (see mask_markup)."""
    from planforge.readers.text import looks_like_markdown

    if suffix in MARKDOWN_SUFFIXES or looks_like_markdown(lines):
        from planforge.readers.markdown import mask_markup

        return [mask_markup(line) for line in lines]
    return lines


def read_document_source(path: Path) -> SourceFile | None:
    """The decoded text of a text document (None for DOCX), read within the document limit."""
    return read_source(path, DOCUMENT_BYTES) if path.suffix.lower() in TEXT_READERS else None


def document_blocks(path: Path) -> list:
    """A document's blocks as the importer reads them (repaired), without inferring a plan: for
    reading a summary's paragraphs (`import --progress-for`)."""
    suffix = path.suffix.lower()
    reader = READER_BY_SUFFIX.get(suffix)
    if reader is None:
        raise usage_error("unknown_input", value=suffix or path.name, choices=", ".join(READER_BY_SUFFIX))
    blocks, _repairs = reader(read_source(path, DOCUMENT_BYTES) if suffix in TEXT_READERS else path, True)
    return blocks


class ReadDocument:
    """A document read, cleaned and cut into the parts that each hold a plan, none yet inferred:
    `plan(i)` infers part i when asked (again, if asked again). The linter judges a large
    collection's parts in worker processes; `import_document` infers them all, in order."""

    def __init__(self, path: Path, parts: list[Part], repairs: list[Repair], lines: list[str], sha256: str | None,
                 default_year: int, write_back: Callable[[ImportResult], None]):
        self.path, self.parts, self.repairs, self.lines, self.sha256 = path, parts, repairs, lines, sha256
        self.default_year, self._write_back = default_year, write_back

    def plan(self, index: int) -> ImportedPlan | None:
        """Part `index`'s plan, in the document's own script; None when the part holds none."""
        from planforge.readers.blocks import ImportResult
        from planforge.readers.infer import infer_part

        imported = infer_part(self.parts[index], str(self.path), self.default_year)
        if imported is not None:
            self._write_back(ImportResult([imported], self.repairs))
        return imported

    def no_plan(self) -> InputError:
        return InputError([Problem("PF003", "no_plan_found", file=str(self.path))])


def read_document(path: Path, default_year: int | None = None, repair: bool = True,
                  source: SourceFile | None = None) -> ReadDocument:
    """A plan document read into its parts (see `ReadDocument`). The linter reads with
    `repair=False`, to see the faults the importer would mend, and hands in the `source` it
    already read."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError([Problem("PF003", "old_doc", file=str(path))])
    reader = READER_BY_SUFFIX.get(suffix)
    if reader is None:
        raise usage_error("unknown_input", value=suffix or path.name, choices=", ".join(READER_BY_SUFFIX))
    if suffix in TEXT_READERS:
        source = source or read_source(path, DOCUMENT_BYTES)
        blocks, repairs = reader(source, repair)
        lines = _words_of_lines(suffix, source.lines)
        digest = source.sha256
    else:  # read here, once: the reader opens these bytes and the provenance hashes them
        data = read_bytes(path, DOCUMENT_BYTES)
        digest = hashlib.sha256(data).hexdigest()
        blocks, repairs = reader(path, repair, data)
        lines = [""] * max((b.paragraph or 0 for b in blocks), default=0)
        for block in blocks:
            if block.paragraph and block.table is None:
                lines[block.paragraph - 1] = block.text
    if not any(b.text.strip() or b.table for b in blocks):
        raise InputError([Problem("PF003", "no_text", file=str(path))])
    chars = sum(len(b.text) for b in blocks)
    if chars > DOCUMENT_CHARS:
        raise InputError([Problem("PF003", "too_much_text", {"chars": chars // 10_000, "limit": DOCUMENT_CHARS // 10_000,
                                                              "count": chars, "limit_count": DOCUMENT_CHARS},
                                  file=str(path))])
    from planforge.readers.infer import plan_parts
    from planforge.readers.script import read_as_simplified

    readable, write_back = read_as_simplified(blocks)
    return ReadDocument(path, plan_parts(readable), repairs, lines, digest, default_year or dt.date.today().year,
                        write_back)


def import_document(path: Path, default_year: int | None = None, repair: bool = True,
                    source: SourceFile | None = None) -> ImportResult:
    """Read a plan document into one `ImportedPlan` per plan it holds (most files hold one)."""
    from planforge.readers.blocks import ImportResult

    document = read_document(path, default_year, repair, source)
    plans = [imported for index in range(len(document.parts)) if (imported := document.plan(index)) is not None]
    if not plans:
        raise document.no_plan()
    return ImportResult(plans, document.repairs, document.lines, document.sha256)


def load_any_plan(path: Path, default_year: int | None = None):
    """A spec is loaded as written; a document is imported (its first plan)."""
    if path.suffix.lower() in SPEC_SUFFIXES:
        from planforge.spec.load import load_plan

        return load_plan(path).plan
    return import_document(path, default_year).plans[0].plan
