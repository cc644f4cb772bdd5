"""The folder list is the architecture, and the imports keep to it (read from the AST, so
`from rich.x import` or an import inside a function counts as much as one at the top)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__import__("planforge").__file__).parent
INFRA = {"errors", "i18n", "fileio", "cache", "confine", "watch", "limits", "docx_package", "templating", "patterns", "startup_code"}
PARTS = {"model", "spec", "readers", "render", "lint", "reuse", "lsp", "cli"}
# What each part may import from planforge besides itself and the infrastructure.
ALLOWED = {
    "infra": set(),
    "model": set(),
    "spec": {"model"},
    "readers": {"model", "spec"},
    "render": {"model"},
    "lint": {"model", "spec", "readers"},
    "reuse": {"model", "spec", "readers"},
    "lsp": {"model", "spec", "readers", "render", "lint"},  # the editor's door: lint, the outline's numbers
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


def _package(module: str) -> str:
    """The package a module belongs to: planforge.render for planforge.render.view, and an
    infrastructure module (planforge.errors) is its own."""
    return ".".join(module.split(".")[:2])


def _private_imports(path: Path, module: str):
    """(line, what) for each private name, or private module, of another package that `module`
    imports: `from planforge.spec.write import _emit`, `import planforge.render._parts`."""
    own = _package(module)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            if not name.startswith("planforge.") or _package(name) == own:
                continue
            if any(piece.startswith("_") and not piece.startswith("__") for piece in name.split(".")[1:]):
                yield node.lineno, name


def test_no_package_borrows_another_packages_private_names():
    """A private name is its package's to change: code that needs one from elsewhere either moves
    next to it or the name becomes public. cli/ is the exception: its commands are the glue."""
    wrong = [f"{module}:{line} imports {name}" for path, module in _modules() if _part(module) != "cli"
             for line, name in _private_imports(path, module)]
    assert wrong == []


def test_the_private_names_check_sees_a_borrowed_name(tmp_path: Path):
    """The check above would pass on nothing at all: it must see the kind of import it forbids."""
    borrowed = tmp_path / "borrow.py"
    borrowed.write_text("from planforge.spec.write import _emit\nfrom planforge.render.view import build_view\n"
                        "def f():\n    import planforge.render._hidden\n", encoding="utf-8")
    found = [name for _line, name in _private_imports(borrowed, "planforge.lint.borrow")]
    assert found == ["planforge.spec.write._emit", "planforge.render._hidden"]
    assert list(_private_imports(borrowed, "planforge.spec.borrow")) == [(4, "planforge.render._hidden")]


def test_the_arrows_named_by_the_design_hold():
    assert "lint" not in ALLOWED["render"]  # render never imports lint
    assert "render" not in ALLOWED["readers"]  # readers never import render
    assert "readers" not in ALLOWED["model"]  # the model imports no reader


def _import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.get(module, ())):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_two_modules_import_each_other():
    """An import loop (engine → fix → engine) is one module in two files: neither can be read,
    tested or moved without the other. Imports inside functions count: they only hide the loop."""
    modules = dict((module, path) for path, module in _modules())
    graph = {module: {imported for _line, imported in _imports(path) if imported in modules and imported != module}
             for module, path in modules.items()}
    assert _import_cycles(graph) == []


def test_the_cycle_check_sees_a_loop():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _import_cycles(graph) == [["a", "b", "c"]]
