"""Loading a YAML plan spec: read once, composed safely (compose.py), checked (structure.py),
validated by pydantic with every error located (validation.py), and every node given the
position it was read at. The loader refuses only what a `Plan` cannot represent; whether a value
is plausible is the linter's to judge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planforge.errors import InputError, Problem
from planforge.fileio import SourceFile, read_source
from planforge.limits import SPEC_BYTES
from planforge.model.plan import Node, Plan, Source, plan_problems
from planforge.spec.compose import Composed, Path_, compose, field_path, nearest
from planforge.spec.structure import check_structure
from planforge.spec.validation import validation_problems


@dataclass(eq=False, repr=False)
class LoadedPlan:
    """A spec read and validated: the plan, the warnings, the file as read and where each value was
    written (for messages and --fix that point at a line)."""

    plan: Plan
    warnings: list[Problem] = field(default_factory=list)
    source: SourceFile | None = None  # the file as read: its lines, encoding and line endings
    positions: dict = field(default_factory=dict)  # data path → (line, col) of each value
    node_paths: dict = field(default_factory=dict)  # id(node) → data path

    def position(self, node, field_name: str | None = None) -> tuple[int | None, int | None]:
        """Where a node's field (or the node) was written, for messages that point at it."""
        path = self.node_paths.get(id(node))
        if path is None:
            return (node.source.line, node.source.col) if getattr(node, "source", None) else (None, None)
        return nearest(self.positions, path + ((field_name,) if field_name else ()))


def _attach_sources(plan: Plan, composed: Composed, name: str) -> dict[int, Path_]:
    """Give every node the position it was read at; return id(node) → data path."""
    paths: dict[int, Path_] = {}
    stack: list[tuple[Any, Path_]] = [(plan, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, Node):
            line, col = nearest(composed.positions, path)
            node.source = Source.model_construct(file=name, line=line, col=col, paragraph=None)  # trusted values: skip validation
            paths[id(node)] = path
            for field_name in type(node).model_fields:
                if field_name != "source":
                    stack.append((getattr(node, field_name), path + (field_name,)))
        elif isinstance(node, list):
            stack.extend((child, path + (i,)) for i, child in enumerate(node))
    return paths


def load_plan_text(text: str, name: str = "<input>", source: SourceFile | None = None) -> LoadedPlan:
    composed = compose(text, name)
    if composed.problems and composed.data is None:
        raise InputError(composed.problems)
    data = composed.data
    if data is None:
        raise InputError([Problem("PF002", "empty_file", file=name, line=1, col=1)])
    if not isinstance(data, dict):
        raise InputError([Problem("PF002", "not_a_mapping", file=name, line=1, col=1)])
    errors = list(composed.problems)
    structure_errors, warnings = check_structure(data, composed, name)
    errors += structure_errors
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        errors += validation_problems(exc, composed, name)
        raise InputError(sorted(errors, key=_order)) from None
    paths = _attach_sources(plan, composed, name)
    for key, args, node, field_name in plan_problems(plan):
        path = paths.get(id(node), ()) + (field_name,)
        line, col = nearest(composed.positions, path)
        errors.append(Problem("PF002", key, args, file=name, line=line, col=col, field_path=field_path(path)))
    if errors:
        raise InputError(sorted(errors, key=_order))
    return LoadedPlan(plan, warnings, source, composed.positions, paths)


def _order(problem: Problem) -> tuple:
    # At one position, "unknown field titel, did you mean title?" explains "title is missing".
    return (problem.line or 0, problem.col or 0, problem.code, problem.key == "missing")


def load_plan(path: str | Path, max_bytes: int = SPEC_BYTES) -> LoadedPlan:
    """Read, decode and validate a plan spec; raises InputError with every problem found."""
    return load_plan_source(read_source(Path(path), max_bytes))


def load_plan_source(source: SourceFile) -> LoadedPlan:
    """Validate a spec already read (the linter reads once and keeps the lines for itself)."""
    if not source.text.strip():
        raise InputError([Problem("PF002", "empty_file", file=str(source.path))])
    return load_plan_text(source.text, str(source.path), source)
