"""What readers hand to structure inference, and what inference hands back.

A reader (text, Markdown, DOCX) turns a file into `Block`s, one per paragraph or table, with where
each came from; `readers.infer` turns blocks into `ImportedPlan`s. These types sit below both so
that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planforge.i18n import translate, translate_in_paragraphs
from planforge.model.plan import Plan
from planforge.readers.cleanup import Repair


@dataclass
class Block:
    """One paragraph, line or table of a document as a reader found it, with where it stands and
    what its markup says of it (heading level, list numbering, the title)."""

    text: str
    line: int | None = None
    paragraph: int | None = None
    heading: int | None = None  # a heading level given by the markup (Markdown #, DOCX Heading n)
    table: list[list[str]] | None = None
    # A list item whose numbering the markup gives (a Markdown list, Word's automatic numbering):
    # items of one family are siblings, a new family nests below the open item. `marker` is what
    # the reader sees (1. 一、 or - for a bullet); it is not typed text, so it is never linted.
    list_family: str | None = None
    marker: str | None = None
    col: int | None = None  # where a piece cut from a flattened line starts (1-based): findings stay findable
    role: str | None = None  # "title": the markup says this is the document's title (# title, front matter)


@dataclass
class Anomaly:
    """A numbering fault the reader saw while nesting the items (a skipped or repeated number, a
    restart, a list carried on): lint reports it (PF5xx), and `import --report` lists it."""

    line: int | None
    kind: str  # skip | repeat | restart | continued | split-number | intruder
    marker: str  # as typed: 三、, 11、
    number: int | None = None  # the number carried over (continued) or missing (skip)
    col: int | None = None
    parent: str | None = None  # an intruder's: the marker it was typed under

    @classmethod
    def at(cls, block: Block, kind: str, marker: str, number: int | None = None) -> Anomaly:
        """An anomaly found where `block` is: its line (a DOCX's paragraph number) and column."""
        line = block.line if block.line is not None else block.paragraph
        return cls(line, kind, marker, number, col=block.col)

    def message(self, lang: str = "zh", in_paragraphs: bool = False) -> str:
        """In `lang`; `in_paragraphs`: said of a Word file's paragraphs (拆在两段), not of lines."""
        key = f"anomaly_{self.kind}" + ("_gap" if self.kind == "skip" and self.number is not None else "")
        said = translate_in_paragraphs if in_paragraphs else translate
        return said(key, lang, marker=self.marker, number=self.number)

    @property
    def detail(self) -> str:
        return self.message("zh")


@dataclass
class ImportedPlan:
    """One plan read from a document, with what the reader guessed (to confirm), the numbering
    faults and placeholders it saw, and the prose it had no place for."""

    plan: Plan
    guesses: dict[tuple, str] = field(default_factory=dict)  # spec path → what to confirm
    anomalies: list[Anomaly] = field(default_factory=list)
    placeholders: list[tuple[int | None, str]] = field(default_factory=list)
    summary: bool = False
    # Prose after the plan a spec has no place for (an attachment's 方案, a plan run on after the
    # first one's attachments), by line: the importer names it instead of dropping it unseen.
    left_out: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    """Everything read from one document: its plans, the repairs made to its text, and its lines
    as written."""

    plans: list[ImportedPlan]
    repairs: list[Repair]
    # The document's lines as written (a DOCX's paragraphs by paragraph number, tables blank):
    # the linter checks text hygiene on every one of them, whatever part of which plan it is.
    lines: list[str] = field(default_factory=list)
    sha256: str | None = None  # of the document's bytes as read, for the imported spec's provenance
