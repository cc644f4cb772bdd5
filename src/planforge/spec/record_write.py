"""The text of a progress record, as planforge writes one: the starter of `progress init`, and the
record `import --progress-for` guesses from a 总结. One item a block and one target a line (a flow
mapping), the layout `progress set` (record_edit.py) edits line by line; the header points editors
at the record's JSON Schema.
"""

from __future__ import annotations

from pathlib import Path

from planforge.model.plan import Item, Plan
from planforge.model.record import STATUSES
from planforge.model.status import is_tracked
from planforge.spec.schema import PROGRESS_SCHEMA_FILENAME, progress_schema_json
from planforge.spec.write import yaml_scalar


def check_new_record(target: Path, plan: Plan, plan_path: Path, inputs: list[Path], force: bool) -> None:
    """Before any work: a record is written only where no spec or input is, over a record only
    with `force`, and for a plan whose items have ids to list it by."""
    from planforge.errors import usage_error
    from planforge.fileio import guard_output

    guard_output(target, inputs, force=False, replace_record=True)  # a record only with force (below); a spec never
    if target.exists() and not force:
        raise usage_error("progress_exists", path=str(target))
    if not any(item.id for _level, item in plan.walk()):
        raise usage_error("progress_nothing_to_track", path=str(plan_path))


def write_record(target: Path, text: str, force: bool) -> Path | None:
    """Write a new record (`progress init`, `import --progress-for`), and beside it, where none
    is, the JSON Schema its first line points editors at; the schema's path when it was written."""
    from planforge.fileio import write_atomic

    write_atomic(target, text.encode("utf-8"), exclusive=not force)
    schema_path = target.parent / PROGRESS_SCHEMA_FILENAME
    if schema_path.exists():
        return None
    write_atomic(schema_path, progress_schema_json().encode("utf-8"))
    return schema_path


def starter_text(plan: Plan, plan_file: str) -> tuple[str, list[Item]]:
    """The record's text, and the plan items it could not list (they have no id)."""
    without_id = [item for _level, item in plan.walk() if not item.id]
    return record_lines(plan, plan_file, {}), without_id


def record_lines(plan: Plan, plan_file: str, entries: dict[str, tuple[str, str | None, dict]],
                 header: str | None = None) -> str:
    """A record listing every plan item with an id: one block an item, one line a target. Each
    entry of `entries` (by id) gives the status, a comment for the status line, and actual values
    by target name; items without an entry start as 未开始."""
    lines = [
        f"# yaml-language-server: $schema={PROGRESS_SCHEMA_FILENAME}",
        f"# {plan.title} 的进度记录（planforge progress），计划文件：{plan_file}",
        *([f"# {header}"] if header else []),
        "# 按事项 id 记录；status：未开始 / 进行中 / 已完成 / 已取消 / 延期；actual：完成值，date：统计日期",
        "progress: 1",
        f"plan: {yaml_scalar(plan.title)}",
        f"year: {plan.year}",
        "items:",
    ]
    for _level, item in plan.walk():
        if not item.id or not is_tracked(item):
            continue
        status, comment, actuals = entries.get(item.id, (STATUSES["not-started"], None, {}))
        lines += [f"  {yaml_scalar(item.id)}:", f"    title: {yaml_scalar(item.title)}",
                  f"    status: {status}" + (f"  # {comment}" if comment else "")]
        if item.targets:
            lines.append("    targets:")
            lines += [f"      - {target_line(t.what, t.value, t.unit, actuals.get(t.what), None)}" for t in item.targets]
    if lines[-1] == "items:":
        lines[-1] = "items: {}"
    return "\n".join(lines) + "\n"


def target_line(what, target, unit, actual, date) -> str:
    """One target on one line (a flow mapping), the shape `progress set` replaces whole."""
    parts = [f"what: {yaml_scalar(what)}", f"target: {yaml_scalar(target)}"]
    if unit:
        parts.append(f"unit: {yaml_scalar(unit)}")
    parts += [f"actual: {yaml_scalar(actual)}", f"date: {yaml_scalar(date.isoformat() if date else None)}"]
    return "{" + ", ".join(parts) + "}"
