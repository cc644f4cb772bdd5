"""CONTRIBUTING's size rule, kept by a test: no function over 60 lines and none over cyclomatic
complexity 20 without a comment above it that says why (one naming radon, so `grep -rn radon
src/` lists them all). The complexity is counted as radon counts it (`radon cc`: one, plus each
if, ternary, loop and its else, except handler and try's else, assert, comprehension and its
ifs, and each boolean operator's extra operand; nested functions and classes counted on their
own), so this test and the tool agree without radon being installed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__import__("planforge").__file__).parent
MOST_COMPLEX = 20
LONGEST = 60


def complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    total = 1

    def visit(node: ast.AST) -> None:
        nonlocal total
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue  # scored as functions of their own
            if isinstance(child, ast.Try):
                total += len(child.handlers) + bool(child.orelse)
            elif isinstance(child, ast.BoolOp):
                total += len(child.values) - 1
            elif isinstance(child, (ast.If, ast.IfExp, ast.Assert)):
                total += 1
            elif isinstance(child, (ast.For, ast.AsyncFor, ast.While)):
                total += 1 + bool(child.orelse)
            elif isinstance(child, ast.comprehension):
                total += 1 + len(child.ifs)
            visit(child)

    visit(function)
    return total


def _comment_above(lines: list[str], function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The comment lines right above the function (above its decorators, or between them)."""
    first = min([function.lineno] + [d.lineno for d in function.decorator_list])
    said = [line.strip() for line in lines[first - 1:function.lineno - 1] if line.strip().startswith("#")]
    row = first - 2
    while row >= 0 and lines[row].strip().startswith("#"):
        said.insert(0, lines[row].strip())
        row -= 1
    return " ".join(said)


def _functions():
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}", node, lines


def test_a_large_or_branchy_function_says_why():
    unexplained = []
    for where, function, lines in _functions():
        score, length = complexity(function), function.end_lineno - function.lineno + 1
        if (score > MOST_COMPLEX or length > LONGEST) and "radon" not in _comment_above(lines, function):
            unexplained.append(f"{where}: complexity {score}, {length} lines")
    assert not unexplained, "split these, or say why above them (a comment naming radon):\n" + "\n".join(unexplained)


@pytest.mark.parametrize(("source", "score"), [
    ("def f(a):\n    return a", 1),
    ("def f(a, b):\n    if a and b or a:\n        return [x for x in a if x if b]\n    return a if b else b", 8),
    ("def f(a):\n    for x in a:\n        pass\n    else:\n        pass\n    while a:\n        break", 4),
    ("def f(a):\n    try:\n        pass\n    except ValueError:\n        pass\n    except KeyError:\n        pass\n"
     "    else:\n        assert a\n    def g(b):\n        if b:\n            pass", 5),
])
def test_complexity_is_counted_as_radon_counts_it(source, score):
    """Figures radon 6 gives for these functions (each branch kind once; the nested g is its own)."""
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert complexity(function) == score
