"""What a rule sees: the plan, where each node and field was written, and the document's own
facts that only a reader knows (typed numbering, placeholders, whether it reads as a summary)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from planforge.errors import Problem
from planforge.model.plan import Item, Node, Plan


@dataclass(frozen=True)
class Finding(Problem):
    """A lint finding: a located problem (the one diagnostic type, shared with the loader and the
    readers), plus an optional safe, idempotent rewrite of the finding's line for `--fix`. A rule's
    finding is keyed by its code in the message catalogue."""

    fix: Callable[[str], str] | None = None

    @classmethod
    def of(cls, problem: Problem, **changes) -> Finding:
        """A loader's or reader's problem as a finding (its own key and words kept)."""
        fields = {name: getattr(problem, name) for name in problem.__dataclass_fields__}
        return cls(**{**fields, **changes})


@dataclass
class LintContext:
    plan: Plan
    file: str
    is_document: bool
    summary: bool = False
    anomalies: list = field(default_factory=list)
    repairs: list = field(default_factory=list)  # what the reader had to mend to see the structure
    untitled: bool = False  # a document with no title of its own (the plan's title was made up)
    loaded: Any = None  # spec.load.LoadedPlan for specs: precise field positions
    lines: list[str] = field(default_factory=list)  # a document's own lines (a DOCX's paragraphs)
    # Text hygiene (PF4xx) on a document runs once per file over every line, not per plan over
    # the fields inference made: the first plan's context carries it, the others skip it.
    hygiene: bool = True
    # Whether a suppression comment covers (code, line); the engine sets it from the file's comments.
    suppressed: Callable[[str, int | None], bool] = field(default=lambda code, line: False, repr=False)
    progress: Any = None  # progress.record.LoadedProgress: the record beside a spec, when there is one
    today: dt.date = field(default_factory=dt.date.today)  # what "overdue" is judged against
    _items: list | None = field(default=None, init=False, repr=False)
    findings: list[Finding] = field(default_factory=list)

    def at(self, node: Node, field_name: str | None = None) -> tuple[int | None, int | None]:
        if self.loaded is not None:
            return self.loaded.position(node, field_name)
        source = node.source
        if source is None:
            return None, None
        return (source.line if source.line is not None else source.paragraph), source.col

    def items(self) -> list[tuple[int, Item, list[Item]]]:
        """Every item with its level and its ancestors (outermost first), depth first. Walked once
        and kept: a dozen rules ask, and rules never change the plan."""
        if self._items is None:
            self._items = list(self.plan.walk_with_ancestors())
        return self._items

    def hygiene_texts(self) -> Iterator[tuple[str, Callable[[int], tuple[int | None, int | None]]]]:
        """(text, where) for the text hygiene rules: where(offset) gives the line and column of an
        offset. A document gives its lines as written, so punctuation at a heading's cut, schedule
        tasks and a summary's retrospective part are all checked; a spec gives its fields."""
        if self.is_document and self.lines:
            if not self.hygiene:
                return
            residue = {r.line for r in self.repairs if r.kind == "noise-line" and r.line}
            for number, line in _prose_lines(self.lines, self.file):
                if number not in residue:  # page chrome is PF604's: one finding, not one per comma in it
                    yield line, _at_line(number)
            return
        for node, field_name, text in self.texts():
            yield text, _in_field(self, node, field_name, text)

    def texts(self) -> Iterator[tuple[Node, str, str]]:
        """(node, field, text) for every free text a reader would read."""
        plan = self.plan
        for name in ("title", "organization", "preamble", "signature", "draft"):
            if getattr(plan, name):
                yield plan, name, getattr(plan, name)
        for _level, item, _ancestors in self.items():
            yield item, "title", item.title
            if item.text:
                yield item, "text", item.text
            if not self.is_document:  # a document's targets were read out of the text just yielded
                for target in item.targets:
                    yield target, "what", target.what
        for entry in plan.schedule:
            for task in entry.tasks:
                yield task, "text", task.text


def _at_line(number: int) -> Callable[[int], tuple[int | None, int | None]]:
    return lambda offset: (number, offset + 1)


def _in_field(ctx: LintContext, node: Node, field_name: str, text: str) -> Callable[[int], tuple[int | None, int | None]]:
    from planforge.lint.rules_text import locate

    return lambda offset: locate(ctx, node, field_name, offset, text)


_MARKDOWN_SUFFIXES = (".md", ".markdown")
_FENCE = ("```", "~~~")


def _prose_lines(lines: list[str], file: str) -> Iterator[tuple[int, str]]:
    """(number, line) of a document's non-blank lines that are its prose. In Markdown, front matter
    (`---` … `---` at the top) and fenced code are syntax and data, never rewritten by a fix."""
    markdown = file.lower().endswith(_MARKDOWN_SUFFIXES)
    fence: str | None = None
    front = markdown and bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if front:
            if number > 1 and stripped in ("---", "..."):
                front = False
            continue
        if markdown and (fence or stripped.startswith(_FENCE)):
            run = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))] if stripped else ""
            if fence is None:
                fence = run  # the whole opening run: ```` is closed only by ```` or longer
            elif run.startswith(fence) and run[0] == fence[0] and not stripped[len(run):].strip():
                fence = None
            continue
        if stripped:
            yield number, line
