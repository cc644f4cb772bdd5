"""One open document as the server sees it: what kind of file it is, its lint result, and its plan
indexed once per version (items with their generated numbers and places, ids and where they are
used), which the outline, hover, definitions and completion read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from planforge.lint.engine import FileResult, LintConfig, collect_files, lint_file, lint_text
from planforge.lsp.index import PlanIndex, build_index
from planforge.patterns import lazy
from planforge.readers import TEXT_READERS
from planforge.spec import SPEC_SUFFIXES
from planforge.spec.record_path import plan_beside_record

_PLAN_KEY = lazy(r"^(?:\ufeff)?\s*\{?\s*[\"']?(planforge|title|sections)[\"']?\s*:", re.MULTILINE)
_RECORD_NAME = (".progress.yaml", ".progress.yml")


def kind_of(path: Path, text: str, config: LintConfig) -> str | None:
    """spec, record, document, or None for a file the server leaves alone (a docker-compose.yml,
    a README.md): the same judgement as `lint --only-plans`, made on the buffer."""
    suffix = path.suffix.lower()
    if suffix in SPEC_SUFFIXES:
        if path.name.endswith(_RECORD_NAME):
            return "record"
        keys = set(_PLAN_KEY.findall(text[:65536]))
        return "spec" if "planforge" in keys or {"title", "sections"} <= keys else None
    if suffix in TEXT_READERS:
        chosen = collect_files([path], config.include, config.root, only_plans=True)
        return "document" if chosen.files else None
    return None


class Lines:
    """A text's lines and the editor's column units (UTF-16 unless the client chose another
    encoding): the core counts characters from 1, LSP counts code units from 0."""

    def __init__(self, text: str, units: Callable[[str], int] = lambda s: len(s.encode("utf-16-le")) // 2):
        self.lines = text.splitlines() or [""]
        self.units = units

    def line(self, number: int) -> str:
        """Line `number` (1-based); empty past the end."""
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def position(self, line: int, col: int) -> types.Position:
        """1-based line and character column → the editor's position."""
        text = self.line(line)
        return types.Position(max(line - 1, 0), self.units(text[: max(col - 1, 0)]))

    def range(self, line: int, start: int, end: int, end_line: int | None = None) -> types.Range:
        return types.Range(self.position(line, start), self.position(end_line or line, end))

    def column(self, position: types.Position) -> tuple[int, int]:
        """The editor's position → 1-based line and character column."""
        text = self.line(position.line + 1)
        count = 0
        for index, char in enumerate(text):
            if count >= position.character:
                return position.line + 1, index + 1
            count += self.units(char)
        return position.line + 1, len(text) + 1

    def word_at(self, position: types.Position, pattern: str = r"[A-Za-z0-9_-]+") -> tuple[str, int]:
        """The word (an id, a rule code) under the cursor and its 1-based start column."""
        line, col = self.column(position)
        for match in re.finditer(pattern, self.line(line)):
            if match.start() < col <= match.end() + 1:
                return match.group(), match.start() + 1
        return "", col


@dataclass
class Analysis:
    """A document at one version: its kind, the lint result the diagnostics came from, and the
    plan's index (built on first use: a hover or the outline, not every keystroke, pays for it)."""

    path: Path
    text: str
    kind: str | None
    config: LintConfig
    result: FileResult | None = None
    version: int | None = None
    plan_text: Callable[[Path], str | None] = field(default=lambda path: None, repr=False)
    _index: PlanIndex | None = field(default=None, repr=False)

    @property
    def lint_target(self) -> Path | None:
        """The file the linter reads: the document itself, or for a record the plan beside it."""
        return plan_beside_record(self.path) if self.kind == "record" else self.path

    def index(self) -> PlanIndex | None:
        if self._index is None:
            self._index = build_index(self)
        return self._index


def analyse(path: Path, text: str, config: LintConfig, plan_text: Callable[[Path], str | None],
            version: int | None = None) -> Analysis:
    """Lint a buffer with the engine `planforge lint` uses. A progress record is checked with its
    plan (the open buffer if the plan is open, else the file), as `lint` checks it."""
    analysis = Analysis(path, text, kind_of(path, text, config), config, version=version, plan_text=plan_text)
    if analysis.kind in ("spec", "document"):
        analysis.result = lint_text(path, text, config)
    elif analysis.kind == "record":
        plan = analysis.lint_target
        if plan is not None:
            held = plan_text(plan)
            analysis.result = lint_text(plan, held, config) if held is not None else lint_file(plan, config)
    return analysis


def relint(analysis: Analysis, text: str) -> FileResult:
    """The same document with other text (a fix applied), for `source.fixAll`'s rounds."""
    return lint_text(analysis.path, text, analysis.config)
