"""The folder list is the architecture, and the imports keep to it (read from the AST, so
`from rich.x import` or an import inside a function counts as much as one at the top)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__import__("planforge").__file__).parent
INFRA = {"errors", "i18n", "fileio", "confine", "watch", "limits", "docx_package", "templating"}
PARTS = {"model", "spec", "readers", "render", "progress", "lint", "reuse", "cli"}
# What each part may import from planforge besides itself and the infrastructure.
ALLOWED = {
    "infra": set(),
    "model": set(),
    "spec": {"model"},
    "readers": {"model", "spec"},
    "render": {"model"},
    "progress": {"model", "spec", "readers", "render"},  # a summary is rendered like the plan
    "lint": {"model", "spec", "readers", "progress"},
    "reuse": {"model", "spec", "readers", "progress"},
    "cli": PARTS,
}
PRESENTATION = {"typer", "rich", "click"}  # the terminal belongs to cli/


def _part(module: str) -> str:
    """model, spec, … for a module of a part; infra for the infrastructure; top for the package
    itself (`planforge.__version__`, `__main__`)."""
    pieces = module.split(".")
    if len(pieces) > 1 and pieces[1] in PARTS:
        return pieces[1]
    if len(pieces) > 1 and pieces[1] in INFRA:
        return "infra"
    return "top"


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "planforge":
                for alias in node.names:
                    yield node.lineno, f"planforge.{alias.name}"
            else:
                yield node.lineno, node.module


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield path, ".".join(p for p in relative.parts if p != "__init__")


def test_the_top_level_lists_the_parts():
    """Modules and packages only: the installed wheel also carries data folders (templates/)."""
    entries = {p.stem for p in PACKAGE.glob("*.py")}
    entries |= {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert entries == PARTS | INFRA | {"__init__", "__main__"}


def test_every_import_follows_the_arrows():
    wrong = []
    for path, module in _modules():
        source = _part(module)
        if source == "top":
            continue
        for line, imported in _imports(path):
            top = imported.split(".")[0]
            if top in PRESENTATION and source != "cli":
                wrong.append(f"{module}:{line} imports {imported} (only cli/ speaks to the terminal)")
            if top != "planforge":
                continue
            target = _part(imported)
            if target in (source, "infra", "top"):
                continue
            if target not in ALLOWED[source]:
                wrong.append(f"{module}:{line} imports {imported} ({source} → {target} is not an allowed arrow)")
    assert wrong == []


def test_the_arrows_named_by_the_design_hold():
    assert "lint" not in ALLOWED["render"]  # render never imports lint
    assert "render" not in ALLOWED["readers"]  # readers never import render
    assert "readers" not in ALLOWED["model"]  # the model imports no reader
