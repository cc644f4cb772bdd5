"""Checks on the raw data that hold even where pydantic rejects a field: reserved keys, a
number typed into a title (removed, with a warning), and duplicate ids."""

from __future__ import annotations

from typing import Any

from planforge.errors import Problem
from planforge.model.numbering import split_marker
from planforge.spec.compose import Composed, Path_, field_path, nearest

_RESERVED_KEYS = {"source", "typed_marker"}


def check_structure(data: dict, composed: Composed, name: str) -> tuple[list[Problem], list[Problem]]:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    pos = composed.positions
    seen_ids: dict[str, int | None] = {}

    def problem(code, key, path, severity="error", at_key=False, **args):
        line, col = (composed.key_positions.get(path) if at_key else None) or nearest(pos, path)
        return Problem(code, key, args, file=name, line=line, col=col, severity=severity,
                       field_path=field_path(path))

    def visit_mapping(node: Any, path: Path_) -> None:
        if isinstance(node, dict):
            for key in _RESERVED_KEYS & node.keys():
                errors.append(problem("PF002", "reserved_key", path + (key,), at_key=True, name=key))
                del node[key]

    def visit_items(items: Any, path: Path_) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            here = path + (index,)
            visit_mapping(item, here)
            if not isinstance(item, dict):
                continue
            title = item.get("title")
            if isinstance(title, str):
                typed = split_marker(title)
                if typed and typed[0] != "cn_shi" and typed[3].strip():
                    item["title"] = typed[3]
                    warnings.append(problem("PF504", "typed_number", here + ("title",), severity="warning", marker=typed[2]))
            item_id = item.get("id")
            if isinstance(item_id, str):
                line = nearest(pos, here + ("id",))[0]
                if item_id in seen_ids:
                    errors.append(problem("PF002", "duplicate_id", here + ("id",), value=item_id, first_line=seen_ids[item_id]))
                else:
                    seen_ids[item_id] = line
            visit_items(item.get("items"), here + ("items",))

    visit_mapping(data, ())
    visit_items(data.get("sections"), ("sections",))
    schedule = data.get("schedule")
    if isinstance(schedule, list):
        for i, entry in enumerate(schedule):
            visit_mapping(entry, ("schedule", i))
            tasks = entry.get("tasks") if isinstance(entry, dict) else None
            for j, task in enumerate(tasks if isinstance(tasks, list) else []):
                visit_mapping(task, ("schedule", i, "tasks", j))
    for key in ("style", "provenance"):
        visit_mapping(data.get(key), (key,))
        if isinstance(data.get(key), dict):
            visit_mapping(data[key].get("margins"), (key, "margins"))
    return errors, warnings
