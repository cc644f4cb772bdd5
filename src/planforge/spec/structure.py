"""Checks on the raw data that hold even where pydantic rejects a field: reserved keys, a
number typed into a title (removed, with a warning), and duplicate ids."""

from __future__ import annotations

from typing import Any

from planforge.errors import Problem
from planforge.model.numbering import split_marker
from planforge.spec.compose import Composed, Path_, field_path, nearest

_RESERVED_KEYS = {"source", "typed_marker"}


def check_structure(data: dict, composed: Composed, name: str) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of the raw data; reserved keys are removed and typed numbers taken out
    of titles, in place."""
    check = _StructureCheck(composed, name)
    check.mapping(data, ())
    check.items(data.get("sections"), ("sections",))
    schedule = data.get("schedule")
    if isinstance(schedule, list):
        for i, entry in enumerate(schedule):
            check.mapping(entry, ("schedule", i))
            tasks = entry.get("tasks") if isinstance(entry, dict) else None
            for j, task in enumerate(tasks if isinstance(tasks, list) else []):
                check.mapping(task, ("schedule", i, "tasks", j))
    for key in ("style", "provenance"):
        check.mapping(data.get(key), (key,))
        if isinstance(data.get(key), dict):
            check.mapping(data[key].get("margins"), (key, "margins"))
    return check.errors, check.warnings


class _StructureCheck:
    """The walk's state. A class, not nested functions: a nested function that calls itself is a
    reference cycle, which would keep the spec's positions (a value for every node) alive until
    the collector happens by, instead of freeing them when the load is done."""

    def __init__(self, composed: Composed, name: str) -> None:
        self.composed, self.name = composed, name
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.seen_ids: dict[str, int | None] = {}

    def problem(self, code: str, key: str, path: Path_, severity: str = "error", at_key: bool = False, **args) -> Problem:
        composed = self.composed
        line, col = (composed.key_positions.get(path) if at_key else None) or nearest(composed.positions, path)
        return Problem(code, key, args, file=self.name, line=line, col=col, severity=severity,
                       field_path=field_path(path))

    def mapping(self, node: Any, path: Path_) -> None:
        if isinstance(node, dict):
            for key in _RESERVED_KEYS & node.keys():
                self.errors.append(self.problem("PF002", "reserved_key", path + (key,), at_key=True, name=key))
                del node[key]

    def items(self, items: Any, path: Path_) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            here = path + (index,)
            self.mapping(item, here)
            if not isinstance(item, dict):
                continue
            title = item.get("title")
            if isinstance(title, str):
                typed = split_marker(title)
                if typed and typed[0] != "cn_shi" and typed[3].strip():
                    item["title"] = typed[3]
                    self.warnings.append(self.problem("PF504", "typed_number", here + ("title",), severity="warning",
                                                      marker=typed[2]))
            item_id = item.get("id")
            if isinstance(item_id, str):
                line = nearest(self.composed.positions, here + ("id",))[0]
                if item_id in self.seen_ids:
                    self.errors.append(self.problem("PF002", "duplicate_id", here + ("id",), value=item_id,
                                                    first_line=self.seen_ids[item_id]))
                else:
                    self.seen_ids[item_id] = line
            self.items(item.get("items"), here + ("items",))
