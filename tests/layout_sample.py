"""The documents the layout engines are tried on, and what a reader counts on their pages.

Every example, and three plans imported from the shared corpus (a month-by-month union plan
with one attachment, a party branch's task list with owners, a youth league's key tasks with
three tables), rendered to DOCX the way a user renders them. The LibreOffice and rdocx tests
lay these files out and measure them with `planforge.render.pdf_lines`, the reader
`scripts/preview.py` prints its figures with.
"""

from __future__ import annotations

from pathlib import Path

from conftest import ALL_EXAMPLES, CORPUS, run_cli

from planforge.model.layouts import PRESET_BY_NAME
from planforge.render.pdf_lines import Page, first_attachment, full_line, lines_short
from planforge.render.presets import resolve_layout
from planforge.spec.load import load_plan

CORPUS_PLANS = ("pages/01_hunan-renwen-union-2023-monthly.txt", "pages/07_party-branch-2020-task-list-owners.txt",
                "pages/12_czit-youth-league-2017-key-tasks.txt")
LAYOUT = PRESET_BY_NAME["gbt9704"]
TOP = LAYOUT.margins_mm[0] / 25.4 * 72  # the type area's top, in points
LEFT = LAYOUT.margins_mm[2] / 25.4 * 72  # and its left edge
LINES = 22
LAYOUTS: dict = {}  # name → the document's layout, filled by build_documents


def on_the_grid(name: str) -> bool:
    """Whether a document promises the 22 × 28 grid (the gbt9704 preset; `common` sets 28 pt
    lines off the grid)."""
    return LAYOUTS[name].use_grid and LAYOUTS[name].line_pitch == LAYOUT.line_pitch


def build_documents(folder: Path) -> dict[str, Path]:
    """name → the delivered .docx, for every example and the corpus plans beside the project
    (left out where ../shared/corpus is absent)."""
    specs = {spec.stem: spec for spec in ALL_EXAMPLES}
    for relative in CORPUS_PLANS:
        source = CORPUS / relative
        if source.is_file():
            spec = folder / f"{source.stem}.yaml"
            result = run_cli("import", str(source), "-o", str(spec), "--year", "2027")
            assert result.returncode == 0, result.stderr
            specs[source.stem] = spec
    documents = {}
    for name, spec in specs.items():
        LAYOUTS[name] = resolve_layout(load_plan(spec).plan.style)
        target = folder / f"{name}.docx"
        result = run_cli("render", str(spec), "--to", "docx", "-o", str(target))
        assert result.returncode == 0, result.stderr
        documents[name] = target
    return documents


def full_body_pages(pages: list[Page]) -> list[Page]:
    """Body pages another body page follows: each should be full, 22 lines."""
    body = pages[: first_attachment(pages)]
    return body[:-1]


def early_endings(pages: list[Page]) -> list[tuple[int, int]]:
    """(page, lines left empty) for each body page ending more than two lines early, except
    the last body page and any page before an attachment."""
    return [(page.number, short) for page in full_body_pages(pages)
            if (short := lines_short(page, TOP, LAYOUT.line_pitch, LINES)) > 2]


def grid_figures(page: Page) -> tuple[int, float | None]:
    """(lines on the page, characters on a full line), as a person counts them; None for a page
    where no paragraph runs onto a second line (a month's short tasks) and no line is full."""
    return len(page.lines), full_line(page, LEFT, LAYOUT.body_size)
