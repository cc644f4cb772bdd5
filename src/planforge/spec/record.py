"""Reading a progress record (model/record.py) from its file, as a spec is read: composed safely,
every value located, duplicate keys refused, and checked against its plan. A record of another
plan is an error; ids the plan no longer has and plan items the record lacks are warnings, never
crashes: the record is a year of facts a person typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from planforge.errors import InputError, Problem, usage_error
from planforge.fileio import SourceFile, read_source
from planforge.model.plan import Plan
from planforge.model.record import Progress, progress_of
from planforge.model.status import first_tracked, is_tracked
from planforge.spec.compose import compose, nearest
from planforge.spec.validation import validation_problems


@dataclass
class LoadedProgress:
    """A record and where each of its values and keys was written: lint points into the record,
    and `progress set` edits those very lines."""

    record: Progress
    source: SourceFile
    positions: dict
    key_positions: dict
    warnings: list[Problem] = field(default_factory=list)


def load_progress(path: Path, plan: Plan) -> LoadedProgress:
    """Read and validate a record, then check it belongs to `plan` (an error) and that the two
    name the same items (warnings)."""

    if not path.exists():
        raise usage_error("progress_missing", path=str(path))
    return load_progress_text(read_source(path), plan)


def load_progress_text(source: SourceFile, plan: Plan) -> LoadedProgress:
    name = str(source.path)
    if not source.text.strip():
        raise InputError([Problem("PF002", "empty_file", file=name)])
    composed = compose(source.text, name)
    if composed.problems:  # a duplicate id would let the later block win silently: a year of facts lost
        raise InputError(composed.problems)
    if not isinstance(composed.data, dict):
        raise InputError([Problem("PF002", "not_a_mapping", file=name, line=1, col=1)])
    try:
        record = Progress.model_validate(composed.data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, composed, name, root=Progress)) from None
    if record.year != plan.year or record.plan.strip() != plan.title.strip():
        renamed = record.year == plan.year  # the same year's record: most often the plan's title was edited
        line, col = nearest(composed.positions, ("year",) if record.plan.strip() == plan.title.strip() else ("plan",))
        raise InputError([Problem("PF002", "progress_renamed_plan" if renamed else "progress_other_plan",
                                  {"title": record.plan, "year": record.year, "plan": plan.title, "plan_year": plan.year},
                                  file=name, line=line, col=col)])
    loaded = LoadedProgress(record, source, composed.positions, composed.key_positions)
    loaded.warnings = _mismatches(loaded, plan, name)
    return loaded


def _mismatches(loaded: LoadedProgress, plan: Plan, name: str) -> list[Problem]:
    ids = {item.id for _level, item in plan.walk() if item.id}
    found = []
    for item_id in loaded.record.items:
        if item_id not in ids:
            line, col = loaded.key_positions.get(("items", item_id), (None, None))
            found.append(Problem("PF002", "progress_unknown_item", {"id": item_id}, file=name,
                                 line=line, col=col, severity="warning"))
    found += _stale_targets(loaded, plan, name)
    found += _counted_elsewhere(loaded, plan, name)
    missing = [i for _level, i in plan.walk() if i.id and is_tracked(i) and i.id not in loaded.record.items]
    if missing:
        found.append(Problem("PF002", "progress_missing_items", {"count": len(missing),
                                                                 "ids": "、".join(i.id for i in missing[:8] if i.id)},
                             file=name, severity="warning"))
    return found


def _counted_elsewhere(loaded: LoadedProgress, plan: Plan, name: str) -> list[Problem]:
    """A status recorded for an item the year counts by its items (a record written before that
    rule, or by hand): it counts nowhere, so the person hears where it belongs. A note there is
    kept: the year-end report writes it under the item's heading."""
    found = []
    for _level, item in plan.walk():
        entry = loaded.record.items.get(item.id) if item.id else None
        if entry is None or is_tracked(item) or entry.state == "not-started":
            continue
        line, col = loaded.key_positions.get(("items", item.id), (None, None))
        found.append(Problem("PF002", "progress_counted_by_items", {"id": item.id, "first": first_tracked(item)}, file=name,
                             line=line, col=col, severity="warning"))
    return found


def _stale_targets(loaded: LoadedProgress, plan: Plan, name: str) -> list[Problem]:
    """Actuals recorded under a name the plan's target no longer has: kept by their place when
    one pairs with a renamed target (`progress set` rewrites the name), otherwise counted nowhere.
    Either way the person hears of it, since a figure silently left out is a wrong summary."""
    found = []
    for _level, item in plan.walk():
        entry = loaded.record.items.get(item.id) if item.id else None
        if entry is None:
            continue
        names = {t.what.strip() for t in item.targets}
        paired = {id(p): t.what for i, t in enumerate(item.targets) if (p := progress_of(entry, item.targets, i)) is not None}
        for index, recorded in enumerate(entry.targets):
            if recorded.what.strip() in names:
                continue
            line, col = loaded.positions.get(("items", item.id, "targets", index), (None, None))
            args = {"id": item.id, "what": recorded.what, "new": paired.get(id(recorded), "")}
            found.append(Problem("PF002", "progress_target_renamed" if id(recorded) in paired else "progress_unknown_target",
                                 args, file=name, line=line, col=col, severity="warning"))
    return found
