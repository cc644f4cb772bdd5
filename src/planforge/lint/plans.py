"""A file's plans as the rules see them: one `LintContext` per plan, made when it is asked for.

A spec is one plan, loaded whole. A document may hold many (a web page's collection, 篇1 … 篇N),
and each is inferred only when its context is asked for: the engine may judge a large collection's
plans in worker processes (lint/parallel.py), and inference is a third of that work. What a plan's
context says about the whole document needs only its first and its last plan, found by inferring
from either end: the first carries the document's text hygiene, the repairs its reading made and
the cover notice above its title; the last one, whether the text stops mid-sentence (looked for
only when the text does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from planforge.lint.context import LintContext, dated_above, ends_mid_sentence


def _never(code: str, line: int | None) -> bool:
    return False


class Plans:
    """`count` places that may each hold a plan; `context(i)` is its context, or None."""

    count = 0
    size = 0  # bytes of text (UTF-8) the plans are read from: whether sharing them out pays
    hygiene_index: int | None = None  # the plan whose rules read every line of the document

    def __init__(self) -> None:
        self.suppressed: Callable[[str, int | None], bool] = _never  # the engine sets the file's comments
        self.today: dt.date | None = None  # the day overdue items are judged on; None: the context's own

    def context(self, index: int) -> LintContext | None:
        raise NotImplementedError

    def contexts(self) -> list[LintContext]:
        return [ctx for index in range(self.count) if (ctx := self.context(index)) is not None]

    def _ready(self, ctx: LintContext) -> LintContext:
        ctx.suppressed = self.suppressed
        ctx.today = self.today or ctx.today
        return ctx


class MadePlans(Plans):
    """Contexts already made: a spec's one plan."""

    def __init__(self, made: list[LintContext]):
        super().__init__()
        self.made, self.count = made, len(made)

    def context(self, index: int) -> LintContext:
        return self._ready(self.made[index])


class DocumentPlans(Plans):
    """A document's parts (readers.ReadDocument), each inferred and made a context when asked."""

    def __init__(self, document, name: str):
        super().__init__()
        self.document, self.name, self.count = document, name, len(document.parts)
        self.residue = frozenset(r.line for r in document.repairs if r.kind == "noise-line" and r.line)
        self._imported: dict[int, Any] = {}  # part → its ImportedPlan, or None
        self._made: dict[int, LintContext | None] = {}
        self.first = next((i for i in range(self.count) if self._plan(i) is not None), None)
        if self.first is None:
            raise document.no_plan()
        self.hygiene_index = self.first
        self.cut = ends_mid_sentence(document.lines, name, self.residue)
        # the plan a cut document stops in (found from the end); asked only of one that is cut, so a
        # large collection's last plan is inferred by the worker that judges it, not here first
        self.last = next(i for i in reversed(range(self.count)) if self._plan(i) is not None) if self.cut else None

    @property
    def size(self) -> int:  # type: ignore[override]
        """Bytes of the document's text, a DOCX's paragraphs too: asked only where workers may pay."""
        return sum(len(line.encode("utf-8")) + 1 for line in self.document.lines)

    def _plan(self, index: int):
        if index not in self._imported:
            self._imported[index] = self.document.plan(index)
        return self._imported[index]

    def context(self, index: int) -> LintContext | None:
        if index not in self._made:
            self._made[index] = self._make(index)
        made = self._made[index]
        return None if made is None else self._ready(made)

    def _make(self, index: int) -> LintContext | None:
        imported = self._plan(index)
        if imported is None:
            return None
        first, lines = index == self.first, self.document.lines
        return LintContext(imported.plan, self.name, True, summary=imported.summary, anomalies=imported.anomalies,
                           lines=lines, hygiene=first, repairs=self.document.repairs if first else [],
                           untitled=("title",) in imported.guesses, residue=self.residue,
                           cut=self.cut and index == self.last and not imported.plan.signature,
                           covered=first and dated_above(lines, _title_line(imported.plan), self.residue))


def _title_line(plan) -> int | None:
    source = plan.source
    return None if source is None else (source.line if source.line is not None else source.paragraph)
