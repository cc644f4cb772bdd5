"""CONTRIBUTING's size rule, kept by a test: no function over 60 lines and none over cyclomatic
complexity 20 without a comment above it that says why (one naming radon, so `grep -rn radon
src/` lists them all; what it says is for the reviewer to judge). The complexity is counted as
radon 6 counts it (`radon cc`: one, plus each if and ternary, loop and its else, except handler
and try's else, assert, comprehension and its ifs, match case but one that takes anything, and
each boolean operator's extra operand, in the body alone; nested functions and classes counted
on their own), so the test needs no radon installed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__import__("planforge").__file__).parent
MOST_COMPLEX = 20
LONGEST = 60


def complexity(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Radon's figure: its body only (not its defaults, annotations or decorators)."""
    total = 1

    def visit(node: ast.AST) -> None:
        nonlocal total
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return  # scored as functions of their own
        if isinstance(node, ast.Assert):
            total += 1
            return  # radon does not look inside an assert
        if isinstance(node, ast.Try):
            total += len(node.handlers) + bool(node.orelse)
        elif isinstance(node, ast.BoolOp):
            total += len(node.values) - 1
        elif isinstance(node, (ast.If, ast.IfExp)):
            total += 1
        elif isinstance(node, ast.Match):  # each case, but a case that takes anything (case _:)
            total += max(0, len(node.cases) - any(getattr(case.pattern, "pattern", False) is None for case in node.cases))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            total += 1 + bool(node.orelse)
        elif isinstance(node, ast.comprehension):
            total += 1 + len(node.ifs)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for statement in function.body:
        visit(statement)
    return total


def _comment_above(lines: list[str], function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The comment lines right above the function, at its own indentation: above its decorators,
    or between the last of them and the `def` (not a comment inside a decorator's arguments, nor
    one closing the body of the code before it)."""
    indent = lines[function.lineno - 1][: function.col_offset]
    last_decorator = max((d.end_lineno or d.lineno for d in function.decorator_list), default=0)
    said = [line.strip() for line in lines[last_decorator:function.lineno - 1]
            if last_decorator and line.startswith(indent + "#")]
    row = min([function.lineno] + [d.lineno for d in function.decorator_list]) - 2
    while row >= 0 and lines[row].startswith(indent + "#"):
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
    ("def f(x):\n    match x:\n        case 1:\n            pass\n        case 2:\n            pass\n        case _:\n            pass", 3),
    ("def f(x):\n    match x:\n        case 1:\n            pass\n        case [2, *rest] if rest:\n            pass", 3),
    ("def f(a, b):\n    assert a and b", 2),
    ("@decorate(x or y)\ndef f(a=1 if b else 2, c: int = 3 if d else 4):\n    f = lambda y: 1 if y else 2", 2),
])
def test_complexity_is_counted_as_radon_counts_it(source, score):
    """Figures radon 6 gives for these functions (each branch kind once; the nested g is its own)."""
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert complexity(function) == score
