"""The line edits of `progress set`, which change only the lines they must so the user's comments
and order stay: the record is YAML a person keeps all year, like the spec.

The starter (record_write.py) puts one item per block and one target per line, so an edit is a
line replaced or a line inserted; a record rewritten by hand into another shape is refused with a
message rather than reformatted, and every edit is read back and checked to change nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from planforge.errors import InputError, Problem, usage_error
from planforge.fileio import SourceFile, locked, write_atomic
from planforge.i18n import Bilingual, translate
from planforge.model.plan import Item, Plan
from planforge.model.record import STATUSES, ItemProgress, progress_of, status_name
from planforge.model.status import first_tracked, is_tracked
from planforge.spec.record import LoadedProgress, load_progress, load_progress_text
from planforge.spec.record_write import target_line
from planforge.spec.write import yaml_scalar


@dataclass
class Change:
    """What `progress set` was asked to change; None leaves a field alone."""

    status: str | None = None
    note: str | None = None
    actual: str | None = None  # as typed (1650, 1.2万, 97.5%, 15.6万元): read in the target's unit
    what: str | None = None  # which target the actual is for, when the item has several
    date: dt.date | None = None


def set_progress(plan: Plan, record_path: Path, item_id: str, change: Change, today: dt.date) -> Path:
    """`progress set`: read the record, change one item, write it back, all under a lock on the
    record, so that ten of them at once keep all ten updates. Returns the record's path."""
    with locked(record_path):
        loaded = load_progress(record_path, plan)  # read inside the lock: another set may just have written
        text = apply_change(loaded, plan, item_id, change, today)
        newline = loaded.source.newline
        write_atomic(record_path, loaded.source.encode(text.replace("\n", newline) if newline != "\n" else text))
    return record_path


def apply_change(loaded: LoadedProgress, plan: Plan, item_id: str, change: Change, today: dt.date) -> str:
    """The record's new text (lines joined by \\n) with `change` made to item `item_id`, checked to
    change nothing else: a layout the line edits do not know (flow style, hand-wrapped values)
    is refused rather than written with an entry lost."""
    before = _lf(loaded.source.text)
    _refuse_flow_layout(before.split("\n"), loaded, item_id)
    after = _edited(loaded, plan, item_id, change, today)
    _check_only_item_changed(before, after, item_id, loaded)
    return after


def _lf(text: str) -> str:
    """Line ends as \\n: CRLF and a lone CR (which YAML also reads as a line break) alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _refuse_flow_layout(lines: list[str], loaded: LoadedProgress, item_id: str) -> None:
    """`items: {jingsai: {status: 进行中}}` or `jingsai: {status: 进行中}`: the whole entry on one
    line, which replacing or inserting lines would break. Said plainly, with where."""
    name = str(loaded.source.path)
    for path in (("items",), ("items", item_id)):
        at = loaded.key_positions.get(path)
        if at is None:
            continue
        line = lines[at[0] - 1]
        colon = line.find(":", at[1] - 1)
        value = line[colon + 1:].split(" #", 1)[0].strip() if colon >= 0 else ""
        if not value:  # the value may open on the next line that holds something
            value = next((text.strip() for text in lines[at[0]:] if text.strip() and not text.lstrip().startswith("#")), "")
        if value.startswith(("{", "[")) and value != "{}":
            raise InputError([Problem("PF002", "progress_flow_layout", file=name, line=at[0], col=at[1])])


def _check_only_item_changed(before: str, after: str, item_id: str, loaded: LoadedProgress) -> None:
    """The edited text, read back, differs from the original only inside item `item_id`."""
    import yaml

    at = loaded.key_positions.get(("items",), (None, None))
    refused = InputError([Problem("PF002", "progress_hand_layout", file=str(loaded.source.path), line=at[0], col=at[1])])
    try:  # plain values stay strings: a note that looks like 2027-02-30 is text, not a bad date
        old, new = yaml.load(before, Loader=yaml.BaseLoader) or {}, yaml.load(after, Loader=yaml.BaseLoader) or {}
    except (yaml.YAMLError, ValueError):
        raise refused from None  # a layout the line edits broke: nothing is written
    if not isinstance(old, dict) or not isinstance(new, dict):
        raise refused
    old_items, new_items = old.pop("items", None) or {}, new.pop("items", None) or {}
    others_kept = all(new_items.get(key) == value for key, value in old_items.items() if key != item_id)
    if old != new or not others_kept or set(new_items) - set(old_items) - {item_id}:
        raise refused


def _id_hint(plan: Plan, given: str) -> Bilingual:
    """Where the id the user meant may be: an item whose title they typed instead (an imported
    plan's ids are positions, s1-1), an id one slip away, or else the first few ids there are."""
    items = [i for _lv, i in plan.walk() if i.id]
    titled = next((i for i in items if i.title.strip() == given.strip()), None)
    if titled is not None:
        return _said("progress_id_of_title", title=titled.title, found=titled.id)
    import difflib  # only a mistyped id needs it

    close = difflib.get_close_matches(given, [i.id for i in items if i.id], n=1, cutoff=0.6)
    if close:
        return _said("progress_id_close", found=close[0])
    tracked = [i.id for i in items if i.id and is_tracked(i)][:3]
    return _said("progress_ids_are", found="、".join(tracked) + "……") if tracked else Bilingual("", "")


def _said(key: str, **args: object) -> Bilingual:
    return Bilingual(translate(key, "zh", **args), translate(key, "en", **args))


def _edited(loaded: LoadedProgress, plan: Plan, item_id: str, change: Change, today: dt.date) -> str:
    item = next((i for _lv, i in plan.walk() if i.id == item_id), None)
    if item is None:
        raise usage_error("progress_no_such_item", id=item_id, hint=_id_hint(plan, item_id))
    if not is_tracked(item) and item_id not in loaded.record.items and (change.status or change.actual is not None):
        # a note alone is welcome: the year-end report writes it under the item's heading
        raise usage_error("progress_untracked", id=item_id, first=first_tracked(item))
    lines = _lf(loaded.source.text).split("\n")
    name = str(loaded.source.path)
    if item_id not in loaded.record.items:
        lines = _append_item(lines, loaded, item)
        return _edited(_reloaded(loaded, "\n".join(lines), plan), plan, item_id, change, today)
    key_line, key_col = loaded.key_positions[("items", item_id)]
    indent = " " * (key_col - 1 + 2)
    fields = _status_fields(change, loaded.record.items[item_id], today)
    if change.note is not None:
        fields["note"] = change.note
    inserts: list[str] = []
    for field_name, value in fields.items():
        at = loaded.key_positions.get(("items", item_id, field_name))
        if at is None:
            inserts.append(f"{indent}{field_name}: {yaml_scalar(value)}")
            continue
        written = getattr(loaded.record.items[item_id], field_name) is not None
        lines[at[0] - 1] = _replace_value(lines[at[0] - 1], at[1], field_name, yaml_scalar(value), written, name, at[0])
    if change.actual is not None:
        _set_actual(lines, loaded, item, change, today, indent, inserts, name)
    # New fields go after the item's one-line fields, before its targets: title, status, dates, note.
    targets_at = loaded.key_positions.get(("items", item_id, "targets"))
    if targets_at is not None:
        at_line = targets_at[0] - 1
    else:
        at_line = max([key_line] + [line for path, (line, _c) in loaded.positions.items()
                                    if path[:2] == ("items", item_id) and len(path) == 3])
    lines[at_line:at_line] = inserts
    return "\n".join(lines)


def _status_fields(change: Change, current: ItemProgress, today: dt.date) -> dict[str, object]:
    """The status as written in the record (完成 → 已完成) and the date it sets: the first date
    stays unless one is given, so a wrong finish date can be corrected with `--date`."""
    if change.status is None:
        return {}
    state = status_name(change.status)
    if state is None:
        raise usage_error("progress_bad_status", value=change.status)
    fields: dict[str, object] = {"status": STATUSES[state]}
    if state == "done" and (change.date is not None or current.finished is None):
        fields["finished"] = (change.date or today).isoformat()
    if state == "in-progress" and (change.date is not None or current.started is None):
        fields["started"] = (change.date or today).isoformat()
    return fields


def _set_actual(lines, loaded, item, change, today, indent, inserts, name) -> None:
    _actual_of(change.actual, None)  # a figure at all, before which target it is for
    targets = [t for t in item.targets if change.what is None or change.what in t.what]
    if not targets:
        raise usage_error("progress_no_target_named" if change.what else "progress_no_target", id=item.id, what=change.what or "")
    if len(targets) > 1:
        raise usage_error("progress_which_target", id=item.id, choices="、".join(t.what for t in targets))
    target = targets[0]
    record = loaded.record.items[item.id]
    new_line = target_line(target.what, target.value, target.unit, _actual_of(change.actual, target), change.date or today)
    existing = progress_of(record, item.targets, item.targets.index(target))  # a renamed target's entry moves
    if existing is None:
        if ("items", item.id, "targets") not in loaded.positions:
            inserts += [f"{indent}targets:", f"{indent}  - {new_line}"]
            return
        index = len(record.targets)  # appended after the last listed target
        last_line = loaded.positions[("items", item.id, "targets", index - 1)][0] if index else \
            loaded.positions[("items", item.id, "targets")][0]
        pad = lines[last_line - 1][: len(lines[last_line - 1]) - len(lines[last_line - 1].lstrip())]
        lines.insert(last_line, f"{pad}- {new_line}")
        return
    index = record.targets.index(existing)
    line_number, col = loaded.positions[("items", item.id, "targets", index)]
    text = lines[line_number - 1]
    if not text.rstrip().endswith("}") or "{" not in text:
        raise InputError([Problem("PF002", "progress_hand_layout", file=name, line=line_number, col=col)])
    lines[line_number - 1] = text[: text.index("{")] + new_line


def _actual_of(typed: str | None, target) -> float | int:
    """`--actual` read in the target's unit (15.6万 of a 万元 target is 15.6), or a usage error
    that says why: no figure, another unit, beyond what a record holds. With no target, only
    whether it is a figure at all (in whatever unit it names)."""
    from planforge.model.plan import MAX_MAGNITUDE, MAX_MAGNITUDE_SHOWN
    from planforge.model.wording import UnitMismatch, read_actual

    try:
        value = read_actual(typed or "", target.unit if target is not None else None)
    except UnitMismatch as mismatch:
        if target is None:
            return 0  # a figure in some unit: judged against the target it is for
        raise usage_error("progress_actual_unit", value=typed, written=mismatch.written, what=target.what,
                          unit=target.unit or "—") from None
    if value is None:
        raise usage_error("progress_bad_actual", value=typed)
    if abs(value) > MAX_MAGNITUDE:
        raise usage_error("option_number_range", option="--actual", value=typed, limit=MAX_MAGNITUDE_SHOWN)
    return value


def _replace_value(line: str, key_col: int, key: str, value: str, written: bool, name: str, number: int) -> str:
    """`key: old  # comment` → `key: new  # comment`. Only a value on the key's own line is
    replaced (a quoted one may hold ` #`); a block scalar, or a value continued on the lines
    below, is refused rather than half replaced."""
    head = line[: key_col - 1] + key + ":"
    if not line.startswith(head):
        raise InputError([Problem("PF002", "progress_hand_layout", file=name, line=number, col=key_col)])
    after = line[len(head):].lstrip()
    if not after or after.startswith("#"):
        if written:  # the value is on the lines below
            raise InputError([Problem("PF002", "progress_hand_layout", file=name, line=number, col=key_col)])
        return f"{head} {value}" + (f"  {after}" if after else "")
    end = _scalar_end(after)
    if end is None:
        raise InputError([Problem("PF002", "progress_hand_layout", file=name, line=number, col=key_col)])
    return f"{head} {value}{after[end:]}"


def _scalar_end(text: str) -> int | None:
    """Where a one-line YAML scalar at the start of `text` ends (a comment or nothing follows)."""
    if text.startswith(("|", ">", "[", "{")):
        return None
    quote = text[:1]
    if quote in ('"', "'"):
        index = 1
        while index < len(text):
            if quote == '"' and text[index] == "\\":
                index += 2
                continue
            if text[index] == quote:
                if quote == "'" and text[index + 1: index + 2] == "'":  # '' is a quote inside
                    index += 2
                    continue
                return index + 1
            index += 1
        return None  # the quote closes on a later line
    comment = text.find(" #")
    return len((text if comment < 0 else text[:comment]).rstrip())


def _append_item(lines: list[str], loaded: LoadedProgress, item: Item) -> list[str]:
    """A plan item the record does not list yet: its block after the last listed item."""
    if loaded.record.items:
        last_id = list(loaded.record.items)[-1]
        col = loaded.key_positions[("items", last_id)][1]
        end = max(line for path, (line, _c) in loaded.positions.items() if path[:2] == ("items", last_id))
    else:
        at = loaded.key_positions.get(("items",))
        if at is None:
            lines = [*(lines[:-1] if lines and not lines[-1] else lines), "items:", ""]
            end, col = len(lines) - 1, 3
        else:
            end, col = at[0], at[1] + 2
            lines[end - 1] = lines[end - 1].replace("{}", "").rstrip()
    pad = " " * (col - 1)
    block = [f"{pad}{yaml_scalar(item.id)}:", f"{pad}  title: {yaml_scalar(item.title)}", f"{pad}  status: {STATUSES['not-started']}"]
    return lines[:end] + block + lines[end:]


def _reloaded(loaded: LoadedProgress, text: str, plan: Plan) -> LoadedProgress:
    source = SourceFile(loaded.source.path, text, loaded.source.encoding)
    return load_progress_text(source, plan)
